// Package layout turns a view of a project into a Scene: nodes with their
// shapes and labels, edges as Bézier curves with arrowheads and labels, a
// title, a legend and a source list, all positioned in points.
//
// Labels are measured by the text package (shaped, bidi-ordered, wrapped);
// Graphviz (go-graphviz, WebAssembly) only places boxes of those exact sizes
// and routes the edges; the render package and the GUI paint the result. This
// is the only package that imports go-graphviz.
package layout

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// ErrNotFound is wrapped by errors about unknown kinds and focus concepts
// (it is model.ErrNotFound, which model.FindConcept wraps).
var ErrNotFound = model.ErrNotFound

// MaxConcepts is the most concepts Build lays out; bigger views are refused
// with an error asking to narrow them (Graphviz runs in a WebAssembly
// sandbox whose memory larger graphs can exhaust).
const MaxConcepts = 5000

// Beyond these sizes dot is told to spend less effort on crossing
// minimisation and network simplex, and relation labels are placed on
// their curves by us instead of being routed by Graphviz (which makes dot
// many times slower).
const (
	tuneDotFrom        = 200
	routedLabelsUpTo   = 400
	routedLabelEdgeMax = 800
	overlapPrismUpTo   = 300
)

// Build lays out view v of project p. The context bounds the Graphviz run:
// when it ends Build returns at once with an error wrapping ctx.Err().
// Without a deadline, dense layouts get a time budget (see TimeBudget).
// Connected components are laid out apart and packed in rows to about the
// Aspect ratio, the concepts without relations in a grid.
func Build(ctx context.Context, p *model.Project, v model.View, opts ...Option) (*Scene, error) {
	pr, err := prepare(p, v, opts)
	if err != nil {
		return nil, err
	}
	if pr.done != nil {
		return pr.done, nil
	}
	if pr.c.fixed != nil {
		if sc := pr.fixedScene(); sc != nil {
			return sc, nil
		}
	}
	sc, err := pr.layout(ctx, variant{direction: pr.base.Direction, aspect: pr.c.aspect})
	if err != nil || !strip(sc, pr.c.aspect) || len(pr.ids) > stripRetryUpTo {
		return sc, err
	}
	// A strip (a wide rank or a long chain): try across, and with
	// staggered leaves, and keep what comes closest to the aspect.
	best, bestScore := sc, fitScore(sc, pr.c.aspect)
	dirs := []string{pr.base.Direction}
	if pr.c.direction == "" {
		dirs = append(dirs, across(pr.base.Direction, pr.base.Dir == text.RTL))
	}
	for _, d := range dirs {
		for _, st := range []int{0, 3} {
			if (d == pr.base.Direction && st == 0) || (st > 0 && pr.base.Engine != "dot") {
				continue
			}
			alt, err := pr.layout(ctx, variant{direction: d, stagger: st, aspect: pr.c.aspect})
			if err != nil {
				return nil, err
			}
			if s := fitScore(alt, pr.c.aspect); s > bestScore*1.05 {
				best, bestScore = alt, s
			}
		}
	}
	return best, nil
}

// stripRetryUpTo is the largest view Build lays out again when it comes
// out as a strip: each try is another Graphviz run, which on larger views
// costs more than the strip (--fit and --direction remain).
const stripRetryUpTo = 150

// strip reports whether a scene is more than three times wider or taller
// than the aspect it was packed to.
func strip(sc *Scene, aspect float64) bool {
	a := sc.Width / sc.Height
	return a > aspect*3 || a < aspect/3
}

// fitScore is the scale at which sc fits a box of the given aspect and
// unit height.
func fitScore(sc *Scene, aspect float64) float64 {
	return math.Min(aspect/sc.Width, 1/sc.Height)
}

// prepared is what every layout of one view shares: the options, the
// concepts and relations shown, the scene's language, title and warnings.
type prepared struct {
	c     config
	p     *model.Project
	ix    *model.Index
	v     model.View
	base  Scene // language, engine, direction, title; no graph
	ids   []string
	rels  []string
	warns []string
	done  *Scene // set when there is nothing to lay out
}

// variant is one way of laying out a prepared view.
type variant struct {
	direction string
	// stagger > 1 staggers the ranks of leaf concepts over that many
	// levels, as Graphviz's unflatten -l does, to narrow very wide ranks.
	stagger int
	aspect  float64 // width / height the components are packed to
}

func (pr *prepared) warn(format string, a ...any) {
	msg := fmt.Sprintf(format, a...)
	pr.warns = append(pr.warns, msg)
	if pr.c.warn != nil {
		pr.c.warn(msg)
	}
}

func newConfig(opts []Option) config {
	c := config{legend: false, maxLines: 4, largeView: 500}
	for _, o := range opts {
		o(&c)
	}
	if c.shaper == nil {
		c.shaper = text.Default()
	}
	if c.fontSize <= 0 {
		c.fontSize = 14
	}
	if c.maxWidth <= 0 {
		c.maxWidth = 15 * c.fontSize
	}
	if c.maxLines <= 0 {
		c.maxLines = 4
	}
	if c.aspect <= 0 {
		c.aspect = math.Sqrt2
	}
	return c
}

func prepare(p *model.Project, v model.View, opts []Option) (*prepared, error) {
	pr := &prepared{c: newConfig(opts), p: p, ix: model.NewIndex(p), v: v}
	c := &pr.c
	if err := checkStyle(c.style); err != nil {
		return nil, err
	}
	sc := &pr.base
	sc.Background = color.NRGBA{255, 255, 255, 255}
	sc.TextColor = color.NRGBA{0, 0, 0, 255}
	sc.Lang = c.lang
	if sc.Lang == "" {
		sc.Lang = p.Meta.Language
	}
	if sc.Lang == "" {
		sc.Lang = model.Arabic
	}
	sc.Dir = text.LTR
	if sc.Lang == model.Arabic || sc.Lang == "fa" || sc.Lang == "ckb" || sc.Lang == "ur" || sc.Lang == "he" {
		sc.Dir = text.RTL
	}
	sc.ViewName = v.Name.Get(sc.Lang)

	sc.Engine = firstNonEmpty(c.engine, v.Layout.Engine, "dot")
	if !slices.Contains(model.Engines, sc.Engine) {
		return nil, fmt.Errorf("unknown layout engine %q (use one of %s)", sc.Engine, strings.Join(model.Engines, ", "))
	}
	sc.Direction = strings.ToUpper(firstNonEmpty(c.direction, v.Layout.Direction, "TB"))
	if !slices.Contains(model.Directions, sc.Direction) {
		return nil, fmt.Errorf("unknown direction %q (use one of %s)", sc.Direction, strings.Join(model.Directions, ", "))
	}

	ids, err := selectConcepts(p, pr.ix, v, c, pr.warn)
	if err != nil {
		return nil, err
	}
	pr.ids = ids
	pr.rels = model.ViewRelations(p, ids)
	if c.sourcesFn != nil {
		c.sources = c.sourcesFn(ids, pr.rels)
	}

	if c.title != "" {
		sc.Title = c.shaper.Layout(c.title, text.Params{Size: c.fontSize * 1.45, Bold: true, MaxWidth: 60 * c.fontSize, Align: text.Center})
	}
	if len(ids) == 0 {
		name := sc.ViewName
		if name == "" {
			name = v.ID
		}
		pr.warn("view %q shows no concepts", name)
		msg := "This view has no concepts."
		if sc.Dir == text.RTL {
			msg = "لا توجد مفاهيم في هذا العرض."
		}
		done := pr.base
		done.Notes = append(done.Notes, Caption{Block: c.shaper.Layout(msg, text.Params{Size: c.fontSize})})
		compose(&done, c, p, pr.ix, 0, 0)
		done.Warnings = append([]string(nil), pr.warns...)
		pr.done = &done
		return pr, nil
	}
	if len(ids) > MaxConcepts {
		return nil, fmt.Errorf("the view has %d concepts, more than the %d a map can show: narrow it with a view, --kinds or --focus", len(ids), MaxConcepts)
	}
	if len(ids) >= c.largeView && (sc.Engine == "dot" || sc.Engine == "circo" || sc.Engine == "twopi" || sc.Engine == "neato") {
		pr.warn("the view has %d concepts and %d relations: the %s layout may take minutes; --layout sfdp is much faster for large maps", len(ids), len(pr.rels), sc.Engine)
	}
	return pr, nil
}

// layout runs Graphviz for one variant and composes the scene.
func (pr *prepared) layout(ctx context.Context, vr variant) (*Scene, error) {
	c := &pr.c
	sc := new(Scene)
	*sc = pr.base
	sc.Direction = vr.direction
	nw := len(pr.warns)
	g, err := buildGraph(sc, c, pr.p, pr.ix, pr.ids, pr.rels, vr)
	if err != nil {
		return nil, err
	}
	if !g.routed {
		pr.warn("%d concepts and %d relations: relation labels are placed on their curves without avoiding overlaps", len(pr.ids), len(pr.rels))
	}
	ctx, budgeted, cancel := pr.budget(ctx)
	defer cancel()
	for _, dot := range g.dots {
		out, err := runGraphviz(ctx, dot, sc.Engine, Dense(sc.Engine, len(pr.ids), len(pr.rels)), pr.warn)
		if err != nil {
			if budgeted != 0 && errors.Is(err, context.DeadlineExceeded) {
				return nil, &BudgetError{Engine: sc.Engine, Concepts: len(pr.ids), Relations: len(pr.rels), Budget: budgeted, err: err}
			}
			return nil, fmt.Errorf("lay out %d concepts: %w", len(pr.ids), err)
		}
		gv, err := parseGV(out)
		if err != nil {
			return nil, err
		}
		bb, err := floats(gv.BB)
		if err != nil || len(bb) != 4 {
			return nil, fmt.Errorf("read graphviz bounding box %q: %v", gv.BB, err)
		}
		if err := g.place(gv, bb); err != nil {
			return nil, err
		}
	}
	if err := g.finish(sc); err != nil {
		return nil, err
	}
	gw, gh := packScene(sc.Nodes, sc.Edges, c.fontSize*2, vr.aspect, sc.Dir == text.RTL)
	compose(sc, c, pr.p, pr.ix, gw, gh)
	sc.Warnings = append([]string(nil), pr.warns...)
	// warnings of this variant's run are not kept for the next one
	pr.warns = pr.warns[:nw]
	return sc, nil
}

// Select returns the concepts and relations Build would show for view v
// with the given options (kinds filter, focus and depth), in project order,
// without laying them out.
func Select(p *model.Project, v model.View, opts ...Option) (concepts, relations []string, err error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	ids, err := selectConcepts(p, model.NewIndex(p), v, &c, func(string, ...any) {})
	if err != nil {
		return nil, nil, err
	}
	return ids, model.ViewRelations(p, ids), nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}

// selectConcepts applies the view, the kinds filter and the focus, with
// model.ViewConceptsWhere: the concepts the app lists for a view are the
// ones drawn. An explicit Focus must be among the concepts the view and the
// kinds filter show.
func selectConcepts(p *model.Project, ix *model.Index, v model.View, c *config, warn func(string, ...any)) ([]string, error) {
	for _, k := range c.kinds {
		if ix.Kinds[k] == nil {
			return nil, fmt.Errorf("unknown kind %q (kinds: %s): %w", k, kindList(p), ErrNotFound)
		}
	}
	for _, k := range v.Kinds {
		if ix.Kinds[k] == nil {
			warn("view lists unknown kind %q", k)
		}
	}
	var keep func(*model.Concept) bool
	if len(c.kinds) > 0 {
		keep = func(con *model.Concept) bool { return slices.Contains(c.kinds, con.Kind) }
	}
	if c.depth > 0 {
		v.Depth = c.depth
	}
	if v.Focus != "" && ix.Concepts[v.Focus] == nil {
		warn("the view's focus concept %s no longer exists; showing the whole view", v.Focus)
		v.Focus = ""
	}
	if strings.TrimSpace(c.focus) != "" {
		con, err := model.FindConcept(p, c.focus, c.lang)
		if err != nil {
			return nil, fmt.Errorf("focus: %w", err)
		}
		fid := con.ID
		base := v
		base.Focus = ""
		if !slices.Contains(model.ViewConceptsWhere(p, ix, base, keep), fid) {
			return nil, fmt.Errorf("focus concept %q is not among the concepts this view shows (check --view and --kinds): %w", ix.Concepts[fid].Label.Get(""), ErrNotFound)
		}
		v.Focus = fid
	}
	return model.ViewConceptsWhere(p, ix, v, keep), nil
}

func kindList(p *model.Project) string {
	var ks []string
	for _, k := range model.SortedKinds(p) {
		ks = append(ks, k.ID)
	}
	return strings.Join(ks, ", ")
}

// snapToOutline moves an edge end p that lies outside node n's drawn
// outline (but within a few points of it) along direction dir until it
// meets the outline. It reports false when p is already on the outline or
// no nearby crossing exists.
func snapToOutline(n *Node, p, dir text.Point) (text.Point, bool) {
	if distToPath(n.Outline, p) < 0.75 || insidePath(n.Outline, p) {
		return p, false
	}
	l := math.Hypot(dir.X, dir.Y)
	if l < 1e-9 {
		return p, false
	}
	ux, uy := dir.X/l, dir.Y/l
	best := math.Inf(1)
	for _, poly := range n.Outline.Flatten(0.2) {
		for i := 0; i+1 < len(poly); i++ {
			a, b := poly[i], poly[i+1]
			// solve p + t·u = a + s·(b−a)
			ex, ey := b.X-a.X, b.Y-a.Y
			den := ux*ey - uy*ex
			if math.Abs(den) < 1e-12 {
				continue
			}
			wx, wy := a.X-p.X, a.Y-p.Y
			t := (wx*ey - wy*ex) / den
			s := (wx*uy - wy*ux) / den
			if t > 0 && s >= 0 && s <= 1 && t < best {
				best = t
			}
		}
	}
	if best > 12 {
		return p, false
	}
	return text.Point{X: p.X + ux*best, Y: p.Y + uy*best}, true
}

// curveMiddle returns the point halfway along a Bézier spline's segments
// (by parameter, not by length).
func curveMiddle(pts []text.Point) text.Point {
	nseg := (len(pts) - 1) / 3
	if nseg < 1 {
		return pts[len(pts)/2]
	}
	k := nseg / 2
	t := 0.5
	if nseg%2 == 0 {
		k, t = nseg/2-1, 1
	}
	p0, p1, p2, p3 := pts[3*k], pts[3*k+1], pts[3*k+2], pts[3*k+3]
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return text.Point{X: a*p0.X + b*p1.X + c*p2.X + d*p3.X, Y: a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y}
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) }

// parseColor reads "#rrggbb" (or "#rgb"), returning def when it cannot.
func parseColor(s string, def color.NRGBA) color.NRGBA {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return def
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return def
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

// tint mixes a kind's colour half and half with white for the fill of its
// nodes: labels keep a strong contrast, also in grayscale print and for
// OCR, while the full colour stays on the border.
const tintWhite = 0.5

func tint(c color.NRGBA) color.NRGBA {
	m := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*tintWhite + 0.5) }
	return color.NRGBA{m(c.R), m(c.G), m(c.B), c.A}
}

func darken(c color.NRGBA, f float64) color.NRGBA {
	return color.NRGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), c.A}
}
