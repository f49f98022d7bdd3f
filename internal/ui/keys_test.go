package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/khareeta/khareeta/internal/model"
)

// press sends a key as the desktop driver does: to the focused widget, or
// to the window's handler when nothing has the focus.
func press(g *gui, name fyne.KeyName) {
	c := g.win.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	c.OnTypedKey()(ev)
}

// ctrlEnter sends Ctrl+Enter as the desktop driver does: as a shortcut to
// the focused widget (or to the window's shortcuts).
func ctrlEnter(g *gui) {
	s := &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	if f, ok := g.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	g.win.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// dialogTitle is the title of the topmost dialog ("" when none is open).
func dialogTitle(g *gui) string {
	if len(g.dialogs) == 0 {
		return ""
	}
	top := g.win.Canvas().Overlays().Top()
	title := ""
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*bidiText); ok && title == "" && b.bold && b.size > theme.TextSize() {
			title = b.Text()
		}
	})
	if title == "" {
		title = "(untitled dialog)"
	}
	return title
}

// TestKeysWhereverFocusIs: Delete, F2, Escape, Enter and Ctrl+Enter in the
// concept list, the search field, dialog entries, the views list and on
// the map.
func TestKeysWhereverFocusIs(t *testing.T) {
	g := newTestGUI(t)
	setLang("ar") // dialog titles are in the content in Arabic, where dialogTitle finds them
	g.rebuild()
	c := g.win.Canvas()
	row := -1
	for i, r := range g.side.rows {
		if !r.header {
			row = i
			break
		}
	}
	id := g.side.rows[row].concept

	// The concept list has the focus after a click.
	c.Focus(g.side.list)
	g.side.list.Select(row)
	press(g, fyne.KeyDelete)
	if dialogTitle(g) != plainKey(tr("edit.delete")) {
		t.Fatalf("Delete in the list opened %q", dialogTitle(g))
	}
	press(g, fyne.KeyEscape)
	if len(g.dialogs) != 0 {
		t.Fatal("Escape did not close the delete dialog")
	}
	press(g, fyne.KeyF2)
	if dialogTitle(g) != tr("c.edit") {
		t.Fatalf("F2 in the list opened %q", dialogTitle(g))
	}
	// The dialog's first field has the focus: Escape cancels from it.
	if _, ok := c.Focused().(*keyEntry); !ok {
		t.Fatalf("focus in the concept dialog: %T", c.Focused())
	}
	press(g, fyne.KeyEscape)
	if len(g.dialogs) != 0 {
		t.Fatal("Escape in an entry did not close the dialog")
	}
	// Enter in a one-line field saves.
	press(g, fyne.KeyF2)
	es := entries(topDialog(t, g))
	c.Focus(es[1])
	es[1].SetText("Edited with Enter")
	press(g, fyne.KeyReturn)
	if len(g.dialogs) != 0 || g.ses.Index().Concepts[id].Label[model.English] != "Edited with Enter" {
		t.Fatalf("Enter did not save: dialogs %d, label %q", len(g.dialogs), g.ses.Index().Concepts[id].Label[model.English])
	}
	// Ctrl+Enter saves from a multi-line field; Enter there starts a line.
	g.selectConcept(id, false)
	press(g, fyne.KeyF2)
	es = entries(topDialog(t, g))
	notes := es[len(es)-1]
	if !notes.MultiLine {
		t.Fatal("the last field of the concept dialog is not the notes")
	}
	c.Focus(notes)
	test.Type(notes, "one")
	press(g, fyne.KeyReturn)
	test.Type(notes, "two")
	if len(g.dialogs) != 1 {
		t.Fatal("Enter in the notes closed the dialog")
	}
	ctrlEnter(g)
	if len(g.dialogs) != 0 || g.ses.Index().Concepts[id].Notes != "one\ntwo" {
		t.Fatalf("Ctrl+Enter did not save the notes: %q", g.ses.Index().Concepts[id].Notes)
	}

	// The search field: Enter selects the best hit; Delete at the end of
	// the text and F2 act on it; Escape clears the search.
	g.focusSearch()
	test.Type(g.side.search, "الامن")
	press(g, fyne.KeyReturn)
	hit := g.selConcept
	if hit == "" || hit == id {
		t.Fatal("Enter in the search did not select the best hit")
	}
	press(g, fyne.KeyF2)
	if dialogTitle(g) != tr("c.edit") {
		t.Fatalf("F2 in the search opened %q", dialogTitle(g))
	}
	press(g, fyne.KeyEscape)
	c.Focus(g.side.search)
	press(g, fyne.KeyDelete)
	if dialogTitle(g) != plainKey(tr("edit.delete")) {
		t.Fatalf("Delete at the end of the search opened %q", dialogTitle(g))
	}
	press(g, fyne.KeyEscape)
	c.Focus(g.side.search)
	press(g, fyne.KeyEscape)
	if g.side.search.Text != "" {
		t.Fatal("Escape did not clear the search")
	}

	// The map: a click gives it the focus.
	g.setView("")
	target := g.mp.view.scene.Nodes[3].ConceptID
	g.mp.reveal(target)
	pos, _ := g.mp.view.nodePosition(target)
	test.TapAt(g.mp.view, pos)
	if c.Focused() != g.mp.view || g.selConcept != target {
		t.Fatalf("clicking the map: focus %T, selected %q", c.Focused(), g.selConcept)
	}
	// F2 on the map renames the concept in place (canvas_edit.go); Escape
	// closes the editor and gives the keys back to the map.
	press(g, fyne.KeyF2)
	if g.mp.view.ip == nil || g.mp.view.ip.entry.Text != g.conceptLabel(target) {
		t.Fatal("F2 on the map did not open the in-place rename")
	}
	g.mp.view.ip.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if g.mp.view.ip != nil || c.Focused() != g.mp.view {
		t.Fatal("Escape did not close the in-place rename")
	}
	press(g, fyne.KeyDelete)
	if dialogTitle(g) != plainKey(tr("edit.delete")) {
		t.Fatalf("Delete on the map opened %q", dialogTitle(g))
	}
	// Enter confirms the delete dialog; Ctrl+Z brings the concept back.
	press(g, fyne.KeyReturn)
	if _, ok := g.ses.Index().Concepts[target]; ok {
		t.Fatal("Enter did not confirm the delete")
	}
	typeShortcut(t, g, &fyne.ShortcutUndo{})
	c.Focus(g.mp.view)
	g.selectConcept(target, true)
	press(g, fyne.KeyEscape)
	if g.selConcept != "" {
		t.Fatal("Escape on the map did not clear the selection")
	}

	// The views list: F2 edits the view shown, Delete asks to delete it.
	g.setView(g.ses.Project().Views[0].ID)
	for _, ti := range g.side.tabs.Items {
		if ti.Content == g.side.views.obj {
			g.side.tabs.Select(ti)
		}
	}
	c.Focus(g.side.views.list)
	if c.Focused() != g.side.views.list {
		t.Fatalf("focus %T", c.Focused())
	}
	press(g, fyne.KeyF2)
	if dialogTitle(g) != tr("views.edit") {
		t.Fatalf("F2 in the views list opened %q", dialogTitle(g))
	}
	press(g, fyne.KeyEscape)
	c.Focus(g.side.views.list)
	press(g, fyne.KeyDelete)
	if dialogTitle(g) != plainKey(tr("view.delview")) {
		t.Fatalf("Delete in the views list opened %q", dialogTitle(g))
	}
	press(g, fyne.KeyEscape)
	if len(g.dialogs) != 0 {
		t.Fatal("a dialog stayed open")
	}
}

// TestConceptDialogKeepsOtherLanguages edits, through the dialog, a concept
// whose label and description also exist in French: the French survive on
// disk.
func TestConceptDialogKeepsOtherLanguages(t *testing.T) {
	g := newTestGUI(t)
	c := g.ses.Project().Concepts[5]
	c.Label = c.Label.Clone()
	c.Description = c.Description.Clone()
	c.Label["fr"] = "Sécurité communautaire"
	c.Description["fr"] = "La sécurité des communautés"
	if _, err := g.ses.SaveConcept(c); err != nil {
		t.Fatal(err)
	}
	g.conceptDialog(c.ID)
	dlg := topDialog(t, g)
	es := entries(dlg)
	es[0].SetText("الأمن المجتمعي المعدل")
	es[1].SetText("Community security, edited")
	tapButton(t, dlg, tr("dlg.save"))
	var got *model.Concept
	for _, x := range diskProject(t, g.ses.Path()).Concepts {
		if x.ID == c.ID {
			got = &x
		}
	}
	if got == nil {
		t.Fatal("concept gone")
	}
	if got.Label[model.Arabic] != "الأمن المجتمعي المعدل" || got.Label[model.English] != "Community security, edited" {
		t.Fatalf("edit not saved: %v", got.Label)
	}
	if got.Label["fr"] != "Sécurité communautaire" || got.Description["fr"] != "La sécurité des communautés" {
		t.Fatalf("the French label or description was lost: %v / %v", got.Label, got.Description)
	}
}
