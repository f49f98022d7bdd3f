package ui

import (
	"image/color"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/text"
)

// Fyne draws the menu bar of Linux and Windows windows itself, always left
// to right: menus start at the left edge, open under their left edge, and
// each item has its label on the left and its shortcut on the right
// (fyne-io/fyne#90, right-to-left support, is open). In Arabic the window
// gets this menu bar instead, built from the same fyne.MainMenu: menus
// start at the right edge (File rightmost), open under their right edge,
// labels are on the right, shortcuts and submenu arrows on the left, and
// submenus open to the left. macOS keeps its native menu bar.

// ownMenuBar reports whether the window draws its own menu bar.
func ownMenuBar() bool { return rtl() && runtime.GOOS != "darwin" }

// rtlMenuBar is the right-to-left menu bar.
type rtlMenuBar struct {
	g       *gui
	obj     fyne.CanvasObject
	menu    *fyne.MainMenu
	buttons []*widget.Button
	open    *menuPanel // the open menu, if any
	// shortcuts are the handlers given to the window, by shortcut name.
	shortcuts map[string]func(fyne.Shortcut)
}

// newRTLMenuBar builds the bar for menu.
func newRTLMenuBar(g *gui, menu *fyne.MainMenu) *rtlMenuBar {
	b := &rtlMenuBar{g: g, menu: menu}
	objs := make([]fyne.CanvasObject, len(menu.Items))
	for i, m := range menu.Items {
		i := i
		btn := widget.NewButton(m.Label, func() { b.openMenu(i) })
		btn.Importance = widget.LowImportance
		b.buttons = append(b.buttons, btn)
		objs[i] = btn
	}
	row := container.NewHBox(joinDir(objs...)...)
	b.obj = container.NewVBox(container.NewBorder(nil, nil, nil, row), widget.NewSeparator())
	return b
}

// openMenu opens menu i under its button (closing any other).
func (b *rtlMenuBar) openMenu(i int) {
	if b.open != nil {
		b.open.closeAll()
	}
	if i < 0 || i >= len(b.menu.Items) {
		return
	}
	btn := b.buttons[i]
	p := newMenuPanel(b.g, b.menu.Items[i], nil)
	p.bar, p.barIndex = b, i
	b.open = p
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(btn)
	size := p.pop.MinSize()
	p.pop.ShowAtPosition(fyne.NewPos(pos.X+btn.Size().Width-size.Width, pos.Y+btn.Size().Height))
	p.focus()
}

// registerShortcuts makes the menus' shortcuts work without Fyne's menu
// bar (which is what registers them otherwise).
func (b *rtlMenuBar) registerShortcuts(c fyne.Canvas) {
	b.shortcuts = map[string]func(fyne.Shortcut){}
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			it := it
			if it.Shortcut != nil {
				run := func(fyne.Shortcut) {
					if !it.Disabled && it.Action != nil {
						it.Action()
					}
				}
				b.shortcuts[it.Shortcut.ShortcutName()] = run
				c.AddShortcut(it.Shortcut, run)
			}
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
		}
	}
	for _, m := range b.menu.Items {
		walk(m.Items)
	}
}

// menuPanel is an open menu: its rows in a pop-up, with the keyboard focus.
type menuPanel struct {
	widget.BaseWidget
	g        *gui
	menu     *fyne.Menu
	rows     []*menuRow
	box      *fyne.Container
	pop      *widget.PopUp
	parent   *menuPanel
	child    *menuPanel
	bar      *rtlMenuBar
	barIndex int
	active   int // row with the keyboard, -1 for none
}

func newMenuPanel(g *gui, m *fyne.Menu, parent *menuPanel) *menuPanel {
	p := &menuPanel{g: g, menu: m, parent: parent, active: -1}
	p.ExtendBaseWidget(p)
	p.box = container.NewVBox()
	for _, it := range m.Items {
		if it.IsSeparator {
			p.box.Add(widget.NewSeparator())
			continue
		}
		r := newMenuRow(p, it, len(p.rows))
		p.rows = append(p.rows, r)
		p.box.Add(r)
	}
	p.pop = widget.NewPopUp(p, g.win.Canvas())
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *menuPanel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.box) }

func (p *menuPanel) focus() {
	p.g.win.Canvas().Focus(p)
}

// closeAll closes this menu, its submenus and its parents.
func (p *menuPanel) closeAll() {
	top := p
	for top.parent != nil {
		top = top.parent
	}
	top.closeTree()
	if top.bar != nil && top.bar.open == top {
		top.bar.open = nil
	}
}

func (p *menuPanel) closeTree() {
	if p.child != nil {
		p.child.closeTree()
		p.child = nil
	}
	p.pop.Hide()
}

// trigger runs row i: opens its submenu, or closes the menus and runs it.
func (p *menuPanel) trigger(i int) {
	r := p.rows[i]
	if r.item.Disabled {
		return
	}
	if r.item.ChildMenu != nil {
		p.openChild(i)
		return
	}
	p.closeAll()
	if r.item.Action != nil {
		r.item.Action()
	}
}

// openChild opens row i's submenu to its left.
func (p *menuPanel) openChild(i int) {
	if p.child != nil {
		p.child.closeTree()
	}
	r := p.rows[i]
	c := newMenuPanel(p.g, r.item.ChildMenu, p)
	p.child = c
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(r)
	c.pop.ShowAtPosition(fyne.NewPos(pos.X-c.pop.MinSize().Width, pos.Y))
	c.setActive(c.next(-1, 1))
	c.focus()
}

// setActive moves the keyboard's row.
func (p *menuPanel) setActive(i int) {
	if p.active >= 0 && p.active < len(p.rows) {
		p.rows[p.active].setHot(false)
	}
	p.active = i
	if i >= 0 && i < len(p.rows) {
		p.rows[i].setHot(true)
	}
}

// next finds the next enabled row from i in direction d (-1 when none).
func (p *menuPanel) next(i, d int) int {
	for j := i + d; j >= 0 && j < len(p.rows); j += d {
		if !p.rows[j].item.Disabled {
			return j
		}
	}
	return i
}

// FocusGained implements fyne.Focusable.
func (p *menuPanel) FocusGained() {}

// FocusLost implements fyne.Focusable.
func (p *menuPanel) FocusLost() {}

// TypedRune implements fyne.Focusable.
func (p *menuPanel) TypedRune(rune) {}

// TypedKey moves through the menus as in Fyne's menu bar, mirrored: Left
// opens a submenu or the next menu (to the left), Right goes back.
func (p *menuPanel) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		p.setActive(p.next(p.active, 1))
	case fyne.KeyUp:
		p.setActive(p.next(p.active, -1))
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if p.active >= 0 {
			p.trigger(p.active)
		}
	case fyne.KeyEscape:
		p.closeAll()
	case fyne.KeyLeft:
		if p.active >= 0 && p.rows[p.active].item.ChildMenu != nil {
			p.openChild(p.active)
		} else if top := p.top(); top.bar != nil {
			top.bar.openMenu((top.barIndex + 1) % len(top.bar.buttons))
		}
	case fyne.KeyRight:
		if p.parent != nil {
			par := p.parent
			p.closeTree()
			par.child = nil
			par.focus()
		} else if p.bar != nil {
			n := len(p.bar.buttons)
			p.bar.openMenu((p.barIndex + n - 1) % n)
		}
	}
}

func (p *menuPanel) top() *menuPanel {
	for p.parent != nil {
		p = p.parent
	}
	return p
}

// menuRow is one item of a menu: label on the right; shortcut or submenu
// arrow on the left; a check mark right of the label.
type menuRow struct {
	widget.BaseWidget
	p     *menuPanel
	item  *fyne.MenuItem
	index int
	bg    *canvas.Rectangle
	obj   fyne.CanvasObject
	hot   bool
}

func newMenuRow(p *menuPanel, it *fyne.MenuItem, index int) *menuRow {
	r := &menuRow{p: p, item: it, index: index}
	r.ExtendBaseWidget(r)
	label := newBidiText(it.Label)
	label.align = alignUI
	label.pad = theme.InnerPadding()
	var left []fyne.CanvasObject
	if it.ChildMenu != nil {
		left = append(left, widget.NewIcon(theme.NavigateBackIcon()))
	} else if it.Shortcut != nil {
		keys := newBidiText(shortcutText(it.Shortcut))
		keys.dir = text.LTR
		keys.size = theme.CaptionTextSize()
		keys.colorName = theme.ColorNamePlaceHolder
		keys.pad = theme.InnerPadding()
		left = append(left, keys)
	}
	var right []fyne.CanvasObject
	if it.Checked {
		right = append(right, widget.NewIcon(theme.ConfirmIcon()))
	}
	if it.Disabled {
		label.colorName = theme.ColorNameDisabled
	}
	r.bg = canvas.NewRectangle(color.Transparent)
	row := container.NewBorder(nil, nil, container.NewHBox(left...), container.NewHBox(right...), label)
	r.obj = container.NewStack(r.bg, row)
	return r
}

// CreateRenderer implements fyne.Widget.
func (r *menuRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.obj) }

// MinSize leaves room between label and shortcut.
func (r *menuRow) MinSize() fyne.Size {
	s := r.obj.MinSize()
	return fyne.NewSize(max(s.Width+4*theme.Padding(), 220), max(s.Height, 34))
}

func (r *menuRow) setHot(on bool) {
	r.hot = on
	if on && !r.item.Disabled {
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
	} else {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Refresh()
}

// Tapped implements fyne.Tappable.
func (r *menuRow) Tapped(*fyne.PointEvent) { r.p.trigger(r.index) }

// MouseIn implements desktop.Hoverable: the row under the pointer is the
// active one, and a submenu opens under it.
func (r *menuRow) MouseIn(*desktop.MouseEvent) {
	r.p.setActive(r.index)
	if r.item.ChildMenu != nil && !r.item.Disabled {
		r.p.openChild(r.index)
	} else if r.p.child != nil {
		r.p.child.closeTree()
		r.p.child = nil
		r.p.focus()
	}
}

// MouseMoved implements desktop.Hoverable.
func (r *menuRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (r *menuRow) MouseOut() {}

// shortcutText writes a shortcut the way menus show it ("Ctrl+Shift+S").
func shortcutText(s fyne.Shortcut) string {
	var mod fyne.KeyModifier
	var key string
	switch x := s.(type) {
	case *desktop.CustomShortcut:
		mod, key = x.Modifier, string(x.KeyName)
	case fyne.KeyboardShortcut:
		mod, key = x.Mod(), string(x.Key())
	default:
		return s.ShortcutName()
	}
	var parts []string
	for _, m := range []struct {
		m fyne.KeyModifier
		n string
	}{{fyne.KeyModifierControl, "Ctrl"}, {fyne.KeyModifierAlt, "Alt"}, {fyne.KeyModifierShift, "Shift"}, {fyne.KeyModifierSuper, "Super"}} {
		if mod&m.m != 0 {
			parts = append(parts, m.n)
		}
	}
	switch key {
	case string(fyne.KeyLeft):
		key = "←"
	case string(fyne.KeyEqual):
		key = "="
	case string(fyne.KeyMinus):
		key = "-"
	case string(fyne.KeyComma):
		key = ","
	}
	return strings.Join(append(parts, key), "+")
}
