package ui

import (
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar shows the project file, the counts, that everything is saved,
// passing messages and a progress bar while work runs.
type statusBar struct {
	g        *gui
	obj      fyne.CanvasObject
	file     *bidiText
	counts   *bidiText
	message  *bidiText
	saved    *widget.Icon
	progress *widget.ProgressBarInfinite
	timer    *time.Timer
	busy     int
}

func newStatusBar(g *gui) *statusBar {
	s := &statusBar{g: g}
	s.file = newBidiText("")
	s.file.size = theme.CaptionTextSize()
	s.file.colorName = theme.ColorNamePlaceHolder
	s.counts = newBidiText("")
	s.counts.size = theme.CaptionTextSize()
	s.message = newBidiText("")
	s.message.size = theme.CaptionTextSize()
	s.message.colorName = theme.ColorNamePrimary
	s.message.truncate = true
	s.message.align = alignUI
	s.saved = widget.NewIcon(theme.ConfirmIcon())
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Stop()
	s.progress.Hide()
	prog := container.NewGridWrap(fyne.NewSize(140, 14), s.progress)
	left := container.NewHBox(joinDir[fyne.CanvasObject](s.saved, s.file)...)
	right := container.NewHBox(joinDir[fyne.CanvasObject](prog, s.counts)...)
	var row fyne.CanvasObject
	if rtl() {
		row = container.NewBorder(nil, nil, right, left, s.message)
	} else {
		row = container.NewBorder(nil, nil, left, right, s.message)
	}
	s.obj = container.NewVBox(widget.NewSeparator(), row)
	return s
}

func (s *statusBar) refresh() {
	if s.g.ses == nil {
		s.file.SetText("")
		s.counts.SetText("")
		s.saved.Hide()
		return
	}
	s.saved.Show()
	if ro, _ := s.g.ses.ReadOnly(); ro {
		s.saved.SetResource(theme.WarningIcon())
		s.file.SetText(filepath.Base(s.g.ses.Path()) + " — " + tr("ro.status"))
		s.file.colorName = theme.ColorNameWarning
	} else {
		s.saved.SetResource(theme.ConfirmIcon())
		s.file.SetText(filepath.Base(s.g.ses.Path()) + " — " + tr("st.saved"))
		s.file.colorName = theme.ColorNamePlaceHolder
	}
	p := s.g.ses.Project()
	s.counts.SetText(tr("st.counts", len(p.Concepts), len(p.Relations), len(p.Sources), len(p.Citations)))
}

// refreshUndo is called when the undo stack changes.
func (s *statusBar) refreshUndo() { s.refresh() }

// flash shows a message for a few seconds.
func (s *statusBar) flash(msg string) {
	s.message.SetText(msg)
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(6*time.Second, func() {
		fyne.Do(func() { s.message.SetText("") })
	})
}

// start shows the progress bar (calls nest); stop hides it when the last
// piece of work ends.
func (s *statusBar) start() {
	s.busy++
	s.progress.Show()
	s.progress.Start()
}

func (s *statusBar) stop() {
	if s.busy > 0 {
		s.busy--
	}
	if s.busy == 0 {
		s.progress.Stop()
		s.progress.Hide()
	}
}
