package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// startDir is where file dialogs open: the open project's folder, else the
// documents folder.
func (g *gui) startDir() string {
	if g.ses != nil {
		return filepath.Dir(g.ses.Path())
	}
	if g.set.Last != "" {
		return filepath.Dir(g.set.Last)
	}
	return g.dirs.Documents
}

func listable(dir string) fyne.ListableURI {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// openProject asks for a .kmap file and opens it.
func (g *gui) openProject() {
	g.pickFile(tr("fd.open"), []string{app.FileExt}, g.openPath)
}

// pickFile asks, under title, for an existing file with one of the
// extensions, starting in the folder of the last project, and hands its
// path to use.
func (g *gui) pickFile(title string, exts []string, use func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			g.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		use(path)
	}, g.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	if l := listable(g.startDir()); l != nil {
		d.SetLocation(l)
	}
	g.showFileDialog(d, title)
}

// showFileDialog shows a Fyne file dialog under title; Escape closes it.
func (g *gui) showFileDialog(d *dialog.FileDialog, title string) {
	od := g.trackDialog(title, d.Hide)
	d.SetOnClosed(od.closed)
	// Fyne 2.8's FileDialog builds its widgets in Show: Resize (or
	// SetTitleText) before Show dereferences a nil window (a crash every
	// file dialog once had).
	d.Show()
	d.SetTitleText(title)
	d.Resize(fileDialogSize)
}

// fileDialogSize is the size of file dialogs.
var fileDialogSize = fyne.NewSize(900, 620)

// chooseFolder asks for a folder, starting in dir, and hands it to done.
func (g *gui) chooseFolder(dir string, done func(dir string)) { g.chooseFolderOn(g.win, dir, done) }

// chooseFolderOn is chooseFolder in another window of the app.
func (g *gui) chooseFolderOn(win fyne.Window, dir string, done func(dir string)) {
	fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err == nil && l != nil {
			done(l.Path())
		}
	}, win)
	if l := listable(dir); l != nil {
		fd.SetLocation(l)
	}
	g.showFileDialog(fd, tr("fd.folder"))
}

// fileField is an entry for the path of a file to write with a Choose…
// button that picks its folder (the name is kept). It records the button
// as the dialog's "choose" for the end-to-end probe.
func (g *gui) fileField(file *keyEntry) fyne.CanvasObject { return g.fileFieldOn(g.win, file) }

// fileFieldOn is fileField in another window of the app.
func (g *gui) fileFieldOn(win fyne.Window, file *keyEntry) fyne.CanvasObject {
	choose := widget.NewButtonWithIcon(tr("dlg.choose"), theme.FolderOpenIcon(), func() {
		p := strings.TrimSpace(file.Text)
		g.chooseFolderOn(win, filepath.Dir(p), func(dir string) {
			file.SetText(filepath.Join(dir, filepath.Base(p)))
		})
	})
	g.pendingChoose = choose
	var row fyne.CanvasObject
	if rtl() {
		row = container.NewBorder(nil, nil, choose, nil, file)
	} else {
		row = container.NewBorder(nil, nil, nil, choose, file)
	}
	return container.NewVBox(row, previewFor(file))
}

// openPath opens a project file in place of the current one. Opening checks
// and loads the whole file, which takes a moment for big projects, so it
// runs off the main goroutine with the progress bar showing.
func (g *gui) openPath(path string) {
	if g.ses != nil && g.ses.Path() == path {
		return
	}
	g.status.start()
	g.runAsync(func() {
		ses, err := app.OpenVerified(path, g.set.Verified[path])
		fyne.Do(func() {
			g.status.stop()
			if err != nil {
				g.set.RemoveRecent(path)
				g.saveSettings()
				g.updateMenus()
				g.showOpenError(path, err)
				return
			}
			g.attach(ses)
			g.build()
			g.status.flash(tr("st.opened", filepath.Base(path)))
		})
	})
}

// openSample opens the documents folder's copy of the sample, making it if needed.
func (g *gui) openSample() {
	st := app.ChooseStart("", app.Settings{}, g.dirs)
	ses, err := app.OpenStart(st)
	if err != nil {
		g.showError(err)
		return
	}
	g.attach(ses)
	g.build()
}

// askNewFile asks for a folder and a file name for a new file that must
// not exist yet. Fyne's own save dialog truncates the chosen file before
// returning it, which must never happen to a project, so this one only
// picks a path.
func (g *gui) askNewFile(title, confirm, name string, ext string, done func(path string), extra ...row) {
	dir := g.startDir()
	folder := newBidiText(dir)
	folder.truncate = true
	folder.align = alignUI
	choose := widget.NewButtonWithIcon(tr("dlg.choose"), theme.FolderOpenIcon(), func() {
		g.chooseFolder(dir, func(d string) {
			dir = d
			folder.SetText(dir)
		})
	})
	g.pendingChoose = choose
	file := g.newEntry()
	file.SetText(name)
	var folderRow fyne.CanvasObject
	if rtl() {
		folderRow = container.NewBorder(nil, nil, choose, nil, folder)
	} else {
		folderRow = container.NewBorder(nil, nil, nil, choose, folder)
	}
	rows := append([]row{formRow(tr("exp.file"), container.NewVBox(file, previewFor(file))), formRow(tr("exp.folder"), folderRow)}, extra...)
	form := newForm(rows...)
	g.formDialog(title, confirm, form, fyne.NewSize(620, 300), func() bool {
		n := strings.TrimSpace(file.Text)
		if n == "" {
			return false
		}
		if !strings.EqualFold(filepath.Ext(n), ext) {
			n += ext
		}
		path := filepath.Join(dir, n)
		if filepath.IsAbs(n) { // a full path typed into the name field
			path = n
		}
		if _, err := os.Stat(path); err == nil {
			g.showError(fmt.Errorf("%s: a file already exists there", ltr(path)))
			return false
		}
		done(path)
		return true
	})
}

// newProject creates an empty project file and opens it.
func (g *gui) newProject() {
	lang := widget.NewRadioGroup([]string{"العربية", "English"}, nil)
	lang.Horizontal = true
	if uiLang() == "ar" {
		lang.SetSelected("العربية")
	} else {
		lang.SetSelected("English")
	}
	title := g.newEntry()
	g.askNewFile(tr("new.title"), tr("dlg.create"), "project"+app.FileExt, app.FileExt, func(path string) {
		meta := model.Meta{Language: model.Arabic}
		if lang.Selected == "English" {
			meta.Language = model.English
		}
		if t := strings.TrimSpace(title.Text); t != "" {
			if isRTL(t) {
				meta.Title = model.T(t, "")
			} else {
				meta.Title = model.T("", t)
			}
		}
		ses, err := app.Create(path, meta)
		if err != nil {
			g.showError(err)
			return
		}
		g.attach(ses)
		g.build()
	}, formRow(tr("exp.showtitle"), title), formRow(tr("proj.lang"), lang))
}

// saveCopy writes a copy of the project to a new file; the app stays on the original.
func (g *gui) saveCopy() {
	if g.ses == nil {
		return
	}
	base := strings.TrimSuffix(filepath.Base(g.ses.Path()), filepath.Ext(g.ses.Path()))
	g.askNewFile(plainKey(tr("file.copy")), tr("dlg.save"), base+" copy"+app.FileExt, app.FileExt, func(path string) {
		g.status.start()
		ses := g.ses
		g.runAsync(func() {
			err := ses.SaveCopyAs(path)
			fyne.Do(func() {
				g.status.stop()
				if err != nil {
					g.showError(err)
					return
				}
				g.status.flash(tr("exp.done", ltr(path)))
			})
		})
	})
}

// closeProject closes the project and shows the welcome screen.
func (g *gui) closeProject() {
	if g.ses == nil {
		return
	}
	g.closeSession()
	g.set.Last = ""
	g.saveSettings()
	g.build()
}
