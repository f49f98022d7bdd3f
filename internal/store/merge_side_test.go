package store

// Merge, reading a side: files of other projects and older schemas.

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

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
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "rows for 292 records") {
		t.Fatalf("merge of an outsized history: %v", err)
	}
	if hash(t, mine) != before {
		t.Fatal("MINE changed")
	}
}
