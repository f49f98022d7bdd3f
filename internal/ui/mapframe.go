package ui

import (
	"math"
	"strconv"

	"fyne.io/fyne/v2"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/text"
)

// How the map follows the user: a new view or project is framed (the whole
// map when its labels stay readable, else the readable part around what
// matters); after an edit the changed concepts are brought into sight with
// the least panning, at a zoom where their labels stay readable; marked
// concepts ("show on map", paths) are zoomed to; a resized pane is framed
// again unless the user zoomed or panned by hand.

// minLabelPx is the smallest label text, in pixels, the map zooms out to on
// its own.
const minLabelPx = 9

// maxFitZoom is the most a small map is enlarged to fill the pane.
const maxFitZoom = 1.5

// frameHow says how the next scene is framed.
type frameHow int

const (
	frameAuto  frameHow = iota // a new view is framed, the same view keeps its place
	frameKeep                  // keep the place; bring ids into sight
	frameFresh                 // frame the map around ids
	frameMarks                 // zoom to ids
)

// frameIntent is how to frame the next scene, and the concepts that matter.
type frameIntent struct {
	how frameHow
	ids []string
}

// merge combines a pending intent with a new one: the stronger wins, and
// the concepts to show add up.
func (a frameIntent) merge(b frameIntent) frameIntent {
	if b.how > a.how {
		a.how = b.how
	}
	a.ids = append(a.ids, b.ids...)
	return a
}

// frameState is the map's framing: what to do with the next scene, and
// whether the user has moved the map by hand since it was last framed.
type frameState struct {
	intent frameIntent
	manual bool
	focus  []string // what the last framing centred on
}

// applyFrame frames a newly shown scene as the pending intent says.
func (m *mapPanel) applyFrame(newView bool) {
	in := m.frame.intent
	m.frame.intent = frameIntent{}
	ids := m.present(in.ids)
	if len(ids) == 0 && newView {
		ids = m.present([]string{m.g.selConcept}) // a new map starts at the selection
	}
	switch {
	case in.how == frameMarks && len(ids) > 0:
		m.zoomTo(ids)
	case in.how == frameFresh || newView:
		m.frameMap(ids)
	case len(ids) > 0:
		m.keepInView(ids)
	}
}

// present keeps the ids that have a node on the map.
func (m *mapPanel) present(ids []string) []string {
	sc := m.view.scene
	if sc == nil {
		return nil
	}
	var out []string
	for _, id := range ids {
		if sc.NodeByID(id) >= 0 {
			out = append(out, id)
		}
	}
	return out
}

// paneSize is the map widget's size in device-independent pixels.
func (m *mapPanel) paneSize() (float64, float64) {
	s := m.view.Size()
	if s.Width <= 0 || s.Height <= 0 {
		return 800, 600
	}
	return float64(s.Width), float64(s.Height)
}

// readableZoom is the zoom at which the smallest concept label is
// minLabelPx pixels high.
func (m *mapPanel) readableZoom() float64 {
	size := 0.0
	if sc := m.view.scene; sc != nil {
		for i := range sc.Nodes {
			if b := sc.Nodes[i].Label; b != nil && b.Size > 0 && (size == 0 || b.Size < size) {
				size = b.Size
			}
		}
	}
	if size == 0 {
		size = 14
	}
	return minLabelPx / size
}

// boxOf is the box around the listed concepts' nodes (empty if none).
func (m *mapPanel) boxOf(ids []string) text.Rect {
	var box text.Rect
	sc := m.view.scene
	if sc == nil {
		return box
	}
	for _, id := range ids {
		if i := sc.NodeByID(id); i >= 0 {
			box = box.Union(sc.Nodes[i].Rect)
		}
	}
	return box
}

// place shows the map at zoom z with scene point (cx, cy) in the middle.
func (m *mapPanel) place(z, cx, cy float64) {
	v := m.view
	w, h := m.paneSize()
	v.zoom = math.Max(0.02, math.Min(z, 6))
	v.offX, v.offY = cx-w/2/v.zoom, cy-h/2/v.zoom
	v.clamp()
	v.Refresh()
	m.updateZoomText()
}

// fitZoom is the zoom at which box fills the pane (with a margin).
func (m *mapPanel) fitZoom(box text.Rect) float64 {
	w, h := m.paneSize()
	return math.Min(maxFitZoom, 0.97*math.Min(w/math.Max(box.W(), 1), h/math.Max(box.H(), 1)))
}

// sceneBox is the part of the scene with something drawn on it.
func (m *mapPanel) sceneBox() text.Rect {
	sc := m.view.scene
	return text.Rect{Max: text.Point{X: sc.Width, Y: sc.Height}}
}

// fit shows the whole map, however small (the Fit button and Ctrl+0).
func (m *mapPanel) fit() {
	if m.view.scene == nil {
		return
	}
	box := m.sceneBox()
	c := box.Center()
	m.place(m.fitZoom(box), c.X, c.Y)
	m.frame.manual = false
	m.frame.focus = nil
}

// frameMap shows the whole map if its labels stay readable; otherwise the
// readable part around focus (or around the middle of the nodes).
func (m *mapPanel) frameMap(focus []string) {
	sc := m.view.scene
	if sc == nil {
		return
	}
	m.frame.manual = false
	m.frame.focus = focus
	box := m.sceneBox()
	z := m.fitZoom(box)
	if z >= m.readableZoom() {
		c := box.Center()
		m.place(z, c.X, c.Y)
		return
	}
	z = m.readableZoom()
	var c text.Point
	if fb := m.boxOf(focus); !fb.Empty() {
		c = fb.Center()
	} else {
		// The centre of the nodes: where most of the map is.
		for i := range sc.Nodes {
			p := sc.Nodes[i].Rect.Center()
			c.X += p.X / float64(len(sc.Nodes))
			c.Y += p.Y / float64(len(sc.Nodes))
		}
	}
	// Stay within the map: no empty margin where there is more map to show.
	w, h := m.paneSize()
	c.X = clampRange(c.X, w/2/z, sc.Width-w/2/z)
	c.Y = clampRange(c.Y, h/2/z, sc.Height-h/2/z)
	m.place(z, c.X, c.Y)
}

// keepInView brings the listed concepts into sight with the least panning,
// zooming in first if their labels would be too small to read.
func (m *mapPanel) keepInView(ids []string) {
	v := m.view
	box := m.boxOf(ids)
	if v.scene == nil || box.Empty() {
		return
	}
	box = box.Inset(-20)
	if rz := m.readableZoom(); v.zoom < rz {
		c := box.Center()
		m.place(rz, c.X, c.Y)
	}
	w, h := m.paneSize()
	vw, vh := w/v.zoom, h/v.zoom
	if box.W() > vw || box.H() > vh {
		// They do not fit: keep the first one in sight.
		box = m.boxOf(ids[:1]).Inset(-20)
	}
	offX, offY := v.offX, v.offY
	offX = leastShift(offX, vw, box.Min.X, box.Max.X)
	offY = leastShift(offY, vh, box.Min.Y, box.Max.Y)
	if offX != v.offX || offY != v.offY {
		v.offX, v.offY = offX, offY
		v.Refresh()
	}
}

// leastShift moves a window [off, off+size] the least so that it holds
// [lo, hi] (or starts at lo when it cannot hold it).
func leastShift(off, size, lo, hi float64) float64 {
	switch {
	case hi-lo > size || lo < off:
		return lo
	case hi > off+size:
		return hi - size
	}
	return off
}

// zoomTo fits the map on the listed concepts (marks of "show on map" and
// paths), zooming in or out.
func (m *mapPanel) zoomTo(ids []string) {
	box := m.boxOf(ids)
	if m.view.scene == nil || box.Empty() {
		return
	}
	box = box.Inset(-30)
	c := box.Center()
	m.place(m.fitZoom(box), c.X, c.Y)
	m.frame.manual = false
	m.frame.focus = ids
}

// resized frames the map again after the pane changed size, unless the
// user has moved it by hand.
func (m *mapPanel) resized() {
	if m.view.scene == nil || m.frame.manual {
		return
	}
	m.frameMap(m.frame.focus)
}

func (m *mapPanel) setZoom(z float64) {
	v := m.view
	if v.scene == nil {
		return
	}
	w, h := m.paneSize()
	m.place(z, v.offX+w/2/v.zoom, v.offY+h/2/v.zoom)
	m.frame.manual = true
}

func (m *mapPanel) zoomBy(f float64) {
	if m.view.scene != nil {
		m.setZoom(m.view.zoom * f)
	}
}

func (m *mapPanel) updateZoomText() {
	m.zoomText.SetText(strconv.Itoa(int(math.Round(m.view.zoom*100))) + "%")
}

// reveal pans so that a concept's node is in sight (selecting it in a list).
func (m *mapPanel) reveal(id string) { m.keepInView([]string{id}) }

// changedConcepts lists the concepts an edit touched: its concepts and the
// ends of its relations.
func (g *gui) changedConcepts(c *app.Change) []string {
	if c == nil || g.ses == nil {
		return nil
	}
	var ids []string
	for _, r := range c.Refs() {
		switch r.Kind {
		case app.ConceptEntity:
			ids = append(ids, r.ID)
		case app.RelationEntity:
			if rel, ok := g.ses.Index().Relations[r.ID]; ok {
				ids = append(ids, rel.From, rel.To)
			}
		}
	}
	return ids
}

// viewState is a place in the Back history: a view or a neighbourhood.
type viewState struct{ viewID, neigh string }

// pushHistory remembers where the map is before it goes elsewhere.
func (g *gui) pushHistory() {
	if g.ses == nil {
		return
	}
	s := viewState{g.viewID, g.neigh}
	if n := len(g.history); n > 0 && g.history[n-1] == s {
		return
	}
	g.history = append(g.history, s)
	if len(g.history) > 50 {
		g.history = g.history[1:]
	}
}

// back returns to the previous view or neighbourhood (Alt+Left).
func (g *gui) back() {
	if g.ses == nil || g.mp == nil {
		return
	}
	for len(g.history) > 0 {
		s := g.history[len(g.history)-1]
		g.history = g.history[:len(g.history)-1]
		if _, ok := g.ses.Index().Views[s.viewID]; s.viewID != "" && !ok {
			continue
		}
		if _, ok := g.ses.Index().Concepts[s.neigh]; s.neigh != "" && !ok {
			continue
		}
		if s == (viewState{g.viewID, g.neigh}) {
			continue
		}
		g.viewID, g.neigh = s.viewID, s.neigh
		g.clearMarks()
		if g.side != nil {
			g.side.views.refresh()
		}
		g.mp.reloadFraming(frameIntent{how: frameFresh, ids: []string{g.selConcept}})
		g.det.refresh()
		g.refreshMenus()
		return
	}
	if g.status != nil {
		g.status.flash(tr("st.noback"))
	}
}

// dragged and scrolled note that the user moved the map by hand.
func (m *mapPanel) movedByHand() { m.frame.manual = true }

var _ = fyne.NewSize
