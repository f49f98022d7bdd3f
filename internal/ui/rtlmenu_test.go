package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestArabicMenuBarMirrored: in Arabic the window's menu bar starts at the
// right with File, menus open under their right edge with labels on the
// right and shortcuts on the left, submenus open to the left, the keys
// move through them mirrored, and the shortcuts still work.
func TestArabicMenuBarMirrored(t *testing.T) {
	g := newTestGUI(t)
	g.setLanguage("ar")
	defer setLang("en")
	if !ownMenuBar() || g.bar == nil {
		t.Fatal("no right-to-left menu bar in Arabic")
	}
	if g.win.MainMenu() != nil {
		t.Fatal("Fyne's left-to-right menu bar is still set")
	}
	d := fyne.CurrentApp().Driver()
	x := func(o fyne.CanvasObject) float32 { return d.AbsolutePositionForObject(o).X }
	file, edit := g.bar.buttons[0], g.bar.buttons[1]
	if file.Text != "ملف" || x(file) <= x(edit) {
		t.Fatalf("File %q at x=%v, Edit at x=%v: File should be rightmost", file.Text, x(file), x(edit))
	}
	if right := x(file) + file.Size().Width; right < g.win.Canvas().Size().Width-40 {
		t.Fatalf("the menu bar ends at x=%v of %v", right, g.win.Canvas().Size().Width)
	}

	// File opens under its right edge, labels right of the shortcuts.
	test.Tap(file)
	p := g.bar.open
	if p == nil {
		t.Fatal("File did not open")
	}
	popRight := p.pop.Position().X + p.pop.Size().Width
	if diff := popRight - (x(file) + file.Size().Width); diff > 2 || diff < -2 {
		t.Errorf("menu's right edge at %v, File's at %v", popRight, x(file)+file.Size().Width)
	}
	row := p.rows[1] // Open…
	var label, keys *bidiText
	walk(row, func(o fyne.CanvasObject) {
		if b, ok := o.(*bidiText); ok {
			if b.Text() == tr("file.open") {
				label = b
			} else if b.Text() == "Ctrl+O" {
				keys = b
			}
		}
	})
	if label == nil || keys == nil || x(keys) >= x(label) {
		t.Fatal("the Open row does not have its shortcut left of its label")
	}
	// Open recent's submenu opens to the left.
	p.openChild(2)
	if p.child == nil || p.child.pop.Position().X >= p.pop.Position().X {
		t.Fatal("the submenu did not open to the left")
	}
	// Keys: Escape closes; Left goes to the next menu (Edit), Down and
	// Enter run its first enabled item (Undo is disabled: New concept…).
	test.Tap(file)
	g.bar.open.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	p = g.bar.open
	if p == nil || p.barIndex != 1 {
		t.Fatal("Left did not open Edit")
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if g.bar.open != nil || dialogTitle(g) != tr("c.new") {
		t.Fatalf("Down, Enter in Edit opened %q", dialogTitle(g))
	}
	g.closeTopDialog()
	// The shortcuts work without Fyne's menu bar: the window has them.
	// (Fyne's test canvas does not dispatch shortcuts: run the handler
	// given to it.)
	run := g.bar.shortcuts[ctrl(fyne.KeyN).ShortcutName()]
	if run == nil {
		t.Fatal("Ctrl+N was not given to the window")
	}
	run(ctrl(fyne.KeyN))
	if dialogTitle(g) != tr("c.new") {
		t.Fatalf("Ctrl+N opened %q", dialogTitle(g))
	}
	g.closeTopDialog()
}
