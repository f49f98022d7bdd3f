package store

import (
	"bytes"
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

var mergeSizes = synth.Sizes{Concepts: 60, Relations: 120, Sources: 10, Citations: 80}

// baseFile makes a project file to copy: a small synthetic project with a view.
func baseFile(t testing.TB, dir string, n synth.Sizes) string {
	t.Helper()
	path := filepath.Join(dir, "base.kmap")
	s, err := Create(path, model.Meta{Language: "ar", Title: model.T("الأساس", "Base")})
	if err != nil {
		t.Fatal(err)
	}
	p := synth.Project(n, 3)
	p.Meta = model.Meta{Language: "ar", Title: model.T("الأساس", "Base")}
	p.Views = append(p.Views, model.View{ID: model.NewID(), Name: model.T("عرض", "A view"),
		Concepts: []string{p.Concepts[0].ID, p.Concepts[1].ID}, Focus: p.Concepts[0].ID, Depth: 1})
	if err := s.ImportProject(p); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

func copyOf(t testing.TB, src, name string) string {
	t.Helper()
	dst := filepath.Join(filepath.Dir(src), name)
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func edit(t testing.TB, path string, fn func(tx *Tx) error) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func mergeFiles(t testing.TB, mine, theirs string, opts MergeOptions) *MergeReport {
	t.Helper()
	s, err := Open(mine)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err := Merge(s, theirs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// content loads a project with every list sorted by id, so that two files
// holding the same records in a different insertion order compare equal.
func content(t testing.TB, path string) *model.Project {
	t.Helper()
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(p.Kinds, func(i, j int) bool { return p.Kinds[i].ID < p.Kinds[j].ID })
	sort.Slice(p.Concepts, func(i, j int) bool { return p.Concepts[i].ID < p.Concepts[j].ID })
	sort.Slice(p.Relations, func(i, j int) bool { return p.Relations[i].ID < p.Relations[j].ID })
	sort.Slice(p.Sources, func(i, j int) bool { return p.Sources[i].ID < p.Sources[j].ID })
	sort.Slice(p.Citations, func(i, j int) bool { return p.Citations[i].ID < p.Citations[j].ID })
	sort.Slice(p.Views, func(i, j int) bool { return p.Views[i].ID < p.Views[j].ID })
	return p
}

func sameProject(t testing.TB, what string, a, b *model.Project) {
	t.Helper()
	if reflect.DeepEqual(a, b) {
		return
	}
	diff := func(name string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s: %s differ", what, name)
		}
	}
	diff("meta", a.Meta, b.Meta)
	diff("kinds", a.Kinds, b.Kinds)
	diff("sources", a.Sources, b.Sources)
	diff("citations", a.Citations, b.Citations)
	diff("views", a.Views, b.Views)
	diff("relations", a.Relations, b.Relations)
	if len(a.Concepts) != len(b.Concepts) {
		t.Errorf("%s: %d concepts vs %d", what, len(a.Concepts), len(b.Concepts))
	} else {
		for i := range a.Concepts {
			if !reflect.DeepEqual(a.Concepts[i], b.Concepts[i]) {
				t.Errorf("%s: concept differs:\n%+v\n%+v", what, a.Concepts[i], b.Concepts[i])
				break
			}
		}
	}
	if !t.Failed() {
		t.Errorf("%s: projects differ", what)
	}
}

// cpuTime returns the CPU time (user + system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func openRaw(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func fileBytes(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func relabel(id, ar string) func(tx *Tx) error {
	return func(tx *Tx) error {
		c, err := tx.Concept(id)
		if err != nil {
			return err
		}
		c.Label = c.Label.Clone()
		c.Label["ar"] = ar
		c.Updated = time.Now().UTC()
		return tx.PutConcept(c)
	}
}

func counts(r *MergeReport) string {
	a, u, d, c := r.Counts()
	return fmt.Sprintf("added %d, updated %d, deleted %d, conflicts %d", a, u, d, c)
}

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
			t.Logf("%s", counts(dry))
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
			switch rng.Intn(6) {
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

func TestMergeUnrelatedProjectsAndOldSchema(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.kmap")
	s, err := Create(a, model.Meta{Language: "ar", Title: model.T("أ", "")})
	if err != nil {
		t.Fatal(err)
	}
	s.ImportProject(sampleEntities())
	s.Close()
	b := goodFile(t, dir)
	rep := mergeFiles(t, a, b, MergeOptions{})
	// Built-in kinds are the same content under different versions: no conflict.
	// The titles differ with no common history: a meta conflict.
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].ID != MetaID {
		t.Fatalf("conflicts: %+v", rep.Conflicts)
	}
	if got := len(rep.Types["concept"].Added); got != 300 {
		t.Errorf("added %d concepts, want 300", got)
	}
	if p := Check(a); len(p) != 0 {
		t.Fatal(p)
	}

	// A schema-1 file (an old release) merges too, and stays untouched.
	v1 := filepath.Join(dir, "v1.kmap")
	db := openRaw(t, v1)
	body, _ := migrationFS.ReadFile("migrations/001_initial.sql")
	c := model.NewID()
	for _, stmt := range []string{"PRAGMA application_id = 1263354192", string(body), "PRAGMA user_version = 1",
		`INSERT INTO meta VALUES ('title', '{"ar":"أ"}'), ('language', 'ar')`,
		`INSERT INTO kinds(id, name_ar, name_en, color, shape, builtin, position) VALUES ('threat', 'تهديد', 'Threat', '#f4a6a6', 'octagon', 1, 2)`,
		`INSERT INTO concepts(id, kind, label_ar, created, updated) VALUES ('` + c + `', 'threat', 'قديم', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	before := fileBytes(t, v1)
	rep = mergeFiles(t, a, v1, MergeOptions{})
	if len(rep.Types["concept"].Added) != 1 {
		t.Errorf("from v1: %+v", rep.Types["concept"])
	}
	if !bytes.Equal(before, fileBytes(t, v1)) {
		t.Error("merging from a v1 file changed it")
	}
}

// BenchmarkMerge merges two copies of the benchmark project (10,000
// concepts) with 1,000 different edits on each side.
func BenchmarkMerge(b *testing.B) {
	n := synth.Benchmark
	dir := b.TempDir()
	base := filepath.Join(dir, "base.kmap")
	s, err := Create(base, model.Meta{Language: "ar"})
	if err != nil {
		b.Fatal(err)
	}
	p := synth.Project(n, 1)
	if err := s.ImportProject(p); err != nil {
		b.Fatal(err)
	}
	s.Close()
	mine, theirs := copyOf(b, base, "mine.kmap"), copyOf(b, base, "theirs.kmap")
	sideEdits := func(path string, off int) {
		edit(b, path, func(tx *Tx) error {
			for i := 0; i < 1000; i++ {
				k := off + 2*i
				switch i % 10 {
				case 0: // add a concept with a relation
					c := model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T(fmt.Sprint("جديد ", k), "")}
					if err := tx.PutConcept(c); err != nil {
						return err
					}
					if err := tx.PutRelation(model.Relation{ID: model.NewID(), From: c.ID, To: p.Concepts[k].ID, Type: "supports"}); err != nil {
						return err
					}
				case 1: // delete a relation
					if err := tx.DeleteRelation(p.Relations[k].ID); err != nil {
						return err
					}
				default: // edit a concept
					if err := relabel(p.Concepts[k].ID, fmt.Sprint("معدّل ", k))(tx); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	sideEdits(mine, 0)
	sideEdits(theirs, 1)
	b.Run("concepts=10000/edits=1000+1000", func(b *testing.B) {
		var cpu time.Duration
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			into := copyOf(b, mine, "into.kmap")
			s, err := Open(into)
			if err != nil {
				b.Fatal(err)
			}
			c0 := cpuTime()
			b.StartTimer()
			rep, err := Merge(s, theirs, MergeOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			cpu += cpuTime() - c0
			s.Close()
			if ad, u, d, c := rep.Counts(); ad != 200 || u != 800 || d < 100 || c != 0 {
				b.Fatalf("report: %s", counts(rep))
			}
			os.Remove(into)
			b.StartTimer()
		}
		// CPU time shows the cost apart from other load on the machine.
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	// The dry run the GUI shows first, and a merge with nothing new (the
	// same file merged again).
	merged := copyOf(b, mine, "merged.kmap")
	mergeFiles(b, merged, theirs, MergeOptions{})
	for _, bc := range []struct {
		name, into string
		dry        bool
	}{{"dry-run", mine, true}, {"nothing-new", merged, false}} {
		b.Run("concepts=10000/"+bc.name, func(b *testing.B) {
			s, err := Open(bc.into)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				c0 := cpuTime()
				if _, err := Merge(s, theirs, MergeOptions{DryRun: bc.dry}); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c0
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
