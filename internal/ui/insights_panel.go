package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/text"
)

// autoRefreshInsights is the project size (concepts) up to which the
// insights are recomputed after every edit; beyond it the panel offers a
// refresh button instead.
const autoRefreshInsights = 2000

// insightsPanel lists what the analysis finds — coverage gaps, unused
// opportunities, pillars under pressure, claims without evidence and other
// evidence problems, cycles, isolated parts and central concepts — each
// with click-through to its concept and "show on map". It also finds the
// explanation path between two concepts and opens the coverage matrix.
type insightsPanel struct {
	g      *gui
	obj    fyne.CanvasObject
	scope  *widget.Select
	group  *widget.Select
	info   *bidiText
	stale  *fyne.Container
	staleT *bidiText
	path   *bidiText
	list   *keyList
	groups []string

	res      *app.Insights
	items    []app.Insight // shown (filtered by group)
	scopeIDs []string
	scopes   []string
	viewID   string
}

// newInsightsPanel builds the insights panel of g's session and computes
// the insights of the whole project.
func newInsightsPanel(g *gui) *insightsPanel {
	p := &insightsPanel{g: g}
	p.scope = widget.NewSelect(nil, func(s string) {
		if i := indexOf(p.scopes, s); i >= 0 && p.scopeIDs[i] != p.viewID {
			p.viewID = p.scopeIDs[i]
			p.recompute()
		}
	})
	p.groups = []string{tr("ins.all"), tr("ins.g.coverage"), tr("ins.g.evidence"), tr("ins.g.structure")}
	p.group = widget.NewSelect(p.groups, func(string) { p.filter() })
	p.info = caption("")
	refresh := widget.NewButtonWithIcon(tr("ins.refresh"), theme.ViewRefreshIcon(), p.recompute)
	p.staleT = para(tr("ins.stale"))
	p.staleT.colorName = theme.ColorNameWarning
	p.stale = container.NewVBox(sideButtons(p.staleT, refresh))
	p.stale.Hide()
	p.path = newBidiWrap("")
	p.path.align = alignAuto
	p.path.Hide()
	t := g.tips
	pathBtn := t.button(tr("ins.path"), theme.MoreHorizontalIcon(), tr("ins.path.t"), p.pathDialog)
	matrixBtn := t.button(tr("ins.matrix"), theme.GridIcon(), tr("ins.matrix.t"), g.coverageMatrixWindow)
	clear := t.button("", theme.ContentClearIcon(), tr("ins.clear.t"), func() { g.clearMarks() })
	tools := container.NewHBox(joinDir[fyne.CanvasObject](pathBtn, matrixBtn, clear)...)
	filters := container.NewGridWithColumns(2, joinDir[fyne.CanvasObject](p.scope, p.group)...)
	top := container.NewVBox(filters, tools, p.info, p.stale, p.path)
	p.list = g.newList(func() int { return len(p.items) }, p.createRow, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.items) {
			p.open(p.items[i])
		}
		p.list.UnselectAll()
	}
	p.obj = container.NewBorder(top, nil, nil, nil, p.list)
	g.insights = p
	if ses := g.ses; ses != nil {
		ses.Subscribe(func(e app.Event) {
			if g.insights != p || g.ses != ses {
				return
			}
			p.fillScopes()
			if len(ses.Project().Concepts) <= autoRefreshInsights {
				p.recompute()
			} else if !p.stale.Visible() && p.res != nil {
				p.staleT.SetText(tr("ins.stale"))
				p.stale.Show()
				p.obj.Refresh()
			}
		})
	}
	p.fillScopes()
	p.group.SetSelected(p.groups[0])
	if g.ses != nil && len(g.ses.Project().Concepts) > autoRefreshInsights {
		// A big project is analysed when asked, not at start-up.
		p.staleT.SetText(tr("ins.notyet", len(g.ses.Project().Concepts)))
		p.stale.Show()
	} else {
		p.recompute()
	}
	return p
}

func (p *insightsPanel) fillScopes() {
	g := p.g
	if g.ses == nil {
		return
	}
	p.scopes = []string{tr("views.all")}
	p.scopeIDs = []string{""}
	for _, v := range g.ses.Project().Views {
		p.scopes = append(p.scopes, v.Name.Get(uiLang()))
		p.scopeIDs = append(p.scopeIDs, v.ID)
	}
	p.scope.Options = p.scopes
	i := indexOf(p.scopeIDs, p.viewID)
	if i < 0 {
		i, p.viewID = 0, ""
	}
	p.scope.Selected = p.scopes[i]
	p.scope.Refresh()
}

// recompute analyses the project (or the chosen view) again.
func (p *insightsPanel) recompute() {
	g := p.g
	if g.ses == nil {
		return
	}
	res, err := g.ses.Insights(p.viewID, g.labelLang())
	if err != nil {
		g.showError(err)
		return
	}
	p.res = res
	if p.stale.Visible() {
		p.stale.Hide()
		p.obj.Refresh()
	}
	p.filter()
}

// filter shows the findings of the chosen group.
func (p *insightsPanel) filter() {
	if p.res == nil {
		return
	}
	want := ""
	switch indexOf(p.groups, p.group.Selected) {
	case 1:
		want = "coverage"
	case 2:
		want = "evidence"
	case 3:
		want = "structure"
	}
	p.items = p.items[:0]
	n := map[string]int{}
	for _, it := range p.res.Items {
		grp := app.InsightGroups[it.Kind]
		n[grp]++
		if want == "" || grp == want {
			p.items = append(p.items, it)
		}
	}
	p.info.SetText(tr("ins.counts", n["coverage"], n["evidence"], n["structure"]))
	p.list.Refresh()
}

func (p *insightsPanel) createRow() fyne.CanvasObject {
	tag := caption("")
	tag.truncate = true
	subj := newBidiText("")
	subj.truncate = true
	subj.bold = true
	subj.align = alignAuto
	det := newBidiText("")
	det.truncate = true
	det.size = theme.CaptionTextSize()
	det.colorName = theme.ColorNamePlaceHolder
	det.align = alignAuto
	show := p.g.tips.button("", mapIcon(), tr("ins.show.t"), nil)
	texts := container.NewVBox(tag, subj, det)
	return sideButtons(texts, container.NewCenter(show))
}

// insightRowParts finds the parts of a row made by createRow.
func insightRowParts(o fyne.CanvasObject) (tag, subj, det *bidiText, show *tipButton) {
	var walk func(fyne.CanvasObject)
	var texts []*bidiText
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *bidiText:
			texts = append(texts, x)
		case *tipButton:
			show = x
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return texts[0], texts[1], texts[2], show
}

func (p *insightsPanel) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.items) {
		return
	}
	it := p.items[i]
	tag, subj, det, show := insightRowParts(o)
	tag.SetText(insightTag(it))
	tag.colorName = groupColor(app.InsightGroups[it.Kind])
	tag.Refresh()
	subj.SetText(it.Subject)
	det.SetText(insightDetail(it))
	if it.Show.Empty() {
		show.Hide()
	} else {
		show.Show()
		show.OnTapped = func() { p.g.showOnMap(it.Show) }
	}
}

func groupColor(g string) fyne.ThemeColorName {
	switch g {
	case "coverage":
		return theme.ColorNameError
	case "evidence":
		return theme.ColorNameWarning
	}
	return theme.ColorNamePrimary
}

// insightTag names the kind of finding, with its number when it has one.
func insightTag(it app.Insight) string {
	switch it.Kind {
	case app.InsightPillar, app.InsightCentral, app.InsightCycle, app.InsightComponent:
		return tr("ins."+it.Kind, it.Count)
	case app.InsightBroker:
		return tr("ins."+it.Kind, fmt.Sprintf("%.3f", it.Score))
	}
	return tr("ins." + it.Kind)
}

// insightDetail is the second line: the related labels with what they are.
func insightDetail(it app.Insight) string {
	switch it.Kind {
	case app.InsightGap:
		if len(it.Related) == 0 {
			return tr("ins.gap.none")
		}
		return tr("ins.gap.offset", it.Detail)
	case app.InsightPillar:
		return tr("ins.pillar.by", it.Detail)
	}
	return it.Detail
}

// open goes to what a finding is about.
func (p *insightsPanel) open(it app.Insight) {
	g := p.g
	switch {
	case it.Relation != "":
		if r, ok := g.ses.Index().Relations[it.Relation]; ok {
			g.selectConcept(r.From, false)
		}
		g.selectRelation(it.Relation)
	case it.Concept != "":
		g.selectConcept(it.Concept, false)
	case it.Source != "":
		g.revealSource(it.Source)
	}
}

// revealSource shows a source in the sources manager.
func (g *gui) revealSource(id string) {
	sp := g.sources
	if sp == nil {
		return
	}
	if g.side != nil && g.side.tabs != nil {
		for _, ti := range g.side.tabs.Items {
			if ti.Content == sp.obj {
				g.side.tabs.Select(ti)
			}
		}
	}
	sp.selectSource(id)
}

// pathDialog asks for two concepts and shows the shortest explanation path
// between them, marked on the map.
func (p *insightsPanel) pathDialog() {
	g := p.g
	from := newConceptPicker(g, g.selConcept)
	to := newConceptPicker(g, "")
	form := newForm(formRow(tr("rel.from"), from.obj), formRow(tr("rel.to"), to.obj))
	g.formDialog(tr("ins.path.title"), tr("ins.path.find"), form, fyne.NewSize(640, 560), func() bool {
		if from.id == "" || to.id == "" {
			return false
		}
		p.showPath(from.id, to.id)
		return true
	})
}

// showPath finds the path between two concepts, writes it above the list
// and marks it on the map.
func (p *insightsPanel) showPath(from, to string) {
	g := p.g
	r, h := g.ses.ExplainPath(from, to, g.labelLang())
	p.path.Show()
	p.path.dir = text.Auto
	if !r.Found {
		p.path.SetText(tr("ins.path.none", g.conceptLabel(from), g.conceptLabel(to)))
		p.path.colorName = theme.ColorNameError
		p.obj.Refresh()
		return
	}
	p.path.colorName = theme.ColorNamePrimary
	// The sentence reads in its labels' direction, whatever its first
	// word: in an Arabic chain that starts with a Latin name, the arrows
	// still point along the reading.
	p.path.dir = labelDir(g.labelLang())
	p.path.SetText(app.FormatChain(r.Steps))
	p.obj.Refresh() // the path line changes the height of the top
	g.showOnMap(h)
}

// mapMark is what "show on map" marks, and the selection it was made with:
// selecting anything else drops it.
type mapMark struct {
	h   app.Highlight
	sel string
}

// showOnMap marks concepts and relations on the map: it selects the first
// concept, shows every concept (when the current view lacks some), zooms
// to the marked part and dims the rest.
func (g *gui) showOnMap(h app.Highlight) {
	if g.ses == nil || h.Empty() {
		return
	}
	first := ""
	if len(h.Concepts) > 0 {
		first = h.Concepts[0]
	}
	g.selectConcept(first, true)
	g.marks = &mapMark{h: h, sel: g.selConcept}
	m := g.mp
	if m == nil || m.view == nil {
		return
	}
	marks := frameIntent{how: frameMarks, ids: h.Concepts}
	missing := m.view.scene == nil || len(m.present(h.Concepts)) < len(h.Concepts)
	switch {
	case missing && (g.viewID != "" || g.neigh != ""):
		// The marks are not all in this view: show every concept.
		g.pushHistory()
		g.viewID, g.neigh = "", ""
		if g.side != nil {
			g.side.views.refresh()
		}
		g.refreshMenus()
		m.reloadFraming(marks)
	case m.busy() || m.view.scene == nil:
		m.frame.intent = m.frame.intent.merge(marks) // framed when drawn
	default:
		m.zoomTo(h.Concepts)
	}
	m.view.Refresh()
}

// clearMarks removes what "show on map" marked.
func (g *gui) clearMarks() {
	g.marks = nil
	if g.mp != nil && g.mp.view != nil {
		g.mp.view.Refresh()
	}
}

// marksOf returns the window's marks while they still apply.
func marksOf(g *gui) *app.Highlight {
	m := g.marks
	if m == nil || m.sel != g.selConcept {
		return nil
	}
	return &m.h
}

// paintMarks dims everything but the marked concepts and relations and
// rings the marked nodes. It reports false when there is nothing marked,
// so the caller paints the selection's neighbourhood instead.
// (Called from mapRenderer.paint.)
func (c *mapCanvas) paintMarks(dst *image.RGBA, k float64) bool {
	g := c.m.g
	h := marksOf(g)
	if h == nil || c.scene == nil {
		return false
	}
	in := map[string]bool{}
	for _, id := range h.Concepts {
		in[id] = true
	}
	rels := map[string]bool{}
	for _, id := range h.Relations {
		rels[id] = true
	}
	b := dst.Bounds()
	tr := func(p text.Path) text.Path { return p.Transform(k, text.Point{X: -c.offX * k, Y: -c.offY * k}) }
	mask := image.NewAlpha(b)
	var rings []text.Path
	for i := range c.scene.Nodes {
		n := &c.scene.Nodes[i]
		if in[n.ConceptID] {
			o := tr(n.Outline)
			paintPath(mask, o, 0, image.Opaque)
			paintPath(mask, o, 2*k, image.Opaque)
			rings = append(rings, o)
		}
	}
	var edges []text.Path
	for i := range c.scene.Edges {
		e := &c.scene.Edges[i]
		if rels[e.RelationID] {
			p := tr(e.Path)
			paintPath(mask, p, math.Max(e.Width*k, 1)+1, image.Opaque)
			paintPath(mask, tr(e.Arrow), 0, image.Opaque)
			if e.Label != nil {
				paintPath(mask, tr(text.RectPath(e.LabelRect.Inset(-2))), 0, image.Opaque)
			}
			edges = append(edges, p)
		}
	}
	clean := image.NewRGBA(b)
	copy(clean.Pix, dst.Pix)
	veil := color.NRGBA{0xff, 0xff, 0xff, 0xc0}
	draw.Draw(dst, b, image.NewUniform(veil), image.Point{}, draw.Over)
	draw.DrawMask(dst, b, clean, image.Point{}, mask, image.Point{}, draw.Over)
	mark := image.NewUniform(theme.Color(theme.ColorNamePrimary))
	for _, p := range edges {
		paintPath(dst, p, math.Max(2, 1.2*k), mark)
	}
	for _, o := range rings {
		paintPath(dst, o, math.Max(2.5, 1.2*k), mark)
	}
	return true
}
