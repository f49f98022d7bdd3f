package app

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
)

// Where Khareeta draws a view's concepts: at their stored positions; a
// concept without one near the concepts it is linked to; a view with no
// stored positions at all where Graphviz lays it out. Exports to map
// formats (CXL, GraphML, JSON Canvas) write these places, imports compare
// a file's places with them, and `khareeta layout --keep-placed` stores
// them.
//
// Placing a concept near its neighbours is pure geometry, an interim until
// the layout package can lay out a view with some nodes pinned: the centre
// of the neighbours already placed (else the space under everything
// placed), then the nearest free slot of a grid around it, so that no two
// nominal boxes overlap.

// Nominal box of a concept for placing, in points (a label of a line or
// two at the map's font size), and the gap kept between boxes.
const (
	placeW, placeH = 160.0, 60.0
	placeGap       = 24.0
)

// layoutTimeout bounds the Graphviz run that lays out a view without
// stored positions for an export or an import's comparison.
const layoutTimeout = 60 * time.Second

// PlacesOf returns where Khareeta draws the concepts a view shows (view
// AllConcepts: every concept), by concept id: their stored positions,
// concepts without one placed near the concepts they are linked to; when
// the view has no stored positions, the centres a Graphviz layout gives
// them (nil when that layout fails: the formats then use a grid).
func PlacesOf(p *model.Project, view string) map[string]Point {
	ix := model.NewIndex(p)
	v := model.View{Name: model.T("", "all")}
	if view != AllConcepts {
		x, ok := ix.Views[view]
		if !ok {
			return nil
		}
		v = *x
	}
	shown := model.ViewConcepts(p, ix, v)
	stored := ix.PositionsOn(view)
	placed := make(map[string]Point, len(shown))
	var missing []string
	for _, id := range shown {
		if pos, ok := stored[id]; ok {
			placed[id] = Point{pos.X, pos.Y}
		} else {
			missing = append(missing, id)
		}
	}
	if len(placed) == 0 && len(missing) > 0 {
		return laidOut(p, v)
	}
	for id, at := range placeNear(ix, placed, missing) {
		placed[id] = at
	}
	return placed
}

// laidOut lays a view out with Graphviz and returns its nodes' centres.
func laidOut(p *model.Project, v model.View, opts ...layout.Option) map[string]Point {
	ctx, cancel := context.WithTimeout(context.Background(), layoutTimeout)
	defer cancel()
	scene, err := layout.Build(ctx, p, v, opts...)
	if err != nil {
		return nil
	}
	return sceneCentres(scene)
}

// sceneCentres returns the centres of a scene's nodes by concept id.
func sceneCentres(scene *layout.Scene) map[string]Point {
	out := make(map[string]Point, len(scene.Nodes))
	for _, n := range scene.Nodes {
		c := n.Rect.Center()
		out[n.ConceptID] = Point{c.X, c.Y}
	}
	return out
}

// placeNear places each concept of missing (in that order) near the
// concepts it is linked to among those placed so far, on the nearest slot
// where its nominal box overlaps no other; placed is not changed.
func placeNear(ix *model.Index, placed map[string]Point, missing []string) map[string]Point {
	out := make(map[string]Point, len(missing))
	if len(missing) == 0 {
		return out
	}
	g := newPlaceGrid()
	minX, maxY := math.Inf(1), math.Inf(-1)
	for _, at := range placed {
		g.add(at)
		minX, maxY = math.Min(minX, at.X), math.Max(maxY, at.Y)
	}
	if math.IsInf(minX, 1) {
		minX, maxY = placeW/2+placeGap, -placeH // nothing placed: start at the top left
	}
	where := func(id string) (Point, bool) {
		if at, ok := placed[id]; ok {
			return at, true
		}
		at, ok := out[id]
		return at, ok
	}
	below := Point{minX, maxY + placeH + 2*placeGap} // for concepts linked to nothing placed
	for _, id := range missing {
		var sx, sy float64
		n := 0
		for _, rid := range ix.Out[id] {
			if at, ok := where(ix.Relations[rid].To); ok {
				sx, sy, n = sx+at.X, sy+at.Y, n+1
			}
		}
		for _, rid := range ix.In[id] {
			if at, ok := where(ix.Relations[rid].From); ok {
				sx, sy, n = sx+at.X, sy+at.Y, n+1
			}
		}
		anchor := below
		if n > 0 {
			anchor = Point{sx / float64(n), sy / float64(n)}
		}
		at := g.free(anchor)
		if n == 0 {
			below = Point{at.X + placeW + placeGap, at.Y} // the next unlinked one goes to its right
		}
		g.add(at)
		out[id] = at
	}
	return out
}

// placeGrid finds free places for nominal boxes: a hash of the boxes
// placed by cells of one box's size.
type placeGrid struct {
	cells map[[2]int][]Point
}

func newPlaceGrid() *placeGrid { return &placeGrid{cells: map[[2]int][]Point{}} }

func (g *placeGrid) cell(at Point) [2]int {
	return [2]int{int(math.Floor(at.X / (placeW + placeGap))), int(math.Floor(at.Y / (placeH + placeGap)))}
}

func (g *placeGrid) add(at Point) { c := g.cell(at); g.cells[c] = append(g.cells[c], at) }

// taken reports whether a box centred at at would overlap a placed one.
func (g *placeGrid) taken(at Point) bool {
	c := g.cell(at)
	for dx := -1; dx <= 1; dx++ {
		for dy := -1; dy <= 1; dy++ {
			for _, o := range g.cells[[2]int{c[0] + dx, c[1] + dy}] {
				if math.Abs(o.X-at.X) < placeW+placeGap && math.Abs(o.Y-at.Y) < placeH+placeGap {
					return true
				}
			}
		}
	}
	return false
}

// slots are offsets (in box steps) around an anchor, nearest first; below
// before above and right before left among equals.
var slots = func() [][2]int {
	const r = 40
	var out [][2]int
	for i := -r; i <= r; i++ {
		for j := -r; j <= r; j++ {
			out = append(out, [2]int{i, j})
		}
	}
	dist := func(s [2]int) float64 {
		return math.Hypot(float64(s[0])*(placeW+placeGap), float64(s[1])*(placeH+placeGap))
	}
	sort.SliceStable(out, func(a, b int) bool {
		da, db := dist(out[a]), dist(out[b])
		if da != db {
			return da < db
		}
		if out[a][1] != out[b][1] {
			return out[a][1] > out[b][1]
		}
		return out[a][0] > out[b][0]
	})
	return out
}()

// free returns the free slot nearest to anchor (or, when all are taken,
// the place past the last one).
func (g *placeGrid) free(anchor Point) Point {
	for _, s := range slots {
		at := Point{anchor.X + float64(s[0])*(placeW+placeGap), anchor.Y + float64(s[1])*(placeH+placeGap)}
		if !g.taken(at) {
			return at
		}
	}
	return Point{anchor.X, anchor.Y + 41*(placeH+placeGap)}
}
