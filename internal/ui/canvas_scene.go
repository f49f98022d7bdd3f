package ui

import (
	"image"
	"image/draw"
	"math"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/render"
	"github.com/khareeta/khareeta/internal/text"
)

// Moving nodes on the shown map without laying it out again: the scene's
// nodes are moved (their relations follow) and only the part of the drawn
// map that changed is painted again, into the base image and its halvings.

// moveScene moves the listed concepts' nodes of sc by (dx, dy) points and
// returns the region of the scene that changed (old and new places of the
// nodes, their relations and their labels). It is a seam: the layout
// package's own Scene.Move takes its place once it exists.
var moveScene = func(sc *layout.Scene, ids []string, dx, dy float64) text.Rect {
	return moveSceneHere(sc, ids, dx, dy)
}

// moveSceneHere is the map pane's own mover: nodes are translated; a
// relation with both ends moved is translated, one with a single end moved
// is drawn straight between the borders of its nodes (the next layout
// routes it again).
func moveSceneHere(sc *layout.Scene, ids []string, dx, dy float64) text.Rect {
	moved := make(map[string]bool, len(ids))
	for _, id := range ids {
		moved[id] = true
	}
	d := text.Point{X: dx, Y: dy}
	var dirty text.Rect
	for i := range sc.Nodes {
		n := &sc.Nodes[i]
		if !moved[n.ConceptID] {
			continue
		}
		dirty = dirty.Union(nodeBounds(n))
		n.Rect = n.Rect.Translate(d)
		n.LabelRect = n.LabelRect.Translate(d)
		n.Outline = n.Outline.Transform(1, d)
		if len(n.Decor) > 0 {
			n.Decor = n.Decor.Transform(1, d)
		}
		dirty = dirty.Union(nodeBounds(n))
	}
	for i := range sc.Edges {
		e := &sc.Edges[i]
		f, t := moved[e.From], moved[e.To]
		if !f && !t {
			continue
		}
		dirty = dirty.Union(edgeBounds(e))
		if f && t {
			e.Path = e.Path.Transform(1, d)
			e.Arrow = e.Arrow.Transform(1, d)
			e.Tip = e.Tip.Add(d)
			e.LabelRect = e.LabelRect.Translate(d)
		} else {
			straighten(sc, e)
		}
		dirty = dirty.Union(edgeBounds(e))
	}
	return dirty
}

// nodeBounds is everything a node paints (its stroke included).
func nodeBounds(n *layout.Node) text.Rect {
	return n.Rect.Union(n.LabelRect).Inset(-n.StrokeWidth - 2)
}

// edgeBounds is everything a relation paints: its curve, its arrowhead and
// its label's box.
func edgeBounds(e *layout.Edge) text.Rect {
	r := e.Path.Bounds().Union(e.Arrow.Bounds()).Inset(-e.Width - 2)
	if e.Label != nil {
		r = r.Union(e.LabelRect.Inset(-3))
	}
	return r
}

// straighten draws a relation as a straight line from the border of its
// tail node to the border of its head node, with its arrowhead and its
// label in the middle.
func straighten(sc *layout.Scene, e *layout.Edge) {
	a, b := sc.NodeByID(e.From), sc.NodeByID(e.To)
	if a < 0 || b < 0 {
		return
	}
	ra, rb := sc.Nodes[a].Rect, sc.Nodes[b].Rect
	ca, cb := ra.Center(), rb.Center()
	p := borderPoint(ra, cb)
	tip := borderPoint(rb, ca)
	vx, vy := tip.X-p.X, tip.Y-p.Y
	l := math.Hypot(vx, vy)
	if l < 1e-6 {
		vx, vy, l = 1, 0, 1
	}
	ux, uy := vx/l, vy/l
	head := math.Min(10, l/2) // the arrowhead's length
	base := text.Point{X: tip.X - ux*head, Y: tip.Y - uy*head}
	e.Path = text.Path{}.MoveTo(p).LineTo(base)
	w := head * 0.4
	e.Arrow = text.Path{}.MoveTo(tip).
		LineTo(text.Point{X: base.X - uy*w, Y: base.Y + ux*w}).
		LineTo(text.Point{X: base.X + uy*w, Y: base.Y - ux*w}).Close()
	e.Tip = tip
	if e.Label != nil {
		mid := text.Point{X: (p.X + base.X) / 2, Y: (p.Y + base.Y) / 2}
		e.LabelRect = text.RectCenter(mid, e.LabelRect.W(), e.LabelRect.H())
	}
}

// borderPoint is where the line from r's centre towards q leaves r.
func borderPoint(r text.Rect, q text.Point) text.Point {
	c := r.Center()
	dx, dy := q.X-c.X, q.Y-c.Y
	if dx == 0 && dy == 0 {
		return c
	}
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, r.W()/2/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, r.H()/2/math.Abs(dy))
	}
	t = math.Min(t, 1)
	return text.Point{X: c.X + dx*t, Y: c.Y + dy*t}
}

// patchBase paints the region r (points) of the scene again into the base
// image and its halvings: the elements that reach into it are drawn, in
// their order, onto a small image that replaces that part of the base.
func (c *mapCanvas) patchBase(r text.Rect) {
	if c.base == nil || c.scene == nil || r.Empty() {
		return
	}
	px := pixelRect(r, c.baseScale).Intersect(c.base.Bounds())
	if px.Empty() {
		return
	}
	// Halvings are redone from even pixels, so widen to a multiple of 2^levels.
	step := 1 << len(c.mips)
	px = image.Rect(px.Min.X/step*step, px.Min.Y/step*step, (px.Max.X+step-1)/step*step, (px.Max.Y+step-1)/step*step).Intersect(c.base.Bounds())
	img, err := render.Image(subScene(c.scene, px, c.baseScale), render.Scale(c.baseScale))
	if err != nil {
		return
	}
	draw.Draw(c.base, px, img, image.Point{}, draw.Src)
	for i := 1; i < len(c.mips); i++ {
		px = image.Rect(px.Min.X/2, px.Min.Y/2, (px.Max.X+1)/2, (px.Max.Y+1)/2)
		halveInto(c.mips[i], c.mips[i-1], px)
	}
}

// pixelRect is the smallest rectangle of whole pixels holding r at scale.
func pixelRect(r text.Rect, scale float64) image.Rectangle {
	return image.Rect(int(math.Floor(r.Min.X*scale)), int(math.Floor(r.Min.Y*scale)),
		int(math.Ceil(r.Max.X*scale)), int(math.Ceil(r.Max.Y*scale)))
}

// subScene is the part of sc inside the pixel rectangle px (at scale),
// moved to the origin: the elements reaching into it, in their order.
func subScene(sc *layout.Scene, px image.Rectangle, scale float64) *layout.Scene {
	win := text.Rect{
		Min: text.Point{X: float64(px.Min.X) / scale, Y: float64(px.Min.Y) / scale},
		Max: text.Point{X: float64(px.Max.X) / scale, Y: float64(px.Max.Y) / scale},
	}
	d := text.Point{X: -win.Min.X, Y: -win.Min.Y}
	out := &layout.Scene{
		Width: win.W(), Height: win.H(), Background: sc.Background,
		Lang: sc.Lang, Dir: sc.Dir, TextColor: sc.TextColor,
	}
	for i := range sc.Edges {
		e := sc.Edges[i]
		if !edgeBounds(&e).Overlaps(win) {
			continue
		}
		e.Path = e.Path.Transform(1, d)
		e.Arrow = e.Arrow.Transform(1, d)
		e.Tip = e.Tip.Add(d)
		e.LabelRect = e.LabelRect.Translate(d)
		out.Edges = append(out.Edges, e)
	}
	for i := range sc.Nodes {
		n := sc.Nodes[i]
		if !nodeBounds(&n).Overlaps(win) {
			continue
		}
		n.Rect = n.Rect.Translate(d)
		n.LabelRect = n.LabelRect.Translate(d)
		n.Outline = n.Outline.Transform(1, d)
		n.Decor = n.Decor.Transform(1, d)
		out.Nodes = append(out.Nodes, n)
	}
	if sc.Title != nil && sc.TitleRect.Overlaps(win) {
		out.Title, out.TitleRect = sc.Title, sc.TitleRect.Translate(d)
	}
	for _, cp := range sc.Notes {
		if cp.Rect.Overlaps(win) {
			out.Notes = append(out.Notes, layout.Caption{Block: cp.Block, Rect: cp.Rect.Translate(d)})
		}
	}
	if sc.LegendRect.Overlaps(win) {
		for _, it := range sc.Legend {
			it.Swatch = it.Swatch.Translate(d)
			it.Outline = it.Outline.Transform(1, d)
			it.LabelRect = it.LabelRect.Translate(d)
			out.Legend = append(out.Legend, it)
		}
	}
	if sc.SourcesRect.Overlaps(win) {
		for _, cp := range sc.Sources {
			out.Sources = append(out.Sources, layout.Caption{Block: cp.Block, Rect: cp.Rect.Translate(d)})
		}
	}
	return out
}

// halveInto recomputes the pixels r of dst, the halving of src.
func halveInto(dst, src *image.RGBA, r image.Rectangle) {
	r = r.Intersect(dst.Bounds())
	sb := src.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		y0, y1 := 2*y, min(2*y+1, sb.Max.Y-1)
		r0 := src.Pix[y0*src.Stride:]
		r1 := src.Pix[y1*src.Stride:]
		d := dst.Pix[y*dst.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			i := 8 * x
			if 2*x+1 >= sb.Max.X {
				continue
			}
			for ch := 0; ch < 4; ch++ {
				d[4*x+ch] = uint8((uint32(r0[i+ch]) + uint32(r0[i+4+ch]) + uint32(r1[i+ch]) + uint32(r1[i+4+ch]) + 2) / 4)
			}
		}
	}
}
