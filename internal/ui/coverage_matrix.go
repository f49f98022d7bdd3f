package ui

import (
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/text"
)

// matrixView draws a coverage matrix (threats × recommendations) with the
// app's own text painter, so Arabic labels are shaped and ordered, and
// turns taps into choices: a threat's or recommendation's label selects
// it, a cell marks the chain between them.
type matrixView struct {
	widget.BaseWidget
	m      *app.CoverageMatrix
	st     app.MatrixStyle
	lay    *app.MatrixLayout
	onCell func(i, j int) // j < 0: a threat label; i < 0: a recommendation header
}

func newMatrixView(m *app.CoverageMatrix, st app.MatrixStyle, onCell func(i, j int)) *matrixView {
	v := &matrixView{m: m, st: st, onCell: onCell}
	v.st.HighlightRow, v.st.HighlightCol = -1, -1
	v.lay = m.Layout(v.st)
	v.ExtendBaseWidget(v)
	return v
}

// setMatrix shows another matrix (after an edit or a change of scope).
func (v *matrixView) setMatrix(m *app.CoverageMatrix) {
	v.m = m
	v.st.HighlightRow, v.st.HighlightCol = -1, -1
	v.lay = m.Layout(v.st)
	v.Refresh()
}

// mark highlights a row and a column (-1 for none).
func (v *matrixView) mark(i, j int) {
	v.st.HighlightRow, v.st.HighlightCol = i, j
	v.lay = v.m.Layout(v.st)
	v.Refresh()
}

// Tapped finds the cell or label under the pointer.
func (v *matrixView) Tapped(e *fyne.PointEvent) {
	i, j := v.lay.Hit(text.Point{X: float64(e.Position.X), Y: float64(e.Position.Y)})
	if i < 0 && j < 0 {
		return
	}
	v.mark(i, j)
	if v.onCell != nil {
		v.onCell(i, j)
	}
}

// MinSize is the matrix's size: one point per device-independent pixel.
func (v *matrixView) MinSize() fyne.Size {
	return fyne.NewSize(float32(v.lay.Width), float32(v.lay.Height))
}

// CreateRenderer implements fyne.Widget.
func (v *matrixView) CreateRenderer() fyne.WidgetRenderer {
	r := canvas.NewRaster(func(w, h int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		size := v.Size()
		if w == 0 || size.Width <= 0 {
			return img
		}
		v.lay.Paint(img, float64(w)/float64(size.Width))
		return img
	})
	r.ScaleMode = canvas.ImageScalePixels
	return &matrixRenderer{v: v, raster: r}
}

type matrixRenderer struct {
	v      *matrixView
	raster *canvas.Raster
}

func (r *matrixRenderer) Layout(s fyne.Size)           { r.raster.Resize(s) }
func (r *matrixRenderer) MinSize() fyne.Size           { return r.v.MinSize() }
func (r *matrixRenderer) Refresh()                     { r.raster.Refresh() }
func (r *matrixRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.raster} }
func (r *matrixRenderer) Destroy()                     {}

// matrixStyle is the style of the matrix in the interface language: the
// corner and legend texts translated, mirrored for Arabic. With screen set,
// colours follow the theme; else they are the paper colours of exports.
func matrixStyle(screen bool) app.MatrixStyle {
	st := app.MatrixStyle{
		RTL:          rtl(),
		Corner:       tr("mx.corner"),
		LegendDirect: tr("mx.direct"),
		LegendChain:  tr("mx.chain"),
		LegendGap:    tr("mx.gap"),
		HighlightRow: -1, HighlightCol: -1,
	}
	if screen {
		th := fyne.CurrentApp().Settings().Theme()
		v := fyne.CurrentApp().Settings().ThemeVariant()
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
		st.Background = c(theme.ColorNameBackground)
		st.Text = c(theme.ColorNameForeground)
		st.Grid = c(theme.ColorNameSeparator)
		st.Direct = c(theme.ColorNameSuccess)
		st.Chain = c(theme.ColorNameSuccess)
		st.GapText = c(theme.ColorNameError)
		r, g, b, _ := c(theme.ColorNameError).RGBA()
		st.GapRow = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x30}
		r, g, b, _ = c(theme.ColorNamePrimary).RGBA()
		st.HighlightColor = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x40}
	}
	return st
}

// matrixWindow is the coverage matrix in a window of its own, beside the
// map: it follows the project's edits, marks chains on the map and
// exports to CSV and PNG.
type matrixWindow struct {
	g        *gui
	win      fyne.Window
	view     *matrixView
	scope    *widget.Select
	info     *bidiText
	scopeIDs []string
	viewID   string
	closed   bool
}

// coverageMatrixWindow opens (or brings forward) the coverage matrix.
func (g *gui) coverageMatrixWindow() {
	if g.ses == nil {
		return
	}
	if w := g.matrix; w != nil && !w.closed {
		w.win.RequestFocus()
		return
	}
	mw := &matrixWindow{g: g, viewID: ""}
	m, err := g.ses.CoverageMatrix("", g.labelLang())
	if err != nil {
		g.showError(err)
		return
	}
	mw.win = fyne.CurrentApp().NewWindow(tr("mx.title"))
	mw.view = newMatrixView(m, matrixStyle(true), mw.tapped)
	scopes := []string{tr("views.all")}
	mw.scopeIDs = []string{""}
	for _, v := range g.ses.Project().Views {
		scopes = append(scopes, v.Name.Get(uiLang()))
		mw.scopeIDs = append(mw.scopeIDs, v.ID)
	}
	mw.scope = widget.NewSelect(scopes, func(s string) {
		if i := indexOf(scopes, s); i >= 0 {
			mw.viewID = mw.scopeIDs[i]
			mw.reload()
		}
	})
	mw.scope.Selected = scopes[0]
	mw.info = para(tr("mx.hint"))
	mw.info.colorName = theme.ColorNamePlaceHolder
	csvBtn := widget.NewButtonWithIcon(tr("mx.csv"), theme.DownloadIcon(), func() { mw.exportDialog(".csv") })
	pngBtn := widget.NewButtonWithIcon(tr("mx.png"), theme.DownloadIcon(), func() { mw.exportDialog(".png") })
	bar := container.NewHBox(joinDir[fyne.CanvasObject](mw.scope, csvBtn, pngBtn)...)
	var top fyne.CanvasObject = container.NewHBox(bar)
	if rtl() {
		top = container.NewBorder(nil, nil, nil, bar)
	}
	scroll := container.NewScroll(container.NewPadded(mw.view))
	mw.win.SetContent(container.NewBorder(container.NewVBox(top, mw.info, widget.NewSeparator()), nil, nil, nil, scroll))
	// As wide as the matrix (within reason), and in Arabic scrolled to its
	// right edge, where the threats' labels are.
	w := float32(math.Min(math.Max(mw.view.lay.Width+40, 700), 1360))
	h := float32(math.Min(math.Max(mw.view.lay.Height+140, 500), 860))
	mw.win.Resize(fyne.NewSize(w, h))
	mw.win.SetOnClosed(func() { mw.closed = true })
	ses := g.ses
	ses.Subscribe(func(app.Event) {
		if !mw.closed && g.ses == ses {
			mw.reload()
		}
	})
	g.matrix = mw
	mw.win.Show()
	if rtl() {
		scroll.ScrollToOffset(fyne.NewPos(float32(mw.view.lay.Width), 0))
	}
}

func (mw *matrixWindow) reload() {
	m, err := mw.g.ses.CoverageMatrix(mw.viewID, mw.g.labelLang())
	if err != nil {
		mw.g.showError(err)
		return
	}
	mw.view.setMatrix(m)
}

// tapped shows what a tap chose: a threat or recommendation is selected in
// the main window; a cell's chain is written out and marked on the map.
func (mw *matrixWindow) tapped(i, j int) {
	g, m := mw.g, mw.view.m
	mw.info.dir = text.Auto
	switch {
	case j < 0:
		g.selectConcept(m.Threats[i].Threat.ID, false)
		if m.Gap(i) {
			mw.info.SetText(tr("mx.isgap", m.Threats[i].Threat.Label))
		} else {
			mw.info.SetText(m.Threats[i].Threat.Label)
		}
	case i < 0:
		g.selectConcept(m.Recommendations[j].ID, false)
		mw.info.SetText(m.Recommendations[j].Label)
	default:
		a, ok := m.Address(i, j)
		t, r := m.Threats[i].Threat.Label, m.Recommendations[j].Label
		switch {
		case !ok:
			mw.info.SetText(tr("mx.no", r, t))
		case len(a.Chain) > 0:
			mw.info.dir = labelDir(g.labelLang())
			mw.info.SetText(app.FormatChain(a.Chain))
		default:
			mw.info.SetText(tr("mx.reversed", t, r))
		}
		g.showOnMap(m.CellHighlight(i, j))
	}
	mw.info.colorName = theme.ColorNamePrimary
	mw.info.Refresh()
}

// exportPath is where an export of the matrix goes by default.
func (mw *matrixWindow) exportPath(ext string) string {
	p := mw.g.ses.Path()
	return filepath.Join(filepath.Dir(p), strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))+"-coverage"+ext)
}

// export writes the matrix to path (CSV or PNG by its extension; PNG in
// paper colours at twice the size).
func (mw *matrixWindow) export(path string) error {
	return app.ExportMatrix(path, mw.view.m, matrixStyle(false), 2)
}

// exportDialog asks for the file and exports.
func (mw *matrixWindow) exportDialog(ext string) {
	file := mw.g.newEntry()
	file.SetText(mw.exportPath(ext))
	content := container.NewVBox(newForm(formRow(tr("exp.file"), mw.g.fileFieldOn(mw.win, file))))
	var d *dialog.CustomDialog
	do := func() {
		path := strings.TrimSpace(file.Text)
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		write := func() {
			if err := mw.export(path); err != nil {
				dialog.ShowError(err, mw.win)
				return
			}
			mw.info.SetText(tr("exp.done", path))
			mw.info.colorName = theme.ColorNamePrimary
			mw.info.Refresh()
			if mw.g.status != nil {
				mw.g.status.flash(tr("exp.done", path))
			}
		}
		d.Hide()
		if _, err := os.Stat(path); err == nil {
			dialog.ShowConfirm(tr("mx.title"), tr("exp.overwrite", filepath.Base(path)), func(ok bool) {
				if ok {
					write()
				}
			}, mw.win)
			return
		}
		write()
	}
	ok := widget.NewButtonWithIcon(tr("exp.export"), theme.ConfirmIcon(), do)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(tr("dlg.cancel"), theme.CancelIcon(), func() { d.Hide() })
	title := tr("mx.csv")
	if ext == ".png" {
		title = tr("mx.png")
	}
	d = dialog.NewCustomWithoutButtons("", container.NewBorder(dialogHeader(title), nil, nil, nil, content), mw.win)
	od := mw.g.trackDialog(title, d.Hide)
	od.submit = do
	d.SetOnClosed(od.closed)
	d.SetButtons(joinDir[fyne.CanvasObject](cancel, ok))
	d.Resize(fyne.NewSize(620, 220))
	d.Show()
}
