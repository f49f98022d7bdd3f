package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// row is one labelled field of a form.
type row struct {
	label *bidiText
	field fyne.CanvasObject
}

// formRow pairs a label with its field.
func formRow(label string, field fyne.CanvasObject) row {
	l := newBidiText(label)
	l.align = alignUI
	l.colorName = theme.ColorNameForeground
	return row{label: l, field: field}
}

// newForm lays rows out in two columns, labels on the reading side: left in
// English, right in Arabic.
func newForm(rows ...row) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, r := range rows {
		objs = append(objs, r.label, r.field)
	}
	return container.New(&formLayout{rtl: rtl()}, objs...)
}

// formLayout is Fyne's form layout, mirrored for right-to-left interfaces.
type formLayout struct{ rtl bool }

func (f *formLayout) labelWidth(objs []fyne.CanvasObject) float32 {
	var w float32
	for i := 0; i+1 < len(objs); i += 2 {
		if objs[i].Visible() || objs[i+1].Visible() {
			w = max(w, objs[i].MinSize().Width)
		}
	}
	return w
}

func (f *formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lw := f.labelWidth(objs)
	pad := theme.Padding()
	fw := size.Width - lw - pad
	entryH := entryHeight()
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		l, fld := objs[i], objs[i+1]
		if !fld.Visible() {
			l.Hide()
			continue
		}
		l.Show()
		h := max(fld.MinSize().Height, l.MinSize().Height)
		lh := l.MinSize().Height
		ly := y + max(0, (min(entryH, h)-lh)/2)
		if f.rtl {
			fld.Move(fyne.NewPos(0, y))
			l.Move(fyne.NewPos(fw+pad, ly))
		} else {
			l.Move(fyne.NewPos(0, ly))
			fld.Move(fyne.NewPos(lw+pad, y))
		}
		fld.Resize(fyne.NewSize(fw, h))
		l.Resize(fyne.NewSize(lw, lh))
		y += h + pad
	}
}

func (f *formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	lw := f.labelWidth(objs)
	var fw, h float32
	for i := 0; i+1 < len(objs); i += 2 {
		fld := objs[i+1]
		if !fld.Visible() {
			continue
		}
		fw = max(fw, fld.MinSize().Width)
		h += max(fld.MinSize().Height, objs[i].MinSize().Height) + theme.Padding()
	}
	return fyne.NewSize(lw+theme.Padding()+fw, max(0, h-theme.Padding()))
}

var cachedEntryHeight float32

func entryHeight() float32 {
	if cachedEntryHeight == 0 {
		cachedEntryHeight = widget.NewEntry().MinSize().Height
	}
	return cachedEntryHeight
}

// preview is a live, correctly ordered rendering of what is typed into an
// entry. Fyne's entry shapes Arabic but lays the runs of a mixed line
// (Arabic with digits, brackets or Latin) out left to right in logical
// order; the preview shows the text as it will read on the map and in lists.
type preview struct {
	obj  *fyne.Container
	text *bidiText
}

// previewFor attaches a preview to an entry; it shows only while the entry
// holds right-to-left or mixed text.
func previewFor(e *keyEntry) fyne.CanvasObject {
	p := &preview{text: newBidiWrap("")}
	caption := newBidiText(tr("c.preview"))
	caption.size = theme.CaptionTextSize()
	caption.colorName = theme.ColorNamePlaceHolder
	caption.align = alignUI
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = theme.InputRadiusSize()
	bg.StrokeWidth = 1
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	p.obj = container.NewStack(bg, container.NewPadded(container.NewVBox(caption, p.text)))
	update := func(s string) {
		p.text.SetText(s)
		if needsPreview(s) {
			p.obj.Show()
		} else {
			p.obj.Hide()
		}
	}
	prev := e.OnChanged
	e.OnChanged = func(s string) {
		update(s)
		if prev != nil {
			prev(s)
		}
	}
	update(e.Text)
	return p.obj
}

// needsPreview reports whether Fyne's entry would misplace s: right-to-left
// text mixed with anything that is not right-to-left letters and spaces
// (Latin, digits, brackets, punctuation), whose runs Fyne lays out in
// logical order from left to right.
func needsPreview(s string) bool {
	hasRTL, hasOther := false, false
	for _, r := range s {
		switch {
		case (r >= 0x0590 && r <= 0x08FF) || (r >= 0xFB1D && r <= 0xFEFC):
			if r >= 0x0660 && r <= 0x0669 {
				hasOther = true // Arabic-Indic digits are ordered left to right
			}
			hasRTL = true
		case r == ' ' || r == '\n' || r == '\u00a0' || r == '\u200c' || r == '\u200d':
		default:
			hasOther = true
		}
	}
	return hasRTL && hasOther
}

// sized gives an object a fixed width in a dialog (wrapping texts need one).
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	if t, ok := o.(*bidiText); ok {
		t.width = width
	}
	return container.New(&fixedWidth{w: width}, o)
}

// fixedWidth lays out one object at a fixed width and its own height.
type fixedWidth struct{ w float32 }

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, size.Height))
	}
}

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		if t, ok := o.(*bidiText); ok && t.width != f.w {
			t.width = f.w
		}
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

// textOf reads a Text in one language, for entries.
func textOf(t model.Text, lang string) string { return t[lang] }

// isRTL reports whether s reads right to left.
func isRTL(s string) bool { return text.DetectDir(s, text.LTR) == text.RTL }
