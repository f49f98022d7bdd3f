package app

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
	"github.com/khareeta/khareeta/internal/store"
	"github.com/khareeta/khareeta/internal/synth"
	"github.com/khareeta/khareeta/internal/text"
)

// drawView draws a view of the session's project as the map pane does.
func drawView(t testing.TB, s *Session, view model.View) *DrawnMap {
	t.Helper()
	r := LayoutRequest{Project: s.Snapshot(), View: view, Scale: 1, MaxPixels: 4e6}
	m, err := r.Draw(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func allView() model.View { return model.View{Name: model.T("كل المفاهيم", "All")} }

func near(a, b Point, tol float64) bool { return math.Hypot(a.X-b.X, a.Y-b.Y) <= tol }

// A view without positions is laid out by Graphviz once; the places are
// stored without an undo step; later drawings (after edits) put every
// concept where it was, and new concepts near their neighbours.
func TestDrawStoresAndThenUsesPositions(t *testing.T) {
	s := sample(t)
	first := drawView(t, s, allView())
	if !first.Positioned || len(first.Unstored) != len(s.Project().Concepts) {
		t.Fatalf("first drawing: positioned %v, %d places to store", first.Positioned, len(first.Unstored))
	}
	if err := s.RecordLayout(first.View, first.Unstored); err != nil {
		t.Fatal(err)
	}
	if name, ok := s.CanUndo(); ok {
		t.Errorf("storing a drawing's places is an undo step (%q)", name)
	}
	s = reopen(t, s)
	if got := s.Placed(AllConcepts); len(got) != len(first.Unstored) {
		t.Fatalf("%d positions stored, want %d", len(got), len(first.Unstored))
	}
	again := drawView(t, s, allView())
	if len(again.Unstored) != 0 {
		t.Errorf("second drawing left %d places to store", len(again.Unstored))
	}
	for id, c := range again.Scene.Centres() {
		if !near(Point{c.X, c.Y}, first.Unstored[id], 0.006) {
			t.Errorf("concept %s drawn at %v, first at %v", id, c, first.Unstored[id])
		}
	}
	if again.Scene.Width != first.Scene.Width && math.Abs(again.Scene.Width-first.Scene.Width) > 20 {
		t.Errorf("scene %gx%g, first %gx%g", again.Scene.Width, again.Scene.Height, first.Scene.Width, first.Scene.Height)
	}
	// an edit: a concept linked to one that is placed goes next to it
	anchor := s.Project().Concepts[5]
	c, r, err := s.AddConceptLinked(model.Concept{Kind: anchor.Kind, Label: model.T("مفهوم جديد", "new concept")},
		model.Relation{From: anchor.ID, Type: "causes"})
	if err != nil {
		t.Fatal(err)
	}
	_ = r
	third := drawView(t, s, allView())
	if len(third.Unstored) != 1 {
		t.Fatalf("after adding a concept: %d places to store, want 1", len(third.Unstored))
	}
	at, ok := third.Unstored[c.ID]
	if !ok {
		t.Fatalf("the new concept was not placed: %v", third.Unstored)
	}
	if a := s.Placed(AllConcepts)[anchor.ID]; math.Hypot(at.X-a.X, at.Y-a.Y) > 600 {
		t.Errorf("new concept at %v, %0.f pt from the concept it is linked to at %v", at, math.Hypot(at.X-a.X, at.Y-a.Y), a)
	}
	for id, c := range third.Scene.Centres() {
		if p, ok := first.Unstored[id]; ok && !near(Point{c.X, c.Y}, p, 0.006) {
			t.Errorf("adding a concept moved %s from %v to %v", id, p, c)
		}
	}
	// Relayout ignores the positions; a neighbourhood has none of its own
	r2 := LayoutRequest{Project: s.Snapshot(), View: allView(), Relayout: true}
	m, err := r2.Draw(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if m.Positioned || len(m.Unstored) != 0 {
		t.Errorf("relayout: positioned %v, %d to store", m.Positioned, len(m.Unstored))
	}
	nb := model.View{Focus: anchor.ID, Depth: 1}
	if m := drawView(t, s, nb); m.Positioned || len(m.Unstored) != 0 {
		t.Errorf("neighbourhood: positioned %v, %d to store", m.Positioned, len(m.Unstored))
	}
	// explicit places (the canvas mid-drag) win over stored ones
	places := s.Placed(AllConcepts)
	places[anchor.ID] = Point{-1234.5, -99}
	r3 := LayoutRequest{Project: s.Snapshot(), View: allView(), Places: places}
	m, err = r3.Draw(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Scene.Centres()[anchor.ID]; !near(Point{got.X, got.Y}, places[anchor.ID], 1e-6) {
		t.Errorf("explicit place: drawn at %v", got)
	}
}

// The worker process gets the places too: the same scene as in process.
func TestLayoutJobChildUsesPositions(t *testing.T) {
	s := sample(t)
	first := drawView(t, s, allView())
	if err := s.RecordLayout(AllConcepts, first.Unstored); err != nil {
		t.Fatal(err)
	}
	a := s.Project().Concepts[0].ID
	if err := s.MoveConcept(AllConcepts, a, Point{-500, -500}); err != nil {
		t.Fatal(err)
	}
	r := LayoutRequest{Project: s.Snapshot(), View: allView(), Scale: 1}
	job := StartLayoutIn(r, true)
	there, err := job.Result()
	if err != nil {
		t.Fatal(err)
	}
	if !job.Child {
		t.Fatal("not laid out in a child process")
	}
	if got := there.Scene.Centres()[a]; !near(Point{got.X, got.Y}, Point{-500, -500}, 1e-9) {
		t.Errorf("the worker drew the moved concept at %v", got)
	}
	if len(there.Unstored) != 0 {
		t.Errorf("the worker left %d places to store", len(there.Unstored))
	}
}

// A read-only session stores nothing, and says nothing.
func TestRecordLayoutReadOnly(t *testing.T) {
	s := sample(t)
	path := s.Path()
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE kinds SET color = 'red' WHERE id = 'threat'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ro, _ := s.ReadOnly(); !ro {
		t.Fatal("not read-only")
	}
	m := drawView(t, s, allView())
	if err := s.RecordLayout(m.View, m.Unstored); err != nil {
		t.Errorf("RecordLayout on a read-only session: %v", err)
	}
	if n := len(s.Placed(AllConcepts)); n != 0 {
		t.Errorf("%d positions stored in a read-only session", n)
	}
}

// placedSession is a project file of n concepts whose map of all concepts
// has every concept placed where a first drawing (Graphviz) put them.
func placedSession(tb testing.TB, n int) *Session {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "p.kmap")
	p := synth.Project(synth.Sizes{Concepts: n, Relations: n * 3 / 2, Sources: 10, Citations: 40}, 1)
	st, err := store.Create(path, p.Meta)
	if err != nil {
		tb.Fatal(err)
	}
	if err := st.ImportProject(p); err != nil {
		tb.Fatal(err)
	}
	st.Close()
	s, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	m := drawView(tb, s, allView())
	if err := s.RecordLayout(AllConcepts, m.Unstored); err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkEditRedraw200 is one edit on a 200-concept map whose concepts
// all have positions, and the map pane's redraw after it: the edit's
// transaction, the snapshot, the scene (no Graphviz) and, for /image, its
// image at the pane's scale (2 pixels per point, under 24 million pixels).
// For /patch the image is the previous one with what changed painted again
// (layout.Diff, render.Repaint), as a canvas can do, drawn whole only when
// the scene's frame changed. The edits go round: rename, add a linked
// concept, link two, delete.
func BenchmarkEditRedraw200(b *testing.B) {
	for _, name := range []string{"scene", "image", "patch"} {
		b.Run(name, func(b *testing.B) {
			s := placedSession(b, 200)
			cs := s.Project().Concepts
			var added []string
			r0 := LayoutRequest{Project: s.Snapshot(), View: allView(), Scale: 2, MaxPixels: 24e6}
			prev, err := r0.Draw(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			img, scale := prev.Image, prev.Scale
			whole := 0
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				c := cs[i%len(cs)]
				switch i % 4 {
				case 0:
					c.Label = model.T(fmt.Sprintf("مفهوم %d", i), c.Label.Get("en"))
					if _, err := s.SaveConcept(c); err != nil {
						b.Fatal(err)
					}
				case 1:
					nc, _, err := s.AddConceptLinked(model.Concept{Kind: c.Kind, Label: model.T("جديد", "new")}, model.Relation{From: c.ID, Type: "causes"})
					if err != nil {
						b.Fatal(err)
					}
					added = append(added, nc.ID)
				case 2:
					if _, err := s.SaveRelation(model.Relation{From: c.ID, To: cs[(i+7)%len(cs)].ID, Type: "supports"}); err != nil {
						b.Fatal(err)
					}
				case 3:
					if err := s.DeleteConcept(added[len(added)-1]); err != nil {
						b.Fatal(err)
					}
					added = added[:len(added)-1]
				}
				r := LayoutRequest{Project: s.Snapshot(), View: allView()}
				if name == "image" {
					r.Scale, r.MaxPixels = 2, 24e6
				}
				m, err := r.Draw(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				if len(m.Unstored) > 1 {
					b.Fatalf("%d concepts without a place", len(m.Unstored))
				}
				if name == "patch" {
					if dmg, ok := layout.Diff(prev.Scene, m.Scene); ok {
						err = render.Repaint(img, m.Scene, dmg, render.Scale(scale))
					} else {
						whole++
						img, err = render.Image(m.Scene, render.Scale(scale))
					}
					if err != nil {
						b.Fatal(err)
					}
					prev = m
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
			if name == "patch" {
				b.ReportMetric(float64(whole)/float64(b.N), "whole/op")
			}
		})
	}
}

// Every export draws what the canvas shows: the stored positions, only
// scaled for a target; --relayout lays the view out anew.
func TestExportsDrawStoredPositions(t *testing.T) {
	s := sample(t)
	first := drawView(t, s, allView())
	if err := s.RecordLayout(AllConcepts, first.Unstored); err != nil {
		t.Fatal(err)
	}
	a := s.Project().Concepts[3].ID
	if err := s.MoveConcept(AllConcepts, a, Point{-800.5, -800.25}); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	dir := t.TempDir()
	ctx := context.Background()
	check := func(name string, sc interface {
		Centres() map[string]text.Point
	}, want bool) {
		t.Helper()
		got := sc.Centres()[a]
		if at := (Point{got.X, got.Y}); near(at, Point{-800.5, -800.25}, 1e-6) != want {
			t.Errorf("%s: the moved concept is drawn at %v", name, at)
		}
	}
	for _, ext := range []string{".png", ".svg", ".pdf", ".dot"} {
		sc, err := RenderFile(ctx, path, filepath.Join(dir, "map"+ext), ExportOptions{Scale: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !sc.Fixed {
			t.Errorf("%s: laid out by Graphviz", ext)
		}
		check(ext, sc, true)
	}
	dot, err := os.ReadFile(filepath.Join(dir, "map.dot"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(dot), `pos="-800.5,800.25!"`) {
		t.Errorf("the DOT does not pin the moved concept at its place")
	}
	sc, err := RenderFile(ctx, path, filepath.Join(dir, "relaid.svg"), ExportOptions{Relayout: true})
	if err != nil {
		t.Fatal(err)
	}
	if sc.Fixed {
		t.Error("--relayout drew the stored positions")
	}
	check("relayout", sc, false)
	p, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, fit := range []string{"a4", "slide-16x9", "width=600"} {
		res, err := ExportFit(ctx, p, filepath.Join(dir, "fit-"+strings.ReplaceAll(fit, "=", "")+".png"), ExportOptions{Fit: fit})
		if err != nil {
			t.Fatalf("%s: %v", fit, err)
		}
		if !res.Scene.Fixed {
			t.Errorf("fit %s: laid out anew", fit)
		}
		check("fit "+fit, res.Scene, true)
	}
	if got := (ExportOptions{Relayout: true}).CommandLine("p.kmap", "m.svg"); !strings.Contains(got, "--relayout") {
		t.Errorf("command line %q lacks --relayout", got)
	}
}

// "Tidy up" keeps the concepts placed by hand and moves the others, in one
// undoable edit; "Lay out again" is one undoable edit too.
func TestTidyViewAndLayOutAgainAreOneUndoStep(t *testing.T) {
	s := sample(t)
	first := drawView(t, s, allView())
	if err := s.RecordLayout(AllConcepts, first.Unstored); err != nil {
		t.Fatal(err)
	}
	cs := s.Project().Concepts
	hand := map[string]Point{cs[0].ID: {-700.25, -300.5}, cs[1].ID: {1200, 40}}
	if err := s.MoveConcepts(AllConcepts, hand); err != nil {
		t.Fatal(err)
	}
	before := s.Positions(AllConcepts)
	if err := s.TidyView(context.Background(), AllConcepts); err != nil {
		t.Fatal(err)
	}
	if name, ok := s.CanUndo(); !ok || name != EditTidy {
		t.Fatalf("undo after tidying: %q %v", name, ok)
	}
	s = reopen(t, s)
	after := s.Positions(AllConcepts)
	moved := 0
	for id, p := range after {
		if at, ok := hand[id]; ok {
			if p.X != at.X || p.Y != at.Y || !p.Pinned {
				t.Errorf("a concept placed by hand moved: %+v, want %v", p, at)
			}
			continue
		}
		if p.Pinned {
			t.Errorf("tidying pinned %s", id)
		}
		if b := before[id]; b.X != p.X || b.Y != p.Y {
			moved++
		}
	}
	if moved == 0 {
		t.Error("tidying moved nothing")
	}
	// one undo brings every place back (the session reopened: redo the
	// check through a fresh tidy)
	if err := s.TidyView(context.Background(), AllConcepts); err != nil {
		t.Fatal(err)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	for id, p := range s.Positions(AllConcepts) {
		if q := after[id]; p.X != q.X || p.Y != q.Y {
			t.Errorf("undo of a tidy left %s at %v,%v, want %v,%v", id, p.X, p.Y, q.X, q.Y)
		}
	}
	// lay out again: one edit replacing every place, one undo restoring them
	ctx := context.Background()
	if _, err := s.LayOutView(ctx, LayoutOptions{Fresh: true}); err != nil {
		t.Fatal(err)
	}
	if name, ok := s.CanUndo(); !ok || name != EditLayOutAgain {
		t.Fatalf("undo after laying out again: %q %v", name, ok)
	}
	if p := s.Positions(AllConcepts)[cs[0].ID]; p.Pinned || p.X == -700.25 {
		t.Errorf("laying out again kept the hand placement: %+v", p)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	for id, p := range s.Positions(AllConcepts) {
		if q := after[id]; p.X != q.X || p.Y != q.Y || p.Pinned != q.Pinned {
			t.Errorf("undo of lay out again left %s at %+v, want %+v", id, p, q)
		}
	}
	if _, ok := s.CanUndo(); ok {
		t.Error("more than one undo step")
	}
}

// TestWritePlacedProject writes a 200-concept project whose map of all
// concepts has every concept placed to the file named by
// KHAREETA_PLACED_OUT (for timing `khareeta render` on it); skipped
// otherwise.
func TestWritePlacedProject(t *testing.T) {
	out := os.Getenv("KHAREETA_PLACED_OUT")
	if out == "" {
		t.Skip("set KHAREETA_PLACED_OUT to write the placed project")
	}
	s := placedSession(t, 200)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(out)
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
