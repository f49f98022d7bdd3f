package store

import (
	"errors"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// TestVersionsAndExpect: a record's version changes with every change and
// only then; Expect refuses a write based on an older version, a deleted
// record or one created meanwhile; Versions lists every live record.
func TestVersionsAndExpect(t *testing.T) {
	s := newStore(t)
	p := sampleEntities()
	if err := s.ImportProject(p); err != nil {
		t.Fatal(err)
	}
	c := p.Concepts[0]
	version := func() string {
		var v string
		if err := s.View(func(tx *Tx) error {
			var err error
			v, err = tx.VersionOf(model.EntityConcept, c.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return v
	}
	v1 := version()
	if v1 == "" {
		t.Fatal("no version for a stored concept")
	}
	if err := s.Update(func(tx *Tx) error { return tx.PutConcept(c) }); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != v1 {
		t.Errorf("an unchanged put changed the version: %s → %s", v1, v)
	}
	c.Notes = "changed"
	if err := s.Update(func(tx *Tx) error { return tx.PutConcept(c) }); err != nil {
		t.Fatal(err)
	}
	v2 := version()
	if v2 == v1 || v2 == "" {
		t.Fatalf("an edit kept the version %s", v1)
	}
	// A write based on v1 is refused; one based on v2 passes.
	err := s.Update(func(tx *Tx) error {
		if err := tx.Expect(model.EntityConcept, c.ID, v1); err != nil {
			return err
		}
		return tx.PutConcept(c)
	})
	var ve *VersionError
	if !errors.As(err, &ve) || !errors.Is(err, ErrConflict) || ve.Base != v1 || ve.Current != v2 {
		t.Fatalf("expect v1 after an edit: %v", err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.Expect(model.EntityConcept, c.ID, v2) }); err != nil {
		t.Fatal(err)
	}
	// Deleted, and created in the meantime.
	if err := s.Update(func(tx *Tx) error { return tx.DeleteConcept(c.ID) }); err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *Tx) error { return tx.Expect(model.EntityConcept, c.ID, v2) })
	if !errors.As(err, &ve) || ve.Current != "" {
		t.Fatalf("expect a deleted concept: %v", err)
	}
	err = s.Update(func(tx *Tx) error { return tx.Expect(model.EntityConcept, p.Concepts[1].ID, "") })
	if !errors.As(err, &ve) || ve.Current == "" {
		t.Fatalf("expect no concept where one exists: %v", err)
	}
	// Versions covers every live record and the meta.
	var all map[string]string
	if err := s.View(func(tx *Tx) (err error) { all, err = tx.Versions(); return err }); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Load()
	want := len(got.Kinds) + len(got.Concepts) + len(got.Relations) + len(got.Sources) + len(got.Citations) + len(got.Views) + 1
	if len(all) != want || all[MetaID] == "" || all[c.ID] != "" {
		t.Errorf("Versions: %d entries (want %d), meta %q, deleted concept %q", len(all), want, all[MetaID], all[c.ID])
	}
}

// TestDataVersionSeesOtherWritersOnly: data_version changes when another
// connection commits, never for the store's own commits, so a program's
// own write cannot hide another program's.
func TestDataVersionSeesOtherWritersOnly(t *testing.T) {
	s := newStore(t)
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	dv := func() int64 {
		var v int64
		if err := s.Update(func(tx *Tx) (err error) { v, err = tx.DataVersion(); return err }); err != nil {
			t.Fatal(err)
		}
		return v
	}
	d0 := dv()
	put := func(st *Store) {
		if err := st.Update(func(tx *Tx) error {
			return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T("مفهوم", "")})
		}); err != nil {
			t.Fatal(err)
		}
	}
	put(s)
	if d := dv(); d != d0 {
		t.Errorf("own commit changed data_version %d → %d", d0, d)
	}
	put(other)
	d1, err := s.DataVersion()
	if err != nil {
		t.Fatal(err)
	}
	if d1 == d0 {
		t.Errorf("another writer's commit left data_version at %d", d0)
	}
	put(s)
	if d := dv(); d != d1 {
		t.Errorf("own commit after a foreign one changed data_version %d → %d", d1, d)
	}
}
