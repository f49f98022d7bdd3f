package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// viewChoice is a select of the views an export can draw: every concept,
// the project's views and, when the map shows one, a concept's
// neighbourhood; the map's view is chosen.
type viewChoice struct {
	g   *gui
	ids []string
	sel *widget.Select
}

func (g *gui) newViewChoice() *viewChoice {
	vc := &viewChoice{g: g, ids: []string{""}}
	names := []string{tr("views.all")}
	for _, v := range g.ses.Project().Views {
		names = append(names, v.Name.Get(g.labelLang()))
		vc.ids = append(vc.ids, v.ID)
	}
	cur := g.viewID
	if g.neigh != "" {
		names = append(names, g.currentView().Name.Get(uiLang()))
		vc.ids = append(vc.ids, neighChoice)
		cur = neighChoice
	}
	vc.sel = widget.NewSelect(names, nil)
	vc.sel.SetSelectedIndex(max(0, indexOf(vc.ids, cur)))
	return vc
}

// options are the export options of the chosen view (in the labels'
// language of the map).
func (vc *viewChoice) options() app.ExportOptions {
	g := vc.g
	id := vc.ids[max(0, vc.sel.SelectedIndex())]
	switch id {
	case neighChoice:
		return g.exportOptions()
	case "":
		return app.ExportOptions{Lang: g.labelLang(), Direction: g.defaultDirection()}
	}
	return app.ExportOptions{ViewID: id, Lang: g.labelLang()}
}

// fileName is "PROJECT — VIEW — what.ext" for the chosen view.
func (vc *viewChoice) fileName(what, ext string) string {
	g := vc.g
	project := g.ses.Project().Meta.Title.Get(g.labelLang())
	if project == "" {
		project = strings.TrimSuffix(filepath.Base(g.ses.Path()), filepath.Ext(g.ses.Path()))
	}
	view := ""
	if id := vc.ids[max(0, vc.sel.SelectedIndex())]; id != "" {
		view = vc.sel.Selected
	}
	if what != "" {
		if view != "" {
			view += " — " + what
		} else {
			view = what
		}
	}
	return app.ExportFileName(project, view, ext)
}

// presentExportDialog writes a presentation of a view: a PDF with a page
// per step (the whole view last), or numbered PNG images.
func (g *gui) presentExportDialog() {
	if g.ses == nil {
		return
	}
	vc := g.newViewChoice()
	targets := []string{"slide-16x9", "slide-4x3"}
	target := widget.NewSelect([]string{tr("tg.slide-16x9"), tr("tg.slide-4x3")}, nil)
	target.SetSelectedIndex(0)
	format := widget.NewRadioGroup([]string{tr("pres.pdf"), tr("pres.pngs")}, nil)
	format.SetSelected(format.Options[0])
	file := g.newEntry()
	ext := func() string {
		if format.Selected == format.Options[1] {
			return ".png"
		}
		return ".pdf"
	}
	name := func() string { return vc.fileName(tr("pres.suffix"), ext()) }
	file.SetText(filepath.Join(g.exportDir(), name()))
	vc.sel.OnChanged = func(string) { file.SetText(filepath.Join(filepath.Dir(file.Text), name())) }
	format.OnChanged = func(string) {
		p := file.Text
		file.SetText(strings.TrimSuffix(p, filepath.Ext(p)) + ext())
	}
	note := caption(tr("pres.exportnote"))
	form := newForm(
		formRow(tr("exp.view"), vc.sel),
		formRow(tr("exp.target"), target),
		formRow(tr("exp.format"), format),
		formRow(tr("exp.file"), g.fileField(file)),
	)
	var d fyne.CanvasObject = container.NewVBox(form, note)
	dlg := g.formDialog(tr("presexp.title"), tr("exp.export"), d, fyne.NewSize(680, 380), nil)
	g.topDialog().buttons["confirm"].OnTapped = func() {
		out := strings.TrimSpace(file.Text)
		o := app.PresentOptions{ExportOptions: vc.options()}
		o.Fit = targets[max(0, target.SelectedIndex())]
		write := func() {
			dlg.Hide()
			g.runExport(func(ctx context.Context, p *model.Project) ([]string, error) {
				pr, err := app.ExportPresentation(ctx, p, out, o)
				if err != nil {
					return nil, err
				}
				// a line each: a step's title reads in its own direction
				lines := []string{tr("presexp.done", len(pr.Steps), ltr(filepath.Base(pr.Files[0])), len(pr.Files))}
				for i, st := range pr.Steps {
					lines = append(lines, uiMark()+tr("presexp.step", i+1, st.Title+uiMark(), len(st.Concepts)))
				}
				return append(lines, pr.Warnings...), nil
			}, out, tr("presexp.title"))
		}
		// the files a presentation writes are known once it is laid out:
		// ask about the first (the PDF, or OUT-1.png)
		first := out
		if ext() == ".png" {
			first = app.SheetFiles(out, 2)[0]
		}
		if _, err := os.Stat(first); err == nil {
			g.confirmReplace(tr("presexp.title"), []string{filepath.Base(first)}, write)
			return
		}
		write()
	}
	g.onSubmit(g.topDialog().buttons["confirm"].OnTapped)
}

// handoutDialog writes a handout of a view as a PDF: the map, every
// concept with its evidence, the references.
func (g *gui) handoutDialog() {
	if g.ses == nil {
		return
	}
	vc := g.newViewChoice()
	paper := widget.NewRadioGroup([]string{"A4", "A3"}, nil)
	paper.Horizontal = true
	paper.SetSelected("A4")
	file := g.newEntry()
	name := func() string { return vc.fileName(tr("hand.suffix"), ".pdf") }
	file.SetText(filepath.Join(g.exportDir(), name()))
	vc.sel.OnChanged = func(string) { file.SetText(filepath.Join(filepath.Dir(file.Text), name())) }
	form := newForm(
		formRow(tr("exp.view"), vc.sel),
		formRow(tr("hand.paper"), paper),
		formRow(tr("exp.file"), g.fileField(file)),
	)
	content := container.NewVBox(form, caption(tr("hand.note")))
	dlg := g.formDialog(tr("hand.title"), tr("exp.export"), content, fyne.NewSize(680, 340), nil)
	g.topDialog().buttons["confirm"].OnTapped = func() {
		out := strings.TrimSpace(file.Text)
		o := app.HandoutOptions{ExportOptions: vc.options(), Paper: strings.ToLower(paper.Selected)}
		write := func() {
			dlg.Hide()
			g.runExport(func(ctx context.Context, p *model.Project) ([]string, error) {
				h, err := app.ExportHandout(ctx, p, out, o)
				if err != nil {
					return nil, err
				}
				return append([]string{tr("hand.done", ltr(filepath.Base(h.File)), len(h.Sheets), h.MapPages, len(h.Scene.Nodes), len(h.Sources))}, h.Warnings...), nil
			}, out, tr("hand.title"))
		}
		if _, err := os.Stat(out); err == nil {
			g.confirmReplace(tr("hand.title"), []string{filepath.Base(out)}, write)
			return
		}
		write()
	}
	g.onSubmit(g.topDialog().buttons["confirm"].OnTapped)
}

// runExport runs an export off the window's goroutine with the status
// bar's progress, then remembers the folder and shows what was written
// (or the error).
func (g *gui) runExport(do func(ctx context.Context, p *model.Project) ([]string, error), out, title string) {
	if st, err := os.Stat(filepath.Dir(out)); err != nil || !st.IsDir() {
		g.showError(&os.PathError{Op: "export", Path: filepath.Dir(out), Err: os.ErrNotExist})
		return
	}
	p := g.ses.Snapshot()
	g.status.start()
	g.runAsync(func() {
		lines, err := do(context.Background(), p)
		g.do(func() {
			g.status.stop()
			if err != nil {
				g.showError(err)
				return
			}
			g.rememberExportDir(out)
			g.status.flash(tr("exp.done", ltr(out)))
			box := container.NewVBox()
			for _, l := range lines {
				box.Add(para(l))
			}
			g.infoDialog(title, box, fyne.NewSize(620, 0))
		})
	})
}
