package ui

import (
	"errors"
	"fmt"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// largeView is the number of concepts from which the map asks before
// laying a view out with a slow engine (Graphviz's layered and
// force-directed layouts take minutes on big graphs; sfdp takes seconds).
const largeView = 400

// fastEngine is the layout offered first for large views.
const fastEngine = "sfdp"

// maxBasePixels bounds the memory of a rendered map (4 bytes a pixel).
const maxBasePixels = 24_000_000

// mapPanel shows the current view drawn by the render pipeline (the same
// painter as exports), with zoom, pan and fit; clicking a node selects its
// concept and the selection's neighbourhood is highlighted. Layouts run as
// app.LayoutJobs off the UI goroutine; while one runs the pane shows the
// elapsed time and a Cancel button.
type mapPanel struct {
	g        *gui
	obj      fyne.CanvasObject
	view     *mapCanvas
	title    *bidiText
	zoomText *widget.Label
	overlay  *fyne.Container
	msg      *bidiText
	elapsed  *bidiText
	prog     *widget.ProgressBarInfinite
	// The overlay's buttons: draw with the fast engine, draw with the
	// view's own engine, show the selection's neighbourhood, cancel.
	fast, slow, neigh, cancel *widget.Button

	gen       int            // number of the latest layout asked for
	job       *app.LayoutJob // the running layout, if any
	engines   map[string]string
	large     bool   // the current view is too large and was not drawn
	viewKey   string // what the current scene shows; a new key refits
	readyOnce bool

	frame frameState
}

func newMapPanel(g *gui) *mapPanel {
	m := &mapPanel{g: g, engines: map[string]string{}}
	m.view = newMapCanvas(m)
	m.title = newBidiText("")
	m.title.bold = true
	m.title.truncate = true
	m.title.align = alignAuto
	m.zoomText = widget.NewLabel("100%")
	m.msg = newBidiWrap("")
	m.msg.align = alignCenter
	m.elapsed = newBidiText("")
	m.elapsed.align = alignCenter
	m.elapsed.colorName = theme.ColorNamePlaceHolder
	m.fast = widget.NewButton("", nil)
	m.fast.Importance = widget.HighImportance
	m.slow = widget.NewButton("", nil)
	m.neigh = widget.NewButton(tr("map.showneigh"), func() { g.showNeighbourhood(g.selConcept) })
	m.cancel = widget.NewButtonWithIcon(tr("dlg.cancel"), theme.CancelIcon(), m.cancelLayout)
	m.prog = widget.NewProgressBarInfinite()
	m.prog.Stop()
	buttons := container.NewVBox(m.fast, m.slow, m.neigh, container.NewCenter(m.cancel))
	box := container.NewVBox(m.msg, m.elapsed, m.prog, container.NewCenter(buttons))
	m.overlay = container.NewCenter(sized(box, 440))
	m.overlay.Hide()
	m.obj = container.NewBorder(container.NewVBox(m.header(), widget.NewSeparator()), nil, nil, nil,
		container.NewStack(m.view, m.overlay))
	return m
}

// header is the row above the map: Back, the view's name and the zoom buttons.
func (m *mapPanel) header() fyne.CanvasObject {
	t := m.g.tips
	b := func(key string, icon fyne.Resource, tip string, fn func()) fyne.CanvasObject {
		btn := t.button("", icon, tip, fn)
		m.g.controls.add(key, btn)
		return btn
	}
	zoom := container.NewHBox(joinDir[fyne.CanvasObject](
		b("map.zoomout", theme.ZoomOutIcon(), tr("view.zoomout"), func() { m.zoomBy(0.8) }),
		m.zoomText,
		b("map.zoomin", theme.ZoomInIcon(), tr("view.zoomin"), func() { m.zoomBy(1.25) }),
		b("map.fit", theme.ZoomFitIcon(), tr("view.fit"), m.fit),
	)...)
	back := t.button("", backIcon(), tr("view.back")+"  (Alt+←)", m.g.back)
	m.g.controls.add("view.back", back)
	if rtl() {
		return container.NewBorder(nil, nil, zoom, back, m.title)
	}
	return container.NewBorder(nil, nil, back, zoom, m.title)
}

// key identifies what the map shows, to know when to refit.
func (m *mapPanel) key() string {
	g := m.g
	return g.ses.Path() + "|" + g.viewID + "|" + g.neigh + "|" + g.labelLang()
}

// request is the layout of the current view, and its number of concepts.
func (m *mapPanel) request() (app.LayoutRequest, int, int, error) {
	g := m.g
	v := g.currentView()
	p := g.ses.Snapshot()
	if g.viewID == "" && g.neigh == "" {
		v.Name = p.Meta.Title.Clone() // as `khareeta render` names the view of every concept
	}
	r := app.LayoutRequest{Project: p, View: v, Lang: g.labelLang(), MaxPixels: maxBasePixels}
	if v.Layout.Direction == "" && v.Focus == "" && g.viewID == "" {
		r.Direction = g.defaultDirection()
	}
	r.Engine = m.engines[m.key()]
	r.Scale = 2 * math.Max(float64(g.win.Canvas().Scale()), 1)
	n, rels, err := r.Size()
	return r, n, rels, err
}

// engineOf is the engine a request lays out with.
func engineOf(r app.LayoutRequest) string {
	if r.Engine != "" {
		return r.Engine
	}
	if r.View.Layout.Engine != "" {
		return r.View.Layout.Engine
	}
	return "dot"
}

// reload lays the current view out again (after an edit or a view change),
// off the main goroutine; the old map stays until the new one is ready.
func (m *mapPanel) reload() { m.reloadFraming(frameIntent{}) }

// reloadFraming is reload with a say in how the new scene is framed.
func (m *mapPanel) reloadFraming(in frameIntent) {
	g := m.g
	if g.ses == nil {
		return
	}
	m.stopJob()
	m.gen++
	m.frame.intent = m.frame.intent.merge(in)
	key := m.key()
	m.title.SetText(g.currentView().Name.Get(uiLang()))
	r, n, rels, err := m.request()
	m.large = false
	if err == nil && n > largeView && engineOf(r) != fastEngine && m.engines[key] == "" {
		m.offerEngines(n, rels, "")
		m.signalReady()
		return
	}
	m.start(r, key)
}

// offerEngines explains that the view is large and offers the fast engine
// first, the view's own next, and the selection's neighbourhood.
func (m *mapPanel) offerEngines(n, rels int, prefix string) {
	key := m.key()
	m.view.setScene(nil, nil, 0)
	r, _, _, _ := m.request()
	slow := engineOf(r)
	m.showMessage(prefix+tr("map.large", n, rels, slow, fastEngine), false)
	m.fast.SetText(tr("map.drawfast", fastEngine))
	m.fast.OnTapped = func() { m.engines[key] = fastEngine; m.reload() }
	m.fast.Show()
	m.slow.SetText(tr("map.drawslow", slow))
	m.slow.OnTapped = func() { m.engines[key] = slow; m.reload() }
	m.slow.Show()
	m.large = true
	m.highlight()
}

// start runs the layout job for the current view.
func (m *mapPanel) start(r app.LayoutRequest, key string) {
	g := m.g
	gen := m.gen
	job := app.StartLayout(r)
	m.job = job
	g.status.start()
	if m.view.scene == nil || job.Child {
		m.showProgress(job)
	} else {
		// A quick relayout keeps the old map in sight; the progress shows
		// only if it takes a while.
		time.AfterFunc(m.g.overlayDelay, func() {
			g.do(func() {
				if m.job == job && gen == m.gen {
					m.showProgress(job)
				}
			})
		})
	}
	m.g.runAsync(func() {
		res, err := job.Result()
		g.do(func() {
			g.status.stop()
			if gen != m.gen || m.job != job {
				return
			}
			m.job = nil
			m.show(res, err, key)
		})
	})
}

// showProgress covers the map with the progress, the elapsed time and a
// Cancel button, and keeps the time up to date while job runs.
func (m *mapPanel) showProgress(job *app.LayoutJob) {
	m.showMessage(tr("map.rendering"), true)
	m.cancel.Show()
	m.elapsed.Show()
	var tick func()
	tick = func() {
		if m.job != job {
			return
		}
		m.elapsed.SetText(tr("map.elapsed", formatElapsed(time.Since(job.Started))))
		time.AfterFunc(500*time.Millisecond, func() { m.g.do(tick) })
	}
	tick()
}

// formatElapsed writes a duration as m:ss.
func formatElapsed(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// cancelLayout stops the running layout (its worker process is killed) and
// offers the engines again.
func (m *mapPanel) cancelLayout() {
	job := m.job
	if job == nil {
		return
	}
	took := time.Since(job.Started)
	m.stopJob()
	m.gen++
	_, n, rels, err := m.request()
	if err != nil {
		m.showMessage(tr("map.failed", err.Error()), false)
		return
	}
	delete(m.engines, m.key())
	m.offerEngines(n, rels, tr("map.cancelled", formatElapsed(took))+"\n")
}

// stopJob cancels the running layout, if any.
func (m *mapPanel) stopJob() {
	if m.job != nil {
		m.job.Cancel()
		m.job = nil
	}
}

// show puts a finished layout on the map (or says why there is none).
func (m *mapPanel) show(res *app.DrawnMap, err error, key string) {
	if err != nil {
		if !errors.Is(err, app.ErrLayoutCancelled) {
			m.view.setScene(nil, nil, 0)
			m.showMessage(tr("map.failed", err.Error()), false)
		}
		m.signalReady()
		return
	}
	sc := res.Scene
	refit := key != m.viewKey || m.view.scene == nil
	m.viewKey = key
	if len(sc.Nodes) == 0 {
		m.view.setScene(nil, nil, 0)
		m.showMessage(tr("map.empty"), false)
		m.fast.SetText(tr("edit.newc"))
		m.fast.OnTapped = func() { m.g.conceptDialog("") }
		m.fast.Show()
		m.signalReady()
		return
	}
	if old := m.view.scene; old != nil && !refit && (sc.Dir == text.RTL || sc.Direction == "RL") {
		// Right-to-left maps grow to the left: keep their right edge in place.
		m.view.offX += sc.Width - old.Width
	}
	m.view.setScene(sc, res.Image, res.Scale)
	if res.Positioned && len(res.Unstored) > 0 {
		// Concepts the drawing placed itself keep those places, so the
		// next drawing (after an edit) needs no Graphviz. Not an edit.
		if err := m.g.ses.RecordLayout(res.View, res.Unstored); err != nil {
			fyne.LogError("record the map's layout", err)
		}
	}
	m.overlay.Hide()
	m.applyFrame(refit)
	m.view.Refresh()
	m.signalReady()
}

// signalReady tells the start-up hook, once, that the first map is done.
func (m *mapPanel) signalReady() {
	if m.readyOnce {
		return
	}
	m.readyOnce = true
	if m.g.onMap != nil {
		m.g.onMap()
		m.g.onMap = nil
	}
	if m.g.ready != nil {
		ready := m.g.ready
		m.g.ready = nil
		// Let the frame with the map be painted first.
		time.AfterFunc(300*time.Millisecond, func() { fyne.Do(ready) })
	}
}

func (m *mapPanel) showMessage(msg string, progress bool) {
	m.msg.SetText(msg)
	for _, b := range []*widget.Button{m.fast, m.slow, m.neigh, m.cancel} {
		b.Hide()
	}
	m.elapsed.Hide()
	if progress {
		m.prog.Show()
		m.prog.Start()
	} else {
		m.prog.Stop()
		m.prog.Hide()
	}
	m.overlay.Show()
	m.overlay.Refresh()
}

// highlight redraws the selection's neighbourhood (or, while a large view
// is not drawn, offers to show it).
func (m *mapPanel) highlight() {
	if m.large {
		if m.g.selConcept != "" {
			m.neigh.Show()
		} else {
			m.neigh.Hide()
		}
	}
	m.view.Refresh()
}

// busy reports whether a layout is running.
func (m *mapPanel) busy() bool { return m.job != nil }

// scene returns the scene shown (nil when none).
func (m *mapPanel) scene() *layout.Scene { return m.view.scene }
