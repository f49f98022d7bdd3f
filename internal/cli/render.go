package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
	"github.com/khareeta/khareeta/internal/store"
)

func init() {
	Register(&Command{
		Name:    "render",
		Args:    "FILE -o OUT.(png|svg|pdf|dot) [--view NAME] [--kinds K1,K2] [--focus LABEL-or-ID --depth N] [--layout ENGINE] [--direction TB|LR|RL|BT] [--lang ar|en] [--scale N] [--page a4|a3] [--legend] [--sources] [--title TEXT]",
		Summary: "draw a view of a project as PNG, SVG, PDF or DOT (format from the output's extension)",
		MinArgs: 1, MaxArgs: 1,
		Flags: func(fs *flag.FlagSet) {
			fs.String("o", "", "output file: .png, .svg, .pdf or .dot (required)")
			fs.String("view", "", "the view to draw, by name (any language) or id (default: every concept)")
			fs.String("kinds", "", "only concepts of these kinds, comma-separated ids (e.g. threat,pillar)")
			fs.String("focus", "", "only the neighbourhood of this concept (label or id)")
			fs.Int("depth", 0, "with --focus: how many relations away to go (default: the view's, else 1)")
			fs.String("layout", "", "layout engine: dot, neato, fdp, sfdp, circo or twopi (default: the view's, else dot)")
			fs.String("direction", "", "direction of dot layouts: TB, LR, RL or BT (default: the view's, else TB)")
			fs.String("lang", "", "label language: ar or en (default: the project's)")
			fs.Float64("scale", 2, "PNG pixels per point (2 = 144 dpi)")
			fs.String("page", "", "PDF only: fit the map on a landscape a4 or a3 page")
			fs.Bool("legend", false, "add a legend of the kinds shown")
			fs.Bool("sources", false, "list the sources cited by the concepts and relations shown")
			fs.String("title", "", "title drawn above the map")
			fs.Duration("timeout", 0, "give up the layout after this long (e.g. 2m; default: no limit, Ctrl-C stops)")
		},
		Run: runRender,
	})
}

func runRender(env *Env, fs *flag.FlagSet, args []string) error {
	out := flagString(fs, "o")
	if out == "" {
		return errors.New("no output file: give -o OUT.png (or .svg, .pdf, .dot)")
	}
	ext := strings.ToLower(filepath.Ext(out))
	if _, err := render.Format(ext); err != nil {
		return err
	}
	page := strings.ToLower(flagString(fs, "page"))
	if page != "" && page != "a4" && page != "a3" {
		return fmt.Errorf("unknown --page %q: use a4 or a3", page)
	}
	if page != "" && ext != ".pdf" {
		fmt.Fprintf(env.Stderr, "khareeta render: --page applies to PDF only; ignored for %s\n", ext)
	}
	scale := fs.Lookup("scale").Value.(flag.Getter).Get().(float64)
	if scale <= 0 || scale > 16 {
		return fmt.Errorf("--scale %g out of range (0 < scale ≤ 16)", scale)
	}

	p, err := loadForRender(args[0])
	if err != nil {
		return err
	}
	v, err := findView(p, flagString(fs, "view"))
	if err != nil {
		return err
	}

	var opts []layout.Option
	if s := flagString(fs, "kinds"); s != "" {
		var kinds []string
		for _, k := range strings.Split(s, ",") {
			if k = strings.TrimSpace(k); k != "" {
				kinds = append(kinds, k)
			}
		}
		opts = append(opts, layout.Kinds(kinds...))
	}
	if s := flagString(fs, "focus"); s != "" {
		opts = append(opts, layout.Focus(s))
	}
	if d := fs.Lookup("depth").Value.(flag.Getter).Get().(int); d != 0 {
		if d < 0 {
			return fmt.Errorf("--depth %d: must be 1 or more", d)
		}
		opts = append(opts, layout.Depth(d))
	}
	if s := flagString(fs, "layout"); s != "" {
		opts = append(opts, layout.Engine(strings.ToLower(s)))
	}
	if s := flagString(fs, "direction"); s != "" {
		opts = append(opts, layout.Direction(strings.ToUpper(s)))
	}
	if s := flagString(fs, "lang"); s != "" {
		opts = append(opts, layout.Lang(s))
	}
	if s := flagString(fs, "title"); s != "" {
		opts = append(opts, layout.Title(s))
	}
	if flagBool(fs, "legend") {
		opts = append(opts, layout.Legend(true))
	}
	if flagBool(fs, "sources") {
		opts = append(opts, layout.CitedSources("", func(cs, rs []string) []string {
			return layout.CitedSourceLines(p, cs, rs)
		}))
	}
	opts = append(opts, layout.OnWarning(func(msg string) {
		fmt.Fprintf(env.Stderr, "khareeta render: warning: %s\n", msg)
	}))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if d := fs.Lookup("timeout").Value.(flag.Getter).Get().(time.Duration); d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	sc, err := layout.Build(ctx, p, v, opts...)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("%w (raise --timeout, or try --layout sfdp for large maps)", err)
		}
		return err
	}
	if err := render.ToFile(out, sc, render.Scale(scale), render.Page(page), render.OnWarning(func(msg string) {
		fmt.Fprintf(env.Stderr, "khareeta render: warning: %s\n", msg)
	})); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d concepts, %d relations (%s, %s)\n", out, len(sc.Nodes), len(sc.Edges), sc.Engine, sc.Direction)
	return nil
}

// loadForRender reads a whole project file without writing to it.
func loadForRender(path string) (*model.Project, error) {
	s, err := store.OpenReadOnly(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return p, nil
}

// findView returns the view named (in any language, Arabic-aware) or with
// the given id; "" means a view of every concept.
func findView(p *model.Project, name string) (model.View, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.View{Name: p.Meta.Title.Clone()}, nil
	}
	fq := model.Fold(name)
	var found []model.View
	for _, v := range p.Views {
		if v.ID == name {
			return v, nil
		}
		for _, l := range v.Name.Langs() {
			if model.Fold(v.Name[l]) == fq {
				found = append(found, v)
				break
			}
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	var names []string
	for _, v := range p.Views {
		names = append(names, fmt.Sprintf("%q", v.Name.Get("")))
	}
	if len(found) > 1 {
		return model.View{}, fmt.Errorf("%d views are named %q; give the view's id", len(found), name)
	}
	if len(names) == 0 {
		return model.View{}, fmt.Errorf("no view %q: the project has no views (leave out --view to draw every concept)", name)
	}
	return model.View{}, fmt.Errorf("no view %q; views: %s", name, strings.Join(names, ", "))
}
