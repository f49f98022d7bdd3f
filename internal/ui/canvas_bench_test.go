package ui

import (
	"context"
	"sort"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

// benchCanvas is a map canvas showing a synthetic view of n concepts,
// drawn as the app draws it (2 pixels per point, bounded in pixels).
func benchCanvas(b *testing.B, n int) *mapCanvas {
	b.Helper()
	test.NewTempApp(b)
	p := synth.Project(synth.Sizes{Concepts: n, Relations: n * 3 / 2, Sources: 5, Citations: 10}, 7)
	r := app.LayoutRequest{Project: p, View: model.View{}, Engine: "sfdp", Scale: 2, MaxPixels: maxBasePixels}
	res, err := r.Draw(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	c := &mapCanvas{m: &mapPanel{g: &gui{do: func(f func()) { f() }, async: func(f func()) { f() }}}, zoom: 1}
	c.ExtendBaseWidget(c)
	c.BaseWidget.Resize(fyne.NewSize(1400, 900))
	c.setScene(res.Scene, res.Image, res.Scale)
	c.level(0.01) // every halving, as a zoomed-out map has them
	return c
}

// BenchmarkDragFrame is the work of one frame of a drag on a 500-concept
// view: moving the node (its relations follow) and painting its region of
// the drawn map again (patch), and painting the pane (paint, 1400×900
// pixels at 1:1 while dragging).
func BenchmarkDragFrame(b *testing.B) {
	c := benchCanvas(b, 500)
	// The most connected concept (the most relations to draw while it
	// moves, crossing the map: synthetic relations join random concepts)
	// and one with the median number of relations.
	deg := map[string]int{}
	for _, e := range c.scene.Edges {
		deg[e.From]++
		deg[e.To]++
	}
	ids := make([]string, 0, len(c.scene.Nodes))
	for _, n := range c.scene.Nodes {
		ids = append(ids, n.ConceptID)
	}
	sort.Slice(ids, func(i, j int) bool { return deg[ids[i]] < deg[ids[j]] })
	b.Logf("base %v at %.2f px/pt", c.base.Bounds().Size(), c.baseScale)
	for _, pick := range []struct{ name, id string }{{"median", ids[len(ids)/2]}, {"hub", ids[len(ids)-1]}} {
		id := pick.id
		b.Logf("%s: %d relations", pick.name, deg[id])
		ctr := c.scene.Nodes[c.scene.NodeByID(id)].Rect.Center()
		c.offX, c.offY = ctr.X-700, ctr.Y-450
		r := &mapRenderer{c: c}
		// A frame of the drag: the node and its relations move, the pane
		// is painted (the map at 1:1, the lifted parts over it).
		b.Run("concepts=500/"+pick.name+"/frame", func(b *testing.B) {
			c.lift([]string{id})
			c.dragging = true
			b.ResetTimer()
			d := 3.0
			for i := 0; i < b.N; i++ {
				d = -d
				moveScene(c.scene, []string{id}, d, d/2)
				r.paint(1400, 900)
			}
			b.StopTimer()
			c.dragging = false
			c.drop()
		})
		// Taking the node off the drawn map when the drag starts and
		// putting it back when it ends (once a drag, off the UI goroutine).
		b.Run("concepts=500/"+pick.name+"/lift+drop", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c.lift([]string{id})
				c.drop()
			}
		})
		// A move shown without a drag (undo, redo, a move elsewhere): the
		// node moves and its region of the drawn map is painted again.
		b.Run("concepts=500/"+pick.name+"/patch", func(b *testing.B) {
			d := 2.0
			for i := 0; i < b.N; i++ {
				d = -d
				c.moveNodes([]string{id}, d, 0)
			}
		})
	}
}
