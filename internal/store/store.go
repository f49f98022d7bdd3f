// Package store keeps a Khareeta project in one SQLite file (modernc.org/sqlite,
// pure Go). It is the only package that speaks SQL.
//
// A project file is an ordinary SQLite database, readable with the sqlite3
// tool, marked by PRAGMA application_id = 0x4B4D4150 ("KMAP") and a schema
// version in PRAGMA user_version. Files are opened with foreign keys on,
// trusted_schema off and a rollback journal, so that after every committed
// action the single file on disk is complete. Every change runs in one
// transaction (Store.Update).
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ApplicationID marks a Khareeta file (ASCII "KMAP").
const ApplicationID = 0x4B4D4150

// SchemaVersion is the newest schema this build writes.
const SchemaVersion = 4

// Limits that keep a crafted file from exhausting memory.
const (
	MaxFileSize = 2 << 30 // 2 GiB
	MaxRows     = 2_000_000
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an open project file.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	mu       sync.Mutex  // serialises Update so undo stacks see a linear history
	cleanup  func()      // removes a recovered copy on Close (recover.go)
	file     os.FileInfo // the file opened (see Replaced)
	building string      // the temporary file a new project is built in until it is put at path (create.go)
	// abandoned: an Update failed on a new file not yet in place; Close
	// then removes it instead of putting it in place.
	abandoned bool
	// reason says why a store that was asked to write is read-only (the
	// file breaks the model's rules, see rules.go); nil otherwise.
	reason error
	// invalid says how the file breaks the model's rules (rules.go);
	// oversized is set when some of its texts are too long to read at all;
	// validated once the rules were checked (or need not be).
	invalid   error
	oversized bool
	validated bool
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// ReadOnlyReason says why a store opened with Open (or OpenVerified) is
// read-only anyway: the file breaks Khareeta's rules for projects (wrapping
// ErrBreaksRules, see rules.go; found at open or when the project is first
// read); nil when it is not, or when it was opened with OpenReadOnly.
func (s *Store) ReadOnlyReason() error { return s.reason }

// Replaced reports whether the store's path now names another file than
// the one the store opened: another program moved or copied a file over it.
// The store still reads the old file, and SQLite refuses to write it; open
// the path again. An error wrapping ErrNotFound means nothing is at the path.
func (s *Store) Replaced() (bool, error) {
	fi, err := os.Stat(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return false, fmt.Errorf("%s: %w", s.path, ErrNotFound)
	}
	if err != nil {
		return false, err
	}
	return s.file != nil && !os.SameFile(fi, s.file), nil
}

// identify remembers which file the store opened (see Replaced).
func (s *Store) identify() *Store {
	s.file, _ = os.Stat(s.path)
	return s
}

// Close closes the database; the file on disk is complete. A file made by
// Create that is not in place yet is put in place now (create.go).
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.db.Close()
	switch {
	case s.building != "" && s.abandoned:
		removeFile(s.building)
		s.building = ""
	case s.building != "":
		err = errors.Join(err, s.publish(false))
	}
	if s.cleanup != nil {
		s.cleanup()
	}
	return err
}

// dsn is the data source name that opens path. pragmas replace the usual
// pragmas of the same names (the driver runs pragmas sorted by text, so
// that two of one name would not run in the order given).
func dsn(path string, readOnly bool, pragmas ...string) string {
	list := []string{
		"foreign_keys(1)",
		"busy_timeout(5000)",
		"trusted_schema(0)",
		"cache_size(-65536)", // 64 MiB: a large action does not spill (and fsync) mid-transaction
	}
	q := url.Values{}
	if readOnly {
		q.Add("mode", "ro")
	} else {
		list = append(list, "journal_mode(DELETE)", "synchronous(FULL)")
		q.Set("_txlock", "immediate")
	}
	name := func(p string) string { return strings.SplitN(p, "(", 2)[0] }
	for _, p := range pragmas {
		list = slices.DeleteFunc(list, func(x string) bool { return name(x) == name(p) })
	}
	for _, p := range append(list, pragmas...) {
		q.Add("_pragma", p)
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

func openDB(path string, readOnly bool, pragmas ...string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(path, readOnly, pragmas...))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection: transactions and pragmas stay on it
	return db, nil
}

// header is what the first 100 bytes of an SQLite file say.
type header struct {
	pageSize      int64
	pages         int64
	pagesValid    bool
	userVersion   uint32
	applicationID uint32
}

// regularFile checks, without opening it (opening a named pipe waits for a
// writer for ever), that path is an ordinary file.
func regularFile(path string) (os.FileInfo, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, ErrNotFound
	case errors.Is(err, os.ErrPermission):
		return nil, fmt.Errorf("%w: %v (check the permissions of its folders)", ErrUnreadable, err)
	case err != nil:
		return nil, err
	case st.IsDir():
		return nil, fmt.Errorf("%w: it is a directory", ErrNotSQLite)
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("%w: it is not an ordinary file but a %s", ErrNotSQLite, fileKind(st.Mode()))
	}
	return st, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "named pipe"
	case m&os.ModeSocket != 0:
		return "socket"
	case m&os.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

func readHeader(path string) (header, int64, error) {
	var h header
	if _, err := regularFile(path); err != nil {
		return h, 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return h, 0, ErrNotFound
		}
		if errors.Is(err, os.ErrPermission) {
			return h, 0, fmt.Errorf("%w: permission denied: you may not read this file (check its permissions)", ErrUnreadable)
		}
		return h, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return h, 0, err
	}
	size := st.Size()
	if size == 0 {
		return h, 0, fmt.Errorf("%w: the file is empty", ErrNotSQLite)
	}
	if size > MaxFileSize {
		return h, size, fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, size, int64(MaxFileSize))
	}
	b := make([]byte, 100)
	n, err := io.ReadFull(f, b)
	if string(b[:min(n, 16)]) != "SQLite format 3\x00" {
		return h, size, ErrNotSQLite
	}
	if err != nil {
		return h, size, fmt.Errorf("%w: shorter than an SQLite header", ErrTruncated)
	}
	ps := int64(binary.BigEndian.Uint16(b[16:18]))
	if ps == 1 {
		ps = 65536
	}
	if ps < 512 || ps&(ps-1) != 0 {
		return h, size, fmt.Errorf("%w: invalid page size %d in the header", ErrCorrupt, ps)
	}
	h.pageSize = ps
	h.pages = int64(binary.BigEndian.Uint32(b[28:32]))
	h.pagesValid = binary.BigEndian.Uint32(b[24:28]) == binary.BigEndian.Uint32(b[92:96]) && h.pages > 0
	h.userVersion = binary.BigEndian.Uint32(b[60:64])
	h.applicationID = binary.BigEndian.Uint32(b[68:72])
	return h, size, nil
}

// Open opens an existing project file for reading and writing. It checks,
// before changing anything, that the file is a sound Khareeta project of a
// schema this build knows, then applies forward migrations. Errors wrap
// ErrNotFound, ErrUnreadable, ErrNotSQLite, ErrNotKhareeta, ErrNewer,
// ErrTruncated, ErrCorrupt, ErrReadOnly, ErrUntrusted or ErrTooLarge. A file
// that is sound but breaks the model's rules opens read-only (see
// ReadOnlyReason).
func Open(path string) (*Store, error) { return open(path, false, "") }

// OpenVerified is Open for a file this program has checked before: when the
// file's Fingerprint still equals fingerprint (same size, modification time,
// SQLite change counter and schema cookie: nobody has written it since), the
// full integrity scan, which reads every page, is skipped. The header, schema
// and size checks still run. Any other file gets the full check.
func OpenVerified(path, fingerprint string) (*Store, error) { return open(path, false, fingerprint) }

// Fingerprint identifies the state of a file on disk without reading more
// than its header; it changes whenever SQLite commits a change to the file.
func Fingerprint(path string) (string, error) {
	if _, err := regularFile(path); err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	b := make([]byte, 100)
	if _, err := io.ReadFull(f, b); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d-%d-%x-%x", st.Size(), st.ModTime().UnixNano(), b[24:28], b[40:44]), nil
}

// Fingerprint returns the fingerprint of the store's file as it is now
// (call it after the last write, e.g. at Close, to open it quickly next time).
func (s *Store) Fingerprint() (string, error) { return Fingerprint(s.path) }

// OpenReadOnly opens a project file without ever writing to it. An older
// schema is read as it is (no migration is applied).
func OpenReadOnly(path string) (*Store, error) { return open(path, true, "") }

func open(path string, readOnly bool, fingerprint string) (*Store, error) {
	wrap := func(err error) error { return fmt.Errorf("open project %s: %w", path, err) }
	abs, err := filepath.Abs(path)
	if err == nil {
		path = abs
	}
	if _, err := regularFile(path); err != nil {
		return nil, wrap(err)
	}
	if hasHotJournal(path) { // a write was interrupted: recover.go
		s, err := openRecovering(path, readOnly)
		if err != nil {
			return nil, wrap(err)
		}
		return s, nil
	}
	h, size, err := readHeader(path)
	if err != nil {
		return nil, wrap(err)
	}
	if h.applicationID != ApplicationID {
		return nil, wrap(fmt.Errorf("%w (application id %#x)", ErrNotKhareeta, h.applicationID))
	}
	if h.userVersion > SchemaVersion {
		return nil, wrap(fmt.Errorf("%w: schema version %d, this build knows up to %d; update Khareeta to open it", ErrNewer, h.userVersion, SchemaVersion))
	}
	if h.userVersion == 0 {
		return nil, wrap(fmt.Errorf("%w: schema version 0 (an unfinished file)", ErrCorrupt))
	}
	if h.pagesValid && size < h.pages*h.pageSize {
		return nil, wrap(fmt.Errorf("%w: %d bytes, the header says %d pages of %d bytes", ErrTruncated, size, h.pages, h.pageSize))
	}
	if size%h.pageSize != 0 {
		return nil, wrap(fmt.Errorf("%w: %d bytes is not a whole number of %d-byte pages", ErrTruncated, size, h.pageSize))
	}
	if !readOnly {
		if f, err := os.OpenFile(path, os.O_RDWR, 0); err != nil {
			return nil, wrap(fmt.Errorf("%w: %v (open it read-only or copy it somewhere writable)", ErrReadOnly, err))
		} else {
			f.Close()
		}
		if err := dirWritable(filepath.Dir(path)); err != nil {
			return nil, wrap(fmt.Errorf("%w: the folder does not allow the journal file SQLite needs: %v", ErrReadOnly, err))
		}
	}
	// Inspect read-only first: nothing is written until the file has passed.
	ro, err := openDB(path, true)
	if err != nil {
		return nil, wrap(err)
	}
	scan := true
	if fingerprint != "" {
		fp, err := Fingerprint(path)
		scan = err != nil || fp != fingerprint
	}
	inspectErr := inspect(ro, int(h.userVersion), scan)
	var long []string
	if inspectErr == nil && scan {
		long, inspectErr = oversized(ro) // rules.go
	}
	ro.Close()
	if inspectErr != nil {
		return nil, wrap(inspectErr)
	}
	db, err := openDB(path, readOnly)
	if err != nil {
		return nil, wrap(err)
	}
	s := (&Store{db: db, path: path, readOnly: readOnly, validated: !scan}).identify()
	if len(long) > 0 {
		s.oversized = true
		s.breaks(breaksRules(long, "it is not read at all"))
	}
	if readOnly || s.readOnly {
		return s, nil
	}
	if int(h.userVersion) < SchemaVersion {
		if err := s.migrate(int(h.userVersion)); err != nil {
			db.Close()
			return nil, wrap(fmt.Errorf("migrate from schema %d: %w", h.userVersion, err))
		}
	}
	return s, nil
}

func dirWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".khareeta-probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// expectedObjects lists the schema objects each version has; anything else
// in a file (a trigger, a view, another virtual table) is refused.
func expectedObjects(version int) map[string]string {
	m := map[string]string{
		"meta": "table", "kinds": "table", "concepts": "table", "relations": "table",
		"sources": "table", "citations": "table", "views": "table",
		"concepts_kind": "index", "relations_source": "index", "relations_target": "index",
		"citations_source": "index", "search_docs": "table", "search_docs_id": "index", "citations_concept": "index", "citations_relation": "index",
	}
	if version < 4 {
		// The FTS5 index and its shadow tables, replaced by search_grams.
		for _, t := range []string{"search", "search_data", "search_idx", "search_content", "search_docsize", "search_config"} {
			m[t] = "table"
		}
	} else {
		m["search_grams"] = "table"
	}
	if version >= 2 {
		m["versions"] = "table"
		m["tombstones"] = "table"
		m["merges"] = "table"
	}
	if version >= 3 {
		m["positions"] = "table"
		m["positions_view"] = "index"
		m["positions_concept"] = "index"
	}
	return m
}

// inspect checks, on a read-only connection, that the file's schema is
// exactly Khareeta's and the data is sound.
//
// With scan false the page-by-page integrity check is skipped (see OpenVerified).
func inspect(db *sql.DB, version int, scan bool) error {
	rows, err := db.Query(`SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		return classify(err)
	}
	want := expectedObjects(version)
	var problems []string
	for rows.Next() {
		var typ, name, tbl, sqlText string
		if err := rows.Scan(&typ, &name, &tbl, &sqlText); err != nil {
			rows.Close()
			return classify(err)
		}
		if strings.HasPrefix(name, "sqlite_autoindex_") || name == "sqlite_sequence" || name == "sqlite_stat1" {
			continue
		}
		if want[name] != typ {
			problems = append(problems, fmt.Sprintf("unexpected %s %q", typ, name))
			continue
		}
		if name == "search" && !strings.Contains(strings.ToLower(sqlText), "fts5") {
			problems = append(problems, "table \"search\" is not the FTS5 index Khareeta makes")
		}
		delete(want, name)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return classify(err)
	}
	rows.Close()
	differs, err := schemaDiffers(db, version) // same names, other definitions: schemasql.go
	if err != nil {
		return err
	}
	problems = append(problems, differs...)
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("%w: %s", ErrUntrusted, strings.Join(problems, ", "))
	}
	if len(want) > 0 {
		var missing []string
		for n := range want {
			missing = append(missing, n)
		}
		sort.Strings(missing)
		return fmt.Errorf("%w: missing %s", ErrCorrupt, strings.Join(missing, ", "))
	}
	var total int64
	tables := []string{"concepts", "relations", "sources", "citations", "views", "kinds"}
	if version >= 3 {
		tables = append(tables, "positions")
	}
	for _, t := range tables {
		var n int64
		if err := db.QueryRow(`SELECT count(*) FROM ` + t).Scan(&n); err != nil {
			return classify(err)
		}
		total += n
	}
	if total > int64(rowLimit) {
		return fmt.Errorf("%w: %d records, more than %d", ErrTooLarge, total, rowLimit)
	}
	if !scan {
		return nil
	}
	if p, err := integrity(db, true); err != nil {
		return err
	} else if len(p) > 0 {
		return fmt.Errorf("%w: %s", ErrCorrupt, strings.Join(p, "; "))
	}
	return nil
}

// integrity runs SQLite's integrity (or quick) check and the foreign-key
// check, returning the problems found.
func integrity(db *sql.DB, quick bool) ([]string, error) {
	pragma := "PRAGMA integrity_check(20)"
	if quick {
		pragma = "PRAGMA quick_check(20)"
	}
	var problems []string
	rows, err := db.Query(pragma)
	if err != nil {
		return nil, classify(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, classify(err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	rows, err = db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		return nil, classify(err)
	}
	n := 0
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			rows.Close()
			return nil, classify(err)
		}
		if n++; n <= 20 {
			problems = append(problems, fmt.Sprintf("a row of %s refers to a missing %s", table, parent))
		}
	}
	rows.Close()
	if n > 20 {
		problems = append(problems, fmt.Sprintf("…and %d more broken references", n-20))
	}
	return problems, rows.Err()
}

// classify maps SQLite error codes to this package's errors.
func classify(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %v", ErrNotSQLite, err)
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%w: %v", ErrBusy, err)
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w on the disk or in the temp folder %s: %v", ErrNoRoom, os.TempDir(), err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return fmt.Errorf("%w: %v", ErrReadOnly, err)
		}
	}
	return err
}

// migrate applies the embedded migrations after version from, all of them
// in one transaction together with the new user_version: a file is
// migrated whole (from version 1 or 2 to 3) or not at all.
func (s *Store) migrate(from int) error {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		return err
	}
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	to := from
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil || n <= from || n > SchemaVersion {
			continue
		}
		body, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return err
		}
		if _, err := tx.Exec(string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", e.Name(), classify(err))
		}
		to = n
	}
	if from < 4 && to >= 4 { // the texts are in search_docs now: index their grams
		if err := rebuildGrams(tx); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", to)); err != nil {
		return classify(err)
	}
	return classify(tx.Commit())
}

// SchemaVersionOf returns the user_version of an open store.
func (s *Store) SchemaVersionOf() (int, error) {
	var v int
	err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	return v, classify(err)
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }
