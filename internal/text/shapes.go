package text

import "math"

// kappa is the distance of a cubic Bézier's control points from the ends of
// a quarter circle of radius 1 that it approximates.
const kappa = 0.5522847498

// Ellipse returns the closed outline of an ellipse centred on c with radii
// rx and ry, as four cubic arcs.
func Ellipse(c Point, rx, ry float64) Path {
	k := kappa
	p := Path{}.MoveTo(Point{c.X + rx, c.Y})
	p = p.CubeTo(Point{c.X + rx, c.Y + k*ry}, Point{c.X + k*rx, c.Y + ry}, Point{c.X, c.Y + ry})
	p = p.CubeTo(Point{c.X - k*rx, c.Y + ry}, Point{c.X - rx, c.Y + k*ry}, Point{c.X - rx, c.Y})
	p = p.CubeTo(Point{c.X - rx, c.Y - k*ry}, Point{c.X - k*rx, c.Y - ry}, Point{c.X, c.Y - ry})
	p = p.CubeTo(Point{c.X + k*rx, c.Y - ry}, Point{c.X + rx, c.Y - k*ry}, Point{c.X + rx, c.Y})
	return p.Close()
}

// Circle returns a disc of radius r around c.
func Circle(c Point, r float64) Path { return Ellipse(c, r, r) }

// Ring returns an annulus: the outer circle and the inner one wound the
// other way, so that the non-zero rule leaves the middle empty.
func Ring(c Point, outer, inner float64) Path {
	k, r := kappa, inner
	p := Circle(c, outer)
	p = p.MoveTo(Point{c.X + r, c.Y})
	p = p.CubeTo(Point{c.X + r, c.Y - k*r}, Point{c.X + k*r, c.Y - r}, Point{c.X, c.Y - r})
	p = p.CubeTo(Point{c.X - k*r, c.Y - r}, Point{c.X - r, c.Y - k*r}, Point{c.X - r, c.Y})
	p = p.CubeTo(Point{c.X - r, c.Y + k*r}, Point{c.X - k*r, c.Y + r}, Point{c.X, c.Y + r})
	p = p.CubeTo(Point{c.X + k*r, c.Y + r}, Point{c.X + r, c.Y + k*r}, Point{c.X + r, c.Y})
	return p.Close()
}

// RoundedRect returns the outline of r with corners rounded to radius rad
// (limited to half the shorter side).
func RoundedRect(r Rect, rad float64) Path {
	rad = math.Max(0, math.Min(rad, math.Min(r.W(), r.H())/2))
	k := kappa * rad
	x0, y0, x1, y1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	return Path{}.MoveTo(Point{x0 + rad, y0}).
		LineTo(Point{x1 - rad, y0}).
		CubeTo(Point{x1 - rad + k, y0}, Point{x1, y0 + rad - k}, Point{x1, y0 + rad}).
		LineTo(Point{x1, y1 - rad}).
		CubeTo(Point{x1, y1 - rad + k}, Point{x1 - rad + k, y1}, Point{x1 - rad, y1}).
		LineTo(Point{x0 + rad, y1}).
		CubeTo(Point{x0 + rad - k, y1}, Point{x0, y1 - rad + k}, Point{x0, y1 - rad}).
		LineTo(Point{x0, y0 + rad}).
		CubeTo(Point{x0, y0 + rad - k}, Point{x0 + rad - k, y0}, Point{x0 + rad, y0}).
		Close()
}

// Polygon returns the closed polygon through pts.
func Polygon(pts ...Point) Path {
	var p Path
	for i, q := range pts {
		if i == 0 {
			p = p.MoveTo(q)
		} else {
			p = p.LineTo(q)
		}
	}
	if len(p) > 0 {
		p = p.Close()
	}
	return p
}

// Note returns the outline of a sheet with its top-right corner folded by
// fold points, and the open stroke of the fold.
func Note(r Rect, fold float64) (outline, decor Path) {
	f := fold
	outline = Polygon(r.Min, Point{r.Max.X - f, r.Min.Y}, Point{r.Max.X, r.Min.Y + f}, r.Max, Point{r.Min.X, r.Max.Y})
	decor = Path{}.MoveTo(Point{r.Max.X - f, r.Min.Y}).LineTo(Point{r.Max.X - f, r.Min.Y + f}).LineTo(Point{r.Max.X, r.Min.Y + f})
	return outline, decor
}

// Cylinder returns the outline of a cylinder standing in r, whose elliptic
// caps are capH points high, and the open stroke of the front of its lid.
func Cylinder(r Rect, capH float64) (outline, decor Path) {
	c := r.Center()
	hw, k := r.W()/2, kappa
	top, bot := r.Min.Y+capH, r.Max.Y-capH
	outline = Path{}.MoveTo(Point{r.Min.X, top}).
		CubeTo(Point{r.Min.X, top - k*capH}, Point{c.X - k*hw, r.Min.Y}, Point{c.X, r.Min.Y}).
		CubeTo(Point{c.X + k*hw, r.Min.Y}, Point{r.Max.X, top - k*capH}, Point{r.Max.X, top}).
		LineTo(Point{r.Max.X, bot}).
		CubeTo(Point{r.Max.X, bot + k*capH}, Point{c.X + k*hw, r.Max.Y}, Point{c.X, r.Max.Y}).
		CubeTo(Point{c.X - k*hw, r.Max.Y}, Point{r.Min.X, bot + k*capH}, Point{r.Min.X, bot}).Close()
	decor = Path{}.MoveTo(Point{r.Min.X, top}).
		CubeTo(Point{r.Min.X, top + k*capH}, Point{c.X - k*hw, top + capH}, Point{c.X, top + capH}).
		CubeTo(Point{c.X + k*hw, top + capH}, Point{r.Max.X, top + k*capH}, Point{r.Max.X, top})
	return outline, decor
}
