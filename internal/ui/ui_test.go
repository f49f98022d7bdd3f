package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// newTestGUI starts the app headless on a fresh copy of the sample, with
// background work made synchronous.
func newTestGUI(t *testing.T) *gui { return newTestGUIOn(t, "") }

// newTestGUIOn starts the app headless on the project file path ("" is a
// fresh copy of the sample), with background work made synchronous.
func newTestGUIOn(t *testing.T, path string) *gui {
	t.Helper()
	fa := test.NewTempApp(t)
	dir := t.TempDir()
	dirs := app.Dirs{Config: filepath.Join(dir, "config"), Documents: filepath.Join(dir, "docs")}
	g := newGUI(fa, dirs, "test")
	g.async = func(f func()) { f() }
	g.searchDelay = 0
	g.set.Language = "en"
	setLang("en")
	ses, err := app.OpenStart(app.ChooseStart(path, g.set, dirs))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if g.ses != nil {
			g.ses.Close()
		}
	})
	g.attach(ses)
	g.ses.StopWatching() // the test checks external changes itself
	g.win.Resize(fyne.NewSize(1280, 800))
	g.build()
	return g
}

// walk visits every object under o.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		if r == nil {
			return
		}
		for _, c := range r.Objects() {
			walk(c, fn)
		}
	}
}

// topDialog returns the topmost overlay (an open dialog).
func topDialog(t *testing.T, g *gui) fyne.CanvasObject {
	t.Helper()
	top := g.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return top
}

// entries lists the text entries of an object tree, in order.
func entries(o fyne.CanvasObject) []*keyEntry {
	var out []*keyEntry
	walk(o, func(x fyne.CanvasObject) {
		if e, ok := x.(*keyEntry); ok && e.Visible() {
			out = append(out, e)
		}
	})
	return out
}

// tapButton taps the button with the given text in o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found *widget.Button
	walk(o, func(x fyne.CanvasObject) {
		switch b := x.(type) {
		case *widget.Button:
			if b.Text == text && found == nil {
				found = b
			}
		case *tipButton:
			if b.Text == text && found == nil {
				found = &b.Button
			}
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}

func firstList(o fyne.CanvasObject) *keyList {
	var l *keyList
	walk(o, func(x fyne.CanvasObject) {
		if v, ok := x.(*keyList); ok && l == nil {
			l = v
		}
	})
	return l
}

// typeShortcut does what the desktop driver does with a shortcut: it runs
// the main-menu item that carries it.
func typeShortcut(t *testing.T, g *gui, s fyne.Shortcut) {
	t.Helper()
	var find func(items []*fyne.MenuItem) *fyne.MenuItem
	find = func(items []*fyne.MenuItem) *fyne.MenuItem {
		for _, it := range items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == s.ShortcutName() {
				return it
			}
			if it.ChildMenu != nil {
				if f := find(it.ChildMenu.Items); f != nil {
					return f
				}
			}
		}
		return nil
	}
	for _, m := range g.menus.menu.Items {
		if it := find(m.Items); it != nil {
			if it.Disabled {
				t.Fatalf("menu item %q is disabled", it.Label)
			}
			it.Action()
			return
		}
	}
	t.Fatalf("no menu item has the shortcut %s", s.ShortcutName())
}

func diskProject(t *testing.T, path string) *model.Project {
	t.Helper()
	st, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMainFlows walks what a researcher does first: create a concept, link
// it, cite a source, undo, switch language, select on the map, export.
func TestMainFlows(t *testing.T) {
	g := newTestGUI(t)
	p := g.ses.Project()
	if len(p.Concepts) != 128 {
		t.Fatalf("sample has %d concepts", len(p.Concepts))
	}
	if g.mp.view.scene == nil {
		t.Fatal("the map of the first view was not drawn")
	}

	// Create a concept with a mixed Arabic/Latin/digit label.
	label := "الأمن المجتمعي (UNDP, 2016)"
	g.selConcept = ""
	g.conceptDialog("")
	dlg := topDialog(t, g)
	es := entries(dlg)
	test.Type(es[0], label)
	test.Type(es[1], "Community security (UNDP, 2016)")
	tapButton(t, dlg, tr("dlg.save"))
	id := g.selConcept
	c, ok := g.ses.Index().Concepts[id]
	if !ok || c.Label[model.Arabic] != label {
		t.Fatalf("new concept not selected or wrong: %q %+v", id, c)
	}
	if got := diskProject(t, g.ses.Path()); len(got.Concepts) != 129 {
		t.Fatalf("concept not on disk: %d concepts", len(got.Concepts))
	}
	// The sidebar lists it and the details show it.
	found := false
	for _, r := range g.side.rows {
		found = found || r.concept == id
	}
	if !found {
		t.Fatal("the new concept is not in the sidebar")
	}

	// Link it to an existing concept found by typing.
	g.relationDialog(id, "")
	dlg = topDialog(t, g)
	es = entries(dlg)
	test.Type(es[0], "الامن الانساني") // without hamza, as people type
	es[0].OnSubmitted(es[0].Text)
	tapButton(t, dlg, tr("dlg.save"))
	out := g.ses.Index().Out[id]
	if len(out) != 1 {
		t.Fatalf("relation not made: %v", out)
	}
	rel := g.ses.Index().Relations[out[0]]
	if g.conceptLabel(rel.To) != "الأمن الإنساني" {
		t.Fatalf("linked to %q", g.conceptLabel(rel.To))
	}

	// Cite a source for the concept: pick one, give the page and quote.
	g.citationDialog(id, "", "")
	dlg = topDialog(t, g)
	firstList(dlg).Select(0)
	es = entries(dlg)
	// entries: source filter, page, quote, note
	test.Type(es[1], "24")
	test.Type(es[2], "نص الاقتباس")
	tapButton(t, dlg, tr("dlg.save"))
	cites := g.ses.CitationsOf(id)
	if len(cites) != 1 || cites[0].Locator != "24" || cites[0].Quote != "نص الاقتباس" {
		t.Fatalf("citation: %+v", cites)
	}

	// Undo the citation with Ctrl+Z, then redo it with Ctrl+Shift+Z.
	typeShortcut(t, g, &fyne.ShortcutUndo{})
	if len(g.ses.CitationsOf(id)) != 0 {
		t.Fatal("undo left the citation")
	}
	if got := diskProject(t, g.ses.Path()); len(got.Citations) != 475 {
		t.Fatalf("undo not on disk: %d citations", len(got.Citations))
	}
	typeShortcut(t, g, ctrlShift(fyne.KeyZ))
	if len(g.ses.CitationsOf(id)) != 1 {
		t.Fatal("redo did not bring the citation back")
	}

	// Delete the concept (asks first, lists its relation), then undo.
	g.confirmDeleteConcept(id)
	dlg = topDialog(t, g)
	tapButton(t, dlg, tr("dlg.delete"))
	if _, ok := g.ses.Index().Concepts[id]; ok {
		t.Fatal("concept not deleted")
	}
	typeShortcut(t, g, &fyne.ShortcutUndo{})
	if len(g.ses.Index().Out[id]) != 1 || len(g.ses.CitationsOf(id)) != 1 {
		t.Fatal("undoing the delete did not restore the relation and citation")
	}

	// Select on the map: tap the node of a concept of the first view.
	g.setView(p.Views[0].ID)
	sc := g.mp.view.scene
	if sc == nil || len(sc.Nodes) == 0 {
		t.Fatal("no map")
	}
	target := sc.Nodes[len(sc.Nodes)/2].ConceptID
	g.mp.view.Resize(fyne.NewSize(800, 600))
	g.mp.reveal(target)
	pos, ok := g.mp.view.nodePosition(target)
	if !ok {
		t.Fatal("node not found")
	}
	test.TapAt(g.mp.view, pos)
	if g.selConcept != target {
		t.Fatalf("tapping the map selected %q, want %q (%s)", g.selConcept, target, g.conceptLabel(target))
	}
	if len(g.det.body.Objects) < 3 {
		t.Fatal("the details panel does not show the selected concept")
	}
	// The highlighted map differs from the plain one.
	img := g.win.Canvas().Capture()
	if img.Bounds().Dx() == 0 {
		t.Fatal("no capture")
	}

	// Export the view as SVG through the dialog; it matches app.Export.
	g.exportDialog()
	dlg = topDialog(t, g)
	var format *widget.RadioGroup
	walk(dlg, func(x fyne.CanvasObject) {
		if r, ok := x.(*widget.RadioGroup); ok && format == nil {
			format = r
		}
	})
	format.SetSelected("SVG")
	es = entries(dlg)
	outPath := filepath.Join(t.TempDir(), "map.svg")
	fileEntry := es[len(es)-1]
	fileEntry.SetText(outPath)
	tapButton(t, dlg, tr("exp.export"))
	got, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	opts := g.exportOptions()
	opts.Legend, opts.Title = true, g.currentView().Name.Get(g.labelLang())
	want := filepath.Join(t.TempDir(), "want.svg")
	if _, err := app.Export(context.Background(), g.ses.Snapshot(), want, opts); err != nil {
		t.Fatal(err)
	}
	wb, _ := os.ReadFile(want)
	if !bytes.Equal(got, wb) {
		t.Fatalf("the dialog's export (%d bytes) differs from app.Export (%d bytes)", len(got), len(wb))
	}

	// Switch to Arabic: the interface is translated and mirrored.
	g.setLanguage("ar")
	if uiLang() != "ar" || g.menus.menu.Items[0].Label != "ملف" {
		t.Fatalf("menu after switching to Arabic: %q", g.menus.menu.Items[0].Label)
	}
	d := fyne.CurrentApp().Driver()
	sideX := d.AbsolutePositionForObject(g.side.obj).X
	mapX := d.AbsolutePositionForObject(g.mp.obj).X
	if sideX <= mapX {
		t.Fatalf("Arabic layout not mirrored: sidebar at x=%v, map at x=%v", sideX, mapX)
	}
	g.setLanguage("en")
	if g.menus.menu.Items[0].Label != "File" {
		t.Fatal("menu not back in English")
	}
}

// TestSearchAndFilter types into the sidebar search and filters kinds.
func TestSearchAndFilter(t *testing.T) {
	g := newTestGUI(t)
	test.Type(g.side.search, "الامن")
	if len(g.side.hits) == 0 {
		t.Fatal("no hits")
	}
	first := ""
	for _, r := range g.side.rows {
		if !r.header {
			first = r.concept
			break
		}
	}
	if !strings.Contains(model.Fold(g.conceptLabel(first)), "الامن") {
		t.Fatalf("first row %q does not match", g.conceptLabel(first))
	}
	// Hide every kind but threats.
	for _, k := range g.ses.Project().Kinds {
		if k.ID != model.KindThreat {
			g.side.hidden[k.ID] = true
		}
	}
	g.side.search.SetText("")
	for _, r := range g.side.rows {
		if r.kind != model.KindThreat {
			t.Fatalf("row of kind %s shown while filtered", r.kind)
		}
	}
}

// TestBidiText checks that the text widget draws right-to-left text at
// the right edge and left-to-right text at the left.
func TestBidiText(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		text      string
		rightSide bool
	}{
		{"الأمن المجتمعي (UNDP, 2016)", true},
		{"Community security", false},
	} {
		b := newBidiText(tc.text)
		w := test.NewTempWindow(t, b)
		w.Resize(fyne.NewSize(600, 60))
		b.Resize(fyne.NewSize(600, 40))
		img := w.Canvas().Capture()
		minX, maxX := img.Bounds().Max.X, 0
		bg := img.At(1, 1)
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				if img.At(x, y) != bg {
					minX, maxX = min(minX, x), max(maxX, x)
				}
			}
		}
		mid := img.Bounds().Dx() / 2
		if tc.rightSide && minX < mid {
			t.Errorf("%q drawn from x=%d, expected on the right half", tc.text, minX)
		}
		if !tc.rightSide && maxX > mid {
			t.Errorf("%q drawn to x=%d, expected on the left half", tc.text, maxX)
		}
	}
}

// TestExternalChangeReloads edits the file behind the app's back.
func TestExternalChangeReloads(t *testing.T) {
	g := newTestGUI(t)
	other, err := store.Open(g.ses.Path())
	if err != nil {
		t.Fatal(err)
	}
	err = other.Update(func(tx *store.Tx) error {
		return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: model.KindActor, Label: model.T("فاعل من برنامج آخر", "")})
	})
	other.Close()
	if err != nil {
		t.Fatal(err)
	}
	ch, err := g.ses.CheckExternal()
	if err != nil || ch != app.FileChanged {
		t.Fatalf("change not noticed: %v %v", ch, err)
	}
	g.onExternal(g.ses, ch)
	if len(g.ses.Project().Concepts) != 129 {
		t.Fatalf("not reloaded: %d concepts", len(g.ses.Project().Concepts))
	}
	if !strings.Contains(g.status.message.Text(), "reloaded") {
		t.Fatalf("status: %q", g.status.message.Text())
	}
}

// TestFiles saves a copy, opens it, finds it in Open Recent and closes it.
func TestFiles(t *testing.T) {
	g := newTestGUI(t)
	orig := g.ses.Path()
	g.saveCopy()
	dlg := topDialog(t, g)
	es := entries(dlg)
	dir := t.TempDir()
	// The folder is chosen with a folder dialog; a full path typed as the
	// name does the same.
	es[0].SetText(filepath.Join(dir, "copy"))
	tapButton(t, dlg, tr("dlg.save"))
	copyPath := filepath.Join(dir, "copy"+app.FileExt)
	if _, err := os.Stat(copyPath); err != nil {
		t.Fatalf("no copy: %v", err)
	}
	if g.ses.Path() != orig {
		t.Fatal("saving a copy switched the project")
	}
	g.openPath(copyPath)
	if g.ses.Path() != copyPath || len(g.ses.Project().Concepts) != 128 {
		t.Fatalf("opened %s with %d concepts", g.ses.Path(), len(g.ses.Project().Concepts))
	}
	recent := g.menus.menu.Items[0].Items[2]
	if recent.ChildMenu == nil || !strings.Contains(recent.ChildMenu.Items[0].Label, "copy.kmap") {
		t.Fatalf("Open Recent does not list the copy first: %+v", recent.ChildMenu)
	}
	g.closeProject()
	if g.ses != nil {
		t.Fatal("project still open")
	}
	// A file that is not a project is refused with a message, nothing else changes.
	bad := filepath.Join(dir, "bad.kmap")
	os.WriteFile(bad, []byte("not a project"), 0o644)
	g.openPath(bad)
	if g.ses != nil {
		t.Fatal("opened a file that is not a project")
	}
	if g.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no error shown")
	}
}
