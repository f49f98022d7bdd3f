package layout

import (
	"time"

	"github.com/khareeta/khareeta/internal/text"
)

// Option changes how Build lays out a view.
type Option func(*config)

type config struct {
	lang        string
	kinds       []string
	focus       string
	depth       int
	engine      string
	direction   string
	title       string
	legend      bool
	sources     []string
	sourcesHead string
	sourcesFn   func(concepts, relations []string) []string
	fontSize    float64
	maxWidth    float64
	maxLines    int
	warn        func(string)
	shaper      *text.Shaper
	largeView   int
	aspect      float64
	budget      time.Duration
	style       string
	fixed       map[string]text.Point
}

// Lang chooses the language of labels ("ar", "en", …); labels missing in
// it fall back to another language. The default is the project's language,
// or Arabic.
func Lang(lang string) Option { return func(c *config) { c.lang = lang } }

// Kinds keeps only concepts of these kinds (ids) among those the view shows.
// Unknown kinds make Build fail.
func Kinds(kinds ...string) Option {
	return func(c *config) { c.kinds = append([]string(nil), kinds...) }
}

// Focus restricts the view to the neighbourhood of one concept, given by id
// or by label (in any language, matched after Arabic-aware folding), within
// Depth relations; it overrides the view's own focus. An unknown or
// ambiguous label makes Build fail.
func Focus(idOrLabel string) Option { return func(c *config) { c.focus = idOrLabel } }

// Depth sets how many relations away from the focus concepts are kept
// (default: the view's depth, else 1).
func Depth(n int) Option { return func(c *config) { c.depth = n } }

// Engine chooses the Graphviz layout engine: dot (default), neato, fdp,
// sfdp, circo or twopi. It overrides the view's setting.
func Engine(name string) Option { return func(c *config) { c.engine = name } }

// Direction sets the rank direction of dot layouts: TB (default), LR, RL or
// BT. It overrides the view's setting.
func Direction(dir string) Option { return func(c *config) { c.direction = dir } }

// Title puts a title above the map; "" means none.
func Title(s string) Option { return func(c *config) { c.title = s } }

// Legend adds a legend of the kinds shown under the map.
func Legend(on bool) Option { return func(c *config) { c.legend = on } }

// Sources lists pre-formatted source lines (e.g. APA references) under the
// map, under a heading; no lines means no list. An empty heading uses
// "المصادر" or "Sources" after the scene's language.
func Sources(heading string, lines []string) Option {
	return func(c *config) {
		c.sourcesHead = heading
		c.sources = append([]string(nil), lines...)
	}
}

// CitedSources lists under the map, under a heading as in Sources, the
// lines f returns for the concepts and relations the view shows, e.g.
//
//	layout.CitedSources("", func(cs, rs []string) []string { return layout.CitedSourceLines(p, cs, rs) })
func CitedSources(heading string, f func(concepts, relations []string) []string) Option {
	return func(c *config) {
		c.sourcesHead = heading
		c.sourcesFn = f
	}
}

// FontSize sets the size of concept labels in points (default 14); relation
// phrases are drawn at 0.8 of it.
func FontSize(pt float64) Option { return func(c *config) { c.fontSize = pt } }

// MaxLabelWidth sets the width at which concept labels wrap, in points
// (default 15 times the font size).
func MaxLabelWidth(pt float64) Option { return func(c *config) { c.maxWidth = pt } }

// MaxLabelLines cuts labels after this many lines, ending them with "…"
// (default 4).
func MaxLabelLines(n int) Option { return func(c *config) { c.maxLines = n } }

// OnWarning receives warnings as they happen (before a long layout starts),
// e.g. to print them to stderr. They are also kept in Scene.Warnings.
func OnWarning(f func(msg string)) Option { return func(c *config) { c.warn = f } }

// WithShaper lays out text with s instead of text.Default().
func WithShaper(s *text.Shaper) Option { return func(c *config) { c.shaper = s } }

// LargeView sets the number of concepts from which Build warns that a
// layered layout will be slow (default 500).
func LargeView(n int) Option { return func(c *config) { c.largeView = n } }

// Aspect sets the width / height ratio to which the connected components
// of a view are packed (default √2, a landscape page). Views of one
// component keep their own shape.
func Aspect(widthOverHeight float64) Option { return func(c *config) { c.aspect = widthOverHeight } }

// TimeBudget sets how long a dense layout may take when the context has no
// deadline of its own (default DenseBudget); a negative value means no
// limit. When it runs out, Build returns a *BudgetError.
func TimeBudget(d time.Duration) Option { return func(c *config) { c.budget = d } }
