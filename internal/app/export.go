package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
)

// ExportOptions say what to draw and how: they are the flags of `khareeta
// render` (see exportFlags) and what the export dialog sets, and Export
// builds the same layout and render options from them for both.
//
// Adding an option is one field here and one line in exportFlags.
type ExportOptions struct {
	ViewID    string // the view, by id or name (model.FindView); "" draws every concept
	Focus     string // only this concept's neighbourhood (id or label, model.FindConcept)
	Depth     int    // with Focus: relations away (0: the view's, else 1)
	Kinds     []string
	Engine    string        // "" keeps the view's
	Direction string        // "" keeps the view's
	Lang      string        // label language; "" is the project's
	Title     string        // drawn above the map; "" none
	Legend    bool          // legend of the kinds shown
	Sources   bool          // list of the sources cited by what is shown
	Scale     float64       // PNG pixels per point; 0 means 2
	Page      string        // PDF: "a4", "a3" or "" (the map's size)
	Timeout   time.Duration // give up the layout after this long; 0: no limit
	// Style is a print style (layout.Styles): colorblind, grayscale,
	// high-contrast; "" is the kinds' colours.
	Style string
	// Fit lays the map out for a target (layout.ParseTarget: slide-16x9,
	// a4, poster, width=N …) instead of at its own size; see ExportFit.
	Fit string
	// NoSplit, with Fit, makes a map too large to read on one sheet an
	// error (*layout.FitError) instead of a split into pages.
	NoSplit bool
	// Relayout ignores the positions stored for the view: Graphviz lays
	// every concept out. Without it the map is drawn as the canvas shows
	// it: concepts at their stored positions, those without one near
	// their neighbours, Graphviz only for a view with no positions.
	Relayout bool
	// Warn receives warnings (a layout that needed help, a PNG drawn
	// smaller than asked); nil drops them.
	Warn func(msg string)
}

// exportFlag is one render option: its flag, the field it sets, its help,
// its default when not the field's zero value, and the output extension it
// applies to ("" for all).
type exportFlag struct {
	name  string
	field any // *string, *int, *bool, *float64, *time.Duration or *[]string
	usage string
	def   any
	only  string
}

// exportFlags is the one table of render options, in the order the
// command line lists them.
func (o *ExportOptions) exportFlags() []exportFlag {
	return []exportFlag{
		{name: "view", field: &o.ViewID, usage: "the `VIEW` to draw, by name (any language) or id (default: every concept)"},
		{name: "kinds", field: &o.Kinds, usage: "only concepts of these `KINDS`, comma-separated ids (e.g. threat,pillar)"},
		{name: "focus", field: &o.Focus, usage: "only the neighbourhood of this `CONCEPT` (id, or its whole label in any language)"},
		{name: "depth", field: &o.Depth, usage: "with --focus: how many relations away to go (default: the view's, else 1)"},
		{name: "layout", field: &o.Engine, usage: "layout `ENGINE`: dot, neato, fdp, sfdp, circo or twopi (default: the view's, else dot)"},
		{name: "direction", field: &o.Direction, usage: "`DIRECTION` of dot layouts: TB, LR, RL or BT (default: the view's, else TB)"},
		{name: "lang", field: &o.Lang, usage: "label `LANGUAGE`: ar or en (default: the project's)"},
		{name: "title", field: &o.Title, usage: "`TITLE` drawn above the map"},
		{name: "legend", field: &o.Legend, usage: "add a legend of the kinds shown"},
		{name: "sources", field: &o.Sources, usage: "list the sources cited by the concepts and relations shown"},
		{name: "scale", field: &o.Scale, def: 2.0, only: ".png", usage: "PNG pixels per point, `N` (2 = 144 dpi; 0 < N ≤ 16)"},
		{name: "page", field: &o.Page, only: ".pdf", usage: "PDF only: fit the map on a landscape a4 or a3 `PAGE`"},
		{name: "timeout", field: &o.Timeout, usage: "give up the layout after this long (e.g. 2m; default: no limit for small maps, 1m for dense ones, Ctrl-C stops)"},
		{name: "style", field: &o.Style, usage: "print `STYLE`: colorblind, grayscale or high-contrast (default: the kinds' colours)"},
		{name: "fit", field: &o.Fit, usage: "lay the map out for a `TARGET`: slide-16x9, slide-4x3, a4, a4-landscape, a3, a3-landscape, poster or width=N (pixels); a map too large to read there is split into an overview and pages (OUT-1.png, OUT-2.png … or the pages of one PDF)"},
		{name: "no-split", field: &o.NoSplit, usage: "with --fit: fail, naming the smallest readable size, instead of splitting"},
		{name: "relayout", field: &o.Relayout, usage: "ignore the positions stored for the view and lay every concept out anew (default: draw the map as the app shows it)"},
	}
}

// BindFlags declares the render flags on fs, each bound to its field of o,
// with its default.
func (o *ExportOptions) BindFlags(fs *flag.FlagSet) {
	for _, f := range o.exportFlags() {
		switch p := f.field.(type) {
		case *string:
			fs.StringVar(p, f.name, "", f.usage)
		case *int:
			fs.IntVar(p, f.name, 0, f.usage)
		case *bool:
			fs.BoolVar(p, f.name, false, f.usage)
		case *float64:
			*p, _ = f.def.(float64)
			fs.Var((*scaleValue)(p), f.name, f.usage)
		case *time.Duration:
			fs.DurationVar(p, f.name, 0, f.usage)
		case *[]string:
			fs.Var((*listValue)(p), f.name, f.usage)
		}
	}
}

// scaleValue is a float flag that refuses scales out of range when parsed.
type scaleValue float64

func (v *scaleValue) String() string { return strconv.FormatFloat(float64(*v), 'g', -1, 64) }

func (v *scaleValue) Set(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("not a number")
	}
	if err := checkScale(f); err != nil {
		return err
	}
	*v = scaleValue(f)
	return nil
}

// checkScale is the one rule for PNG scales.
func checkScale(f float64) error {
	if !(f > 0 && f <= 16) {
		return fmt.Errorf("scale %g out of range (0 < scale ≤ 16)", f)
	}
	return nil
}

// listValue is a comma-separated list flag; repeating the flag adds to it.
type listValue []string

func (l *listValue) String() string { return strings.Join(*l, ",") }

func (l *listValue) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// LayoutOptions returns the layout options for o, as given (Export first
// resolves Focus to an id with model.FindConcept).
func (o ExportOptions) LayoutOptions(p *model.Project, warn func(string)) []layout.Option {
	var opts []layout.Option
	if len(o.Kinds) > 0 {
		opts = append(opts, layout.Kinds(o.Kinds...))
	}
	if o.Focus != "" {
		opts = append(opts, layout.Focus(o.Focus))
	}
	if o.Depth > 0 {
		opts = append(opts, layout.Depth(o.Depth))
	}
	if o.Engine != "" {
		opts = append(opts, layout.Engine(strings.ToLower(o.Engine)))
	}
	if o.Direction != "" {
		opts = append(opts, layout.Direction(strings.ToUpper(o.Direction)))
	}
	if o.Lang != "" {
		opts = append(opts, layout.Lang(o.Lang))
	}
	if o.Title != "" {
		opts = append(opts, layout.Title(o.Title))
	}
	if o.Legend {
		opts = append(opts, layout.Legend(true))
	}
	if o.Style != "" {
		opts = append(opts, layout.Style(o.Style))
	}
	if o.Sources {
		opts = append(opts, layout.CitedSources("", func(cs, rs []string) []string {
			return layout.CitedSourceLines(p, cs, rs)
		}))
	}
	if warn != nil {
		opts = append(opts, layout.OnWarning(warn))
	}
	return opts
}

// layoutOptionsFor is LayoutOptions with the view's stored positions
// (layout.Fixed) unless Relayout: what every export of view v draws.
func (o ExportOptions) layoutOptionsFor(p *model.Project, v model.View, warn func(string)) []layout.Option {
	opts := o.LayoutOptions(p, warn)
	if !o.Relayout {
		opts = append(opts, placedOptions(p, v)...)
	}
	return opts
}

// ViewOf returns the view q names (by id or name, see model.FindView), or a
// view of every concept named after the project when q is "".
func ViewOf(p *model.Project, q string) (model.View, error) {
	if strings.TrimSpace(q) == "" {
		return model.View{Name: p.Meta.Title.Clone()}, nil
	}
	v, err := model.FindView(p, q)
	if err != nil {
		return model.View{}, err
	}
	return *v, nil
}

// Resolve finds what o names in p by the one look-up rule (model.FindView,
// model.FindConcept): the view to draw (every concept when ViewID is ""),
// and o with Focus turned into a concept id. Every way of drawing a view
// resolves through it.
func (o ExportOptions) Resolve(p *model.Project) (model.View, ExportOptions, error) {
	v, err := ViewOf(p, o.ViewID)
	if err != nil {
		return v, o, err
	}
	if o.Focus != "" {
		c, err := model.FindConcept(p, o.Focus, o.Lang)
		if err != nil {
			return v, o, fmt.Errorf("focus: %w", err)
		}
		o.Focus = c.ID
	}
	return v, o, nil
}

// Export lays out and renders a view of p to path, in the format its
// extension names (.png, .svg, .pdf, .dot). The file is written whole or
// not at all, keeps the permissions of a file it replaces and never
// replaces a project (WriteOutput). It returns the scene drawn.
func Export(ctx context.Context, p *model.Project, path string, o ExportOptions) (*layout.Scene, error) {
	sc, err := export(ctx, p, path, o)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", path, err)
	}
	return sc, nil
}

func export(ctx context.Context, p *model.Project, path string, o ExportOptions) (*layout.Scene, error) {
	if o.Fit != "" {
		res, err := ExportFit(ctx, p, path, o)
		if err != nil {
			return nil, err
		}
		return res.Scene, nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	wr, err := render.Format(ext)
	if err != nil {
		return nil, err
	}
	if o.Scale == 0 {
		o.Scale = 2
	}
	if err := checkScale(o.Scale); err != nil {
		return nil, err
	}
	o.Page = strings.ToLower(o.Page)
	if o.Page != "" && o.Page != "a4" && o.Page != "a3" {
		return nil, fmt.Errorf("unknown page size %q: use a4 or a3", o.Page)
	}
	if o.Page != "" && ext != ".pdf" && o.Warn != nil {
		o.Warn(fmt.Sprintf("a page size applies to PDF only; ignored for %s", ext))
	}
	if o.Depth < 0 {
		return nil, fmt.Errorf("depth %d: must be 1 or more", o.Depth)
	}
	v, o, err := o.Resolve(p)
	if err != nil {
		return nil, err
	}
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	sc, err := layout.Build(ctx, p, v, o.layoutOptionsFor(p, v, o.Warn)...)
	if err != nil {
		return nil, err
	}
	ropts := []render.Option{render.Scale(o.Scale), render.Page(o.Page)}
	if o.Warn != nil {
		ropts = append(ropts, render.OnWarning(o.Warn))
	}
	err = WriteOutput(path, func(w io.Writer) error { return wr(w, sc, ropts...) })
	if err != nil {
		return nil, err
	}
	return sc, nil
}

// RenderFile draws a view of the project file at project into out (see
// Export), reading the project without writing to it. It is `khareeta
// render`.
func RenderFile(ctx context.Context, project, out string, o ExportOptions) (*layout.Scene, error) {
	if _, err := render.Format(filepath.Ext(out)); err != nil {
		return nil, fmt.Errorf("export %s: %w", out, err) // before reading the project
	}
	p, err := LoadFile(project)
	if err != nil {
		return nil, err
	}
	return Export(ctx, p, out, o)
}

// CommandLine returns the `khareeta render` command that writes the same
// file (shown in the export dialog, so a map can be redrawn by a script).
func (o ExportOptions) CommandLine(project, out string) string {
	args := o.Args(project, out)
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\"'\\$`()&;|<>*?[]#~") || !isASCII(a) {
			args[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return "khareeta " + strings.Join(args, " ")
}

// Args returns CommandLine's arguments after "khareeta", unquoted: every
// option of exportFlags that differs from its default, as its flag.
func (o ExportOptions) Args(project, out string) []string {
	args := []string{"render", project, "-o", out}
	if o.ViewID == "" {
		args = append(args, "--all") // every concept: render's default is the first view
	}
	ext := strings.ToLower(filepath.Ext(out))
	var x ExportOptions
	flags := x.exportFlags() // fields of x, read after x takes o's values
	x = o
	for _, f := range flags {
		if f.only != "" && f.only != ext {
			continue
		}
		var val string
		switch p := f.field.(type) {
		case *string:
			val = *p
		case *int:
			if *p != 0 {
				val = strconv.Itoa(*p)
			}
		case *bool:
			if *p {
				args = append(args, "--"+f.name)
			}
			continue
		case *float64:
			if def, _ := f.def.(float64); *p != 0 && *p != def {
				val = strconv.FormatFloat(*p, 'g', -1, 64)
			}
		case *time.Duration:
			if *p != 0 {
				val = p.String()
			}
		case *[]string:
			val = strings.Join(*p, ",")
		}
		if val != "" {
			args = append(args, "--"+f.name, val)
		}
	}
	return args
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
