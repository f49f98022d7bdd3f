package render

import (
	"image/color"
	"math"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// paintPattern draws a node's pattern (layout.Patterns) inside its outline
// but around its label, so that the text keeps a plain background.
func paintPattern(pt painter, n *layout.Node, c color.NRGBA) {
	box := n.Outline.Bounds()
	if box.Empty() {
		return
	}
	clip := append(text.Path(nil), n.Outline...)
	if n.Label != nil && !n.LabelRect.Empty() {
		hole := n.LabelRect.Inset(-3)
		// the hole is wound against the outline, so the non-zero rule
		// leaves it out
		if signedArea(n.Outline) > 0 {
			clip = append(clip, text.Polygon(hole.Min, text.Point{X: hole.Min.X, Y: hole.Max.Y}, hole.Max, text.Point{X: hole.Max.X, Y: hole.Min.Y})...)
		} else {
			clip = append(clip, text.RectPath(hole)...)
		}
	}
	p := patternPath(n.Pattern, box, 5.5, 0.9)
	if len(p) > 0 {
		pt.fillClipped(p, clip, c)
	}
}

// signedArea is positive for paths wound like text.RectPath (clockwise on
// a y-down page).
func signedArea(p text.Path) float64 {
	a := 0.0
	for _, poly := range p.Flatten(1) {
		for i := 0; i+1 < len(poly); i++ {
			a += poly[i].X*poly[i+1].Y - poly[i+1].X*poly[i].Y
		}
	}
	return a / 2
}

// patternPath covers box with the pattern's marks, spaced gap points
// apart, lines w points thick.
func patternPath(name string, box text.Rect, gap, w float64) text.Path {
	var p text.Path
	lines := func(angle float64) {
		// lines at angle through box: parametrise by the offset along
		// the normal
		ux, uy := math.Cos(angle), math.Sin(angle)
		nx, ny := -uy, ux
		c := box.Center()
		r := math.Hypot(box.W(), box.H())/2 + gap
		for o := -r; o <= r; o += gap {
			cx, cy := c.X+nx*o, c.Y+ny*o
			a := text.Point{X: cx - ux*r, Y: cy - uy*r}
			b := text.Point{X: cx + ux*r, Y: cy + uy*r}
			h := w / 2
			p = append(p, text.Polygon(
				text.Point{X: a.X + nx*h, Y: a.Y + ny*h}, text.Point{X: b.X + nx*h, Y: b.Y + ny*h},
				text.Point{X: b.X - nx*h, Y: b.Y - ny*h}, text.Point{X: a.X - nx*h, Y: a.Y - ny*h})...)
		}
	}
	switch name {
	case "hatch":
		lines(-math.Pi / 4)
	case "backhatch":
		lines(math.Pi / 4)
	case "cross":
		lines(-math.Pi / 4)
		lines(math.Pi / 4)
	case "hlines":
		lines(0)
	case "vlines":
		lines(math.Pi / 2)
	case "grid":
		lines(0)
		lines(math.Pi / 2)
	case "dots":
		for y := box.Min.Y + gap/2; y < box.Max.Y; y += gap {
			for x := box.Min.X + gap/2; x < box.Max.X; x += gap {
				p = append(p, text.Circle(text.Point{X: x, Y: y}, w*0.8)...)
			}
		}
	}
	return p
}
