package ui

import (
	"image/color"
	"sort"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/model"
)

// sidebar lists the project's concepts grouped by kind (with counts and
// colours), with instant Arabic-aware search and kind filters, and in a
// second tab the views.
type sidebar struct {
	g    *gui
	obj  fyne.CanvasObject
	tabs *container.AppTabs
	// conceptsTab is the concept list's tab.
	conceptsTab *container.TabItem
	search      *keyEntry
	filter      *tipButton
	info        *bidiText
	list        *keyList
	views       *viewsList

	rows      []sideRow
	hidden    map[string]bool // kinds filtered out
	collapsed map[string]bool // kinds folded away
	hits      []string        // search results, best first (nil: no search)
	query     string
	debounce  *time.Timer
	syncing   bool // showSelection is moving the list; ignore OnSelected
	// shown maps the label of each row on screen to its concept ("" for
	// kind headings), for the end-to-end probe.
	shown map[*bidiText]string
}

// sideRow is one row of the concept list: a kind heading or a concept.
type sideRow struct {
	header  bool
	kind    string
	concept string
	count   int
}

func newSidebar(g *gui) *sidebar {
	s := &sidebar{g: g, hidden: map[string]bool{}, collapsed: map[string]bool{}, shown: map[*bidiText]string{}}
	s.search = g.newEntry()
	s.search.deletes = true
	s.search.SetPlaceHolder(tr("side.search"))
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(q string) {
		if s.debounce != nil {
			s.debounce.Stop()
		}
		if g.searchDelay == 0 {
			s.runSearch(q)
			return
		}
		s.debounce = time.AfterFunc(g.searchDelay, func() { fyne.Do(func() { s.runSearch(q) }) })
	}
	s.search.OnSubmitted = func(string) {
		// Enter selects the best hit.
		if len(s.hits) > 0 {
			g.selectConcept(s.hits[0], false)
		}
	}
	s.filter = g.tips.button(tr("side.filter"), theme.ListIcon(), tr("side.filter.t"), s.showFilter)
	s.info = newBidiText("")
	s.info.size = theme.CaptionTextSize()
	s.info.colorName = theme.ColorNamePlaceHolder
	s.info.align = alignUI
	s.list = g.newList(
		func() int { return len(s.rows) },
		s.createRow,
		s.updateRow,
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		if s.syncing || id >= len(s.rows) {
			return
		}
		r := s.rows[id]
		if r.header {
			s.collapsed[r.kind] = !s.collapsed[r.kind]
			s.list.Unselect(id)
			s.rebuild()
			return
		}
		g.selectConcept(r.concept, false)
	}
	add := g.tips.button("", theme.ContentAddIcon(), tr("side.newc.t"), func() { g.conceptDialog("") })
	// Fyne's entry lays the runs of a mixed line out in logical order
	// («المياه 12» shows as 12المياه); the preview under it shows the
	// query as it reads (see previewFor).
	top := container.NewVBox(s.search, previewFor(s.search))
	var bar fyne.CanvasObject
	if rtl() {
		bar = container.NewBorder(nil, nil, container.NewHBox(add, s.filter), nil, s.info)
	} else {
		bar = container.NewBorder(nil, nil, nil, container.NewHBox(s.filter, add), s.info)
	}
	concepts := container.NewBorder(container.NewVBox(top, bar), nil, nil, nil, s.list)
	s.views = newViewsList(g)
	s.conceptsTab = container.NewTabItem(tr("side.concepts"), concepts)
	items := []*container.TabItem{s.conceptsTab, container.NewTabItem(tr("side.views"), s.views.obj)}
	// The sources manager and the insights panel (sources_panel.go).
	items = append(items, g.extraSidebarTabs()...)
	// Text-only tabs: four of them fit the sidebar's width. In Arabic the
	// first tab goes to the right.
	for _, t := range items {
		t.Icon = nil
	}
	s.tabs = container.NewAppTabs(joinDir(items...)...)
	s.tabs.Select(s.conceptsTab)
	s.obj = s.tabs
	return s
}

func (s *sidebar) createRow() fyne.CanvasObject {
	sw := canvas.NewRectangle(color.Transparent)
	sw.CornerRadius = 3
	sw.SetMinSize(fyne.NewSize(12, 12))
	swatch := container.NewCenter(sw)
	label := newBidiText("")
	label.truncate = true
	label.align = alignUI
	count := newBidiText("")
	count.colorName = theme.ColorNamePlaceHolder
	count.size = theme.CaptionTextSize()
	fold := widget.NewIcon(theme.MenuDropDownIcon())
	lead := container.NewHBox(joinDir[fyne.CanvasObject](fold, swatch)...)
	if rtl() {
		return container.NewBorder(nil, nil, count, lead, label)
	}
	return container.NewBorder(nil, nil, lead, count, label)
}

// rowParts picks the fold icon, swatch, label and count out of a row made by createRow.
func rowParts(o fyne.CanvasObject) (*widget.Icon, *canvas.Rectangle, *bidiText, *bidiText) {
	c := o.(*fyne.Container)
	// Border layout keeps the centre object first, then the edges in order given.
	label := c.Objects[0].(*bidiText)
	var sw *canvas.Rectangle
	var fold *widget.Icon
	var count *bidiText
	for _, x := range c.Objects[1:] {
		switch v := x.(type) {
		case *fyne.Container:
			for _, y := range v.Objects {
				switch w := y.(type) {
				case *widget.Icon:
					fold = w
				case *fyne.Container:
					sw = w.Objects[0].(*canvas.Rectangle)
				}
			}
		case *bidiText:
			count = v
		}
	}
	return fold, sw, label, count
}

func (s *sidebar) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.rows) {
		return
	}
	r := s.rows[id]
	fold, sw, label, count := rowParts(o)
	s.shown[label] = r.concept
	ix := s.g.ses.Index()
	fill := color.Color(color.Gray{0xcc})
	if k, ok := ix.Kinds[r.kind]; ok {
		fill = parseHex(k.Color)
	}
	sw.FillColor = fill
	if r.header {
		sw.SetMinSize(fyne.NewSize(14, 14))
		sw.CornerRadius = 3
		label.bold = true
		label.align = alignUI
		fold.Show()
		switch {
		case !s.collapsed[r.kind]:
			fold.SetResource(theme.MenuDropDownIcon())
		case rtl():
			fold.SetResource(theme.NavigateBackIcon())
		default:
			fold.SetResource(theme.MenuExpandIcon())
		}
		label.SetText(s.g.kindName(r.kind))
		label.Refresh()
		count.SetText(strconv.Itoa(r.count))
	} else {
		sw.SetMinSize(fyne.NewSize(8, 8))
		sw.CornerRadius = 4
		label.bold = false
		label.align = alignAuto
		fold.Hide()
		label.SetText(s.g.conceptLabel(r.concept))
		label.Refresh()
		n := len(ix.Out[r.concept]) + len(ix.In[r.concept])
		count.SetText(strconv.Itoa(n))
	}
	sw.Refresh()
}

// refresh rebuilds the rows after the project changed.
func (s *sidebar) refresh() {
	if s.query != "" {
		s.runSearch(s.query)
		return
	}
	s.rebuild()
	s.views.refresh()
}

func (s *sidebar) runSearch(q string) {
	s.query = q
	if q == "" {
		s.hits = nil
	} else {
		hits, err := s.g.ses.Search(q, 500)
		if err != nil {
			fyne.LogError("search", err)
		}
		s.hits = hits
		if s.hits == nil {
			s.hits = []string{}
		}
	}
	s.rebuild()
}

// rebuild computes the rows: kinds in order, each with its concepts sorted
// by label; while searching, the hits in rank order.
func (s *sidebar) rebuild() {
	p := s.g.ses.Project()
	lang := s.g.labelLang()
	s.rows = s.rows[:0]
	total := 0
	if s.hits != nil {
		// Search results: one flat list, best match first.
		for _, id := range s.hits {
			c := s.g.ses.Index().Concepts[id]
			if c == nil || s.hidden[c.Kind] {
				continue
			}
			s.rows = append(s.rows, sideRow{kind: c.Kind, concept: id})
			total++
		}
	} else {
		type keyed struct{ id, key string }
		groups := map[string][]keyed{}
		for _, c := range p.Concepts {
			if s.hidden[c.Kind] {
				continue
			}
			groups[c.Kind] = append(groups[c.Kind], keyed{c.ID, model.Fold(c.Label.Get(lang))})
			total++
		}
		for _, k := range model.SortedKinds(p) {
			list := groups[k.ID]
			if s.hidden[k.ID] {
				continue
			}
			sort.SliceStable(list, func(i, j int) bool { return list[i].key < list[j].key })
			s.rows = append(s.rows, sideRow{header: true, kind: k.ID, count: len(list)})
			if s.collapsed[k.ID] {
				continue
			}
			for _, x := range list {
				s.rows = append(s.rows, sideRow{kind: k.ID, concept: x.id})
			}
		}
	}
	switch {
	case s.hits != nil && total == 0:
		s.info.SetText(tr("side.nohits"))
	case s.hits != nil:
		s.info.SetText(tr("side.hits", total))
	default:
		s.info.SetText(tr("side.count", total))
	}
	s.list.Refresh()
	s.showSelection(s.g.selConcept)
}

// showSelection highlights and scrolls to a concept's row.
func (s *sidebar) showSelection(id string) {
	s.syncing = true
	defer func() { s.syncing = false }()
	if id == "" {
		s.list.UnselectAll()
		return
	}
	for i, r := range s.rows {
		if !r.header && r.concept == id {
			s.list.Select(i)
			s.list.ScrollTo(i)
			return
		}
	}
	s.list.UnselectAll()
}

// showFilter pops up a check list of kinds.
func (s *sidebar) showFilter() {
	p := s.g.ses.Project()
	var names []string
	ids := map[string]string{}
	var selected []string
	for _, k := range model.SortedKinds(p) {
		n := k.Name.Get(uiLang())
		names = append(names, n)
		ids[n] = k.ID
		if !s.hidden[k.ID] {
			selected = append(selected, n)
		}
	}
	check := widget.NewCheckGroup(names, nil)
	check.Selected = selected
	check.OnChanged = func(sel []string) {
		on := map[string]bool{}
		for _, n := range sel {
			on[ids[n]] = true
		}
		s.hidden = map[string]bool{}
		for _, id := range ids {
			if !on[id] {
				s.hidden[id] = true
			}
		}
		s.rebuild()
	}
	var pop *widget.PopUp
	all := widget.NewButton(tr("side.all"), func() { check.SetSelected(names) })
	none := widget.NewButton(tr("side.none"), func() { check.SetSelected(nil) })
	content := container.NewVBox(check, container.NewGridWithColumns(2, joinDir[fyne.CanvasObject](all, none)...))
	pop = widget.NewPopUp(content, s.g.win.Canvas())
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(s.filter).Add(fyne.NewPos(0, s.filter.Size().Height))
	pop.ShowAtPosition(pos)
}

// parseHex reads "#rrggbb"; anything else gives grey.
func parseHex(s string) color.NRGBA {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{0xcc, 0xcc, 0xcc, 0xff}
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{0xcc, 0xcc, 0xcc, 0xff}
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}
