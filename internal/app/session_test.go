package app

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

func sample(t *testing.T) *Session {
	t.Helper()
	s, err := CreateSample(filepath.Join(t.TempDir(), "sample.kmap"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// onDisk loads the project file afresh, as another program would see it.
func onDisk(t *testing.T, s *Session) *model.Project {
	t.Helper()
	st, err := store.OpenReadOnly(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func counts(p *model.Project) [6]int {
	return [6]int{len(p.Kinds), len(p.Concepts), len(p.Relations), len(p.Sources), len(p.Citations), len(p.Views)}
}

func TestSampleCounts(t *testing.T) {
	s := sample(t)
	if got, want := counts(s.Project()), [6]int{8, 128, 225, 32, 475, 4}; got != want {
		t.Fatalf("sample counts %v, want %v", got, want)
	}
}

func TestEditUndoRedo(t *testing.T) {
	s := sample(t)
	start := counts(onDisk(t, s))
	var events []EventKind
	s.Subscribe(func(e Event) { events = append(events, e.Kind) })

	c, err := s.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("الأمن المجتمعي (UNDP, 2016)", "")})
	if err != nil {
		t.Fatal(err)
	}
	from := s.Project().Concepts[0].ID
	r, err := s.SaveRelation(model.Relation{From: from, To: c.ID, Type: "supports", Phrase: model.DefaultPhrase("supports")})
	if err != nil {
		t.Fatal(err)
	}
	src := s.Project().Sources[0].ID
	if _, err := s.SaveCitation(model.Citation{Source: src, Concept: c.ID, Locator: "12", Quote: "نص"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveCitation(model.Citation{Source: src, Relation: r.ID, Locator: "13"}); err != nil {
		t.Fatal(err)
	}
	after := counts(onDisk(t, s))
	if after[1] != start[1]+1 || after[2] != start[2]+1 || after[4] != start[4]+2 {
		t.Fatalf("after edits %v, start %v", after, start)
	}
	if counts(s.Project()) != after {
		t.Fatalf("memory %v, disk %v", counts(s.Project()), after)
	}

	// Deleting the concept takes its relation and both citations, in one edit.
	d := s.DependentsOf(Ref{ConceptEntity, c.ID})
	if len(d.Relations) != 1 || len(d.Citations) != 2 {
		t.Fatalf("dependents %+v", d)
	}
	if err := s.DeleteConcept(c.ID); err != nil {
		t.Fatal(err)
	}
	if got := counts(onDisk(t, s)); got != start {
		t.Fatalf("after delete %v, want %v", got, start)
	}
	// One undo brings all three back.
	if name, ok := s.CanUndo(); !ok || name != EditDeleteConcept {
		t.Fatalf("CanUndo = %q %v", name, ok)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := counts(onDisk(t, s)); got != after {
		t.Fatalf("after undo %v, want %v", got, after)
	}
	disk := onDisk(t, s)
	if !sameProject(disk, s.Project()) {
		t.Fatal("memory and disk differ after undo")
	}
	// Undo everything: the file is as it started, entity for entity.
	for {
		if _, ok := s.CanUndo(); !ok {
			break
		}
		if err := s.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	if got := counts(onDisk(t, s)); got != start {
		t.Fatalf("after undoing all %v, want %v", got, start)
	}
	// Redo everything.
	for {
		if _, ok := s.CanRedo(); !ok {
			break
		}
		if err := s.Redo(); err != nil {
			t.Fatal(err)
		}
	}
	if got := counts(onDisk(t, s)); got != start {
		t.Fatalf("after redoing all %v, want %v (the delete is redone too)", got, start)
	}
	if !sameProject(onDisk(t, s), s.Project()) {
		t.Fatal("memory and disk differ after redo")
	}
	if len(events) != 5+5+5 {
		t.Fatalf("%d events", len(events))
	}
}

// sameProject compares two projects entity by entity, ignoring order.
func sameProject(a, b *model.Project) bool {
	ia, ib := model.NewIndex(a), model.NewIndex(b)
	if len(ia.Concepts) != len(ib.Concepts) || len(ia.Relations) != len(ib.Relations) || len(a.Citations) != len(b.Citations) {
		return false
	}
	for id, c := range ia.Concepts {
		d, ok := ib.Concepts[id]
		if !ok || !c.Label.Equal(d.Label) || c.Kind != d.Kind || !c.Updated.Equal(d.Updated) {
			return false
		}
	}
	for id, r := range ia.Relations {
		q, ok := ib.Relations[id]
		if !ok || r.From != q.From || r.To != q.To || !r.Phrase.Equal(q.Phrase) {
			return false
		}
	}
	ca := map[string]model.Citation{}
	for _, c := range a.Citations {
		ca[c.ID] = c
	}
	for _, c := range b.Citations {
		o := ca[c.ID]
		o.Created, o.Updated, c.Created, c.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if !reflect.DeepEqual(o, c) {
			return false
		}
	}
	return true
}

func TestDeleteKindAndViewUndo(t *testing.T) {
	s := sample(t)
	k, err := s.SaveKind(model.Kind{Name: model.T("مؤشر", "Indicator"), Color: "#123456", Shape: "box"})
	if err != nil {
		t.Fatal(err)
	}
	if k.ID != "indicator" {
		t.Fatalf("kind id %q", k.ID)
	}
	v, err := s.SaveView(model.View{Name: model.T("مؤشرات", "Indicators"), Kinds: []string{k.ID, model.KindThreat}})
	if err != nil {
		t.Fatal(err)
	}
	if d := s.DependentsOf(Ref{KindEntity, k.ID}); len(d.Views) != 1 {
		t.Fatalf("dependents of kind: %+v", d)
	}
	if err := s.DeleteKind(k.ID); err != nil {
		t.Fatal(err)
	}
	if got := s.Index().Views[v.ID].Kinds; !reflect.DeepEqual(got, []string{model.KindThreat}) {
		t.Fatalf("view kinds after deleting kind: %v", got)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	disk := model.NewIndex(onDisk(t, s))
	if _, ok := disk.Kinds[k.ID]; !ok {
		t.Fatal("kind not restored on disk")
	}
	if got := disk.Views[v.ID].Kinds; !reflect.DeepEqual(got, []string{k.ID, model.KindThreat}) {
		t.Fatalf("view kinds after undo: %v", got)
	}
	// A kind in use cannot be deleted.
	if err := s.DeleteKind(model.KindThreat); err == nil {
		t.Fatal("deleted a kind in use")
	}
}

func TestFailedEditWritesNothing(t *testing.T) {
	s := sample(t)
	before := counts(onDisk(t, s))
	_, err := s.SaveConcept(model.Concept{Kind: "no-such-kind", Label: model.T("x", "")})
	if err == nil {
		t.Fatal("saved a concept of a missing kind")
	}
	if got := counts(onDisk(t, s)); got != before {
		t.Fatalf("failed edit changed the file: %v → %v", before, got)
	}
	if _, ok := s.CanUndo(); ok {
		t.Fatal("failed edit is on the undo stack")
	}
}

func TestExternalChange(t *testing.T) {
	s := sample(t)
	if ch, err := s.CheckExternal(); err != nil || ch != 0 {
		t.Fatalf("fresh session: %v %v", ch, err)
	}
	// Our own edits are not external.
	if _, err := s.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("أ", "")}); err != nil {
		t.Fatal(err)
	}
	if ch, _ := s.CheckExternal(); ch != 0 {
		t.Fatalf("own edit reported as external: %v", ch)
	}
	// Another program's edit is.
	other, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	err = other.Update(func(tx *store.Tx) error {
		return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: model.KindActor, Label: model.T("فاعل خارجي", "")})
	})
	other.Close()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan ExternalChange, 4)
	s.Watch(20*time.Millisecond, func(c ExternalChange) { got <- c })
	if c := <-got; c != FileChanged {
		t.Fatalf("watcher saw %v", c)
	}
	s.StopWatching()
	n := len(s.Project().Concepts)
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	if len(s.Project().Concepts) != n+1 {
		t.Fatalf("reload: %d concepts, want %d", len(s.Project().Concepts), n+1)
	}
	if _, ok := s.CanUndo(); ok {
		t.Fatal("undo history survived a reload")
	}
}

func TestSearch(t *testing.T) {
	s := sample(t)
	// Without hamza and taa marbuta, as people type.
	ids, err := s.Search("الامن المجتمعي", 10)
	if err != nil || len(ids) == 0 {
		t.Fatalf("search: %v %v", ids, err)
	}
	if l := s.Index().Concepts[ids[0]].Label.Get("ar"); l != "الأمن المجتمعي" {
		t.Fatalf("first hit %q", l)
	}
}

func TestSaveCopyAs(t *testing.T) {
	s := sample(t)
	dst := filepath.Join(t.TempDir(), "copy")
	if err := s.SaveCopyAs(dst); err != nil {
		t.Fatal(err)
	}
	c, err := Open(dst + FileExt)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if counts(c.Project()) != counts(s.Project()) {
		t.Fatal("copy differs")
	}
	if err := s.SaveCopyAs(dst + FileExt); err == nil {
		t.Fatal("overwrote an existing file")
	}
}
