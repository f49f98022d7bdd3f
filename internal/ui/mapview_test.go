package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/proctest"
	"github.com/khareeta/khareeta/internal/store"
	"github.com/khareeta/khareeta/internal/synth"
)

// visibleRect is the part of the scene the map pane shows.
func visibleRect(g *gui) (x0, y0, x1, y1 float64) {
	v := g.mp.view
	w, h := g.mp.paneSize()
	return v.offX, v.offY, v.offX + w/v.zoom, v.offY + h/v.zoom
}

// inSight reports whether a concept's node is wholly in the map pane.
func inSight(g *gui, id string) bool {
	sc := g.mp.view.scene
	i := sc.NodeByID(id)
	if i < 0 {
		return false
	}
	r := sc.Nodes[i].Rect
	x0, y0, x1, y1 := visibleRect(g)
	const tol = 1
	return r.Min.X >= x0-tol && r.Max.X <= x1+tol && r.Min.Y >= y0-tol && r.Max.Y <= y1+tol
}

// labelPx is the height in pixels of a concept's label text on the map.
func labelPx(g *gui, id string) float64 {
	sc := g.mp.view.scene
	return sc.Nodes[sc.NodeByID(id)].Label.Size * g.mp.view.zoom
}

// checkFramed checks that the map shows all of itself, or is at a zoom where
// labels are readable.
func checkFramed(t *testing.T, g *gui, when string) {
	t.Helper()
	sc := g.mp.view.scene
	if sc == nil {
		t.Fatalf("%s: no map", when)
	}
	all := true
	for _, n := range sc.Nodes {
		all = all && inSight(g, n.ConceptID)
	}
	if !all && labelPx(g, sc.Nodes[0].ConceptID) < minLabelPx-0.01 {
		t.Fatalf("%s: the map is neither whole in sight nor readable (zoom %.2f)", when, g.mp.view.zoom)
	}
	if all && g.mp.view.zoom < g.mp.fitZoom(g.mp.sceneBox())-0.01 {
		t.Fatalf("%s: the whole map is smaller than it could be (zoom %.2f)", when, g.mp.view.zoom)
	}
}

// TestMapFollowsUser: framed on open and on resize unless zoomed by hand;
// an added or edited concept stays in sight and readable; undo frames the
// map around the change; "show on map" and paths zoom to their marks;
// Back (Alt+Left) goes through views and neighbourhoods; clicking the
// current view in the list opens it again.
func TestMapFollowsUser(t *testing.T) {
	g := newTestGUI(t)
	p := g.ses.Project()
	if g.mp.view.Size().Width < 300 {
		t.Fatalf("map pane %v", g.mp.view.Size())
	}
	checkFramed(t, g, "on open")

	// A view small enough to be whole and readable.
	var small model.View
	fewest := 0
	for _, v := range p.Views {
		g.setView(v.ID)
		if n := len(g.mp.view.scene.Nodes); fewest == 0 || n < fewest {
			small, fewest = v, n
		}
	}
	g.setView(small.ID)
	checkFramed(t, g, "small view")
	for _, n := range g.mp.view.scene.Nodes {
		if !inSight(g, n.ConceptID) {
			t.Fatalf("small view: %s out of sight", g.conceptLabel(n.ConceptID))
		}
	}
	z := g.mp.view.zoom
	g.win.Resize(fyne.NewSize(1000, 700))
	checkFramed(t, g, "after resizing")
	if g.mp.view.zoom >= z {
		t.Errorf("the map did not shrink with the window: zoom %.2f → %.2f", z, g.mp.view.zoom)
	}
	// Zoomed by hand: a resize keeps the zoom.
	g.mp.zoomBy(1.25)
	z = g.mp.view.zoom
	g.win.Resize(fyne.NewSize(1280, 800))
	if g.mp.view.zoom != z {
		t.Errorf("a resize changed the zoom the user chose: %.2f → %.2f", z, g.mp.view.zoom)
	}
	// Fit frames again and follows resizes again.
	typeShortcut(t, g, ctrl(fyne.Key0))
	checkFramed(t, g, "after Fit")

	// The map of every concept; zoom far out by hand, then add a concept
	// linked from a selected one: it is in sight, at a readable size.
	g.setView("")
	from := p.Concepts[40].ID
	g.selectConcept(from, false)
	g.mp.setZoom(0.1)
	g.conceptDialog("")
	dlg := topDialog(t, g)
	test.Type(entries(dlg)[0], "مفهوم جديد للتجربة")
	var link *widget.Check
	walk(dlg, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && link == nil {
			link = c
		}
	})
	link.SetChecked(true)
	tapButton(t, dlg, tr("dlg.save"))
	added := g.selConcept
	if added == from || g.mp.view.scene.NodeByID(added) < 0 {
		t.Fatal("the new concept is not on the map")
	}
	if !inSight(g, added) || labelPx(g, added) < minLabelPx-0.01 {
		t.Fatalf("the new concept is out of sight or too small: in sight %v, %.1f px", inSight(g, added), labelPx(g, added))
	}

	// Pan it away by hand, edit it: the map pans back the least needed.
	g.mp.view.offX += 3000
	g.mp.view.clamp()
	c := *g.ses.Index().Concepts[added]
	c.Label = c.Label.Clone()
	c.Label[model.English] = "A new concept"
	if _, err := g.ses.SaveConcept(c); err != nil {
		t.Fatal(err)
	}
	if !inSight(g, added) {
		t.Fatal("the edited concept is out of sight")
	}

	// Undo the edit: the map is framed around it.
	g.mp.setZoom(0.1)
	typeShortcut(t, g, &fyne.ShortcutUndo{})
	checkFramed(t, g, "after undo")
	if !inSight(g, added) {
		t.Fatal("after undo the changed concept is out of sight")
	}

	// Show on map from a view that lacks the marks: every concept is shown
	// and the marks are zoomed to.
	g.setView(small.ID)
	res, err := g.ses.Insights("", g.labelLang())
	if err != nil {
		t.Fatal(err)
	}
	var marks app.Highlight
	for _, it := range res.Items {
		if len(it.Show.Concepts) >= 2 && g.mp.view.scene.NodeByID(it.Show.Concepts[0]) < 0 {
			marks = it.Show
			break
		}
	}
	if marks.Empty() {
		t.Fatal("no insight with two marked concepts outside the small view")
	}
	g.showOnMap(marks)
	if g.viewID != "" {
		t.Fatal("show on map did not switch to every concept")
	}
	for _, id := range marks.Concepts {
		if !inSight(g, id) {
			t.Fatalf("marked %s is out of sight", g.conceptLabel(id))
		}
	}
	// A path between two far concepts is zoomed to as well.
	g.insights.showPath(p.Concepts[3].ID, p.Concepts[90].ID)
	if h := marksOf(g); h != nil {
		for _, id := range h.Concepts {
			if !inSight(g, id) {
				t.Fatalf("path concept %s is out of sight", g.conceptLabel(id))
			}
		}
	}

	// Back: neighbourhood → every concept → the small view.
	g.showNeighbourhood(from)
	if g.neigh != from {
		t.Fatal("no neighbourhood")
	}
	typeShortcut(t, g, &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt})
	if g.neigh != "" || g.viewID != "" {
		t.Fatalf("Back went to view %q neighbourhood %q, want every concept", g.viewID, g.neigh)
	}
	g.back()
	if g.viewID != small.ID {
		t.Fatalf("second Back went to %q, want the small view", g.viewID)
	}

	// Clicking the current view in the list opens it again (framed afresh).
	g.showNeighbourhood(from)
	views := g.side.views
	i := indexOf(views.ids, small.ID)
	gen := g.mp.gen
	views.list.Select(i)
	if g.neigh != "" || g.viewID != small.ID || g.mp.gen == gen {
		t.Fatal("clicking the view did not open it")
	}
	gen = g.mp.gen
	views.list.Select(i)
	if g.mp.gen == gen {
		t.Fatal("clicking the view shown did not open it again")
	}
}

// TestBigViewLayoutCancels opens a 2,000-concept, 4,000-relation project:
// the map offers the fast layout first and says why; the layered layout
// runs in a worker process while the window answers clicks, shows the
// elapsed time, and Cancel kills the worker; the fast layout then draws
// the map.
func TestBigViewLayoutCancels(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out a 2,000-concept map")
	}
	path := filepath.Join(t.TempDir(), "big.kmap")
	st, err := store.Create(path, model.Meta{Language: model.Arabic, Title: model.T("مشروع كبير", "Big")})
	if err != nil {
		t.Fatal(err)
	}
	big := synth.Project(synth.Sizes{Concepts: 2000, Relations: 4000, Sources: 20, Citations: 50}, 5)
	big.Views = nil
	if err := st.ImportProject(big); err != nil {
		t.Fatal(err)
	}
	st.Close()

	g := newTestGUIOn(t, path)
	// Background work runs for real; what it hands back to the UI goroutine
	// is queued and run by pump, on this goroutine.
	queue := make(chan func(), 64)
	g.do = func(f func()) { queue <- f }
	g.async = func(f func()) { go f() }
	pump := func(until func() bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Minute) // a hang, not a speed limit
		for !until() {
			select {
			case f := <-queue:
				f()
			case <-time.After(20 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatal("waited five minutes")
			}
		}
	}
	m := g.mp
	if !m.large || !m.fast.Visible() || !m.slow.Visible() {
		t.Fatal("the big view was not offered the engines")
	}
	if msg := m.msg.Text(); !strings.Contains(msg, "2000 concepts and 4000 relations") || !strings.Contains(msg, "sfdp") {
		t.Fatalf("the offer does not say why: %q", msg)
	}
	if !strings.Contains(m.fast.Text, "sfdp") {
		t.Fatalf("the first button is %q", m.fast.Text)
	}

	// The layered layout, in a worker.
	test.Tap(m.slow)
	if !m.busy() || !m.job.Child || !m.cancel.Visible() {
		t.Fatal("the layered layout of the big view did not start in a worker with Cancel shown")
	}
	job := m.job
	pump(func() bool { return job.Pid() != 0 && m.elapsed.Text() != "" })
	pid := job.Pid()
	// The window answers while Graphviz works: select a concept in the list.
	row := -1
	for i, r := range g.side.rows {
		if !r.header {
			row = i
			break
		}
	}
	t0 := time.Now()
	g.side.list.Select(row)
	answered := time.Since(t0)
	if g.selConcept != g.side.rows[row].concept || !m.busy() {
		t.Fatal("selecting a concept during the layout did not work")
	}
	pump(func() bool {
		return strings.Contains(m.elapsed.Text(), "0:01") || time.Since(job.Started) > 3*time.Second
	})
	if !strings.Contains(m.elapsed.Text(), "0:0") {
		t.Fatalf("elapsed time shown: %q", m.elapsed.Text())
	}

	// Cancel: the worker is killed and its memory returned.
	rss := proctest.RSSKiB(pid)
	t1 := time.Now()
	test.Tap(m.cancel)
	if m.busy() || !strings.Contains(m.msg.Text(), "Drawing stopped after") || !m.fast.Visible() {
		t.Fatalf("after Cancel: busy %v, message %q", m.busy(), m.msg.Text())
	}
	for proctest.Alive(pid) {
		time.Sleep(5 * time.Millisecond)
		if time.Since(t1) > time.Minute {
			t.Fatal("the worker outlived Cancel by a minute")
		}
	}
	t.Logf("a click answered in %v during the layout; worker at %d MB killed %v after Cancel",
		answered.Round(time.Microsecond), rss/1024, time.Since(t1).Round(time.Millisecond))

	// The fast layout draws the map.
	test.Tap(m.fast)
	pump(func() bool { return !m.busy() && m.view.scene != nil })
	if m.view.scene.Engine != "sfdp" || len(m.view.scene.Nodes) != 2000 {
		t.Fatalf("map drawn with %s, %d nodes", m.view.scene.Engine, len(m.view.scene.Nodes))
	}
	checkFramed(t, g, "big map")
	if !inSight(g, g.selConcept) {
		t.Error("the concept selected while the layout ran is not in sight on the new map")
	}
}
