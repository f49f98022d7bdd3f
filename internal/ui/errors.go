package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/khareeta/khareeta/internal/app"
)

// refusalKeys are the messages for each reason a file is refused: what
// the file is (or is not) and what the person can do.
var refusalKeys = map[app.Refusal]string{
	app.RefusedNotFound:     "refused.notfound",
	app.RefusedFolder:       "refused.folder",
	app.RefusedNoPermission: "refused.permission",
	app.RefusedNotProject:   "refused.notproject",
	app.RefusedNewer:        "refused.newer",
	app.RefusedDamaged:      "refused.damaged",
	app.RefusedForeign:      "refused.foreign",
	app.RefusedTooLarge:     "refused.toolarge",
	app.RefusedLocked:       "refused.locked",
}

// refusalMessage explains why the file at path was refused with err, in
// the interface language; "" when the reason is not one of the known ones.
func refusalMessage(path string, err error) string {
	key, ok := refusalKeys[app.ClassifyOpen(path, err)]
	if !ok {
		return ""
	}
	msg := tr(key, ltr(filepath.Base(path)))
	if c := app.KeptCopy(err); c != "" {
		msg += "\n" + tr("refused.copy", ltr(c))
	}
	return msg
}

// showOpenError tells why a project file (to open, or to merge) was
// refused: what it is and what to do, with the technical reason under it.
func (g *gui) showOpenError(path string, err error) {
	msg := refusalMessage(path, err)
	if msg == "" {
		g.showError(fmt.Errorf("%s: %w", tr("open.failed", filepath.Base(path)), err))
		return
	}
	text := newBidiWrap(msg)
	text.align = alignUI
	details := newBidiWrap(tr("refused.details", err.Error()))
	details.align = alignUI
	details.size = theme.CaptionTextSize()
	details.colorName = theme.ColorNamePlaceHolder
	g.infoDialog(tr("open.failed", filepath.Base(path)), sized(container.NewVBox(text, details), 480), fyne.Size{})
}
