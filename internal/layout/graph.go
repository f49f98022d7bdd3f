package layout

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// graphBuild holds what is needed to turn Graphviz output into the scene.
type graphBuild struct {
	// dots are the Graphviz graphs to lay out, one per component
	dots [][]byte
	// routed is false when edge labels were left out of the Graphviz graph
	// and are placed on the curves afterwards.
	routed bool
	nodes  []Node
	nodeH  []float64 // label offset below centre, as a fraction of node height
	edges  []Edge
	index  map[string]int // concept id → node
	seen   []bool         // nodes placed so far
}

// edge labels are reserved in Graphviz as Courier text, whose width its
// estimator takes as 0.6 em per character and whose lines are 1.2 em.
const labelFontSize = 4

func buildGraph(sc *Scene, c *config, p *model.Project, ix *model.Index, ids, rels []string, vr variant) (*graphBuild, error) {
	g := &graphBuild{routed: len(ids) <= routedLabelsUpTo && len(rels) <= routedLabelEdgeMax}
	pos := make(map[string]int, len(ids))
	nodeDecl := make([]string, 0, len(ids))
	edgeDecl := make([]string, 0, len(rels))
	var b bytes.Buffer
	g.nodes, g.nodeH = makeNodes(sc, c, p, ix, ids)
	for i, id := range ids {
		n := &g.nodes[i]
		spec, _ := specOf(n.Shape)
		pos[id] = i
		b.Reset()
		fmt.Fprintf(&b, "n%d [width=%s, height=%s, shape=%s", i, num(n.Rect.W()/72), num(n.Rect.H()/72), spec.gv)
		if spec.style != "" {
			fmt.Fprintf(&b, ", style=%s", spec.style)
		}
		b.WriteString("];\n")
		nodeDecl = append(nodeDecl, b.String())
	}
	minlen := staggerLeaves(ix, rels, vr.stagger)
	g.edges = makeEdges(sc, c, p, ix, rels)
	for i, rid := range rels {
		e := &g.edges[i]
		b.Reset()
		fmt.Fprintf(&b, "n%d -> n%d [id=e%d", pos[e.From], pos[e.To], i)
		if m := minlen[rid]; m > 1 && sc.Engine == "dot" {
			fmt.Fprintf(&b, ", minlen=%d", m)
		}
		if blk := e.Label; blk != nil && g.routed {
			cw, lh := 0.6*labelFontSize, 1.2*labelFontSize
			cols := int(math.Ceil((blk.Width + 4) / cw))
			rows := int(math.Ceil((blk.Height + 2) / lh))
			line := strings.Repeat("x", cols)
			fmt.Fprintf(&b, ", label=\"%s\"", strings.Repeat(line+"\\n", rows-1)+line)
		}
		b.WriteString("];\n")
		edgeDecl = append(edgeDecl, b.String())
	}
	g.index = pos
	g.dots = graphDOTs(sc, c, ix, pos, rels, nodeDecl, edgeDecl)
	return g, nil
}

// makeNodes sizes the nodes of concepts ids (at the origin): their labels
// shaped and wrapped, their shapes fitted around them with padding. dy is
// each label's offset below the node's centre, as a fraction of its height.
func makeNodes(sc *Scene, c *config, p *model.Project, ix *model.Index, ids []string) (nodes []Node, dy []float64) {
	fs := c.fontSize
	lp := text.Params{Size: fs, MaxWidth: c.maxWidth, MaxLines: c.maxLines, Align: text.Start}
	// Generous padding keeps borders away from the text: Tesseract (and
	// people skimming a dense map) read labels in tight frames worse.
	padX, padY := fs*1.1, fs*0.8
	ls := looksFor(p, c.style)
	nodes = make([]Node, 0, len(ids))
	dy = make([]float64, 0, len(ids))
	for _, id := range ids {
		con := ix.Concepts[id]
		blk := c.shaper.Layout(con.Label.Get(sc.Lang), lp)
		shape := "ellipse"
		if k := ix.Kinds[con.Kind]; k != nil {
			shape = k.Shape
		}
		lk := ls.of(con.Kind)
		spec, shape := specOf(shape)
		tw := math.Max(blk.Width, fs) + 2*padX
		th := math.Max(blk.Height, fs) + 2*padY
		w, h := fitShape(spec, tw, th)
		w = math.Max(w, h*0.8)
		nodes = append(nodes, Node{
			ConceptID: id, Kind: con.Kind, Shape: shape, Pattern: lk.pattern,
			Fill: lk.fill, Stroke: lk.stroke, StrokeWidth: lk.strokeWidth, TextColor: lk.text,
			Label: blk, LabelRect: text.RectXYWH(0, 0, blk.Width, blk.Height),
			Rect: text.RectXYWH(0, 0, w, h),
		})
		dy = append(dy, spec.dy)
	}
	return nodes, dy
}

// makeEdges makes the edges of relations rels, unrouted, with their
// phrases (a type's default phrase when a relation has none) shaped.
func makeEdges(sc *Scene, c *config, p *model.Project, ix *model.Index, rels []string) []Edge {
	ls := looksFor(p, c.style)
	ep := text.Params{Size: c.fontSize * 0.8, MaxWidth: c.maxWidth * 0.7, MaxLines: 2, Align: text.Start}
	edges := make([]Edge, 0, len(rels))
	for _, rid := range rels {
		r := ix.Relations[rid]
		phrase := r.Phrase.Get(sc.Lang)
		if strings.TrimSpace(phrase) == "" {
			phrase = model.DefaultPhrase(r.Type).Get(sc.Lang)
		}
		e := Edge{RelationID: rid, Type: r.Type, From: r.From, To: r.To, Color: ls.edge, Width: ls.edgeW, TextColor: ls.edgeText}
		if blk := c.shaper.Layout(phrase, ep); len(blk.Lines) > 0 {
			e.Label = blk
			e.LabelRect = text.RectXYWH(0, 0, blk.Width, blk.Height)
		}
		edges = append(edges, e)
	}
	return edges
}

// graphDOTs writes one Graphviz graph per connected component, and one for
// all the concepts without relations (whose positions packScene sets; only
// their outlines are read), so that each is laid out on its own.
// (Graphviz's own pack=true misplaces edge labels with dot.)
func graphDOTs(sc *Scene, c *config, ix *model.Index, pos map[string]int, rels []string, nodeDecl, edgeDecl []string) [][]byte {
	n := len(nodeDecl)
	uf := newUnionFind(n)
	linked := make([]bool, n)
	for _, rid := range rels {
		r := ix.Relations[rid]
		a, b := pos[r.From], pos[r.To]
		linked[a], linked[b] = true, true
		uf.union(a, b)
	}
	group := map[int]int{} // component root → graph
	var nodesOf [][]int
	lone := -1
	for i := 0; i < n; i++ {
		key := uf.find(i)
		if !linked[i] {
			if lone < 0 {
				lone = len(nodesOf)
				nodesOf = append(nodesOf, nil)
			}
			nodesOf[lone] = append(nodesOf[lone], i)
			continue
		}
		k, ok := group[key]
		if !ok {
			k = len(nodesOf)
			group[key] = k
			nodesOf = append(nodesOf, nil)
		}
		nodesOf[k] = append(nodesOf[k], i)
	}
	edgesOf := make([][]int, len(nodesOf))
	for j, rid := range rels {
		k := group[uf.find(pos[ix.Relations[rid].From])]
		edgesOf[k] = append(edgesOf[k], j)
	}
	fs := c.fontSize
	out := make([][]byte, len(nodesOf))
	for k, nodes := range nodesOf {
		var b bytes.Buffer
		b.WriteString("digraph khareeta {\n")
		fmt.Fprintf(&b, "graph [rankdir=%s, outputorder=edgesfirst, pad=0, margin=0", sc.Direction)
		switch {
		case k == lone:
			// nothing to lay out: a plain row
		case sc.Engine == "dot":
			fmt.Fprintf(&b, ", nodesep=%s, ranksep=%s, splines=true", num(fs*1.6/72), num(fs*2.6/72))
			if n := len(nodes); n > tuneDotFrom {
				fmt.Fprintf(&b, ", mclimit=%s, nslimit=2, nslimit1=2, searchsize=10", num(math.Max(0.05, float64(tuneDotFrom)/float64(n))))
			}
		default:
			// Graphviz's prism overlap removal and spline routing take minutes
			// in WebAssembly on thousands of nodes; scaling and straight lines
			// take seconds.
			if len(nodes) <= overlapPrismUpTo {
				fmt.Fprintf(&b, ", overlap=prism, sep=\"+%s\", esep=\"+%s\", splines=true", num(fs*0.8), num(fs*0.4))
			} else {
				fmt.Fprintf(&b, ", overlap=scale, sep=\"+%s\", splines=false", num(fs*0.8))
			}
		}
		b.WriteString("];\n")
		fmt.Fprintf(&b, "node [fixedsize=true, label=\"\", fontsize=1];\nedge [fontname=Courier, fontsize=%d, arrowsize=0.75];\n", labelFontSize)
		for _, i := range nodes {
			b.WriteString(nodeDecl[i])
		}
		for _, j := range edgesOf[k] {
			b.WriteString(edgeDecl[j])
		}
		b.WriteString("}\n")
		out[k] = b.Bytes()
	}
	return out
}

// place reads Graphviz's output into the scene, in Graphviz coordinates
// flipped to y down with the graph's top-left corner at the origin.
func (g *graphBuild) place(gv *gvGraph, bb []float64) error {
	f := flipper{top: bb[3], dx: -bb[0]}
	if g.seen == nil {
		g.seen = make([]bool, len(g.nodes))
	}
	seen := g.seen
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
	return nil
}

// finish checks that Graphviz placed every concept and hands the nodes and
// edges to the scene.
func (g *graphBuild) finish(sc *Scene) error {
	for i := range g.nodes {
		if g.seen == nil || !g.seen[i] {
			return fmt.Errorf("graphviz did not place concept %s", g.nodes[i].ConceptID)
		}
	}
	sc.Nodes = g.nodes
	sc.Edges = g.edges
	return nil
}

// GraphvizInput returns the graphs Build gives Graphviz for view v (one per
// connected component, and one for the concepts without relations): nodes
// of fixed size, the relations' labels as boxes to route. Benchmarks feed
// them to native Graphviz to compare its speed with ours.
func GraphvizInput(p *model.Project, v model.View, opts ...Option) ([][]byte, error) {
	pr, err := prepare(p, v, opts)
	if err != nil {
		return nil, err
	}
	if pr.done != nil {
		return nil, nil
	}
	sc := pr.base
	g, err := buildGraph(&sc, &pr.c, pr.p, pr.ix, pr.ids, pr.rels, variant{direction: sc.Direction, aspect: pr.c.aspect})
	if err != nil {
		return nil, err
	}
	return g.dots, nil
}
