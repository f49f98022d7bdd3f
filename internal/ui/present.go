package ui

import (
	"context"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
)

// presenter shows a view full screen, one step at a time: the concepts of
// the kinds so far in full, the rest of the map faded (app.Present lays
// the view out once, so every step shows it at the same place and scale).
// Right, Down, Space, Enter and Page Down go forward; Left, Up, Backspace
// and Page Up go back; Home and End jump; Escape leaves.
type presenter struct {
	g      *gui
	win    fyne.Window
	pr     *app.Presentation
	images []image.Image
	step   int
	img    *canvas.Image
	info   *bidiText
	note   *bidiText
	cancel context.CancelFunc
}

// presentWindowSize is the presenter's size where the window cannot be
// full screen (the test driver); the desktop makes it full screen.
var presentWindowSize = fyne.NewSize(1280, 720)

// presentView presents the view the map shows (View › Present…).
func (g *gui) presentView() {
	if g.ses == nil {
		return
	}
	ps := &presenter{g: g}
	ps.win = g.fa.NewWindow(tr("pres.title"))
	ps.img = canvas.NewImageFromImage(nil)
	ps.img.FillMode = canvas.ImageFillContain
	ps.info = newBidiText(tr("pres.preparing"))
	ps.info.align = alignUI
	ps.info.size = theme.CaptionTextSize()
	ps.info.colorName = theme.ColorNamePlaceHolder
	ps.note = newBidiWrap("")
	ps.note.align = alignUI
	ps.note.size = theme.CaptionTextSize()
	ps.note.colorName = theme.ColorNameWarning
	ps.note.Hide()
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	prog := widget.NewProgressBarInfinite()
	bottom := container.NewVBox(ps.note, ps.info, prog)
	ps.win.SetContent(container.NewStack(bg, container.NewBorder(nil, bottom, nil, nil, tappable(ps.img, func() { ps.go_(ps.step + 1) }))))
	ps.win.Canvas().SetOnTypedKey(ps.key)
	ps.win.SetOnClosed(func() {
		if ps.cancel != nil {
			ps.cancel()
		}
	})
	ps.win.Resize(presentWindowSize)
	ps.win.SetFullScreen(true)
	ps.win.Show()

	o := app.PresentOptions{ExportOptions: g.exportOptions()}
	o.Fit = g.slideFor(ps.win)
	p := g.ses.Snapshot()
	ctx, cancel := context.WithCancel(context.Background())
	ps.cancel = cancel
	g.runAsync(func() {
		pr, err := app.Present(ctx, p, o)
		var imgs []image.Image
		if err == nil {
			for k := range pr.Sheets {
				im, ierr := pr.StepImage(k)
				if ierr != nil {
					err = ierr
					break
				}
				imgs = append(imgs, im)
			}
		}
		g.do(func() {
			prog.Stop()
			prog.Hide()
			if err != nil {
				if ctx.Err() == nil {
					ps.info.colorName = theme.ColorNameError
					ps.info.SetText(tr("pres.failed", err.Error()))
				}
				return
			}
			ps.pr, ps.images = pr, imgs
			if len(pr.Warnings) > 0 {
				ps.note.SetText(pr.Warnings[0])
				ps.note.Show()
			}
			ps.go_(0)
		})
	})
}

// slideFor picks the slide shape nearer the screen's: 4:3 or 16:9.
func (g *gui) slideFor(w fyne.Window) string {
	s := w.Canvas().Size()
	if s.Height > 0 && s.Width/s.Height < 1.55 {
		return "slide-4x3"
	}
	return "slide-16x9"
}

// go_ shows step k (clamped; the last step is the whole view).
func (ps *presenter) go_(k int) {
	if ps.pr == nil {
		return
	}
	k = max(0, min(k, len(ps.images)-1))
	ps.step = k
	ps.img.Image = ps.images[k]
	ps.img.Refresh()
	n := len(ps.pr.Steps)
	title := tr("pres.whole")
	if k < n {
		title = ps.pr.Steps[k].Title
	}
	ps.info.SetText(tr("pres.step", k+1, len(ps.images), title) + "    " + tr("pres.keys"))
}

// key moves through the steps; Escape leaves.
func (ps *presenter) key(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyRight, fyne.KeyDown, fyne.KeySpace, fyne.KeyPageDown, fyne.KeyReturn, fyne.KeyEnter:
		ps.go_(ps.step + 1)
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyBackspace:
		ps.go_(ps.step - 1)
	case fyne.KeyHome:
		ps.go_(0)
	case fyne.KeyEnd:
		ps.go_(len(ps.images) - 1)
	case fyne.KeyEscape:
		ps.win.Close()
	}
}
