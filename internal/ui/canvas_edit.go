package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// Editing in place on the map: a new concept typed where the user
// double-clicked, a concept renamed over its node (double-click, F2), a
// relation's type picked where a link was dropped. Each is a small pop-up
// over the map, not a dialog: Enter accepts, Escape or a click elsewhere
// cancels, and what is typed is shown as it will read (right to left and
// mixed text in order) above the entry.

// inplaceEntry is the one-line entry of the in-place editors: Enter
// accepts, Escape cancels, the arrows move in a list of choices.
type inplaceEntry struct {
	keyEntry
	onAccept func()
	onCancel func()
	onMove   func(d int)
}

func newInplaceEntry(g *gui) *inplaceEntry {
	e := &inplaceEntry{}
	e.g = g
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *inplaceEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.onAccept != nil {
			e.onAccept()
		}
		return
	case fyne.KeyEscape:
		if e.onCancel != nil {
			e.onCancel()
		}
		return
	case fyne.KeyUp, fyne.KeyDown:
		if e.onMove != nil {
			d := 1
			if k.Name == fyne.KeyUp {
				d = -1
			}
			e.onMove(d)
			return
		}
	}
	e.Entry.TypedKey(k)
}

// inplace is an open in-place editor.
type inplace struct {
	pop   *widget.PopUp
	entry *inplaceEntry
	shown *bidiText // the text as it will read
	err   *bidiText
}

// openInplace shows an in-place editor at p (widget coordinates of the
// map) holding extra below the entry; accept returns an error to show
// (the editor stays open) or nil (it closes).
func (c *mapCanvas) openInplace(p fyne.Position, initial string, extra fyne.CanvasObject, accept func(s string) error) *inplace {
	g := c.m.g
	c.closeInplace()
	ed := &inplace{entry: newInplaceEntry(g), shown: newBidiText(initial), err: newBidiWrap("")}
	ed.shown.bold = true
	ed.shown.align = alignAuto
	ed.err.colorName = theme.ColorNameError
	ed.err.align = alignUI
	ed.err.Hide()
	ed.entry.SetText(initial)
	ed.entry.OnChanged = func(s string) {
		ed.shown.SetText(s)
		ed.err.Hide()
	}
	ed.entry.onAccept = func() {
		if err := accept(strings.TrimSpace(ed.entry.Text)); err != nil {
			ed.err.SetText(err.Error())
			ed.err.Show()
			return
		}
		c.closeInplace()
	}
	ed.entry.onCancel = c.closeInplace
	box := container.NewVBox(ed.shown, ed.entry, ed.err)
	if extra != nil {
		box.Add(extra)
	}
	ed.pop = widget.NewPopUp(sized(box, 280), g.win.Canvas())
	// At the pointer, kept inside the window.
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Add(p)
	size, win := ed.pop.MinSize(), g.win.Canvas().Size()
	abs.X = max(0, min(abs.X, win.Width-size.Width))
	abs.Y = max(0, min(abs.Y, win.Height-size.Height))
	ed.pop.ShowAtPosition(abs)
	g.win.Canvas().Focus(ed.entry)
	c.ip = ed
	return ed
}

// closeInplace closes the open in-place editor, if any, and gives the
// keyboard back to the map.
func (c *mapCanvas) closeInplace() {
	if c.ip == nil {
		return
	}
	c.ip.pop.Hide()
	c.ip = nil
	if cv := c.m.g.win.Canvas(); cv != nil {
		cv.Focus(c)
	}
}

// labelText makes a label of what was typed: Arabic when it reads right to
// left, else English (as the relation form's "new target" does).
func labelText(s string) model.Text {
	if isRTL(s) {
		return model.T(s, "")
	}
	return model.T("", s)
}

// newConceptAt opens the in-place editor of a new concept at p (widget
// coordinates): typed there, of the last kind used (or the one picked
// below the entry), placed where the user double-clicked; links are added
// with it (a link dropped on empty space).
func (c *mapCanvas) newConceptAt(p fyne.Position, links ...model.Relation) {
	g := c.m.g
	if g.ses == nil || g.neigh != "" {
		return
	}
	at := c.sceneAt(p)
	if c.scene != nil {
		at = c.scene.MapPoint(at) // stored in map coordinates
	}
	kind := c.lastKind
	if _, ok := g.ses.Index().Kinds[kind]; !ok {
		kind = model.KindConcept
	}
	kinds := newKindChoice(g, kind)
	c.openInplace(p, "", kinds.sel, func(s string) error {
		if s == "" {
			return errors.New(tr("c.needlabel"))
		}
		cpt := model.Concept{Kind: kinds.id(), Label: labelText(s)}
		saved, _, err := g.ses.AddConceptAt(g.viewID, cpt, app.Point{X: at.X, Y: at.Y}, links...)
		if err != nil {
			return err
		}
		c.lastKind = saved.Kind
		g.selectConcept(saved.ID, true)
		return nil
	})
}

// renameInPlace opens the in-place editor of a concept's label (in the
// language the map shows) over its node.
func (c *mapCanvas) renameInPlace(id string) {
	g := c.m.g
	old, ok := g.ses.Index().Concepts[id]
	if !ok || c.scene == nil {
		return
	}
	i := c.scene.NodeByID(id)
	if i < 0 {
		return
	}
	r := c.scene.Nodes[i].Rect
	p := fyne.NewPos(float32((r.Min.X-c.offX)*c.zoom), float32((r.Min.Y-c.offY)*c.zoom))
	lang := g.labelLang()
	c.openInplace(p, old.Label.Get(lang), nil, func(s string) error {
		cur, ok := g.ses.Index().Concepts[id]
		if !ok {
			return nil
		}
		cpt := *cur
		cpt.Label = cpt.Label.Clone()
		cpt.Label[lang] = s
		if cpt.Label.Empty() {
			return errors.New(tr("c.needlabel"))
		}
		if cpt.Label[lang] == cur.Label[lang] {
			return nil
		}
		_, err := g.ses.SaveConcept(cpt)
		return err
	})
}

// linkTarget is the node a link being drawn would end on, or -1.
func (c *mapCanvas) linkTarget() int {
	if c.scene == nil {
		return -1
	}
	i := c.scene.NodeAt(c.toScene(c.gs.pointer))
	if i >= 0 && c.scene.Nodes[i].ConceptID == c.gs.from {
		return -1
	}
	return i
}

// endLink finishes drawing a link: dropped on a concept it asks for the
// relation's type; on empty space it makes a new concept there, linked.
func (c *mapCanvas) endLink() {
	from := c.gs.from
	c.gs.from = ""
	t := c.linkTarget()
	if t >= 0 {
		c.pickRelation(from, c.scene.Nodes[t].ConceptID, c.gs.pointer)
		return
	}
	if i := c.scene.NodeAt(c.toScene(c.gs.pointer)); i >= 0 {
		return // dropped back on its own concept
	}
	typ := "related-to"
	if len(c.lastTypes) > 0 {
		typ = c.lastTypes[0]
	}
	c.newConceptAt(c.gs.pointer, model.Relation{From: from, Type: typ, Phrase: model.DefaultPhrase(typ)})
}

// relChoice is a relation type the picker offers.
type relChoice struct {
	id     string
	phrase model.Text
}

// relChoices lists the relation types, the ones used last first.
func (c *mapCanvas) relChoices() []relChoice {
	var out []relChoice
	seen := map[string]bool{}
	for _, id := range c.lastTypes {
		out = append(out, relChoice{id, model.DefaultPhrase(id)})
		seen[id] = true
	}
	for _, rt := range model.RelationTypes() {
		if !seen[rt.ID] {
			out = append(out, relChoice{rt.ID, rt.Phrase})
		}
	}
	return out
}

// matches reports whether a relation type matches what was typed: its
// phrase in Arabic (folded: hamza forms, diacritics) or English, or its id.
func (r relChoice) matches(q string) bool {
	if q == "" {
		return true
	}
	fq := model.Fold(q)
	for _, s := range []string{r.phrase[model.Arabic], r.phrase[model.English], r.id} {
		if strings.Contains(model.Fold(s), fq) {
			return true
		}
	}
	return false
}

// pickRow is a relation type in the picker: its phrase as it reads, tapped
// to choose it.
type pickRow struct {
	widget.BaseWidget
	text  *bidiText
	onTap func()
	on    bool
}

func newPickRow(s string, onTap func()) *pickRow {
	r := &pickRow{text: newBidiText(s), onTap: onTap}
	r.text.align = alignAuto
	r.ExtendBaseWidget(r)
	return r
}

// Tapped implements fyne.Tappable.
func (r *pickRow) Tapped(*fyne.PointEvent) { r.onTap() }

func (r *pickRow) setOn(on bool) {
	r.on = on
	r.text.bold = on
	r.text.colorName = ""
	if on {
		r.text.colorName = theme.ColorNamePrimary
	}
	r.text.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (r *pickRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewPadded(r.text))
}

// pickRelation opens the relation type picker at p (widget coordinates of
// the map) for a link from one concept to another: the types (the last
// used first) with their phrases in the map's language, filtered by what
// is typed in Arabic or English; Enter takes the highlighted one.
func (c *mapCanvas) pickRelation(from, to string, p fyne.Position) {
	g := c.m.g
	lang := g.labelLang()
	all := c.relChoices()
	list := container.NewVBox()
	var shown []relChoice
	var rows []*pickRow
	cur := 0
	var ed *inplace
	choose := func(rc relChoice) error {
		rel := model.Relation{From: from, To: to, Type: rc.id, Phrase: model.DefaultPhrase(rc.id)}
		saved, err := g.ses.SaveRelation(rel)
		if err != nil {
			return err
		}
		c.useType(rc.id)
		g.selectConcept(from, true)
		g.selectRelation(saved.ID)
		return nil
	}
	highlight := func() {
		for i, r := range rows {
			r.setOn(i == cur)
		}
	}
	filter := func(q string) {
		shown, rows = nil, nil
		list.RemoveAll()
		for _, rc := range all {
			if !rc.matches(q) {
				continue
			}
			rc := rc
			name := rc.phrase.Get(lang)
			if other := rc.phrase.Get(otherLang(lang)); other != "" && other != name {
				name += " — " + other
			}
			row := newPickRow(name, func() {
				if err := choose(rc); err != nil {
					g.showError(err)
				}
				c.closeInplace()
			})
			shown = append(shown, rc)
			rows = append(rows, row)
			list.Add(row)
		}
		cur = 0
		highlight()
	}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(260, 220))
	ed = c.openInplace(p, "", scroll, func(string) error {
		if len(shown) == 0 {
			return errors.New(tr("canvas.notype"))
		}
		return choose(shown[cur])
	})
	ed.entry.SetPlaceHolder(tr("canvas.typefilter"))
	ed.shown.SetText(g.conceptLabel(from) + " — " + g.conceptLabel(to))
	ed.entry.OnChanged = func(s string) {
		filter(strings.TrimSpace(s))
		ed.err.Hide()
		if s == "" {
			s = g.conceptLabel(from) + " — " + g.conceptLabel(to)
		}
		ed.shown.SetText(s) // what is typed, as it reads
	}
	ed.entry.onMove = func(d int) {
		if len(shown) > 0 {
			cur = (cur + d + len(shown)) % len(shown)
			highlight()
		}
	}
	filter("")
}

// useType puts a relation type first among the last used.
func (c *mapCanvas) useType(id string) {
	out := []string{id}
	for _, x := range c.lastTypes {
		if x != id {
			out = append(out, x)
		}
	}
	c.lastTypes = out
}

// otherLang is the other of the app's two label languages.
func otherLang(l string) string {
	if l == model.English {
		return model.Arabic
	}
	return model.English
}

// sceneAt converts widget coordinates to a scene point.
func (c *mapCanvas) sceneAt(p fyne.Position) text.Point {
	x, y := c.toScene(p)
	return text.Point{X: x, Y: y}
}
