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
// nodes are moved (layout.Scene.Move: their relations follow) and only the
// parts of the drawn map that changed are painted again (render.Repaint),
// into the base image and its halvings.

// moveScene moves the listed concepts' nodes of sc by (dx, dy) points and
// returns the areas of the scene that changed.
func moveScene(sc *layout.Scene, ids []string, dx, dy float64) []text.Rect {
	return sc.Move(ids, dx, dy)
}

// nodeBounds is everything a node paints (its stroke included).
func nodeBounds(n *layout.Node) text.Rect {
	return n.Rect.Union(n.Outline.Bounds()).Union(n.LabelRect).Inset(-n.StrokeWidth - 2)
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

// sceneFilter says which of a scene's nodes and relations (by index) a
// drawing holds; nil holds them all.
type sceneFilter func(node bool, i int) bool

// filtered is a copy of sc holding what keep holds (nil: everything); the
// copy shares paths and texts, which Move replaces and never changes, so
// it may be painted on another goroutine while sc moves on.
func filtered(sc *layout.Scene, keep sceneFilter) *layout.Scene {
	out := *sc
	out.Nodes, out.Edges = nil, nil
	for i := range sc.Nodes {
		if keep == nil || keep(true, i) {
			out.Nodes = append(out.Nodes, sc.Nodes[i])
		}
	}
	for i := range sc.Edges {
		if keep == nil || keep(false, i) {
			out.Edges = append(out.Edges, sc.Edges[i])
		}
	}
	return &out
}

// patchBase paints the areas (points) of the scene again into the base
// image and its halvings.
func (c *mapCanvas) patchBase(areas []text.Rect) {
	if job := c.preparePatch(areas, nil); job != nil {
		job.render()
		c.applyPatch(job)
	}
}

// patchJob is a part of the drawn map painted again: prepared on the UI
// goroutine (the scene is copied there), rendered anywhere (into an image
// of its own), applied on the UI goroutine.
type patchJob struct {
	base  *image.RGBA       // the drawn map it is for
	px    image.Rectangle   // the rectangle of the base the areas lie in
	rects []image.Rectangle // the areas' pixels
	sc    *layout.Scene
	areas []text.Rect
	scale float64
	imgs  []*image.RGBA // the areas painted again, one image each
	done  func()        // run once applied
}

// preparePatch takes what the areas of the drawn map need, drawing what
// keep holds (nil when there is nothing to paint).
func (c *mapCanvas) preparePatch(areas []text.Rect, keep sceneFilter) *patchJob {
	if c.base == nil || c.scene == nil || len(areas) == 0 {
		return nil
	}
	var box text.Rect
	for _, a := range areas {
		box = box.Union(a)
	}
	px := pixelRect(box.Inset(-1), c.baseScale).Intersect(c.base.Bounds())
	if px.Empty() {
		return nil
	}
	// Each area is painted on whole pixels, widened so that the halvings
	// can be redone from even pixels.
	step := 1 << len(c.mips)
	var rects []image.Rectangle
	for _, a := range areas {
		r := pixelRect(a.Inset(-1), c.baseScale)
		r = image.Rect(r.Min.X/step*step, r.Min.Y/step*step, (r.Max.X+step-1)/step*step, (r.Max.Y+step-1)/step*step).Intersect(px)
		if !r.Empty() {
			rects = append(rects, r)
		}
	}
	px = image.Rectangle{}
	var pts []text.Rect
	for _, r := range rects {
		px = px.Union(r)
		pts = append(pts, text.Rect{
			Min: text.Point{X: float64(r.Min.X) / c.baseScale, Y: float64(r.Min.Y) / c.baseScale},
			Max: text.Point{X: float64(r.Max.X) / c.baseScale, Y: float64(r.Max.Y) / c.baseScale},
		})
	}
	if len(rects) == 0 {
		return nil
	}
	return &patchJob{base: c.base, px: px, rects: rects, sc: filtered(c.scene, keep), areas: pts, scale: c.baseScale}
}

// render draws the job's part of the map (any goroutine).
func (j *patchJob) render() {
	j.imgs = make([]*image.RGBA, len(j.rects))
	for i, r := range j.rects {
		img := image.NewRGBA(r)
		if render.Repaint(img, j.sc, j.areas[i:i+1], render.Scale(j.scale)) == nil {
			j.imgs[i] = img
		}
	}
}

// applyPatch puts a rendered part into the drawn map and its halvings
// (unless the map was drawn again meanwhile).
func (c *mapCanvas) applyPatch(j *patchJob) {
	if j.base == c.base && len(j.imgs) == len(j.rects) {
		for i, px := range j.rects {
			if j.imgs[i] == nil {
				continue
			}
			draw.Draw(c.base, px, j.imgs[i], px.Min, draw.Src)
			for i := 1; i < len(c.mips); i++ {
				px = image.Rect(px.Min.X/2, px.Min.Y/2, (px.Max.X+1)/2, (px.Max.Y+1)/2)
				halveInto(c.mips[i], c.mips[i-1], px)
			}
		}
	}
	if j.done != nil {
		j.done()
	}
}

// patchLater paints areas again off the UI goroutine (lifting and
// dropping relations that cross a big map takes a while); the parts are
// applied in the order they were asked for, and done runs once applied.
func (c *mapCanvas) patchLater(areas []text.Rect, keep sceneFilter, done func()) {
	job := c.preparePatch(areas, keep)
	if job == nil {
		job = &patchJob{}
	}
	job.done = done
	seq := c.patches.next
	c.patches.next++
	c.m.g.runAsync(func() {
		if job.sc != nil {
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
	ids          []string // the concepts lifted
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
	l := &lifted{nodes: map[int]bool{}, edges: map[int]bool{}, ids: ids}
	moving := map[string]bool{}
	for _, id := range ids {
		if i := c.scene.NodeByID(id); i >= 0 {
			l.nodes[i] = true
			moving[id] = true
		}
	}
	for i := range c.scene.Edges {
		if e := &c.scene.Edges[i]; moving[e.From] || moving[e.To] {
			l.edges[i] = true
		}
	}
	c.lifted = l
	c.patchLater(c.footprint(ids), l.keep, nil)
}

// footprint is what the listed concepts' nodes and their relations cover,
// in pieces (a long relation is many small areas): the damage of moving
// them by nothing. Relations to concepts that stay are drawn as a move
// draws them (straight) from then on.
func (c *mapCanvas) footprint(ids []string) []text.Rect {
	const eps = 1e-3
	return append(c.scene.Move(ids, eps, 0), c.scene.Move(ids, -eps, 0)...)
}

// drop paints the lifted nodes and relations back into the drawn map
// where they are now.
func (c *mapCanvas) drop() {
	l := c.lifted
	if l == nil {
		return
	}
	// The lifted parts are drawn over the map until the map has them.
	c.patchLater(c.footprint(l.ids), nil, func() {
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
