// Package ui is Khareeta's Fyne desktop application. It is the only package
// besides cmd/ that imports Fyne; it talks to the project through internal/app.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Options says how to start the app.
type Options struct {
	Path    string // project file to open; "" opens the last one or the sample
	Version string
}

// Run opens the main window and blocks until it is closed.
func Run(opts Options) error {
	a := app.NewWithID("org.khareeta.app")
	w := a.NewWindow("Khareeta — خريطة")
	w.SetContent(container.NewCenter(widget.NewLabel("Khareeta " + opts.Version + " — " + opts.Path)))
	w.Resize(fyne.NewSize(1200, 800))
	w.ShowAndRun()
	return nil
}
