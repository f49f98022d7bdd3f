package store

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// Positions are records like the others: versioned, put unchanged without
// a write, deleted with tombstones when their concept or view goes.
func TestPositionsAreVersionedRecords(t *testing.T) {
	path := goodFile(t, t.TempDir())
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, _ := s.Load()
	a, b := p.Concepts[0].ID, p.Concepts[1].ID
	v := model.View{ID: model.NewID(), Name: model.T("عرض", ""), Concepts: []string{a, b}}
	pa := model.NewPosition("", a, 10, 20, true)
	pva, pvb := model.NewPosition(v.ID, a, 1, 2, false), model.NewPosition(v.ID, b, 3, 4, false)
	var ver string
	err = s.Update(func(tx *Tx) error {
		for _, e := range []model.Entity{v, pa, pva, pvb} {
			if err := tx.Put(e); err != nil {
				return err
			}
		}
		got, err := tx.Get(model.EntityPosition, pa.ID)
		if err != nil {
			return err
		}
		if g := got.(model.Position); g.X != 10 || g.Y != 20 || !g.Pinned || g.Updated.IsZero() || g.View != "" {
			t.Errorf("read back: %+v", g)
		}
		ver, err = tx.VersionOf(model.EntityPosition, pa.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// An unchanged put keeps the version; a move replaces it.
	s.Update(func(tx *Tx) error {
		if err := tx.PutPosition(pa); err != nil {
			return err
		}
		if v2, _ := tx.VersionOf(model.EntityPosition, pa.ID); v2 != ver {
			t.Errorf("an unchanged put changed the version")
		}
		moved := pa
		moved.X = 11
		if err := tx.PutPosition(moved); err != nil {
			return err
		}
		if v3, _ := tx.VersionOf(model.EntityPosition, pa.ID); v3 == ver || v3 == "" {
			t.Errorf("a move kept the version")
		}
		return nil
	})
	// A position must name a concept and a view that exist, with its own id.
	for _, bad := range []model.Position{model.NewPosition(model.NewID(), a, 0, 0, false), model.NewPosition("", model.NewID(), 0, 0, false),
		{ID: model.NewID(), Concept: a}} {
		if err := s.Update(func(tx *Tx) error { return tx.PutPosition(bad) }); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	// Deleting a concept takes its positions on every view; deleting a view takes its own.
	s.Update(func(tx *Tx) error { return tx.DeleteConcept(a) })
	s.Update(func(tx *Tx) error { return tx.DeleteView(v.ID) })
	var left, tombs int
	s.db.QueryRow(`SELECT count(*) FROM positions`).Scan(&left)
	s.db.QueryRow(`SELECT count(*) FROM tombstones WHERE entity = 'position'`).Scan(&tombs)
	if left != 0 || tombs != 3 {
		t.Errorf("%d positions left, %d tombstoned", left, tombs)
	}
}

// A project created in one transaction (a new file, a copy) writes its
// positions with the other records.
func TestCreateProjectWithPositions(t *testing.T) {
	dir := t.TempDir()
	src := content(t, baseFile(t, dir, mergeSizes))
	path := filepath.Join(dir, "copy.kmap")
	s, err := CreateProject(path, src)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	got := content(t, path)
	if len(got.Positions) != 12 || !reflect.DeepEqual(got.Positions, src.Positions) {
		t.Errorf("positions of the copy:\n%+v\nwant\n%+v", got.Positions, src.Positions)
	}
	if p := Check(path); len(p) != 0 {
		t.Fatal(p)
	}
}

// A real file of schema 2, written by Khareeta's previous release
// (testdata/v2-small.kmap: `khareeta import` of a project JSON with 8
// concepts, 9 relations, 5 sources, 6 citations and a view), is read as it
// is read-only, and opened for writing it is migrated to the current schema in one
// transaction, keeping every record and its versions.
func TestMigrationFromARealVersion2File(t *testing.T) {
	src := filepath.Join("testdata", "v2-small.kmap")
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v2.kmap")
	os.WriteFile(path, orig, 0o644)
	if p := Check(path); len(p) != 0 {
		t.Fatalf("Check of the v2 file: %v", p)
	}
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	before, err := ro.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := ro.Stats()
	if err != nil || st.Concepts != 8 || st.Positions != 0 {
		t.Errorf("stats of the v2 file read as it is: %+v %v", st, err)
	}
	var vers map[string]string
	ro.View(func(tx *Tx) error { vers, err = tx.Versions(); return err })
	ro.Close()
	if !bytes.Equal(orig, fileBytes(t, path)) {
		t.Fatal("reading the v2 file changed it")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersionOf(); v != SchemaVersion {
		t.Fatalf("schema %d after opening", v)
	}
	after, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) || len(after.Concepts) != 8 || len(after.Views) != 1 {
		t.Fatalf("the records changed in the migration")
	}
	var vers2 map[string]string
	s.View(func(tx *Tx) error { vers2, err = tx.Versions(); return err })
	if !reflect.DeepEqual(vers, vers2) {
		t.Error("the migration changed versions")
	}
	// Positions work in the migrated file, and it checks clean.
	c, v := after.Concepts[0].ID, after.Views[0].ID
	if err := s.Update(func(tx *Tx) error { return tx.PutPosition(model.NewPosition(v, c, 5, 6, true)) }); err != nil {
		t.Fatal(err)
	}
	if p := Check(path); len(p) != 0 {
		t.Fatal(p)
	}
}

func TestMigrationFromVersion1ReachesTheCurrentVersionInOneStep(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v1.kmap")
	db := openRaw(t, path)
	v1, _ := migrationFS.ReadFile("migrations/001_initial.sql")
	c := model.NewID()
	for _, stmt := range []string{"PRAGMA application_id = 1263354192", string(v1), "PRAGMA user_version = 1",
		`INSERT INTO meta VALUES ('title', '{"ar":"قديم"}'), ('language', 'ar')`,
		`INSERT INTO kinds(id, name_ar, name_en, color, shape, builtin, position) VALUES ('concept', 'مفهوم', 'Concept', '#e5e5e5', 'ellipse', 1, 6)`,
		`INSERT INTO concepts(id, kind, label_ar, created, updated) VALUES ('` + c + `', 'concept', 'أ', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.SchemaVersionOf(); v != SchemaVersion {
		t.Fatalf("schema %d", v)
	}
	if err := s.Update(func(tx *Tx) error { return tx.PutPosition(model.NewPosition("", c, 1, 2, false)) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if p := Check(path); len(p) != 0 {
		t.Fatal(p)
	}
	// A v1 file that already holds a table named positions is not Khareeta's:
	// refused before anything is migrated.
	bad := filepath.Join(dir, "v1-bad.kmap")
	db = openRaw(t, bad)
	for _, stmt := range []string{"PRAGMA application_id = 1263354192", string(v1), "PRAGMA user_version = 1", "CREATE TABLE positions(x)"} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	orig := fileBytes(t, bad)
	if _, err := Open(bad); !errors.Is(err, ErrUntrusted) || !strings.Contains(err.Error(), `unexpected table "positions"`) {
		t.Errorf("a v1 file with a positions table: %v", err)
	}
	if !bytes.Equal(orig, fileBytes(t, bad)) {
		t.Error("the refused file was changed")
	}
}

// A project file whose positions were edited with the sqlite3 tool to hold
// coordinates no map can hold opens read-only, with the reason naming the
// position and the value; check lists it; nothing is written.
func TestPositionsEditedWithSQLite3AreRefused(t *testing.T) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Fatal("the sqlite3 tool is needed (make deps installs it)")
	}
	dir := t.TempDir()
	base := baseFile(t, dir, mergeSizes)
	var c string // a concept placed on the map of all concepts
	for _, p := range content(t, base).Positions {
		if p.View == "" {
			c = p.Concept
		}
	}
	for _, tt := range []struct{ set, want string }{
		{"x = 1e300", "x 1e+300 is beyond ±1000000 points"},
		{"y = 9e999", "y +Inf is not a finite number"},
		{"y = -2000000.5", "y -2.0000005e+06 is beyond"},
	} {
		path := copyOf(t, base, "edited.kmap")
		// The version is changed too, as another program writing a new state would.
		out, err := exec.Command(sqlite3, path, "UPDATE positions SET "+tt.set+", version = 'edited' WHERE concept_id = '"+c+"' AND view_id IS NULL").CombinedOutput()
		if err != nil {
			t.Fatalf("sqlite3: %s %v", out, err)
		}
		edited := fileBytes(t, path)
		problems := Check(path)
		if len(problems) != 1 || !strings.Contains(problems[0], "position of concept "+c+" on the map of all concepts: "+tt.want) {
			t.Errorf("check: %v", problems)
		}
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(); err != nil {
			t.Fatal(err)
		}
		if !s.ReadOnly() || s.ReadOnlyReason() == nil || !strings.Contains(s.ReadOnlyReason().Error(), tt.want) {
			t.Errorf("%s: read-only %v, reason %v", tt.set, s.ReadOnly(), s.ReadOnlyReason())
		}
		err = s.Update(func(tx *Tx) error { return tx.PutPosition(model.NewPosition("", c, 0, 0, false)) })
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("a write into the file: %v", err)
		}
		s.Close()
		if !bytes.Equal(edited, fileBytes(t, path)) {
			t.Error("the file was changed")
		}
		// Merged in as THEIRS, it is refused whole and MINE stays as it was.
		mine := copyOf(t, base, "mine.kmap")
		before := fileBytes(t, mine)
		m, _ := Open(mine)
		_, err = Merge(m, path, MergeOptions{})
		m.Close()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("merge of the edited file: %v", err)
		}
		if !bytes.Equal(before, fileBytes(t, mine)) {
			t.Error("a refused merge changed MINE")
		}
	}
}
