// Package cli implements Khareeta's headless command line. It is a thin
// adapter from flags to the use cases of internal/app, the ones the
// desktop app calls: the command list is in commands.go, each command is a
// typed options struct whose flags are bound to its fields, and the files
// per command group only parse, call app and print.
//
// It imports internal/app and internal/model, never the store, layout or
// render packages, and never Fyne.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Command is one subcommand.
type Command struct {
	Name    string // "render"
	Args    string // "FILE -o OUT.png [flags]"
	Summary string // one line for the command list
	// MinArgs and MaxArgs bound the positional arguments (MaxArgs < 0: no bound).
	MinArgs, MaxArgs int
	// New returns a fresh options struct for one run, with its defaults.
	New func() Runner
}

// Runner is a command's options: it binds each flag to one of its fields
// and runs with the positional arguments once the flags are parsed.
type Runner interface {
	Flags(fs *flag.FlagSet)
	Run(env *Env, args []string) error
}

// Env is what a command may use to talk to the world. Main shows control
// and bidi-override characters escaped in everything written to Stdout and
// Stderr (see termWriter); Data is the unescaped standard output, for a
// file written there with `-o -`.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	data           io.Writer
}

// Data returns the writer for file content sent to standard output.
func (e *Env) Data() io.Writer {
	if e.data != nil {
		return e.data
	}
	return e.Stdout
}

// Exit is an error that carries a specific exit status (e.g. 1 from check
// when it found problems, after it printed them).
type Exit struct{ Code int }

func (e Exit) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// lookup returns the command called name, or nil.
func lookup(name string) *Command {
	i := slices.IndexFunc(commands, func(c *Command) bool { return c.Name == name })
	if i < 0 {
		return nil
	}
	return commands[i]
}

// IsCommand reports whether name is a subcommand (or help or version).
func IsCommand(name string) bool {
	return lookup(name) != nil || name == "help" || name == "--help" || name == "-h" || name == "version" || name == "--version"
}

// Version is the application version, set by main.
var Version = "dev"

// Main runs the subcommand named by args[0] and returns the process exit status.
func Main(args []string, env *Env) int {
	if env == nil {
		env = &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	}
	out, errw := newTermWriter(env.Stdout), newTermWriter(env.Stderr)
	defer out.Flush()
	defer errw.Flush()
	return dispatch(args, &Env{Stdin: env.Stdin, Stdout: out, Stderr: errw, data: env.Stdout})
}

func dispatch(args []string, env *Env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				fs, _ := newFlagSet(c)
				usage(env.Stdout, c, fs)
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
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(env.Stderr, "khareeta: unknown command %q\n\n", args[0])
		listCommands(env.Stderr)
		return 2
	}
	fs, r := newFlagSet(c)
	pos, err := Parse(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
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
	if err := r.Run(env, pos); err != nil {
		var ex Exit
		if errors.As(err, &ex) {
			return ex.Code
		}
		fmt.Fprintf(env.Stderr, "khareeta %s: %v\n", c.Name, err)
		return 1
	}
	return 0
}

// newFlagSet makes a command's options and a flag set bound to them. The
// flag package prints nothing itself: Main reports parse errors and usage.
func newFlagSet(c *Command) (*flag.FlagSet, Runner) {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	r := c.New()
	r.Flags(fs)
	return fs, r
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
	sorted := slices.SortedFunc(slices.Values(commands), func(a, b *Command) int { return strings.Compare(a.Name, b.Name) })
	for _, c := range sorted {
		fmt.Fprintf(w, "  %-12s %s\n", c.Name, c.Summary)
	}
	fmt.Fprintln(w, "\nRun 'khareeta COMMAND --help' for a command's flags.")
}

// printJSON writes v as indented JSON, without HTML escaping.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// plural picks the word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
