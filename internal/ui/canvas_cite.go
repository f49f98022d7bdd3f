package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/model"
)

// Citing by dragging: a source dragged from the Sources list and dropped
// on a concept or a relation of the map cites it there; the page (the
// locator) is asked in place, Enter saves the citation (one edit), Escape
// cancels. While the source is dragged the concept or relation under the
// pointer is ringed.

// sourceRow is a row of the Sources list that can be dragged onto the map.
type sourceRow struct {
	widget.BaseWidget
	content fyne.CanvasObject
	g       *gui
	id      func() string // the source the row shows now
}

func newSourceRow(g *gui, content fyne.CanvasObject, id func() string) *sourceRow {
	r := &sourceRow{content: content, g: g, id: id}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer implements fyne.Widget.
func (r *sourceRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// Dragged implements fyne.Draggable: the map follows the pointer.
func (r *sourceRow) Dragged(e *fyne.DragEvent) {
	if mp := r.g.mp; mp != nil && r.id() != "" {
		mp.view.dragSource(r.id(), e.AbsolutePosition)
	}
}

// DragEnd implements fyne.Draggable: dropped on the map, the source cites
// what is under the pointer.
func (r *sourceRow) DragEnd() {
	if mp := r.g.mp; mp != nil {
		mp.view.dropSource()
	}
}

// citeDrag is a source being dragged over the map.
type citeDrag struct {
	source string
	at     fyne.Position // the pointer, in the map's coordinates
	over   bool          // the pointer is over the map
}

// dragSource follows a source dragged from the Sources list (abs is the
// pointer in the window).
func (c *mapCanvas) dragSource(source string, abs fyne.Position) {
	o := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	p := abs.Subtract(o)
	s := c.Size()
	c.cite = &citeDrag{source: source, at: p, over: p.X >= 0 && p.Y >= 0 && p.X < s.Width && p.Y < s.Height}
	c.Refresh()
}

// citeTarget is the concept or relation a dragged source would cite.
func (c *mapCanvas) citeTarget() (concept, relation string) {
	if c.cite == nil || !c.cite.over || c.scene == nil {
		return "", ""
	}
	x, y := c.toScene(c.cite.at)
	if i := c.scene.NodeAt(x, y); i >= 0 {
		return c.scene.Nodes[i].ConceptID, ""
	}
	if i := c.scene.EdgeAt(x, y, 6/c.zoom); i >= 0 {
		return "", c.scene.Edges[i].RelationID
	}
	return "", ""
}

// dropSource ends a source's drag: on a concept or relation the page is
// asked in place and the citation saved.
func (c *mapCanvas) dropSource() {
	d := c.cite
	concept, relation := c.citeTarget()
	c.cite = nil
	c.Refresh()
	if d == nil || (concept == "" && relation == "") || c.m.g.ses == nil {
		return
	}
	g := c.m.g
	src, ok := g.ses.Index().Sources[d.source]
	if !ok {
		return
	}
	target := g.conceptLabel(concept)
	if relation != "" {
		if r, ok := g.ses.Index().Relations[relation]; ok {
			target = g.proposition(r)
		}
	}
	ed := c.openInplace(d.at, "", nil, func(page string) error {
		cit := model.Citation{Source: d.source, Concept: concept, Relation: relation, Locator: page}
		if _, err := g.ses.SaveCitation(cit); err != nil {
			return err
		}
		if concept != "" {
			g.selectConcept(concept, true)
		} else {
			g.selectRelation(relation)
		}
		return nil
	})
	ed.entry.SetPlaceHolder(tr("cit.page"))
	ed.shown.SetText(sourceShort(src) + " — " + target)
}
