package store

// Merge, planning: conflicts and what follows them.

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestMergeEditConflict(t *testing.T) {
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	id := content(t, base).Concepts[5].ID
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	edit(t, a, relabel(id, "رأيي"))
	edit(t, b, func(tx *Tx) error {
		if err := relabel(id, "رأيهم")(tx); err != nil {
			return err
		}
		c, _ := tx.Concept(id)
		c.Notes = "ملاحظة"
		return tx.PutConcept(c)
	})
	for round := 0; round < 2; round++ { // an open conflict stays open
		rep := mergeFiles(t, a, b, MergeOptions{})
		if len(rep.Conflicts) != 1 {
			t.Fatalf("round %d: conflicts %+v", round, rep.Conflicts)
		}
		c := rep.Conflicts[0]
		want := []FieldDiff{{"label.ar", "رأيي", "رأيهم"}, {"notes", "", "ملاحظة"}}
		if c.ID != id || c.Kind != ConflictEdit || c.Entity != "concept" || !reflect.DeepEqual(c.Fields, want) || c.Label != "رأيي" {
			t.Errorf("round %d: conflict %+v", round, c)
		}
		if rep.Types["concept"].Conflicts != 1 {
			t.Errorf("type report %+v", rep.Types["concept"])
		}
		if l := model.NewIndex(content(t, a)).Concepts[id].Label["ar"]; l != "رأيي" {
			t.Errorf("round %d: MINE lost its value: %q", round, l)
		}
	}
	// The other direction sees the same conflict, mirrored.
	rep := mergeFiles(t, copyOf(t, b, "b2.kmap"), a, MergeOptions{DryRun: true})
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Fields[0] != (FieldDiff{"label.ar", "رأيهم", "رأيي"}) {
		t.Errorf("mirrored: %+v", rep.Conflicts)
	}

	// Resolving with THEIRS takes their value; merging back then agrees.
	a1 := copyOf(t, a, "a1.kmap")
	rep = mergeFiles(t, a1, b, MergeOptions{Resolve: map[string]Side{id: Theirs}})
	if c := rep.Conflicts; len(c) != 1 || c[0].Resolution != "theirs" || !rep.Written {
		t.Fatalf("resolved: %+v", rep)
	}
	if _, _, _, n := rep.Counts(); n != 0 {
		t.Error("a resolved conflict is counted as open")
	}
	if l := model.NewIndex(content(t, a1)).Concepts[id]; l.Label["ar"] != "رأيهم" || l.Notes != "ملاحظة" {
		t.Errorf("after resolving: %+v", l)
	}
	b1 := copyOf(t, b, "b1.kmap")
	if rep := mergeFiles(t, b1, a1, MergeOptions{}); len(rep.Conflicts) != 0 {
		t.Errorf("merging the resolution back: %+v", rep.Conflicts)
	}
	sameProject(t, "resolved theirs", content(t, a1), content(t, b1))

	// Resolving with MINE keeps my value, and THEIRS takes it when merging back.
	a2 := copyOf(t, a, "a2.kmap")
	mergeFiles(t, a2, b, MergeOptions{Resolve: map[string]Side{id: Mine}})
	b2 := copyOf(t, b, "b3.kmap")
	if rep := mergeFiles(t, b2, a2, MergeOptions{}); len(rep.Conflicts) != 0 || len(rep.Types["concept"].Updated) != 1 {
		t.Errorf("merging MINE's resolution back: %+v", rep)
	}
	if l := model.NewIndex(content(t, b2)).Concepts[id].Label["ar"]; l != "رأيي" {
		t.Errorf("THEIRS after taking the resolution: %q", l)
	}
	sameProject(t, "resolved mine", content(t, a2), content(t, b2))
}

func TestMergeDeleteEditConflict(t *testing.T) {
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	// A concept with no relations, so the deletion is about it alone.
	id := model.NewID()
	edit(t, base, func(tx *Tx) error {
		return tx.PutConcept(model.Concept{ID: id, Kind: "concept", Label: model.T("وحيد", "Alone")})
	})
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	edit(t, a, func(tx *Tx) error { return tx.DeleteConcept(id) })
	edit(t, b, relabel(id, "عُدّل بعد الحذف"))

	rep := mergeFiles(t, copyOf(t, a, "a1.kmap"), b, MergeOptions{})
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Kind != ConflictDelete || !rep.Conflicts[0].MineDeleted || rep.Conflicts[0].TheirsDeleted {
		t.Fatalf("A<-B: %+v", rep.Conflicts)
	}
	rep = mergeFiles(t, copyOf(t, b, "b1.kmap"), a, MergeOptions{})
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Kind != ConflictDelete || !rep.Conflicts[0].TheirsDeleted {
		t.Fatalf("B<-A: %+v", rep.Conflicts)
	}
	if model.NewIndex(content(t, filepath.Join(dir, "b1.kmap"))).Concepts[id] == nil {
		t.Error("the edited concept was deleted despite the conflict")
	}
	// Resolving for the deletion deletes it, and the deletion then reaches B.
	a2 := copyOf(t, a, "a2.kmap")
	mergeFiles(t, a2, b, MergeOptions{Resolve: map[string]Side{id: Mine}})
	b2 := copyOf(t, b, "b2.kmap")
	rep = mergeFiles(t, b2, a2, MergeOptions{})
	if len(rep.Conflicts) != 0 || len(rep.Types["concept"].Deleted) != 1 {
		t.Errorf("B<-resolved A: %+v", rep)
	}
	sameProject(t, "deletion resolved", content(t, a2), content(t, b2))
	// An unedited copy takes the deletion without conflict.
	rep = mergeFiles(t, copyOf(t, base, "c.kmap"), a, MergeOptions{})
	if len(rep.Conflicts) != 0 || len(rep.Types["concept"].Deleted) != 1 {
		t.Errorf("base<-A: %+v", rep)
	}
}

func TestMergeDependencyConflict(t *testing.T) {
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	bp := content(t, base)
	x := bp.Concepts[10].ID
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	// A deletes x (cascading its relations and citations); B, unaware,
	// links a new concept to x.
	edit(t, a, func(tx *Tx) error { return tx.DeleteConcept(x) })
	n := model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T("جديد يعتمد على المحذوف", "")}
	r := model.Relation{ID: model.NewID(), From: n.ID, To: x, Type: "requires"}
	edit(t, b, func(tx *Tx) error {
		if err := tx.PutConcept(n); err != nil {
			return err
		}
		return tx.PutRelation(r)
	})

	// B <- A: x would be deleted but B's new relation uses it.
	b1 := copyOf(t, b, "b1.kmap")
	rep := mergeFiles(t, b1, a, MergeOptions{})
	var cx *Conflict
	for i, c := range rep.Conflicts {
		if c.ID == x {
			cx = &rep.Conflicts[i]
		}
	}
	if cx == nil || cx.Kind != ConflictDependency || !cx.TheirsDeleted || !reflect.DeepEqual(cx.UsedBy, []string{r.ID}) {
		t.Fatalf("B<-A conflicts: %+v", rep.Conflicts)
	}
	pb := model.NewIndex(content(t, b1))
	if pb.Concepts[x] == nil || pb.Relations[r.ID] == nil {
		t.Fatal("B lost x or its new relation")
	}
	if err := content(t, b1).Validate(); err != nil {
		t.Fatal(err)
	}
	// A <- B: the same conflict, and B's relation waits for it.
	a1 := copyOf(t, a, "a1.kmap")
	rep = mergeFiles(t, a1, b, MergeOptions{})
	kinds := map[string]string{}
	for _, c := range rep.Conflicts {
		kinds[c.ID] = c.Kind
	}
	if kinds[x] != ConflictDependency || kinds[r.ID] != ConflictBlocked {
		t.Fatalf("A<-B conflicts: %+v", rep.Conflicts)
	}
	pa := model.NewIndex(content(t, a1))
	if pa.Concepts[x] != nil || pa.Relations[r.ID] != nil || pa.Concepts[n.ID] == nil {
		t.Error("A<-B: x came back, or the relation was added without it, or the new concept is missing")
	}
	if p := Check(a1); len(p) != 0 {
		t.Fatal(p)
	}

	// Resolution "keep x" (THEIRS' side in A): x comes back with the relation.
	a2 := copyOf(t, a, "a2.kmap")
	rep = mergeFiles(t, a2, b, MergeOptions{Resolve: map[string]Side{x: Theirs}})
	if _, _, _, open := rep.Counts(); open != 0 {
		t.Fatalf("after resolving: %+v", rep.Conflicts)
	}
	pa = model.NewIndex(content(t, a2))
	if pa.Concepts[x] == nil || pa.Relations[r.ID] == nil {
		t.Error("x or the relation missing after keeping x")
	}
	// …and B agrees when it merges A back.
	b2 := copyOf(t, b, "b2.kmap")
	if rep := mergeFiles(t, b2, a2, MergeOptions{}); len(rep.Conflicts) != 0 {
		t.Errorf("B<-resolved A: %+v", rep.Conflicts)
	}
	sameProject(t, "x kept", content(t, a2), content(t, b2))

	// Resolution "delete x" (THEIRS' side in B): the relation that needs it goes too.
	b3 := copyOf(t, b, "b3.kmap")
	rep = mergeFiles(t, b3, a, MergeOptions{Resolve: map[string]Side{x: Theirs}})
	if _, _, _, open := rep.Counts(); open != 0 {
		t.Fatalf("after resolving for deletion: %+v", rep.Conflicts)
	}
	pb = model.NewIndex(content(t, b3))
	if pb.Concepts[x] != nil || pb.Relations[r.ID] != nil {
		t.Error("x or its dependent relation survived the deletion")
	}
	found := false
	for _, it := range rep.Types["relation"].Deleted {
		found = found || it.ID == r.ID
	}
	if !found {
		t.Errorf("the cascaded relation is not reported: %+v", rep.Types["relation"].Deleted)
	}
	a3 := copyOf(t, a, "a3.kmap")
	if rep := mergeFiles(t, a3, b3, MergeOptions{}); len(rep.Conflicts) != 0 {
		t.Errorf("A<-resolved B: %+v", rep.Conflicts)
	}
	sameProject(t, "x deleted", content(t, a3), content(t, b3))
}

// keptConceptFiles makes a base with a concept X that has 5 relations (each
// with a citation) and 2 citations of its own; A deletes X (taking all of
// that with it), B edits X's label. It returns the paths of A and B, X and
// the ids of X's relations and citations.
func keptConceptFiles(t *testing.T) (a, b, x string, rels, cites []string) {
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	bp := content(t, base)
	x = model.NewID()
	src := bp.Sources[0].ID
	edit(t, base, func(tx *Tx) error {
		if err := tx.PutConcept(model.Concept{ID: x, Kind: "concept", Label: model.T("مفهوم مركزي", "Central")}); err != nil {
			return err
		}
		for i := 0; i < 5; i++ {
			r := model.Relation{ID: model.NewID(), From: x, To: bp.Concepts[i].ID, Type: "supports"}
			if err := tx.PutRelation(r); err != nil {
				return err
			}
			rels = append(rels, r.ID)
			c := model.Citation{ID: model.NewID(), Source: src, Relation: r.ID, Locator: "1"}
			if err := tx.PutCitation(c); err != nil {
				return err
			}
			cites = append(cites, c.ID)
		}
		for i := 0; i < 2; i++ {
			c := model.Citation{ID: model.NewID(), Source: src, Concept: x, Locator: "2"}
			if err := tx.PutCitation(c); err != nil {
				return err
			}
			cites = append(cites, c.ID)
		}
		return nil
	})
	a, b = copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	edit(t, a, func(tx *Tx) error { return tx.DeleteConcept(x) })
	edit(t, b, relabel(x, "عُدّل عندي"))
	return a, b, x, rels, cites
}

// Case 7 of issue 14: merging a deletion of a concept MINE has edited, and
// keeping MINE (--prefer mine), keeps the concept with its relations and
// citations; leaving the conflict open keeps them too; choosing THEIRS
// deletes them all, and the report names every record removed.
func TestMergeKeepingMineKeepsWhatWasDeletedWithIt(t *testing.T) {
	a, b, x, rels, cites := keptConceptFiles(t)
	has := func(path string) (concept bool, r, c int) {
		ix := model.NewIndex(content(t, path))
		for _, id := range rels {
			if ix.Relations[id] != nil {
				r++
			}
		}
		p := content(t, path)
		in := map[string]bool{}
		for _, c := range p.Citations {
			in[c.ID] = true
		}
		for _, id := range cites {
			if in[id] {
				c++
			}
		}
		return ix.Concepts[x] != nil, r, c
	}
	for _, resolve := range []map[string]Side{{x: Mine}, nil} {
		mine := copyOf(t, b, "mine.kmap")
		rep := mergeFiles(t, mine, a, MergeOptions{Resolve: resolve})
		c, r, n := has(mine)
		if !c || r != 5 || n != 7 {
			t.Fatalf("resolve %v: concept kept %v, %d of 5 relations, %d of 7 citations", resolve, c, r, n)
		}
		if d := len(rep.Types["relation"].Deleted) + len(rep.Types["citation"].Deleted); d != 0 {
			t.Errorf("resolve %v: the report deletes %d relations and citations", resolve, d)
		}
		if p := Check(mine); len(p) != 0 {
			t.Fatal(p)
		}
		// The dependents are listed with the conflict they follow.
		followers := 0
		for _, c := range rep.Conflicts {
			if c.Kind == ConflictBlocked && len(c.Needs) == 1 && c.Needs[0] == x {
				followers++
				if resolve != nil && c.Resolution != string(Mine) {
					t.Errorf("a follower of a conflict settled for MINE: %+v", c)
				}
			}
		}
		if followers != 12 {
			t.Errorf("resolve %v: %d records follow the conflict on X, want 12: %+v", resolve, followers, rep.Conflicts)
		}
		if resolve == nil {
			if open := len(rep.Unresolved()); open == 0 {
				t.Error("the conflict is not open")
			}
			continue
		}
		// THEIRS takes MINE's choice back whole, without a conflict.
		theirs := copyOf(t, a, "theirs.kmap")
		if rep := mergeFiles(t, theirs, mine, MergeOptions{}); len(rep.Conflicts) != 0 {
			t.Errorf("A<-resolved B: %+v", rep.Conflicts)
		}
		sameProject(t, "kept on both sides", content(t, mine), content(t, theirs))
	}

	// THEIRS' side: all of it goes, each named in the report.
	mine := copyOf(t, b, "mine2.kmap")
	rep := mergeFiles(t, mine, a, MergeOptions{Resolve: map[string]Side{x: Theirs}})
	if c, r, n := has(mine); c || r != 0 || n != 0 {
		t.Fatalf("resolve theirs: concept %v, %d relations, %d citations left", c, r, n)
	}
	named := map[string]string{}
	for _, typ := range []string{"concept", "relation", "citation"} {
		for _, it := range rep.Types[typ].Deleted {
			named[it.ID] = it.Label
		}
	}
	for _, id := range append(append([]string{x}, rels...), cites...) {
		if named[id] == "" || named[id] == id {
			t.Errorf("%s is not named among the deleted records: %q", id, named[id])
		}
	}
	for _, id := range rels {
		if !strings.Contains(named[id], "عُدّل عندي") {
			t.Errorf("relation named %q, without its concept's label", named[id])
		}
	}
	if _, err := filepath.Abs(mine); err != nil {
		t.Fatal(err)
	}
}
