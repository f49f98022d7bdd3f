package ui

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
)

// ProbeEnv names a file that the app, when the variable is set, fills with
// a description of its window (ProbeState) each time it is sent SIGUSR1.
// The end-to-end test (cmd/khareeta) uses it to find where to click with
// real X events and to wait for what it checks, not for fixed times.
const ProbeEnv = "KHAREETA_E2E_PROBE"

// ProbeRect is an object's place in the window, in window pixels.
type ProbeRect struct{ X, Y, W, H float32 }

// ProbeItem is a control, a button or a text of the window and where it is.
type ProbeItem struct {
	Key      string   `json:",omitempty"`
	Menu     []string `json:",omitempty"`
	Index    int      `json:",omitempty"`
	Text     string   `json:",omitempty"`
	Disabled bool     `json:",omitempty"`
	Rect     ProbeRect
}

// ProbeState is what the probe writes.
type ProbeState struct {
	Seq      int    // counts the probes written
	Lang     string // interface language
	Scale    float32
	Project  string // open project file
	Controls []ProbeItem
	MenuBar  []ProbeItem // our right-to-left menu bar's menus (rtlmenu.go)
	OpenMenu []ProbeItem // the rows of our open menus, innermost last
	Dialogs  int         // dialogs open (ours and file dialogs)
	// Overlay is the topmost dialog or pop-up: its place, title and buttons.
	Overlay    *ProbeItem
	Buttons    []ProbeItem // buttons of the topmost overlay
	Windows    []string    // titles of the app's windows
	Focus      string      // type of the focused widget
	Selected   string      // label of the selected concept
	View       string      // title of the map
	Busy       bool        // a layout runs
	JobPid     int         // its worker process
	Large      bool        // a large view waits for a choice of engine
	Nodes      int         // nodes on the map
	Zoom       float64
	MapMessage string      // the map pane's message
	MapButtons []ProbeItem // the map pane's buttons (engines, Cancel)
	Texts      []ProbeItem // texts of the concept list
	Search     string      // text of the search field
	Theme      string      // theme setting
	ViewID     string      // the view shown ("" for every concept)
	Neigh      string      // the concept whose neighbourhood is shown
	Status     string      // the status bar's message
	// MapNodes are the concepts on the map: where they are in the window
	// (Rect, window pixels, maybe out of sight) and on the map (X, Y: the
	// centre in points, as positions are stored).
	MapNodes []ProbeNode
	// MapOrigin is the scene point of map coordinates (0, 0) of the drawn
	// map (layout.Scene.Origin): an export of the view draws it the same.
	MapOrigin [2]float64
	// Editing is the map's in-place editor or picker, when one is open.
	Editing *ProbeItem
}

// ProbeNode is a concept's node on the map.
type ProbeNode struct {
	ID, Label string
	Rect      ProbeRect
	X, Y      float64
}

var probeSeq int

// writeProbe writes the window's state to path (on the UI goroutine).
func (g *gui) writeProbe(path string) error {
	probeSeq++
	c := g.win.Canvas()
	scale := c.Scale()
	d := fyne.CurrentApp().Driver()
	rect := func(o fyne.CanvasObject) ProbeRect {
		p := d.AbsolutePositionForObject(o)
		s := o.Size()
		return ProbeRect{p.X * scale, p.Y * scale, s.Width * scale, s.Height * scale}
	}
	st := ProbeState{Seq: probeSeq, Lang: uiLang(), Scale: scale, Dialogs: len(g.dialogs), Theme: g.set.Theme, ViewID: g.viewID, Neigh: g.neigh}
	if g.status != nil {
		st.Status = g.status.message.Text()
	}
	if g.ses != nil {
		st.Project = g.ses.Path()
	}
	for _, ctl := range g.controlList() {
		it := ProbeItem{Key: ctl.Key, Menu: ctl.Menu, Index: ctl.Index, Text: ctl.Label, Disabled: ctl.Disabled}
		if o := g.controls.objs[ctl.Key]; o != nil && ctl.Button() {
			it.Rect = rect(o)
		}
		st.Controls = append(st.Controls, it)
	}
	if g.bar != nil {
		for i, b := range g.bar.buttons {
			st.MenuBar = append(st.MenuBar, ProbeItem{Key: g.menus.menuKeys[i], Text: b.Text, Rect: rect(b)})
		}
		for p := g.bar.open; p != nil; p = p.child {
			for _, r := range p.rows {
				st.OpenMenu = append(st.OpenMenu, ProbeItem{Key: g.menus.keys[r.item], Text: r.item.Label, Disabled: r.item.Disabled, Rect: rect(r)})
			}
		}
	}
	if top := c.Overlays().Top(); top != nil {
		ov := ProbeItem{Rect: rect(top)}
		if od := g.topDialog(); od != nil {
			ov.Text = od.title
			// The dialog's box: its content and buttons, and the title row
			// above them; Fyne's file dialogs are fileDialogSize, centred.
			if od.content != nil {
				box := rect(od.content)
				for role, b := range od.buttons {
					r := rect(b)
					st.Buttons = append(st.Buttons, ProbeItem{Key: role, Text: b.Text, Rect: r})
					box = unionRect(box, r)
				}
				title := 84 * scale
				ov.Rect = ProbeRect{box.X, max(0, box.Y-title), box.W, box.H + title}
			} else {
				ov.Key = "file"
				cs := c.Size()
				w, h := min(fileDialogSize.Width, cs.Width), min(fileDialogSize.Height, cs.Height)
				ov.Rect = ProbeRect{(cs.Width - w) / 2 * scale, (cs.Height - h) / 2 * scale, w * scale, h * scale}
			}
		}
		st.Overlay = &ov
	}
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		st.Windows = append(st.Windows, w.Title())
	}
	if f := c.Focused(); f != nil {
		st.Focus = fmt.Sprintf("%T", f)
	}
	if g.ses != nil {
		st.Selected = g.conceptLabel(g.selConcept)
	}
	if m := g.mp; m != nil {
		st.View = m.title.Text()
		st.Busy, st.Large, st.Zoom = m.busy(), m.large, m.view.zoom
		if m.job != nil {
			st.JobPid = m.job.Pid()
		}
		if sc := m.view.scene; sc != nil {
			st.Nodes = len(sc.Nodes)
			v := m.view
			o := rect(v)
			st.MapOrigin = [2]float64{sc.Origin.X, sc.Origin.Y}
			for _, n := range sc.Nodes {
				r := n.Rect
				at := sc.MapPoint(r.Center()) // as positions are stored
				st.MapNodes = append(st.MapNodes, ProbeNode{ID: n.ConceptID, Label: g.conceptLabel(n.ConceptID),
					X: at.X, Y: at.Y,
					Rect: ProbeRect{o.X + float32((r.Min.X-v.offX)*v.zoom)*scale, o.Y + float32((r.Min.Y-v.offY)*v.zoom)*scale,
						float32(r.W()*v.zoom) * scale, float32(r.H()*v.zoom) * scale}})
			}
		}
		if ip := m.view.ip; ip != nil {
			st.Editing = &ProbeItem{Text: ip.entry.Text, Rect: rect(ip.entry)}
		}
		if m.overlay.Visible() {
			st.MapMessage = m.msg.Text()
			for key, b := range map[string]*widget.Button{"map.fast": m.fast, "map.slow": m.slow, "map.neigh": m.neigh, "map.cancel": m.cancel} {
				if b.Visible() {
					st.MapButtons = append(st.MapButtons, ProbeItem{Key: key, Text: b.Text, Rect: rect(b)})
				}
			}
		}
	}
	if g.side != nil {
		st.Search = g.side.search.Text
		// Rows on screen (the list keeps rows scrolled out of sight too).
		lr := rect(g.side.list)
		for label, id := range g.side.shown {
			r := rect(label)
			cx, cy := r.X+r.W/2, r.Y+r.H/2
			if label.Visible() && label.Text() != "" && cx > lr.X && cx < lr.X+lr.W && cy > lr.Y && cy < lr.Y+lr.H {
				st.Texts = append(st.Texts, ProbeItem{Key: id, Text: label.Text(), Rect: r})
			}
		}
		sort.Slice(st.Texts, func(i, j int) bool { return st.Texts[i].Rect.Y < st.Texts[j].Rect.Y })
	}
	b, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return err
	}
	return app.WriteOutput(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// unionRect is the smallest rectangle holding a and b.
func unionRect(a, b ProbeRect) ProbeRect {
	x0, y0 := min(a.X, b.X), min(a.Y, b.Y)
	x1, y1 := max(a.X+a.W, b.X+b.W), max(a.Y+a.H, b.Y+b.H)
	return ProbeRect{x0, y0, x1 - x0, y1 - y0}
}
