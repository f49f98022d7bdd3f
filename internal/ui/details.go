package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/biblio"
	"github.com/khareeta/khareeta/internal/model"
)

// details shows the selected concept: labels, kind, description and notes,
// its relations as readable propositions, and the evidence (citations) for
// the concept or for the relation chosen among them.
type details struct {
	g      *gui
	obj    fyne.CanvasObject
	body   *fyne.Container // the concept and its relations
	evid   *fyne.Container // the evidence panel
	scroll *container.Scroll
	split  *container.Split
	none   *fyne.Container // shown while no concept is selected
}

func newDetails(g *gui) *details {
	d := &details{g: g, body: container.NewVBox(), evid: container.NewVBox()}
	d.scroll = container.NewVScroll(container.NewPadded(d.body))
	d.split = container.NewVSplit(d.scroll, container.NewVScroll(container.NewPadded(d.evid)))
	d.split.Offset = 0.55
	msg := newBidiWrap(tr("det.none"))
	msg.align = alignCenter
	msg.colorName = theme.ColorNamePlaceHolder
	d.none = container.NewVBox(container.NewPadded(msg))
	d.obj = container.NewStack(d.split, d.none)
	return d
}

// section makes a heading.
func section(title string) fyne.CanvasObject {
	t := newBidiText(title)
	t.bold = true
	t.align = alignUI
	t.colorName = theme.ColorNamePrimary
	return container.NewVBox(widget.NewSeparator(), t)
}

// side puts buttons at the end of a row of text, mirrored in Arabic.
func sideButtons(content fyne.CanvasObject, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewHBox(buttons...)
	if rtl() {
		return container.NewBorder(nil, nil, box, nil, content)
	}
	return container.NewBorder(nil, nil, nil, box, content)
}

func (d *details) refresh() {
	g := d.g
	d.body.RemoveAll()
	d.evid.RemoveAll()
	c, ok := g.ses.Index().Concepts[g.selConcept]
	if !ok {
		d.split.Hide()
		d.none.Show()
		return
	}
	d.none.Hide()
	d.split.Show()
	ix := g.ses.Index()
	lang := g.labelLang()

	// Title: the label in the label language, the other language under it.
	title := newBidiWrap(c.Label.Get(lang))
	title.size = theme.TextSize() * 1.4
	title.bold = true
	title.align = alignAuto
	d.body.Add(title)
	for _, l := range c.Label.Langs() {
		if s := c.Label[l]; s != "" && s != c.Label.Get(lang) {
			o := newBidiWrap(s)
			o.colorName = theme.ColorNamePlaceHolder
			o.align = alignAuto
			d.body.Add(o)
		}
	}
	// Kind badge and actions.
	kind := ix.Kinds[c.Kind]
	sw := canvas.NewRectangle(color.Gray{0xcc})
	if kind != nil {
		sw.FillColor = parseHex(kind.Color)
	}
	sw.CornerRadius = 3
	sw.SetMinSize(fyne.NewSize(14, 14))
	kindText := newBidiText(g.kindName(c.Kind))
	badge := container.NewHBox(joinDir[fyne.CanvasObject](container.NewCenter(sw), kindText)...)
	t := g.tips
	id := c.ID
	actions := container.NewHBox(joinDir[fyne.CanvasObject](
		t.button("", theme.DocumentCreateIcon(), tr("det.edit.t"), func() { g.conceptDialog(id) }),
		t.button("", linkIcon(), tr("det.link.t"), func() { g.relationDialog(id, "") }),
		t.button("", quoteIcon(), tr("det.cite.t"), func() { g.citationDialog(id, "", "") }),
		t.button("", mapIcon(), tr("det.focus.t"), func() { g.showNeighbourhood(id) }),
		t.button("", theme.DeleteIcon(), tr("det.del.t"), func() { g.confirmDeleteConcept(id) }),
	)...)
	if rtl() {
		d.body.Add(container.NewBorder(nil, nil, actions, badge))
	} else {
		d.body.Add(container.NewBorder(nil, nil, badge, actions))
	}
	if desc := c.Description.Get(lang); desc != "" {
		d.body.Add(section(tr("det.desc")))
		t := newBidiWrap(desc)
		t.align = alignAuto
		d.body.Add(t)
	}
	if c.Notes != "" {
		d.body.Add(section(tr("det.notes")))
		t := newBidiWrap(c.Notes)
		t.align = alignAuto
		d.body.Add(t)
	}

	// Relations, as propositions.
	rels := append(append([]string(nil), ix.Out[c.ID]...), ix.In[c.ID]...)
	d.body.Add(section(tr("det.relations") + "  (" + itoa(len(rels)) + ")"))
	if len(rels) == 0 {
		d.body.Add(placeholder(tr("det.norel")))
	}
	for _, rid := range rels {
		d.body.Add(d.relationRow(ix.Relations[rid]))
	}

	// Evidence for the relation chosen, or for the concept.
	target := c.ID
	heading := tr("det.evidence")
	if r, ok := ix.Relations[g.selRelation]; ok && (r.From == c.ID || r.To == c.ID) {
		target = r.ID
		heading = tr("det.evidence.r")
	}
	cites := g.ses.CitationsOf(target)
	addCite := t.button(tr("edit.cite"), quoteIcon(), tr("det.cite.t"), func() {
		if target == c.ID {
			g.citationDialog(c.ID, "", "")
		} else {
			g.citationDialog("", target, "")
		}
	})
	d.evid.Add(section(heading + "  (" + itoa(len(cites)) + ")"))
	if target != c.ID {
		prop := newBidiWrap(g.proposition(ix.Relations[target]))
		prop.align = alignAuto
		prop.colorName = theme.ColorNamePrimary
		d.evid.Add(prop)
	}
	if len(cites) == 0 {
		d.evid.Add(placeholder(tr("det.nocite")))
	}
	for _, cit := range cites {
		d.evid.Add(d.citationRow(cit))
	}
	if rtl() {
		d.evid.Add(container.NewBorder(nil, nil, nil, addCite))
	} else {
		d.evid.Add(container.NewBorder(nil, nil, addCite, nil))
	}
	d.body.Refresh()
	d.evid.Refresh()
}

func placeholder(s string) fyne.CanvasObject {
	t := newBidiWrap(s)
	t.colorName = theme.ColorNamePlaceHolder
	t.align = alignUI
	return t
}

// proposition reads a relation as "<from> <phrase> <to>".
func (g *gui) proposition(r *model.Relation) string {
	if r == nil {
		return ""
	}
	lang := g.labelLang()
	phrase := r.Phrase.Get(lang)
	if phrase == "" {
		phrase = model.DefaultPhrase(r.Type).Get(lang)
	}
	return strings.Join([]string{g.conceptLabel(r.From), phrase, g.conceptLabel(r.To)}, " ")
}

func (d *details) relationRow(r *model.Relation) fyne.CanvasObject {
	g := d.g
	rid := r.ID
	text := newBidiWrap(g.proposition(r))
	text.align = alignAuto
	if g.selRelation == rid {
		text.bold = true
		text.colorName = theme.ColorNamePrimary
	}
	n := len(g.ses.Index().CitationsOf[rid])
	t := g.tips
	other := r.To
	if other == g.selConcept {
		other = r.From
	}
	ev := t.button(itoa(n), quoteIcon(), tr("det.cites", n), func() { g.selectRelation(rid) })
	var more *tipButton
	more = t.button("", theme.MoreVerticalIcon(), "", func() {
		menu := fyne.NewMenu("",
			fyne.NewMenuItem(tr("det.goto"), func() { g.selectConcept(other, false) }),
			fyne.NewMenuItem(tr("det.cite.rel.t"), func() { g.citationDialog("", rid, "") }),
			fyne.NewMenuItem(tr("det.edit.rel.t"), func() { g.relationDialog(r.From, rid) }),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(tr("det.del.rel.t"), func() { g.confirmDeleteRelation(rid) }),
		)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(more).Add(fyne.NewPos(0, more.Size().Height))
		widget.ShowPopUpMenuAtPosition(menu, g.win.Canvas(), pos)
	})
	return sideButtons(tappable(text, func() { g.selectRelation(rid) }), joinDir[fyne.CanvasObject](ev, more)...)
}

func (d *details) citationRow(c model.Citation) fyne.CanvasObject {
	g := d.g
	src := g.ses.Index().Sources[c.Source]
	head := ""
	if src != nil {
		head = sourceShort(src)
	}
	if c.Locator != "" {
		head += locatorText(head, c.Locator)
	}
	h := newBidiWrap(head)
	h.bold = true
	h.align = alignAuto
	box := container.NewVBox(h)
	if src != nil {
		st := newBidiWrap(src.Title)
		st.size = theme.CaptionTextSize()
		st.colorName = theme.ColorNamePlaceHolder
		st.align = alignAuto
		box.Add(st)
	}
	if c.Quote != "" {
		q := newBidiWrap("«" + c.Quote + "»")
		if !isRTL(c.Quote) {
			q.SetText("“" + c.Quote + "”")
		}
		q.align = alignAuto
		box.Add(q)
	}
	if c.Note != "" {
		n := newBidiWrap(c.Note)
		n.size = theme.CaptionTextSize()
		n.colorName = theme.ColorNamePlaceHolder
		n.align = alignAuto
		box.Add(n)
	}
	id := c.ID
	t := g.tips
	edit := t.button("", theme.DocumentCreateIcon(), tr("det.edit.cit.t"), func() { g.citationDialog(c.Concept, c.Relation, id) })
	del := t.button("", theme.DeleteIcon(), tr("det.del.cit.t"), func() { g.confirmDeleteCitation(id) })
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewPadded(sideButtons(box, container.NewVBox(edit, del))))
}

// locatorText joins a locator to a source's short name in the source's own
// script: ", p. 24" or "، ص 24"; locators that are not page numbers
// ("chapter 2", "المبحث الأول") stand as they are.
func locatorText(head, loc string) string {
	pages := true
	for _, r := range loc {
		if !(r >= '0' && r <= '9') && !(r >= '٠' && r <= '٩') && r != '-' && r != '–' && r != ',' && r != ' ' {
			pages = false
		}
	}
	ar := isRTL(head)
	switch {
	case pages && ar:
		return "، ص " + loc
	case pages:
		return ", p. " + loc
	case ar:
		return "، " + loc
	}
	return ", " + loc
}

// sourceShort names a source as lists and pickers do: biblio.ShortName,
// "Author (Year)" in the source's own language.
func sourceShort(s *model.Source) string { return biblio.ShortName(*s) }

func itoa(n int) string {
	const digits = "0123456789"
	if n == 0 {
		return "0"
	}
	var b []byte
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		b = append([]byte{digits[n%10]}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// tapArea makes any object tappable.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func tappable(o fyne.CanvasObject, fn func()) fyne.CanvasObject {
	t := &tapArea{content: o, onTap: fn}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped calls the tap function.
func (t *tapArea) Tapped(*fyne.PointEvent) { t.onTap() }

// CreateRenderer implements fyne.Widget.
func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }
