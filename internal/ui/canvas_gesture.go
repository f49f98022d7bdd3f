package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// Gestures on the map, as CmapTools and yEd users expect them, except that
// a plain drag on empty space pans (the map has no scroll bars):
//
//	click                 select a concept (or a relation)
//	Shift/Ctrl+click      add a concept to the selection, or take it out
//	drag a concept        move it (the whole selection when it is selected);
//	                      guides show when it lines up with another concept
//	drag its handle       link it to the concept where the pointer is
//	(or Alt+drag)         released: a small picker of relation types opens
//	drag empty space      pan
//	Shift/Ctrl+drag empty select the concepts the rectangle touches
//	double-click empty    new concept there, typed in place
//	double-click/F2       rename the concept in place
//	arrows                nudge the selection (Shift: ten times as far);
//	                      with nothing selected they pan
//	Delete                delete the selection (asks first)

// gestureMode is what a drag on the map does.
type gestureMode int

const (
	gestureNone gestureMode = iota
	gesturePan
	gestureMove
	gestureLink
	gestureBand
)

// handleRadius is the radius, in pixels, of the dot a link is dragged from.
const handleRadius = 6

// guideTolerance is how close, in pixels, a dragged concept's centre or
// edge comes to another's before it snaps to it and a guide shows.
const guideTolerance = 6

// gesture is the state of the pointer on the map.
type gesture struct {
	mode     gestureMode
	down     fyne.Position    // where the button went down (widget coordinates)
	downSet  bool             // down is known (MouseDown was heard)
	mods     fyne.KeyModifier // modifiers when the button went down
	shift    bool             // Shift is held (for the arrows)
	hover    string           // the concept under the pointer
	pointer  fyne.Position    // the pointer, while linking or selecting
	ids      []string         // the concepts being moved
	lead     string           // the concept under the pointer when the move began
	start    text.Point       // lead's centre when the move began
	total    text.Point       // pointer travel in points since the move began
	moved    text.Point       // how far the nodes have been moved
	guides   []layout.Guide   // the guides showing
	from     string           // the concept a link starts from
	bandFrom text.Point       // the selection rectangle's first corner (scene)
}

// MouseDown implements desktop.Mouseable: it remembers where the drag that
// may follow starts and with which modifiers.
func (c *mapCanvas) MouseDown(e *desktop.MouseEvent) {
	c.gs.down, c.gs.downSet, c.gs.mods = e.Position, true, e.Modifier
	c.gs.shift = e.Modifier&fyne.KeyModifierShift != 0
}

// MouseUp implements desktop.Mouseable.
func (c *mapCanvas) MouseUp(*desktop.MouseEvent) { c.gs.downSet = false }

// MouseIn implements desktop.Hoverable.
func (c *mapCanvas) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

// MouseMoved implements desktop.Hoverable: the concept under the pointer
// shows its link handle.
func (c *mapCanvas) MouseMoved(e *desktop.MouseEvent) {
	if c.scene == nil || c.gs.mode != gestureNone {
		return
	}
	id := ""
	if i := c.scene.NodeAt(c.toScene(e.Position)); i >= 0 {
		id = c.scene.Nodes[i].ConceptID
	} else if c.onHandle(c.gs.hover, e.Position) {
		id = c.gs.hover
	}
	if id != c.gs.hover {
		c.gs.hover = id
		c.Refresh()
	}
}

// MouseOut implements desktop.Hoverable.
func (c *mapCanvas) MouseOut() {
	if c.gs.hover != "" && c.gs.mode == gestureNone {
		c.gs.hover = ""
		c.Refresh()
	}
}

// handlePos is where a concept's link handle is (widget coordinates): on
// the middle of its right side (left in a right-to-left map).
func (c *mapCanvas) handlePos(id string) (fyne.Position, bool) {
	if c.scene == nil || id == "" {
		return fyne.Position{}, false
	}
	i := c.scene.NodeByID(id)
	if i < 0 {
		return fyne.Position{}, false
	}
	r := c.scene.Nodes[i].Rect
	x := r.Max.X
	if c.scene.Dir == text.RTL {
		x = r.Min.X
	}
	y := r.Center().Y
	return fyne.NewPos(float32((x-c.offX)*c.zoom), float32((y-c.offY)*c.zoom)), true
}

// onHandle reports whether p (widget coordinates) is on id's link handle.
func (c *mapCanvas) onHandle(id string, p fyne.Position) bool {
	h, ok := c.handlePos(id)
	if !ok {
		return false
	}
	return math.Hypot(float64(p.X-h.X), float64(p.Y-h.Y)) <= handleRadius+3
}

// handleShown lists the concepts whose handle is drawn: the one under the
// pointer and the selected one.
func (c *mapCanvas) handleShown() []string {
	var ids []string
	if c.gs.hover != "" {
		ids = append(ids, c.gs.hover)
	}
	if s := c.m.g.selConcept; s != "" && s != c.gs.hover {
		ids = append(ids, s)
	}
	return ids
}

// Dragged moves concepts, draws a link or a selection rectangle, or pans,
// as the place the drag started says.
func (c *mapCanvas) Dragged(e *fyne.DragEvent) {
	if c.scene == nil {
		return
	}
	if c.gs.mode == gestureNone {
		start := e.Position.Subtract(e.Dragged)
		if c.gs.downSet {
			start = c.gs.down
		}
		c.beginGesture(start)
	}
	switch c.gs.mode {
	case gestureMove:
		c.dragMove(e)
	case gestureLink, gestureBand:
		c.gs.pointer = e.Position
		c.Refresh()
	default:
		c.dragging = true
		c.m.movedByHand()
		c.offX -= float64(e.Dragged.DX) / c.zoom
		c.offY -= float64(e.Dragged.DY) / c.zoom
		c.clamp()
		c.Refresh()
	}
}

// beginGesture decides what a drag starting at p does.
func (c *mapCanvas) beginGesture(p fyne.Position) {
	c.flushNudge()
	c.gs.pointer = p
	adds := c.gs.mods&(fyne.KeyModifierShift|fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	for _, id := range c.handleShown() {
		if c.onHandle(id, p) && c.editable() {
			c.gs.mode, c.gs.from = gestureLink, id
			return
		}
	}
	x, y := c.toScene(p)
	if i := c.scene.NodeAt(x, y); i >= 0 {
		id := c.scene.Nodes[i].ConceptID
		if c.gs.mods&fyne.KeyModifierAlt != 0 && c.editable() {
			c.gs.mode, c.gs.from = gestureLink, id
			return
		}
		if !c.editable() {
			c.gs.mode = gesturePan
			return
		}
		sel := c.selection()
		if !contains(sel, id) {
			if adds {
				sel = append(sel, id)
			} else {
				sel = []string{id}
			}
			c.setSelection(sel, id)
		}
		c.gs.mode = gestureMove
		c.gs.ids = c.selection()
		c.gs.lead = id
		c.gs.start = c.scene.Nodes[i].Rect.Center()
		c.gs.total, c.gs.moved = text.Point{}, text.Point{}
		c.lift(c.gs.ids)
		return
	}
	if adds {
		c.gs.mode = gestureBand
		c.gs.bandFrom = text.Point{X: x, Y: y}
		return
	}
	c.gs.mode = gesturePan
}

// DragEnd finishes the gesture: a move is saved, a link opens the picker,
// a rectangle selects, a pan repaints smoothly.
func (c *mapCanvas) DragEnd() {
	mode := c.gs.mode
	c.gs.mode = gestureNone
	c.gs.downSet = false
	c.dragging = false
	switch mode {
	case gestureMove:
		c.gs.guides = nil
		c.drop()
		c.saveMove(c.gs.ids)
	case gestureLink:
		c.endLink()
	case gestureBand:
		c.endBand()
	}
	c.Refresh()
}

// dragMove moves the dragged concepts with the pointer, snapped to line
// up with other concepts (the guides show where).
func (c *mapCanvas) dragMove(e *fyne.DragEvent) {
	c.dragging = true
	c.gs.total.X += float64(e.Dragged.DX) / c.zoom
	c.gs.total.Y += float64(e.Dragged.DY) / c.zoom
	target := c.keepInside(c.gs.total)
	if d := target.Sub(c.gs.moved); d.X != 0 || d.Y != 0 {
		moveScene(c.scene, c.gs.ids, d.X, d.Y) // lifted: drawn over the map
	}
	c.gs.moved = target
	c.gs.guides = nil
	for _, gd := range c.scene.Guides(c.gs.ids, guideTolerance/c.zoom) {
		var snap text.Point
		if gd.Vertical {
			snap.X = gd.Snap
		} else {
			snap.Y = gd.Snap
		}
		if s := c.keepInside(c.gs.moved.Add(snap)); s == c.gs.moved.Add(snap) {
			moveScene(c.scene, c.gs.ids, snap.X, snap.Y)
			c.gs.moved = s
		}
		c.gs.guides = append(c.gs.guides, gd)
	}
	c.Refresh()
}

// keepInside limits a move of the dragged concepts (from where they
// started) so that they stay on the drawn map.
func (c *mapCanvas) keepInside(d text.Point) text.Point {
	var box text.Rect
	for _, id := range c.gs.ids {
		if i := c.scene.NodeByID(id); i >= 0 {
			box = box.Union(c.scene.Nodes[i].Rect)
		}
	}
	box = box.Translate(text.Point{}.Sub(c.gs.moved)) // where they started
	lo := text.Point{X: -box.Min.X + 2, Y: -box.Min.Y + 2}
	hi := text.Point{X: c.scene.Width - box.Max.X - 2, Y: c.scene.Height - box.Max.Y - 2}
	return text.Point{X: clampRange(d.X, lo.X, hi.X), Y: clampRange(d.Y, lo.Y, hi.Y)}
}

// moveNodes moves concepts on the shown map and repaints what changed.
func (c *mapCanvas) moveNodes(ids []string, dx, dy float64) {
	c.patchBase(moveScene(c.scene, ids, dx, dy))
	c.Refresh()
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
