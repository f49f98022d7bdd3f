package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
)

// importAnyDialog asks for a file of any format Khareeta reads (File ›
// Import…): a map (CmapTools, GraphML, JSON Canvas, CSV), a Khareeta
// project JSON, or references (BibTeX, RIS, CSL-JSON); the format is
// detected from the file.
func (g *gui) importAnyDialog() {
	if g.ses == nil {
		return
	}
	g.pickFile(tr("fd.importany"), app.ImportExtensions(), g.importAnyFrom)
}

// importAnyFrom imports the file at path by its format: references go
// through the sources' import (a preview, then one undoable edit); maps
// and project JSON through app.ImportFile, as `khareeta import` does,
// after a dry run that shows what would change.
func (g *gui) importAnyFrom(path string) {
	f, err := app.DetectImport(path)
	if err != nil {
		g.showError(err)
		return
	}
	if f.Holds == app.HoldsSources {
		g.importSourcesFrom(path)
		return
	}
	g.status.start()
	g.runAsync(func() {
		pre, err := g.ses.ImportFile(app.ImportOptions{From: path, DryRun: true})
		g.do(func() {
			g.status.stop()
			var ne *app.NewerError
			if err != nil && !errors.As(err, &ne) {
				g.showError(err)
				return
			}
			g.confirmImport(path, pre, ne != nil)
		})
	})
}

// confirmImport shows what importing path would do and imports on
// confirmation (replacing newer records only when the user says so).
func (g *gui) confirmImport(path string, pre *app.ImportResult, newer bool) {
	body := container.NewVBox(importMapSummary(pre, false))
	confirm := tr("imp.do")
	if newer || len(pre.Newer) > 0 {
		confirm = tr("imx.replacenewer")
	}
	var d *dialog.CustomDialog
	d = g.formDialog(tr("imp.title", filepath.Base(path)), confirm, container.NewVScroll(body), fyne.NewSize(700, 520), func() bool {
		d.Hide() // first: Fyne drops the dialogs shown above one that hides
		g.status.start()
		g.runAsync(func() {
			res, err := g.ses.ImportFile(app.ImportOptions{From: path, ReplaceNewer: newer || len(pre.Newer) > 0})
			g.do(func() {
				g.status.stop()
				if err != nil {
					g.showError(err)
					return
				}
				// the window reads the project again, on its goroutine
				if err := g.ses.Reload(); err != nil {
					g.showError(err)
				}
				g.status.flash(tr("imx.done", filepath.Base(path)))
				g.infoDialog(tr("imp.result"), container.NewVScroll(importMapSummary(res, true)), fyne.NewSize(700, 480))
			})
		})
		return false
	})
}

// importMapSummary lists what an import of a map or a project JSON adds,
// changes and leaves, where the map's places went, what was left out and
// which newer records it replaces.
func importMapSummary(r *app.ImportResult, done bool) fyne.CanvasObject {
	box := container.NewVBox()
	head := tr("imx.will", r.Format)
	if done {
		head = tr("imx.did", r.Format)
	}
	h := para(head)
	h.bold = true
	box.Add(h)
	any := false
	for _, n := range []struct {
		key string
		c   app.ImportCounts
	}{{"imx.concepts", r.Concepts}, {"imx.relations", r.Relations}, {"imx.sources", r.Sources},
		{"imx.citations", r.Citations}, {"imx.views", r.Views}, {"imx.positions", r.Positions}} {
		if n.c == (app.ImportCounts{}) {
			continue
		}
		any = true
		box.Add(para(tr(n.key) + ": " + tr("imx.counts", n.c.Added, n.c.Changed, n.c.Unchanged)))
	}
	if !any {
		box.Add(para(tr("imx.nothing")))
	}
	if r.PlacedOn != "" {
		on := r.PlacedOn
		if on == "all concepts" {
			on = tr("views.all")
		}
		box.Add(section(tr("imx.places")))
		box.Add(para(tr("imx.placedon", on)))
	}
	if len(r.Skipped)+len(r.Ignored) > 0 {
		box.Add(section(tr("imx.left")))
		for _, x := range r.Skipped {
			box.Add(para(x))
		}
		for _, c := range r.Ignored {
			box.Add(para(tr("imx.column", c)))
		}
	}
	if len(r.Newer) > 0 {
		box.Add(section(tr("imx.newer", len(r.Newer))))
		for i, x := range r.Newer {
			if i == 30 {
				box.Add(caption(tr("del.andmore", len(r.Newer)-30)))
				break
			}
			t := para(x.Label)
			t.colorName = theme.ColorNameWarning
			box.Add(t)
		}
	}
	box.Add(caption(tr("imx.noundo")))
	return box
}

// dataFormat is a format of the "Export to other programs" dialog.
type dataFormat struct {
	name, ext, label string
	wholeProject     bool
}

func dataFormats() []dataFormat {
	return []dataFormat{
		{"cxl", ".cxl", "CmapTools (.cxl)", false},
		{"graphml", ".graphml", "GraphML — yEd, Gephi (.graphml)", false},
		{"canvas", ".canvas", "JSON Canvas — Obsidian (.canvas)", false},
		{"csv", ".csv", tr("ix.csv"), false},
		{"relations-csv", ".relations.csv", tr("ix.relcsv"), false},
		{"project", ".json", tr("ix.json"), true},
	}
}

// interchangeDialog writes the project, or a view's map, in a format other
// programs read (File › Export to other programs…), with app.ExportFile,
// the function `khareeta export` calls.
func (g *gui) interchangeDialog() {
	if g.ses == nil {
		return
	}
	fs := dataFormats()
	var labels []string
	for _, f := range fs {
		labels = append(labels, f.label)
	}
	format := widget.NewRadioGroup(labels, nil)
	scopes := []string{tr("exp.src.all")}
	scopeIDs := []string{""}
	for _, v := range g.ses.Project().Views {
		scopes = append(scopes, v.Name.Get(g.labelLang()))
		scopeIDs = append(scopeIDs, v.ID)
	}
	scope := widget.NewSelect(scopes, nil)
	scope.SetSelectedIndex(max(0, indexOf(scopeIDs, g.viewID)))
	project := g.ses.Project().Meta.Title.Get(g.labelLang())
	if project == "" {
		project = strings.TrimSuffix(filepath.Base(g.ses.Path()), filepath.Ext(g.ses.Path()))
	}
	chosen := func() dataFormat {
		for i, l := range labels {
			if l == format.Selected {
				return fs[i]
			}
		}
		return fs[0]
	}
	file := g.newEntry()
	name := func() string {
		f := chosen()
		view := ""
		if !f.wholeProject && scope.SelectedIndex() > 0 {
			view = scope.Selected
		}
		return app.ExportFileName(project, view, f.ext)
	}
	file.SetText(filepath.Join(g.exportDir(), name()))
	note := caption("")
	update := func() {
		file.SetText(filepath.Join(filepath.Dir(file.Text), name()))
		if chosen().wholeProject {
			scope.Disable()
			note.SetText(tr("ix.note.json"))
		} else {
			scope.Enable()
			note.SetText(tr("ix.note.map"))
		}
	}
	format.OnChanged = func(string) { update() }
	scope.OnChanged = func(string) { update() }
	format.SetSelected(labels[0])
	form := newForm(
		formRow(tr("exp.format"), format),
		formRow(tr("ix.scope"), scope),
		formRow(tr("exp.file"), g.fileField(file)),
	)
	var d *dialog.CustomDialog
	d = g.formDialog(tr("ix.title"), tr("exp.export"), container.NewVBox(form, note), fyne.NewSize(700, 470), func() bool {
		out := strings.TrimSpace(file.Text)
		f := chosen()
		o := app.DataExportOptions{Format: f.name}
		if !f.wholeProject {
			o.View = scopeIDs[max(0, scope.SelectedIndex())]
		}
		write := func() {
			d.Hide()
			path := g.ses.Path()
			g.status.start()
			g.runAsync(func() {
				res, err := app.ExportFile(path, out, nil, o)
				g.do(func() {
					g.status.stop()
					if err != nil {
						g.showError(err)
						return
					}
					g.rememberExportDir(out)
					msg := tr("ix.done", res.What, ltr(out))
					g.status.flash(msg)
					g.infoDialog(tr("ix.title"), para(msg), fyne.NewSize(600, 0))
				})
			})
		}
		if st, err := os.Stat(filepath.Dir(out)); err != nil || !st.IsDir() {
			g.showError(fmt.Errorf("export %s: the folder %s does not exist", filepath.Base(out), ltr(filepath.Dir(out))))
			return false
		}
		if _, err := os.Stat(out); err == nil {
			g.confirmReplace(tr("ix.title"), []string{filepath.Base(out)}, write)
			return false
		}
		write()
		return false
	})
}
