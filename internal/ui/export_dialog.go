package ui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// exportOptions turns the current view into export options (the same
// view, focus and label language as the map).
func (g *gui) exportOptions() app.ExportOptions {
	o := app.ExportOptions{ViewID: g.viewID, Lang: g.labelLang()}
	if g.neigh != "" {
		o.ViewID = ""
		o.Focus, o.Depth = g.neigh, 1
		o.Direction = g.defaultDirection()
	} else if g.viewID == "" {
		o.Direction = g.defaultDirection()
	}
	return o
}

// exportDialog exports the current view to PNG, SVG, PDF or DOT with a
// legend, a title and the cited sources; the file is what
// `khareeta render` writes with the command line the dialog shows.
func (g *gui) exportDialog() {
	if g.ses == nil {
		return
	}
	o := g.exportOptions()
	v := g.currentView()
	format := widget.NewRadioGroup([]string{"PNG", "SVG", "PDF", "DOT"}, nil)
	format.Horizontal = true
	format.SetSelected("PNG")
	scale := widget.NewSelect([]string{"1", "2", "3", "4"}, nil)
	scale.SetSelected("2")
	pageOpts := []string{tr("exp.page.fit"), "A4", "A3"}
	page := widget.NewSelect(pageOpts, nil)
	page.SetSelected(pageOpts[0])
	legend := widget.NewCheck(tr("exp.legend"), nil)
	legend.SetChecked(true)
	showTitle := widget.NewCheck(tr("exp.showtitle"), nil)
	showTitle.SetChecked(true)
	title := g.newEntry()
	title.SetText(v.Name.Get(g.labelLang()))
	if g.viewID == "" && g.neigh == "" {
		title.SetText(g.ses.Project().Meta.Title.Get(g.labelLang()))
	}
	sources := widget.NewCheck(tr("exp.sources"), nil)
	langOpts := []string{"العربية", "English"}
	lang := widget.NewSelect(langOpts, nil)
	if o.Lang == model.English {
		lang.SetSelected("English")
	} else {
		lang.SetSelected("العربية")
	}
	base := strings.TrimSuffix(filepath.Base(g.ses.Path()), filepath.Ext(g.ses.Path()))
	file := g.newEntry()
	file.SetText(filepath.Join(filepath.Dir(g.ses.Path()), base+".png"))
	format.OnChanged = func(f string) {
		ext := "." + strings.ToLower(f)
		p := file.Text
		file.SetText(strings.TrimSuffix(p, filepath.Ext(p)) + ext)
		if f == "PNG" {
			scale.Enable()
		} else {
			scale.Disable()
		}
		if f == "PDF" {
			page.Enable()
		} else {
			page.Disable()
		}
	}
	page.Disable()
	cmdLabel := newBidiText(tr("exp.cli"))
	cmdLabel.size = theme.CaptionTextSize()
	cmdLabel.colorName = theme.ColorNamePlaceHolder
	cmdLabel.align = alignUI
	cmd := newBidiWrap("")
	cmd.size = theme.CaptionTextSize()
	cmd.colorName = theme.ColorNamePlaceHolder
	cmd.dir = text.LTR
	collect := func() (app.ExportOptions, string) {
		opts := o
		opts.Legend = legend.Checked
		opts.Sources = sources.Checked
		if showTitle.Checked {
			opts.Title = title.Text
		}
		opts.Lang = model.Arabic
		if lang.Selected == "English" {
			opts.Lang = model.English
		}
		opts.Scale, _ = strconv.ParseFloat(scale.Selected, 64)
		switch page.Selected {
		case "A4":
			opts.Page = "a4"
		case "A3":
			opts.Page = "a3"
		}
		return opts, file.Text
	}
	updateCmd := func() {
		opts, out := collect()
		cmd.SetText(opts.CommandLine(g.ses.Path(), out))
	}
	for _, c := range []*widget.Check{legend, showTitle, sources} {
		c.OnChanged = func(bool) { updateCmd() }
	}
	prevFormat := format.OnChanged
	format.OnChanged = func(s string) { prevFormat(s); updateCmd() }
	scale.OnChanged = func(string) { updateCmd() }
	page.OnChanged = func(string) { updateCmd() }
	lang.OnChanged = func(string) { updateCmd() }
	title.OnChanged = func(string) { updateCmd() }
	file.OnChanged = func(string) { updateCmd() }
	updateCmd()
	prog := widget.NewProgressBarInfinite()
	prog.Stop()
	prog.Hide()
	titleRow := container.NewVBox(showTitle, title, previewFor(title))
	form := newForm(
		formRow(tr("exp.format"), format),
		formRow(tr("exp.scale"), scale),
		formRow(tr("exp.page"), page),
		formRow(tr("exp.lang"), lang),
		formRow(tr("exp.showtitle"), titleRow),
		formRow("", container.NewVBox(legend, sources)),
		formRow(tr("exp.file"), g.fileField(file)),
	)
	content := container.NewVBox(form, cmdLabel, cmd, prog)
	var dlg *dialog.CustomDialog
	exportBtn := widget.NewButtonWithIcon(tr("exp.export"), theme.DownloadIcon(), nil)
	exportBtn.Importance = widget.HighImportance
	cancelBtn := widget.NewButton(tr("dlg.cancel"), nil)
	var cancel context.CancelFunc
	cancelBtn.OnTapped = func() {
		if cancel != nil {
			cancel()
		}
		dlg.Hide()
	}
	exportBtn.OnTapped = func() {
		opts, out := collect()
		if _, err := os.Stat(filepath.Dir(out)); err != nil {
			g.showError(err)
			return
		}
		p := g.ses.Snapshot()
		exportBtn.Disable()
		prog.Show()
		prog.Start()
		g.status.start()
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.Background())
		runAsync(func() {
			_, err := app.Export(ctx, p, out, opts)
			fyne.Do(func() {
				g.status.stop()
				prog.Stop()
				prog.Hide()
				exportBtn.Enable()
				if err != nil {
					if ctx.Err() == nil {
						g.showError(err)
					}
					return
				}
				dlg.Hide()
				g.status.flash(tr("exp.done", ltr(out)))
			})
		})
	}
	dlg = g.newDialog(tr("exp.title"), content)
	g.onSubmit(func() { exportBtn.OnTapped() })
	dlg.SetButtons(joinDir[fyne.CanvasObject](cancelBtn, exportBtn))
	dlg.Resize(fyne.NewSize(700, 600))
	dlg.Show()
}
