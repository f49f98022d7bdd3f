package main

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/ui"
)

// e2eCheck says how the end-to-end test drives one control of the window
// (a menu item or a button, named by its key, see ui.Control) and what it
// checks afterwards.
type e2eCheck struct {
	// Need is what must hold first: "concept" (a concept is selected),
	// "view" (a view of the project is shown), "edit" (there is an edit to
	// undo), "undone" (there is one to redo), "unfitted" (the map is zoomed
	// in beyond its fitted zoom).
	Need string
	// Kind is what the control does:
	//   dialog   a dialog titled Title opens (ours or Fyne's file dialog);
	//            its title is read back from the screen; Escape closes it
	//   window   a window titled Title opens; Alt+F4 closes it
	//   effect   Effect holds on the probes before and after
	//   submenu  it opens a submenu (its items have lines of their own)
	//   absent   it exists only in other states (no recent files)
	//   late     run at the end, in this order: close, reopen, quit
	Kind string
	// Title is the message key of the dialog's or window's title.
	Title string
	// Choose: the dialog's Choose… button opens a folder dialog, which is
	// checked and closed too.
	Choose bool
	// Effect checks an effect from the probes taken before and after.
	Effect func(before, after *ui.ProbeState) bool
}

// zoomed is an Effect: the map's zoom changed as cmp says.
func zoomed(cmp func(before, after float64) bool) func(b, a *ui.ProbeState) bool {
	return func(b, a *ui.ProbeState) bool { return cmp(b.Zoom, a.Zoom) }
}

// undoes reports whether the Undo menu item undoes the edit named name.
func undoes(st *ui.ProbeState, name string) bool {
	for _, c := range st.Controls {
		if c.Key == "edit.undo" && len(c.Menu) > 0 {
			return !c.Disabled && strings.Contains(c.Text, ui.Translate(st.Lang, name))
		}
	}
	return false
}

// enabled reports whether the menu item key is enabled in st.
func enabled(st *ui.ProbeState, key string) bool {
	for _, c := range st.Controls {
		if c.Key == key && len(c.Menu) > 0 {
			return !c.Disabled
		}
	}
	return false
}

// e2eTable has a line for every menu item and button of the main window.
// TestE2ETableCoversEveryControl fails when a control has none, so a menu
// item or a button cannot be added without the end-to-end test driving it.
var e2eTable = map[string]e2eCheck{
	// File
	"file.new":          {Kind: "dialog", Title: "new.title", Choose: true},
	"file.open":         {Kind: "dialog", Title: "fd.open"},
	"file.recent":       {Kind: "submenu"},
	"file.recent.entry": {Kind: "late"},
	"file.norecent":     {Kind: "absent"},
	"file.copy":         {Kind: "dialog", Title: "file.copy", Choose: true},
	"file.export":       {Kind: "dialog", Title: "exp.title", Choose: true},
	"menu.merge":        {Kind: "dialog", Title: "fd.merge"},
	"file.presexport":   {Kind: "dialog", Title: "presexp.title", Choose: true},
	"file.handout":      {Kind: "dialog", Title: "hand.title", Choose: true},
	"file.import":       {Kind: "dialog", Title: "fd.importany"},
	"file.interchange":  {Kind: "dialog", Title: "ix.title", Choose: true},
	"menu.exportrf":     {Kind: "dialog", Title: "exp.src.title", Choose: true},
	"file.close":        {Kind: "late"},
	"file.quit":         {Kind: "late"},
	// Edit
	"edit.undo": {Need: "edit", Kind: "effect", Effect: func(b, a *ui.ProbeState) bool { return enabled(a, "edit.redo") }},
	"edit.redo": {Need: "undone", Kind: "effect", Effect: func(b, a *ui.ProbeState) bool {
		return enabled(a, "edit.undo") && !enabled(a, "edit.redo")
	}},
	"edit.newc":     {Kind: "dialog", Title: "c.new"},
	"edit.editc":    {Need: "concept", Kind: "dialog", Title: "c.edit"},
	"edit.link":     {Need: "concept", Kind: "dialog", Title: "rel.new"},
	"edit.cite":     {Need: "concept", Kind: "dialog", Title: "cit.new"},
	"edit.delete":   {Need: "concept", Kind: "dialog", Title: "edit.delete"},
	"edit.find":     {Kind: "effect", Effect: func(b, a *ui.ProbeState) bool { return strings.HasSuffix(a.Focus, "keyEntry") }},
	"edit.kinds":    {Kind: "dialog", Title: "kinds.title"},
	"edit.project":  {Kind: "dialog", Title: "proj.title"},
	"edit.settings": {Kind: "dialog", Title: "set.title"},
	// View
	"view.zoomin":  {Kind: "effect", Effect: zoomed(func(b, a float64) bool { return a > b })},
	"view.zoomout": {Kind: "effect", Effect: zoomed(func(b, a float64) bool { return a < b })},
	"view.fit":     {Need: "unfitted", Kind: "effect", Effect: zoomed(func(b, a float64) bool { return a < b })},
	"view.actual":  {Kind: "effect", Effect: zoomed(func(b, a float64) bool { return a == 1 })},
	"view.back": {Kind: "effect", Effect: func(b, a *ui.ProbeState) bool {
		return a.Status == ui.Translate(a.Lang, "st.noback") || a.View != b.View
	}},
	"view.present":  {Kind: "window", Title: "pres.title"},
	"view.newview":  {Kind: "dialog", Title: "views.new"},
	"view.editview": {Need: "view", Kind: "dialog", Title: "views.edit"},
	"view.delview":  {Need: "view", Kind: "dialog", Title: "view.delview"},
	"view.theme":    {Kind: "submenu"},
	"theme.system":  {Kind: "effect", Effect: func(b, a *ui.ProbeState) bool { return a.Theme == "system" }},
	"theme.light":   {Kind: "effect", Effect: func(b, a *ui.ProbeState) bool { return a.Theme == "light" }},
	"theme.dark":    {Kind: "effect", Effect: func(b, a *ui.ProbeState) bool { return a.Theme == "dark" }},
	"set.lang":      {Kind: "submenu"},
	"lang.ar":       {Kind: "effect", Effect: func(b, a *ui.ProbeState) bool { return a.Lang == "ar" }},
	"lang.en":       {Kind: "effect", Effect: func(b, a *ui.ProbeState) bool { return a.Lang == "en" }},
	// Map
	"map.layoutagain": {Kind: "effect", Effect: func(b, a *ui.ProbeState) bool { return undoes(a, "lay out again") }},
	"map.tidy":        {Kind: "effect", Effect: func(b, a *ui.ProbeState) bool { return undoes(a, "tidy up") }},
	// Sources
	"menu.biblio": {Kind: "dialog", Title: "bib.title"},
	"menu.dups":   {Kind: "dialog", Title: "dup.title"},
	"menu.matrix": {Kind: "window", Title: "mx.title"},
	// Help
	"help.shortcuts": {Kind: "dialog", Title: "help.shortcuts"},
	"help.about":     {Kind: "dialog", Title: "help.about"},
	// The map's header (the toolbar's buttons share the menu items' keys).
	"map.zoomin":  {Kind: "effect", Effect: zoomed(func(b, a float64) bool { return a > b })},
	"map.zoomout": {Kind: "effect", Effect: zoomed(func(b, a float64) bool { return a < b })},
	"map.fit":     {Need: "unfitted", Kind: "effect", Effect: zoomed(func(b, a float64) bool { return a < b })},
}

// TestE2ETableCoversEveryControl builds the window headless and checks that
// the end-to-end table has a line for every menu item and button it has
// (and no line for a control that is gone). It runs with every `go test`.
func TestE2ETableCoversEveryControl(t *testing.T) {
	fa := test.NewTempApp(t)
	dir := t.TempDir()
	controls, err := ui.Controls(fa, app.Dirs{Config: filepath.Join(dir, "config"), Documents: filepath.Join(dir, "docs")})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	buttons := 0
	for _, c := range controls {
		seen[c.Key] = true
		if c.Button() {
			buttons++
		}
		if _, ok := e2eTable[c.Key]; !ok {
			where := "button"
			if !c.Button() {
				where = "menu item " + strings.Join(append(c.Menu, c.Label), " › ")
			}
			t.Errorf("%s %q has no line in the end-to-end table (cmd/khareeta/e2e_table_test.go)", where, c.Key)
		}
	}
	for k, c := range e2eTable {
		if !seen[k] && c.Kind != "absent" {
			t.Errorf("the end-to-end table has a line for %q, which the window no longer has", k)
		}
	}
	if len(controls) < 50 || buttons < 15 {
		t.Fatalf("only %d controls (%d buttons) found", len(controls), buttons)
	}
}
