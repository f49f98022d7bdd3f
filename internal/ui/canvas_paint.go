package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2/theme"

	"github.com/khareeta/khareeta/internal/text"
)

// What the map draws over the drawn map while the user works on it: the
// rings of a selection of several concepts, the link handles, the guides
// of a drag, the selection rectangle and the line of a link being drawn.

// guideColor is the colour of alignment guides (as in drawing programs).
var guideColor = color.NRGBA{0xe0, 0x20, 0x90, 0xff}

// paintOverlay draws the canvas's working marks onto dst (device pixels,
// k pixels per point).
func (c *mapCanvas) paintOverlay(dst *image.RGBA, k float64) {
	if c.scene == nil {
		return
	}
	toDev := func(p text.Point) text.Point { return text.Point{X: (p.X - c.offX) * k, Y: (p.Y - c.offY) * k} }
	tr := func(p text.Path) text.Path { return p.Transform(k, text.Point{X: -c.offX * k, Y: -c.offY * k}) }
	accent := image.NewUniform(theme.Color(theme.ColorNamePrimary))
	if sel := c.selection(); len(sel) > 1 || (c.lifted != nil && len(sel) > 0) {
		for _, id := range sel {
			if i := c.scene.NodeByID(id); i >= 0 {
				paintPath(dst, tr(c.scene.Nodes[i].Outline), math.Max(3, 1.5*k), accent)
			}
		}
	}
	px := k / c.zoom // device pixels per dp
	if c.editable() && c.gs.mode != gestureMove && c.gs.mode != gestureBand {
		for _, id := range c.handleShown() {
			if h, ok := c.handlePos(id); ok {
				ctr := text.Point{X: float64(h.X) * px, Y: float64(h.Y) * px}
				r := handleRadius * px
				paintPath(dst, circlePath(ctr, r), 0, image.White)
				paintPath(dst, circlePath(ctr, r-1.5*px), 0, accent)
			}
		}
	}
	if concept, relation := c.citeTarget(); concept != "" || relation != "" {
		if i := c.scene.NodeByID(concept); i >= 0 {
			paintPath(dst, tr(c.scene.Nodes[i].Outline), math.Max(3, 1.5*k), accent)
		}
		for i := range c.scene.Edges {
			if e := &c.scene.Edges[i]; relation != "" && e.RelationID == relation {
				paintPath(dst, tr(e.Path), math.Max(3, 1.5*k), accent)
			}
		}
	}
	switch c.gs.mode {
	case gestureMove:
		guide := image.NewUniform(guideColor)
		for _, gl := range c.gs.guides {
			var a, b text.Point
			if gl.Vertical {
				a, b = text.Point{X: gl.At, Y: gl.From - 10}, text.Point{X: gl.At, Y: gl.To + 10}
			} else {
				a, b = text.Point{X: gl.From - 10, Y: gl.At}, text.Point{X: gl.To + 10, Y: gl.At}
			}
			paintPath(dst, text.Path{}.MoveTo(toDev(a)).LineTo(toDev(b)), math.Max(1, px), guide)
		}
	case gestureBand:
		x, y := c.toScene(c.gs.pointer)
		r := rectOf(c.gs.bandFrom, text.Point{X: x, Y: y})
		box := text.RectPath(text.Rect{Min: toDev(r.Min), Max: toDev(r.Max)})
		fill := theme.Color(theme.ColorNamePrimary)
		rr, gg, bb, _ := fill.RGBA()
		paintPath(dst, box, 0, image.NewUniform(color.NRGBA{uint8(rr >> 8), uint8(gg >> 8), uint8(bb >> 8), 0x30}))
		paintPath(dst, box, math.Max(1, px), accent)
	case gestureLink:
		i := c.scene.NodeByID(c.gs.from)
		if i < 0 {
			return
		}
		from := toDev(c.scene.Nodes[i].Rect.Center())
		to := text.Point{X: float64(c.gs.pointer.X) * px, Y: float64(c.gs.pointer.Y) * px}
		if t := c.linkTarget(); t >= 0 {
			paintPath(dst, tr(c.scene.Nodes[t].Outline), math.Max(3, 1.5*k), accent)
		}
		paintPath(dst, text.Path{}.MoveTo(from).LineTo(to), math.Max(2, 1.2*px), accent)
		paintPath(dst, circlePath(to, 4*px), 0, accent)
	}
}

// circlePath is a circle of radius r around c.
func circlePath(c text.Point, r float64) text.Path {
	const n = 24
	var p text.Path
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / n
		q := text.Point{X: c.X + r*math.Cos(a), Y: c.Y + r*math.Sin(a)}
		if i == 0 {
			p = p.MoveTo(q)
		} else {
			p = p.LineTo(q)
		}
	}
	return p.Close()
}
