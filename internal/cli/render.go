package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/khareeta/khareeta/internal/app"
)

// renderCmd is `khareeta render`: the output file and the export options
// the desktop app's export dialog sets (app.ExportOptions binds their flags).
type renderCmd struct {
	Out string
	All bool
	app.ExportOptions
}

func (c *renderCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Out, "o", "", "output file: .png, .svg, .pdf or .dot (required)")
	fs.BoolVar(&c.All, "all", false, "without --view: draw every concept of the project (default: the project's first view)")
	c.ExportOptions.BindFlags(fs)
}

func (c *renderCmd) Run(env *Env, args []string) error {
	if c.Out == "" {
		return errors.New("no output file: give -o OUT.png (or .svg, .pdf, .dot)")
	}
	c.Warn = func(msg string) { fmt.Fprintf(env.Stderr, "khareeta render: warning: %s\n", msg) }
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := app.RenderProject(ctx, args[0], c.Out, c.ExportOptions, c.All)
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w (raise --timeout, or try --layout sfdp for large maps)", err)
	}
	if err != nil {
		return err
	}
	if res.Note != "" {
		fmt.Fprintf(env.Stderr, "khareeta render: %s\n", res.Note)
	}
	sc := res.Scene
	if c.Fit != "" {
		fmt.Fprintln(env.Stdout, res.Summary())
		return nil
	}
	how := sc.Engine + ", " + sc.Direction
	if sc.Fixed {
		how = "at their stored positions"
		if n := len(sc.Placed); n > 0 {
			how += fmt.Sprintf(", %d placed near their neighbours", n)
		}
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d concepts, %d relations (%s)\n", c.Out, len(sc.Nodes), len(sc.Edges), how)
	return nil
}
