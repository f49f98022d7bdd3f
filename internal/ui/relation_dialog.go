package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// relTypeChoice is a select of relation types, named by their phrase in
// the interface language.
type relTypeChoice struct {
	sel *widget.Select
	ids map[string]string
}

func relTypeName(id string) string {
	p := model.DefaultPhrase(id)
	if uiLang() == model.Arabic {
		if s := p[model.Arabic]; s != "" {
			return s + " — " + id
		}
	}
	return p.Get(model.English) + " — " + id
}

func newRelTypeChoice(id string) *relTypeChoice {
	r := &relTypeChoice{ids: map[string]string{}}
	var opts []string
	known := false
	for _, rt := range model.RelationTypes() {
		n := relTypeName(rt.ID)
		opts = append(opts, n)
		r.ids[n] = rt.ID
		known = known || rt.ID == id
	}
	if !known && id != "" {
		n := relTypeName(id)
		opts = append(opts, n)
		r.ids[n] = id
	}
	r.sel = widget.NewSelect(opts, nil)
	r.sel.SetSelected(relTypeName(id))
	return r
}

func (r *relTypeChoice) id() string { return r.ids[r.sel.Selected] }

// relationDialog links concept from to another (rid "") or edits relation rid.
func (g *gui) relationDialog(from, rid string) {
	if g.ses == nil || from == "" {
		return
	}
	ix := g.ses.Index()
	r := model.Relation{From: from, Type: "related-to"}
	isNew := true
	if old, ok := ix.Relations[rid]; ok {
		r, isNew = *old, false
		r.Phrase = r.Phrase.Clone()
	}
	fromText := newBidiText(g.conceptLabel(r.From))
	fromText.bold = true
	fromText.align = alignAuto
	target := newConceptPicker(g, r.To)
	target.exclude = r.From
	if r.To == "" {
		target.chosen.SetText("—")
	}
	typ := newRelTypeChoice(r.Type)
	phraseAr, phraseEn := g.newEntry(), g.newEntry()
	phraseAr.SetText(r.Phrase[model.Arabic])
	phraseEn.SetText(r.Phrase[model.English])
	if isNew {
		def := model.DefaultPhrase(r.Type)
		phraseAr.SetText(def[model.Arabic])
		phraseEn.SetText(def[model.English])
	}
	reads := newBidiWrap("")
	reads.align = alignAuto
	reads.colorName = theme.ColorNamePrimary
	update := func() {
		rel := r
		rel.To = target.id
		rel.Type = typ.id()
		rel.Phrase = model.T(phraseAr.Text, phraseEn.Text)
		to := g.conceptLabel(rel.To)
		if to == "" {
			to = "…"
		}
		lang := g.labelLang()
		phrase := rel.Phrase.Get(lang)
		reads.SetText(strings.Join([]string{g.conceptLabel(rel.From), phrase, to}, " "))
	}
	lastType := r.Type
	typ.sel.OnChanged = func(string) {
		// Follow the type's default phrase unless the phrase was edited.
		oldDef, newDef := model.DefaultPhrase(lastType), model.DefaultPhrase(typ.id())
		if phraseAr.Text == "" || phraseAr.Text == oldDef[model.Arabic] {
			phraseAr.SetText(newDef[model.Arabic])
		}
		if phraseEn.Text == "" || phraseEn.Text == oldDef[model.English] {
			phraseEn.SetText(newDef[model.English])
		}
		lastType = typ.id()
		update()
	}
	target.onChange = func(string) { update() }
	prevAr := previewFor(phraseAr)
	prev := phraseAr.OnChanged
	phraseAr.OnChanged = func(s string) { prev(s); update() }
	phraseEn.OnChanged = func(string) { update() }
	// A target that does not exist yet can be created in the same edit.
	var newTarget *widget.Button
	if isNew {
		newTarget = widget.NewButtonWithIcon(tr("rel.newtarget"), theme.ContentAddIcon(), nil)
	}
	update()
	readsLabel := newBidiText(tr("rel.reads"))
	readsLabel.size = theme.CaptionTextSize()
	readsLabel.colorName = theme.ColorNamePlaceHolder
	readsLabel.align = alignUI
	targetBox := container.NewVBox(target.obj)
	if newTarget != nil {
		targetBox.Add(newTarget)
	}
	form := newForm(
		formRow(tr("rel.from"), fromText),
		formRow(tr("rel.to"), targetBox),
		formRow(tr("rel.type"), typ.sel),
		formRow(tr("rel.phrase.ar"), container.NewVBox(phraseAr, prevAr)),
		formRow(tr("rel.phrase.en"), phraseEn),
	)
	// The proposition as it will read, on top, so it stays in sight while the form scrolls.
	content := container.NewBorder(container.NewVBox(readsLabel, reads, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(form))
	title := tr("rel.new")
	if !isNew {
		title = tr("rel.edit")
	}
	collect := func() model.Relation {
		rel := r
		rel.To = target.id
		rel.Type = typ.id()
		rel.Phrase = model.T(phraseAr.Text, phraseEn.Text)
		return rel
	}
	base := g.editBase(app.RelationEntity, r.ID)
	var dlg *dialog.CustomDialog
	dlg = g.formDialog(title, tr("dlg.save"), content, fyne.NewSize(680, 660), func() bool {
		rel := collect()
		if rel.To == "" {
			g.showError(errors.New(tr("rel.needto")))
			return false
		}
		return g.saveChecked(&base, func(base string) error {
			saved, err := g.ses.SaveRelation(rel, base)
			if err == nil {
				g.selectConcept(rel.From, false)
				g.selectRelation(saved.ID)
			}
			return err
		}, func() { dlg.Hide() })
	})
	if newTarget != nil {
		newTarget.OnTapped = func() {
			label := strings.TrimSpace(target.entry.Text)
			if label == "" {
				g.win.Canvas().Focus(target.entry)
				return
			}
			c := model.Concept{Kind: model.KindConcept}
			if isRTL(label) {
				c.Label = model.T(label, "")
			} else {
				c.Label = model.T("", label)
			}
			rel := collect()
			_, saved, err := g.ses.AddConceptLinked(c, rel)
			if err != nil {
				g.showError(err)
				return
			}
			dlg.Hide()
			g.selectConcept(rel.From, false)
			g.selectRelation(saved.ID)
		}
	}
	g.win.Canvas().Focus(target.entry)
}
