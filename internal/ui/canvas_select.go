package ui

import (
	"math"
	"time"

	"fyne.io/fyne/v2"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/text"
)

// The map's selection is the selected concept (g.selConcept, whose details
// show) and the concepts selected with it. It is kept here, tied to the
// selected concept: selecting a concept anywhere else selects it alone.

// nudgeStep and nudgeBigStep are how far, in points, an arrow key (with
// Shift: the big step) moves the selection.
const (
	nudgeStep    = 2.0
	nudgeBigStep = 20.0
)

// selectionState is the map's selection of several concepts and the
// nudges not saved yet.
type selectionState struct {
	ids []string // the selection, the selected concept among them
	of  string   // the selected concept ids belongs to
	// The nudges not saved yet: which concepts, and a generation number
	// that tells a pending save whether it is still the latest.
	nudging []string
	nudgeN  int
}

// selection lists the selected concepts (the selected concept first when
// it is alone).
func (c *mapCanvas) selection() []string {
	g := c.m.g
	if g.selConcept == "" {
		return nil
	}
	if c.sel.of == g.selConcept && contains(c.sel.ids, g.selConcept) {
		return append([]string(nil), c.sel.ids...)
	}
	return []string{g.selConcept}
}

// setSelection selects ids, with primary as the selected concept.
func (c *mapCanvas) setSelection(ids []string, primary string) {
	if len(ids) == 0 {
		primary = ""
	} else if !contains(ids, primary) {
		primary = ids[len(ids)-1]
	}
	c.sel.ids, c.sel.of = append([]string(nil), ids...), primary
	c.m.g.selectConcept(primary, true)
}

// toggle adds a concept to the selection or takes it out (Shift or
// Ctrl+click).
func (c *mapCanvas) toggle(id string) {
	sel := c.selection()
	if contains(sel, id) {
		out := sel[:0]
		for _, x := range sel {
			if x != id {
				out = append(out, x)
			}
		}
		primary := c.m.g.selConcept
		if primary == id && len(out) > 0 {
			primary = out[len(out)-1]
		}
		c.setSelection(out, primary)
		return
	}
	c.setSelection(append(sel, id), id)
}

// endBand selects the concepts the selection rectangle touches, with
// those selected before.
func (c *mapCanvas) endBand() {
	x, y := c.toScene(c.gs.pointer)
	band := rectOf(c.gs.bandFrom, text.Point{X: x, Y: y})
	sel := c.selection()
	primary := c.m.g.selConcept
	for i := range c.scene.Nodes {
		n := &c.scene.Nodes[i]
		if n.Rect.Overlaps(band) && !contains(sel, n.ConceptID) {
			sel = append(sel, n.ConceptID)
			if primary == "" {
				primary = n.ConceptID
			}
		}
	}
	c.setSelection(sel, primary)
}

// rectOf is the rectangle with corners a and b.
func rectOf(a, b text.Point) text.Rect {
	return text.Rect{
		Min: text.Point{X: math.Min(a.X, b.X), Y: math.Min(a.Y, b.Y)},
		Max: text.Point{X: math.Max(a.X, b.X), Y: math.Max(a.Y, b.Y)},
	}
}

// editable reports whether the map's concepts may be moved and linked: a
// project is open and the map shows a view (not a neighbourhood, which
// keeps no places).
func (c *mapCanvas) editable() bool {
	g := c.m.g
	return g.ses != nil && g.neigh == "" && c.scene != nil
}

// placesOf returns where the listed concepts' nodes are (their centres).
func (c *mapCanvas) placesOf(ids []string) map[string]app.Point {
	to := map[string]app.Point{}
	for _, id := range ids {
		if i := c.scene.NodeByID(id); i >= 0 {
			p := c.scene.MapPoint(c.scene.Nodes[i].Rect.Center()) // stored in map coordinates
			to[id] = app.Point{X: p.X, Y: p.Y}
		}
	}
	return to
}

// saveMove stores where the listed concepts are now on the view: one edit.
func (c *mapCanvas) saveMove(ids []string) {
	g := c.m.g
	if g.ses == nil || c.scene == nil || len(ids) == 0 {
		return
	}
	if err := g.ses.MoveConcepts(g.viewID, c.placesOf(ids)); err != nil {
		g.showError(err)
		c.m.reload()
	}
}

// nudge moves the selection by (dx, dy) points at once and saves it when
// the arrows rest (consecutive nudges make one undo step).
func (c *mapCanvas) nudge(dx, dy float64) {
	ids := c.selection()
	if len(c.sel.nudging) > 0 && !sameIDs(c.sel.nudging, ids) {
		c.flushNudge()
	}
	if len(c.sel.nudging) == 0 {
		c.lift(ids) // drawn over the map until the nudges are saved
	}
	c.sel.nudging = ids
	moveScene(c.scene, ids, dx, dy)
	c.Refresh()
	c.sel.nudgeN++
	n := c.sel.nudgeN
	time.AfterFunc(c.m.g.nudgeDelay, func() {
		c.m.g.do(func() {
			if c.sel.nudgeN == n {
				c.flushNudge()
			}
		})
	})
}

// flushNudge saves the nudges not saved yet.
func (c *mapCanvas) flushNudge() {
	ids := c.sel.nudging
	if len(ids) == 0 {
		return
	}
	c.sel.nudging = nil
	c.sel.nudgeN++
	c.drop()
	c.saveMove(ids)
}

func sameIDs(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// arrowKey nudges the selection; it reports whether there was one to nudge.
func (c *mapCanvas) arrowKey(k fyne.KeyName) bool {
	if !c.editable() || len(c.selection()) == 0 {
		return false
	}
	step := nudgeStep
	if c.gs.shift {
		step = nudgeBigStep
	}
	switch k {
	case fyne.KeyLeft:
		c.nudge(-step, 0)
	case fyne.KeyRight:
		c.nudge(step, 0)
	case fyne.KeyUp:
		c.nudge(0, -step)
	case fyne.KeyDown:
		c.nudge(0, step)
	default:
		return false
	}
	return true
}

// syncPlaces moves the shown nodes to the view's stored positions where
// they differ (a move saved from elsewhere): no layout, only the changed
// parts are painted again.
func (c *mapCanvas) syncPlaces() {
	g := c.m.g
	if g.ses == nil || c.scene == nil || g.neigh != "" {
		return
	}
	changed := false
	for id, p := range g.ses.Placed(g.viewID) {
		i := c.scene.NodeByID(id)
		if i < 0 {
			continue
		}
		ctr := c.scene.Nodes[i].Rect.Center()
		at := c.scene.ScenePoint(text.Point{X: p.X, Y: p.Y})
		r := c.scene.Nodes[i].Rect
		if to := r.Translate(at.Sub(ctr)); to.Min.X < 0 || to.Min.Y < 0 || to.Max.X > c.scene.Width || to.Max.Y > c.scene.Height {
			continue // off the drawn map: the next drawing at the stored places shows it
		}
		if dx, dy := at.X-ctr.X, at.Y-ctr.Y; math.Abs(dx) > 0.02 || math.Abs(dy) > 0.02 {
			c.patchBase(moveScene(c.scene, []string{id}, dx, dy))
			changed = true
		}
	}
	if changed {
		c.Refresh()
	}
}
