package layout

import (
	"math"
	"slices"

	"github.com/khareeta/khareeta/internal/text"
)

// Moving concepts on a drawn scene, for the canvas while it drags: no
// layout, no Graphviz. Scenes are otherwise not changed after Build; Move
// changes the scene it is called on, so the caller must own it (not share
// it with a goroutine that paints it meanwhile).

// Move moves the nodes of concepts ids by (dx, dy) scene points and draws
// their relations again: an edge between two moved nodes moves with them
// (keeping its curve); an edge from a moved node to one that stays is
// drawn as Fixed draws it (a line, or an arc when the pair is linked more
// than once). It returns the parts of the scene to paint again
// (render.Repaint): the old and new areas of every node and edge it
// touched, with their strokes, in scene points; none when nothing moved.
//
// The scene's Origin does not change, so MapPoint of a moved node's centre
// is its new map position. Graph, Width and Height grow to hold nodes
// moved past the right or bottom edge; nodes moved past the left or top
// edge lie outside the scene until it is built again (Build with Fixed
// puts the origin where everything fits).
func (s *Scene) Move(ids []string, dx, dy float64) Damage {
	if (dx == 0 && dy == 0) || len(ids) == 0 || !finite(text.Point{X: dx, Y: dy}) {
		return nil
	}
	var dmg Damage
	moved := make(map[string]bool, len(ids))
	for _, id := range ids {
		moved[id] = true
	}
	d := text.Point{X: dx, Y: dy}
	var idx map[string]int
	for i := range s.Nodes {
		n := &s.Nodes[i]
		if !moved[n.ConceptID] {
			continue
		}
		before := nodeArea(n)
		translateNode(n, d)
		after := nodeArea(n)
		dmg = append(dmg, before, after)
		s.grow(after)
	}
	fs := s.fontSize()
	for i := range s.Edges {
		e := &s.Edges[i]
		mf, mt := moved[e.From], moved[e.To]
		if !mf && !mt {
			continue
		}
		dmg = edgePieces(dmg, e)
		if mf && mt {
			translateEdge(e, d)
		} else {
			if idx == nil {
				idx = s.nodeIndex()
			}
			a, okA := idx[e.From]
			b, okB := idx[e.To]
			if !okA || !okB {
				continue
			}
			routeEdge(e, &s.Nodes[a], &s.Nodes[b], s.edgeBend(i, fs))
		}
		dmg = edgePieces(dmg, e)
		s.grow(edgeArea(e))
	}
	return dmg.merged()
}

// Damage is a list of areas of a scene to paint again, in scene points.
type Damage []text.Rect

// Bounds is the smallest rectangle holding every area.
func (d Damage) Bounds() text.Rect {
	var r text.Rect
	for _, a := range d {
		r = r.Union(a)
	}
	return r
}

// edgePieces adds the areas edge e covers: its curve in short pieces (a
// long diagonal edge covers little of its bounding box), with the stroke,
// its arrowhead and its label.
func edgePieces(dmg Damage, e *Edge) Damage {
	pad := e.Width/2 + 1.5
	const piece = 48.0
	for _, poly := range e.Path.Flatten(0.5) {
		var r text.Rect
		for i, q := range poly {
			if i == 0 {
				r = text.Rect{Min: q, Max: q}
				continue
			}
			next := addPoint(r, q)
			if next.W() > piece || next.H() > piece {
				dmg = append(dmg, r.Inset(-pad))
				next = addPoint(text.Rect{Min: poly[i-1], Max: poly[i-1]}, q)
			}
			r = next
		}
		if len(poly) > 0 {
			dmg = append(dmg, r.Inset(-pad))
		}
	}
	if len(e.Arrow) > 0 {
		dmg = append(dmg, e.Arrow.Bounds().Inset(-pad))
	}
	if e.Label != nil {
		dmg = append(dmg, e.LabelRect.Inset(-3))
	}
	return dmg
}

// merged joins areas that overlap or nearly touch when their union is not
// much bigger than they are, so that a small move paints a few areas.
func (d Damage) merged() Damage {
	out := slices.Clone(d)
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(out); i++ {
			for j := i + 1; j < len(out); j++ {
				a, b := out[i], out[j]
				u := a.Union(b)
				if u.W()*u.H() <= 1.3*(a.W()*a.H()+b.W()*b.H()) {
					out[i] = u
					out = append(out[:j], out[j+1:]...)
					j = i
					changed = true
				}
			}
		}
	}
	return out
}

// fontSize guesses the font size the scene was built with from its edge
// labels (phrases are 0.8 of it), else 14.
func (s *Scene) fontSize() float64 {
	for i := range s.Edges {
		if b := s.Edges[i].Label; b != nil && b.Size > 0 {
			return b.Size / 0.8
		}
	}
	return 14
}

// nodeArea is what painting node n covers: its outline and stroke, its
// label.
func nodeArea(n *Node) text.Rect {
	r := n.Rect.Union(n.Outline.Bounds()).Union(n.LabelRect)
	return r.Inset(-(n.StrokeWidth/2 + 1.5))
}

// edgeArea is what painting edge e covers: its curve and stroke, its
// arrowhead, its label with the background drawn under it.
func edgeArea(e *Edge) text.Rect {
	pad := e.Width/2 + 1.5 // a straight edge's bounds may have no area
	r := e.Path.Bounds().Inset(-pad).Union(e.Arrow.Bounds().Inset(-pad))
	if e.Label != nil {
		r = r.Union(e.LabelRect.Inset(-3))
	}
	return r
}

// grow extends the graph area and the scene to the right and bottom to
// hold r.
func (s *Scene) grow(r text.Rect) {
	s.Graph = s.Graph.Union(r)
	m := 0.0
	if len(s.Nodes) > 0 {
		m = s.Graph.Min.X // keep the margin the scene had on the left
	}
	s.Width = math.Max(s.Width, r.Max.X+math.Max(m, 0))
	s.Height = math.Max(s.Height, r.Max.Y+math.Max(m, 0))
}

// Guide is an alignment line to show while concepts are dragged: the
// moved nodes' left edges, centres or right edges (vertical guides), or
// top edges, centres or bottom edges (horizontal guides) line up with
// those of other nodes.
type Guide struct {
	// Vertical guides are the line x = At, horizontal ones y = At (scene
	// points).
	Vertical bool
	At       float64
	// From and To are the extent of the line along it, spanning the moved
	// nodes and the nodes they align with.
	From, To float64
	// Snap is how far to move the moved nodes (along x for a vertical
	// guide, along y for a horizontal one) to align them exactly: pass it
	// to Move.
	Snap float64
	// With lists the concepts the moved ones align with.
	With []string
}

// Guides returns at most one vertical and one horizontal guide for the
// nodes of concepts ids as they are now: the alignment of their bounding
// box's edges or centre with the edges or centre of another node that
// needs the smallest snap, if it is within tol points. Nodes the moved ones
// align with on the same line are all listed.
func (s *Scene) Guides(ids []string, tol float64) []Guide {
	moved := make(map[string]bool, len(ids))
	for _, id := range ids {
		moved[id] = true
	}
	var box text.Rect
	first := true
	for i := range s.Nodes {
		if moved[s.Nodes[i].ConceptID] {
			if first {
				box, first = s.Nodes[i].Rect, false
			} else {
				box = box.Union(s.Nodes[i].Rect)
			}
		}
	}
	if first {
		return nil
	}
	var out []Guide
	for _, vertical := range []bool{true, false} {
		if g, ok := s.guide(box, moved, vertical, tol); ok {
			out = append(out, g)
		}
	}
	return out
}

// guide finds the best guide along one axis.
func (s *Scene) guide(box text.Rect, moved map[string]bool, vertical bool, tol float64) (Guide, bool) {
	lines := func(r text.Rect) [3]float64 {
		if vertical {
			return [3]float64{r.Min.X, (r.Min.X + r.Max.X) / 2, r.Max.X}
		}
		return [3]float64{r.Min.Y, (r.Min.Y + r.Max.Y) / 2, r.Max.Y}
	}
	span := func(r text.Rect) (float64, float64) {
		if vertical {
			return r.Min.Y, r.Max.Y
		}
		return r.Min.X, r.Max.X
	}
	mine := lines(box)
	best := Guide{Vertical: vertical}
	bestD := math.Inf(1)
	for i := range s.Nodes {
		n := &s.Nodes[i]
		if moved[n.ConceptID] {
			continue
		}
		theirs := lines(n.Rect)
		for a := range mine {
			for b := range theirs {
				if a != b && (a == 1 || b == 1) { // centre with centre, edge with edge
					continue
				}
				snap := theirs[b] - mine[a]
				if d := math.Abs(snap); d <= tol && d < bestD-1e-9 {
					bestD = d
					best.At, best.Snap = theirs[b], snap
				}
			}
		}
	}
	if math.IsInf(bestD, 1) {
		return Guide{}, false
	}
	lo, hi := span(box)
	for i := range s.Nodes {
		n := &s.Nodes[i]
		if moved[n.ConceptID] {
			continue
		}
		ls := lines(n.Rect)
		if slices.ContainsFunc(ls[:], func(v float64) bool { return math.Abs(v-best.At) < 1e-6 }) {
			best.With = append(best.With, n.ConceptID)
			l, h := span(n.Rect)
			lo, hi = math.Min(lo, l), math.Max(hi, h)
		}
	}
	best.From, best.To = lo, hi
	return best, true
}

// addPoint grows r to hold q (Rect.Union ignores rectangles of no area).
func addPoint(r text.Rect, q text.Point) text.Rect {
	return text.Rect{
		Min: text.Point{X: math.Min(r.Min.X, q.X), Y: math.Min(r.Min.Y, q.Y)},
		Max: text.Point{X: math.Max(r.Max.X, q.X), Y: math.Max(r.Max.Y, q.Y)},
	}
}
