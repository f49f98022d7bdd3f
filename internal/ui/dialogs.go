package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newDialog makes a dialog without buttons. Fyne draws a dialog's title on
// the left; in Arabic the title goes into the content, on the right, and
// Fyne's title row stays empty.
func (g *gui) newDialog(title string, content fyne.CanvasObject) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	if rtl() {
		d = dialog.NewCustomWithoutButtons("", container.NewBorder(dialogHeader(title), nil, nil, nil, content), g.win)
	} else {
		d = dialog.NewCustomWithoutButtons(title, content, g.win)
	}
	od := g.trackDialog(title, d.Hide)
	od.content = content
	d.SetOnClosed(od.closed)
	return d
}

// openDialog is a dialog on screen: Escape hides it, Enter and Ctrl+Enter
// press its confirm button (see keys.go).
type openDialog struct {
	title  string
	hide   func()
	submit func() // nil: Enter closes it
	closed func() // forgets it; the dialog calls it when it closes
	// buttons are its buttons by role ("confirm", "cancel", "choose"),
	// and content what it shows (nil for Fyne's file dialogs), for the
	// end-to-end probe.
	buttons map[string]*widget.Button
	content fyne.CanvasObject
}

// trackDialog remembers a dialog shown on top of the others; the returned
// record's closed must run when the dialog closes.
func (g *gui) trackDialog(title string, hide func()) *openDialog {
	od := &openDialog{title: title, hide: hide, buttons: map[string]*widget.Button{}}
	if g.pendingChoose != nil { // a fileField or askNewFile built for this dialog
		od.buttons["choose"] = g.pendingChoose
		g.pendingChoose = nil
	}
	od.closed = func() {
		for i, x := range g.dialogs {
			if x == od {
				g.dialogs = append(g.dialogs[:i], g.dialogs[i+1:]...)
				break
			}
		}
	}
	g.dialogs = append(g.dialogs, od)
	return od
}

// onSubmit makes f what Enter and Ctrl+Enter do in the most recent dialog.
func (g *gui) onSubmit(f func()) {
	if n := len(g.dialogs); n > 0 {
		g.dialogs[n-1].submit = f
	}
}

// topDialog returns the most recent dialog (nil when none is open).
func (g *gui) topDialog() *openDialog {
	if n := len(g.dialogs); n > 0 {
		return g.dialogs[n-1]
	}
	return nil
}

// closeTopDialog hides the most recent dialog; it reports whether there was one.
func (g *gui) closeTopDialog() bool {
	if n := len(g.dialogs); n > 0 {
		g.dialogs[n-1].hide()
		return true
	}
	return false
}

// submitTopDialog presses the confirm button of the most recent dialog (or
// closes it when it only informs); it reports whether there was one.
func (g *gui) submitTopDialog() bool {
	n := len(g.dialogs)
	if n == 0 {
		return false
	}
	if d := g.dialogs[n-1]; d.submit != nil {
		d.submit()
	} else {
		d.hide()
	}
	return true
}

// dialogHeader is a dialog's title on the reading side.
func dialogHeader(title string) fyne.CanvasObject {
	t := newBidiText(title)
	t.bold = true
	t.size = theme.TextSize() * 1.15
	t.align = alignUI
	return container.NewVBox(t, widget.NewSeparator())
}

// formDialog shows content under a title with a confirm and a cancel
// button, ordered for the reading direction (confirm last in reading
// order). onConfirm returns false to keep the dialog open.
func (g *gui) formDialog(title, confirm string, content fyne.CanvasObject, size fyne.Size, onConfirm func() bool) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), func() {
		if onConfirm == nil || onConfirm() {
			d.Hide()
		}
	})
	ok.Importance = widget.HighImportance
	if confirm == tr("dlg.delete") {
		ok.Importance = widget.DangerImportance
		ok.Icon = theme.DeleteIcon()
	}
	cancel := widget.NewButtonWithIcon(tr("dlg.cancel"), theme.CancelIcon(), func() { d.Hide() })
	d = g.newDialog(title, content)
	g.onSubmit(ok.OnTapped)
	g.topDialog().buttons["confirm"], g.topDialog().buttons["cancel"] = ok, cancel
	d.SetButtons(joinDir[fyne.CanvasObject](cancel, ok))
	if size.Width > 0 {
		d.Resize(size)
	}
	d.Show()
	return d
}

// infoDialog shows content under a title with a close button.
func (g *gui) infoDialog(title string, content fyne.CanvasObject, size fyne.Size) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	closeBtn := widget.NewButtonWithIcon(tr("dlg.close"), theme.CancelIcon(), func() { d.Hide() })
	d = g.newDialog(title, content)
	g.topDialog().buttons["cancel"] = closeBtn
	d.SetButtons([]fyne.CanvasObject{closeBtn})
	if size.Width > 0 {
		d.Resize(size)
	}
	d.Show()
	return d
}
