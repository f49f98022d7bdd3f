package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"github.com/khareeta/khareeta/internal/app"
)

// stepList is the repeatable --step flag: one step of a presentation, its
// concepts (ids or labels) separated by commas.
type stepList [][]string

func (l *stepList) String() string { return fmt.Sprint(*l) }

func (l *stepList) Set(s string) error {
	var step []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			step = append(step, c)
		}
	}
	if len(step) == 0 {
		return errors.New("an empty step")
	}
	*l = append(*l, step)
	return nil
}

// presentCmd is `khareeta present`: a view step by step, one page (or
// image) per step and the whole view last.
type presentCmd struct {
	Out   string
	All   bool
	Steps stepList
	app.ExportOptions
}

func (c *presentCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Out, "o", "", "output: OUT.pdf (one page per step) or OUT.png (OUT-1.png, OUT-2.png, …) (required)")
	fs.BoolVar(&c.All, "all", false, "without --view: present every concept (default: the project's first view)")
	fs.Var(&c.Steps, "step", "a `STEP` of your own: its concepts (ids or labels), comma-separated; repeat for each step (default: one step per kind, pillars first)")
	c.ExportOptions.BindFlags(fs)
}

func (c *presentCmd) Run(env *Env, args []string) error {
	if c.Out == "" {
		return errors.New("no output file: give -o OUT.pdf (or OUT.png)")
	}
	c.Warn = func(msg string) { fmt.Fprintf(env.Stderr, "khareeta present: warning: %s\n", msg) }
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	pr, note, err := app.PresentFile(ctx, args[0], c.Out, app.PresentOptions{ExportOptions: c.ExportOptions, Sequence: c.Steps}, c.All)
	if err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintf(env.Stderr, "khareeta present: %s\n", note)
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d steps and the whole view on %s\n", strings.Join(pr.Files, ", "), len(pr.Steps), pr.Fit.Target.Name)
	for i, st := range pr.Steps {
		fmt.Fprintf(env.Stdout, "  %d. %s (%d concepts)\n", i+1, st.Title, len(st.Concepts))
	}
	return nil
}

// handoutCmd is `khareeta handout`: the map, then the concepts with their
// evidence, then the references, as one PDF.
type handoutCmd struct {
	Out   string
	All   bool
	Paper string
	app.ExportOptions
}

func (c *handoutCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Out, "o", "", "output file: OUT.pdf (required)")
	fs.BoolVar(&c.All, "all", false, "without --view: every concept (default: the project's first view)")
	fs.StringVar(&c.Paper, "paper", "a4", "`PAPER` size: a4 or a3")
	c.ExportOptions.BindFlags(fs)
}

func (c *handoutCmd) Run(env *Env, args []string) error {
	if c.Out == "" {
		return errors.New("no output file: give -o OUT.pdf")
	}
	c.Warn = func(msg string) { fmt.Fprintf(env.Stderr, "khareeta handout: warning: %s\n", msg) }
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	h, note, err := app.HandoutFile(ctx, args[0], c.Out, app.HandoutOptions{ExportOptions: c.ExportOptions, Paper: c.Paper}, c.All)
	if err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintf(env.Stderr, "khareeta handout: %s\n", note)
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d pages (the map on %d), %d concepts, %d sources\n", h.File, len(h.Sheets), h.MapPages, len(h.Scene.Nodes), len(h.Sources))
	return nil
}
