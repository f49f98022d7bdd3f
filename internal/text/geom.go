package text

import (
	"math"

	"golang.org/x/image/vector"
)

// Point is a position in points (1/72 inch), y growing downwards.
type Point struct{ X, Y float64 }

// Add returns p+q.
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

// Sub returns p-q.
func (p Point) Sub(q Point) Point { return Point{p.X - q.X, p.Y - q.Y} }

// Rect is an axis-aligned rectangle from Min (top left) to Max (bottom right).
type Rect struct{ Min, Max Point }

// RectXYWH builds a rectangle from its top-left corner and size.
func RectXYWH(x, y, w, h float64) Rect { return Rect{Point{x, y}, Point{x + w, y + h}} }

// RectCenter builds a rectangle of size w×h centred on c.
func RectCenter(c Point, w, h float64) Rect {
	return Rect{Point{c.X - w/2, c.Y - h/2}, Point{c.X + w/2, c.Y + h/2}}
}

// W returns the width of r.
func (r Rect) W() float64 { return r.Max.X - r.Min.X }

// H returns the height of r.
func (r Rect) H() float64 { return r.Max.Y - r.Min.Y }

// Center returns the centre of r.
func (r Rect) Center() Point { return Point{(r.Min.X + r.Max.X) / 2, (r.Min.Y + r.Max.Y) / 2} }

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return r.Max.X <= r.Min.X || r.Max.Y <= r.Min.Y }

// Contains reports whether p lies in r (edges included).
func (r Rect) Contains(p Point) bool {
	return p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y
}

// ContainsRect reports whether s lies within r, allowing tol of slack.
func (r Rect) ContainsRect(s Rect, tol float64) bool {
	return s.Min.X >= r.Min.X-tol && s.Min.Y >= r.Min.Y-tol && s.Max.X <= r.Max.X+tol && s.Max.Y <= r.Max.Y+tol
}

// Overlaps reports whether r and s share interior area.
func (r Rect) Overlaps(s Rect) bool {
	return r.Min.X < s.Max.X && s.Min.X < r.Max.X && r.Min.Y < s.Max.Y && s.Min.Y < r.Max.Y
}

// Union returns the smallest rectangle holding r and s; an empty rectangle
// counts as nothing.
func (r Rect) Union(s Rect) Rect {
	if r.Empty() {
		return s
	}
	if s.Empty() {
		return r
	}
	return Rect{
		Point{math.Min(r.Min.X, s.Min.X), math.Min(r.Min.Y, s.Min.Y)},
		Point{math.Max(r.Max.X, s.Max.X), math.Max(r.Max.Y, s.Max.Y)},
	}
}

// Intersect returns the part r and s share (an empty rectangle when
// they do not overlap).
func (r Rect) Intersect(s Rect) Rect {
	out := Rect{
		Point{math.Max(r.Min.X, s.Min.X), math.Max(r.Min.Y, s.Min.Y)},
		Point{math.Min(r.Max.X, s.Max.X), math.Min(r.Max.Y, s.Max.Y)},
	}
	if out.Empty() {
		return Rect{}
	}
	return out
}

// Inset returns r shrunk by d on every side (grown when d < 0).
func (r Rect) Inset(d float64) Rect {
	return Rect{Point{r.Min.X + d, r.Min.Y + d}, Point{r.Max.X - d, r.Max.Y - d}}
}

// Translate returns r moved by d.
func (r Rect) Translate(d Point) Rect { return Rect{r.Min.Add(d), r.Max.Add(d)} }

// Op is a path drawing operation.
type Op uint8

// Path operations. MoveTo, LineTo, QuadTo and CubeTo use 1, 1, 2 and 3
// points of Seg.P; Close uses none.
const (
	MoveTo Op = iota
	LineTo
	QuadTo
	CubeTo
	Close
)

// Seg is one segment of a path.
type Seg struct {
	Op Op
	P  [3]Point
}

// End returns the point the segment ends at (the zero point for Close).
func (s Seg) End() Point {
	switch s.Op {
	case MoveTo, LineTo:
		return s.P[0]
	case QuadTo:
		return s.P[1]
	case CubeTo:
		return s.P[2]
	}
	return Point{}
}

// Path is a sequence of sub-paths, each starting with MoveTo. Paths are
// filled with the non-zero winding rule.
type Path []Seg

// MoveTo appends a MoveTo segment.
func (p Path) MoveTo(a Point) Path { return append(p, Seg{Op: MoveTo, P: [3]Point{a}}) }

// LineTo appends a LineTo segment.
func (p Path) LineTo(a Point) Path { return append(p, Seg{Op: LineTo, P: [3]Point{a}}) }

// QuadTo appends a quadratic Bézier segment.
func (p Path) QuadTo(c, a Point) Path { return append(p, Seg{Op: QuadTo, P: [3]Point{c, a}}) }

// CubeTo appends a cubic Bézier segment.
func (p Path) CubeTo(c1, c2, a Point) Path { return append(p, Seg{Op: CubeTo, P: [3]Point{c1, c2, a}}) }

// Close appends a Close segment.
func (p Path) Close() Path { return append(p, Seg{Op: Close}) }

// Transform returns a copy of p scaled by s and then moved by d.
func (p Path) Transform(s float64, d Point) Path {
	out := make(Path, len(p))
	for i, seg := range p {
		out[i].Op = seg.Op
		for j := range seg.P {
			out[i].P[j] = Point{seg.P[j].X*s + d.X, seg.P[j].Y*s + d.Y}
		}
	}
	return out
}

// Bounds returns the bounding box of p's points (control points included,
// so it may be a little larger than the drawn shape).
func (p Path) Bounds() Rect {
	first := true
	var r Rect
	for _, s := range p {
		n := 0
		switch s.Op {
		case MoveTo, LineTo:
			n = 1
		case QuadTo:
			n = 2
		case CubeTo:
			n = 3
		}
		for _, q := range s.P[:n] {
			if first {
				r = Rect{q, q}
				first = false
				continue
			}
			r.Min.X = math.Min(r.Min.X, q.X)
			r.Min.Y = math.Min(r.Min.Y, q.Y)
			r.Max.X = math.Max(r.Max.X, q.X)
			r.Max.Y = math.Max(r.Max.Y, q.Y)
		}
	}
	return r
}

// RectPath returns the closed outline of r.
func RectPath(r Rect) Path {
	return Path{}.MoveTo(r.Min).LineTo(Point{r.Max.X, r.Min.Y}).LineTo(r.Max).LineTo(Point{r.Min.X, r.Max.Y}).Close()
}

// Flatten converts p to polygons (one per sub-path) with curves replaced by
// line segments no farther than tol from them.
func (p Path) Flatten(tol float64) [][]Point {
	var out [][]Point
	var cur []Point
	var start, pen Point
	for _, s := range p {
		switch s.Op {
		case MoveTo:
			if len(cur) > 1 {
				out = append(out, cur)
			}
			cur = []Point{s.P[0]}
			start, pen = s.P[0], s.P[0]
		case LineTo:
			cur = append(cur, s.P[0])
			pen = s.P[0]
		case QuadTo:
			c1 := Point{X: pen.X + 2.0/3*(s.P[0].X-pen.X), Y: pen.Y + 2.0/3*(s.P[0].Y-pen.Y)}
			c2 := Point{X: s.P[1].X + 2.0/3*(s.P[0].X-s.P[1].X), Y: s.P[1].Y + 2.0/3*(s.P[0].Y-s.P[1].Y)}
			cur = flattenCubic(cur, pen, c1, c2, s.P[1], tol)
			pen = s.P[1]
		case CubeTo:
			cur = flattenCubic(cur, pen, s.P[0], s.P[1], s.P[2], tol)
			pen = s.P[2]
		case Close:
			if len(cur) > 0 && cur[len(cur)-1] != start {
				cur = append(cur, start)
			}
			pen = start
		}
	}
	if len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

func flattenCubic(dst []Point, p0, p1, p2, p3 Point, tol float64) []Point {
	// number of segments from the control polygon's deviation
	dd := math.Max(math.Hypot(p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y), math.Hypot(p1.X-2*p2.X+p3.X, p1.Y-2*p2.Y+p3.Y))
	n := int(math.Ceil(math.Sqrt(0.75 * dd / math.Max(tol, 1e-3))))
	n = max(1, min(n, 256))
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		dst = append(dst, Point{X: a*p0.X + b*p1.X + c*p2.X + d*p3.X, Y: a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y})
	}
	return dst
}

// Rasterize adds the path to z, each point mapped to (X*scale+dx, Y*scale+dy)
// in z's pixel space; open subpaths are closed, as filling requires.
func (p Path) Rasterize(z *vector.Rasterizer, scale, dx, dy float64) {
	pt := func(q Point) (float32, float32) { return float32(q.X*scale + dx), float32(q.Y*scale + dy) }
	open := false
	for _, s := range p {
		switch s.Op {
		case MoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(pt(s.P[0]))
			open = true
		case LineTo:
			z.LineTo(pt(s.P[0]))
		case QuadTo:
			x1, y1 := pt(s.P[0])
			x, y := pt(s.P[1])
			z.QuadTo(x1, y1, x, y)
		case CubeTo:
			x1, y1 := pt(s.P[0])
			x2, y2 := pt(s.P[1])
			x, y := pt(s.P[2])
			z.CubeTo(x1, y1, x2, y2, x, y)
		case Close:
			if open {
				z.ClosePath()
				open = false
			}
		}
	}
	if open {
		z.ClosePath()
	}
}
