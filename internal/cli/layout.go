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
	"github.com/khareeta/khareeta/internal/model"
)

// layoutCmd is `khareeta layout`: lay out a view and store the positions.
type layoutCmd struct {
	app.LayoutOptions
	KeepPlaced bool // the default; named only to refuse it with --fresh
}

func (c *layoutCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.View, "view", "", "the `VIEW` to lay out, by name (any language) or id (default: the map of all concepts)")
	fs.StringVar(&c.Engine, "engine", "", "Graphviz layout `ENGINE`: "+strings.Join(model.Engines, ", ")+" (default: the view's, else dot)")
	fs.BoolVar(&c.KeepPlaced, "keep-placed", false, "keep every position the view has and place only the concepts without one (the default):\n"+
		"a view without positions is laid out whole; in one with some, each new concept goes near the concepts it is linked to")
	fs.BoolVar(&c.Fresh, "fresh", false, "lay every concept out anew and replace all of the view's positions (also those placed by hand)")
	fs.DurationVar(&c.Timeout, "timeout", 0, "give up the layout after this long (e.g. 2m; default: no limit, Ctrl-C stops)")
}

func (c *layoutCmd) Run(env *Env, args []string) error {
	if c.Fresh && c.KeepPlaced {
		return errors.New("--fresh and --keep-placed contradict each other: give one")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := app.LayoutFile(ctx, args[0], c.LayoutOptions)
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w (raise --timeout, or try --engine sfdp for large maps)", err)
	}
	if err != nil {
		return err
	}
	how := "placed near their neighbours"
	if res.Engine != "" {
		how = "laid out with " + res.Engine
	}
	fmt.Fprintf(env.Stdout, "%s: %d %s %s", res.View, res.Placed, plural(res.Placed, "concept", "concepts"), how)
	if res.Kept > 0 {
		fmt.Fprintf(env.Stdout, ", %d kept where %s", res.Kept, plural(res.Kept, "it was", "they were"))
	}
	if res.Removed > 0 {
		fmt.Fprintf(env.Stdout, ", %d %s no longer shown removed", res.Removed, plural(res.Removed, "position", "positions"))
	}
	fmt.Fprintln(env.Stdout)
	return nil
}
