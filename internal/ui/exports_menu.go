package ui

import (
	"fyne.io/fyne/v2"
)

// exportFileItems returns the File menu's exports for teaching, after
// Export map…: a presentation of a view and a handout.
func (g *gui) exportFileItems() []*fyne.MenuItem {
	tag := g.menus.tag
	items := []*fyne.MenuItem{
		tag(fyne.NewMenuItem(tr("file.presexport"), g.presentExportDialog), "file.presexport"),
		tag(fyne.NewMenuItem(tr("file.handout"), g.handoutDialog), "file.handout"),
	}
	for _, it := range items {
		it.Disabled = g.ses == nil
	}
	return items
}

// interchangeFileItems returns File › Import… (every format Khareeta
// reads, detected from the file) and File › Export to other programs….
func (g *gui) interchangeFileItems() []*fyne.MenuItem {
	tag := g.menus.tag
	items := []*fyne.MenuItem{
		tag(fyne.NewMenuItem(tr("file.import"), g.importAnyDialog), "file.import"),
		tag(fyne.NewMenuItem(tr("file.interchange"), g.interchangeDialog), "file.interchange"),
	}
	items[0].Shortcut = ctrl(fyne.KeyI)
	for _, it := range items {
		it.Disabled = g.ses == nil
	}
	return items
}

// presentItem is View › Present… (Ctrl+Shift+P): the view full screen,
// step by step.
func (g *gui) presentItem() *fyne.MenuItem {
	it := g.menus.tag(fyne.NewMenuItem(tr("view.present"), g.presentView), "view.present")
	it.Shortcut = ctrlShift(fyne.KeyP)
	it.Disabled = g.ses == nil
	return it
}
