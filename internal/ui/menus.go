package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// menu items whose labels and states change with the project.
type menuState struct {
	undo, redo, edit, link, cite, del, editView, delView *fyne.MenuItem
	menu                                                 *fyne.MainMenu
	// keys name what each item does (a message key, e.g. "file.open");
	// menuKeys name the menus, in order (see Controls).
	keys     map[*fyne.MenuItem]string
	menuKeys []string
}

// tag records what a menu item does and returns it.
func (m *menuState) tag(it *fyne.MenuItem, key string) *fyne.MenuItem {
	m.keys[it] = key
	return it
}

// mainMenu builds the window's menus in the interface language.
func (g *gui) mainMenu() *fyne.MainMenu {
	g.menus.keys = map[*fyne.MenuItem]string{}
	tag := g.menus.tag
	item := func(key string, sc fyne.Shortcut, icon fyne.Resource, fn func()) *fyne.MenuItem {
		it := tag(fyne.NewMenuItem(tr(key), fn), key)
		it.Shortcut = sc
		// No icons: Fyne 2.8 sizes a menu without the icon column, so the
		// shortcuts of items with icons would overlap their labels.
		_ = icon
		return it
	}
	recent := tag(fyne.NewMenuItem(tr("file.recent"), nil), "file.recent")
	recent.ChildMenu = fyne.NewMenu("")
	for _, p := range g.set.Recent {
		p := p
		recent.ChildMenu.Items = append(recent.ChildMenu.Items, tag(fyne.NewMenuItem(filepath.Base(p)+"  —  "+filepath.Dir(p), func() { g.openPath(p) }), "file.recent.entry"))
	}
	if len(recent.ChildMenu.Items) == 0 {
		none := tag(fyne.NewMenuItem(tr("file.norecent"), nil), "file.norecent")
		none.Disabled = true
		recent.ChildMenu.Items = append(recent.ChildMenu.Items, none)
	}
	noProject := g.ses == nil
	copyAs := item("file.copy", ctrlShift(fyne.KeyS), theme.DocumentSaveIcon(), g.saveCopy)
	closeP := item("file.close", ctrl(fyne.KeyW), nil, g.closeProject)
	export := item("file.export", ctrl(fyne.KeyP), theme.DownloadIcon(), g.exportDialog)
	quit := tag(fyne.NewMenuItem(tr("file.quit"), nil), "file.quit")
	quit.IsQuit = true
	quit.Shortcut = ctrl(fyne.KeyQ)
	quit.Action = func() {
		g.saveSettings()
		g.fa.Quit()
	}
	file := fyne.NewMenu(tr("menu.file"),
		item("file.new", ctrlShift(fyne.KeyN), theme.DocumentCreateIcon(), g.newProject),
		item("file.open", ctrl(fyne.KeyO), theme.FolderOpenIcon(), g.openProject),
		recent,
		fyne.NewMenuItemSeparator(),
		copyAs, export,
	)
	// A presentation and a handout (exports_menu.go).
	file.Items = append(file.Items, g.exportFileItems()...)
	file.Items = append(file.Items, fyne.NewMenuItemSeparator())
	// Merging a colleague's file, importing and exporting references (sources_panel.go).
	file.Items = append(file.Items, g.extraFileItems()...)
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), closeP, quit)

	g.menus.undo = item("edit.undo", &fyne.ShortcutUndo{}, theme.ContentUndoIcon(), g.undo)
	g.menus.redo = item("edit.redo", ctrlShift(fyne.KeyZ), theme.ContentRedoIcon(), g.redo)
	newc := item("edit.newc", ctrl(fyne.KeyN), theme.ContentAddIcon(), func() { g.conceptDialog("") })
	g.menus.edit = item("edit.editc", ctrl(fyne.KeyE), theme.DocumentCreateIcon(), func() { g.conceptDialog(g.selConcept) })
	g.menus.link = item("edit.link", ctrl(fyne.KeyL), nil, func() { g.relationDialog(g.selConcept, "") })
	g.menus.cite = item("edit.cite", ctrl(fyne.KeyK), nil, g.citeSelected)
	g.menus.del = item("edit.delete", nil, theme.DeleteIcon(), func() { g.confirmDeleteConcept(g.selConcept) })
	kinds := item("edit.kinds", nil, nil, g.kindsDialog)
	proj := item("edit.project", nil, nil, g.projectDialog)
	find := item("edit.find", ctrl(fyne.KeyF), theme.SearchIcon(), g.focusSearch)
	settings := item("edit.settings", ctrl(fyne.KeyComma), theme.SettingsIcon(), g.settingsDialog)
	edit := fyne.NewMenu(tr("menu.edit"), g.menus.undo, g.menus.redo, fyne.NewMenuItemSeparator(),
		newc, g.menus.edit, g.menus.link, g.menus.cite, g.menus.del, fyne.NewMenuItemSeparator(),
		find, kinds, proj, fyne.NewMenuItemSeparator(), settings)

	g.menus.editView = item("view.editview", nil, nil, g.editCurrentView)
	g.menus.delView = item("view.delview", nil, nil, g.deleteCurrentView)
	themeItem := tag(fyne.NewMenuItem(tr("view.theme"), nil), "view.theme")
	themeItem.ChildMenu = fyne.NewMenu("")
	for _, m := range []string{"system", "light", "dark"} {
		m := m
		it := tag(fyne.NewMenuItem(tr("theme."+m), func() { g.setTheme(m) }), "theme."+m)
		it.Checked = g.set.Theme == m || (m == "system" && g.set.Theme == "")
		themeItem.ChildMenu.Items = append(themeItem.ChildMenu.Items, it)
	}
	langItem := tag(fyne.NewMenuItem(tr("set.lang"), nil), "set.lang")
	langItem.ChildMenu = fyne.NewMenu("",
		func() *fyne.MenuItem {
			it := tag(fyne.NewMenuItem("العربية", func() { g.setLanguage("ar") }), "lang.ar")
			it.Checked = uiLang() == "ar"
			return it
		}(),
		func() *fyne.MenuItem {
			it := tag(fyne.NewMenuItem("English", func() { g.setLanguage("en") }), "lang.en")
			it.Checked = uiLang() == "en"
			return it
		}(),
	)
	view := fyne.NewMenu(tr("menu.view"),
		item("view.zoomin", ctrl(fyne.KeyEqual), theme.ZoomInIcon(), func() { g.mp.zoomBy(1.25) }),
		item("view.zoomout", ctrl(fyne.KeyMinus), theme.ZoomOutIcon(), func() { g.mp.zoomBy(0.8) }),
		item("view.fit", ctrl(fyne.Key0), theme.ZoomFitIcon(), func() { g.mp.fit() }),
		item("view.actual", ctrl(fyne.Key1), nil, func() { g.mp.setZoom(1) }),
		item("view.back", &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}, nil, g.back),
		g.presentItem(),
		fyne.NewMenuItemSeparator(),
		item("view.newview", nil, theme.ContentAddIcon(), func() { g.viewDialog("") }),
		g.menus.editView, g.menus.delView,
		fyne.NewMenuItemSeparator(),
		themeItem, langItem,
	)
	help := fyne.NewMenu(tr("menu.help"),
		item("help.shortcuts", nil, nil, g.shortcutsDialog),
		item("help.about", nil, theme.InfoIcon(), g.aboutDialog),
	)
	if noProject {
		for _, it := range []*fyne.MenuItem{copyAs, closeP, export, g.menus.undo, g.menus.redo, newc, g.menus.edit, g.menus.link,
			g.menus.cite, g.menus.del, kinds, proj, find, g.menus.editView, g.menus.delView} {
			it.Disabled = true
		}
		for _, it := range view.Items[:8] {
			it.Disabled = true
		}
	}
	g.menus.menu = fyne.NewMainMenu(file, edit, view, g.mapMenu(), g.sourcesMenu(), help)
	g.menus.menuKeys = []string{"menu.file", "menu.edit", "menu.view", "menu.map", "side.sources", "menu.help"}
	g.refreshMenus()
	return g.menus.menu
}

// refreshMenus updates the undo/redo labels and what is enabled.
func (g *gui) refreshMenus() {
	if g.menus.menu == nil || g.ses == nil {
		return
	}
	if name, ok := g.ses.CanUndo(); ok {
		g.menus.undo.Label, g.menus.undo.Disabled = tr("edit.undo.x", tr(name)), false
	} else {
		g.menus.undo.Label, g.menus.undo.Disabled = tr("edit.undo"), true
	}
	if name, ok := g.ses.CanRedo(); ok {
		g.menus.redo.Label, g.menus.redo.Disabled = tr("edit.redo.x", tr(name)), false
	} else {
		g.menus.redo.Label, g.menus.redo.Disabled = tr("edit.redo"), true
	}
	none := g.selConcept == ""
	for _, it := range []*fyne.MenuItem{g.menus.edit, g.menus.link, g.menus.cite, g.menus.del} {
		it.Disabled = none
	}
	_, isView := g.ses.Index().Views[g.viewID]
	g.menus.editView.Disabled = !isView
	g.menus.delView.Disabled = !isView
	g.menus.menu.Refresh()
	if g.status != nil {
		g.status.refreshUndo()
	}
}

// registerShortcuts adds the shortcuts that are not in the g.menus.
func (g *gui) registerShortcuts() {
	c := g.win.Canvas()
	// The menus carry these too; on the canvas they also work where the
	// menu bar does not (e.g. with the test driver).
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { g.undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { g.redo() })
	c.AddShortcut(ctrlShift(fyne.KeyZ), func(fyne.Shortcut) { g.redo() })
	c.SetOnTypedKey(func(e *fyne.KeyEvent) { g.handleKey(e, keyFromWindow) })
	submit := func(fyne.Shortcut) { g.submitTopDialog() }
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}, submit)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierShortcutDefault}, submit)
}

// focusedEntry returns the text widget with the keyboard focus, if any, so
// that Ctrl+Z in a text field undoes typing rather than the last edit.
func (g *gui) focusedEntry() fyne.Shortcutable {
	if e, ok := g.win.Canvas().Focused().(*keyEntry); ok {
		return e
	}
	return nil
}

func (g *gui) undo() {
	if e := g.focusedEntry(); e != nil {
		e.TypedShortcut(&fyne.ShortcutUndo{})
		return
	}
	if g.ses == nil {
		return
	}
	if _, ok := g.ses.CanUndo(); ok {
		if err := g.ses.Undo(); err != nil {
			g.showError(err)
		}
	}
}

func (g *gui) redo() {
	if e := g.focusedEntry(); e != nil {
		e.TypedShortcut(&fyne.ShortcutRedo{})
		return
	}
	if g.ses == nil {
		return
	}
	if _, ok := g.ses.CanRedo(); ok {
		if err := g.ses.Redo(); err != nil {
			g.showError(err)
		}
	}
}

func (g *gui) focusSearch() {
	if g.side != nil {
		g.side.tabs.Select(g.side.conceptsTab)
		g.win.Canvas().Focus(g.side.search)
	}
}

func (g *gui) citeSelected() {
	switch {
	case g.selRelation != "":
		g.citationDialog("", g.selRelation, "")
	case g.selConcept != "":
		g.citationDialog(g.selConcept, "", "")
	}
}

// toolbar is the row of buttons above the panels, mirrored in Arabic.
func (g *gui) toolbar() fyne.CanvasObject {
	b := func(key string, icon fyne.Resource, keys string, fn func()) fyne.CanvasObject {
		tip := tr(key)
		if keys != "" {
			tip += "  (" + keys + ")"
		}
		btn := g.tips.button("", icon, tip, fn)
		g.controls.add(key, btn)
		return btn
	}
	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	items := []fyne.CanvasObject{
		b("edit.newc", theme.ContentAddIcon(), "Ctrl+N", func() { g.conceptDialog("") }),
		b("edit.editc", theme.DocumentCreateIcon(), "Ctrl+E, F2", g.editSelected),
		b("edit.link", linkIcon(), "Ctrl+L", func() {
			if g.selConcept != "" {
				g.relationDialog(g.selConcept, "")
			}
		}),
		b("edit.cite", quoteIcon(), "Ctrl+K", g.citeSelected),
		b("edit.delete", theme.DeleteIcon(), "Delete", g.deleteSelected),
		sep(),
		b("edit.undo", theme.ContentUndoIcon(), "Ctrl+Z", g.undo),
		b("edit.redo", theme.ContentRedoIcon(), "Ctrl+Shift+Z", g.redo),
		sep(),
		b("view.zoomin", theme.ZoomInIcon(), "Ctrl+=", func() { g.mp.zoomBy(1.25) }),
		b("view.zoomout", theme.ZoomOutIcon(), "Ctrl+-", func() { g.mp.zoomBy(0.8) }),
		b("view.fit", theme.ZoomFitIcon(), "Ctrl+0", func() { g.mp.fit() }),
		sep(),
		b("file.export", theme.DownloadIcon(), "Ctrl+P", g.exportDialog),
	}
	right := []fyne.CanvasObject{
		b("edit.settings", theme.SettingsIcon(), "Ctrl+,", g.settingsDialog),
		b("help.about", theme.InfoIcon(), "", g.aboutDialog),
	}
	row := container.NewHBox(joinDir(items...)...)
	end := container.NewHBox(joinDir(right...)...)
	if rtl() {
		return container.NewBorder(nil, nil, end, row)
	}
	return container.NewBorder(nil, nil, row, end)
}

// editSelected edits the selected concept (F2, Ctrl+E).
func (g *gui) editSelected() {
	if g.selConcept != "" {
		g.conceptDialog(g.selConcept)
	}
}

// deleteSelected asks to delete the selected concept (Delete).
func (g *gui) deleteSelected() {
	if g.selConcept != "" {
		g.confirmDeleteConcept(g.selConcept)
	}
}
