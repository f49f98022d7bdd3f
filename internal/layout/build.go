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
	"bytes"
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

// ErrNotFound is wrapped by errors about unknown kinds and focus concepts.
var ErrNotFound = errors.New("not found")

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
func Build(ctx context.Context, p *model.Project, v model.View, opts ...Option) (*Scene, error) {
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
	ix := model.NewIndex(p)
	sc := &Scene{Background: color.NRGBA{255, 255, 255, 255}, TextColor: color.NRGBA{0, 0, 0, 255}}
	warn := func(format string, a ...any) {
		msg := fmt.Sprintf(format, a...)
		sc.Warnings = append(sc.Warnings, msg)
		if c.warn != nil {
			c.warn(msg)
		}
	}

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

	ids, err := selectConcepts(p, ix, v, &c, warn)
	if err != nil {
		return nil, err
	}
	rels := model.ViewRelations(p, ids)
	if c.sourcesFn != nil {
		c.sources = c.sourcesFn(ids, rels)
	}

	if c.title != "" {
		sc.Title = c.shaper.Layout(c.title, text.Params{Size: c.fontSize * 1.45, Bold: true, MaxWidth: 60 * c.fontSize, Align: text.Center})
	}
	if len(ids) == 0 {
		name := sc.ViewName
		if name == "" {
			name = v.ID
		}
		warn("view %q shows no concepts", name)
		msg := "This view has no concepts."
		if sc.Dir == text.RTL {
			msg = "لا توجد مفاهيم في هذا العرض."
		}
		sc.Notes = append(sc.Notes, Caption{Block: c.shaper.Layout(msg, text.Params{Size: c.fontSize})})
		compose(sc, &c, p, ix, 0, 0)
		return sc, nil
	}
	if len(ids) > MaxConcepts {
		return nil, fmt.Errorf("the view has %d concepts, more than the %d a map can show: narrow it with a view, --kinds or --focus", len(ids), MaxConcepts)
	}
	if len(ids) >= c.largeView && (sc.Engine == "dot" || sc.Engine == "circo" || sc.Engine == "twopi" || sc.Engine == "neato") {
		warn("the view has %d concepts and %d relations: the %s layout may take minutes; --layout sfdp is much faster for large maps", len(ids), len(rels), sc.Engine)
	}

	g, err := buildGraph(sc, &c, p, ix, ids, rels)
	if err != nil {
		return nil, err
	}
	if !g.routed {
		warn("%d concepts and %d relations: relation labels are placed on their curves without avoiding overlaps", len(ids), len(rels))
	}
	out, err := runGraphviz(ctx, g.dot, sc.Engine, warn)
	if err != nil {
		return nil, fmt.Errorf("lay out %d concepts: %w", len(ids), err)
	}
	gv, err := parseGV(out)
	if err != nil {
		return nil, err
	}
	bb, err := floats(gv.BB)
	if err != nil || len(bb) != 4 {
		return nil, fmt.Errorf("read graphviz bounding box %q: %v", gv.BB, err)
	}
	if err := g.place(sc, gv, bb); err != nil {
		return nil, err
	}
	compose(sc, &c, p, ix, bb[2]-bb[0], bb[3]-bb[1])
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
		fid, err := FindConcept(p, c.focus)
		if err != nil {
			return nil, fmt.Errorf("focus: %w", err)
		}
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

// FindConcept resolves a concept given by id or by label. Labels match in
// any language after model.Fold (so hamza, diacritics and case do not
// matter); when no label matches exactly, a unique label containing the
// text is accepted. Errors wrap ErrNotFound and list candidates.
func FindConcept(p *model.Project, idOrLabel string) (string, error) {
	q := strings.TrimSpace(idOrLabel)
	for _, c := range p.Concepts {
		if c.ID == q {
			return c.ID, nil
		}
	}
	fq := model.Fold(q)
	if fq == "" {
		return "", fmt.Errorf("empty concept name: %w", ErrNotFound)
	}
	var exact, partial []*model.Concept
	for i := range p.Concepts {
		c := &p.Concepts[i]
		ex, part := false, false
		for _, l := range c.Label.Langs() {
			f := model.Fold(c.Label[l])
			if f == fq {
				ex = true
			} else if strings.Contains(f, fq) {
				part = true
			}
		}
		if ex {
			exact = append(exact, c)
		} else if part {
			partial = append(partial, c)
		}
	}
	describe := func(cs []*model.Concept) string {
		var b strings.Builder
		for i, c := range cs {
			if i == 6 {
				fmt.Fprintf(&b, "\n  … and %d more", len(cs)-i)
				break
			}
			fmt.Fprintf(&b, "\n  %s  %s", c.ID, c.Label.Get(""))
		}
		return b.String()
	}
	switch {
	case len(exact) == 1:
		return exact[0].ID, nil
	case len(exact) > 1:
		return "", fmt.Errorf("%d concepts are named %q; give an id:%s", len(exact), q, describe(exact))
	case len(partial) == 1:
		return partial[0].ID, nil
	case len(partial) > 1:
		return "", fmt.Errorf("no concept is named %q exactly and %d contain it; give a full label or an id:%s: %w", q, len(partial), describe(partial), ErrNotFound)
	}
	return "", fmt.Errorf("no concept with id or label %q: %w", q, ErrNotFound)
}

// graphBuild holds what is needed to turn Graphviz output into the scene.
type graphBuild struct {
	dot []byte
	// routed is false when edge labels were left out of the Graphviz graph
	// and are placed on the curves afterwards.
	routed bool
	nodes  []Node
	nodeH  []float64 // label offset below centre, as a fraction of node height
	edges  []Edge
	index  map[string]int // concept id → node
}

// edge labels are reserved in Graphviz as Courier text, whose width its
// estimator takes as 0.6 em per character and whose lines are 1.2 em.
const labelFontSize = 4

func buildGraph(sc *Scene, c *config, p *model.Project, ix *model.Index, ids, rels []string) (*graphBuild, error) {
	g := &graphBuild{routed: len(ids) <= routedLabelsUpTo && len(rels) <= routedLabelEdgeMax}
	pos := make(map[string]int, len(ids))
	var b bytes.Buffer
	b.WriteString("digraph khareeta {\n")
	fmt.Fprintf(&b, "graph [rankdir=%s, outputorder=edgesfirst, pad=0, margin=0", sc.Direction)
	fs := c.fontSize
	switch sc.Engine {
	case "dot":
		fmt.Fprintf(&b, ", nodesep=%s, ranksep=%s, splines=true", num(fs*1.6/72), num(fs*2.6/72))
		if n := len(ids); n > tuneDotFrom {
			fmt.Fprintf(&b, ", mclimit=%s, nslimit=2, nslimit1=2, searchsize=10", num(math.Max(0.05, float64(tuneDotFrom)/float64(n))))
		}
	default:
		// Graphviz's prism overlap removal and spline routing take minutes
		// in WebAssembly on thousands of nodes; scaling and straight lines
		// take seconds.
		if len(ids) <= overlapPrismUpTo {
			fmt.Fprintf(&b, ", overlap=prism, sep=\"+%s\", esep=\"+%s\", splines=true", num(fs*0.8), num(fs*0.4))
		} else {
			fmt.Fprintf(&b, ", overlap=scale, sep=\"+%s\", splines=false", num(fs*0.8))
		}
	}
	b.WriteString("];\n")
	fmt.Fprintf(&b, "node [fixedsize=true, label=\"\", fontsize=1];\nedge [fontname=Courier, fontsize=%d, arrowsize=0.75];\n", labelFontSize)

	lp := text.Params{Size: fs, MaxWidth: c.maxWidth, MaxLines: c.maxLines, Align: text.Start}
	// Generous padding keeps borders away from the text: Tesseract (and
	// people skimming a dense map) read labels in tight frames worse.
	padX, padY := fs*1.1, fs*0.8
	kinds := map[string]*model.Kind{}
	for i := range p.Kinds {
		kinds[p.Kinds[i].ID] = &p.Kinds[i]
	}
	for i, id := range ids {
		con := ix.Concepts[id]
		label := con.Label.Get(sc.Lang)
		blk := c.shaper.Layout(label, lp)
		k := kinds[con.Kind]
		shape, fill := "ellipse", "#e5e5e5"
		if k != nil {
			shape, fill = k.Shape, k.Color
		}
		spec, shape := specOf(shape)
		tw := math.Max(blk.Width, fs) + 2*padX
		th := math.Max(blk.Height, fs) + 2*padY
		w, h := fitShape(spec, tw, th)
		w = math.Max(w, h*0.8)
		fc := parseColor(fill, color.NRGBA{0xe5, 0xe5, 0xe5, 255})
		g.nodes = append(g.nodes, Node{
			ConceptID: id, Kind: con.Kind, Shape: shape,
			Fill: tint(fc), Stroke: darken(fc, 0.6), StrokeWidth: 1.2, TextColor: color.NRGBA{0, 0, 0, 255},
			Label: blk, LabelRect: text.RectXYWH(0, 0, blk.Width, blk.Height),
			Rect: text.RectXYWH(0, 0, w, h),
		})
		g.nodeH = append(g.nodeH, spec.dy)
		pos[id] = i
		fmt.Fprintf(&b, "n%d [width=%s, height=%s, shape=%s", i, num(w/72), num(h/72), spec.gv)
		if spec.style != "" {
			fmt.Fprintf(&b, ", style=%s", spec.style)
		}
		b.WriteString("];\n")
	}
	ep := text.Params{Size: fs * 0.8, MaxWidth: c.maxWidth * 0.7, MaxLines: 2, Align: text.Start}
	for i, rid := range rels {
		r := ix.Relations[rid]
		phrase := r.Phrase.Get(sc.Lang)
		if strings.TrimSpace(phrase) == "" {
			phrase = model.DefaultPhrase(r.Type).Get(sc.Lang)
		}
		e := Edge{RelationID: rid, Type: r.Type, From: r.From, To: r.To, Color: color.NRGBA{0x4d, 0x4d, 0x4d, 255}, Width: 1.1, TextColor: color.NRGBA{0x22, 0x22, 0x22, 255}}
		fmt.Fprintf(&b, "n%d -> n%d [id=e%d", pos[r.From], pos[r.To], i)
		if blk := c.shaper.Layout(phrase, ep); len(blk.Lines) > 0 {
			e.Label = blk
			e.LabelRect = text.RectXYWH(0, 0, blk.Width, blk.Height)
			if !g.routed {
				b.WriteString("];\n")
				g.edges = append(g.edges, e)
				continue
			}
			cw, lh := 0.6*labelFontSize, 1.2*labelFontSize
			cols := int(math.Ceil((blk.Width + 4) / cw))
			rows := int(math.Ceil((blk.Height + 2) / lh))
			line := strings.Repeat("x", cols)
			fmt.Fprintf(&b, ", label=\"%s\"", strings.Repeat(line+"\\n", rows-1)+line)
		}
		b.WriteString("];\n")
		g.edges = append(g.edges, e)
	}
	b.WriteString("}\n")
	g.dot = b.Bytes()
	g.index = pos
	return g, nil
}

// place reads Graphviz's output into the scene, in Graphviz coordinates
// flipped to y down with the graph's top-left corner at the origin.
func (g *graphBuild) place(sc *Scene, gv *gvGraph, bb []float64) error {
	f := flipper{top: bb[3], dx: -bb[0]}
	seen := make([]bool, len(g.nodes))
	for _, o := range gv.Objects {
		if !strings.HasPrefix(o.Name, "n") {
			continue
		}
		i, err := strconv.Atoi(o.Name[1:])
		if err != nil || i < 0 || i >= len(g.nodes) {
			continue
		}
		n := &g.nodes[i]
		c, err := f.point(o.Pos)
		if err != nil {
			return fmt.Errorf("read position of node %s: %w", o.Name, err)
		}
		w, h := n.Rect.W(), n.Rect.H()
		n.Rect = text.RectCenter(c, w, h)
		n.Outline, n.Decor = f.shapePaths(o.Draw)
		if len(n.Outline) == 0 {
			n.Outline = text.RectPath(n.Rect)
		}
		lc := text.Point{X: c.X, Y: c.Y + g.nodeH[i]*h}
		n.LabelRect = text.RectCenter(lc, n.Label.Width, n.Label.Height)
		seen[i] = true
	}
	for i, ok := range seen {
		if !ok {
			return fmt.Errorf("graphviz did not place concept %s", g.nodes[i].ConceptID)
		}
	}
	for _, ge := range gv.Edges {
		if !strings.HasPrefix(ge.ID, "e") {
			continue
		}
		i, err := strconv.Atoi(ge.ID[1:])
		if err != nil || i < 0 || i >= len(g.edges) {
			continue
		}
		e := &g.edges[i]
		pts, _, end, err := f.splinePos(ge.Pos)
		if err != nil {
			return fmt.Errorf("read route of relation %s: %w", e.RelationID, err)
		}
		if len(pts) > 0 {
			// Graphviz clips edges at a rounded box's or a note's corner
			// as if it were square: bring such ends onto the drawn outline.
			tail, head := &g.nodes[g.index[e.From]], &g.nodes[g.index[e.To]]
			if len(pts) > 1 {
				if q, ok := snapToOutline(tail, pts[0], pts[0].Sub(pts[1])); ok {
					e.Path = text.Path{}.MoveTo(q).LineTo(pts[0])
				}
			}
			if e.Path == nil {
				e.Path = text.Path{}.MoveTo(pts[0])
			}
			for j := 1; j+2 < len(pts); j += 3 {
				e.Path = e.Path.CubeTo(pts[j], pts[j+1], pts[j+2])
			}
			last := pts[len(pts)-1]
			if end != nil {
				tip := *end
				if q, ok := snapToOutline(head, tip, tip.Sub(last)); ok {
					d := q.Sub(tip)
					nb := last.Add(d)
					e.Path = e.Path.LineTo(nb)
					last, tip = nb, q
				}
				e.Tip = tip
				e.Arrow = arrowHead(last, tip)
			} else {
				e.Tip = last
			}
		}
		if e.Label != nil {
			if ge.LP != "" && g.routed {
				c, err := f.point(ge.LP)
				if err != nil {
					return fmt.Errorf("read label position of relation %s: %w", e.RelationID, err)
				}
				e.LabelRect = text.RectCenter(c, e.Label.Width, e.Label.Height)
			} else if len(pts) > 0 {
				e.LabelRect = text.RectCenter(curveMiddle(pts), e.Label.Width, e.Label.Height)
			}
		}
	}
	sc.Nodes = g.nodes
	sc.Edges = g.edges
	return nil
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
