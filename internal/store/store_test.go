package store

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

func newStore(t *testing.T) *Store {
	t.Helper()
	s, err := Create(filepath.Join(t.TempDir(), "p.kmap"), model.Meta{Language: model.Arabic, Title: model.T("اختبار", "Test")})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 600, time.UTC)

func sampleEntities() *model.Project {
	a := model.Concept{ID: model.NewID(), Kind: "threat", Label: model.Text{"ar": "الخلايا الإرهابية", "en": "Terrorist cells", "ku": "شانە تیرۆریستییەکان"},
		Description: model.T("وصفٌ", "a description"), Notes: "note", Created: t0, Updated: t0}
	b := model.Concept{ID: model.NewID(), Kind: "pillar", Label: model.T("الركيزة الاجتماعية", ""), Created: t0, Updated: t0}
	r := model.Relation{ID: model.NewID(), From: a.ID, To: b.ID, Type: "weakens", Phrase: model.T("يُضعف", "weakens"), Created: t0, Updated: t0}
	src := model.Source{ID: model.NewID(), Key: "undp1994", Type: "report", Authors: []model.Name{{Literal: "United Nations Development Programme"}, {Family: "Buzan", Given: "Barry"}},
		Issued: "1994", Title: "Human development report 1994", Publisher: "UNDP", PublisherPlace: "New York, NY", Pages: "1-226",
		DOI: "10.1/x", URL: "https://example.org", Language: "en", Created: t0, Updated: t0}
	c1 := model.Citation{ID: model.NewID(), Source: src.ID, Concept: a.ID, Locator: "24", Quote: "الأمنُ المجتمعيّ", Created: t0, Updated: t0}
	c2 := model.Citation{ID: model.NewID(), Source: src.ID, Relation: r.ID, Locator: "25-26", Created: t0, Updated: t0}
	v := model.View{ID: model.NewID(), Name: model.T("تهديدات", "Threats"), Kinds: []string{"threat", "pillar"}, Concepts: []string{a.ID},
		Focus: a.ID, Depth: 2, Layout: model.LayoutSettings{Engine: "dot", Direction: "RL"}, Created: t0, Updated: t0}
	return &model.Project{
		Meta:     model.Meta{Title: model.T("اختبار", "Test"), Language: model.Arabic},
		Kinds:    append(model.BuiltinKinds(), model.Kind{ID: "method", Name: model.T("منهج", "Method"), Color: "#123456", Shape: "diamond", Order: 9}),
		Concepts: []model.Concept{a, b}, Relations: []model.Relation{r}, Sources: []model.Source{src},
		Citations: []model.Citation{c1, c2}, Views: []model.View{v},
	}
}

func TestRoundTripEveryEntity(t *testing.T) {
	s := newStore(t)
	want := sampleEntities()
	if err := s.ImportProject(want); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Load()
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Concepts { // as stored: empty texts dropped
		c := &want.Concepts[i]
		c.Label, c.Description = c.Label.Clone(), c.Description.Clone()
		if len(c.Description) == 0 {
			c.Description = nil
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, want)
	}
}

func TestPutUnchangedWritesNothingAndEditsBumpVersion(t *testing.T) {
	s := newStore(t)
	p := sampleEntities()
	if err := s.ImportProject(p); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var n int
		s.db.QueryRow(`SELECT count(*) FROM versions WHERE entity_id = ?`, p.Concepts[0].ID).Scan(&n)
		return n
	}
	if n := count(); n != 1 {
		t.Fatalf("versions after insert = %d, want 1", n)
	}
	if err := s.ImportProject(p); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 1 {
		t.Fatalf("versions after re-import of the same = %d, want 1", n)
	}
	c := p.Concepts[0]
	c.Label["ar"] = "الخلايا النائمة"
	if err := s.Update(func(tx *Tx) error { return tx.PutConcept(c) }); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Fatalf("versions after edit = %d, want 2", n)
	}
}

func TestDeleteCascadesAndLeavesTombstones(t *testing.T) {
	s := newStore(t)
	p := sampleEntities()
	if err := s.ImportProject(p); err != nil {
		t.Fatal(err)
	}
	a := p.Concepts[0].ID
	if err := s.Update(func(tx *Tx) error { return tx.DeleteConcept(a) }); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Load()
	if len(got.Concepts) != 1 || len(got.Relations) != 0 || len(got.Citations) != 0 {
		t.Fatalf("after delete: %d concepts, %d relations, %d citations", len(got.Concepts), len(got.Relations), len(got.Citations))
	}
	if v := got.Views[0]; len(v.Concepts) != 0 || v.Focus != "" {
		t.Errorf("view still names the deleted concept: %+v", v)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM tombstones`).Scan(&n)
	if n != 4 { // concept, relation, two citations
		t.Errorf("tombstones = %d, want 4", n)
	}
	if hits, _ := s.Search("الخلايا", 10); len(hits) != 0 {
		t.Errorf("deleted concept still found by search: %v", hits)
	}
}

func TestTransactionAtomicity(t *testing.T) {
	s := newStore(t)
	before, _ := os.ReadFile(s.Path())
	boom := errors.New("boom")
	err := s.Update(func(tx *Tx) error {
		c := model.Concept{ID: model.NewID(), Kind: "threat", Label: model.T("تهديد", "")}
		if err := tx.PutConcept(c); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	// An invalid entity in the middle of an action also rolls back the whole action.
	err = s.Update(func(tx *Tx) error {
		if err := tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "threat", Label: model.T("صالح", "")}); err != nil {
			return err
		}
		return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "no-such-kind", Label: model.T("x", "")})
	})
	if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "unknown kind") {
		t.Fatalf("err = %v, want an unknown-kind validation error", err)
	}
	st, _ := s.Stats()
	if st.Concepts != 0 {
		t.Fatalf("a failed action left %d concepts", st.Concepts)
	}
	after, _ := os.ReadFile(s.Path())
	if !bytes.Equal(before, after) {
		t.Error("a failed action changed the file")
	}
	if _, err := os.Stat(s.Path() + "-journal"); !os.IsNotExist(err) {
		t.Error("a journal file is left beside the project: the single file is not complete")
	}
}

func TestValidationErrors(t *testing.T) {
	s := newStore(t)
	tests := []struct {
		name string
		fn   func(tx *Tx) error
		want string
	}{
		{"empty label", func(tx *Tx) error {
			return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "threat", Label: model.T(" ", "")})
		}, "label is empty"},
		{"unknown kind", func(tx *Tx) error {
			return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "x", Label: model.T("a", "")})
		}, `unknown kind "x"`},
		{"bad id", func(tx *Tx) error {
			return tx.PutConcept(model.Concept{ID: "42", Kind: "threat", Label: model.T("a", "")})
		}, "not a UUID"},
		{"missing concept", func(tx *Tx) error {
			return tx.PutRelation(model.Relation{ID: model.NewID(), From: model.NewID(), To: model.NewID(), Type: "weakens"})
		}, "missing concept"},
		{"citation of nothing", func(tx *Tx) error {
			return tx.PutCitation(model.Citation{ID: model.NewID(), Source: model.NewID()})
		}, "backs nothing"},
		{"delete builtin kind", func(tx *Tx) error { return tx.DeleteKind("threat") }, "built in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Update(tt.fn)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestArabicSearchFolding(t *testing.T) {
	s := newStore(t)
	p := sampleEntities()
	p.Concepts = append(p.Concepts,
		model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T("الأَمْنُ المُجْتَمَعِيّ", "Community security")},
		model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T("إعادة بنـــاء الثقة", "")},
		model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T("العدالة الاجتماعية", "")},
	)
	if err := s.ImportProject(p); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ q, wantLabel string }{
		{"امن", "الأَمْنُ المُجْتَمَعِيّ"},            // hamza folded, diacritics ignored, substring of ال…
		{"الامن المجتمعي", "الأَمْنُ المُجْتَمَعِيّ"}, // several words
		{"اعاده بناء", "إعادة بنـــاء الثقة"},         // alef-hamza, taa marbuta and tatweel folded
		{"العداله", "العدالة الاجتماعية"},
		{"COMMUNITY", "الأَمْنُ المُجْتَمَعِيّ"}, // Latin case
		{"خلايا", "الخلايا الإرهابية"},
		{"المجتمعيّ", "الأَمْنُ المُجْتَمَعِيّ"}, // diacritics in the query too
	}
	ix := model.NewIndex(p)
	for _, tt := range tests {
		hits, err := s.Search(tt.q, 10)
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		found := false
		for _, h := range hits {
			if c := ix.Concepts[h.ID]; c != nil && c.Label["ar"] == tt.wantLabel {
				found = true
			}
		}
		if !found {
			t.Errorf("search %q: %v does not include %q", tt.q, hits, tt.wantLabel)
		}
	}
	// Quotes are searched too, and map back to the citation.
	hits, _ := s.Search("الامن", 50)
	var quote bool
	for _, h := range hits {
		quote = quote || (h.Entity == "citation" && h.Field == "quote")
	}
	if !quote {
		t.Errorf("search did not find the citation quote: %v", hits)
	}
	if hits, _ := s.Search("غير موجود إطلاقا", 10); len(hits) != 0 {
		t.Errorf("unexpected hits %v", hits)
	}
}

// hash returns the sha256 of a file, to prove a bad file is left untouched.
func hash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func goodFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "good.kmap")
	s, err := Create(path, model.Meta{Language: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ImportProject(synth.Project(synth.Sizes{Concepts: 300, Relations: 600, Sources: 20, Citations: 300}, 7)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := goodFile(t, dir)
	goodBytes, _ := os.ReadFile(good)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sqliteWith := func(name string, stmts ...string) string {
		p := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		db.Close()
		return p
	}
	copyGood := func(name string, stmts ...string) string {
		p := write(name, goodBytes)
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		db.Close()
		return p
	}
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(i*7919 + i/3)
	}
	corrupt := append([]byte(nil), goodBytes...)
	for i := 4096 * 3; i < 4096*5 && i < len(corrupt); i++ {
		corrupt[i] = 0xA5
	}
	readonly := write("readonly.kmap", goodBytes)
	os.Chmod(readonly, 0o444)

	tests := []struct {
		name string
		path string
		want error
		msg  string
	}{
		{"missing", filepath.Join(dir, "nope.kmap"), ErrNotFound, "no such file"},
		{"empty", write("empty.kmap", nil), ErrNotSQLite, "empty"},
		{"random bytes", write("random.kmap", random), ErrNotSQLite, "not an SQLite"},
		{"text file", write("notes.txt", []byte("شبكة\nhello\n")), ErrNotSQLite, "not an SQLite"},
		{"plain sqlite", sqliteWith("other.db", "CREATE TABLE t(x)"), ErrNotKhareeta, "not a Khareeta"},
		{"newer schema", copyGood("newer.kmap", "PRAGMA user_version = 99"), ErrNewer, "newer version"},
		{"truncated", write("trunc.kmap", goodBytes[:len(goodBytes)/2]), ErrTruncated, "truncated"},
		{"truncated mid-page", write("trunc2.kmap", goodBytes[:len(goodBytes)-100]), ErrTruncated, "truncated"},
		{"corrupt pages", write("corrupt.kmap", corrupt), ErrCorrupt, "damaged"},
		{"extra trigger", copyGood("trigger.kmap", "CREATE TRIGGER evil AFTER INSERT ON concepts BEGIN DELETE FROM concepts; END"), ErrUntrusted, `trigger "evil"`},
		{"extra view", copyGood("view.kmap", "CREATE VIEW v AS SELECT 1"), ErrUntrusted, `view "v"`},
		{"extra table", copyGood("table.kmap", "CREATE TABLE x(y)"), ErrUntrusted, `table "x"`},
		{"broken reference", copyGood("fk.kmap", "PRAGMA foreign_keys=OFF", "DELETE FROM sources"), ErrCorrupt, "refers to a missing"},
	}
	if os.Geteuid() != 0 { // root can write anything, so the read-only case only holds for users
		tests = append(tests, struct {
			name string
			path string
			want error
			msg  string
		}{"read-only", readonly, ErrReadOnly, "cannot be written"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before [32]byte
			if _, err := os.Stat(tt.path); err == nil {
				before = hash(t, tt.path)
			}
			s, err := Open(tt.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded, want %v", tt.want)
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v\nwant %v mentioning %q", err, tt.want, tt.msg)
			}
			if !strings.Contains(err.Error(), filepath.Base(tt.path)) {
				t.Errorf("error does not name the file: %v", err)
			}
			if _, err := os.Stat(tt.path); err == nil && hash(t, tt.path) != before {
				t.Error("the file was modified")
			}
			if len(Check(tt.path)) == 0 && tt.want != ErrReadOnly {
				t.Error("Check found nothing wrong")
			}
			if _, err := os.Stat(tt.path + "-journal"); err == nil {
				t.Error("a journal file was left behind")
			}
		})
	}
	if p := Check(good); len(p) != 0 {
		t.Errorf("Check of a good file: %v", p)
	}
	if s, err := OpenReadOnly(readonly); err != nil {
		t.Errorf("OpenReadOnly of a read-only file: %v", err)
	} else {
		if err := s.Update(func(*Tx) error { return nil }); !errors.Is(err, ErrReadOnly) {
			t.Errorf("Update on a read-only store: %v", err)
		}
		s.Close()
	}
}

func TestMigrationFromVersion1(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v1.kmap")
	// Build a version-1 file exactly as the first release wrote it.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := migrationFS.ReadFile("migrations/001_initial.sql")
	c := model.NewID()
	for _, stmt := range []string{"PRAGMA application_id = 1263354192", string(v1), "PRAGMA user_version = 1",
		`INSERT INTO meta VALUES ('title', '{"ar":"قديم"}'), ('language', 'ar')`,
		`INSERT INTO kinds(id, name_ar, name_en, color, shape, builtin, position) VALUES ('threat', 'تهديد', 'Threat', '#ff0000', 'box', 1, 1)`,
		`INSERT INTO concepts(id, kind, label_ar, created, updated) VALUES ('` + c + `', 'threat', 'السلاح المنفلت', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if p := Check(path); len(p) != 0 {
		t.Fatalf("Check of a v1 file: %v", p)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersionOf(); v != SchemaVersion {
		t.Fatalf("schema version after open = %d, want %d", v, SchemaVersion)
	}
	p, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Concepts) != 1 || p.Concepts[0].Label["ar"] != "السلاح المنفلت" {
		t.Fatalf("concepts after migration: %+v", p.Concepts)
	}
	var version string
	s.db.QueryRow(`SELECT version FROM concepts`).Scan(&version)
	var n int
	s.db.QueryRow(`SELECT count(*) FROM versions WHERE entity_id = ? AND version = ?`, c, version).Scan(&n)
	if len(version) != 32 || n != 1 {
		t.Errorf("migrated concept has version %q recorded %d times", version, n)
	}
	// Edits work after migration.
	con := p.Concepts[0]
	con.Label["en"] = "Uncontrolled weapons"
	if err := s.Update(func(tx *Tx) error { return tx.PutConcept(con) }); err != nil {
		t.Fatal(err)
	}
}

func TestCreateRefusesToOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.kmap")
	os.WriteFile(path, []byte("precious"), 0o644)
	if _, err := Create(path, model.Meta{}); !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "precious" {
		t.Fatal("Create overwrote an existing file")
	}
}

func TestTwoWritersDoNotCorrupt(t *testing.T) {
	path := goodFile(t, t.TempDir())
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	done := make(chan error, 2)
	for _, s := range []*Store{a, b} {
		go func(s *Store) {
			var err error
			for i := 0; i < 30 && err == nil; i++ {
				err = s.Update(func(tx *Tx) error {
					return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T("مفهوم", "")})
				})
			}
			done <- err
		}(s)
	}
	for i := 0; i < 2; i++ {
		if err := <-done; err != nil && !errors.Is(err, ErrBusy) {
			t.Errorf("writer: %v", err)
		}
	}
	if p := Check(path); len(p) != 0 {
		t.Fatalf("file after two writers: %v", p)
	}
}
