package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/ui"
)

// driveControls drives every control of the window through its table line:
// the menus in English with the keyboard (Alt opens Fyne's menu bar), the
// toolbar's and map header's buttons with the mouse, then, after switching
// to Arabic from the View menu, every menu item again through the app's
// right-to-left menu bar with the mouse; then closes the project, reopens
// it from Open Recent and quits.
func driveControls(t *testing.T, a *e2eApp, shots string) {
	st := a.state()
	a.shot(shots, "first-run")
	if st.Nodes == 0 || st.Zoom < 0.6 {
		t.Errorf("first map: %d nodes at zoom %.2f", st.Nodes, st.Zoom)
	}
	addConcept(t, a, shots)

	done := map[string]bool{}
	drive := func(c ui.ProbeItem, lang string) {
		t.Helper()
		check, ok := e2eTable[c.Key]
		if !ok {
			t.Errorf("%q has no line in the end-to-end table", c.Key)
			return
		}
		if check.Kind == "submenu" || check.Kind == "absent" || check.Kind == "late" || c.Key == "lang.ar" || c.Key == "lang.en" {
			return
		}
		id := lang + " " + strings.Join(c.Menu, "/") + " " + c.Key
		if done[id] {
			return
		}
		done[id] = true
		t0 := time.Now()
		a.prepare(check.Need)
		before := a.state()
		a.trigger(c, before)
		a.verify(c, check, before, lang, shots)
		if testing.Verbose() {
			t.Logf("%s %s: %v", lang, id, time.Since(t0).Round(10*time.Millisecond))
		}
	}

	// English: menus with the keyboard, then the buttons.
	for _, c := range st.Controls {
		if len(c.Menu) > 0 {
			drive(c, "en")
		}
	}
	for _, c := range a.state().Controls {
		if len(c.Menu) == 0 {
			drive(c, "en")
		}
	}
	// Arabic, through the right-to-left menu bar.
	a.trigger(control(t, a.state(), "lang.ar"), nil)
	st = a.waitFor("the window is in Arabic", func(s *ui.ProbeState) bool { return s.Lang == "ar" && len(s.MenuBar) > 0 })
	a.click(st.MenuBar[0].Rect)
	a.waitFor("the File menu opens", func(s *ui.ProbeState) bool { return len(s.OpenMenu) > 0 })
	a.shot(shots, "arabic-menu-open")
	a.keys("Escape")
	a.waitFor("the menu closes", func(s *ui.ProbeState) bool { return len(s.OpenMenu) == 0 })
	for _, c := range st.Controls {
		if len(c.Menu) > 0 {
			drive(c, "ar")
		}
	}
	a.trigger(control(t, a.state(), "lang.en"), nil)
	a.waitFor("the window is in English", func(s *ui.ProbeState) bool { return s.Lang == "en" })

	// Close the project, open it again from Open Recent, quit.
	project := a.state().Project
	a.trigger(control(t, a.state(), "file.close"), nil)
	a.waitFor("the project is closed", func(s *ui.ProbeState) bool { return s.Project == "" })
	a.trigger(control(t, a.state(), "file.recent.entry"), nil)
	a.waitFor("the project is open again", func(s *ui.ProbeState) bool { return s.Project == project })
	a.trigger(control(t, a.state(), "file.quit"), nil)
	select {
	case err := <-a.exited:
		a.exited <- err
		if err != nil {
			t.Errorf("Quit: the app exited with %v", err)
		}
	case <-time.After(hang):
		t.Fatal("the app did not quit")
	}
	t.Logf("%d controls driven", len(done))
}

// control finds a menu item by key.
func control(t *testing.T, st *ui.ProbeState, key string) ui.ProbeItem {
	t.Helper()
	for _, c := range st.Controls {
		if c.Key == key && len(c.Menu) > 0 {
			return c
		}
	}
	t.Fatalf("no menu item %q", key)
	return ui.ProbeItem{}
}

// addConcept selects a concept, creates one linked from it with Ctrl+N and
// Ctrl+Enter, and checks that it is selected and drawn.
func addConcept(t *testing.T, a *e2eApp, shots string) {
	a.prepare("concept")
	a.keys("ctrl+n")
	a.waitFor("the new concept dialog", func(s *ui.ProbeState) bool { return s.Dialogs == 1 && s.Focus != "" })
	a.keys("Tab") // from the Arabic label to the English one
	a.d.run(t, "xdotool", "type", "--delay", "40", "Water scarcity e2e")
	a.keys("ctrl+Return")
	st := a.waitFor("the new concept is saved and selected", func(s *ui.ProbeState) bool {
		return s.Dialogs == 0 && strings.Contains(s.Selected, "Water scarcity e2e") && !s.Busy
	})
	if st.Nodes == 0 {
		t.Error("no map after adding a concept")
	}
	a.shot(shots, "after-adding-a-concept")
}

// prepare makes what a control needs hold.
func (a *e2eApp) prepare(need string) {
	a.t.Helper()
	st := a.state()
	for i := 0; st.Dialogs > 0 || len(st.OpenMenu) > 0; i++ { // left over: close it
		if i == 5 {
			a.t.Fatalf("Escape does not close %q", st.Overlay.Text)
		}
		a.keys("Escape")
		st = a.state()
	}
	switch need {
	case "concept":
		if st.Selected != "" {
			return
		}
		for _, tx := range st.Texts {
			if tx.Key != "" {
				a.click(tx.Rect)
				a.waitFor("a concept is selected", func(s *ui.ProbeState) bool { return s.Selected != "" })
				return
			}
		}
		a.t.Fatal("no concept in the list to select")
	case "view":
		if st.ViewID == "" || st.Neigh != "" {
			a.t.Fatalf("a control needs a view shown, the map shows %q", st.View)
		}
	case "edit":
		if enabled(st, "edit.undo") {
			return
		}
		a.prepare("concept")
		a.keys("F2")
		a.waitFor("the concept dialog", func(s *ui.ProbeState) bool { return s.Dialogs == 1 && s.Focus != "" })
		a.d.run(a.t, "xdotool", "type", "--delay", "40", " x")
		a.keys("Return")
		a.waitFor("the edit is saved", func(s *ui.ProbeState) bool { return s.Dialogs == 0 && enabled(s, "edit.undo") })
	case "unfitted":
		// Fit has a visible effect only on a map that is not fitted
		// already: zoom in first (the map header's button).
		for _, c := range st.Controls {
			if c.Key == "map.zoomin" && len(c.Menu) == 0 {
				before := st.Zoom
				a.trigger(c, st)
				a.waitFor("the map is zoomed in", func(s *ui.ProbeState) bool { return s.Zoom > before })
				return
			}
		}
		a.t.Fatal("no zoom-in button on the map")
	case "undone":
		if enabled(st, "edit.redo") {
			return
		}
		a.prepare("edit")
		a.keys("ctrl+z")
		a.waitFor("the edit is undone", func(s *ui.ProbeState) bool { return enabled(s, "edit.redo") })
	}
}

// trigger uses a control: a button with a click; a menu item with the
// keyboard in Fyne's menu bar, or with the mouse in the right-to-left one.
func (a *e2eApp) trigger(c ui.ProbeItem, st *ui.ProbeState) {
	a.t.Helper()
	if st == nil {
		st = a.state()
	}
	if len(c.Menu) == 0 {
		for _, x := range st.Controls {
			if x.Key == c.Key && len(x.Menu) == 0 {
				a.click(x.Rect)
				return
			}
		}
		a.t.Fatalf("button %q is gone", c.Key)
	}
	if len(st.MenuBar) > 0 {
		a.triggerRTL(c, st)
		return
	}
	// Fyne's menu bar: Alt opens File; Right moves to the next menu; Down
	// goes through the items (separators skipped); Right opens a submenu
	// on its first item; Enter runs the active item.
	var menus []string
	parent := -1
	for _, x := range st.Controls {
		if len(x.Menu) == 1 && (len(menus) == 0 || menus[len(menus)-1] != x.Menu[0]) {
			menus = append(menus, x.Menu[0])
		}
		if len(c.Menu) == 2 && len(x.Menu) == 1 && x.Key == c.Menu[1] {
			parent = x.Index
		}
	}
	m := indexOf(menus, c.Menu[0])
	keys := []string{"alt"}
	for i := 0; i < m; i++ {
		keys = append(keys, "Right")
	}
	if len(c.Menu) == 2 {
		for i := 0; i <= parent; i++ {
			keys = append(keys, "Down")
		}
		keys = append(keys, "Right")
		for i := 0; i < c.Index; i++ {
			keys = append(keys, "Down")
		}
	} else {
		for i := 0; i <= c.Index; i++ {
			keys = append(keys, "Down")
		}
	}
	a.keys(keys...)
	a.keys("Return")
}

// triggerRTL uses a menu item of the right-to-left menu bar with the mouse.
func (a *e2eApp) triggerRTL(c ui.ProbeItem, st *ui.ProbeState) {
	a.t.Helper()
	bar := button(st.MenuBar, c.Menu[0])
	if bar == nil {
		a.t.Fatalf("no menu %q in the menu bar", c.Menu[0])
	}
	a.click(bar.Rect)
	open := a.waitFor("the menu opens", func(s *ui.ProbeState) bool { return len(s.OpenMenu) > 0 })
	if len(c.Menu) == 2 {
		a.hover(button(open.OpenMenu, c.Menu[1]).Rect)
		open = a.waitFor("the submenu opens", func(s *ui.ProbeState) bool { return button(s.OpenMenu, c.Key) != nil })
	}
	row := button(open.OpenMenu, c.Key)
	if row == nil {
		a.t.Fatalf("no row %q in the open menu", c.Key)
	}
	a.click(row.Rect)
}

// verify checks what a control did, then undoes what it opened.
func (a *e2eApp) verify(c ui.ProbeItem, check e2eCheck, before *ui.ProbeState, lang, shots string) {
	a.t.Helper()
	what := lang + " " + strings.Join(append(c.Menu, c.Key), " › ")
	if len(c.Menu) == 0 {
		what = lang + " button " + c.Key
	}
	switch check.Kind {
	case "dialog":
		want := ui.Translate(lang, check.Title)
		st := a.waitFor(what+" opens "+want, func(s *ui.ProbeState) bool {
			return s.Dialogs > before.Dialogs && s.Overlay != nil && s.Overlay.Text == want
		})
		a.checkOnScreen(what, st, want, lang)
		if c.Key == "file.open" && lang == "en" {
			a.shot(shots, "file-dialog-open")
		}
		if check.Choose {
			choose := button(st.Buttons, "choose")
			if choose == nil {
				a.t.Errorf("%s: no Choose… button", what)
			} else {
				a.click(choose.Rect)
				folder := ui.Translate(lang, "fd.folder")
				fst := a.waitFor(what+" › Choose… opens the folder dialog", func(s *ui.ProbeState) bool {
					return s.Overlay != nil && s.Overlay.Text == folder
				})
				a.checkOnScreen(what+" › Choose…", fst, folder, lang)
				a.keys("Escape")
				a.waitFor("the folder dialog closes", func(s *ui.ProbeState) bool { return s.Overlay != nil && s.Overlay.Text == want })
			}
		}
		a.keys("Escape")
		a.waitFor(what+": the dialog closes", func(s *ui.ProbeState) bool { return s.Dialogs == before.Dialogs })
	case "window":
		want := ui.Translate(lang, check.Title)
		a.waitFor(what+" opens the window "+want, func(s *ui.ProbeState) bool { return len(s.Windows) > len(before.Windows) })
		cmd := exec.Command("xdotool", "search", "--sync", "--onlyvisible", "--name", want)
		cmd.Env = append(os.Environ(), "DISPLAY="+a.d.disp)
		out, err := cmd.Output()
		if err != nil || len(strings.Fields(string(out))) == 0 {
			a.t.Fatalf("%s: no window %q on screen", what, want)
		}
		w := strings.Fields(string(out))[0]
		a.d.run(a.t, "xdotool", "windowactivate", "--sync", w)
		a.keys("alt+F4") // openbox closes the active window
		a.waitFor(what+": the window closes", func(s *ui.ProbeState) bool { return len(s.Windows) == len(before.Windows) })
		a.d.run(a.t, "xdotool", "windowactivate", "--sync", a.win)
	case "effect":
		a.waitFor(what+" has its effect", func(s *ui.ProbeState) bool { return check.Effect(before, s) })
	default:
		a.t.Fatalf("%s: unknown kind %q", what, check.Kind)
	}
}

// checkOnScreen reads the dialog's title back from the screen (once for
// each title and language: a toolbar button opens the dialog its menu item
// opened, whose title was read then).
func (a *e2eApp) checkOnScreen(what string, st *ui.ProbeState, want, lang string) {
	a.t.Helper()
	if a.read[lang+want] {
		return
	}
	a.read[lang+want] = true
	a.dark = st.Theme != "light"
	var got string
	for try := 0; try < 3; try++ { // the frame may not be painted yet
		got = a.readTitle(st.Overlay, lang)
		if titleMatches(got, want) {
			return
		}
		time.Sleep(300 * time.Millisecond)
	}
	a.t.Errorf("%s: the dialog %q is not legible on screen; OCR read %q", what, want, strings.TrimSpace(got))
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}
