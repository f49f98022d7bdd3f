package store

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

// place puts a position at a given time (the time decides which of two
// moves is later).
func place(view, concept string, x, y float64, at time.Time) func(tx *Tx) error {
	return func(tx *Tx) error {
		p := model.NewPosition(view, concept, x, y, true)
		p.Updated = at
		return tx.PutPosition(p)
	}
}

func positionOf(t *testing.T, path, view, concept string) (model.Position, bool) {
	t.Helper()
	p, ok := model.NewIndex(content(t, path)).Position(view, concept)
	if !ok {
		return model.Position{}, false
	}
	return *p, true
}

// placedBase makes a base file and names the concept placed first on the
// map of all concepts and the view of the base.
func placedBase(t *testing.T) (dir, base, concept, view string) {
	t.Helper()
	dir = t.TempDir()
	base = baseFile(t, dir, mergeSizes)
	bp := content(t, base)
	for _, p := range bp.Positions {
		if p.View != "" {
			view = p.View
			concept = p.Concept
		}
	}
	return dir, base, concept, view
}

func TestMergeTakesAPositionMovedOnOneSide(t *testing.T) {
	_, base, c, v := placedBase(t)
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	edit(t, b, place(v, c, 700, 800, time.Now()))
	rep := mergeFiles(t, a, b, MergeOptions{})
	if len(rep.Conflicts) != 0 || len(rep.Moves) != 0 || len(rep.Types["position"].Updated) != 1 {
		t.Fatalf("report: %s %+v", counts(rep), rep.Types["position"])
	}
	if p, _ := positionOf(t, a, v, c); p.X != 700 || p.Y != 800 {
		t.Errorf("MINE after the merge: %+v", p)
	}
	mergeFiles(t, b, a, MergeOptions{})
	sameProject(t, "after merging back", content(t, a), content(t, b))
}

func TestMergeKeepsTheLaterOfTwoMoves(t *testing.T) {
	_, base, c, v := placedBase(t)
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	t0 := time.Now().UTC().Truncate(time.Millisecond)
	// Both move the same concept on the view; B's move is later. Each also
	// moves another concept on the map of all concepts first (A later there).
	other := content(t, base).Positions[0].Concept
	edit(t, a, place(v, c, 100, 100, t0))
	edit(t, b, place(v, c, 200, 200, t0.Add(time.Minute)))
	edit(t, a, place("", other, 1, 1, t0.Add(2*time.Minute)))
	edit(t, b, place("", other, 2, 2, t0.Add(time.Minute)))
	ab, ba := copyOf(t, a, "ab.kmap"), copyOf(t, b, "ba.kmap")
	dry := mergeFiles(t, copyOf(t, a, "dry.kmap"), b, MergeOptions{DryRun: true})
	r1 := mergeFiles(t, ab, b, MergeOptions{})
	r2 := mergeFiles(t, ba, a, MergeOptions{})
	if len(r1.Conflicts)+len(r2.Conflicts) != 0 {
		t.Fatalf("conflicts: %+v %+v", r1.Conflicts, r2.Conflicts)
	}
	if len(r1.Moves) != 2 || len(dry.Moves) != 2 {
		t.Fatalf("moves listed: %+v (dry run %+v)", r1.Moves, dry.Moves)
	}
	kept := map[string]Side{}
	for _, m := range r1.Moves {
		kept[m.ID] = m.Kept
		if m.Label == "" || m.Label == m.ID {
			t.Errorf("a move without a label: %+v", m)
		}
	}
	if kept[model.PositionID(v, c)] != Theirs || kept[model.PositionID("", other)] != Mine {
		t.Errorf("kept: %v", kept)
	}
	for _, path := range []string{ab, ba} {
		if p, _ := positionOf(t, path, v, c); p.X != 200 {
			t.Errorf("%s: the later move (B's) did not win: %+v", path, p)
		}
		if p, _ := positionOf(t, path, "", other); p.X != 1 {
			t.Errorf("%s: the later move (A's) did not win: %+v", path, p)
		}
	}
	sameProject(t, "A+B vs B+A", content(t, ab), content(t, ba))
	before := fileBytes(t, ab)
	if r := mergeFiles(t, ab, ba, MergeOptions{}); r.Written || len(r.Moves) != 0 {
		t.Errorf("merging the two results: %s, moves %+v", counts(r), r.Moves)
	}
	if !bytes.Equal(before, fileBytes(t, ab)) {
		t.Error("merging the results changed a file")
	}
}

// A position follows its concept: moved here but its concept deleted there,
// it goes with the concept, and is no question for anyone.
func TestMergePositionFollowsItsDeletedConcept(t *testing.T) {
	_, base, c, v := placedBase(t)
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	free := content(t, base).Concepts[20].ID // placed nowhere in the base
	edit(t, a, func(tx *Tx) error {
		if err := place(v, c, 5, 5, time.Now())(tx); err != nil { // moved here…
			return err
		}
		return place("", free, 9, 9, time.Now())(tx) // …and a concept placed here for the first time
	})
	edit(t, b, func(tx *Tx) error { // both concepts deleted there
		if err := tx.DeleteConcept(c); err != nil {
			return err
		}
		return tx.DeleteConcept(free)
	})
	rep := mergeFiles(t, a, b, MergeOptions{})
	if len(rep.Conflicts) != 0 {
		t.Fatalf("conflicts: %+v", rep.Conflicts)
	}
	if len(rep.Types["concept"].Deleted) != 2 {
		t.Errorf("concepts: %+v", rep.Types["concept"])
	}
	for _, vc := range [][2]string{{v, c}, {"", free}} {
		if p, ok := positionOf(t, a, vc[0], vc[1]); ok {
			t.Errorf("a position stayed without its concept: %+v", p)
		}
	}
	if p := Check(a); len(p) != 0 {
		t.Fatal(p)
	}
	if back := mergeFiles(t, b, a, MergeOptions{}); len(back.Conflicts) != 0 {
		t.Fatalf("merging back: %+v", back.Conflicts)
	}
	sameProject(t, "after merging back", content(t, a), content(t, b))
}

// A position follows its view: the view deleted there, positions moved
// here on it go too.
func TestMergePositionFollowsItsDeletedView(t *testing.T) {
	_, base, c, v := placedBase(t)
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	edit(t, a, place(v, c, 42, 42, time.Now()))
	edit(t, b, func(tx *Tx) error { return tx.DeleteView(v) })
	rep := mergeFiles(t, a, b, MergeOptions{})
	if len(rep.Conflicts) != 0 || len(rep.Types["view"].Deleted) != 1 || len(rep.Types["position"].Deleted) != 2 {
		t.Fatalf("report: %s %+v %+v", counts(rep), rep.Conflicts, rep.Types["position"])
	}
	for _, p := range content(t, a).Positions {
		if p.View == v {
			t.Errorf("a position of the deleted view stayed: %+v", p)
		}
	}
	mergeFiles(t, b, a, MergeOptions{})
	sameProject(t, "after merging back", content(t, a), content(t, b))
}

// When THEIRS deleted a concept MINE changed (a question for the user),
// its positions follow the answer without being questions themselves.
func TestMergePositionsFollowADeleteConflict(t *testing.T) {
	_, base, c, v := placedBase(t)
	for i, side := range []Side{"", Mine, Theirs} {
		a, b := copyOf(t, base, fmt.Sprintf("a%d.kmap", i)), copyOf(t, base, fmt.Sprintf("b%d.kmap", i))
		edit(t, a, relabel(c, "تعديل"))
		edit(t, b, func(tx *Tx) error { return tx.DeleteConcept(c) })
		opts := MergeOptions{}
		if side != "" {
			opts.Resolve = map[string]Side{c: side}
		}
		rep := mergeFiles(t, a, b, opts)
		for _, x := range rep.Conflicts {
			if x.Entity == string(model.EntityPosition) {
				t.Errorf("%q: a position is a conflict: %+v", side, x)
			}
		}
		_, kept := positionOf(t, a, v, c)
		if want := side != Theirs; kept != want {
			t.Errorf("resolved %q: position kept %v, want %v", side, kept, want)
		}
		if p := Check(a); len(p) != 0 {
			t.Fatal(p)
		}
	}
}
