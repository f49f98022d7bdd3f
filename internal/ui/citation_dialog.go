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

// citationDialog adds a citation for a concept or a relation (cid "") or
// edits citation cid: pick a source, give the page(s) and the quote.
func (g *gui) citationDialog(concept, relation, cid string) {
	if g.ses == nil || (concept == "" && relation == "") {
		return
	}
	c := model.Citation{Concept: concept, Relation: relation}
	isNew := true
	for _, x := range g.ses.CitationsOf(concept + relation) {
		if x.ID == cid {
			c, isNew = x, false
		}
	}
	forText := g.conceptLabel(concept)
	if relation != "" {
		forText = g.proposition(g.ses.Index().Relations[relation])
	}
	target := newBidiWrap(forText)
	target.align = alignAuto
	target.colorName = theme.ColorNamePrimary
	src := newSourcePicker(g, c.Source)
	newSrc := widget.NewButtonWithIcon(tr("cit.newsrc"), theme.ContentAddIcon(), func() {
		g.sourceDialog(func(id string) { src.apply(""); src.set(id) })
	})
	page := g.newEntry()
	page.SetText(c.Locator)
	page.SetPlaceHolder("24, 53-69")
	quote := g.newMultiLineEntry()
	quote.Wrapping = fyne.TextWrapWord
	quote.SetMinRowsVisible(4)
	quote.SetText(c.Quote)
	note := g.newEntry()
	note.SetText(c.Note)
	var srcBox fyne.CanvasObject = container.NewVBox(src.obj, newSrc)
	if len(g.ses.Project().Sources) == 0 {
		srcBox = container.NewVBox(placeholder(tr("cit.nosources")), newSrc)
	}
	form := newForm(
		formRow(tr("cit.for"), target),
		formRow(tr("cit.source"), srcBox),
		formRow(tr("cit.page"), page),
		formRow(tr("cit.quote"), container.NewVBox(quote, previewFor(quote))),
		formRow(tr("cit.note"), note),
	)
	title := tr("cit.new")
	if !isNew {
		title = tr("cit.edit")
	}
	base := ""
	if !isNew {
		base = g.editBase(app.CitationEntity, c.ID)
	}
	var d *dialog.CustomDialog
	d = g.formDialog(title, tr("dlg.save"), container.NewVScroll(form), fyne.NewSize(700, 680), func() bool {
		if src.id == "" {
			g.showError(errors.New(tr("cit.needsrc")))
			return false
		}
		c.Source, c.Locator, c.Quote, c.Note = src.id, page.Text, quote.Text, note.Text
		return g.saveChecked(&base, func(base string) error {
			_, err := g.ses.SaveCitation(c, base)
			return err
		}, d.Hide)
	})
}

// sourceDialog adds a minimal source (title, authors, year, type); the
// full source manager belongs to the sources feature.
func (g *gui) sourceDialog(done func(id string)) {
	title := g.newEntry()
	authors := g.newMultiLineEntry()
	authors.SetMinRowsVisible(2)
	year := g.newEntry()
	publisher := g.newEntry()
	typ := widget.NewSelect([]string{"book", "article-journal", "chapter", "report", "thesis", "webpage", "manuscript"}, nil)
	typ.SetSelected("book")
	form := newForm(
		formRow(tr("src.title"), container.NewVBox(title, previewFor(title))),
		formRow(tr("src.authors"), container.NewVBox(authors, previewFor(authors))),
		formRow(tr("src.year"), year),
		formRow(tr("src.publisher"), publisher),
		formRow(tr("src.type"), typ),
	)
	g.formDialog(tr("src.new"), tr("dlg.save"), form, fyne.NewSize(600, 480), func() bool {
		s := model.Source{Title: title.Text, Issued: strings.TrimSpace(year.Text), Type: typ.Selected, Publisher: publisher.Text}
		if isRTL(s.Title) {
			s.Language = model.Arabic
		}
		for _, line := range strings.Split(authors.Text, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			sep := ","
			if strings.Contains(line, "،") {
				sep = "،"
			}
			if fam, giv, ok := strings.Cut(line, sep); ok {
				s.Authors = append(s.Authors, model.Name{Family: strings.TrimSpace(fam), Given: strings.TrimSpace(giv)})
			} else {
				s.Authors = append(s.Authors, model.Name{Literal: line})
			}
		}
		saved, err := g.ses.SaveSource(s)
		if err != nil {
			g.showError(err)
			return false
		}
		done(saved.ID)
		return true
	})
}
