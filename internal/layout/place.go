package layout

import (
	"math"
	"sort"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// Placing concepts that have no stored position near the ones that have
// (pure geometry, no Graphviz): each goes to the centre of its neighbours
// already placed (else under everything placed, left to right), then to
// the nearest free slot of a grid around that point, so that its box
// overlaps no other.

// Nominal box of a concept whose size is unknown (a label of a line or
// two at the default font size), and the gap kept between boxes; slots
// are one nominal box and one gap apart.
const (
	placeW, placeH = 160.0, 60.0
	placeGap       = 24.0
)

// PlaceNear places each concept of missing (in that order) near the
// concepts it is linked to among placed and those placed before it, on the
// nearest slot where its nominal box (160×60 points) overlaps no other;
// placed is not changed. Points are map coordinates (centres, y down).
func PlaceNear(ix *model.Index, placed map[string]text.Point, missing []string) map[string]text.Point {
	return placeNear(ix, placed, missing, nil)
}

// placeNear is PlaceNear with the boxes' real sizes (by concept id; the
// nominal box for those absent).
func placeNear(ix *model.Index, placed map[string]text.Point, missing []string, size map[string][2]float64) map[string]text.Point {
	out := make(map[string]text.Point, len(missing))
	if len(missing) == 0 {
		return out
	}
	box := func(id string, at text.Point) text.Rect {
		if s, ok := size[id]; ok {
			return text.RectCenter(at, s[0], s[1])
		}
		return text.RectCenter(at, placeW, placeH)
	}
	g := newPlaceGrid()
	minX, maxY := math.Inf(1), math.Inf(-1)
	ids := make([]string, 0, len(placed))
	for id := range placed {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		r := box(id, placed[id])
		g.add(r)
		minX, maxY = math.Min(minX, r.Min.X), math.Max(maxY, r.Max.Y)
	}
	if math.IsInf(minX, 1) {
		minX, maxY = 0, -placeGap // nothing placed: start at the top left
	}
	where := func(id string) (text.Point, bool) {
		if at, ok := placed[id]; ok {
			return at, true
		}
		at, ok := out[id]
		return at, ok
	}
	nextX := minX // left edge of the next concept linked to nothing placed
	for _, id := range missing {
		var sx, sy float64
		n := 0
		for _, rid := range ix.Out[id] {
			if at, ok := where(ix.Relations[rid].To); ok && ix.Relations[rid].To != id {
				sx, sy, n = sx+at.X, sy+at.Y, n+1
			}
		}
		for _, rid := range ix.In[id] {
			if at, ok := where(ix.Relations[rid].From); ok && ix.Relations[rid].From != id {
				sx, sy, n = sx+at.X, sy+at.Y, n+1
			}
		}
		b0 := box(id, text.Point{})
		anchor := text.Point{X: nextX + b0.W()/2, Y: maxY + 2*placeGap + b0.H()/2}
		if n > 0 {
			anchor = text.Point{X: sx / float64(n), Y: sy / float64(n)}
		}
		at := g.free(anchor, b0.W(), b0.H())
		if n == 0 {
			nextX = at.X + b0.W()/2 + placeGap
		}
		g.add(box(id, at))
		out[id] = at
	}
	return out
}

// placeGrid finds free places for boxes: a hash of the boxes placed by
// cells of one nominal slot.
type placeGrid struct {
	cells map[[2]int][]text.Rect
}

const slotW, slotH = placeW + placeGap, placeH + placeGap

func newPlaceGrid() *placeGrid { return &placeGrid{cells: map[[2]int][]text.Rect{}} }

// span returns the cells r covers.
func span(r text.Rect) (x0, y0, x1, y1 int) {
	return int(math.Floor(r.Min.X / slotW)), int(math.Floor(r.Min.Y / slotH)), int(math.Floor(r.Max.X / slotW)), int(math.Floor(r.Max.Y / slotH))
}

func (g *placeGrid) add(r text.Rect) {
	x0, y0, x1, y1 := span(r)
	if (x1-x0+1)*(y1-y0+1) > 400 { // a huge box: keep it in its corner cell only
		x1, y1 = x0, y0
	}
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			g.cells[[2]int{x, y}] = append(g.cells[[2]int{x, y}], r)
		}
	}
}

// taken reports whether box r, with the gap around it, overlaps a placed
// box.
func (g *placeGrid) taken(r text.Rect) bool {
	r = r.Inset(-placeGap + 0.01)
	x0, y0, x1, y1 := span(r)
	for x := x0 - 1; x <= x1; x++ {
		for y := y0 - 1; y <= y1; y++ {
			for _, o := range g.cells[[2]int{x, y}] {
				if o.Overlaps(r) {
					return true
				}
			}
		}
	}
	return false
}

// slots are offsets (in slot steps) around an anchor, nearest first;
// below before above and right before left among equals.
var slots = func() [][2]int {
	const r = 40
	var out [][2]int
	for i := -r; i <= r; i++ {
		for j := -r; j <= r; j++ {
			out = append(out, [2]int{i, j})
		}
	}
	dist := func(s [2]int) float64 {
		return math.Hypot(float64(s[0])*slotW, float64(s[1])*slotH)
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

// free returns the centre of the free slot for a w×h box nearest to
// anchor (or, when all are taken, the place past the last one).
func (g *placeGrid) free(anchor text.Point, w, h float64) text.Point {
	for _, s := range slots {
		at := text.Point{X: anchor.X + float64(s[0])*slotW, Y: anchor.Y + float64(s[1])*slotH}
		if !g.taken(text.RectCenter(at, w, h)) {
			return at
		}
	}
	return text.Point{X: anchor.X, Y: anchor.Y + 41*slotH}
}
