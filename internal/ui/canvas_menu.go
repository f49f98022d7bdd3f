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
func (g *gui) tidyUp() { g.arrange((*app.Session).PrepareTidy) }

// layOutAgain lays the current view out afresh with Graphviz and stores
// the places (replacing every position of the view, those placed by hand
// too): "Lay out again", one undo step.
func (g *gui) layOutAgain() { g.arrange((*app.Session).PrepareLayOutAgain) }

// arrange runs a whole-view arrangement: Graphviz off the UI goroutine
// (the window keeps answering, the status bar shows the work), the result
// stored as one edit back on it, unless another project was opened
// meanwhile.
func (g *gui) arrange(prepare func(*app.Session, string) (*app.Arranging, error)) {
	if g.ses == nil || g.neigh != "" || g.mp == nil || g.arranging {
		return
	}
	g.mp.view.flushNudge()
	ses := g.ses
	a, err := prepare(ses, g.viewID)
	if err != nil {
		g.showError(err)
		return
	}
	g.arranging = true
	g.status.start()
	g.runAsync(func() {
		err := a.Run(context.Background())
		fyne.Do(func() {
			g.arranging = false
			g.status.stop()
			if err == nil && g.ses == ses {
				err = a.Apply()
			}
			if err != nil {
				g.showError(err)
			}
		})
	})
}
