package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipLayer shows tooltips above the window's content. Fyne 2.8 has no
// tooltips of its own; the layer holds no tappable objects, so clicks pass
// through it to the widgets beneath.
type tipLayer struct {
	layer *fyne.Container
	box   *fyne.Container
	text  *bidiText
	bg    *canvas.Rectangle
	timer *time.Timer
	owner fyne.CanvasObject
}

func newTipLayer() *tipLayer {
	t := &tipLayer{text: newBidiText("")}
	t.text.size = theme.CaptionTextSize() + 1
	t.bg = canvas.NewRectangle(color.Black)
	t.bg.CornerRadius = 4
	t.bg.StrokeWidth = 1
	t.box = container.NewStack(t.bg, t.text)
	t.box.Hide()
	t.layer = container.NewWithoutLayout(t.box)
	return t
}

// schedule shows text under obj after a short delay.
func (t *tipLayer) schedule(obj fyne.CanvasObject, text string) {
	t.cancel()
	t.owner = obj
	t.timer = time.AfterFunc(600*time.Millisecond, func() {
		fyne.Do(func() {
			if t.owner == obj {
				t.show(obj, text)
			}
		})
	})
}

func (t *tipLayer) cancel() {
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
}

// hide removes the tooltip of obj (or any tooltip when obj is nil).
func (t *tipLayer) hide(obj fyne.CanvasObject) {
	if obj != nil && t.owner != obj {
		return
	}
	t.cancel()
	t.owner = nil
	t.box.Hide()
}

func (t *tipLayer) show(obj fyne.CanvasObject, text string) {
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(obj).Subtract(d.AbsolutePositionForObject(t.layer))
	t.text.SetText(text)
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	t.bg.Refresh()
	size := t.text.MinSize().Add(fyne.NewSize(theme.Padding()*2, 0))
	x := pos.X + obj.Size().Width/2 - size.Width/2
	if lw := t.layer.Size().Width; x+size.Width > lw {
		x = lw - size.Width - theme.Padding()
	}
	if x < theme.Padding() {
		x = theme.Padding()
	}
	y := pos.Y + obj.Size().Height + 4
	if y+size.Height > t.layer.Size().Height {
		y = pos.Y - size.Height - 4
	}
	t.box.Move(fyne.NewPos(x, y))
	t.box.Resize(size)
	t.box.Show()
	t.layer.Refresh()
}

// tipButton is a button with a tooltip.
type tipButton struct {
	widget.Button
	tip  string
	tips *tipLayer
}

// button makes a low-importance button with an icon and a tooltip.
func (t *tipLayer) button(label string, icon fyne.Resource, tip string, fn func()) *tipButton {
	b := &tipButton{tip: tip, tips: t}
	b.Text, b.Icon, b.OnTapped = label, icon, fn
	if label == "" {
		b.Importance = widget.LowImportance
	}
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn schedules the tooltip.
func (b *tipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.tip != "" && b.tips != nil {
		b.tips.schedule(b, b.tip)
	}
}

// MouseOut hides the tooltip.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	if b.tips != nil {
		b.tips.hide(b)
	}
}

// Tapped hides the tooltip and presses the button.
func (b *tipButton) Tapped(e *fyne.PointEvent) {
	if b.tips != nil {
		b.tips.hide(b)
	}
	b.Button.Tapped(e)
}
