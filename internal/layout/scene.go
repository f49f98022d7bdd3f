package layout

import (
	"image/color"
	"math"

	"github.com/khareeta/khareeta/internal/text"
)

// Scene is a laid-out view: pure data in points (1/72 inch), origin at the
// top-left corner, y growing downwards. Renderers paint it; the GUI draws it
// and hit-tests it with NodeAt and EdgeAt. A Scene is not modified after
// Build returns it and may be shared between goroutines.
type Scene struct {
	Width, Height float64
	Background    color.NRGBA
	Lang          string   // label language ("ar", "en", …)
	Dir           text.Dir // reading direction of the scene's language
	Engine        string   // Graphviz layout engine used (or that would be)
	// Fixed is set when the scene was drawn at stored positions
	// (layout.Fixed), without Graphviz.
	Fixed     bool
	Direction string // rank direction (dot only): TB, LR, RL or BT
	ViewName  string // name of the view, in Lang

	// Graph is the area the nodes and edges occupy.
	Graph text.Rect
	// Origin is the scene point of map coordinates (0, 0): a concept
	// stored at map point m (the centre of its box; see Fixed) is drawn
	// centred on m + Origin. MapPoint and ScenePoint convert.
	Origin text.Point
	// Placed lists the concepts Fixed had no position for and Build placed
	// near their neighbours (nil when every concept had one, or Graphviz
	// laid the view out).
	Placed []string
	Nodes  []Node
	Edges  []Edge

	// Title is nil when there is none.
	Title     *text.Block
	TitleRect text.Rect

	// Legend lists the kinds shown, in kind order; LegendRect is empty when
	// there is no legend.
	Legend     []LegendItem
	LegendRect text.Rect

	// Sources holds the heading and the lines of the source list; SourcesRect
	// is empty when there is none.
	Sources     []Caption
	SourcesRect text.Rect

	// Notes are free texts placed on the scene (e.g. "this view is empty").
	Notes []Caption

	// TextColor is the colour of titles, legend and source texts.
	TextColor color.NRGBA

	// Warnings collects what went wrong but did not stop the layout.
	Warnings []string
}

// Node is a concept on the map.
type Node struct {
	ConceptID string
	Kind      string
	Shape     string    // one of model.Shapes
	Rect      text.Rect // bounding box of Outline
	// Outline is the closed shape, as Graphviz routed edges around it.
	Outline text.Path
	// Decor holds extra open strokes of the shape (the lid of a cylinder,
	// the folded corner of a note).
	Decor       text.Path
	Fill        color.NRGBA
	Stroke      color.NRGBA
	StrokeWidth float64
	TextColor   color.NRGBA
	Label       *text.Block
	LabelRect   text.Rect // where Label's top-left corner goes and its size
	// Pattern is drawn over the fill around the label, in the stroke
	// colour, so that kinds stay apart without colour (see Style): "" for
	// none, or one of Patterns.
	Pattern string
}

// Edge is a relation on the map.
type Edge struct {
	RelationID string
	Type       string
	From, To   string // concept ids
	// Path is the edge's curve (cubic Béziers), ending where the arrowhead
	// begins.
	Path text.Path
	// Arrow is the filled arrowhead; Tip is its point, on the border of the
	// head node.
	Arrow     text.Path
	Tip       text.Point
	Color     color.NRGBA
	Width     float64
	Label     *text.Block // nil when the relation has no phrase
	LabelRect text.Rect
	TextColor color.NRGBA
}

// LegendItem is one kind in the legend.
type LegendItem struct {
	Kind      string
	Swatch    text.Rect // where the sample shape is drawn
	Outline   text.Path // the sample shape
	Fill      color.NRGBA
	Stroke    color.NRGBA
	Pattern   string
	Label     *text.Block
	LabelRect text.Rect
}

// Caption is a block of text placed on the scene.
type Caption struct {
	Block *text.Block
	Rect  text.Rect
}

// NodeAt returns the index of the topmost node whose shape holds (x, y), or
// -1. Points within 2 points of the bounding box of a node whose outline
// they miss still hit it, so thin shapes are easy to click.
func (s *Scene) NodeAt(x, y float64) int {
	p := text.Point{X: x, Y: y}
	for i := len(s.Nodes) - 1; i >= 0; i-- {
		n := &s.Nodes[i]
		if !n.Rect.Inset(-2).Contains(p) {
			continue
		}
		if n.Rect.Contains(p) && (len(n.Outline) == 0 || insidePath(n.Outline, p)) {
			return i
		}
		if distToPath(n.Outline, p) <= 2 {
			return i
		}
	}
	return -1
}

// EdgeAt returns the index of the edge whose curve, arrowhead or label
// passes within tol points of (x, y), the nearest one when several do, or -1.
func (s *Scene) EdgeAt(x, y, tol float64) int {
	p := text.Point{X: x, Y: y}
	best, bestD := -1, math.Inf(1)
	for i := range s.Edges {
		e := &s.Edges[i]
		if e.Label != nil && e.LabelRect.Contains(p) {
			return i
		}
		d := distToPath(e.Path, p)
		if len(e.Arrow) > 0 && insidePath(e.Arrow, p) {
			d = 0
		}
		if d <= tol && d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// MapPoint converts a scene point to map coordinates, the coordinates
// positions are stored in (see Fixed).
func (s *Scene) MapPoint(p text.Point) text.Point { return p.Sub(s.Origin) }

// ScenePoint converts map coordinates to a scene point.
func (s *Scene) ScenePoint(m text.Point) text.Point { return m.Add(s.Origin) }

// Centres returns the centre of every node in map coordinates, by concept
// id: what to store as the view's positions to draw it again the same
// (Fixed).
func (s *Scene) Centres() map[string]text.Point {
	out := make(map[string]text.Point, len(s.Nodes))
	for i := range s.Nodes {
		out[s.Nodes[i].ConceptID] = s.MapPoint(s.Nodes[i].Rect.Center())
	}
	return out
}

// NodeByID returns the index of the node of a concept, or -1.
func (s *Scene) NodeByID(conceptID string) int {
	for i := range s.Nodes {
		if s.Nodes[i].ConceptID == conceptID {
			return i
		}
	}
	return -1
}

// insidePath reports whether p is inside the path (non-zero winding).
func insidePath(path text.Path, p text.Point) bool { return insidePolys(path.Flatten(0.25), p) }

func cross(a, b, p text.Point) float64 { return (b.X-a.X)*(p.Y-a.Y) - (p.X-a.X)*(b.Y-a.Y) }

// distToPath returns the distance from p to the nearest point of the path's
// curves (infinity for an empty path).
func distToPath(path text.Path, p text.Point) float64 {
	d := math.Inf(1)
	for _, poly := range path.Flatten(0.25) {
		for i := 0; i+1 < len(poly); i++ {
			d = math.Min(d, distToSeg(p, poly[i], poly[i+1]))
		}
	}
	return d
}

func distToSeg(p, a, b text.Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	return math.Hypot(p.X-(a.X+t*dx), p.Y-(a.Y+t*dy))
}

// DistToOutline returns how far p is from the outline of node n; the tests
// use it to check that edges start and end on their nodes' borders.
func DistToOutline(n *Node, p text.Point) float64 { return distToPath(n.Outline, p) }

// InsideOutline reports whether p lies inside node n's outline.
func InsideOutline(n *Node, p text.Point) bool { return insidePath(n.Outline, p) }
