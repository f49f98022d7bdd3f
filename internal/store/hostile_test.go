package store

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// hostileCase is a file crafted or damaged in one way, and how Khareeta
// must refuse it.
type hostileCase struct {
	name string
	path string
	want []error // Open's error must wrap one of these
	msg  string  // …and say this
	big  bool    // too big to hash: compare size and time instead
}

func hostileFiles(t *testing.T, dir string) []hostileCase {
	t.Helper()
	good := goodFile(t, dir)
	goodBytes := fileBytes(t, good)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	withSQL := func(name string, stmts ...string) string {
		p := write(name, goodBytes)
		db := openRaw(t, p)
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatalf("%s: %s: %v", name, s, err)
			}
		}
		db.Close()
		return p
	}
	random := make([]byte, 64<<10)
	rand.Read(random)
	magicThenGarbage := append([]byte("SQLite format 3\x00"), random[:8192]...)
	plain := filepath.Join(dir, "plain.db")
	db := openRaw(t, plain)
	if _, err := db.Exec(`CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('مرحبا')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	huge := write("huge.kmap", goodBytes)
	if err := os.Truncate(huge, MaxFileSize+4096); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	corrupt := append([]byte(nil), goodBytes...)
	for i := 4096 * 2; i < 4096*6 && i < len(corrupt); i++ {
		corrupt[i] ^= 0x5A
	}
	any := []error{ErrNotSQLite, ErrNotKhareeta, ErrCorrupt, ErrTruncated}
	return []hostileCase{
		{"empty", write("empty.kmap", nil), []error{ErrNotSQLite}, "empty", false},
		{"random bytes", write("random.kmap", random), []error{ErrNotSQLite}, "not an SQLite", false},
		{"SQLite magic then garbage", write("magic.kmap", magicThenGarbage), any, "", false},
		{"header only", write("header.kmap", goodBytes[:100]), []error{ErrTruncated}, "truncated", false},
		{"truncated to half", write("half.kmap", goodBytes[:len(goodBytes)/2]), []error{ErrTruncated}, "truncated", false},
		{"truncated mid-page", write("midpage.kmap", goodBytes[:len(goodBytes)-1000]), []error{ErrTruncated}, "truncated", false},
		{"damaged pages", write("damaged.kmap", corrupt), []error{ErrCorrupt}, "damaged", false},
		{"plain SQLite", plain, []error{ErrNotKhareeta}, "not a Khareeta project", false},
		{"wrong application id", withSQL("appid.kmap", "PRAGMA application_id = 1234"), []error{ErrNotKhareeta}, "0x4d2", false},
		{"newer schema", withSQL("newer.kmap", fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion+1)), []error{ErrNewer}, "newer version", false},
		{"unfinished (schema 0)", withSQL("zero.kmap", "PRAGMA user_version = 0"), []error{ErrCorrupt}, "schema version 0", false},
		{"extra trigger", withSQL("trigger.kmap", "CREATE TRIGGER evil AFTER UPDATE ON concepts BEGIN DELETE FROM sources; END"), []error{ErrUntrusted}, `trigger "evil"`, false},
		{"trigger on meta", withSQL("trigger2.kmap", "CREATE TRIGGER evil2 BEFORE INSERT ON meta BEGIN SELECT 1; END"), []error{ErrUntrusted}, `trigger "evil2"`, false},
		{"extra view", withSQL("view.kmap", "CREATE VIEW spy AS SELECT * FROM concepts"), []error{ErrUntrusted}, `view "spy"`, false},
		{"view in a table's place", withSQL("viewtable.kmap", "DROP TABLE views", "CREATE VIEW views AS SELECT 1 AS id"), []error{ErrUntrusted}, `view "views"`, false},
		{"extra table", withSQL("table.kmap", "CREATE TABLE extra(x)"), []error{ErrUntrusted}, `table "extra"`, false},
		{"extra virtual table", withSQL("vtab.kmap", "CREATE VIRTUAL TABLE evil USING fts5(x)"), []error{ErrUntrusted}, `"evil"`, false},
		{"table redefined", withSQL("redefined.kmap", "DROP TABLE merges", "CREATE TABLE merges (peer TEXT PRIMARY KEY, merged TEXT NOT NULL, blob BLOB AS (zeroblob(100000000)) STORED) STRICT"), []error{ErrUntrusted}, `"merges" is not defined as Khareeta defines it`, false},
		{"index redefined", withSQL("reindex.kmap", "DROP INDEX concepts_kind", "CREATE INDEX concepts_kind ON concepts(label_ar, notes)"), []error{ErrUntrusted}, `"concepts_kind" is not defined`, false},
		{"check constraint added", withSQL("check.kmap", "PRAGMA foreign_keys = OFF", "ALTER TABLE meta RENAME TO meta_old", "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (length(value) < 5000)) STRICT", "INSERT INTO meta SELECT * FROM meta_old", "DROP TABLE meta_old"), []error{ErrUntrusted}, `"meta" is not defined`, false},
		{"extra index", withSQL("index.kmap", "CREATE INDEX evil_idx ON concepts(label_ar)"), []error{ErrUntrusted}, `index "evil_idx"`, false},
		{"positions redefined", withSQL("positions.kmap", "DROP TABLE positions",
			"CREATE TABLE positions (id TEXT PRIMARY KEY, view_id TEXT, concept_id TEXT NOT NULL, x ANY, y ANY, pinned INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL, version TEXT NOT NULL DEFAULT '') STRICT",
			"CREATE INDEX positions_view ON positions(view_id)", "CREATE INDEX positions_concept ON positions(concept_id)"),
			[]error{ErrUntrusted}, `"positions" is not defined as Khareeta defines it`, false},
		{"position of a missing concept", withSQL("posfk.kmap", "PRAGMA foreign_keys = OFF",
			"INSERT INTO positions VALUES ('"+model.PositionID("", "nope")+"', NULL, 'nope', 1, 2, 0, '2026-01-01T00:00:00Z', 'v')"),
			[]error{ErrCorrupt}, "a row of positions refers to a missing concepts", false},
		{"broken references", withSQL("fk.kmap", "PRAGMA foreign_keys = OFF", "DELETE FROM kinds WHERE builtin = 1"), []error{ErrCorrupt}, "refers to a missing", false},
		{"larger than the size limit", huge, []error{ErrTooLarge}, "size limits", true},
	}
}

type fileStamp struct {
	hash [32]byte
	size int64
	mod  int64
}

func stampOf(t *testing.T, c hostileCase) fileStamp {
	t.Helper()
	st, err := os.Stat(c.path)
	if err != nil {
		t.Fatal(err)
	}
	f := fileStamp{size: st.Size(), mod: st.ModTime().UnixNano()}
	if !c.big {
		f.hash = hash(t, c.path)
	}
	return f
}

func wraps(err error, targets []error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}

// TestHostileFiles opens, checks and merges every kind of bad file: each is
// refused with a clear error naming the file, and left byte-identical.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	cases := hostileFiles(t, dir)
	mine := copyOf(t, goodFile(t, t.TempDir()), "mine.kmap")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := stampOf(t, c)
			for _, open := range []struct {
				name string
				fn   func(string) (*Store, error)
			}{{"Open", Open}, {"OpenReadOnly", OpenReadOnly}} {
				s, err := open.fn(c.path)
				if err == nil {
					s.Close()
					t.Fatalf("%s succeeded", open.name)
				}
				if !wraps(err, c.want) || !strings.Contains(err.Error(), c.msg) {
					t.Errorf("%s: %v\nwant one of %v, mentioning %q", open.name, err, c.want, c.msg)
				}
				if !strings.Contains(err.Error(), filepath.Base(c.path)) {
					t.Errorf("%s: the error does not name the file: %v", open.name, err)
				}
			}
			if p := Check(c.path); len(p) == 0 {
				t.Error("Check found nothing wrong")
			} else if c.msg != "" && !strings.Contains(strings.Join(p, "\n"), c.msg) {
				t.Errorf("Check: %v, want it to mention %q", p, c.msg)
			}
			// Merging it as THEIRS fails and leaves MINE untouched.
			mineBefore := hash(t, mine)
			s, err := Open(mine)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Merge(s, c.path, MergeOptions{})
			s.Close()
			if err == nil || !wraps(err, c.want) {
				t.Errorf("Merge: %v, want one of %v", err, c.want)
			}
			if hash(t, mine) != mineBefore {
				t.Error("a failed merge changed MINE")
			}
			if stampOf(t, c) != before {
				t.Error("the hostile file was modified")
			}
			for _, suffix := range []string{"-journal", "-wal", "-shm"} {
				if _, err := os.Stat(c.path + suffix); err == nil {
					t.Errorf("a %s file was left beside it", suffix)
				}
			}
		})
	}
}

// TestHostileRowCount lowers the record limit so that an ordinary file
// exceeds it: Open, Check and Merge refuse it before reading the records.
func TestHostileRowCount(t *testing.T) {
	dir := t.TempDir()
	path := goodFile(t, dir) // about 1,250 records
	mine := copyOf(t, path, "mine.kmap")
	before := hash(t, path)
	defer func(n int) { rowLimit = n }(rowLimit)
	rowLimit = 1000
	if _, err := Open(path); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "more than 1000") {
		t.Errorf("Open: %v", err)
	}
	if p := Check(path); len(p) == 0 || !strings.Contains(p[0], "size limits") {
		t.Errorf("Check: %v", p)
	}
	rowLimit = 1 << 30
	s, err := Open(mine)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rowLimit = 1000
	if _, err := Merge(s, path, MergeOptions{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Merge: %v", err)
	}
	if hash(t, path) != before {
		t.Error("the file was modified")
	}
}

// TestHostileInvalidUTF8 plants bytes that are not UTF-8 in a label. Open
// may accept the file (SQLite does not check text), but Check and
// Load+Validate report it, and a merge refuses to take it in.
func TestHostileInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	good := goodFile(t, dir)
	mine := copyOf(t, good, "mine.kmap")
	bad := copyOf(t, good, "utf8.kmap")
	db := openRaw(t, bad)
	// A concept whose Arabic label ends in a stray byte, under a new version
	// so that a merge would take it.
	if _, err := db.Exec(`UPDATE concepts SET label_ar = CAST(X'D8A7D984FF' AS TEXT), version = 'crafted' WHERE rowid = 1`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := hash(t, bad)
	p := Check(bad)
	if len(p) == 0 || !strings.Contains(strings.Join(p, "\n"), "not valid UTF-8") {
		t.Fatalf("Check: %v", p)
	}
	s, err := Open(bad)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	proj, err := s.Load()
	s.Close()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if err := proj.Validate(); !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "not valid UTF-8") {
		t.Errorf("Validate: %v", err)
	}
	m, err := Open(mine)
	if err != nil {
		t.Fatal(err)
	}
	mineBefore := hash(t, mine)
	_, err = Merge(m, bad, MergeOptions{})
	m.Close()
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "not valid UTF-8") {
		t.Errorf("Merge: %v", err)
	}
	if hash(t, mine) != mineBefore {
		t.Error("a failed merge changed MINE")
	}
	if hash(t, bad) != before {
		t.Error("the file was modified")
	}
}

// TestHostileCrossTypeID: a file reusing one id for two kinds of record
// cannot be merged by id.
func TestHostileCrossTypeID(t *testing.T) {
	dir := t.TempDir()
	good := goodFile(t, dir)
	mine := copyOf(t, good, "mine.kmap")
	bad := copyOf(t, good, "cross.kmap")
	db := openRaw(t, bad)
	// Give a new source the id of an existing concept.
	if _, err := db.Exec(`INSERT INTO sources(id, type, title, created, updated, version)
		SELECT id, 'book', 'عنوان', created, updated, 'v' FROM concepts WHERE rowid = 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	m, err := Open(mine)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := Merge(m, bad, MergeOptions{}); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "names both") {
		t.Errorf("Merge: %v", err)
	}
}
