package ui

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"unsafe"

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

// sceneFilter says which of a scene's nodes and relations (by index) a
// drawing holds; nil holds them all.
type sceneFilter func(node bool, i int) bool

// patchBase paints the region r (points) of the scene again into the base
// image and its halvings: the elements that reach into it (and that keep
// holds) are drawn, in their order, onto a small image that replaces that
// part of the base.
func (c *mapCanvas) patchBase(r text.Rect) { c.patchBaseWith(r, nil) }

func (c *mapCanvas) patchBaseWith(r text.Rect, keep sceneFilter) {
	if job := c.preparePatch(r, keep); job != nil {
		job.render()
		c.applyPatch(job)
	}
}

// patchJob is a part of the drawn map painted again: prepared on the UI
// goroutine (the scene is read there), rendered anywhere, applied on the
// UI goroutine.
type patchJob struct {
	base  *image.RGBA // the drawn map it is for
	px    image.Rectangle
	sub   *layout.Scene
	scale float64
	img   *image.RGBA
	done  func() // run once applied
}

// preparePatch takes what the region r of the drawn map needs (nil when
// there is nothing to paint).
func (c *mapCanvas) preparePatch(r text.Rect, keep sceneFilter) *patchJob {
	if c.base == nil || c.scene == nil || r.Empty() {
		return nil
	}
	px := pixelRect(r, c.baseScale).Intersect(c.base.Bounds())
	if px.Empty() {
		return nil
	}
	// Halvings are redone from even pixels, so widen to a multiple of 2^levels.
	step := 1 << len(c.mips)
	px = image.Rect(px.Min.X/step*step, px.Min.Y/step*step, (px.Max.X+step-1)/step*step, (px.Max.Y+step-1)/step*step).Intersect(c.base.Bounds())
	win := text.Rect{
		Min: text.Point{X: float64(px.Min.X) / c.baseScale, Y: float64(px.Min.Y) / c.baseScale},
		Max: text.Point{X: float64(px.Max.X) / c.baseScale, Y: float64(px.Max.Y) / c.baseScale},
	}
	return &patchJob{base: c.base, px: px, sub: subScene(c.scene, win, keep, false), scale: c.baseScale}
}

// render draws the job's part of the map (any goroutine).
func (j *patchJob) render() {
	img, err := render.Image(j.sub, render.Scale(j.scale))
	if err == nil {
		j.img = img
	}
}

// applyPatch puts a rendered part into the drawn map and its halvings
// (unless the map was drawn again meanwhile).
func (c *mapCanvas) applyPatch(j *patchJob) {
	if j.img != nil && j.base == c.base {
		px := j.px
		draw.Draw(c.base, px, j.img, image.Point{}, draw.Src)
		for i := 1; i < len(c.mips); i++ {
			px = image.Rect(px.Min.X/2, px.Min.Y/2, (px.Max.X+1)/2, (px.Max.Y+1)/2)
			halveInto(c.mips[i], c.mips[i-1], px)
		}
	}
	if j.done != nil {
		j.done()
	}
}

// patchLater paints a region again off the UI goroutine (lifting and
// dropping relations that cross a big map takes a while); the parts are
// applied in the order they were asked for, and done runs once applied.
func (c *mapCanvas) patchLater(r text.Rect, keep sceneFilter, done func()) {
	job := c.preparePatch(r, keep)
	if job == nil {
		job = &patchJob{}
	}
	job.done = done
	seq := c.patches.next
	c.patches.next++
	runAsync(func() {
		if job.sub != nil {
			job.render()
		}
		c.m.g.do(func() {
			if c.patches.ready == nil {
				c.patches.ready = map[int]*patchJob{}
			}
			c.patches.ready[seq] = job
			for {
				j, ok := c.patches.ready[c.patches.applied]
				if !ok {
					break
				}
				delete(c.patches.ready, c.patches.applied)
				c.patches.applied++
				c.applyPatch(j)
			}
			c.Refresh()
		})
	})
}

// patchQueue orders the parts painted off the UI goroutine.
type patchQueue struct {
	next, applied int
	ready         map[int]*patchJob
}

// pixelRect is the smallest rectangle of whole pixels holding r at scale.
func pixelRect(r text.Rect, scale float64) image.Rectangle {
	return image.Rect(int(math.Floor(r.Min.X*scale)), int(math.Floor(r.Min.Y*scale)),
		int(math.Ceil(r.Max.X*scale)), int(math.Ceil(r.Max.Y*scale)))
}

// subScene is the part of sc inside win (points) moved to the origin: the
// elements reaching into it that keep holds, in their order. A clear
// scene has a transparent background and no title, legend or notes (it
// is drawn over another).
func subScene(sc *layout.Scene, win text.Rect, keep sceneFilter, clear bool) *layout.Scene {
	d := text.Point{X: -win.Min.X, Y: -win.Min.Y}
	out := &layout.Scene{
		Width: win.W(), Height: win.H(), Background: sc.Background,
		Lang: sc.Lang, Dir: sc.Dir, TextColor: sc.TextColor,
	}
	if clear {
		out.Background = color.NRGBA{}
	}
	for i := range sc.Edges {
		e := sc.Edges[i]
		if (keep != nil && !keep(false, i)) || !edgeBounds(&e).Overlaps(win) {
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
		if (keep != nil && !keep(true, i)) || !nodeBounds(&n).Overlaps(win) {
			continue
		}
		n.Rect = n.Rect.Translate(d)
		n.LabelRect = n.LabelRect.Translate(d)
		n.Outline = n.Outline.Transform(1, d)
		n.Decor = n.Decor.Transform(1, d)
		out.Nodes = append(out.Nodes, n)
	}
	if clear {
		return out
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

// lifted is what a drag has lifted off the drawn map: the nodes moved and
// the relations touching them (by index), drawn over the map each frame
// until they are dropped.
type lifted struct {
	nodes, edges map[int]bool
}

// held holds only what is lifted; keep holds the rest.
func (l *lifted) held(node bool, i int) bool {
	if node {
		return l.nodes[i]
	}
	return l.edges[i]
}

func (l *lifted) keep(node bool, i int) bool { return !l.held(node, i) }

// lift takes the listed concepts' nodes and their relations off the drawn
// map (painted there without them) to be drawn over it while they move.
func (c *mapCanvas) lift(ids []string) {
	l := &lifted{nodes: map[int]bool{}, edges: map[int]bool{}}
	moving := map[string]bool{}
	var r text.Rect
	for _, id := range ids {
		if i := c.scene.NodeByID(id); i >= 0 {
			l.nodes[i] = true
			moving[id] = true
			r = r.Union(nodeBounds(&c.scene.Nodes[i]))
		}
	}
	for i := range c.scene.Edges {
		e := &c.scene.Edges[i]
		if moving[e.From] || moving[e.To] {
			l.edges[i] = true
			r = r.Union(edgeBounds(e))
		}
	}
	c.lifted = l
	c.patchLater(r, l.keep, nil)
}

// drop paints the lifted nodes and relations back into the drawn map
// where they are now.
func (c *mapCanvas) drop() {
	l := c.lifted
	if l == nil {
		return
	}
	var r text.Rect
	for i := range l.nodes {
		r = r.Union(nodeBounds(&c.scene.Nodes[i]))
	}
	for i := range l.edges {
		r = r.Union(edgeBounds(&c.scene.Edges[i]))
	}
	// The lifted parts are drawn over the map until the map has them.
	c.patchLater(r, nil, func() {
		if c.lifted == l {
			c.lifted = nil
		}
	})
}

// paintLifted draws the lifted nodes and relations onto dst, which shows
// the scene from (offX, offY) at k pixels per point: the relations as
// plain lines with their arrowheads (quick however long they are), the
// nodes and the relations' labels drawn by the renderer in small pieces.
func (c *mapCanvas) paintLifted(dst *image.RGBA, k float64) {
	l := c.lifted
	if l == nil {
		return
	}
	off := text.Point{X: -c.offX * k, Y: -c.offY * k}
	for i := range l.edges {
		e := &c.scene.Edges[i]
		col := image.NewUniform(e.Color)
		w := math.Min(math.Max(e.Width*k, 1), 4)
		for _, poly := range e.Path.Transform(k, off).Flatten(0.5) {
			for j := 1; j < len(poly); j++ {
				drawLine(dst, poly[j-1], poly[j], w, e.Color)
			}
		}
		paintPath(dst, e.Arrow.Transform(k, off), 0, col)
	}
	var box text.Rect
	for i := range l.nodes {
		box = box.Union(nodeBounds(&c.scene.Nodes[i]))
	}
	c.paintPiece(dst, k, box, func(node bool, i int) bool { return node && l.nodes[i] })
	for i := range l.edges {
		if e := &c.scene.Edges[i]; e.Label != nil {
			c.paintPiece(dst, k, e.LabelRect.Inset(-3), func(node bool, j int) bool { return !node && j == i })
		}
	}
}

// paintPiece draws the elements keep holds within win (points) onto dst
// (from (offX, offY) at k pixels per point) with the renderer; relations
// are drawn by their labels only.
func (c *mapCanvas) paintPiece(dst *image.RGBA, k float64, win text.Rect, keep sceneFilter) {
	px := pixelRect(win.Translate(text.Point{X: -c.offX, Y: -c.offY}), k).Intersect(dst.Bounds())
	if px.Empty() {
		return
	}
	w := text.Rect{
		Min: text.Point{X: float64(px.Min.X)/k + c.offX, Y: float64(px.Min.Y)/k + c.offY},
		Max: text.Point{X: float64(px.Max.X)/k + c.offX, Y: float64(px.Max.Y)/k + c.offY},
	}
	sub := subScene(c.scene, w, keep, true)
	for i := range sub.Edges {
		sub.Edges[i].Path, sub.Edges[i].Arrow = nil, nil
	}
	img, err := render.Image(sub, render.Scale(k))
	if err != nil {
		return
	}
	draw.Draw(dst, px, img, image.Point{}, draw.Over)
}

// drawLine draws a straight line of width w pixels from a to b onto dst in
// colour col, clipped to dst (no anti-aliasing: it is drawn for a frame).
func drawLine(dst *image.RGBA, a, b text.Point, w float64, col color.NRGBA) {
	bb := dst.Bounds()
	ok, a, b := clipSegment(a, b, float64(bb.Min.X)-w, float64(bb.Min.Y)-w, float64(bb.Max.X)+w, float64(bb.Max.Y)+w)
	if !ok {
		return
	}
	dx, dy := b.X-a.X, b.Y-a.Y
	n := int(math.Max(math.Abs(dx), math.Abs(dy))) + 1
	half := int(w / 2)
	steep := math.Abs(dy) > math.Abs(dx)
	c := color.RGBA{col.R, col.G, col.B, 0xff}
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		x, y := int(a.X+dx*t), int(a.Y+dy*t)
		for o := -half; o <= half; o++ {
			if steep {
				setPixel(dst, x+o, y, c)
			} else {
				setPixel(dst, x, y+o, c)
			}
		}
	}
}

func setPixel(dst *image.RGBA, x, y int, c color.RGBA) {
	if !(image.Point{X: x, Y: y}).In(dst.Rect) {
		return
	}
	i := dst.PixOffset(x, y)
	dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = c.R, c.G, c.B, c.A
}

// clipSegment clips the segment ab to the rectangle (Liang–Barsky).
func clipSegment(a, b text.Point, x0, y0, x1, y1 float64) (bool, text.Point, text.Point) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, pq := range [][2]float64{{-dx, a.X - x0}, {dx, x1 - a.X}, {-dy, a.Y - y0}, {dy, y1 - a.Y}} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return false, a, b
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
		if t0 > t1 {
			return false, a, b
		}
	}
	return true, text.Point{X: a.X + dx*t0, Y: a.Y + dy*t0}, text.Point{X: a.X + dx*t1, Y: a.Y + dy*t1}
}

// scaleNearest draws src scaled by a and moved by (tx, ty) (a source
// pixel p lands at p·a + t) onto dst, taking the nearest source pixel: the
// quick drawing of frames while the map is dragged.
func scaleNearest(dst, src *image.RGBA, a, tx, ty float64) {
	db, sb := dst.Bounds(), src.Bounds()
	xs := make([]int32, db.Dx())
	for x := range xs {
		sx := int(math.Floor((float64(x) + 0.5 - tx) / a))
		if sx < sb.Min.X || sx >= sb.Max.X {
			sx = -1
		} else {
			sx -= sb.Min.X
		}
		xs[x] = int32(sx)
	}
	d32 := pixels32(dst)
	s32 := pixels32(src)
	dw, sw := dst.Stride/4, src.Stride/4
	prev := -1
	for y := 0; y < db.Dy(); y++ {
		sy := int(math.Floor((float64(y) + 0.5 - ty) / a))
		if sy < sb.Min.Y || sy >= sb.Max.Y {
			continue
		}
		drow := d32[y*dw : y*dw+len(xs)]
		if sy == prev {
			copy(drow, d32[(y-1)*dw:(y-1)*dw+len(xs)]) // the same source row again
			continue
		}
		prev = sy
		srow := s32[(sy-sb.Min.Y)*sw:]
		for x, sx := range xs {
			if sx >= 0 {
				drow[x] = srow[sx]
			}
		}
	}
}

// pixels32 views an RGBA image's pixels as one 32-bit word each.
func pixels32(m *image.RGBA) []uint32 {
	if len(m.Pix) == 0 {
		return nil
	}
	return unsafe.Slice((*uint32)(unsafe.Pointer(&m.Pix[0])), len(m.Pix)/4)
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
