// Package cli implements Khareeta's headless command line: one file per
// subcommand group, each registering its commands in init. It talks to the
// store, layout, render, interop and analysis packages and never imports Fyne.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Command is one subcommand.
type Command struct {
	Name    string // "render"
	Args    string // "FILE -o OUT.png [flags]"
	Summary string // one line for the command list
	// Flags declares the command's flags on fs; it may be nil.
	Flags func(fs *flag.FlagSet)
	// Run executes the command with its positional arguments.
	Run func(env *Env, fs *flag.FlagSet, args []string) error
	// MinArgs and MaxArgs bound the positional arguments (MaxArgs < 0: no bound).
	MinArgs, MaxArgs int
}

// Env is what a command may use to talk to the world.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

var commands = map[string]*Command{}

// Register adds a command; it panics on a duplicate name (a programming error).
func Register(c *Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// Exit is an error that carries a specific exit status (e.g. 1 from check
// when it found problems, after it printed them).
type Exit struct{ Code int }

func (e Exit) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// IsCommand reports whether name is a registered subcommand (or help).
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "help" || name == "--help" || name == "-h" || name == "version" || name == "--version"
}

// Version is the application version, set by main.
var Version = "dev"

// Main runs the subcommand named by args[0] and returns the process exit status.
func Main(args []string, env *Env) int {
	if env == nil {
		env = &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				usage(env.Stdout, c, newFlagSet(c, env.Stdout))
				return 0
			}
		}
		listCommands(env.Stdout)
		return 0
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(env.Stdout, "khareeta", Version)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "khareeta: unknown command %q\n\n", args[0])
		listCommands(env.Stderr)
		return 2
	}
	fs := newFlagSet(c, env.Stderr)
	pos, err := Parse(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(env.Stdout)
		usage(env.Stdout, c, fs)
		return 0
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "khareeta %s: %v\n", c.Name, err)
		fmt.Fprintf(env.Stderr, "usage: khareeta %s %s (see khareeta %s --help)\n", c.Name, c.Args, c.Name)
		return 2
	}
	if len(pos) < c.MinArgs || (c.MaxArgs >= 0 && len(pos) > c.MaxArgs) {
		fmt.Fprintf(env.Stderr, "khareeta %s: wrong number of arguments\nusage: khareeta %s %s\n", c.Name, c.Name, c.Args)
		return 2
	}
	if err := c.Run(env, fs, pos); err != nil {
		var ex Exit
		if errors.As(err, &ex) {
			return ex.Code
		}
		fmt.Fprintf(env.Stderr, "khareeta %s: %v\n", c.Name, err)
		return 1
	}
	return 0
}

func newFlagSet(c *Command, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c.Flags != nil {
		c.Flags(fs)
	}
	_ = out
	return fs
}

// Parse parses flags that may stand before, between or after positional
// arguments ("render FILE -o OUT.png" as well as "render -o OUT.png FILE");
// "--" ends flag parsing.
func Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if i := len(args) - len(rest); i > 0 && args[i-1] == "--" {
			return append(pos, rest...), nil // the flag package consumed "--"
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func usage(w io.Writer, c *Command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: khareeta %s %s\n\n%s\n", c.Name, c.Args, c.Summary)
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

func listCommands(w io.Writer) {
	fmt.Fprintln(w, "Khareeta (خريطة): knowledge maps for research.")
	fmt.Fprintln(w, "\nusage:\n  khareeta                 open the desktop app\n  khareeta FILE.kmap       open the desktop app on FILE\n  khareeta COMMAND [args]  run a command headless")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].Summary)
	}
	fmt.Fprintln(w, "\nRun 'khareeta COMMAND --help' for a command's flags.")
}

// StringList is a flag.Value for comma-separated lists ("threat,pillar").
type StringList []string

func (l *StringList) String() string { return strings.Join(*l, ",") }

// Set splits on commas and appends, so the flag may also be repeated.
func (l *StringList) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}
