package app

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

func copyFileT(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// colleague makes a copy of s's file (as sent by e-mail), opens it and
// returns it with its path.
func colleague(t *testing.T, s *Session) (*Session, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "theirs.kmap")
	copyFileT(t, s.Path(), path)
	o, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return o, path
}

func conceptOnDisk(p *model.Project, id string) *model.Concept {
	for i := range p.Concepts {
		if p.Concepts[i].ID == id {
			return &p.Concepts[i]
		}
	}
	return nil
}

func relationOnDisk(p *model.Project, id string) bool {
	for _, r := range p.Relations {
		if r.ID == id {
			return true
		}
	}
	return false
}

func TestMergeFileConflictResolvedThenUndone(t *testing.T) {
	mine := sample(t)
	theirs, theirsPath := colleague(t, mine)

	x := mine.Project().Concepts[5]
	// The relation THEIRS deletes: one not touching x.
	var rel model.Relation
	for _, r := range mine.Project().Relations {
		if r.From != x.ID && r.To != x.ID {
			rel = r
			break
		}
	}
	relCites := len(mine.CitationsOf(rel.ID))

	mx := x
	mx.Label = model.T("تسمية عندي", "mine")
	if _, err := mine.SaveConcept(mx); err != nil {
		t.Fatal(err)
	}
	tx := *theirs.Index().Concepts[x.ID]
	tx.Label = model.T("تسمية عند الزميل", "theirs")
	if _, err := theirs.SaveConcept(tx); err != nil {
		t.Fatal(err)
	}
	y, err := theirs.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("مفهوم جديد من الزميل", "")})
	if err != nil {
		t.Fatal(err)
	}
	if err := theirs.DeleteRelation(rel.ID); err != nil {
		t.Fatal(err)
	}
	theirs.Close()

	before := onDisk(t, mine)
	pre, err := mine.PreviewMerge(theirsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _, d, c := pre.Counts()
	if a != 1 || c != 1 || d < 1 {
		t.Fatalf("preview: %d added, %d deleted, %d conflicts; want 1, ≥1, 1", a, d, c)
	}
	conf := pre.Unresolved()[0]
	if conf.ID != x.ID || conf.Kind != store.ConflictEdit {
		t.Fatalf("conflict %+v, want an edit conflict on %s", conf, x.ID)
	}
	var sawLabel bool
	for _, f := range conf.Fields {
		if f.Field == "label.ar" && f.Mine == "تسمية عندي" && f.Theirs == "تسمية عند الزميل" {
			sawLabel = true
		}
	}
	if !sawLabel {
		t.Errorf("conflict fields %+v lack both Arabic labels", conf.Fields)
	}
	if got := onDisk(t, mine); len(got.Concepts) != len(before.Concepts) {
		t.Fatal("the preview wrote")
	}

	var events int
	mine.Subscribe(func(e Event) {
		if e.Kind == Edited && e.Change.Name == EditMergeFile {
			events++
		}
	})
	rep, err := mine.Merge(theirsPath, map[string]store.Side{x.ID: store.Theirs})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Written || len(rep.Unresolved()) != 0 || events != 1 {
		t.Fatalf("merge written %v, open conflicts %d, events %d", rep.Written, len(rep.Unresolved()), events)
	}
	check := func(when string, p *model.Project, label string, hasY, hasRel bool) {
		t.Helper()
		if c := conceptOnDisk(p, x.ID); c == nil || c.Label.Get("ar") != label {
			t.Errorf("%s: concept label %v, want %q", when, c, label)
		}
		if (conceptOnDisk(p, y.ID) != nil) != hasY {
			t.Errorf("%s: new concept present = %v, want %v", when, !hasY, hasY)
		}
		if relationOnDisk(p, rel.ID) != hasRel {
			t.Errorf("%s: deleted relation present = %v, want %v", when, !hasRel, hasRel)
		}
	}
	same := func(when string) {
		t.Helper()
		if ch := diffProjects("", mine.Project(), onDisk(t, mine)); len(ch.refs) != 0 {
			t.Errorf("%s: the session differs from the file in %v", when, ch.refs)
		}
	}
	same("after merge")
	check("after merge (disk)", onDisk(t, mine), "تسمية عند الزميل", true, false)
	check("after merge (memory)", mine.Project(), "تسمية عند الزميل", true, false)
	if name, ok := mine.CanUndo(); !ok || name != EditMergeFile {
		t.Fatalf("undo offers %q", name)
	}
	// The edit holds exactly what changed: x, y, the relation and its citations.
	if refs := mine.undo[len(mine.undo)-1].Refs(); len(refs) != 3+relCites {
		t.Errorf("the merge edit touches %d entities, want %d: %v", len(refs), 3+relCites, refs)
	}

	if err := mine.Undo(); err != nil {
		t.Fatal(err)
	}
	disk := onDisk(t, mine)
	check("after undo (disk)", disk, "تسمية عندي", false, true)
	check("after undo (memory)", mine.Project(), "تسمية عندي", false, true)
	same("after undo")
	if counts(disk) != counts(before) {
		t.Errorf("after undo %v, before the merge %v", counts(disk), counts(before))
	}
	if n := len(mine.CitationsOf(rel.ID)); n != relCites {
		t.Errorf("the relation came back with %d citations, want %d", n, relCites)
	}

	if err := mine.Redo(); err != nil {
		t.Fatal(err)
	}
	check("after redo (disk)", onDisk(t, mine), "تسمية عند الزميل", true, false)
	same("after redo")

	// Merging the same file again changes nothing.
	again, err := mine.Merge(theirsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a, u, d, c := again.Counts(); a+u+d+c != 0 {
		t.Errorf("second merge: %d added, %d updated, %d deleted, %d conflicts", a, u, d, c)
	}
	if name, _ := mine.CanUndo(); name != EditMergeFile {
		t.Errorf("an empty merge recorded an edit: undo offers %q", name)
	}
}

func TestMergeLeavesOpenConflictsMine(t *testing.T) {
	mine := sample(t)
	theirs, theirsPath := colleague(t, mine)
	x := mine.Project().Concepts[2]
	mx := x
	mx.Notes = "mine"
	if _, err := mine.SaveConcept(mx); err != nil {
		t.Fatal(err)
	}
	tx := *theirs.Index().Concepts[x.ID]
	tx.Notes = "theirs"
	if _, err := theirs.SaveConcept(tx); err != nil {
		t.Fatal(err)
	}
	theirs.Close()
	rep, err := mine.Merge(theirsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Unresolved()) != 1 {
		t.Fatalf("open conflicts %d, want 1", len(rep.Unresolved()))
	}
	if got := conceptOnDisk(onDisk(t, mine), x.ID).Notes; got != "mine" {
		t.Errorf("open conflict: notes %q, want mine kept", got)
	}
	if _, err := mine.Merge(mine.Path(), nil); err == nil {
		t.Error("merging a file into itself did not fail")
	}
}

// diffProjects returns a change holding (for checking that the session
// matches the file) the before and after state of every
// entity that differs between two projects, in the put order of EntityKind.
func diffProjects(name string, a, b *model.Project) *Change {
	ch := &Change{Name: name, before: map[Ref]model.Entity{}, after: map[Ref]model.Entity{}}
	add := func(r Ref, before, after any) {
		ch.refs = append(ch.refs, r)
		ch.before[r], _ = before.(model.Entity)
		ch.after[r], _ = after.(model.Entity)
	}
	if !reflect.DeepEqual(a.Meta, b.Meta) {
		add(Ref{MetaEntity, ""}, a.Meta, b.Meta)
	}
	diffList(KindEntity, a.Kinds, b.Kinds, func(x model.Kind) string { return x.ID }, add)
	diffList(SourceEntity, a.Sources, b.Sources, func(x model.Source) string { return x.ID }, add)
	diffList(ConceptEntity, a.Concepts, b.Concepts, func(x model.Concept) string { return x.ID }, add)
	diffList(RelationEntity, a.Relations, b.Relations, func(x model.Relation) string { return x.ID }, add)
	diffList(CitationEntity, a.Citations, b.Citations, func(x model.Citation) string { return x.ID }, add)
	diffList(ViewEntity, a.Views, b.Views, func(x model.View) string { return x.ID }, add)
	return ch
}

func diffList[T any](k EntityKind, a, b []T, idOf func(T) string, add func(r Ref, before, after any)) {
	old := make(map[string]int, len(a))
	for i, x := range a {
		old[idOf(x)] = i
	}
	seen := make(map[string]bool, len(b))
	for _, y := range b {
		id := idOf(y)
		seen[id] = true
		i, ok := old[id]
		switch {
		case !ok:
			add(Ref{k, id}, nil, y)
		case !reflect.DeepEqual(a[i], y):
			add(Ref{k, id}, a[i], y)
		}
	}
	for _, x := range a {
		if id := idOf(x); !seen[id] {
			add(Ref{k, id}, x, nil)
		}
	}
}
