package ui

import (
	"fyne.io/fyne/v2"

	"github.com/khareeta/khareeta/internal/app"
)

// controlSet records the buttons of the toolbar and of the map's header by
// the key of what they do (a message key, e.g. "edit.newc"). The
// end-to-end test finds them through the probe (probe.go), and a test
// checks that the end-to-end test drives each of them.
type controlSet struct {
	keys []string
	objs map[string]fyne.CanvasObject
}

// add records a control; a key may be recorded once.
func (c *controlSet) add(key string, o fyne.CanvasObject) {
	if c.objs == nil {
		c.objs = map[string]fyne.CanvasObject{}
	}
	if _, dup := c.objs[key]; dup {
		panic("ui: two controls named " + key)
	}
	c.keys = append(c.keys, key)
	c.objs[key] = o
}

// reset forgets the controls (the window is being rebuilt).
func (c *controlSet) reset() { *c = controlSet{} }

// Control is a menu item or a button of the main window, named by what it
// does.
type Control struct {
	// Key says what it does: a message key ("file.open", "edit.newc").
	Key string
	// Menu lists the keys of the menus that lead to a menu item, outermost
	// first ("menu.file", "file.recent"); it is empty for buttons.
	Menu []string
	// Index is a menu item's place among its menu's items, separators not
	// counted (the number of Down presses that reach it, less one).
	Index int
	// Label is the text it shows (menu items) or its tooltip's key.
	Label    string
	Disabled bool
}

// Button reports whether c is a button (of the toolbar or the map's header).
func (c Control) Button() bool { return len(c.Menu) == 0 }

// controlList lists the window's menu items (submenus' items too) and its
// buttons, in order.
func (g *gui) controlList() []Control {
	var out []Control
	var walk func(path []string, items []*fyne.MenuItem)
	walk = func(path []string, items []*fyne.MenuItem) {
		i := 0
		for _, it := range items {
			if it.IsSeparator {
				continue
			}
			key := g.menus.keys[it]
			if key == "" {
				key = "?" + it.Label // an item nobody named: the check fails on it
			}
			out = append(out, Control{Key: key, Menu: append([]string(nil), path...), Index: i, Label: it.Label, Disabled: it.Disabled})
			if it.ChildMenu != nil {
				walk(append(path, key), it.ChildMenu.Items)
			}
			i++
		}
	}
	if m := g.menus.menu; m != nil {
		for i, menu := range m.Items {
			walk([]string{g.menus.menuKeys[i]}, menu.Items)
		}
	}
	for _, k := range g.controls.keys {
		out = append(out, Control{Key: k, Label: k})
	}
	return out
}

// Controls opens a copy of the sample project in a window of fa (a test
// app: fyne.io/fyne/v2/test) with the folders of dirs, and lists every menu
// item and button the window has. The end-to-end test of cmd/khareeta
// checks that its table drives each of them.
func Controls(fa fyne.App, dirs app.Dirs) ([]Control, error) {
	g := newGUI(fa, dirs, "controls")
	setLang("en")
	ses, err := app.OpenStart(app.ChooseStart("", g.set, dirs))
	if err != nil {
		return nil, err
	}
	defer func() {
		if g.ses != nil {
			g.ses.Close()
		}
	}()
	g.attach(ses)
	g.ses.StopWatching()
	g.build()
	if g.mp != nil { // the map is not needed: stop its layout
		g.mp.stopJob()
		g.mp.gen++
	}
	return g.controlList(), nil
}
