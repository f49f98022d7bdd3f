package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// kindChoice is a select of the project's kinds by name.
type kindChoice struct {
	sel   *widget.Select
	ids   map[string]string
	names map[string]string
}

func newKindChoice(g *gui, id string) *kindChoice {
	k := &kindChoice{ids: map[string]string{}, names: map[string]string{}}
	var opts []string
	for _, kd := range model.SortedKinds(g.ses.Project()) {
		n := kd.Name.Get(uiLang())
		opts = append(opts, n)
		k.ids[n] = kd.ID
		k.names[kd.ID] = n
	}
	k.sel = widget.NewSelect(opts, nil)
	if n, ok := k.names[id]; ok {
		k.sel.SetSelected(n)
	} else if len(opts) > 0 {
		k.sel.SetSelected(opts[0])
	}
	return k
}

func (k *kindChoice) id() string { return k.ids[k.sel.Selected] }

// conceptEditor holds the fields of a concept form.
type conceptEditor struct {
	labelAr, labelEn, descAr, descEn, notes *keyEntry
	kind                                    *kindChoice
	form                                    *fyne.Container
}

func newConceptEditor(g *gui, c model.Concept) *conceptEditor {
	e := &conceptEditor{
		labelAr: g.newEntry(), labelEn: g.newEntry(),
		descAr: g.newMultiLineEntry(), descEn: g.newMultiLineEntry(), notes: g.newMultiLineEntry(),
	}
	e.labelAr.SetText(c.Label[model.Arabic])
	e.labelEn.SetText(c.Label[model.English])
	e.descAr.SetText(c.Description[model.Arabic])
	e.descEn.SetText(c.Description[model.English])
	e.notes.SetText(c.Notes)
	for _, m := range []*keyEntry{e.descAr, e.descEn, e.notes} {
		m.Wrapping = fyne.TextWrapWord
		m.SetMinRowsVisible(2)
	}
	kind := c.Kind
	if kind == "" {
		kind = model.KindConcept
	}
	e.kind = newKindChoice(g, kind)
	e.form = newForm(
		formRow(tr("c.label.ar"), container.NewVBox(e.labelAr, previewFor(e.labelAr))),
		formRow(tr("c.label.en"), container.NewVBox(e.labelEn, previewFor(e.labelEn))),
		formRow(tr("c.kind"), e.kind.sel),
		formRow(tr("c.desc.ar"), container.NewVBox(e.descAr, previewFor(e.descAr))),
		formRow(tr("c.desc.en"), e.descEn),
		formRow(tr("c.notes"), container.NewVBox(e.notes, previewFor(e.notes))),
	)
	return e
}

// apply copies the form into c.
func (e *conceptEditor) apply(c *model.Concept) error {
	label := model.T(e.labelAr.Text, e.labelEn.Text)
	for l, s := range c.Label { // labels in other languages are kept as they were
		if l != model.Arabic && l != model.English && s != "" {
			label[l] = s
		}
	}
	c.Label = label
	if c.Label.Empty() {
		return errors.New(tr("c.needlabel"))
	}
	desc := model.T(e.descAr.Text, e.descEn.Text)
	for l, s := range c.Description {
		if l != model.Arabic && l != model.English {
			desc[l] = s
		}
	}
	c.Description = desc
	c.Notes = e.notes.Text
	c.Kind = e.kind.id()
	return nil
}

// conceptDialog creates (id "") or edits a concept. A new concept may be
// linked from the selected one in the same edit (one undo step).
func (g *gui) conceptDialog(id string) {
	if g.ses == nil {
		return
	}
	var c model.Concept
	isNew := true
	if old, ok := g.ses.Index().Concepts[id]; ok {
		c, isNew = *old, false
		c.Label, c.Description = c.Label.Clone(), c.Description.Clone()
	}
	ed := newConceptEditor(g, c)
	content := fyne.CanvasObject(ed.form)
	var link *widget.Check
	var relType *relTypeChoice
	from := g.selConcept
	if isNew && from != "" {
		link = widget.NewCheck(tr("c.linkfrom")+": "+g.conceptLabel(from), nil)
		relType = newRelTypeChoice("related-to")
		relType.sel.Disable()
		link.OnChanged = func(on bool) {
			if on {
				relType.sel.Enable()
			} else {
				relType.sel.Disable()
			}
		}
		content = container.NewVBox(ed.form, widget.NewSeparator(), link, relType.sel)
	}
	title := tr("c.new")
	if !isNew {
		title = tr("c.edit")
	}
	base := g.editBase(app.ConceptEntity, c.ID)
	var d *dialog.CustomDialog
	d = g.formDialog(title, tr("dlg.save"), container.NewVScroll(content), fyne.NewSize(680, 640), func() bool {
		if err := ed.apply(&c); err != nil {
			g.showError(err)
			return false
		}
		return g.saveChecked(&base, func(base string) error {
			var saved model.Concept
			var err error
			if link != nil && link.Checked {
				typ := relType.id()
				saved, _, err = g.ses.AddConceptLinked(c, model.Relation{From: from, Type: typ, Phrase: model.DefaultPhrase(typ)})
			} else {
				saved, err = g.ses.SaveConcept(c, base)
			}
			if err == nil {
				g.selectConcept(saved.ID, false)
			}
			return err
		}, d.Hide)
	})
	g.win.Canvas().Focus(ed.labelAr)
	if g.labelLang() == model.English {
		g.win.Canvas().Focus(ed.labelEn)
	}
}
