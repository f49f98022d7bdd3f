package ui

import (
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// drag does what the desktop driver does for a drag with the primary
// button from a to b in steps: MouseDown, Dragged events, DragEnd, MouseUp.
func drag(c *mapCanvas, a, b fyne.Position, mods fyne.KeyModifier, steps int) {
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: a}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	prev := a
	for i := 1; i <= steps; i++ {
		f := float32(i) / float32(steps)
		p := fyne.NewPos(a.X+(b.X-a.X)*f, a.Y+(b.Y-a.Y)*f)
		c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		prev = p
	}
	c.DragEnd()
	c.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: b}, Button: desktop.MouseButtonPrimary, Modifier: mods})
}

// click is a click with modifiers: MouseDown, MouseUp, Tapped.
func click(c *mapCanvas, p fyne.Position, mods fyne.KeyModifier) {
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	c.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	c.Tapped(&fyne.PointEvent{Position: p})
}

// centre is a concept's node centre in scene points.
func centre(t *testing.T, c *mapCanvas, id string) text.Point {
	t.Helper()
	i := c.scene.NodeByID(id)
	if i < 0 {
		t.Fatalf("no node for %s", id)
	}
	return c.scene.Nodes[i].Rect.Center()
}

// widgetPos converts a scene point to the map widget's coordinates.
func widgetPos(c *mapCanvas, p text.Point) fyne.Position {
	return fyne.NewPos(float32((p.X-c.offX)*c.zoom), float32((p.Y-c.offY)*c.zoom))
}

// emptySpot finds a place in sight with no node or relation within r
// pixels.
func emptySpot(t *testing.T, c *mapCanvas, r float32) fyne.Position {
	t.Helper()
	s := c.Size()
	for y := r + 10; y < s.Height-r-10; y += 7 {
		for x := r + 10; x < s.Width-r-10; x += 7 {
			free := true
			for _, d := range [][2]float32{{0, 0}, {-r, -r}, {r, r}, {-r, r}, {r, -r}} {
				sx, sy := c.toScene(fyne.NewPos(x+d[0], y+d[1]))
				if sx < 0 || sy < 0 || sx > c.scene.Width || sy > c.scene.Height ||
					c.scene.NodeAt(sx, sy) >= 0 || c.scene.EdgeAt(sx, sy, 8) >= 0 {
					free = false
					break
				}
			}
			if free {
				return fyne.NewPos(x, y)
			}
		}
	}
	t.Fatal("no empty space on the map")
	return fyne.Position{}
}

// storedAt returns a concept's stored position on a view in the project
// file (read again from disk).
func storedAt(t *testing.T, g *gui, view, id string) (model.Position, bool) {
	t.Helper()
	for _, p := range diskProject(t, g.ses.Path()).Positions {
		if p.View == view && p.Concept == id {
			return p, true
		}
	}
	return model.Position{}, false
}

func near(a, b text.Point, tol float64) bool {
	return math.Abs(a.X-b.X) <= tol && math.Abs(a.Y-b.Y) <= tol
}

// visibleNodes lists the concepts whose nodes are wholly in sight, far
// enough apart to be dragged onto each other.
func visibleNodes(g *gui) []string {
	var ids []string
	for _, n := range g.mp.view.scene.Nodes {
		if inSight(g, n.ConceptID) {
			ids = append(ids, n.ConceptID)
		}
	}
	return ids
}

// TestCanvasMoveSelectNudge: a concept dragged on the map moves and its
// place is in the project file (pinned), one undo step; Shift+click adds
// to the selection and a drag moves the whole selection; Shift+drag on
// empty space selects with a rectangle; arrows nudge (consecutive nudges
// are one undo step); a drag on empty space still pans.
func TestCanvasMoveSelectNudge(t *testing.T) {
	g := newTestGUI(t)
	c := g.mp.view
	view := g.viewID
	ids := visibleNodes(g)
	if len(ids) < 3 {
		t.Fatalf("only %d concepts in sight", len(ids))
	}
	a, b := ids[0], ids[1]
	before := centre(t, c, a)
	beforeMap := c.scene.MapPoint(before)
	from := widgetPos(c, before)
	drag(c, from, from.Add(fyne.NewDelta(47, 31)), 0, 5)
	after := centre(t, c, a)
	afterMap := c.scene.MapPoint(after)
	if near(after, before, 5) {
		t.Fatalf("the dragged concept did not move: %v → %v", before, after)
	}
	p, ok := storedAt(t, g, view, a)
	if !ok || !p.Pinned || !near(c.scene.ScenePoint(text.Point{X: p.X, Y: p.Y}), after, 0.02) {
		t.Fatalf("stored %+v (found %v), node at %v", p, ok, after)
	}
	if name, _ := g.ses.CanUndo(); name != "move concepts" {
		t.Fatalf("undo step %q", name)
	}
	g.undo() // back to the place the drawing gave it (recorded, not pinned)
	if p0, ok := storedAt(t, g, view, a); ok && (p0.Pinned || !near(text.Point{X: p0.X, Y: p0.Y}, beforeMap, 0.05)) {
		t.Fatalf("undo left %+v, the node was at %v", p0, beforeMap)
	}
	if m := c.scene.MapPoint(centre(t, c, a)); !near(m, beforeMap, 0.05) {
		t.Fatalf("after undo the node is at %v, not %v", m, beforeMap)
	}
	g.redo()
	if p2, ok := storedAt(t, g, view, a); !ok || p2.X != p.X || p2.Y != p.Y {
		t.Fatalf("redo: %+v %v", p2, ok)
	}
	if m := c.scene.MapPoint(centre(t, c, a)); !near(m, afterMap, 0.05) {
		t.Fatalf("after redo the node is at %v, not %v", m, afterMap)
	}

	// Shift+click adds b; dragging b moves both, in one edit.
	click(c, widgetPos(c, centre(t, c, a)), 0)
	click(c, widgetPos(c, centre(t, c, b)), fyne.KeyModifierShift)
	if sel := c.selection(); len(sel) != 2 || !contains(sel, a) || !contains(sel, b) {
		t.Fatalf("selection %v", sel)
	}
	a0, b0 := centre(t, c, a), centre(t, c, b)
	a0m, b0m := c.scene.MapPoint(a0), c.scene.MapPoint(b0)
	drag(c, widgetPos(c, b0), widgetPos(c, b0).Add(fyne.NewDelta(-33, 41)), 0, 4)
	a1, b1 := centre(t, c, a), centre(t, c, b)
	da, db := a1.Sub(a0), b1.Sub(b0)
	if !near(da, db, 0.01) || near(da, text.Point{}, 5) {
		t.Fatalf("the selection did not move together: %v and %v", da, db)
	}
	for id, want := range map[string]text.Point{a: a1, b: b1} {
		if p, ok := storedAt(t, g, view, id); !ok || !near(c.scene.ScenePoint(text.Point{X: p.X, Y: p.Y}), want, 0.02) {
			t.Fatalf("%s stored %+v, node at %v", id, p, want)
		}
	}
	g.undo() // one step moves both back
	for id, want := range map[string]text.Point{a: a0m, b: b0m} {
		if p, ok := storedAt(t, g, view, id); id == a && (!ok || !near(text.Point{X: p.X, Y: p.Y}, want, 0.02)) {
			t.Fatalf("undo: %s stored %+v, want %v", id, p, want)
		} else if id == b && ok && (p.Pinned || !near(text.Point{X: p.X, Y: p.Y}, want, 0.05)) {
			t.Fatalf("undo: %s stored %+v, want %v unpinned", id, p, want)
		}
	}
	g.redo()

	// Nudges: three arrows make one undo step of 3 steps; Shift is bigger.
	g.nudgeDelay = time.Hour
	c.setSelection([]string{a}, a) // (a click might hit b, moved over it)
	start := centre(t, c, a)
	startMap := c.scene.MapPoint(start)
	for i := 0; i < 3; i++ {
		c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	c.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	want := start.Add(text.Point{X: 3 * nudgeStep, Y: nudgeBigStep})
	if got := centre(t, c, a); !near(got, want, 0.01) {
		t.Fatalf("nudged to %v, want %v", got, want)
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // saves the nudges
	if p, ok := storedAt(t, g, view, a); !ok || !near(c.scene.ScenePoint(text.Point{X: p.X, Y: p.Y}), want, 0.02) {
		t.Fatalf("nudges stored %+v %v, want %v", p, ok, want)
	}
	g.undo()
	if p, _ := storedAt(t, g, view, a); !near(text.Point{X: p.X, Y: p.Y}, startMap, 0.02) {
		t.Fatalf("one undo should take back all the nudges: %+v, want %v", p, startMap)
	}

	// Shift+drag on empty space selects with a rectangle around b.
	g.selectConcept("", false)
	c.Refresh()
	bi := c.scene.NodeByID(b)
	r := c.scene.Nodes[bi].Rect
	corner := widgetPos(c, r.Min).Subtract(fyne.NewDelta(3, 3))
	sx, sy := c.toScene(corner)
	if c.scene.NodeAt(sx, sy) < 0 {
		drag(c, corner, widgetPos(c, r.Max).Add(fyne.NewDelta(3, 3)), fyne.KeyModifierShift, 3)
		if sel := c.selection(); !contains(sel, b) {
			t.Fatalf("the rectangle did not select %s: %v", b, sel)
		}
	}

	// A plain drag on empty space pans and changes nothing.
	g.selectConcept("", false)
	n, _ := g.ses.CanUndo()
	offX := c.offX
	spot := emptySpot(t, c, 10)
	drag(c, spot, spot.Add(fyne.NewDelta(40, 0)), 0, 2)
	if c.offX == offX {
		t.Fatal("a drag on empty space did not pan")
	}
	if n2, _ := g.ses.CanUndo(); n2 != n {
		t.Fatalf("panning made an edit %q", n2)
	}
}

// TestCanvasLinkCreateRename: a link dragged from a concept's handle to
// another opens the relation type picker; typing filters (Arabic), Enter
// saves the relation; Escape cancels. A double-click on empty space makes
// a concept there typed in place; F2 renames in place; Delete removes a
// selection of several in one step. Everything is in the file and undoes.
func TestCanvasLinkCreateRename(t *testing.T) {
	g := newTestGUI(t)
	c := g.mp.view
	view := g.viewID
	ids := visibleNodes(g)
	a, b := ids[0], ids[len(ids)-1]
	rels := len(diskProject(t, g.ses.Path()).Relations)

	// Escape cancels the picker.
	c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: widgetPos(c, centre(t, c, a))}})
	h, ok := c.handlePos(a)
	if !ok {
		t.Fatal("no handle")
	}
	drag(c, h, widgetPos(c, centre(t, c, b)), 0, 6)
	if c.ip == nil {
		t.Fatal("no picker after a link was dropped on a concept")
	}
	c.ip.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.ip != nil || len(diskProject(t, g.ses.Path()).Relations) != rels {
		t.Fatal("Escape did not cancel the link")
	}

	// Alt+drag, then type part of an Arabic phrase and Enter.
	drag(c, widgetPos(c, centre(t, c, a)), widgetPos(c, centre(t, c, b)), fyne.KeyModifierAlt, 6)
	if c.ip == nil {
		t.Fatal("no picker after Alt+drag")
	}
	test.Type(c.ip.entry, "يعز")
	c.ip.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	var found *model.Relation
	for _, r := range diskProject(t, g.ses.Path()).Relations {
		if r.From == a && r.To == b && r.Type == "strengthens" {
			r := r
			found = &r
		}
	}
	if found == nil || found.Phrase[model.Arabic] != "يعزز" {
		t.Fatalf("the relation a→b strengthens is not in the file: %+v", found)
	}
	if c.lastTypes[0] != "strengthens" {
		t.Fatalf("last used types %v", c.lastTypes)
	}
	g.undo()
	if len(diskProject(t, g.ses.Path()).Relations) != rels {
		t.Fatal("undo did not remove the relation")
	}

	// A double-click on empty space: a new concept, typed in place.
	spot := emptySpot(t, c, 30)
	at := c.sceneAt(spot)
	c.DoubleTapped(&fyne.PointEvent{Position: spot})
	if c.ip == nil {
		t.Fatal("no in-place editor after a double-click on empty space")
	}
	c.ip.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // empty: refused like the form
	if c.ip == nil || !c.ip.err.Visible() {
		t.Fatal("an empty label was not refused in place")
	}
	label := "الأمن المجتمعي (2024)"
	test.Type(c.ip.entry, label)
	if c.ip.shown.Text() != label {
		t.Fatalf("the typed label shows as %q", c.ip.shown.Text())
	}
	c.ip.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	var made model.Concept
	for _, cp := range diskProject(t, g.ses.Path()).Concepts {
		if cp.Label[model.Arabic] == label {
			made = cp
		}
	}
	if made.ID == "" {
		t.Fatal("the new concept is not in the file")
	}
	if p, ok := storedAt(t, g, view, made.ID); !ok || !p.Pinned || !near(c.scene.ScenePoint(text.Point{X: p.X, Y: p.Y}), at, 0.02) {
		t.Fatalf("new concept placed %+v %v, want %v", p, ok, at)
	}
	if g.selConcept != made.ID {
		t.Fatal("the new concept is not selected")
	}

	// F2 renames it in place.
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	if c.ip == nil || c.ip.entry.Text != label {
		t.Fatal("F2 did not open the in-place rename")
	}
	c.ip.entry.SetText("")
	test.Type(c.ip.entry, "أمن الأحياء")
	c.ip.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	for _, cp := range diskProject(t, g.ses.Path()).Concepts {
		if cp.ID == made.ID && cp.Label[model.Arabic] != "أمن الأحياء" {
			t.Fatalf("renamed to %q", cp.Label[model.Arabic])
		}
	}
	g.undo()
	for _, cp := range diskProject(t, g.ses.Path()).Concepts {
		if cp.ID == made.ID && cp.Label[model.Arabic] != label {
			t.Fatalf("undo of the rename left %q", cp.Label[model.Arabic])
		}
	}
	g.undo()
	if _, ok := storedAt(t, g, view, made.ID); ok {
		t.Fatal("undo of the new concept left its position")
	}

	// Delete removes a selection of two in one step, after asking.
	concepts := len(diskProject(t, g.ses.Path()).Concepts)
	c.setSelection([]string{a, b}, a)
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	tapButton(t, topDialog(t, g), tr("dlg.delete"))
	if n := len(diskProject(t, g.ses.Path()).Concepts); n != concepts-2 {
		t.Fatalf("%d concepts after deleting two of %d", n, concepts)
	}
	g.undo()
	if n := len(diskProject(t, g.ses.Path()).Concepts); n != concepts {
		t.Fatalf("one undo brought back %d of %d", n, concepts)
	}
}

// TestCanvasCiteByDrop: a source dragged from the Sources list onto a
// concept of the map cites it with the page typed in place; one undo step.
func TestCanvasCiteByDrop(t *testing.T) {
	g := newTestGUI(t)
	c := g.mp.view
	p := newSourcesPanel(g)
	row := p.createRow()
	p.updateRow(0, row)
	src := p.ids[0]
	id := visibleNodes(g)[0]
	cites := len(diskProject(t, g.ses.Path()).Citations)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	at := origin.Add(widgetPos(c, centre(t, c, id)))
	sr := row.(*sourceRow)
	sr.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: origin.Add(fyne.NewPos(5, 5))}})
	sr.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: at}})
	if cpt, _ := c.citeTarget(); cpt != id {
		t.Fatalf("the dragged source would cite %q, not %q", cpt, id)
	}
	sr.DragEnd()
	if c.ip == nil {
		t.Fatal("no page asked after the drop")
	}
	test.Type(c.ip.entry, "24-26")
	c.ip.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	all := diskProject(t, g.ses.Path()).Citations
	if len(all) != cites+1 {
		t.Fatalf("%d citations, want %d", len(all), cites+1)
	}
	found := false
	for _, ct := range all {
		found = found || (ct.Source == src && ct.Concept == id && ct.Locator == "24-26")
	}
	if !found {
		t.Fatal("the citation is not in the file")
	}
	g.undo()
	if n := len(diskProject(t, g.ses.Path()).Citations); n != cites {
		t.Fatalf("undo left %d citations, want %d", n, cites)
	}
	// Dropped on empty space: nothing.
	spot := origin.Add(emptySpot(t, c, 20))
	sr.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: spot}})
	sr.DragEnd()
	if c.ip != nil {
		t.Fatal("a source dropped on empty space asks for a page")
	}
}

// TestCanvasLayOutAgain: Map › Lay out again stores a place for every
// concept of the view (not pinned), replacing one placed by hand; one undo
// step takes it all back.
func TestCanvasLayOutAgain(t *testing.T) {
	g := newTestGUI(t)
	c := g.mp.view
	view := g.viewID
	id := visibleNodes(g)[0]
	from := widgetPos(c, centre(t, c, id))
	drag(c, from, from.Add(fyne.NewDelta(30, 30)), 0, 3)
	g.layOutAgain()
	if name, _ := g.ses.CanUndo(); name != "lay out again" {
		t.Fatalf("undo step %q", name)
	}
	n := 0
	for _, p := range diskProject(t, g.ses.Path()).Positions {
		if p.View == view {
			n++
			if p.Pinned {
				t.Fatalf("laid out again, %s is still pinned", p.Concept)
			}
		}
	}
	if n != len(c.scene.Nodes) {
		t.Fatalf("%d positions for %d concepts", n, len(c.scene.Nodes))
	}
	g.undo()
	if p, ok := storedAt(t, g, view, id); !ok || !p.Pinned {
		t.Fatalf("undo did not bring back the place set by hand: %+v %v", p, ok)
	}
}

// TestCanvasTidyUp: Map › Tidy up keeps the concept placed by hand where
// it is and lays the others out around it, in one undo step.
func TestCanvasTidyUp(t *testing.T) {
	g := newTestGUI(t)
	c := g.mp.view
	view := g.viewID
	id := visibleNodes(g)[0]
	from := widgetPos(c, centre(t, c, id))
	drag(c, from, from.Add(fyne.NewDelta(40, 25)), 0, 3)
	pinned, ok := storedAt(t, g, view, id)
	if !ok || !pinned.Pinned {
		t.Fatalf("the moved concept is not pinned: %+v", pinned)
	}
	before := diskProject(t, g.ses.Path()).Positions
	g.tidyUp()
	if name, _ := g.ses.CanUndo(); name != "tidy up" {
		t.Fatalf("undo step %q", name)
	}
	if p, _ := storedAt(t, g, view, id); p.X != pinned.X || p.Y != pinned.Y {
		t.Fatalf("tidy up moved the concept placed by hand: %+v → %+v", pinned, p)
	}
	if got := centre(t, c, id); !near(c.scene.MapPoint(got), text.Point{X: pinned.X, Y: pinned.Y}, 0.05) {
		t.Fatalf("the map shows it at %v, stored %+v", c.scene.MapPoint(got), pinned)
	}
	g.undo()
	after := diskProject(t, g.ses.Path()).Positions
	if len(after) != len(before) {
		t.Fatalf("undo: %d positions, %d before", len(after), len(before))
	}
}
