package layout

import (
	"math"

	"github.com/khareeta/khareeta/internal/text"
)

// shapeSpec describes how a label box fits a Graphviz shape. Polygon shapes
// are given by their vertices normalised to the node box (x right, y up,
// both in [-1, 1] half-sizes); Graphviz scales them independently in x and y
// for fixed-size nodes, so the fit can be computed exactly.
type shapeSpec struct {
	gv    string       // Graphviz shape
	style string       // Graphviz style
	poly  [][2]float64 // nil: the box itself
	fy    float64      // node height / label box height
	dy    float64      // label centre below node centre, as a fraction of node height
	extra float64      // points added to the width (e.g. for a note's fold)
}

var shapeSpecs = map[string]shapeSpec{
	"box":           {gv: "box", fy: 1},
	"rounded":       {gv: "box", style: "rounded", fy: 1},
	"note":          {gv: "note", fy: 1, extra: 6},
	"cylinder":      {gv: "cylinder", fy: 1.42, dy: 0.045},
	"ellipse":       {gv: "ellipse"},
	"hexagon":       {gv: "hexagon", poly: [][2]float64{{1, 0}, {0.5, 1}, {-0.5, 1}, {-1, 0}, {-0.5, -1}, {0.5, -1}}, fy: 1.6},
	"octagon":       {gv: "octagon", poly: [][2]float64{{1, 0.414}, {0.414, 1}, {-0.414, 1}, {-1, 0.414}, {-1, -0.414}, {-0.414, -1}, {0.414, -1}, {1, -0.414}}, fy: 1.42},
	"diamond":       {gv: "diamond", poly: [][2]float64{{1, 0}, {0, 1}, {-1, 0}, {0, -1}}, fy: 2},
	"parallelogram": {gv: "parallelogram", poly: [][2]float64{{1.0367, 1}, {-0.6125, 1}, {-1.0367, -1}, {0.6125, -1}}, fy: 1.2},
	"house":         {gv: "house", poly: [][2]float64{{1, 0.309}, {0, 1}, {-1, 0.309}, {-1, -0.809}, {1, -0.809}}, fy: 1.85, dy: 0.125},
	"invhouse":      {gv: "invhouse", poly: [][2]float64{{1, -0.309}, {0, -1}, {-1, -0.309}, {-1, 0.809}, {1, 0.809}}, fy: 1.85, dy: -0.125},
}

func specOf(shape string) (shapeSpec, string) {
	if s, ok := shapeSpecs[shape]; ok {
		return s, shape
	}
	return shapeSpecs["ellipse"], "ellipse"
}

// fitShape returns the node size that holds a label box of tw×th centred
// dy·H below the node centre.
func fitShape(s shapeSpec, tw, th float64) (w, h float64) {
	switch {
	case s.gv == "ellipse":
		// (tw/W)² + (th/H)² = 1 with W = 1.25 tw, plus a little slack.
		return tw * 1.25 * 1.02, th / 0.6 * 1.02
	case s.poly == nil:
		return tw + s.extra, th * s.fy
	}
	h = th * s.fy
	// label corners in normalised coordinates (y up)
	yc := -s.dy * 2 // centre: dy·H below = -2dy half-heights
	ys := []float64{yc + th/h, yc - th/h}
	lim := math.Inf(1)
	for _, y := range ys {
		lo, hi := spanAt(s.poly, y)
		lim = math.Min(lim, math.Min(hi, -lo))
	}
	if lim <= 0.05 {
		lim = 0.05
	}
	return tw/lim*1.01 + s.extra, h
}

// spanAt returns the x interval of a convex polygon at height y.
func spanAt(poly [][2]float64, y float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	n := len(poly)
	for i := 0; i < n; i++ {
		a, b := poly[i], poly[(i+1)%n]
		if (a[1]-y)*(b[1]-y) > 0 || a[1] == b[1] {
			if a[1] == y {
				lo, hi = math.Min(lo, a[0]), math.Max(hi, a[0])
			}
			continue
		}
		x := a[0] + (y-a[1])/(b[1]-a[1])*(b[0]-a[0])
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	if lo > hi {
		return 0, 0
	}
	return lo, hi
}

// swatchPath draws a small sample of a shape in r, for the legend.
func swatchPath(shape string, r text.Rect) (outline, decor text.Path) {
	s, name := specOf(shape)
	c := r.Center()
	hw, hh := r.W()/2, r.H()/2
	switch {
	case name == "ellipse":
		return text.Ellipse(c, hw, hh), nil
	case name == "rounded":
		return text.RoundedRect(r, math.Min(hw, hh)*0.5), nil
	case name == "note":
		return text.Note(r, math.Min(hw, hh)*0.5)
	case name == "cylinder":
		return text.Cylinder(r, r.H()*0.15)
	case s.poly == nil:
		return text.RectPath(r), nil
	}
	// polygons may reach a little past ±1 (parallelogram): scale to fit.
	mx := 1.0
	for _, v := range s.poly {
		mx = math.Max(mx, math.Abs(v[0]))
	}
	pts := make([]text.Point, len(s.poly))
	for i, v := range s.poly {
		pts[i] = text.Point{X: c.X + v[0]/mx*hw, Y: c.Y - v[1]*hh}
	}
	return text.Polygon(pts...), nil
}
