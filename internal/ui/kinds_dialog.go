package ui

import (
	"errors"
	"fmt"
	"image/color"
	"regexp"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// kindsDialog lists the kinds with their colours, shapes and counts, to add,
// edit and delete them.
func (g *gui) kindsDialog() {
	if g.ses == nil {
		return
	}
	box := container.NewVBox()
	var fill func()
	fill = func() {
		box.RemoveAll()
		for _, k := range model.SortedKinds(g.ses.Project()) {
			k := k
			sw := canvas.NewRectangle(parseHex(k.Color))
			sw.CornerRadius = 3
			sw.SetMinSize(fyne.NewSize(18, 18))
			name := newBidiText(k.Name.Get(uiLang()))
			name.bold = true
			info := newBidiText(fmt.Sprintf("%s · %s", tr("kinds.count", g.ses.ConceptsOfKind(k.ID)), k.Shape))
			info.colorName = theme.ColorNamePlaceHolder
			info.size = theme.CaptionTextSize()
			edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { g.kindDialog(k.ID, fill) })
			del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { g.confirmDeleteKind(k.ID, fill) })
			if k.BuiltIn {
				del.Disable()
			}
			edit.Importance, del.Importance = widget.LowImportance, widget.LowImportance
			label := container.NewHBox(joinDir[fyne.CanvasObject](container.NewCenter(sw), name, info)...)
			box.Add(sideButtons(label, joinDir[fyne.CanvasObject](edit, del)...))
		}
		note := newBidiWrap(tr("kinds.builtin"))
		note.colorName = theme.ColorNamePlaceHolder
		note.size = theme.CaptionTextSize()
		note.align = alignUI
		box.Add(note)
		box.Refresh()
	}
	fill()
	add := widget.NewButtonWithIcon(tr("kinds.add"), theme.ContentAddIcon(), func() { g.kindDialog("", fill) })
	content := container.NewBorder(nil, add, nil, nil, container.NewVScroll(box))
	g.infoDialog(tr("kinds.title"), content, fyne.NewSize(560, 560))
}

var hexRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// kindDialog adds (id "") or edits a kind: names, colour and shape.
func (g *gui) kindDialog(id string, done func()) {
	k := model.Kind{Color: "#cfe8fc", Shape: "box"}
	isNew := true
	if old, ok := g.ses.Index().Kinds[id]; ok {
		k, isNew = *old, false
		k.Name = k.Name.Clone()
	}
	nameAr, nameEn := g.newEntry(), g.newEntry()
	nameAr.SetText(k.Name[model.Arabic])
	nameEn.SetText(k.Name[model.English])
	hex := g.newEntry()
	hex.SetText(k.Color)
	sw := canvas.NewRectangle(parseHex(k.Color))
	sw.CornerRadius = 4
	sw.SetMinSize(fyne.NewSize(36, 24))
	hex.OnChanged = func(s string) {
		if hexRE.MatchString(s) {
			sw.FillColor = parseHex(s)
			sw.Refresh()
		}
	}
	pick := widget.NewButton(tr("dlg.choose"), func() {
		cp := dialog.NewColorPicker(tr("kinds.color"), "", func(c color.Color) {
			r, gg, b, _ := c.RGBA()
			hex.SetText(fmt.Sprintf("#%02x%02x%02x", r>>8, gg>>8, b>>8))
		}, g.win)
		cp.Advanced = true
		cp.SetColor(parseHex(hex.Text))
		cp.Show()
	})
	shape := widget.NewSelect(model.Shapes, nil)
	shape.SetSelected(k.Shape)
	colorRow := container.NewBorder(nil, nil, container.NewCenter(sw), pick, hex)
	form := newForm(
		formRow(tr("kinds.name.a"), container.NewVBox(nameAr, previewFor(nameAr))),
		formRow(tr("kinds.name.e"), nameEn),
		formRow(tr("kinds.color"), colorRow),
		formRow(tr("kinds.shape"), shape),
	)
	title := tr("kinds.new")
	if !isNew {
		title = tr("kinds.edit")
	}
	base := ""
	if !isNew {
		base = g.editBase(app.KindEntity, k.ID)
	}
	var d *dialog.CustomDialog
	d = g.formDialog(title, tr("dlg.save"), form, fyne.NewSize(560, 400), func() bool {
		if !hexRE.MatchString(hex.Text) {
			g.showError(errors.New(tr("kinds.badcolor")))
			return false
		}
		k.Name = model.T(nameAr.Text, nameEn.Text)
		k.Color, k.Shape = hex.Text, shape.Selected
		return g.saveChecked(&base, func(base string) error {
			_, err := g.ses.SaveKind(k, base)
			if err == nil && done != nil {
				done()
			}
			return err
		}, d.Hide)
	})
}

func (g *gui) confirmDeleteKind(id string, done func()) {
	k, ok := g.ses.Index().Kinds[id]
	if !ok {
		return
	}
	d := g.ses.DependentsOf(app.Ref{Kind: app.KindEntity, ID: id})
	if d.Concepts > 0 {
		g.showError(errors.New(tr("del.kindused", d.Concepts)))
		return
	}
	q := newBidiWrap(tr("del.kind", k.Name.Get(uiLang())))
	q.bold = true
	q.align = alignUI
	content := container.NewVBox(q, g.dependentsList(d))
	g.formDialog(tr("edit.kinds"), tr("dlg.delete"), sized(content, 420), fyne.Size{}, func() bool {
		if err := g.ses.DeleteKind(id); err != nil {
			g.showError(err)
			return false
		}
		if done != nil {
			done()
		}
		return true
	})
}
