package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"testing"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// gridPlaces puts the concepts of p on a grid, as a user's arrangement
// might (no Graphviz needed).
func gridPlaces(p *model.Project, cols int) map[string]text.Point {
	at := make(map[string]text.Point, len(p.Concepts))
	for i, c := range p.Concepts {
		at[c.ID] = text.Point{X: float64(i%cols) * 320, Y: float64(i/cols) * 150}
	}
	return at
}

// blockPlaces arranges the concepts of a benchProject as a person might:
// linked concepts (near in the project's order) near each other, in
// blocks of 4×4 laid in rows of 6 blocks.
func blockPlaces(p *model.Project) map[string]text.Point {
	at := make(map[string]text.Point, len(p.Concepts))
	for i, c := range p.Concepts {
		blk, cell := i/16, i%16
		x := (blk%6)*4 + cell%4
		y := (blk/6)*4 + cell/4
		if (blk/6)%2 == 1 { // serpentine: the next row of blocks starts under the last block
			x = (5-blk%6)*4 + cell%4
		}
		at[c.ID] = text.Point{X: float64(x) * 300, Y: float64(y) * 130}
	}
	return at
}

// Repainting the area Move returns gives the picture a full drawing of
// the moved scene gives.
func TestRepaintAfterMoveMatchesFullDrawing(t *testing.T) {
	p := benchProject(t, 60)
	sc, err := layout.Build(context.Background(), p, model.View{}, layout.Fixed(gridPlaces(p, 8)))
	if err != nil {
		t.Fatal(err)
	}
	img, err := Image(sc)
	if err != nil {
		t.Fatal(err)
	}
	id := p.Concepts[17].ID
	for _, d := range []text.Point{{X: 40, Y: 25}, {X: -13.3, Y: 7.7}, {X: 200, Y: -90}} {
		changed := sc.Move([]string{id}, d.X, d.Y)
		if len(changed) == 0 {
			t.Fatal("Move changed nothing")
		}
		if err := Repaint(img, sc, changed); err != nil {
			t.Fatal(err)
		}
	}
	want, err := Image(sc)
	if err != nil {
		t.Fatal(err)
	}
	if !img.Rect.Eq(want.Rect) {
		t.Fatalf("scene grew from %v to %v", img.Rect, want.Rect)
	}
	bad, worst := 0, 0
	for i := range img.Pix {
		d := int(img.Pix[i]) - int(want.Pix[i])
		if d < 0 {
			d = -d
		}
		worst = max(worst, d)
		if d > 8 {
			bad++
		}
	}
	// Anti-aliased strokes cut by an area's edge may differ by a few
	// levels along a few pixels; anything missing or left behind differs
	// by far more.
	if worst > 48 || bad > len(img.Pix)/2000 {
		t.Errorf("%d channel values differ by more than 8 (worst %d) from a full drawing", bad, worst)
	}
	// a region outside the image changes nothing
	before := append([]byte(nil), img.Pix...)
	if err := Repaint(img, sc, []text.Rect{text.RectXYWH(-100, -100, 50, 50)}); err != nil {
		t.Fatal(err)
	}
	if string(before) != string(img.Pix) {
		t.Error("repainting outside the image changed it")
	}
}

// BenchmarkDragFrame500 is one frame of dragging a concept on a view of
// 500 placed concepts: Move it and repaint the area that changed in the
// canvas's image, drawn as the map pane draws it: 2 pixels per point, less
// to stay under 24 million pixels (ui.maxBasePixels).
func BenchmarkDragFrame500(b *testing.B) {
	p := benchProject(b, 500)
	sc, err := layout.Build(context.Background(), p, model.View{}, layout.Fixed(blockPlaces(p)))
	if err != nil {
		b.Fatal(err)
	}
	scale := math.Min(2, math.Sqrt(24e6/(sc.Width*sc.Height)))
	img, err := Image(sc, Scale(scale))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(scale, "px/pt")
	// a concept in the middle with the most relations
	ix := model.NewIndex(p)
	id, deg := "", -1
	for _, c := range p.Concepts[200:300] {
		if d := len(ix.Out[c.ID]) + len(ix.In[c.ID]); d > deg {
			id, deg = c.ID, d
		}
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	area := 0.0
	for i := 0; i < b.N; i++ {
		dx := 3.0
		if i/20%2 == 1 {
			dx = -3
		}
		changed := sc.Move([]string{id}, dx, 1.5-float64(i%2)*3)
		for _, a := range changed {
			area += a.W() * a.H()
		}
		if err := Repaint(img, sc, changed, Scale(scale)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
	b.ReportMetric(area/float64(b.N)*scale*scale/1e6, "Mpx/frame")
}

// The DOT export pins every concept at its map position: the real neato
// -n2 draws them there (up to the shift to its own origin), within 1 pt,
// negative coordinates too.
func TestDOTPositionsReproducedByNeato(t *testing.T) {
	neato, err := exec.LookPath("neato")
	if err != nil {
		t.Fatalf("graphviz (neato) is not installed: %v", err)
	}
	p := benchProject(t, 40)
	at := gridPlaces(p, 7)
	for id, q := range at {
		at[id] = text.Point{X: q.X - 1000.25, Y: q.Y - 333.33}
	}
	sc, err := layout.Build(context.Background(), p, model.View{}, layout.Fixed(at))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := DOT(&buf, sc); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(neato, "-n2", "-Tjson")
	cmd.Stdin = &buf
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("neato -n2: %v", err)
	}
	var g struct {
		Objects []struct{ Name, Pos string } `json:"objects"`
	}
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Objects) != len(at) {
		t.Fatalf("neato drew %d nodes, want %d", len(g.Objects), len(at))
	}
	ref := p.Concepts[0].ID
	var ox, oy float64
	got := map[string][2]float64{}
	for _, o := range g.Objects {
		var x, y float64
		if _, err := fmt.Sscanf(o.Pos, "%g,%g", &x, &y); err != nil {
			t.Fatalf("pos %q: %v", o.Pos, err)
		}
		got[o.Name] = [2]float64{x, y}
	}
	ox, oy = got[ref][0]-at[ref].X, got[ref][1]+at[ref].Y // neato's shift
	for id, q := range at {
		g := got[id]
		if math.Abs(g[0]-ox-q.X) > 1 || math.Abs(g[1]-oy+q.Y) > 1 {
			t.Errorf("concept %s: neato put it at %v (shifted back %.2f,%.2f), ours (%.2f,%.2f) y up", id, g, g[0]-ox, g[1]-oy, q.X, -q.Y)
		}
	}
}

// After an edit, painting what Diff returns over the old image gives the
// picture a full drawing of the new scene gives.
func TestDiffRepaintMatchesFullDrawing(t *testing.T) {
	p := benchProject(t, 60)
	at := gridPlaces(p, 8)
	before, err := layout.Build(context.Background(), p, model.View{}, layout.Fixed(at))
	if err != nil {
		t.Fatal(err)
	}
	img, err := Image(before)
	if err != nil {
		t.Fatal(err)
	}
	// rename an inner concept, drop a relation, add one
	p.Concepts[17].Label = model.T("مفهوم أعيدت تسميته بعنوان أطول", "renamed")
	gone := p.Relations[5].ID
	p.Relations = append(p.Relations[:5], p.Relations[6:]...)
	p.Relations = append(p.Relations, model.Relation{ID: "20000000-0000-4000-8000-000000000001", From: p.Concepts[20].ID, To: p.Concepts[29].ID, Type: "causes"})
	after, err := layout.Build(context.Background(), p, model.View{}, layout.Fixed(at))
	if err != nil {
		t.Fatal(err)
	}
	dmg, ok := layout.Diff(before, after)
	if !ok {
		t.Fatalf("Diff refused: sizes %gx%g → %gx%g", before.Width, before.Height, after.Width, after.Height)
	}
	if len(dmg) == 0 {
		t.Fatal("Diff found nothing")
	}
	if err := Repaint(img, after, dmg); err != nil {
		t.Fatal(err)
	}
	want, err := Image(after)
	if err != nil {
		t.Fatal(err)
	}
	bad, worst := 0, 0
	for i := range img.Pix {
		d := int(img.Pix[i]) - int(want.Pix[i])
		if d < 0 {
			d = -d
		}
		worst = max(worst, d)
		if d > 8 {
			bad++
		}
	}
	if worst > 48 || bad > len(img.Pix)/2000 {
		t.Errorf("%d channel values differ by more than 8 (worst %d) from a full drawing (relation %s removed)", bad, worst, gone)
	}
	if _, ok := layout.Diff(before, before); !ok {
		t.Error("a scene does not patch itself")
	}
	if d, _ := layout.Diff(after, after); len(d) != 0 {
		t.Errorf("a scene differs from itself in %v", d)
	}
}
