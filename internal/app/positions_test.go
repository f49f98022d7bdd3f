package app

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
	"github.com/khareeta/khareeta/internal/synth"
)

// reopen closes a session and opens its file again, so a test sees what
// the file holds.
func reopen(t *testing.T, s *Session) *Session {
	t.Helper()
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMoveConceptsIsOneUndoableEdit(t *testing.T) {
	s := sample(t)
	a, b := s.Project().Concepts[0].ID, s.Project().Concepts[1].ID
	if err := s.MoveConcepts(AllConcepts, map[string]Point{a: {100.004, 200}, b: {-50.5, 75.25}}); err != nil {
		t.Fatal(err)
	}
	if name, ok := s.CanUndo(); !ok || name != EditMoveConcepts {
		t.Fatalf("undo: %q %v", name, ok)
	}
	s = reopen(t, s)
	got := s.Positions(AllConcepts)
	if len(got) != 2 || got[a].X != 100 || got[a].Y != 200 || !got[a].Pinned || got[b].X != -50.5 || got[a].Updated.IsZero() {
		t.Fatalf("positions after reopening: %+v", got)
	}
	if p := s.Placed(AllConcepts); p[b] != (Point{-50.5, 75.25}) {
		t.Errorf("Placed: %v", p)
	}
	// A second move of one concept is one more undo step; undo and redo
	// restore the file's state each time.
	if err := s.MoveConcept(AllConcepts, a, Point{300, 300}); err != nil {
		t.Fatal(err)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if p := s.Positions(AllConcepts)[a]; p.X != 100 {
		t.Errorf("undo of a move: %+v", p)
	}
	if err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if p := s.Positions(AllConcepts)[a]; p.X != 300 || p.Y != 300 {
		t.Errorf("redo of a move, in the file: %+v", p)
	}
	// Moving to where it is changes nothing and adds no undo step.
	if err := s.MoveConcept(AllConcepts, a, Point{300, 300}); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.CanUndo(); ok {
		t.Error("a move to the same place was recorded")
	}
}

func TestMoveRefusesWhatNoMapCanHold(t *testing.T) {
	s := sample(t)
	a := s.Project().Concepts[0].ID
	for _, tt := range []struct {
		at   Point
		want string
	}{
		{Point{math.NaN(), 0}, "x NaN is not a finite number"},
		{Point{0, math.Inf(-1)}, "y -Inf is not a finite number"},
		{Point{2e6, 0}, "x 2e+06 is beyond ±1000000 points"},
	} {
		err := s.MoveConcept(AllConcepts, a, tt.at)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), a) {
			t.Errorf("%v: %v", tt.at, err)
		}
	}
	if err := s.MoveConcept("no-such-view", a, Point{}); err == nil || !strings.Contains(err.Error(), "no view") {
		t.Errorf("unknown view: %v", err)
	}
	if err := s.MoveConcept(AllConcepts, model.NewID(), Point{}); err == nil || !strings.Contains(err.Error(), "no concept") {
		t.Errorf("unknown concept: %v", err)
	}
	if s = reopen(t, s); len(s.Project().Positions) != 0 {
		t.Errorf("a refused move wrote %v", s.Project().Positions)
	}
}

func TestMoveOfAConceptSomeoneElseMovedIsAConflict(t *testing.T) {
	s := sample(t)
	a := s.Project().Concepts[0].ID
	if err := s.MoveConcept(AllConcepts, a, Point{1, 1}); err != nil {
		t.Fatal(err)
	}
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.MoveConcept(AllConcepts, a, Point{2, 2}); err != nil {
		t.Fatal(err)
	}
	err = s.MoveConcept(AllConcepts, a, Point{3, 3})
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.Ref.Kind != PositionEntity {
		t.Fatalf("moving what another program moved: %v", err)
	}
	// The session read the file again: it shows the other program's move.
	if p := s.Positions(AllConcepts)[a]; p.X != 2 {
		t.Errorf("after the conflict the session shows %+v", p)
	}
}

func TestLayoutKeepsWhatTheUserPlaced(t *testing.T) {
	s := sample(t)
	v := s.Project().Views[0].ID
	ids := model.ViewConcepts(s.Project(), s.Index(), s.Project().Views[0])
	a, b, c := ids[0], ids[1], ids[2]
	if err := s.MoveConcept(v, a, Point{10, 10}); err != nil {
		t.Fatal(err)
	}
	if err := s.StoreLayout(v, map[string]Point{a: {500, 500}, b: {20, 20}, c: {30, 30}}); err != nil {
		t.Fatal(err)
	}
	got := s.Positions(v)
	if got[a].X != 10 || !got[a].Pinned || got[b].X != 20 || got[b].Pinned || got[c].X != 30 {
		t.Fatalf("after a layout: %+v", got)
	}
	// "Lay out again" replaces every place (also the pinned one), in one step.
	if err := s.LayOutAgain(v, map[string]Point{a: {1, 1}, b: {2, 2}}); err != nil {
		t.Fatal(err)
	}
	got = s.Positions(v)
	if len(got) != 2 || got[a].X != 1 || got[a].Pinned || got[b].X != 2 {
		t.Fatalf("after laying out again: %+v", got)
	}
	if name, _ := s.CanUndo(); name != EditLayOutAgain {
		t.Errorf("undo names %q", name)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got = reopen(t, s).Positions(v); len(got) != 3 || got[a].X != 10 || !got[a].Pinned {
		t.Fatalf("undo of laying out again: %+v", got)
	}
}

func TestClearPositionsAndDeletionsTakeThemAlong(t *testing.T) {
	s := sample(t)
	p := s.Project()
	v := p.Views[0].ID
	a, b := p.Concepts[0].ID, p.Concepts[1].ID
	if err := s.MoveConcepts(AllConcepts, map[string]Point{a: {1, 1}, b: {2, 2}}); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveConcepts(v, map[string]Point{a: {3, 3}}); err != nil {
		t.Fatal(err)
	}
	// Deleting a concept takes its places on every view; undo brings them back.
	if err := s.DeleteConcept(a); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Positions(AllConcepts)[a]; ok || len(s.Positions(v)) != 0 {
		t.Fatalf("positions of a deleted concept: %v %v", s.Positions(AllConcepts), s.Positions(v))
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if s.Positions(AllConcepts)[a].X != 1 || s.Positions(v)[a].X != 3 {
		t.Fatalf("undo of the deletion: %v %v", s.Positions(AllConcepts), s.Positions(v))
	}
	if err := s.ClearPositions(AllConcepts); err != nil {
		t.Fatal(err)
	}
	if len(s.Positions(AllConcepts)) != 0 || len(s.Positions(v)) != 1 {
		t.Fatalf("after clearing the map of all concepts: %v %v", s.Positions(AllConcepts), s.Positions(v))
	}
	// Deleting a view takes its places.
	if err := s.DeleteView(v); err != nil {
		t.Fatal(err)
	}
	if s = reopen(t, s); len(s.Project().Positions) != 0 {
		t.Errorf("positions left: %+v", s.Project().Positions)
	}
}

func TestAddConceptAtPlacesItOnTheView(t *testing.T) {
	s := sample(t)
	var v model.View
	for _, x := range s.Project().Views {
		if len(x.Kinds) > 0 && x.Focus == "" {
			v = x
		}
	}
	if v.ID == "" {
		t.Fatal("the sample has no view by kinds")
	}
	from := model.ViewConcepts(s.Project(), s.Index(), v)[0]
	c, links, err := s.AddConceptAt(v.ID, model.Concept{Kind: model.KindActor, Label: model.T("  فاعل جديد ", "")},
		Point{40, 60}, model.Relation{From: from, Type: "supports"})
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := s.CanUndo(); name != EditAddConcept {
		t.Errorf("undo names %q", name)
	}
	s = reopen(t, s)
	ix := s.Index()
	if ix.Concepts[c.ID].Label[model.Arabic] != "فاعل جديد" || ix.Relations[links[0].ID].To != c.ID {
		t.Fatalf("concept %+v, relation %+v", c, links)
	}
	if p, ok := ix.Position(v.ID, c.ID); !ok || p.X != 40 || p.Y != 60 || !p.Pinned {
		t.Fatalf("position: %+v", p)
	}
	if !contains(model.ViewConcepts(s.Project(), ix, *ix.Views[v.ID]), c.ID) {
		t.Error("the view does not show the new concept")
	}
	// On the map of all concepts nothing but the concept and its place is needed.
	c2, _, err := s.AddConceptAt(AllConcepts, model.Concept{Kind: model.KindConcept, Label: model.T("ثان", "")}, Point{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := s.Index().Position(AllConcepts, c2.ID); !ok || p.Y != 2 {
		t.Errorf("on all concepts: %+v", p)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Index().Concepts[c2.ID]; ok || len(s.Positions(AllConcepts)) != 0 {
		t.Error("undo left the concept or its place")
	}
}

// BenchmarkMoveConcept measures a drop on the canvas: one concept moved on
// a view of 500 placed concepts, saved in one transaction (with the
// in-memory update and index rebuild the canvas then draws from).
func BenchmarkMoveConcept(b *testing.B) {
	path := filepath.Join(b.TempDir(), "p.kmap")
	p := synth.Project(synth.Sizes{Concepts: 500, Relations: 1000, Sources: 50, Citations: 500}, 1)
	v := model.View{ID: model.NewID(), Name: model.T("كل شيء", "All")}
	p.Views = append(p.Views, v)
	for i, c := range p.Concepts {
		p.Positions = append(p.Positions, model.NewPosition(v.ID, c.ID, float64(i%25*200), float64(i/25*80), false))
	}
	st, err := store.CreateProject(path, p)
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ids := make([]string, len(p.Concepts))
	for i, c := range p.Concepts {
		ids[i] = c.ID
	}
	n := 0 // every drop goes somewhere new, across the runs of the sub-benchmark
	b.Run("concepts=500", func(b *testing.B) {
		cpu0 := cpuTime()
		for i := 0; i < b.N; i++ {
			n++
			if err := s.MoveConcept(v.ID, ids[n%len(ids)], Point{float64(n), float64(n % 100)}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
	})
}
