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

// neighChoice is the view list's entry for the neighbourhood the map shows.
const neighChoice = "@neighbourhood"

// exportForm is the export dialog: which view, for what target, in which
// format and style, the plan of what will be written, and what to do when
// the view cannot be read at the target's size (see export_plan.go).
type exportForm struct {
	g *gui

	viewIDs   []string // "" every concept, neighChoice the map's neighbourhood
	view      *widget.Select
	targetIDs []string
	target    *widget.Select
	width     *keyEntry
	format    *widget.RadioGroup
	styleIDs  []string
	style     *widget.Select
	lang      *widget.Select
	showTitle *widget.Check
	title     *keyEntry
	legend    *widget.Check
	sources   *widget.Check
	file      *keyEntry
	cmd       *bidiText

	plan      *bidiText
	planProg  *widget.ProgressBarInfinite
	offer     *fyne.Container // shown when the view cannot be read on one sheet
	choice    *widget.RadioGroup
	kindBox   *fyne.Container
	kindIDs   []string
	kindCheck []*widget.Check
	focusIDs  []string
	focus     *widget.Select
	saveView  *widget.Button
	exportBtn *widget.Button
	dlg       *dialog.CustomDialog

	// base is the plan of the view as chosen, res the plan of what will be
	// written (the view narrowed by the chosen kinds or neighbourhood).
	base, res *app.FitResult
	planErr   error
	gen       int // counts plans; a plan that comes back late is dropped
	cancel    context.CancelFunc
}

// The choices offered when a view cannot be read at the target's size.
const (
	choiceSplit = iota
	choiceKinds
	choiceNeigh
)

// exportDialog exports a view for a slide, a page, a poster or an image
// width, as PNG, SVG or PDF. It shows the plan (size, pages, smallest
// label) before writing, and when the view cannot be read at the target's
// size it says so and offers a split into pages, a smaller view (some
// kinds, or one concept's neighbourhood) or cancelling: the map is never
// shrunk below a readable size without the user choosing it.
func (g *gui) exportDialog() {
	if g.ses == nil {
		return
	}
	f := &exportForm{g: g}
	f.build()
}

func (f *exportForm) build() {
	g := f.g
	o := g.exportOptions()
	// views: the same choice as the presentation's export
	vc := g.newViewChoice()
	f.view, f.viewIDs = vc.sel, vc.ids
	// targets
	f.targetIDs = app.Targets()
	var tnames []string
	for _, t := range f.targetIDs {
		tnames = append(tnames, tr("tg."+t))
	}
	f.target = widget.NewSelect(tnames, nil)
	f.target.SetSelectedIndex(0)
	f.width = g.newEntry()
	f.width.SetText("1600")
	f.width.Disable()
	// format, style, language
	f.format = widget.NewRadioGroup([]string{"PNG", "SVG", "PDF"}, nil)
	f.format.Horizontal = true
	f.format.SetSelected("PNG")
	f.styleIDs = append([]string{""}, app.Styles()...)
	var snames []string
	for _, s := range f.styleIDs {
		key := s
		if key == "" {
			key = "kinds"
		}
		snames = append(snames, tr("style."+key))
	}
	f.style = widget.NewSelect(snames, nil)
	f.style.SetSelectedIndex(0)
	f.lang = widget.NewSelect([]string{"العربية", "English"}, nil)
	if o.Lang == model.English {
		f.lang.SetSelected("English")
	} else {
		f.lang.SetSelected("العربية")
	}
	f.showTitle = widget.NewCheck(tr("exp.showtitle"), nil)
	f.showTitle.SetChecked(true)
	f.title = g.newEntry()
	f.title.SetText(f.viewTitle())
	f.legend = widget.NewCheck(tr("exp.legend"), nil)
	f.legend.SetChecked(true)
	f.sources = widget.NewCheck(tr("exp.sources"), nil)
	f.file = g.newEntry()
	f.file.SetText(filepath.Join(g.exportDir(), f.defaultName()))
	// the command line
	cmdLabel := newBidiText(tr("exp.cli"))
	cmdLabel.size = theme.CaptionTextSize()
	cmdLabel.colorName = theme.ColorNamePlaceHolder
	cmdLabel.align = alignUI
	f.cmd = newBidiWrap("")
	f.cmd.size = theme.CaptionTextSize()
	f.cmd.colorName = theme.ColorNamePlaceHolder
	f.cmd.dir = text.LTR
	// the plan and the offer
	f.plan = para("")
	f.planProg = widget.NewProgressBarInfinite()
	f.planProg.Stop()
	f.planProg.Hide()
	f.buildOffer()

	f.view.OnChanged = func(string) {
		f.title.SetText(f.viewTitle())
		f.file.SetText(filepath.Join(filepath.Dir(f.file.Text), f.defaultName()))
		f.resetOffer()
		f.replan()
	}
	f.target.OnChanged = func(string) {
		if f.targetID() == "width=N" || strings.HasPrefix(f.targetID(), "width=") {
			f.width.Enable()
		} else {
			f.width.Disable()
		}
		f.resetOffer()
		f.replan()
	}
	f.width.OnChanged = func(string) { f.replan() }
	f.format.OnChanged = func(s string) {
		if s == "" {
			f.format.SetSelected("PNG")
			return
		}
		pth := f.file.Text
		f.file.SetText(strings.TrimSuffix(pth, filepath.Ext(pth)) + "." + strings.ToLower(s))
		if s == "SVG" {
			f.target.Disable()
		} else {
			f.target.Enable()
		}
		f.replan()
	}
	for _, s := range []*widget.Select{f.style, f.lang} {
		s.OnChanged = func(string) { f.replan() }
	}
	for _, c := range []*widget.Check{f.showTitle, f.legend, f.sources} {
		c.OnChanged = func(bool) { f.replan() }
	}
	f.title.OnChanged = func(string) { f.replan() }
	f.file.OnChanged = func(string) { f.updateCmd() }

	targetRow := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(tr("exp.px")), sized(f.width, 90)), f.target)
	if rtl() {
		targetRow = container.NewBorder(nil, nil, container.NewHBox(sized(f.width, 90), widget.NewLabel(tr("exp.px"))), nil, f.target)
	}
	titleRow := container.NewVBox(f.showTitle, f.title, previewFor(f.title))
	form := newForm(
		formRow(tr("exp.view"), f.view),
		formRow(tr("exp.target"), targetRow),
		formRow(tr("exp.format"), f.format),
		formRow(tr("exp.style"), f.style),
		formRow(tr("exp.lang"), f.lang),
		formRow(tr("exp.showtitle"), titleRow),
		formRow("", container.NewVBox(f.legend, f.sources)),
		formRow(tr("exp.file"), g.fileField(f.file)),
	)
	// the form on the reading side, the plan and the offer beside it
	planBox := container.NewVBox(section(tr("exp.plan")), f.plan, f.planProg, f.offer, widget.NewSeparator(), cmdLabel, f.cmd)
	content := container.NewGridWithColumns(2, joinDir[fyne.CanvasObject](container.NewVScroll(form), container.NewVScroll(planBox))...)

	f.exportBtn = widget.NewButtonWithIcon(tr("exp.export"), theme.DownloadIcon(), f.export)
	f.exportBtn.Importance = widget.HighImportance
	cancelBtn := widget.NewButtonWithIcon(tr("dlg.cancel"), theme.CancelIcon(), func() {
		if f.cancel != nil {
			f.cancel()
		}
		f.gen++
		f.dlg.Hide()
	})
	f.dlg = g.newDialog(tr("exp.title"), content)
	g.onSubmit(f.export)
	od := g.topDialog()
	od.buttons["confirm"], od.buttons["cancel"] = f.exportBtn, cancelBtn
	f.dlg.SetButtons(joinDir[fyne.CanvasObject](cancelBtn, f.exportBtn))
	f.dlg.Resize(fyne.NewSize(1120, 660))
	f.dlg.Show()
	f.replan()
}

// viewTitle is the title drawn over the chosen view: its name, or the
// project's title for every concept.
func (f *exportForm) viewTitle() string {
	g := f.g
	switch id := f.viewID(); id {
	case "":
		return g.ses.Project().Meta.Title.Get(g.labelLang())
	case neighChoice:
		return g.currentView().Name.Get(g.labelLang())
	default:
		return g.viewByID(id).Name.Get(g.labelLang())
	}
}

// defaultName is "PROJECT — VIEW.ext" for the chosen view and format.
func (f *exportForm) defaultName() string {
	g := f.g
	project := g.ses.Project().Meta.Title.Get(g.labelLang())
	if project == "" {
		project = strings.TrimSuffix(filepath.Base(g.ses.Path()), filepath.Ext(g.ses.Path()))
	}
	view := ""
	if f.viewID() != "" {
		view = f.viewTitle()
	}
	return app.ExportFileName(project, view, "."+strings.ToLower(f.formatName()))
}

// exportDir is the folder exports are offered in: the last one written
// to, else the project's.
func (g *gui) exportDir() string {
	if d := g.set.ExportDir; d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return filepath.Dir(g.ses.Path())
}

// rememberExportDir keeps the folder of a file just written for the next export.
func (g *gui) rememberExportDir(path string) {
	g.set.ExportDir = filepath.Dir(path)
	g.saveSettings()
}

func (f *exportForm) viewID() string {
	if i := f.view.SelectedIndex(); i >= 0 {
		return f.viewIDs[i]
	}
	return ""
}

func (f *exportForm) formatName() string {
	if f.format.Selected == "" {
		return "PNG"
	}
	return f.format.Selected
}

// targetID is the chosen target's name (width=N with the width typed).
func (f *exportForm) targetID() string {
	t := f.targetIDs[max(0, f.target.SelectedIndex())]
	if t == "width=N" {
		n, err := strconv.Atoi(strings.TrimSpace(f.width.Text))
		if err != nil {
			return "width=" + strings.TrimSpace(f.width.Text)
		}
		return "width=" + strconv.Itoa(n)
	}
	return t
}

// options are the export options the dialog sets, without the narrowing
// of the offer (base) or with it.
func (f *exportForm) options(narrow bool) app.ExportOptions {
	g := f.g
	o := app.ExportOptions{ViewID: f.viewID()}
	switch o.ViewID {
	case neighChoice:
		o = g.exportOptions()
	case "":
		o.Direction = g.defaultDirection()
	}
	o.Legend = f.legend.Checked
	o.Sources = f.sources.Checked
	if f.showTitle.Checked {
		o.Title = f.title.Text
	}
	o.Lang = model.Arabic
	if f.lang.Selected == "English" {
		o.Lang = model.English
	}
	o.Style = f.styleIDs[max(0, f.style.SelectedIndex())]
	if f.formatName() != "SVG" {
		o.Fit = f.targetID()
		o.NoSplit = true
	}
	if !narrow || (f.base != nil && !f.base.Split) {
		return o
	}
	switch f.choiceIndex() {
	case choiceSplit:
		o.NoSplit = false
	case choiceKinds:
		o.Kinds = f.chosenKinds()
	case choiceNeigh:
		if i := f.focus.SelectedIndex(); i >= 0 {
			o.Focus, o.Depth = f.focusIDs[i], 1
		}
	}
	return o
}

func (f *exportForm) updateCmd() {
	f.cmd.SetText(f.options(true).CommandLine(f.g.ses.Path(), f.file.Text))
}

// export writes the file(s) after asking before replacing any.
func (f *exportForm) export() {
	g := f.g
	if !f.canExport() {
		return
	}
	out := strings.TrimSpace(f.file.Text)
	if st, err := os.Stat(filepath.Dir(out)); err != nil || !st.IsDir() {
		g.showError(&os.PathError{Op: "export", Path: filepath.Dir(out), Err: os.ErrNotExist})
		return
	}
	files := []string{out}
	if f.res != nil && f.formatName() == "PNG" {
		files = app.SheetFiles(out, len(f.res.Sheets))
	}
	var existing []string
	for _, x := range files {
		if _, err := os.Stat(x); err == nil {
			existing = append(existing, filepath.Base(x))
		}
	}
	if len(existing) > 0 {
		g.confirmReplace(tr("exp.title"), existing, func() { f.write(out) })
		return
	}
	f.write(out)
}

// confirmReplace asks before replacing the files named; do runs on yes.
func (g *gui) confirmReplace(title string, names []string, do func()) {
	msg := tr("exp.overwrite", ltr(names[0]))
	if len(names) > 1 {
		msg = tr("exp.overwriteN", len(names), ltr(names[0]))
	}
	var d *dialog.CustomDialog
	d = g.formDialog(title, tr("exp.replace"), para(msg), fyne.NewSize(520, 0), func() bool {
		d.Hide() // first: Fyne drops the dialogs shown above one that hides
		do()
		return false
	})
}

// write exports to out off the window's goroutine.
func (f *exportForm) write(out string) {
	g := f.g
	opts := f.options(true)
	p := g.ses.Snapshot()
	f.exportBtn.Disable()
	f.planProg.Show()
	f.planProg.Start()
	g.status.start()
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.g.runAsync(func() {
		var files []string
		var err error
		if opts.Fit != "" {
			var res *app.FitResult
			if res, err = app.ExportFit(ctx, p, out, opts); err == nil {
				files = res.Files
			}
		} else {
			_, err = app.Export(ctx, p, out, opts)
			files = []string{out}
		}
		g.do(func() {
			g.status.stop()
			f.planProg.Stop()
			f.planProg.Hide()
			f.exportBtn.Enable()
			if err != nil {
				if ctx.Err() == nil {
					g.showError(err)
				}
				return
			}
			g.rememberExportDir(out)
			f.dlg.Hide()
			msg := tr("exp.done", ltr(out))
			if len(files) > 1 {
				msg = tr("exp.doneN", len(files), ltr(filepath.Base(files[0])), ltr(filepath.Base(files[len(files)-1])))
			}
			g.status.flash(msg)
		})
	})
}
