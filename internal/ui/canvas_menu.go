package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/khareeta/khareeta/internal/app"
)

// The Map menu: arranging the view's concepts as a whole. Each item is one
// edit (one undo step).

// mapMenu builds the Map menu.
func (g *gui) mapMenu() *fyne.Menu {
	tidy := g.menus.tag(fyne.NewMenuItem(tr("map.tidy"), g.tidyUp), "map.tidy")
	again := g.menus.tag(fyne.NewMenuItem(tr("map.layoutagain"), g.layOutAgain), "map.layoutagain")
	m := fyne.NewMenu(tr("menu.map"), tidy, again)
	if g.ses == nil {
		tidy.Disabled, again.Disabled = true, true
	}
	return m
}

// tidyUp lays the current view out again around the concepts placed by
// hand, which stay where they are: "Tidy up", one undo step.
func (g *gui) tidyUp() {
	if g.ses == nil || g.neigh != "" || g.mp == nil {
		return
	}
	g.mp.view.flushNudge()
	g.status.start()
	err := g.ses.TidyView(context.Background(), g.viewID)
	g.status.stop()
	if err != nil {
		g.showError(err)
	}
}

// layOutAgain lays the current view out afresh with Graphviz and stores
// the places (replacing every position of the view, those placed by hand
// too): "Lay out again", one undo step.
func (g *gui) layOutAgain() {
	if g.ses == nil || g.neigh != "" || g.mp == nil {
		return
	}
	g.mp.view.flushNudge()
	g.status.start()
	_, err := g.ses.LayOutView(context.Background(), app.LayoutOptions{View: g.viewID, Fresh: true})
	g.status.stop()
	if err != nil {
		g.showError(err)
	}
}
