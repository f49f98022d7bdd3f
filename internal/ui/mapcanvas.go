package ui

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/vector"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// mapCanvas paints a rendered scene with zoom and pan, and hit-tests it.
type mapCanvas struct {
	widget.BaseWidget
	m         *mapPanel
	scene     *layout.Scene
	base      *image.RGBA // the scene rendered at baseScale pixels per point
	baseScale float64
	mips      []*image.RGBA // base halved again and again, for zoomed-out views
	zoom      float64       // device-independent pixels per point
	offX      float64       // scene point at the left edge
	offY      float64       // scene point at the top edge
	dragging  bool

	gs        gesture        // the pointer's gesture (canvas_gesture.go)
	sel       selectionState // the selection of several concepts (canvas_select.go)
	ip        *inplace       // the open in-place editor (canvas_edit.go)
	lifted    *lifted        // what a drag moves, drawn over the map (canvas_scene.go)
	patches   patchQueue     // parts of the drawn map painted off the UI goroutine
	cite      *citeDrag      // a source dragged over the map (canvas_cite.go)
	lastKind  string         // the kind of the last concept made on the map
	lastTypes []string       // the relation types linked on the map, last used first
}

func newMapCanvas(m *mapPanel) *mapCanvas {
	c := &mapCanvas{m: m, zoom: 1}
	c.ExtendBaseWidget(c)
	return c
}

func (c *mapCanvas) setScene(sc *layout.Scene, base *image.RGBA, scale float64) {
	c.scene, c.base, c.baseScale = sc, base, scale
	c.mips = nil
	c.lifted = nil // a drag under way ends with the map it moved on
	if c.gs.mode == gestureMove || c.gs.mode == gestureLink {
		c.gs.mode = gestureNone
	}
	if base != nil {
		c.mips = []*image.RGBA{base}
	}
	c.clamp()
	c.Refresh()
}

// clamp keeps some of the map in sight.
func (c *mapCanvas) clamp() {
	if c.scene == nil {
		return
	}
	size := c.Size()
	w, h := float64(size.Width)/c.zoom, float64(size.Height)/c.zoom
	c.offX = clampRange(c.offX, -w*0.8, c.scene.Width-w*0.2)
	c.offY = clampRange(c.offY, -h*0.8, c.scene.Height-h*0.2)
}

func clampRange(v, lo, hi float64) float64 {
	if hi < lo {
		return (lo + hi) / 2
	}
	return math.Max(lo, math.Min(v, hi))
}

// toScene converts a position in the widget to scene points.
func (c *mapCanvas) toScene(p fyne.Position) (float64, float64) {
	return c.offX + float64(p.X)/c.zoom, c.offY + float64(p.Y)/c.zoom
}

// nodePosition returns where a concept's node centre is in the widget (tests use it).
func (c *mapCanvas) nodePosition(id string) (fyne.Position, bool) {
	if c.scene == nil {
		return fyne.Position{}, false
	}
	i := c.scene.NodeByID(id)
	if i < 0 {
		return fyne.Position{}, false
	}
	ctr := c.scene.Nodes[i].LabelRect.Center()
	return fyne.NewPos(float32((ctr.X-c.offX)*c.zoom), float32((ctr.Y-c.offY)*c.zoom)), true
}

// Tapped selects the concept (or relation) under the pointer; with Shift
// or Ctrl the concept joins the selection (or leaves it).
func (c *mapCanvas) Tapped(e *fyne.PointEvent) {
	if c.scene == nil {
		return
	}
	c.flushNudge()
	x, y := c.toScene(e.Position)
	g := c.m.g
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		cv.Focus(c) // Delete, F2, Escape and the arrows work on the map
	}
	adds := c.gs.mods&(fyne.KeyModifierShift|fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	c.gs.mods = 0
	if i := c.scene.NodeAt(x, y); i >= 0 {
		id := c.scene.Nodes[i].ConceptID
		if adds && g.selConcept != "" {
			c.toggle(id)
			return
		}
		c.setSelection([]string{id}, id)
		return
	}
	if i := c.scene.EdgeAt(x, y, 5/c.zoom); i >= 0 {
		e := c.scene.Edges[i]
		if g.selConcept != e.From && g.selConcept != e.To {
			g.selectConcept(e.From, true)
		}
		g.selectRelation(e.RelationID)
		return
	}
	if !adds {
		g.selectConcept("", true)
	}
}

// DoubleTapped renames the concept under the pointer in place, or makes a
// new concept where the pointer is.
func (c *mapCanvas) DoubleTapped(e *fyne.PointEvent) {
	if c.scene == nil {
		if !c.m.large && !c.m.busy() {
			c.newConceptAt(e.Position) // the first concept of an empty view
		}
		return
	}
	x, y := c.toScene(e.Position)
	if i := c.scene.NodeAt(x, y); i >= 0 {
		c.renameInPlace(c.scene.Nodes[i].ConceptID)
		return
	}
	if c.scene.EdgeAt(x, y, 5/c.zoom) < 0 {
		c.newConceptAt(e.Position)
	}
}

// TappedSecondary opens a menu for the concept under the pointer.
func (c *mapCanvas) TappedSecondary(e *fyne.PointEvent) {
	if c.scene == nil {
		return
	}
	x, y := c.toScene(e.Position)
	i := c.scene.NodeAt(x, y)
	if i < 0 {
		return
	}
	g := c.m.g
	id := c.scene.Nodes[i].ConceptID
	g.selectConcept(id, true)
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(tr("edit.editc"), func() { g.conceptDialog(id) }),
		fyne.NewMenuItem(tr("edit.link"), func() { g.relationDialog(id, "") }),
		fyne.NewMenuItem(tr("edit.cite"), func() { g.citationDialog(id, "", "") }),
		fyne.NewMenuItem(plainKey(tr("det.focus.t")), func() { g.showNeighbourhood(id) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(tr("edit.delete"), func() { g.confirmDeleteConcept(id) }),
	)
	widget.ShowPopUpMenuAtPosition(menu, g.win.Canvas(), e.AbsolutePosition)
}

// Scrolled zooms around the pointer (vertical wheel) or pans (horizontal).
func (c *mapCanvas) Scrolled(e *fyne.ScrollEvent) {
	if c.scene == nil {
		return
	}
	if e.Scrolled.DX != 0 && e.Scrolled.DY == 0 {
		c.offX -= float64(e.Scrolled.DX) / c.zoom
		c.clamp()
		c.Refresh()
		return
	}
	c.m.movedByHand()
	x, y := c.toScene(e.Position)
	z := c.zoom * math.Exp(float64(e.Scrolled.DY)/120)
	z = math.Max(0.05, math.Min(z, 6))
	c.zoom = z
	c.offX = x - float64(e.Position.X)/z
	c.offY = y - float64(e.Position.Y)/z
	c.clamp()
	c.Refresh()
	c.m.updateZoomText()
}

// Resize frames the map again for the new size, or keeps its centre where
// it was when the user has moved it by hand.
func (c *mapCanvas) Resize(s fyne.Size) {
	old := c.Size()
	if old == s {
		return
	}
	if old.Width > 0 && c.zoom > 0 {
		c.offX += float64(old.Width-s.Width) / 2 / c.zoom
		c.offY += float64(old.Height-s.Height) / 2 / c.zoom
	}
	c.BaseWidget.Resize(s)
	c.m.resized()
}

// CreateRenderer implements fyne.Widget.
func (c *mapCanvas) CreateRenderer() fyne.WidgetRenderer {
	r := &mapRenderer{c: c}
	r.bg = canvas.NewRectangle(color.Gray{0xe8})
	r.raster = canvas.NewRaster(r.paint)
	r.raster.ScaleMode = canvas.ImageScalePixels
	return r
}

type mapRenderer struct {
	c      *mapCanvas
	bg     *canvas.Rectangle
	raster *canvas.Raster
}

func (r *mapRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.raster.Resize(s)
}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 200) }

func (r *mapRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.Refresh()
	r.raster.Refresh()
}

func (r *mapRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.raster} }

func (r *mapRenderer) Destroy() {}

// paint draws the visible part of the map at the screen's pixel density.
func (r *mapRenderer) paint(w, h int) image.Image {
	c := r.c
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	size := c.Size()
	if c.base == nil || size.Width <= 0 || w == 0 {
		return dst
	}
	px := float64(w) / float64(size.Width) // device pixels per dp
	k := c.zoom * px                       // device pixels per point
	src, srcScale := c.level(k)
	a := k / srcScale
	if c.dragging || math.Abs(a-1) < 1e-6 {
		scaleNearest(dst, src, a, -c.offX*k, -c.offY*k)
	} else {
		m := f64.Aff3{a, 0, -c.offX * k, 0, a, -c.offY * k}
		xdraw.ApproxBiLinear.Transform(dst, m, src, src.Bounds(), xdraw.Over, nil)
	}
	c.paintLifted(dst, k)
	// Marks from the insights panel (insights_panel.go) take precedence
	// over the selection's neighbourhood, which is not shown while a drag
	// moves concepts (their rings are).
	if g := c.m.g; g.ses != nil && !c.paintMarks(dst, k) && g.selConcept != "" {
		if len(c.selection()) <= 1 && c.lifted == nil {
			c.paintHighlight(dst, k)
		}
	}
	c.paintOverlay(dst, k)
	return dst
}

// level returns the smallest halving of the rendered map that still has
// at least k pixels per point (bilinear sampling of a much larger image
// aliases), and its scale.
func (c *mapCanvas) level(k float64) (*image.RGBA, float64) {
	i, scale := 0, c.baseScale
	for scale/2 >= k && scale/2 >= 0.05 {
		if i+1 == len(c.mips) {
			c.mips = append(c.mips, halve(c.mips[i]))
		}
		i++
		scale /= 2
	}
	return c.mips[i], scale
}

// halve shrinks an image to half its size, averaging 2×2 blocks.
func halve(src *image.RGBA) *image.RGBA {
	b := src.Bounds()
	w, h := max(b.Dx()/2, 1), max(b.Dy()/2, 1)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		r0 := src.Pix[(2*y)*src.Stride:]
		r1 := r0
		if 2*y+1 < b.Dy() {
			r1 = src.Pix[(2*y+1)*src.Stride:]
		}
		d := dst.Pix[y*dst.Stride:]
		for x := 0; x < w; x++ {
			i := 8 * x
			for ch := 0; ch < 4; ch++ {
				d[4*x+ch] = uint8((uint32(r0[i+ch]) + uint32(r0[i+4+ch]) + uint32(r1[i+ch]) + uint32(r1[i+4+ch]) + 2) / 4)
			}
		}
	}
	return dst
}

// paintHighlight dims everything but the selected concept, its neighbours
// and the relations between them, and rings the selected node.
func (c *mapCanvas) paintHighlight(dst *image.RGBA, k float64) {
	g := c.m.g
	sel := c.scene.NodeByID(g.selConcept)
	if sel < 0 {
		return
	}
	near := map[string]bool{g.selConcept: true}
	for _, id := range g.ses.Neighbours(g.selConcept) {
		near[id] = true
	}
	b := dst.Bounds()
	tr := func(p text.Path) text.Path { return p.Transform(k, text.Point{X: -c.offX * k, Y: -c.offY * k}) }
	mask := image.NewAlpha(b)
	for i := range c.scene.Nodes {
		n := &c.scene.Nodes[i]
		if near[n.ConceptID] {
			o := tr(n.Outline)
			paintPath(mask, o, 0, image.Opaque)
			paintPath(mask, o, 2*k, image.Opaque)
		}
	}
	for i := range c.scene.Edges {
		e := &c.scene.Edges[i]
		if e.From == g.selConcept || e.To == g.selConcept {
			paintPath(mask, tr(e.Path), math.Max(e.Width*k, 1)+1, image.Opaque)
			paintPath(mask, tr(e.Arrow), 0, image.Opaque)
			if e.Label != nil {
				paintPath(mask, tr(text.RectPath(e.LabelRect.Inset(-2))), 0, image.Opaque)
			}
		}
	}
	clean := image.NewRGBA(b)
	copy(clean.Pix, dst.Pix)
	veil := color.NRGBA{0xff, 0xff, 0xff, 0xb0} // the map is paper-white in both themes
	paper := image.Rect(int(-c.offX*k), int(-c.offY*k), int((c.scene.Width-c.offX)*k), int((c.scene.Height-c.offY)*k)).Intersect(b)
	draw.Draw(dst, paper, image.NewUniform(veil), image.Point{}, draw.Over)
	draw.DrawMask(dst, b, clean, image.Point{}, mask, image.Point{}, draw.Over)
	// The ring around the selected node, and the selected relation.
	accent := image.NewUniform(theme.Color(theme.ColorNamePrimary))
	paintPath(dst, tr(c.scene.Nodes[sel].Outline), math.Max(3, 1.5*k), accent)
	for i := range c.scene.Edges {
		if e := &c.scene.Edges[i]; e.RelationID == g.selRelation {
			paintPath(dst, tr(e.Path), math.Max(2.5, 1.2*k), accent)
			paintPath(dst, tr(e.Arrow), 0, accent)
		}
	}
}

// paintPath fills p (stroke 0) or a stroke of the given width along it into
// dst with src, rasterizing only the path's bounding box.
func paintPath(dst draw.Image, p text.Path, stroke float64, src image.Image) {
	if len(p) == 0 {
		return
	}
	bb := p.Bounds().Inset(-stroke/2 - 1)
	r := image.Rect(int(math.Floor(bb.Min.X)), int(math.Floor(bb.Min.Y)), int(math.Ceil(bb.Max.X)), int(math.Ceil(bb.Max.Y))).Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	z.DrawOp = draw.Over
	moved := p.Transform(1, text.Point{X: -float64(r.Min.X), Y: -float64(r.Min.Y)})
	if stroke == 0 {
		moved.Rasterize(z, 1, 0, 0)
	} else {
		strokePath(z, moved, stroke)
	}
	z.Draw(dst, r, src, r.Min)
}

// strokePath adds the outline of a stroke of width w along p (flattened)
// to z: a quad per segment and a square at each joint, all wound the same
// way (the rasterizer sums signed coverage, so opposite windings would cancel).
func strokePath(z *vector.Rasterizer, p text.Path, w float64) {
	hw := w / 2
	for _, poly := range p.Flatten(0.5) {
		for i := 1; i < len(poly); i++ {
			a, b := poly[i-1], poly[i]
			dx, dy := b.X-a.X, b.Y-a.Y
			l := math.Hypot(dx, dy)
			if l == 0 {
				continue
			}
			nx, ny := -dy/l*hw, dx/l*hw
			z.MoveTo(float32(a.X+nx), float32(a.Y+ny))
			z.LineTo(float32(b.X+nx), float32(b.Y+ny))
			z.LineTo(float32(b.X-nx), float32(b.Y-ny))
			z.LineTo(float32(a.X-nx), float32(a.Y-ny))
			z.ClosePath()
		}
		for _, q := range poly {
			// Wound like the quads, so overlaps add up instead of cancelling.
			z.MoveTo(float32(q.X-hw), float32(q.Y-hw))
			z.LineTo(float32(q.X-hw), float32(q.Y+hw))
			z.LineTo(float32(q.X+hw), float32(q.Y+hw))
			z.LineTo(float32(q.X+hw), float32(q.Y-hw))
			z.ClosePath()
		}
	}
}
