// Package ui is Khareeta's Fyne desktop application. It is the only package
// besides cmd/ that imports Fyne; it talks to the project through
// internal/app and draws maps and project text with internal/layout,
// internal/render and internal/text. Each panel or dialog has its own file.
package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// AppID is the application id (as in FyneApp.toml).
const AppID = "org.khareeta.app"

// Options says how to start the app.
type Options struct {
	Path    string // project file to open; "" opens the last one or the sample
	Version string
	// Ready, when set, is called once the window shows the project and its
	// map has been drawn. KHAREETA_READY_FILE names a file written then (the
	// end-to-end test waits for it); KHAREETA_TIMING=1 prints start-up times.
	Ready func()
}

// gui is the running application: the window, the open session and the panels.
type gui struct {
	roNoticed string // the read-only file whose reason was shown
	arranging bool   // a Tidy up or Lay out again is running
	fa        fyne.App
	win       fyne.Window
	dirs      app.Dirs
	set       app.Settings
	ver       string
	ses       *app.Session // nil when no project is open

	selConcept  string // selected concept id
	selRelation string // selected relation id (its evidence is shown)
	viewID      string // current view id; "" shows all concepts
	neigh       string // when set, the map shows this concept's neighbourhood

	side   *sidebar
	det    *details
	mp     *mapPanel
	status *statusBar
	tips   *tipLayer
	menus  menuState
	// dialogs are the open dialogs, most recent last.
	dialogs []*openDialog
	ready   func() // called once, after the first map has been painted
	onMap   func() // called once, when the first map is ready (timing)

	history  []viewState    // where Back (Alt+Left) goes, most recent last
	marks    *mapMark       // what "show on map" marked, if anything
	insights *insightsPanel // the live insights panel
	sources  *sourcesPanel  // the live sources panel
	matrix   *matrixWindow  // the open coverage matrix window
	controls controlSet     // the toolbar's and map header's buttons
	bar      *rtlMenuBar    // the right-to-left menu bar, when the window has one
	// pendingChoose is the Choose… button of a dialog being built.
	pendingChoose *widget.Button
	// do runs f on the UI goroutine (fyne.Do; a test may queue instead).
	do func(f func())
	// async runs long work (layouts, exports) off the main goroutine; the
	// work hands its results back with do. Tests make it synchronous.
	async func(f func())
	// searchDelay is how long the search box waits for more typing;
	// overlayDelay how long a layout may run with the old map still shown
	// before the progress overlay covers it.
	// nudgeDelay how long after the last arrow key the map's nudges are
	// saved, as one edit (one undo step).
	searchDelay, overlayDelay, nudgeDelay time.Duration
}

// Run opens the main window and blocks until it is closed.
func Run(opts Options) error {
	t0 := time.Now()
	fa := fyneapp.NewWithID(AppID)
	fa.SetIcon(iconResource)
	g := newGUI(fa, app.DefaultDirs(), opts.Version)
	g.ready = opts.Ready
	timing := os.Getenv("KHAREETA_TIMING") != ""
	start := app.ChooseStart(opts.Path, g.set, g.dirs)
	var openErr error
	t1 := time.Now()
	if ses, err := app.OpenStart(start); err != nil {
		openErr = err
		if start.Path == g.set.Last {
			g.set.RemoveRecent(start.Path)
		}
	} else {
		g.attach(ses)
	}
	if timing {
		fmt.Fprintf(os.Stderr, "khareeta: opened %s in %v\n", start.Path, time.Since(t1).Round(time.Millisecond))
	}
	fa.Lifecycle().SetOnStarted(func() {
		if timing {
			fmt.Fprintf(os.Stderr, "khareeta: window up in %v\n", time.Since(t0).Round(time.Millisecond))
		}
	})
	if timing {
		g.onMap = func() {
			fmt.Fprintf(os.Stderr, "khareeta: first map ready in %v\n", time.Since(t0).Round(time.Millisecond))
		}
	}
	if f := os.Getenv("KHAREETA_READY_FILE"); f != "" {
		// The end-to-end test waits for this file before capturing the window.
		prev := g.ready
		g.ready = func() {
			os.WriteFile(f, []byte(time.Since(t0).String()+"\n"), 0o644)
			if prev != nil {
				prev()
			}
		}
	}
	g.build()
	g.startProbe()
	if openErr != nil {
		g.showOpenError(start.Path, openErr)
	}
	g.win.SetCloseIntercept(func() {
		g.closeSession()
		g.saveSettings()
		g.win.Close()
	})
	g.win.ShowAndRun()
	return nil
}

// newGUI makes the window and reads the settings; build fills the window.
func newGUI(fa fyne.App, dirs app.Dirs, version string) *gui {
	g := &gui{fa: fa, dirs: dirs, ver: version, do: fyne.Do,
		async: func(f func()) { go f() }, searchDelay: 120 * time.Millisecond, overlayDelay: 400 * time.Millisecond,
		nudgeDelay: 700 * time.Millisecond}
	set, err := app.LoadSettings(dirs)
	g.set = set
	setLang(set.UILanguage())
	fa.Settings().SetTheme(khareetaTheme{mode: set.Theme})
	g.win = fa.NewWindow(tr("app.name"))
	w, h := set.Width, set.Height
	if w < 640 || h < 480 {
		w, h = 1280, 800
	}
	g.win.Resize(fyne.NewSize(w, h))
	g.win.SetMaster()
	if err != nil {
		defer g.showError(err)
	}
	return g
}

// attach makes ses the open session.
func (g *gui) attach(ses *app.Session) {
	g.closeSession()
	g.ses = ses
	g.selConcept, g.selRelation, g.neigh = "", "", ""
	g.viewID = ""
	g.history, g.marks = nil, nil
	if vs := ses.Project().Views; len(vs) > 0 {
		g.viewID = vs[0].ID
	}
	g.set.AddRecent(ses.Path())
	g.saveSettings()
	ses.Subscribe(g.onEvent)
	ses.Watch(time.Second, func(c app.ExternalChange) {
		fyne.Do(func() { g.onExternal(ses, c) })
	})
}

// build (re)creates the window's content and menus in the current language.
func (g *gui) build() {
	if g.mp != nil {
		g.mp.stopJob()
	}
	g.controls.reset()
	g.tips = newTipLayer()
	if g.ses == nil {
		g.side, g.det, g.mp = nil, nil, nil
		g.status = newStatusBar(g)
		g.status.refresh()
		bar := g.setMenus()
		g.win.SetContent(container.NewStack(container.NewBorder(bar, g.status.obj, nil, nil, g.welcome()), g.tips.layer))
		g.win.SetTitle(tr("app.name"))
		g.registerShortcuts()
		return
	}
	defer g.noticeReadOnly()
	g.side = newSidebar(g)
	g.det = newDetails(g)
	g.mp = newMapPanel(g)
	g.status = newStatusBar(g)

	right := container.NewHSplit(g.mp.obj, g.det.obj)
	right.Offset = 0.72
	var body *container.Split
	if rtl() {
		right = container.NewHSplit(g.det.obj, g.mp.obj)
		right.Offset = 0.28
		body = container.NewHSplit(right, g.side.obj)
		body.Offset = 0.7
	} else {
		body = container.NewHSplit(g.side.obj, right)
		body.Offset = 0.3
	}
	var top fyne.CanvasObject = g.toolbar()
	if bar := g.setMenus(); bar != nil {
		top = container.NewVBox(bar, top)
	}
	main := container.NewBorder(top, g.status.obj, nil, nil, body)
	g.win.SetContent(container.NewStack(main, g.tips.layer))
	g.registerShortcuts()
	g.updateTitle()
	g.side.refresh()
	g.det.refresh()
	g.status.refresh()
	g.mp.reload()
}

// setMenus gives the window its menus: Fyne's menu bar, or in Arabic
// (except on macOS) our right-to-left one, returned to go at the top of
// the window (see rtlmenu.go).
func (g *gui) setMenus() fyne.CanvasObject {
	m := g.mainMenu()
	if ownMenuBar() {
		g.win.SetMainMenu(nil)
		g.bar = newRTLMenuBar(g, m)
		g.bar.registerShortcuts(g.win.Canvas())
		return g.bar.obj
	}
	g.bar = nil
	g.win.SetMainMenu(m)
	return nil
}

// updateMenus rebuilds the menus' items (e.g. Open Recent) in place.
func (g *gui) updateMenus() {
	m := g.mainMenu()
	if g.bar != nil {
		g.bar.menu = m
		g.bar.registerShortcuts(g.win.Canvas())
		return
	}
	g.win.SetMainMenu(m)
}

// welcome is shown when no project is open.
func (g *gui) welcome() fyne.CanvasObject {
	title := newBidiText(tr("app.name"))
	title.size = 28
	title.bold = true
	title.align = alignCenter
	tag := newBidiWrap(tr("app.tagline"))
	tag.align = alignCenter
	msg := newBidiText(tr("app.noproject"))
	msg.align = alignCenter
	buttons := container.NewHBox(joinDir[fyne.CanvasObject](
		widget.NewButtonWithIcon(tr("file.new"), theme.DocumentCreateIcon(), g.newProject),
		widget.NewButtonWithIcon(tr("file.open"), theme.FolderOpenIcon(), g.openProject),
		widget.NewButtonWithIcon(tr("file.sample"), theme.HomeIcon(), g.openSample),
	)...)
	return container.NewCenter(container.NewVBox(title, tag, msg, container.NewCenter(buttons)))
}

func (g *gui) updateTitle() {
	if g.ses == nil {
		g.win.SetTitle(tr("app.name"))
		return
	}
	title := g.ses.Project().Meta.Title.Get(uiLang())
	if title == "" {
		title = filepath.Base(g.ses.Path())
	}
	if ro, _ := g.ses.ReadOnly(); ro {
		title += " " + tr("ro.title.mark")
	}
	g.win.SetTitle(tr("app.title", title))
}

// noticeReadOnly tells, once per opened file, that it can only be read, why,
// and what the user can do.
func (g *gui) noticeReadOnly() {
	ro, why := g.ses.ReadOnly()
	if !ro || g.roNoticed == g.ses.Path() {
		return
	}
	g.roNoticed = g.ses.Path()
	reason := ""
	if why != nil {
		reason = why.Error()
	}
	text := newBidiWrap(tr("ro.why", filepath.Base(g.ses.Path())))
	text.align = alignUI
	fix := newBidiWrap(tr("ro.fix"))
	fix.align = alignUI
	details := newBidiWrap(reason)
	details.align = alignAuto
	details.size = theme.CaptionTextSize()
	details.colorName = theme.ColorNamePlaceHolder
	g.infoDialog(tr("ro.dlg"), sized(container.NewVBox(text, details, fix), 480), fyne.Size{})
}

// labelLang is the language concept labels are shown in.
func (g *gui) labelLang() string {
	if l := g.set.LabelLanguage; l == "ar" || l == "en" {
		return l
	}
	if g.ses != nil && g.ses.Project().Meta.Language != "" {
		return g.ses.Project().Meta.Language
	}
	return model.Arabic
}

// conceptLabel returns a concept's label in the label language.
func (g *gui) conceptLabel(id string) string {
	if g.ses == nil {
		return ""
	}
	if c, ok := g.ses.Index().Concepts[id]; ok {
		return c.Label.Get(g.labelLang())
	}
	return ""
}

// kindName returns a kind's name in the interface language.
func (g *gui) kindName(id string) string {
	if g.ses != nil {
		if k, ok := g.ses.Index().Kinds[id]; ok {
			return k.Name.Get(uiLang())
		}
	}
	return id
}

// onEvent refreshes the panels after an edit, undo, redo or reload.
func (g *gui) onEvent(e app.Event) {
	if g.ses == nil || g.side == nil {
		return
	}
	ix := g.ses.Index()
	if _, ok := ix.Concepts[g.selConcept]; !ok {
		g.selConcept = ""
	}
	if _, ok := ix.Relations[g.selRelation]; !ok {
		g.selRelation = ""
	}
	if _, ok := ix.Concepts[g.neigh]; !ok {
		g.neigh = ""
	}
	if _, ok := ix.Views[g.viewID]; !ok {
		g.viewID = ""
	}
	g.updateTitle()
	g.side.refresh()
	g.det.refresh()
	g.status.refresh()
	g.refreshMenus()
	if e.Touches(app.ConceptEntity) || e.Touches(app.RelationEntity) || e.Touches(app.KindEntity) ||
		e.Touches(app.ViewEntity) || e.Touches(app.MetaEntity) {
		// The map follows the edit: the changed concepts stay in sight;
		// after undo and redo the map is framed around them.
		in := frameIntent{how: frameKeep, ids: g.changedConcepts(e.Change)}
		switch e.Kind {
		case app.Undone, app.Redone:
			in.how = frameFresh
		case app.Reloaded:
			in.how = frameAuto
		}
		g.mp.reloadFraming(in)
	} else {
		switch {
		case !e.Touches(app.PositionEntity) || e.Kind == app.Arranged:
			// Nothing moved (the drawing recorded the places it gave).
		case e.Kind == app.Edited && e.Change != nil && e.Change.Name == app.EditMoveConcepts:
			g.mp.view.syncPlaces() // a move on the map: already drawn there
		default:
			// Undo or redo of a move, a layout, tidy up: drawn again at
			// the stored places (no Graphviz).
			g.mp.reloadFraming(frameIntent{how: frameKeep})
		}
		g.mp.highlight()
	}
	switch e.Kind {
	case app.Undone:
		g.status.flash(tr("st.undone", tr(e.Change.Name)))
	case app.Redone:
		g.status.flash(tr("st.redone", tr(e.Change.Name)))
	}
}

// onExternal reacts to another program changing the project file.
func (g *gui) onExternal(ses *app.Session, c app.ExternalChange) {
	if ses != g.ses {
		return
	}
	switch c {
	case app.FileChanged:
		if err := ses.Reload(); err != nil {
			g.showError(err)
			return
		}
		g.status.flash(tr("st.reloaded"))
	case app.FileGone:
		msg := newBidiWrap(tr("st.gone") + "\n" + ltr(ses.Path()))
		g.infoDialog(tr("app.name"), sized(msg, 420), fyne.Size{})
	}
}

// selectConcept makes id the selected concept everywhere.
func (g *gui) selectConcept(id string, fromMap bool) {
	g.selConcept = id
	g.selRelation = ""
	if g.side != nil {
		g.side.showSelection(id)
	}
	if g.det != nil {
		g.det.refresh()
	}
	if g.mp != nil {
		g.mp.highlight()
		if !fromMap {
			g.mp.reveal(id)
		}
	}
	g.refreshMenus()
}

// selectRelation shows a relation's evidence.
func (g *gui) selectRelation(id string) {
	g.selRelation = id
	if g.det != nil {
		g.det.refresh()
	}
	if g.mp != nil {
		g.mp.highlight()
	}
}

// setView shows a view on the map (again, when it is the current one:
// framed afresh). Back returns to what the map showed before.
func (g *gui) setView(id string) {
	if id != g.viewID || g.neigh != "" {
		g.pushHistory()
	}
	g.viewID = id
	g.neigh = ""
	if g.side != nil {
		g.side.views.refresh()
	}
	g.refreshMenus()
	if g.mp != nil {
		g.mp.reloadFraming(frameIntent{how: frameFresh, ids: []string{g.selConcept}})
	}
}

// showNeighbourhood shows a concept and its direct neighbours on the map.
func (g *gui) showNeighbourhood(id string) {
	if id == "" {
		return
	}
	if id != g.neigh {
		g.pushHistory()
	}
	g.neigh = id
	g.selConcept = id
	if g.side != nil {
		g.side.views.refresh()
	}
	g.mp.reloadFraming(frameIntent{how: frameFresh, ids: []string{id}})
	g.det.refresh()
	g.refreshMenus()
}

func (g *gui) showError(err error) {
	if err == nil {
		return
	}
	if g.ses != nil && errors.Is(err, app.ErrReadOnly) {
		if ro, why := g.ses.ReadOnly(); ro && why != nil {
			err = errors.New(tr("ro.edit", filepath.Base(g.ses.Path()), why.Error()))
		}
	}
	var ps model.Problems
	msg := err.Error()
	if errors.As(err, &ps) && len(ps) > 0 {
		msg = ps[0].Msg
	}
	text := newBidiWrap(msg)
	text.align = alignUI
	g.infoDialog(tr("dlg.error"), sized(text, 440), fyne.Size{})
}

// closeSession closes the open project, if any, and remembers the file's
// fingerprint so that reopening it unchanged is quick.
func (g *gui) closeSession() {
	if g.ses == nil {
		return
	}
	path := g.ses.Path()
	g.ses.Close()
	g.set.Remember(path, g.ses.Fingerprint())
	g.ses = nil
}

func (g *gui) saveSettings() {
	if g.win != nil && g.win.Canvas() != nil {
		s := g.win.Canvas().Size()
		if s.Width > 0 && s.Height > 0 {
			g.set.Width, g.set.Height = s.Width, s.Height
		}
	}
	if err := app.SaveSettings(g.dirs, g.set); err != nil {
		fyne.LogError("save settings", err)
	}
}

// rebuild redraws everything after a change of language or theme.
func (g *gui) rebuild() {
	g.build()
}

// runAsync runs f off the main goroutine (g.async).
func (g *gui) runAsync(f func()) { g.async(f) }
