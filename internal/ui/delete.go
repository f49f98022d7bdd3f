package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/khareeta/khareeta/internal/app"
)

// dependentsList shows what a deletion takes with it.
func (g *gui) dependentsList(d app.Dependents) fyne.CanvasObject {
	box := container.NewVBox()
	line := func(s string, bold bool) {
		t := newBidiWrap(s)
		t.bold = bold
		t.align = alignUI
		if strings.HasPrefix(s, "• ") {
			t.align = alignAuto // project text: Arabic to the right
		}
		box.Add(t)
	}
	if d.Empty() {
		line(tr("del.nothing"), false)
		return box
	}
	line(tr("del.also"), true)
	if n := len(d.Relations); n > 0 {
		line(tr("del.rels", n), true)
		for i, r := range d.Relations {
			if i == 8 {
				line(tr("del.andmore", n-i), false)
				break
			}
			r := r
			line("• "+g.proposition(&r), false)
		}
	}
	if n := len(d.Citations); n > 0 {
		line(tr("del.cites", n), true)
	}
	if n := len(d.Views); n > 0 {
		line(tr("del.views", n), true)
		for _, v := range d.Views {
			line("• "+v.Name.Get(uiLang()), false)
		}
	}
	return box
}

// confirmDeleteConcept asks before deleting a concept, listing the
// relations, citations and views the deletion touches.
func (g *gui) confirmDeleteConcept(id string) {
	if g.ses == nil {
		return
	}
	if _, ok := g.ses.Index().Concepts[id]; !ok {
		return
	}
	d := g.ses.DependentsOf(app.Ref{Kind: app.ConceptEntity, ID: id})
	q := newBidiWrap(tr("del.concept", g.conceptLabel(id)))
	q.bold = true
	q.align = alignUI
	undo := newBidiWrap(tr("del.undo"))
	undo.colorName = theme.ColorNamePlaceHolder
	undo.align = alignUI
	content := container.NewVBox(q, g.dependentsList(d), undo)
	g.formDialog(plainKey(tr("edit.delete")), tr("dlg.delete"), container.NewVScroll(sized(content, 460)), fyne.NewSize(520, 420), func() bool {
		if err := g.ses.DeleteConcept(id); err != nil {
			g.showError(err)
		}
		return true
	})
}

// confirmDeleteConcepts asks before deleting several concepts (a
// selection on the map) in one edit, listing what goes with them.
func (g *gui) confirmDeleteConcepts(ids []string) {
	if g.ses == nil || len(ids) == 0 {
		return
	}
	if len(ids) == 1 {
		g.confirmDeleteConcept(ids[0])
		return
	}
	var d app.Dependents
	seen := map[string]bool{}
	var names []string
	for _, id := range ids {
		names = append(names, "• "+g.conceptLabel(id))
		dep := g.ses.DependentsOf(app.Ref{Kind: app.ConceptEntity, ID: id})
		for _, r := range dep.Relations {
			if !seen[r.ID] {
				seen[r.ID] = true
				d.Relations = append(d.Relations, r)
			}
		}
		d.Citations = append(d.Citations, dep.Citations...)
		for _, v := range dep.Views {
			if !seen[v.ID] {
				seen[v.ID] = true
				d.Views = append(d.Views, v)
			}
		}
	}
	q := newBidiWrap(tr("del.concepts", len(ids)))
	q.bold = true
	q.align = alignUI
	list := newBidiWrap(strings.Join(names, "\n"))
	list.align = alignAuto
	undo := newBidiWrap(tr("del.undo"))
	undo.colorName = theme.ColorNamePlaceHolder
	undo.align = alignUI
	content := container.NewVBox(q, list, g.dependentsList(d), undo)
	g.formDialog(plainKey(tr("edit.delete")), tr("dlg.delete"), container.NewVScroll(sized(content, 460)), fyne.NewSize(520, 460), func() bool {
		if err := g.ses.DeleteConcepts(ids); err != nil {
			g.showError(err)
		}
		return true
	})
}

func (g *gui) confirmDeleteRelation(id string) {
	r, ok := g.ses.Index().Relations[id]
	if !ok {
		return
	}
	d := g.ses.DependentsOf(app.Ref{Kind: app.RelationEntity, ID: id})
	q := newBidiWrap(tr("del.relation"))
	q.bold = true
	q.align = alignUI
	prop := newBidiWrap(g.proposition(r))
	prop.align = alignAuto
	content := container.NewVBox(q, prop, g.dependentsList(d))
	g.formDialog(tr("det.del.rel.t"), tr("dlg.delete"), sized(content, 440), fyne.Size{}, func() bool {
		if err := g.ses.DeleteRelation(id); err != nil {
			g.showError(err)
		}
		return true
	})
}

func (g *gui) confirmDeleteCitation(id string) {
	q := newBidiWrap(tr("del.citation") + "\n" + tr("del.undo"))
	q.align = alignUI
	g.formDialog(tr("det.del.cit.t"), tr("dlg.delete"), sized(q, 380), fyne.Size{}, func() bool {
		if err := g.ses.DeleteCitation(id); err != nil {
			g.showError(err)
		}
		return true
	})
}
