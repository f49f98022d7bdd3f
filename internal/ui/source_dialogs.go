package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/biblio"
	"github.com/khareeta/khareeta/internal/model"
)

// cslTypes are the source types the editor offers (CSL names).
var cslTypes = []string{"book", "article-journal", "chapter", "report", "thesis", "paper-conference",
	"webpage", "article-newspaper", "article-magazine", "manuscript", "document"}

// namesText writes names one per line, as the editor shows them.
func namesText(ns []model.Name) string {
	lines := make([]string, len(ns))
	for i, n := range ns {
		lines[i] = n.String()
	}
	return strings.Join(lines, "\n")
}

// parseNames reads names one per line: "Family, Given" (or with the Arabic
// comma "،") is a person, a line without a comma an institution.
func parseNames(s string) []model.Name {
	var out []model.Name
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		i := strings.IndexAny(line, ",،")
		if i < 0 {
			out = append(out, model.Name{Literal: line})
			continue
		}
		sep := ","
		if strings.HasPrefix(line[i:], "،") {
			sep = "،"
		}
		out = append(out, model.Name{Family: strings.TrimSpace(line[:i]), Given: strings.TrimSpace(line[i+len(sep):])})
	}
	return out
}

// sourceEditor adds a source (id "") or edits one with every field the
// model holds (CSL's); done receives the saved source's id.
func (g *gui) sourceEditor(id string, done func(id string)) {
	if g.ses == nil {
		return
	}
	s := model.Source{Type: "book"}
	isNew := true
	if x, ok := g.ses.Index().Sources[id]; ok {
		s, isNew = *x, false
	}
	entry := func(v string) *keyEntry {
		e := g.newEntry()
		e.SetText(v)
		return e
	}
	multi := func(v string) *keyEntry {
		e := g.newMultiLineEntry()
		e.SetMinRowsVisible(2)
		e.SetText(v)
		return e
	}
	withPreview := func(e *keyEntry) fyne.CanvasObject { return container.NewVBox(e, previewFor(e)) }
	typeNames := make([]string, len(cslTypes))
	for i, t := range cslTypes {
		typeNames[i] = typeName(t)
	}
	typ := widget.NewSelect(typeNames, nil)
	typ.SetSelected(typeName(s.Type))
	if typ.Selected == "" {
		typ.SetSelected(typeName("book"))
	}
	title := entry(s.Title)
	authors := multi(namesText(s.Authors))
	editors := multi(namesText(s.Editors))
	issued := entry(s.Issued)
	issued.SetPlaceHolder("2016, 2016-05-04")
	container_ := entry(s.ContainerTitle)
	publisher := entry(s.Publisher)
	place := entry(s.PublisherPlace)
	volume, issue, pages, number := entry(s.Volume), entry(s.Issue), entry(s.Pages), entry(s.Number)
	pages.SetPlaceHolder("53-69")
	doi, url := entry(s.DOI), entry(s.URL)
	doi.SetPlaceHolder("10.1080/…")
	key := entry(s.Key)
	lang := widget.NewSelectEntry([]string{"ar", "en", "fr", "de"})
	lang.SetText(s.Language)
	accessed := entry(s.Accessed)
	accessed.SetPlaceHolder("2024-03-01")
	note := multi(s.Note)
	nums := container.NewGridWithColumns(4, volume, issue, pages, number)
	numsHead := container.NewGridWithColumns(4, caption(tr("src.f.volume")), caption(tr("src.f.issue")),
		caption(tr("src.f.pages")), caption(tr("src.f.number")))
	form := newForm(
		formRow(tr("src.type"), typ),
		formRow(tr("src.title"), withPreview(title)),
		formRow(tr("src.authors"), withPreview(authors)),
		formRow(tr("src.f.editors"), withPreview(editors)),
		formRow(tr("src.year"), issued),
		formRow(tr("src.f.container"), withPreview(container_)),
		formRow(tr("src.publisher"), withPreview(publisher)),
		formRow(tr("src.f.place"), withPreview(place)),
		formRow("", container.NewVBox(numsHead, nums)),
		formRow(tr("src.f.doi"), doi),
		formRow(tr("src.f.url"), url),
		formRow(tr("src.f.key"), key),
		formRow(tr("src.f.lang"), lang),
		formRow(tr("src.f.accessed"), accessed),
		formRow(tr("src.f.note"), note),
	)
	head := tr("src.new")
	if !isNew {
		head = tr("src.edit")
	}
	base := g.editBase(app.SourceEntity, s.ID)
	var d *dialog.CustomDialog
	d = g.formDialog(head, tr("dlg.save"), container.NewVScroll(form), fyne.NewSize(760, 680), func() bool {
		x := s
		for i, n := range typeNames {
			if n == typ.Selected {
				x.Type = cslTypes[i]
			}
		}
		x.Title = strings.TrimSpace(title.Text)
		x.Authors, x.Editors = parseNames(authors.Text), parseNames(editors.Text)
		x.Issued = strings.TrimSpace(issued.Text)
		x.ContainerTitle, x.Publisher = strings.TrimSpace(container_.Text), strings.TrimSpace(publisher.Text)
		x.PublisherPlace = strings.TrimSpace(place.Text)
		x.Volume, x.Issue = strings.TrimSpace(volume.Text), strings.TrimSpace(issue.Text)
		x.Pages, x.Number = strings.TrimSpace(pages.Text), strings.TrimSpace(number.Text)
		x.DOI, x.URL, x.Key = strings.TrimSpace(doi.Text), strings.TrimSpace(url.Text), strings.TrimSpace(key.Text)
		x.Language, x.Accessed = strings.TrimSpace(lang.Text), strings.TrimSpace(accessed.Text)
		x.Note = strings.TrimSpace(note.Text)
		if x.Language == "" && isRTL(x.Title) {
			x.Language = model.Arabic
		}
		return g.saveChecked(&base, func(base string) error {
			saved, err := g.ses.SaveSource(x, base)
			if err == nil && done != nil {
				done(saved.ID)
			}
			return err
		}, d.Hide)
	})
}

// caption is a small placeholder-coloured text.
func caption(s string) *bidiText {
	t := newBidiText(s)
	t.size = theme.CaptionTextSize()
	t.colorName = theme.ColorNamePlaceHolder
	t.align = alignUI
	return t
}

// para is a wrapped text aligned with the interface.
func para(s string) *bidiText {
	t := newBidiWrap(s)
	t.align = alignUI
	return t
}

// importSourcesDialog asks for a BibTeX, RIS or CSL-JSON file and imports it.
func (g *gui) importSourcesDialog() {
	if g.ses == nil {
		return
	}
	g.pickFile(tr("fd.import"), []string{".bib", ".ris", ".json"}, g.importSourcesFrom)
}

// importSourcesFrom shows what importing path would do and imports it on
// confirmation, then shows the result.
func (g *gui) importSourcesFrom(path string) {
	pre, err := g.ses.PreviewImportSources(path)
	if err != nil {
		g.showError(err)
		return
	}
	body := importSummary(pre, false)
	var d *dialog.CustomDialog
	d = g.formDialog(tr("imp.title", filepath.Base(path)), tr("imp.do"), container.NewVScroll(body), fyne.NewSize(680, 520), func() bool {
		// Hide first: Fyne drops the dialogs shown above one that hides.
		d.Hide()
		r, err := g.ses.ImportSources(path)
		if err != nil {
			g.showError(err)
			return false
		}
		a, m, rj := r.Counts()
		if g.status != nil {
			g.status.flash(tr("imp.done", a, m, rj))
		}
		g.infoDialog(tr("imp.result"), container.NewVScroll(importSummary(r, true)), fyne.NewSize(680, 460))
		return false
	})
}

// importSummary lists an import's counts, rejected entries and merges.
func importSummary(r *app.SourceImport, done bool) fyne.CanvasObject {
	a, m, rj := r.Counts()
	box := container.NewVBox()
	head := tr("imp.will", a, m, rj)
	if done {
		head = tr("imp.did", a, m, rj)
		if !r.Written {
			head = tr("imp.nothing")
		}
	}
	h := para(head)
	h.bold = true
	box.Add(h)
	box.Add(caption(tr("imp.read", r.Read, strings.ToUpper(string(r.Format)))))
	if rj > 0 {
		box.Add(section(tr("imp.rejected", rj)))
		for _, x := range r.Rejected {
			what := x.Reason
			if x.Key != "" {
				what = x.Key + " — " + x.Reason
			}
			t := para(tr("imp.line", x.Line) + ": " + what)
			t.colorName = theme.ColorNameError
			box.Add(t)
		}
	}
	if m > 0 {
		box.Add(section(tr("imp.merged", m)))
		for _, x := range r.Merges {
			box.Add(para(x.From.Title))
			box.Add(caption(tr("imp.into", r.Titles[x.Into], tr("why."+x.Reason))))
			if len(x.Filled) > 0 {
				box.Add(caption(tr("imp.filled", strings.Join(x.Filled, ", "))))
			}
			if len(x.Conflicts) > 0 {
				box.Add(caption(tr("imp.kept", strings.Join(x.Conflicts, ", "))))
			}
		}
	}
	if a > 0 {
		box.Add(section(tr("imp.added", a)))
		for i, x := range r.Added {
			if i == 50 {
				box.Add(caption(tr("del.andmore", a-50)))
				break
			}
			s := x
			box.Add(para(sourceShort(&s) + " — " + x.Title))
		}
	}
	if done && r.Written {
		box.Add(caption(tr("del.undo")))
	}
	return box
}

// exportSourcesDialog writes the sources of the project or of the current
// view as BibTeX, RIS or CSL-JSON.
func (g *gui) exportSourcesDialog() {
	if g.ses == nil {
		return
	}
	formats := []string{"BibTeX (.bib)", "RIS (.ris)", "CSL-JSON (.json)"}
	exts := []string{".bib", ".ris", ".json"}
	format := widget.NewRadioGroup(formats, nil)
	scopes := []string{tr("exp.src.all")}
	scopeIDs := []string{""}
	for _, v := range g.ses.Project().Views {
		scopes = append(scopes, v.Name.Get(uiLang()))
		scopeIDs = append(scopeIDs, v.ID)
	}
	scope := widget.NewSelect(scopes, nil)
	scope.SetSelected(scopes[0])
	base := strings.TrimSuffix(filepath.Base(g.ses.Path()), filepath.Ext(g.ses.Path()))
	file := g.newEntry()
	file.SetText(filepath.Join(filepath.Dir(g.ses.Path()), base+"-refs.bib"))
	format.OnChanged = func(f string) {
		for i, x := range formats {
			if x == f {
				p := file.Text
				file.SetText(strings.TrimSuffix(p, filepath.Ext(p)) + exts[i])
			}
		}
	}
	format.SetSelected(formats[0])
	count := caption("")
	upd := func() {
		id := scopeIDs[indexOf(scopes, scope.Selected)]
		var v *model.View
		if id != "" {
			v = g.ses.Index().Views[id]
		}
		count.SetText(tr("exp.src.count", len(biblio.ViewSources(g.ses.Project(), v))))
	}
	scope.OnChanged = func(string) { upd() }
	upd()
	form := newForm(
		formRow(tr("exp.format"), format),
		formRow(tr("exp.src.scope"), container.NewVBox(scope, count)),
		formRow(tr("exp.file"), g.fileField(file)),
	)
	var d *dialog.CustomDialog
	d = g.formDialog(tr("exp.src.title"), tr("exp.export"), form, fyne.NewSize(640, 360), func() bool {
		d.Hide() // before any other dialog: Fyne drops those shown above one that hides
		path := strings.TrimSpace(file.Text)
		id := scopeIDs[indexOf(scopes, scope.Selected)]
		do := func() {
			n, err := g.ses.ExportSources(path, id)
			if err != nil {
				g.showError(err)
				return
			}
			msg := tr("exp.src.done", n, path)
			if g.status != nil {
				g.status.flash(msg)
			}
			g.infoDialog(tr("exp.src.title"), para(msg), fyne.NewSize(560, 0))
		}
		if _, err := os.Stat(path); err == nil {
			dialog.ShowConfirm(tr("exp.src.title"), tr("exp.overwrite", filepath.Base(path)), func(ok bool) {
				if ok {
					do()
				}
			}, g.win)
			return false
		}
		do()
		return false
	})
}

// duplicatesDialog lists the groups of sources that look like one record
// and merges a group into the source chosen to keep (one undoable edit per
// group). picked receives the kept source's id.
func (g *gui) duplicatesDialog(picked func(id string)) {
	if g.ses == nil {
		return
	}
	box := container.NewVBox()
	var fill func()
	fill = func() {
		box.RemoveAll()
		groups := g.ses.DuplicateSources()
		if len(groups) == 0 {
			box.Add(para(tr("dup.none")))
			box.Refresh()
			return
		}
		box.Add(para(tr("dup.intro", len(groups))))
		counts := g.ses.CitationCounts()
		for _, grp := range groups {
			grp := grp
			keep := grp[0]
			var checks []*widget.Check
			rows := container.NewVBox()
			for i, id := range grp {
				id := id
				s := g.ses.Index().Sources[id]
				c := widget.NewCheck("", nil)
				c.SetChecked(i == 0)
				checks = append(checks, c)
				txt := para(sourceShort(s) + " — " + s.Title)
				detail := caption(tr("dup.detail", counts[id], strings.TrimSpace(s.DOI+" "+s.Key)))
				rows.Add(container.NewBorder(nil, nil, dirLeft(c), dirRight(c), container.NewVBox(txt, detail)))
				c.OnChanged = func(on bool) {
					if on {
						keep = id
						for _, o := range checks {
							if o != c && o.Checked {
								o.SetChecked(false)
							}
						}
					} else if keep == id {
						c.SetChecked(true) // one must stay chosen
					}
				}
			}
			merge := widget.NewButtonWithIcon(tr("dup.merge"), theme.ConfirmIcon(), func() {
				var drop []string
				for _, id := range grp {
					if id != keep {
						drop = append(drop, id)
					}
				}
				if _, err := g.ses.MergeSources(keep, drop...); err != nil {
					g.showError(err)
					return
				}
				if g.status != nil {
					g.status.flash(tr("dup.done", len(drop)))
				}
				if picked != nil {
					picked(keep)
				}
				fill()
			})
			merge.Importance = widget.HighImportance
			box.Add(widget.NewSeparator())
			box.Add(caption(tr("dup.keep")))
			box.Add(rows)
			box.Add(container.NewHBox(joinDir[fyne.CanvasObject](merge)...))
		}
		box.Refresh()
	}
	fill()
	g.infoDialog(tr("dup.title"), container.NewVScroll(box), fyne.NewSize(720, 560))
}

// dirLeft and dirRight place an object at the start of a row: left in
// English, right in Arabic (the other side gets nil).
func dirLeft(o fyne.CanvasObject) fyne.CanvasObject {
	if rtl() {
		return nil
	}
	return o
}

func dirRight(o fyne.CanvasObject) fyne.CanvasObject {
	if rtl() {
		return o
	}
	return nil
}

// bibliographyDialog shows the formatted reference list (APA 7th, Arabic
// entries first) of the project or the current view, and copies it as
// text, Markdown or HTML.
func (g *gui) bibliographyDialog() {
	if g.ses == nil {
		return
	}
	scopes := []string{tr("exp.src.all")}
	scopeIDs := []string{""}
	cur := 0
	for _, v := range g.ses.Project().Views {
		scopes = append(scopes, v.Name.Get(uiLang()))
		scopeIDs = append(scopeIDs, v.ID)
		if v.ID == g.viewID {
			cur = len(scopes) - 1
		}
	}
	scope := widget.NewSelect(scopes, nil)
	formats := []string{"Text", "Markdown", "HTML"}
	fmts := []biblio.Format{biblio.Text, biblio.Markdown, biblio.HTML}
	format := widget.NewSelect(formats, nil)
	format.SetSelected(formats[0])
	list := container.NewVBox()
	count := caption("")
	current := func() string { return scopeIDs[max(indexOf(scopes, scope.Selected), 0)] }
	fill := func() {
		list.RemoveAll()
		var v *model.View
		if id := current(); id != "" {
			v = g.ses.Index().Views[id]
		}
		entries := biblio.Sort(biblio.ViewSources(g.ses.Project(), v))
		count.SetText(tr("exp.src.count", len(entries)))
		for _, e := range entries {
			t := newBidiWrap(e.Format(biblio.Text))
			t.align = alignAuto
			list.Add(t)
		}
		list.Refresh()
	}
	scope.OnChanged = func(string) { fill() }
	scope.SetSelected(scopes[cur])
	copyBtn := widget.NewButtonWithIcon(tr("bib.copy"), theme.ContentCopyIcon(), func() {
		g.copyText(g.ses.Bibliography(current(), fmts[max(indexOf(formats, format.Selected), 0)]))
	})
	bar := container.NewHBox(joinDir[fyne.CanvasObject](scope, format, copyBtn)...)
	var top fyne.CanvasObject
	if rtl() {
		top = container.NewBorder(nil, nil, bar, nil, count)
	} else {
		top = container.NewBorder(nil, nil, nil, bar, count)
	}
	g.infoDialog(tr("bib.title"), container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(list))), fyne.NewSize(820, 620))
}
