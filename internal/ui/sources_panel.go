package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/biblio"
)

// sourcesPanel is the sources manager: every source of the project in
// reference-list order with instant Arabic-aware search, the selected
// source's APA reference and fields, and everything it supports (concepts
// and relations, with click-through). Its toolbar adds, imports, exports,
// finds duplicates and shows the formatted reference list.
type sourcesPanel struct {
	g      *gui
	obj    fyne.CanvasObject
	search *keyEntry
	info   *bidiText
	list   *keyList
	detail *fyne.Container
	dups   *tipButton

	ids      []string
	counts   map[string]int
	sel      string
	query    string
	debounce *time.Timer
	syncing  bool
	// rowSource is the source each row of the list shows.
	rowSource map[*sourceRow]string
}

// newSourcesPanel builds the sources manager of g's session. It refreshes
// itself after every edit, undo, redo or reload of that session, until
// another sources panel is made for g.
func newSourcesPanel(g *gui) *sourcesPanel {
	p := &sourcesPanel{g: g}
	p.search = g.newEntry()
	p.search.SetPlaceHolder(tr("src.search"))
	p.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	p.search.OnChanged = func(q string) {
		if p.debounce != nil {
			p.debounce.Stop()
		}
		p.debounce = time.AfterFunc(120*time.Millisecond, func() { fyne.Do(func() { p.setQuery(q) }) })
	}
	p.info = newBidiText("")
	p.info.size = theme.CaptionTextSize()
	p.info.colorName = theme.ColorNamePlaceHolder
	p.info.align = alignUI
	p.list = g.newList(func() int { return len(p.ids) }, p.createRow, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.syncing || i >= len(p.ids) {
			return
		}
		p.show(p.ids[i])
	}
	p.detail = container.NewVBox()
	t := g.tips
	add := t.button("", theme.ContentAddIcon(), tr("src.new.t"), func() {
		g.sourceEditor("", func(id string) { p.selectSource(id) })
	})
	imp := t.button("", theme.FolderOpenIcon(), tr("src.import.t"), g.importSourcesDialog)
	exp := t.button("", theme.DownloadIcon(), tr("src.export.t"), g.exportSourcesDialog)
	p.dups = t.button("", theme.ContentCopyIcon(), tr("src.dups.t"), func() { g.duplicatesDialog(p.selectSource) })
	bib := t.button("", theme.DocumentIcon(), tr("src.biblio.t"), g.bibliographyDialog)
	bar := container.NewHBox(joinDir[fyne.CanvasObject](add, imp, exp, p.dups, bib)...)
	var barRow fyne.CanvasObject
	if rtl() {
		barRow = container.NewBorder(nil, nil, bar, nil, p.info)
	} else {
		barRow = container.NewBorder(nil, nil, nil, bar, p.info)
	}
	top := container.NewVBox(p.search, barRow)
	split := container.NewVSplit(container.NewBorder(top, nil, nil, nil, p.list), container.NewVScroll(container.NewPadded(p.detail)))
	split.Offset = 0.5
	p.obj = split
	ses := g.ses
	g.sources = p
	if ses != nil {
		ses.Subscribe(func(e app.Event) {
			if g.sources != p || g.ses != ses {
				return
			}
			if e.Touches(app.SourceEntity) || e.Touches(app.CitationEntity) {
				p.refresh()
			} else if p.sel != "" {
				p.showDetail() // labels of what the source supports may have changed
			}
		})
	}
	p.refresh()
	return p
}

func (p *sourcesPanel) createRow() fyne.CanvasObject {
	t := newBidiText("")
	t.truncate = true
	t.align = alignUI
	n := newBidiText("")
	n.size = theme.CaptionTextSize()
	n.colorName = theme.ColorNamePlaceHolder
	var row *fyne.Container
	if rtl() {
		row = container.NewBorder(nil, nil, n, nil, t)
	} else {
		row = container.NewBorder(nil, nil, nil, n, t)
	}
	// Dragged onto the map, the row's source cites what it is dropped on.
	var r *sourceRow
	r = newSourceRow(p.g, row, func() string { return p.rowSource[r] })
	return r
}

func sourceRowParts(o fyne.CanvasObject) (title, count *bidiText) {
	c := o.(*sourceRow).content.(*fyne.Container)
	for _, x := range c.Objects {
		b := x.(*bidiText)
		if b.truncate {
			title = b
		} else {
			count = b
		}
	}
	return
}

func (p *sourcesPanel) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.ids) {
		return
	}
	s, ok := p.g.ses.Index().Sources[p.ids[i]]
	if !ok {
		return
	}
	title, count := sourceRowParts(o)
	if p.rowSource == nil {
		p.rowSource = map[*sourceRow]string{}
	}
	p.rowSource[o.(*sourceRow)] = s.ID
	if len(s.Authors)+len(s.Editors) == 0 {
		title.SetText(sourceShort(s)) // the title is the short form already
	} else {
		title.SetText(sourceShort(s) + " — " + s.Title)
	}
	n := p.counts[s.ID]
	count.SetText(strconv.Itoa(n))
	if n == 0 {
		title.colorName = theme.ColorNamePlaceHolder
	} else {
		title.colorName = ""
	}
	// Lay the row out again: the count's width changes with its digits.
	o.Refresh()
}

func (p *sourcesPanel) setQuery(q string) {
	p.query = q
	p.refresh()
}

// refresh re-reads the sources (after an edit or a search).
func (p *sourcesPanel) refresh() {
	g := p.g
	if g.ses == nil {
		return
	}
	p.ids = g.ses.SearchSources(p.query)
	p.counts = g.ses.CitationCounts()
	total := len(g.ses.Project().Sources)
	if strings.TrimSpace(p.query) == "" {
		p.info.SetText(tr("src.count", total))
	} else {
		p.info.SetText(tr("src.hits", len(p.ids), total))
	}
	if n := len(g.ses.DuplicateSources()); n > 0 {
		p.dups.SetText(strconv.Itoa(n))
		p.dups.Importance = widget.WarningImportance
	} else {
		p.dups.SetText("")
		p.dups.Importance = widget.LowImportance
	}
	p.dups.Refresh()
	p.list.Refresh()
	if _, ok := g.ses.Index().Sources[p.sel]; !ok {
		p.sel = ""
	}
	p.syncList()
	p.showDetail()
}

// selectSource shows a source (clearing a search that hides it).
func (p *sourcesPanel) selectSource(id string) {
	if id == "" {
		return
	}
	found := false
	for _, x := range p.ids {
		found = found || x == id
	}
	if !found && p.query != "" {
		p.search.SetText("")
		p.query = ""
		p.refresh()
	}
	p.show(id)
	p.syncList()
}

func (p *sourcesPanel) syncList() {
	p.syncing = true
	defer func() { p.syncing = false }()
	for i, x := range p.ids {
		if x == p.sel {
			p.list.Select(i)
			p.list.ScrollTo(i)
			return
		}
	}
	p.list.UnselectAll()
}

func (p *sourcesPanel) show(id string) {
	p.sel = id
	p.showDetail()
}

// showDetail fills the lower half with the selected source.
func (p *sourcesPanel) showDetail() {
	g := p.g
	d := p.detail
	d.RemoveAll()
	s, ok := g.ses.Index().Sources[p.sel]
	if !ok {
		d.Add(placeholder(tr("src.none")))
		d.Refresh()
		return
	}
	id := s.ID
	ref := newBidiWrap(biblio.Reference(*s, biblio.Text))
	ref.align = alignAuto
	t := g.tips
	edit := t.button("", theme.DocumentCreateIcon(), tr("src.edit.t"), func() { g.sourceEditor(id, nil) })
	cp := t.button("", theme.ContentCopyIcon(), tr("src.copy.t"), func() {
		g.copyText(g.ses.Reference(id, biblio.Text))
	})
	del := t.button("", theme.DeleteIcon(), tr("src.del.t"), func() { g.confirmDeleteSource(id) })
	d.Add(sideButtons(ref, container.NewVBox(edit, cp, del)))

	// The fields a reference list does not show.
	var facts []string
	add := func(key, v string) {
		if v != "" {
			facts = append(facts, tr(key)+": "+v)
		}
	}
	add("src.f.type", typeName(s.Type))
	add("src.f.key", s.Key)
	add("src.f.doi", s.DOI)
	add("src.f.url", s.URL)
	add("src.f.pages", s.Pages)
	add("src.f.lang", s.Language)
	fact := func(f string) {
		x := newBidiWrap(f)
		x.size = theme.CaptionTextSize()
		x.colorName = theme.ColorNamePlaceHolder
		x.align = alignUI
		d.Add(x)
	}
	for _, f := range facts {
		fact(f)
	}

	use := g.ses.SourceUses(id)
	d.Add(section(tr("src.supports", len(use.Citations))))
	if len(use.Citations) == 0 {
		d.Add(placeholder(tr("src.unused")))
	}
	pages := map[string][]string{}
	for _, c := range use.Citations {
		if c.Locator != "" {
			key := c.Concept + c.Relation
			pages[key] = append(pages[key], c.Locator)
		}
	}
	withPages := func(s, key string) string { return withPageNote(s, pages[key]) }
	for _, cid := range use.Concepts {
		cid := cid
		c := g.ses.Index().Concepts[cid]
		txt := newBidiWrap(withPages(g.conceptLabel(cid), cid))
		txt.align = alignUI
		sw := canvas.NewRectangle(parseHex(kindColor(g, c.Kind)))
		sw.CornerRadius = 3
		sw.SetMinSize(fyne.NewSize(10, 10))
		row := sideButtons(tappable(txt, func() { g.selectConcept(cid, false) }), container.NewCenter(sw))
		d.Add(row)
	}
	for _, rid := range use.Relations {
		rid := rid
		r := g.ses.Index().Relations[rid]
		txt := newBidiWrap(withPages(g.proposition(r), rid))
		txt.align = alignUI
		txt.colorName = theme.ColorNamePrimary
		from := r.From
		d.Add(tappable(txt, func() {
			g.selectConcept(from, false)
			g.selectRelation(rid)
		}))
	}
	if s.Note != "" { // notes can be long: after what the source supports
		d.Add(widget.NewSeparator())
		fact(tr("src.f.note") + ": " + s.Note)
	}
	d.Refresh()
}

func kindColor(g *gui, kind string) string {
	if k, ok := g.ses.Index().Kinds[kind]; ok {
		return k.Color
	}
	return "#888888"
}

// typeName translates a CSL type for people.
func typeName(t string) string {
	if k := "csl." + t; tr(k) != k {
		return tr(k)
	}
	return t
}

// copyText puts s on the clipboard and says so.
func (g *gui) copyText(s string) {
	if a := fyne.CurrentApp(); a != nil {
		a.Clipboard().SetContent(s)
	}
	if g.status != nil {
		g.status.flash(tr("st.copied"))
	}
}

// confirmDeleteSource asks before deleting a source and its citations.
func (g *gui) confirmDeleteSource(id string) {
	s, ok := g.ses.Index().Sources[id]
	if !ok {
		return
	}
	n := len(g.ses.SourceUses(id).Citations)
	msg := newBidiWrap(tr("del.source", s.Title))
	msg.align = alignUI
	body := container.NewVBox(msg)
	if n > 0 {
		also := newBidiWrap(tr("del.source.cites", n))
		also.align = alignUI
		body.Add(also)
	}
	u := newBidiWrap(tr("del.undo"))
	u.align = alignUI
	u.colorName = theme.ColorNamePlaceHolder
	body.Add(u)
	g.formDialog(tr("src.del.t"), tr("dlg.delete"), body, fyne.NewSize(480, 0), func() bool {
		if err := g.ses.DeleteSource(id); err != nil {
			g.showError(err)
			return false
		}
		return true
	})
}

// Wiring: what the main window adds for the sources manager, the merge
// dialog, the insights panel and the coverage matrix.

// extraSidebarTabs returns the Sources and Insights tabs for the sidebar.
func (g *gui) extraSidebarTabs() []*container.TabItem {
	return []*container.TabItem{
		container.NewTabItemWithIcon(tr("side.sources"), theme.DocumentIcon(), newSourcesPanel(g).obj),
		container.NewTabItemWithIcon(tr("side.insights"), theme.InfoIcon(), newInsightsPanel(g).obj),
	}
}

// extraFileItems returns the File menu items for merging a colleague's
// file and importing and exporting references.
func (g *gui) extraFileItems() []*fyne.MenuItem {
	tag := g.menus.tag
	items := []*fyne.MenuItem{
		tag(fyne.NewMenuItem(tr("menu.merge"), g.mergeFileDialog), "menu.merge"),
	}
	// Import… (references among the formats it detects) and Export to
	// other programs… (interchange.go)
	items = append(items, g.interchangeFileItems()...)
	items = append(items, tag(fyne.NewMenuItem(tr("menu.exportrf"), g.exportSourcesDialog), "menu.exportrf"))
	items[0].Icon = theme.ContentPasteIcon()
	for _, it := range items {
		it.Disabled = g.ses == nil
	}
	return items
}

// sourcesMenu returns a menu with the reference list, duplicate sources
// and the coverage matrix.
func (g *gui) sourcesMenu() *fyne.Menu {
	tag := g.menus.tag
	m := fyne.NewMenu(tr("side.sources"),
		tag(fyne.NewMenuItem(tr("menu.biblio"), g.bibliographyDialog), "menu.biblio"),
		tag(fyne.NewMenuItem(tr("menu.dups"), func() { g.duplicatesDialog(func(id string) { g.revealSource(id) }) }), "menu.dups"),
		fyne.NewMenuItemSeparator(),
		tag(fyne.NewMenuItem(tr("menu.matrix"), g.coverageMatrixWindow), "menu.matrix"),
	)
	for _, it := range m.Items {
		it.Disabled = g.ses == nil
	}
	return m
}
