package layout

import (
	"math"

	"github.com/khareeta/khareeta/internal/text"
)

// Drawing a view at stored positions (Fixed): no Graphviz. Nodes are sized
// and shaped as for a Graphviz layout, put with their centres at the given
// map coordinates, and edges are drawn as straight lines between the
// centres (gentle arcs when two concepts are linked more than once), cut at
// the node outlines, with the arrowhead on the head's outline and the
// phrase on the middle of the line.
//
// Map coordinates and scene points: a stored position m (the centre of a
// concept's box, points, y down, any sign) is drawn at scene point
// m + Scene.Origin. Build chooses Origin so that the graph's top-left
// corner sits inside the scene's margin (under the title); Scene.MapPoint
// and Scene.ScenePoint convert. Scenes laid out by Graphviz have an Origin
// too (the top-left corner of their graph), so storing MapPoint(centre) of
// any scene and drawing it again with Fixed gives the same picture.

// Fixed draws the concepts at the given centres (map coordinates by
// concept id; see Scene.Origin). Concepts the view shows without an entry
// are placed near the concepts they are linked to (PlaceNear), without
// moving the others; when no concept the view shows has an entry, Build
// lays the view out with Graphviz as without Fixed. Entries of concepts
// the view does not show are ignored.
func Fixed(at map[string]text.Point) Option {
	return func(c *config) { c.fixed = at }
}

// arrowLen is the length of arrowheads, as Graphviz draws them at
// arrowsize 0.75.
const arrowLen = 7.5

// fixedScene draws the prepared view at the stored positions; it returns
// nil when none of its concepts has one.
func (pr *prepared) fixedScene() *Scene {
	c := &pr.c
	at := make(map[string]text.Point, len(pr.ids))
	var missing []string
	for _, id := range pr.ids {
		if p, ok := c.fixed[id]; ok && finite(p) {
			at[id] = p
		} else {
			missing = append(missing, id)
		}
	}
	if len(at) == 0 {
		return nil
	}
	sc := new(Scene)
	*sc = pr.base
	sc.Fixed = true
	nodes, dy := makeNodes(sc, c, pr.p, pr.ix, pr.ids)
	if len(missing) > 0 {
		size := make(map[string][2]float64, len(nodes))
		for i := range nodes {
			size[nodes[i].ConceptID] = [2]float64{nodes[i].Rect.W(), nodes[i].Rect.H()}
		}
		for id, p := range placeNear(pr.ix, at, missing, size) {
			at[id] = p
		}
		sc.Placed = missing
	}
	for i := range nodes {
		n := &nodes[i]
		n.Rect = text.RectCenter(at[n.ConceptID], n.Rect.W(), n.Rect.H())
		n.Outline, n.Decor = shapePaths(n.Shape, n.Rect)
		lc := n.Rect.Center()
		lc.Y += dy[i] * n.Rect.H()
		n.LabelRect = text.RectCenter(lc, n.Label.Width, n.Label.Height)
	}
	sc.Nodes = nodes
	sc.Edges = makeEdges(sc, c, pr.p, pr.ix, pr.rels)
	bends := bendsOf(sc.Edges, c.fontSize)
	ix := sc.nodeIndex()
	curves := make([]curve, len(sc.Edges))
	for i := range sc.Edges {
		curves[i] = routeEdge(&sc.Edges[i], &sc.Nodes[ix[sc.Edges[i].From]], &sc.Nodes[ix[sc.Edges[i].To]], bends[i])
	}
	if len(sc.Edges) <= spreadLabelsUpTo {
		spreadLabels(sc, curves)
	}
	bb := graphBounds(sc.Nodes, sc.Edges)
	translateScene(sc, text.Point{X: -bb.Min.X, Y: -bb.Min.Y})
	compose(sc, c, pr.p, pr.ix, bb.W(), bb.H())
	sc.Origin = sc.Origin.Sub(bb.Min)
	sc.Warnings = append([]string(nil), pr.warns...)
	return sc
}

func finite(p text.Point) bool {
	return !math.IsNaN(p.X) && !math.IsNaN(p.Y) && !math.IsInf(p.X, 0) && !math.IsInf(p.Y, 0)
}

// graphBounds is the area nodes and edges cover.
func graphBounds(nodes []Node, edges []Edge) text.Rect {
	var bb text.Rect
	for i := range nodes {
		if i == 0 {
			bb = nodes[i].Rect
		}
		bb = bb.Union(nodes[i].Rect).Union(nodes[i].Outline.Bounds())
	}
	for i := range edges {
		bb = bb.Union(edgeArea(&edges[i]))
	}
	return bb
}

// shapePaths draws a node's outline and decorations in r as Graphviz
// draws its shape for a node of that box (fixed size, no label).
func shapePaths(shape string, r text.Rect) (outline, decor text.Path) {
	s, name := specOf(shape)
	c := r.Center()
	w, h := r.W(), r.H()
	switch {
	case name == "ellipse":
		return text.Ellipse(c, w/2, h/2), nil
	case name == "rounded":
		return text.RoundedRect(r, math.Min(12, math.Min(w, h)/3)), nil
	case name == "note":
		return text.Note(r, math.Min(6, h/6))
	case name == "cylinder":
		return text.Cylinder(r, h/11)
	case s.poly == nil:
		return text.RectPath(r), nil
	}
	pts := make([]text.Point, len(s.poly))
	for i, v := range s.poly {
		pts[i] = text.Point{X: c.X + v[0]*w/2, Y: c.Y - v[1]*h/2}
	}
	return text.Polygon(pts...), nil
}

// nodeIndex maps concept ids to node indexes.
func (s *Scene) nodeIndex() map[string]int {
	ix := make(map[string]int, len(s.Nodes))
	for i := range s.Nodes {
		ix[s.Nodes[i].ConceptID] = i
	}
	return ix
}

// bendsOf returns how far each edge's arc bows out from the straight line
// at its middle, in points, to its left: 0 for a pair of concepts linked
// once; relations between the same two concepts (either way) fan out.
func bendsOf(edges []Edge, fontSize float64) []float64 {
	type pair struct{ a, b string }
	groups := map[pair][]int{}
	for i := range edges {
		groups[pairOf(&edges[i])] = append(groups[pairOf(&edges[i])], i)
	}
	out := make([]float64, len(edges))
	for _, g := range groups {
		for k, i := range g {
			out[i] = bendAt(&edges[i], k, len(g), fontSize)
		}
	}
	return out
}

func pairOf(e *Edge) struct{ a, b string } {
	if e.From <= e.To {
		return struct{ a, b string }{e.From, e.To}
	}
	return struct{ a, b string }{e.To, e.From}
}

// bendAt is the bend of the k-th of n edges between one pair of concepts.
func bendAt(e *Edge, k, n int, fontSize float64) float64 {
	if n <= 1 || e.From == e.To {
		return 0
	}
	b := (float64(k) - float64(n-1)/2) * fontSize * 2.2
	if e.From > e.To { // the other way round: its left is the pair's right
		b = -b
	}
	return b
}

// edgeBend finds the bend of edge i among the scene's edges (as bendsOf).
func (s *Scene) edgeBend(i int, fontSize float64) float64 {
	key := pairOf(&s.Edges[i])
	k, n := 0, 0
	for j := range s.Edges {
		if pairOf(&s.Edges[j]) == key {
			if j < i {
				k++
			}
			n++
		}
	}
	return bendAt(&s.Edges[i], k, n, fontSize)
}

// curve is an edge's whole cubic and the part of it drawn, t0 to t1.
type curve struct {
	cv     [4]text.Point
	t0, t1 float64
}

// spreadLabelsUpTo is the most edges whose labels Build moves along their
// lines, off nodes and other labels (each is checked against all).
const spreadLabelsUpTo = 1500

// spreadLabels moves each edge label that covers a node or an earlier
// label to the first place along its line (near the middle first) where
// it covers neither; labels with no such place stay in the middle.
func spreadLabels(sc *Scene, curves []curve) {
	var taken []text.Rect
	for i := range sc.Edges {
		e := &sc.Edges[i]
		if e.Label == nil {
			continue
		}
		cu := curves[i]
		for _, f := range []float64{0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8} {
			r := text.RectCenter(bezierAt(cu.cv, cu.t0+(cu.t1-cu.t0)*f), e.Label.Width, e.Label.Height)
			if !coversAny(r.Inset(-1), sc.Nodes, taken) {
				e.LabelRect = r
				break
			}
		}
		taken = append(taken, e.LabelRect)
	}
}

func coversAny(r text.Rect, nodes []Node, labels []text.Rect) bool {
	for i := range nodes {
		if nodes[i].Rect.Overlaps(r) {
			return true
		}
	}
	for _, l := range labels {
		if l.Overlaps(r) {
			return true
		}
	}
	return false
}

// routeEdge draws edge e from node a to node b: a cubic from centre to
// centre bowed bend points to its left (a loop for a relation of a concept
// to itself), cut where it leaves a's outline and where it enters b's, the
// arrowhead's tip on b's outline, the label on its middle. It returns the
// curve.
func routeEdge(e *Edge, a, b *Node, bend float64) curve {
	ca, cb := a.Rect.Center(), b.Rect.Center()
	var cv [4]text.Point
	if a == b || e.From == e.To {
		w, h := a.Rect.W(), a.Rect.H()
		cv = [4]text.Point{ca, {X: ca.X + w*0.15, Y: a.Rect.Min.Y - 40}, {X: a.Rect.Max.X + 40, Y: ca.Y - h*0.15}, ca}
	} else {
		d := cb.Sub(ca)
		l := math.Hypot(d.X, d.Y)
		var nx, ny float64
		if l > 1e-9 {
			nx, ny = d.Y/l, -d.X/l // left of the direction, y down
		}
		o := bend * 4 / 3
		cv = [4]text.Point{ca,
			{X: ca.X + d.X/3 + nx*o, Y: ca.Y + d.Y/3 + ny*o},
			{X: ca.X + 2*d.X/3 + nx*o, Y: ca.Y + 2*d.Y/3 + ny*o},
			cb}
	}
	pa, pb := flatOutline(a), flatOutline(b)
	// t0: where the curve leaves a; t1: where it enters b
	t0 := crossing(cv, pa, 0, 0.5)
	t1 := crossing(cv, pb, 1, 0.5)
	if t1 <= t0 { // overlapping nodes: draw centre to centre
		t0, t1 = 0, 1
	}
	tip := bezierAt(cv, t1)
	// the arrowhead's base: arrowLen back along the curve from the tip
	lo, hi := t0, t1
	for range 40 {
		m := (lo + hi) / 2
		q := bezierAt(cv, m)
		if math.Hypot(q.X-tip.X, q.Y-tip.Y) > arrowLen {
			lo = m
		} else {
			hi = m
		}
	}
	tb := lo
	part := subCubic(cv, t0, tb)
	e.Path = text.Path{}.MoveTo(part[0]).CubeTo(part[1], part[2], part[3])
	e.Tip = tip
	e.Arrow = arrowHead(part[3], tip)
	if e.Label != nil {
		e.LabelRect = text.RectCenter(bezierAt(cv, (t0+t1)/2), e.Label.Width, e.Label.Height)
	}
	return curve{cv, t0, t1}
}

// flatOutline is a node's outline as polygons (its box when it has none).
func flatOutline(n *Node) [][]text.Point {
	if len(n.Outline) == 0 {
		return text.RectPath(n.Rect).Flatten(0.25)
	}
	return n.Outline.Flatten(0.25)
}

// crossing finds where the curve crosses the outline poly between
// parameter in (inside it) and out (outside), by bisection; it returns in
// when out is inside too.
func crossing(cv [4]text.Point, poly [][]text.Point, in, out float64) float64 {
	if insidePolys(poly, bezierAt(cv, out)) {
		return in
	}
	for range 40 {
		m := (in + out) / 2
		if insidePolys(poly, bezierAt(cv, m)) {
			in = m
		} else {
			out = m
		}
	}
	return out
}

// insidePolys is insidePath on flattened polygons.
func insidePolys(polys [][]text.Point, p text.Point) bool {
	wn := 0
	for _, poly := range polys {
		n := len(poly)
		for i := 0; i < n; i++ {
			a, b := poly[i], poly[(i+1)%n]
			if a.Y <= p.Y {
				if b.Y > p.Y && cross(a, b, p) > 0 {
					wn++
				}
			} else if b.Y <= p.Y && cross(a, b, p) < 0 {
				wn--
			}
		}
	}
	return wn != 0
}

func bezierAt(c [4]text.Point, t float64) text.Point {
	u := 1 - t
	a, b, cc, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return text.Point{X: a*c[0].X + b*c[1].X + cc*c[2].X + d*c[3].X, Y: a*c[0].Y + b*c[1].Y + cc*c[2].Y + d*c[3].Y}
}

// subCubic returns the part of a cubic between parameters t0 < t1.
func subCubic(c [4]text.Point, t0, t1 float64) [4]text.Point {
	right := splitAt(c, t0, false)
	if t0 >= 1 {
		return right
	}
	return splitAt(right, (t1-t0)/(1-t0), true)
}

// splitAt splits a cubic at t (de Casteljau) and returns the left part
// (left) or the right one.
func splitAt(c [4]text.Point, t float64, left bool) [4]text.Point {
	lerp := func(p, q text.Point) text.Point { return text.Point{X: p.X + (q.X-p.X)*t, Y: p.Y + (q.Y-p.Y)*t} }
	p01, p12, p23 := lerp(c[0], c[1]), lerp(c[1], c[2]), lerp(c[2], c[3])
	p012, p123 := lerp(p01, p12), lerp(p12, p23)
	m := lerp(p012, p123)
	if left {
		return [4]text.Point{c[0], p01, p012, m}
	}
	return [4]text.Point{m, p123, p23, c[3]}
}
