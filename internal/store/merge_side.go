package store

// Merge, stage 1: reading a side (see merge.go).

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

// theirsFile is the other file, open in a read transaction for the whole
// merge so that every record read from it comes from one snapshot.
type theirsFile struct {
	st   *Store
	tx   *Tx
	side *mergeSide
	tmp  string // a temporary upgraded copy to remove, if any
}

func (f *theirsFile) close() {
	if f.tx != nil {
		f.tx.close()
		f.tx.tx.Rollback()
	}
	f.st.Close()
	if f.tmp != "" {
		os.RemoveAll(f.tmp)
	}
}

// openTheirs opens the other file read-only and reads its versions. A file
// of an older schema is copied to a temporary file and upgraded there, so
// the original is never touched.
func openTheirs(path string) (f *theirsFile, err error) {
	st, err := OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	if st.oversized { // rules.go: its texts are too long to read at all
		st.Close()
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, st.invalid)
	}
	f = &theirsFile{st: st}
	defer func() {
		if err != nil {
			f.close()
			f = nil
		}
	}()
	v, err := st.SchemaVersionOf()
	if err != nil {
		return f, err
	}
	if v < SchemaVersion {
		st.Close()
		if f.tmp, err = tempDir(mergePrefix); err != nil {
			return f, err
		}
		tmp := filepath.Join(f.tmp, "theirs.kmap")
		if err := copyFile(path, tmp); err != nil {
			return f, fmt.Errorf("copy an older file to upgrade it: %w", err)
		}
		if f.st, err = Open(tmp); err != nil {
			return f, err
		}
	}
	sqlTx, err := f.st.db.Begin()
	if err != nil {
		return f, classify(err)
	}
	f.tx = &Tx{tx: sqlTx, now: time.Now().UTC()}
	f.side, err = loadSide(f.tx, MaxMergeHistory, true)
	return f, err
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// rec is the state of one record on one side: live or deleted. Its
// content (val) is read only when the merge needs it.
type rec struct {
	typ     model.EntityType
	id      string
	version string
	dead    bool
	deleted string       // the tombstone's time
	val     model.Entity // its content, once read
}

func live(r *rec) bool { return r != nil && !r.dead }

// hrow is one row of the versions table.
type hrow struct{ id, v string }

func (a hrow) less(b hrow) bool { return a.id < b.id || (a.id == b.id && a.v < b.v) }

// mergeSide is what a merge knows about one file: every record's version
// (by id: ids are unique across entity types), every version each id ever
// had, and a transaction to read contents from.
type mergeSide struct {
	tx        *Tx
	recs      map[string]*rec
	hist      []hrow // sorted by id, then version (the table's key order)
	projectID string
	meta      *model.Meta
	views     []*rec // live views (few; read whole)
	validate  bool   // validate every record read (THEIRS is untrusted)
}

func (s *mergeSide) inHistory(id, v string) bool {
	r := hrow{id, v}
	i := sort.Search(len(s.hist), func(i int) bool { return !s.hist[i].less(r) })
	return i < len(s.hist) && s.hist[i] == r
}

// value returns the content of a live record, reading it on first use
// (and, on the untrusted side, checking it against the model's rules).
func (s *mergeSide) value(r *rec) (model.Entity, error) {
	if !live(r) {
		return nil, nil
	}
	if r.val != nil {
		return r.val, nil
	}
	v, err := s.tx.Get(r.typ, r.id)
	if err == nil && s.validate {
		err = model.ValidateRecord(v) // references are checked by the plan
	}
	if err != nil {
		if errors.Is(err, model.ErrInvalid) {
			return nil, fmt.Errorf("%w: THEIRS holds an invalid %s (run khareeta check on it): %v", ErrCorrupt, r.typ, err)
		}
		return nil, err
	}
	r.val = v
	return v, nil
}

// loadSide reads every record's version, the tombstones and the history
// (kinds, views and the meta whole; other contents are read on demand).
// limit > 0 bounds the history rows read; validate checks every record
// read against the model's rules.
func loadSide(tx *Tx, limit int, validate bool) (*mergeSide, error) {
	if limit > 0 {
		if err := historyBound(tx, limit); err != nil {
			return nil, err
		}
	}
	s := &mergeSide{tx: tx, recs: map[string]*rec{}, validate: validate}
	for _, typ := range entityTypes {
		err := tx.eachPair(`SELECT id, version FROM `+tableOf[typ], func(id, v string) error {
			if prev := s.recs[id]; prev != nil {
				return fmt.Errorf("%w: id %s names both a %s and a %s", ErrCorrupt, id, prev.typ, typ)
			}
			s.recs[id] = &rec{typ: typ, id: id, version: v}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	kinds, err := getAll(tx, "kinds", `SELECT `+kindCols+` FROM kinds`, scanKind)
	if err != nil {
		return nil, err
	}
	for _, k := range kinds {
		if validate {
			if err := model.ValidateRecord(k); err != nil {
				return nil, fmt.Errorf("%w: an invalid kind (run khareeta check on it): %v", ErrCorrupt, err)
			}
		}
		s.recs[k.ID].val = k
	}
	views, err := getAll(tx, "views", `SELECT `+viewCols+` FROM views`, scanView)
	if err != nil {
		return nil, err
	}
	for _, v := range views {
		if validate {
			if err := model.ValidateRecord(v); err != nil {
				return nil, fmt.Errorf("%w: an invalid view (run khareeta check on it): %v", ErrCorrupt, err)
			}
		}
		r := s.recs[v.ID]
		r.val = v
		s.views = append(s.views, r)
	}
	rows, err := tx.Query(`SELECT id, entity, version, deleted FROM tombstones`)
	if err != nil {
		return nil, classify(err)
	}
	for rows.Next() {
		var id, name, v, when string
		if err := rows.Scan(&id, &name, &v, &when); err != nil {
			rows.Close()
			return nil, classify(err)
		}
		typ := model.EntityType(name)
		if _, ok := tableOf[typ]; !ok {
			rows.Close()
			return nil, fmt.Errorf("%w: a tombstone of an unknown entity type %q", ErrCorrupt, name)
		}
		if prev := s.recs[id]; prev == nil { // a live record wins over a stale tombstone
			s.recs[id] = &rec{typ: typ, id: id, version: v, dead: true, deleted: when}
		} else if prev.typ != typ {
			rows.Close()
			return nil, fmt.Errorf("%w: id %s names both a %s and a deleted %s", ErrCorrupt, id, prev.typ, typ)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	err = tx.eachPair(`SELECT entity_id, version FROM versions ORDER BY entity_id, version`, func(id, v string) error {
		s.hist = append(s.hist, hrow{id, v})
		return nil
	})
	if err != nil {
		return nil, err
	}
	m, err := readMeta(tx)
	if err != nil {
		return nil, err
	}
	if validate {
		if err := model.ValidateRecord(m); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
	}
	s.meta = &m
	mv, err := tx.VersionOf(model.EntityMeta, "")
	if err != nil {
		return nil, err
	}
	if err := tx.queryRow(`SELECT value FROM meta WHERE key = 'project_id'`).Scan(&s.projectID); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read the project id: %w", classify(err))
	}
	s.recs[MetaID] = &rec{typ: model.EntityMeta, id: MetaID, version: mv, val: m}
	return s, nil
}

// historyBound refuses a file whose history is out of proportion to its
// records (see MergeHistoryPerRecord).
func historyBound(tx *Tx, limit int) error {
	var records, history, tombstones int
	q := `SELECT (SELECT count(*) FROM versions), (SELECT count(*) FROM tombstones)`
	for _, t := range entityTypes {
		q += `, (SELECT count(*) FROM ` + tableOf[t] + `)`
	}
	counts := make([]int, 2+len(entityTypes))
	dest := make([]any, len(counts))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := tx.queryRow(q).Scan(dest...); err != nil {
		return fmt.Errorf("count the history: %w", classify(err))
	}
	history, tombstones = counts[0], counts[1]
	for _, n := range counts[2:] {
		records += n
	}
	records += tombstones
	bound := min(limit, MergeHistoryPerRecord*records+MergeHistoryAllowance)
	if history+tombstones > bound {
		return fmt.Errorf("%w: its history holds %d rows for %d records (at most %d per record, plus %d, are taken in): it was made or changed by another program; ask its author for a fresh copy",
			ErrTooLarge, history+tombstones, records, MergeHistoryPerRecord, MergeHistoryAllowance)
	}
	return nil
}
