package text

import (
	"math"
	"testing"
)

// winding returns the non-zero winding number of p around q.
func winding(p Path, q Point) int {
	wn := 0
	for _, poly := range p.Flatten(0.05) {
		for i := 0; i+1 < len(poly); i++ {
			a, b := poly[i], poly[i+1]
			c := (b.X-a.X)*(q.Y-a.Y) - (q.X-a.X)*(b.Y-a.Y)
			if a.Y <= q.Y && b.Y > q.Y && c > 0 {
				wn++
			} else if a.Y > q.Y && b.Y <= q.Y && c < 0 {
				wn--
			}
		}
	}
	return wn
}

func TestShapes(t *testing.T) {
	c := Point{10, 20}
	e := Ellipse(c, 8, 4)
	if b := e.Bounds(); math.Abs(b.W()-16) > 1e-9 || math.Abs(b.H()-8) > 1e-9 || b.Center() != c {
		t.Errorf("ellipse bounds %v", b)
	}
	// points on the ellipse stay within 0.1% of the radius
	for _, poly := range e.Flatten(0.01) {
		for _, q := range poly {
			d := math.Hypot((q.X-c.X)/8, (q.Y-c.Y)/4)
			if math.Abs(d-1) > 0.002 {
				t.Errorf("ellipse point %v at %.4f radii", q, d)
			}
		}
	}
	ring := Ring(c, 5, 3)
	if winding(ring, c) != 0 || winding(ring, Point{c.X + 4, c.Y}) == 0 || winding(ring, Point{c.X + 6, c.Y}) != 0 {
		t.Error("ring: the hole is filled or the band is empty")
	}
	r := RectXYWH(0, 0, 40, 10)
	rr := RoundedRect(r, 30) // radius limited to 5
	if b := rr.Bounds(); b != r {
		t.Errorf("rounded rect bounds %v, want %v", b, r)
	}
	if winding(rr, Point{0.5, 0.5}) != 0 || winding(rr, Point{20, 5}) == 0 {
		t.Error("rounded rect corner not cut or centre not inside")
	}
	o, d := Note(r, 4)
	if winding(o, Point{39.5, 0.5}) != 0 || len(d) != 3 {
		t.Error("note: the fold is not cut off")
	}
	o, d = Cylinder(RectXYWH(0, 0, 20, 30), 3)
	if winding(o, Point{10, 15}) == 0 || len(d) == 0 {
		t.Error("cylinder: empty body or no lid")
	}
	if p := Polygon(); p != nil {
		t.Error("empty polygon is not empty")
	}
}
