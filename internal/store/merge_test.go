package store

// Merge, end to end: the properties README.md promises.

import (
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestMergeBringsChangesAndIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	bp := content(t, base)
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	c1, c2, c3 := bp.Concepts[1].ID, bp.Concepts[2].ID, bp.Concepts[3].ID
	newConcept := model.Concept{ID: model.NewID(), Kind: "threat", Label: model.T("مفهوم جديد", "A new concept")}
	newRel := model.Relation{ID: model.NewID(), From: newConcept.ID, To: c1, Type: "weakens"}
	// THEIRS (b): an added concept and relation, an edit, a deletion with its
	// cascade, a new kind, and a new title.
	edit(t, b, func(tx *Tx) error {
		if err := tx.PutKind(model.Kind{ID: "method", Name: model.T("منهج", "Method"), Color: "#123456", Shape: "box", Order: 9}); err != nil {
			return err
		}
		if err := tx.PutConcept(newConcept); err != nil {
			return err
		}
		if err := tx.PutRelation(newRel); err != nil {
			return err
		}
		if err := relabel(c1, "تسمية من الزميل")(tx); err != nil {
			return err
		}
		if err := tx.DeleteConcept(c2); err != nil {
			return err
		}
		m, _ := tx.Meta()
		m.Title = model.T("عنوان جديد", "New title")
		return tx.SetMeta(m)
	})
	// MINE (a): an unrelated edit.
	edit(t, a, relabel(c3, "تسمية مني"))
	theirsBefore := fileBytes(t, b)

	rep := mergeFiles(t, a, b, MergeOptions{})
	if !bytes.Equal(theirsBefore, fileBytes(t, b)) {
		t.Fatal("merging modified THEIRS")
	}
	if !rep.Written || len(rep.Conflicts) != 0 {
		t.Fatalf("written=%v conflicts=%+v", rep.Written, rep.Conflicts)
	}
	if got := rep.Types["concept"]; len(got.Added) != 1 || len(got.Updated) != 1 || len(got.Deleted) != 1 ||
		got.Added[0].Label != "مفهوم جديد" || got.Updated[0].ID != c1 || got.Deleted[0].ID != c2 {
		t.Errorf("concepts: %+v", got)
	}
	if got := rep.Types["kind"]; len(got.Added) != 1 || got.Added[0].ID != "method" {
		t.Errorf("kinds: %+v", got)
	}
	if got := rep.Types["meta"]; len(got.Updated) != 1 {
		t.Errorf("meta: %+v", got)
	}
	if !strings.Contains(rep.Types["relation"].Added[0].Label, "مفهوم جديد") {
		t.Errorf("relation label: %+v", rep.Types["relation"].Added)
	}
	got := content(t, a)
	ix := model.NewIndex(got)
	if ix.Concepts[newConcept.ID] == nil || ix.Relations[newRel.ID] == nil || ix.Kinds["method"] == nil {
		t.Error("added items missing")
	}
	if ix.Concepts[c1].Label["ar"] != "تسمية من الزميل" || ix.Concepts[c3].Label["ar"] != "تسمية مني" {
		t.Errorf("edits: %v / %v", ix.Concepts[c1].Label, ix.Concepts[c3].Label)
	}
	if ix.Concepts[c2] != nil || len(ix.Out[c2])+len(ix.In[c2]) != 0 {
		t.Error("the deleted concept or its relations survived")
	}
	for _, c := range got.Citations {
		if c.Concept == c2 {
			t.Error("a citation of the deleted concept survived")
		}
	}
	if got.Meta.Title["ar"] != "عنوان جديد" {
		t.Errorf("title: %v", got.Meta.Title)
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	if p := Check(a); len(p) != 0 {
		t.Fatalf("check after merge: %v", p)
	}

	// The same merge again changes nothing, not even a byte.
	before := fileBytes(t, a)
	rep = mergeFiles(t, a, b, MergeOptions{})
	if ad, u, d, c := rep.Counts(); rep.Written || ad+u+d+c != 0 {
		t.Errorf("second merge: written=%v %s", rep.Written, counts(rep))
	}
	if !bytes.Equal(before, fileBytes(t, a)) {
		t.Error("the second merge changed the file")
	}
	// And merging back brings MINE's edit to THEIRS: both are then equal.
	mergeFiles(t, b, a, MergeOptions{})
	sameProject(t, "after merging both ways", content(t, a), content(t, b))
}

func TestMergeBothDirectionsGiveTheSameContent(t *testing.T) {
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	bp := content(t, base)
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	rng := rand.New(rand.NewSource(1))
	perm := rng.Perm(len(bp.Concepts))
	// Disjoint edits: A gets the first third of the concepts, B the second.
	editSide := func(path string, ids []int, tag string) {
		edit(t, path, func(tx *Tx) error {
			for i, k := range ids {
				id := bp.Concepts[k].ID
				switch i % 4 {
				case 0, 1:
					if err := relabel(id, tag+fmt.Sprint(i))(tx); err != nil {
						return err
					}
				case 2:
					if err := tx.DeleteConcept(id); err != nil {
						return err
					}
				case 3:
					c := model.Concept{ID: model.NewID(), Kind: "actor", Label: model.T(tag+" جديد "+fmt.Sprint(i), "")}
					if err := tx.PutConcept(c); err != nil {
						return err
					}
					if err := tx.PutRelation(model.Relation{ID: model.NewID(), From: c.ID, To: id, Type: "supports"}); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	third := len(perm) / 3
	editSide(a, perm[:third], "أ")
	editSide(b, perm[third:2*third], "ب")
	// The same edit on both sides is not a conflict.
	same := bp.Concepts[perm[len(perm)-1]].ID
	edit(t, a, relabel(same, "التعديل نفسه"))
	edit(t, b, relabel(same, "التعديل نفسه"))

	ab, ba := copyOf(t, a, "ab.kmap"), copyOf(t, b, "ba.kmap")
	r1 := mergeFiles(t, ab, b, MergeOptions{})
	r2 := mergeFiles(t, ba, a, MergeOptions{})
	if len(r1.Conflicts)+len(r2.Conflicts) != 0 {
		t.Fatalf("conflicts: %+v %+v", r1.Conflicts, r2.Conflicts)
	}
	sameProject(t, "A+B vs B+A", content(t, ab), content(t, ba))
	// Merging the results into each other changes nothing more.
	r3 := mergeFiles(t, ab, ba, MergeOptions{})
	if ad, u, d, c := r3.Counts(); ad+u+d+c != 0 {
		t.Errorf("merging the two results: %s", counts(r3))
	}
}

func TestMergeThreePeopleAnyOrder(t *testing.T) {
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	bp := content(t, base)
	people := []string{copyOf(t, base, "p0.kmap"), copyOf(t, base, "p1.kmap"), copyOf(t, base, "p2.kmap")}
	srcID := bp.Sources[0].ID
	for i, p := range people {
		i := i
		edit(t, p, func(tx *Tx) error {
			// Each person edits, deletes and adds their own share.
			for k := i; k < 30; k += 3 {
				id := bp.Concepts[k].ID
				switch k % 5 {
				case 0:
					if err := tx.DeleteConcept(id); err != nil {
						return err
					}
				default:
					if err := relabel(id, fmt.Sprintf("الشخص %d يعدّل %d", i, k))(tx); err != nil {
						return err
					}
				}
			}
			c := model.Concept{ID: model.NewID(), Kind: "opportunity", Label: model.T(fmt.Sprintf("فكرة الشخص %d", i), "")}
			if err := tx.PutConcept(c); err != nil {
				return err
			}
			return tx.PutCitation(model.Citation{ID: model.NewID(), Source: srcID, Concept: c.ID, Locator: fmt.Sprint(10 + i)})
		})
	}
	// Person 1 also builds on person 0's work: takes it, then edits the
	// same concept again (a later version, not a conflict).
	edit(t, people[0], relabel(bp.Concepts[40].ID, "الشخص 0 أولا"))
	mergeFiles(t, people[1], people[0], MergeOptions{})
	edit(t, people[1], relabel(bp.Concepts[40].ID, "الشخص 1 بعده"))

	var results []string
	for n, o := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		into := copyOf(t, people[o[0]], fmt.Sprintf("r%d.kmap", n))
		for _, from := range o[1:] {
			rep := mergeFiles(t, into, people[from], MergeOptions{})
			if len(rep.Conflicts) != 0 {
				t.Fatalf("order %v: conflicts %+v", o, rep.Conflicts)
			}
		}
		results = append(results, into)
	}
	want := content(t, results[0])
	for i, r := range results[1:] {
		sameProject(t, fmt.Sprintf("order %d vs order 0", i+1), want, content(t, r))
	}
	ix := model.NewIndex(want)
	if l := ix.Concepts[bp.Concepts[40].ID].Label["ar"]; l != "الشخص 1 بعده" {
		t.Errorf("the later edit did not win: %q", l)
	}
	if err := want.Validate(); err != nil {
		t.Fatal(err)
	}
	// Chained merges (0 <- 1, 2 <- 0, 1 <- 2, 0 <- 1) reach the same state too.
	chain := []string{copyOf(t, people[0], "c0.kmap"), copyOf(t, people[1], "c1.kmap"), copyOf(t, people[2], "c2.kmap")}
	for _, step := range [][2]int{{0, 1}, {2, 0}, {1, 2}, {0, 1}} {
		mergeFiles(t, chain[step[0]], chain[step[1]], MergeOptions{})
	}
	for i, c := range chain {
		sameProject(t, fmt.Sprintf("chain person %d", i), want, content(t, c))
	}
}

// TestMergeRandomEdits edits two copies at random (overlapping), resolves
// every conflict one way, and checks both files then agree.
func TestMergeRandomEdits(t *testing.T) {
	for seed := int64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			dir := t.TempDir()
			base := baseFile(t, dir, mergeSizes)
			bp := content(t, base)
			a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
			rng := rand.New(rand.NewSource(seed))
			randomEdits(t, a, bp, rng, 25)
			randomEdits(t, b, bp, rng, 25)
			dry := mergeFiles(t, a, b, MergeOptions{DryRun: true})
			t.Logf("%s, %d positions moved on both sides", counts(dry), len(dry.Moves))
			for _, c := range dry.Conflicts {
				if c.Entity == string(model.EntityPosition) {
					t.Errorf("a position is a conflict: %+v", c)
				}
			}
			resolve := map[string]Side{}
			for _, c := range dry.Conflicts {
				resolve[c.ID] = Side([]string{"mine", "theirs"}[rng.Intn(2)])
			}
			var rep *MergeReport
			for i := 0; i < 5; i++ { // resolutions may uncover dependent conflicts
				rep = mergeFiles(t, copyOf(t, a, "a1.kmap"), b, MergeOptions{Resolve: resolve, DryRun: true})
				more := false
				for _, c := range rep.Unresolved() {
					if c.Kind != ConflictBlocked {
						resolve[c.ID] = Theirs
						more = true
					}
				}
				if !more {
					break
				}
			}
			rep = mergeFiles(t, a, b, MergeOptions{Resolve: resolve})
			if u := rep.Unresolved(); len(u) != 0 {
				t.Fatalf("unresolved after resolving everything: %+v", u)
			}
			if p := Check(a); len(p) != 0 {
				t.Fatal(p)
			}
			back := mergeFiles(t, b, a, MergeOptions{})
			if len(back.Conflicts) != 0 {
				t.Fatalf("merging the resolved file back: %+v", back.Conflicts)
			}
			sameProject(t, "after resolution", content(t, a), content(t, b))
		})
	}
}

func randomEdits(t *testing.T, path string, bp *model.Project, rng *rand.Rand, n int) {
	edit(t, path, func(tx *Tx) error {
		for i := 0; i < n; i++ {
			c := bp.Concepts[rng.Intn(len(bp.Concepts))]
			if !tx.exists("concepts", c.ID) {
				continue
			}
			switch rng.Intn(8) {
			case 6, 7: // place or move it, on the map of all concepts or on a view
				if k := bp.Concepts[rng.Intn(10)]; tx.exists("concepts", k.ID) {
					c = k // often one the base placed already: moved on both sides
				}
				view := ""
				if vs := bp.Views; rng.Intn(2) == 0 && len(vs) > 0 {
					view = vs[rng.Intn(len(vs))].ID
				}
				p := model.NewPosition(view, c.ID, float64(rng.Intn(2000)), float64(rng.Intn(2000)), rng.Intn(2) == 0)
				if err := tx.PutPosition(p); err != nil {
					return err
				}
			case 0:
				if err := tx.DeleteConcept(c.ID); err != nil {
					return err
				}
			case 1:
				nc := model.Concept{ID: model.NewID(), Kind: "pillar", Label: model.T(fmt.Sprint("جديد ", rng.Int()), "")}
				if err := tx.PutConcept(nc); err != nil {
					return err
				}
				if err := tx.PutRelation(model.Relation{ID: model.NewID(), From: nc.ID, To: c.ID, Type: "part-of"}); err != nil {
					return err
				}
			case 2:
				r := bp.Relations[rng.Intn(len(bp.Relations))]
				if rr, err := tx.Relation(r.ID); err == nil {
					rr.Notes = fmt.Sprint("ملاحظة ", rng.Int())
					if err := tx.PutRelation(rr); err != nil {
						return err
					}
				}
			default:
				if err := relabel(c.ID, fmt.Sprint("تسمية ", rng.Intn(3)))(tx); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func TestMergeDryRunWritesNothing(t *testing.T) {
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	a, b := copyOf(t, base, "a.kmap"), copyOf(t, base, "b.kmap")
	edit(t, b, func(tx *Tx) error { return tx.DeleteConcept(content(t, base).Concepts[0].ID) })
	before := fileBytes(t, a)
	dry := mergeFiles(t, a, b, MergeOptions{DryRun: true})
	if dry.Written || !bytes.Equal(before, fileBytes(t, a)) {
		t.Fatal("a dry run wrote to MINE")
	}
	real := mergeFiles(t, a, b, MergeOptions{})
	dry.DryRun, dry.Written = false, true
	if !reflect.DeepEqual(dry, real) {
		t.Errorf("the dry run's report differs from the real one:\n%+v\n%+v", dry, real)
	}
	// A read-only store can dry-run but not merge.
	s, err := OpenReadOnly(a)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := Merge(s, b, MergeOptions{DryRun: true}); err != nil {
		t.Error(err)
	}
	if _, err := Merge(s, b, MergeOptions{}); err == nil {
		t.Error("merged into a read-only store")
	}
}
