package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Keys work wherever the focus is. Fyne gives a key to the focused widget
// only (the window's own handler hears keys when nothing has the focus), so
// the entries and lists of the app are small extensions of Fyne's that pass
// the keys they do not use to the window's handler:
//
//	Delete   delete the selected concept (asks first)
//	F2       edit the selected concept
//	Escape   close the topmost dialog; else clear the search, the marks
//	         and the selection
//	Enter    in a one-line field of a dialog: the dialog's confirm button
//	Ctrl+Enter anywhere in a dialog (multi-line fields too): confirm

// keyEntry is a text entry that passes Escape, F2, Ctrl+Enter (and Enter
// and Delete when it has no use for them) to the window.
type keyEntry struct {
	widget.Entry
	g *gui
	// deletes says that Delete with nothing after the cursor deletes the
	// selected concept (the sidebar's search field).
	deletes bool
}

// newEntry returns a one-line entry whose keys reach the window.
func (g *gui) newEntry() *keyEntry {
	e := &keyEntry{g: g}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry returns a multi-line entry whose keys reach the window.
func (g *gui) newMultiLineEntry() *keyEntry {
	e := g.newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// TypedKey implements fyne.Focusable.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape, fyne.KeyF2:
		if e.g.handleKey(k, keyFromEntry) {
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.MultiLine && e.OnSubmitted == nil && e.g.submitTopDialog() {
			return
		}
	case fyne.KeyDelete:
		if e.deletes && e.atEnd() && e.g.handleKey(k, keyFromEntry) {
			return
		}
	}
	e.Entry.TypedKey(k)
}

// atEnd reports whether the cursor is after the last character (Delete
// has nothing to delete).
func (e *keyEntry) atEnd() bool {
	if e.SelectedText() != "" {
		return false
	}
	rows := []rune(e.Text)
	line, col := 0, 0
	for _, r := range rows {
		if r == '\n' {
			line++
			col = 0
		} else {
			col++
		}
	}
	return e.CursorRow == line && e.CursorColumn == col
}

// TypedShortcut implements fyne.Shortcutable: Ctrl+Enter confirms the
// topmost dialog.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if isSubmitShortcut(s) && e.g.submitTopDialog() {
		return
	}
	e.Entry.TypedShortcut(s)
}

// isSubmitShortcut reports whether s is Ctrl+Enter (or Ctrl+Return).
func isSubmitShortcut(s fyne.Shortcut) bool {
	c, ok := s.(*desktop.CustomShortcut)
	return ok && (c.KeyName == fyne.KeyReturn || c.KeyName == fyne.KeyEnter) && c.Modifier == fyne.KeyModifierShortcutDefault
}

// keyList is a list whose Delete, F2 and Escape reach the window (its
// arrows, Space and Enter move and select as in Fyne's list).
type keyList struct {
	widget.List
	g *gui
	// onKey, when set, sees the keys first (the views list edits views).
	onKey func(k *fyne.KeyEvent) bool
}

// newList returns a list like widget.NewList whose keys reach the window.
func (g *gui) newList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{g: g}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey implements fyne.Focusable.
func (l *keyList) TypedKey(k *fyne.KeyEvent) {
	if l.onKey != nil && l.onKey(k) {
		return
	}
	switch k.Name {
	case fyne.KeyDelete, fyne.KeyF2, fyne.KeyEscape:
		if l.g.handleKey(k, keyFromList) {
			return
		}
	}
	l.List.TypedKey(k)
}

// keySource says where a key was typed.
type keySource int

const (
	keyFromWindow keySource = iota // nothing has the focus
	keyFromEntry
	keyFromList
	keyFromMap
)

// handleKey does what a key means for the window; it reports whether the
// key was used.
func (g *gui) handleKey(k *fyne.KeyEvent, from keySource) bool {
	switch k.Name {
	case fyne.KeyEscape:
		if g.closeTopDialog() {
			return true
		}
		if from == keyFromEntry && g.side != nil && g.side.search.Text != "" && g.win.Canvas().Focused() == g.side.search {
			g.side.search.SetText("")
			return true
		}
		if g.ses == nil {
			return false
		}
		if g.marks != nil {
			g.clearMarks()
			return true
		}
		g.selectConcept("", from == keyFromMap)
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		return g.submitTopDialog()
	}
	if len(g.dialogs) > 0 || g.ses == nil {
		return false // Delete and F2 act on the main window only
	}
	switch k.Name {
	case fyne.KeyDelete:
		if g.selConcept != "" {
			g.confirmDeleteConcept(g.selConcept)
			return true
		}
	case fyne.KeyF2:
		if g.selConcept != "" {
			g.conceptDialog(g.selConcept)
			return true
		}
	}
	return false
}

// The map takes the keyboard focus when clicked, for Delete, F2, Escape,
// the arrows (pan) and + and - (zoom).

// FocusGained implements fyne.Focusable.
func (c *mapCanvas) FocusGained() {}

// FocusLost implements fyne.Focusable.
func (c *mapCanvas) FocusLost() {}

// TypedRune implements fyne.Focusable: + and - zoom.
func (c *mapCanvas) TypedRune(r rune) {
	switch r {
	case '+', '=':
		c.m.zoomBy(1.25)
	case '-':
		c.m.zoomBy(0.8)
	}
}

// TypedKey implements fyne.Focusable: the arrows nudge the selection (pan
// when there is none), F2 renames the selected concept in place, Delete
// deletes the selection.
func (c *mapCanvas) TypedKey(k *fyne.KeyEvent) {
	g := c.m.g
	switch k.Name {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown:
		if c.arrowKey(k.Name) {
			return
		}
	case fyne.KeyF2:
		if len(g.dialogs) == 0 && g.selConcept != "" && c.editable() {
			c.renameInPlace(g.selConcept)
			return
		}
	case fyne.KeyDelete:
		if sel := c.selection(); len(g.dialogs) == 0 && len(sel) > 1 {
			c.flushNudge()
			g.confirmDeleteConcepts(sel)
			return
		}
	}
	step := 60 / c.zoom
	switch k.Name {
	case fyne.KeyLeft:
		c.offX -= step
	case fyne.KeyRight:
		c.offX += step
	case fyne.KeyUp:
		c.offY -= step
	case fyne.KeyDown:
		c.offY += step
	default:
		c.flushNudge()
		g.handleKey(k, keyFromMap)
		return
	}
	c.m.movedByHand()
	c.clamp()
	c.Refresh()
}

// KeyDown implements desktop.Keyable: Shift makes the arrows' step bigger.
func (c *mapCanvas) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		c.gs.shift = true
	}
}

// KeyUp implements desktop.Keyable.
func (c *mapCanvas) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		c.gs.shift = false
	}
}
