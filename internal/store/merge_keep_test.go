package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

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

// Case 13 of issue 14: a THEIRS with an outsized history (here 300,000
// extra version rows for a project of a few hundred records) is refused
// with a clear error and MINE is not touched; an ordinary merge reports how
// much history MINE learned.
func TestMergeRefusesOutsizedHistory(t *testing.T) {
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	theirs := copyOf(t, base, "theirs.kmap")
	edit(t, theirs, relabel(content(t, base).Concepts[0].ID, "تعديل"))
	ok := copyOf(t, base, "mine.kmap")
	rep := mergeFiles(t, ok, theirs, MergeOptions{})
	if rep.History != 1 {
		t.Errorf("one edit brought %d history rows, want 1", rep.History)
	}
	db := openRaw(t, theirs)
	if _, err := db.Exec(`INSERT INTO versions(entity_id, version)
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 300000)
		SELECT (SELECT id FROM concepts LIMIT 1), hex(randomblob(16)) FROM n`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	mine := copyOf(t, base, "mine2.kmap")
	before := hash(t, mine)
	s, err := Open(mine)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Merge(s, theirs, MergeOptions{})
	s.Close()
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "rows for 280 records") {
		t.Fatalf("merge of an outsized history: %v", err)
	}
	if hash(t, mine) != before {
		t.Fatal("MINE changed")
	}
}
