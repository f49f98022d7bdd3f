package layout

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// laidOutCentres lays p out with Graphviz and returns its centres in map
// coordinates, shifted by d.
func laidOutCentres(t *testing.T, p *model.Project, d text.Point, opts ...Option) map[string]text.Point {
	t.Helper()
	sc, err := Build(context.Background(), p, model.View{}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	at := sc.Centres()
	for id, c := range at {
		at[id] = c.Add(d)
	}
	return at
}

func near(a, b text.Point, tol float64) bool { return math.Hypot(a.X-b.X, a.Y-b.Y) <= tol }

// Every concept placed: no Graphviz at all, the centres where they were
// stored (negative coordinates too), shapes, edges and labels as the
// geometry checks want them.
func TestFixedDrawsStoredPositionsWithoutGraphviz(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    *model.Project
	}{{"shapes", shapesProject()}, {"sample", sample(t)}} {
		at := laidOutCentres(t, tc.p, text.Point{X: -5000.25, Y: -120.5})
		runs := graphvizRuns.Load()
		sc, err := Build(context.Background(), tc.p, model.View{}, Fixed(at), Title("عنوان"), Legend(true))
		if err != nil {
			t.Fatal(err)
		}
		if n := graphvizRuns.Load() - runs; n != 0 {
			t.Errorf("%s: Build ran Graphviz %d times for a view with every concept placed", tc.name, n)
		}
		if len(sc.Placed) != 0 {
			t.Errorf("%s: Placed = %v, want none", tc.name, sc.Placed)
		}
		if len(sc.Nodes) != len(tc.p.Concepts) || len(sc.Edges) != len(tc.p.Relations) {
			t.Fatalf("%s: %d nodes, %d edges", tc.name, len(sc.Nodes), len(sc.Edges))
		}
		for id, c := range sc.Centres() {
			if !near(c, at[id], 1e-9) {
				t.Errorf("%s: concept %s drawn at map %v, stored at %v", tc.name, id, c, at[id])
			}
			if m := sc.MapPoint(sc.ScenePoint(at[id])); !near(m, at[id], 1e-9) {
				t.Errorf("%s: MapPoint(ScenePoint(%v)) = %v", tc.name, at[id], m)
			}
		}
		if sc.Graph.Min.Y <= sc.TitleRect.Max.Y {
			t.Errorf("%s: graph %v overlaps the title %v", tc.name, sc.Graph, sc.TitleRect)
		}
		checkGeometry(t, tc.name, sc, false)
		// drawn again from its own centres: the same scene
		again, err := Build(context.Background(), tc.p, model.View{}, Fixed(sc.Centres()), Title("عنوان"), Legend(true))
		if err != nil {
			t.Fatal(err)
		}
		if again.Origin != sc.Origin || again.Width != sc.Width || again.Height != sc.Height {
			t.Errorf("%s: second drawing differs: origin %v→%v, size %gx%g→%gx%g", tc.name, sc.Origin, again.Origin, sc.Width, sc.Height, again.Width, again.Height)
		}
	}
}

func sample(t *testing.T) *model.Project {
	t.Helper()
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The outlines drawn without Graphviz are Graphviz's own, within a point.
func TestFixedShapesMatchGraphviz(t *testing.T) {
	p := shapesProject()
	gv, err := Build(context.Background(), p, model.View{})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Build(context.Background(), p, model.View{}, Fixed(gv.Centres()))
	if err != nil {
		t.Fatal(err)
	}
	for i := range gv.Nodes {
		a := &gv.Nodes[i]
		b := &sc.Nodes[sc.NodeByID(a.ConceptID)]
		ra := a.Outline.Bounds().Translate(gv.Origin.Sub(a.Rect.Center()))
		rb := b.Outline.Bounds().Translate(sc.Origin.Sub(b.Rect.Center()))
		if !near(ra.Min, rb.Min, 1) || !near(ra.Max, rb.Max, 1) {
			t.Errorf("%s: outline bounds %v, Graphviz's %v", a.Shape, rb, ra)
		}
		// a point just inside Graphviz's outline along each axis is inside ours
		ca, cb := a.Rect.Center(), b.Rect.Center()
		for _, q := range a.Outline.Flatten(0.5)[0] {
			in := text.Point{X: cb.X + (q.X-ca.X)*0.97, Y: cb.Y + (q.Y-ca.Y)*0.97}
			if !InsideOutline(b, in) {
				t.Errorf("%s: %v inside Graphviz's outline, outside ours", a.Shape, in)
				break
			}
		}
	}
}

// Concepts without a position go next to those they are linked to,
// overlapping nothing, and the placed ones stay.
func TestFixedPlacesTheOthersNearTheirNeighbours(t *testing.T) {
	p := sample(t)
	at := laidOutCentres(t, p, text.Point{X: 100, Y: -40})
	ix := model.NewIndex(p)
	var missing []string
	for _, c := range p.Concepts {
		if len(ix.Out[c.ID])+len(ix.In[c.ID]) > 0 && len(missing) < 3 {
			missing = append(missing, c.ID)
			delete(at, c.ID)
		}
	}
	runs := graphvizRuns.Load()
	sc, err := Build(context.Background(), p, model.View{}, Fixed(at))
	if err != nil {
		t.Fatal(err)
	}
	if graphvizRuns.Load() != runs {
		t.Error("Build ran Graphviz to place three concepts")
	}
	if !slices.Equal(sc.Placed, missing) {
		t.Errorf("Placed = %v, want %v", sc.Placed, missing)
	}
	got := sc.Centres()
	for id, c := range at {
		if !near(got[id], c, 1e-9) {
			t.Errorf("placed concept %s moved from %v to %v", id, c, got[id])
		}
	}
	checkGeometry(t, "placed near", sc, false)
	for _, id := range missing {
		best := math.Inf(1)
		for _, rid := range append(slices.Clone(ix.Out[id]), ix.In[id]...) {
			r := ix.Relations[rid]
			other := r.To
			if other == id {
				other = r.From
			}
			if o, ok := got[other]; ok {
				best = math.Min(best, math.Hypot(o.X-got[id].X, o.Y-got[id].Y))
			}
		}
		if best > 800 {
			t.Errorf("concept %s placed %.0f pt from its nearest neighbour", id, best)
		}
	}
	// nothing placed at all: Graphviz lays the view out as without Fixed
	sc, err = Build(context.Background(), p, model.View{}, Fixed(map[string]text.Point{"no-such": {}}))
	if err != nil {
		t.Fatal(err)
	}
	if graphvizRuns.Load() == runs || len(sc.Placed) != 0 {
		t.Errorf("a view with no stored position was not laid out by Graphviz (runs %d→%d, placed %v)", runs, graphvizRuns.Load(), sc.Placed)
	}
}

// Relations between the same two concepts (either way) are drawn apart;
// a relation of a concept to itself is a loop.
func TestFixedParallelAndLoopEdges(t *testing.T) {
	p := shapesProject()
	sc, err := Build(context.Background(), p, model.View{}, Fixed(laidOutCentres(t, p, text.Point{})))
	if err != nil {
		t.Fatal(err)
	}
	mid := map[[2]string][]text.Point{}
	for i := range sc.Edges {
		e := &sc.Edges[i]
		if e.From == e.To {
			n := &sc.Nodes[sc.NodeByID(e.From)]
			if b := e.Path.Bounds(); n.Rect.ContainsRect(b, 0) {
				t.Errorf("loop %v inside its node %v", b, n.Rect)
			}
			continue
		}
		k := [2]string{min(e.From, e.To), max(e.From, e.To)}
		mid[k] = append(mid[k], e.LabelRect.Center())
	}
	found := false
	for _, ms := range mid {
		if len(ms) == 2 {
			found = true
			if near(ms[0], ms[1], 20) {
				t.Errorf("parallel relations' labels at %v and %v", ms[0], ms[1])
			}
		}
	}
	if !found {
		t.Fatal("no parallel relations in the test project")
	}
}

func TestMoveReroutesOnlyIncidentEdges(t *testing.T) {
	p := sample(t)
	sc, err := Build(context.Background(), p, model.View{}, Fixed(laidOutCentres(t, p, text.Point{})))
	if err != nil {
		t.Fatal(err)
	}
	orig, err := Build(context.Background(), p, model.View{}, Fixed(sc.Centres()))
	if err != nil {
		t.Fatal(err)
	}
	id := sc.Edges[0].From
	ni := sc.NodeByID(id)
	oldNode := nodeArea(&sc.Nodes[ni])
	var oldEdges []text.Rect
	for i := range sc.Edges {
		oldEdges = append(oldEdges, edgeArea(&sc.Edges[i]))
	}
	changed := sc.Move([]string{id}, 37.5, -21).Bounds()
	n := &sc.Nodes[ni]
	if !near(n.Rect.Center(), orig.Nodes[ni].Rect.Center().Add(text.Point{X: 37.5, Y: -21}), 1e-9) {
		t.Errorf("node at %v after Move", n.Rect.Center())
	}
	if want := orig.Centres()[id].Add(text.Point{X: 37.5, Y: -21}); !near(sc.Centres()[id], want, 1e-9) {
		t.Errorf("map point after Move %v, want %v", sc.Centres()[id], want)
	}
	if !changed.ContainsRect(oldNode, 1e-9) || !changed.ContainsRect(nodeArea(n), 1e-9) {
		t.Errorf("changed %v misses the node's old %v or new %v area", changed, oldNode, nodeArea(n))
	}
	for i := range sc.Edges {
		e := &sc.Edges[i]
		if e.From != id && e.To != id {
			if a, b := e.Path.Bounds(), orig.Edges[i].Path.Bounds(); !near(a.Min, b.Min, 1e-6) || !near(a.Max, b.Max, 1e-6) {
				t.Errorf("edge %d not touching the moved node changed", i)
			}
			continue
		}
		if !changed.ContainsRect(oldEdges[i], 1e-9) || !changed.ContainsRect(edgeArea(e), 1e-9) {
			t.Errorf("changed %v misses edge %d (%v → %v)", changed, i, oldEdges[i], edgeArea(e))
		}
	}
	checkGeometry(t, "moved", sc, false)
	sc.Move([]string{id}, -37.5, 21)
	for i := range sc.Edges {
		a, b := sc.Edges[i].Path.Bounds(), orig.Edges[i].Path.Bounds()
		if !near(a.Min, b.Min, 1e-6) || !near(a.Max, b.Max, 1e-6) {
			t.Errorf("edge %d not back where it was: %v, want %v", i, a, b)
		}
	}
	if r := sc.Move([]string{id}, 0, 0); len(r) != 0 {
		t.Errorf("Move by nothing changed %v", r)
	}
	// moving every concept moves the edges whole
	var all []string
	for _, n := range sc.Nodes {
		all = append(all, n.ConceptID)
	}
	sc.Move(all, 10, 10)
	for i := range sc.Edges {
		if !near(sc.Edges[i].Tip, orig.Edges[i].Tip.Add(text.Point{X: 10, Y: 10}), 1e-6) {
			t.Errorf("edge %d tip %v, want %v moved by 10,10", i, sc.Edges[i].Tip, orig.Edges[i].Tip)
		}
	}
}

// Guides on a Graphviz layout too: Move works on any scene.
func TestGuidesAndSnap(t *testing.T) {
	p := &model.Project{Meta: model.Meta{Language: "en"}, Kinds: []model.Kind{{ID: "k", Shape: "box"}}}
	for _, id := range []string{"a", "b", "c"} {
		p.Concepts = append(p.Concepts, model.Concept{ID: id, Kind: "k", Label: model.T("", "concept")})
	}
	at := map[string]text.Point{"a": {X: 0, Y: 0}, "b": {X: 400, Y: 3}, "c": {X: 2.5, Y: 300}}
	sc, err := Build(context.Background(), p, model.View{}, Fixed(at))
	if err != nil {
		t.Fatal(err)
	}
	gs := sc.Guides([]string{"a"}, 4)
	if len(gs) != 2 {
		t.Fatalf("guides %+v, want one each way", gs)
	}
	for _, g := range gs {
		var want float64
		var with string
		if g.Vertical {
			want, with = 2.5, "c"
		} else {
			want, with = 3, "b"
		}
		if math.Abs(g.Snap-want) > 1e-9 || !slices.Equal(g.With, []string{with}) {
			t.Errorf("guide %+v: want snap %g with %s", g, want, with)
		}
		if g.Vertical {
			sc.Move([]string{"a"}, g.Snap, 0)
		} else {
			sc.Move([]string{"a"}, 0, g.Snap)
		}
	}
	c := sc.Centres()
	if !near(c["a"], text.Point{X: 2.5, Y: 3}, 1e-9) {
		t.Errorf("after snapping a is at %v", c["a"])
	}
	if gs := sc.Guides([]string{"a"}, 4); len(gs) != 2 || gs[0].Snap != 0 || gs[1].Snap != 0 {
		t.Errorf("aligned: guides %+v, want two with no snap", gs)
	}
	if gs := sc.Guides([]string{"a"}, 0.5); len(gs) != 2 {
		t.Errorf("aligned, small tolerance: guides %+v", gs)
	}
	sc.Move([]string{"a"}, 50, 50)
	if gs := sc.Guides([]string{"a"}, 4); len(gs) != 0 {
		t.Errorf("far from anything: guides %+v", gs)
	}
}

// Tidy keeps the pinned concepts exactly where they are and places the
// others around them without overlaps.
func TestTidyKeepsPinnedConcepts(t *testing.T) {
	p := sample(t)
	at := laidOutCentres(t, p, text.Point{})
	pinned := map[string]bool{}
	for i, c := range p.Concepts[:4] {
		pinned[c.ID] = true
		if i == 0 {
			at[c.ID] = text.Point{X: -900.5, Y: -400.25} // moved by hand far out
		}
	}
	got, err := Tidy(context.Background(), p, model.View{}, at, pinned)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(p.Concepts) {
		t.Fatalf("%d places, want %d", len(got), len(p.Concepts))
	}
	for id := range pinned {
		if got[id] != at[id] {
			t.Errorf("pinned concept %s moved from %v to %v", id, at[id], got[id])
		}
	}
	sc, err := Build(context.Background(), p, model.View{}, Fixed(got))
	if err != nil {
		t.Fatal(err)
	}
	overlaps := 0
	for i := range sc.Nodes {
		for j := i + 1; j < len(sc.Nodes); j++ {
			if sc.Nodes[i].Rect.Inset(2).Overlaps(sc.Nodes[j].Rect.Inset(2)) {
				overlaps++
			}
		}
	}
	if overlaps > 0 {
		t.Errorf("%d pairs of concepts overlap after tidying", overlaps)
	}
}

// Labels are moved along their lines off nodes and other labels where
// they can be.
func TestFixedLabelsAvoidNodesAndEachOther(t *testing.T) {
	p := sample(t)
	sc, err := Build(context.Background(), p, model.View{}, Fixed(laidOutCentres(t, p, text.Point{})))
	if err != nil {
		t.Fatal(err)
	}
	bad, labels := 0, 0
	for i := range sc.Edges {
		e := &sc.Edges[i]
		if e.Label == nil {
			continue
		}
		labels++
		var others []text.Rect
		for j := range sc.Edges {
			if j != i && sc.Edges[j].Label != nil {
				others = append(others, sc.Edges[j].LabelRect)
			}
		}
		if coversAny(e.LabelRect.Inset(1), sc.Nodes, others) {
			bad++
		}
	}
	if bad*5 > labels {
		t.Errorf("%d of %d labels cover a node or another label", bad, labels)
	}
	t.Logf("%d of %d labels cover a node or another label", bad, labels)
}
