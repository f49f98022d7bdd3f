package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/khareeta/khareeta/internal/model"
)

// Versions, for read-modify-write.
//
// Every record carries a version (a random id replaced by every change that
// alters it, see merge.go). A caller that shows a record to a person, or
// reads it before its write transaction, remembers the version it read; in
// the write transaction it compares that with the record's current version
// (Tx.Expect), and a difference means someone else changed the record in
// between: the write must not overwrite it silently. Inside one Update,
// reading a record (Tx.Concept …) and putting it back changed is already
// safe: the transaction holds the file's write lock from its first
// statement (BEGIN IMMEDIATE), so nobody else commits in between.

// tableOf maps every entity type but the meta to its table.
var tableOf = map[model.EntityType]string{
	model.EntityKind: "kinds", model.EntityConcept: "concepts", model.EntityRelation: "relations",
	model.EntitySource: "sources", model.EntityCitation: "citations", model.EntityView: "views",
	model.EntityPosition: "positions",
}

// ErrConflict is wrapped by every *VersionError: a record changed since the
// version a caller started from.
var ErrConflict = errors.New("changed by someone else in the meantime")

// VersionError says that a record's version is not the one expected.
type VersionError struct {
	Type model.EntityType
	ID   string
	// Base is the version the caller started from ("": the record did not exist).
	Base string
	// Current is the version the record has now ("": it was deleted).
	Current string
}

func (e *VersionError) Error() string {
	what := string(e.Type) + " " + e.ID
	if e.Type == model.EntityMeta {
		what = "the project's title, description and language"
	}
	switch {
	case e.Current == "":
		return fmt.Sprintf("%s was deleted by someone else in the meantime", what)
	case e.Base == "":
		return fmt.Sprintf("%s was created by someone else in the meantime", what)
	}
	return fmt.Sprintf("%s was %s", what, ErrConflict)
}

// Unwrap makes errors.Is(err, ErrConflict) hold.
func (e *VersionError) Unwrap() error { return ErrConflict }

// VersionOf returns the current version of the record of type t with the
// given id as the transaction sees it, or "" when there is no such record
// (it never existed or was deleted). For model.EntityMeta the id is
// ignored; a file that never versioned its meta returns "".
func (tx *Tx) VersionOf(t model.EntityType, id string) (string, error) {
	var v string
	var err error
	if t == model.EntityMeta {
		err = tx.queryRow(`SELECT value FROM meta WHERE key = ?`, metaVersionKey).Scan(&v)
	} else {
		table, ok := tableOf[t]
		if !ok {
			return "", fmt.Errorf("read the version of %s %s: unknown entity type", t, id)
		}
		err = tx.queryRow(`SELECT version FROM `+table+` WHERE id = ?`, id).Scan(&v)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read the version of %s %s: %w", t, id, classify(err))
	}
	return v, nil
}

// Expect returns a *VersionError (wrapping ErrConflict) unless the record
// of type t with the given id has version base now ("": it does not exist).
// Call it in the write transaction, before putting or deleting a record that
// was read outside it.
func (tx *Tx) Expect(t model.EntityType, id, base string) error {
	cur, err := tx.VersionOf(t, id)
	if err != nil {
		return err
	}
	if cur != base {
		return &VersionError{Type: t, ID: id, Base: base, Current: cur}
	}
	return nil
}

// Versions returns the current version of every live record by id, and the
// project meta's under MetaID (when the file versions it).
func (tx *Tx) Versions() (map[string]string, error) {
	out := map[string]string{}
	for _, t := range model.EntityTypes {
		table, ok := tableOf[t]
		if !ok {
			continue
		}
		if t == model.EntityPosition { // a file of schema 2 read as it is has none
			if ok, err := hasTable(tx, table); !ok || err != nil {
				if err != nil {
					return nil, err
				}
				continue
			}
		}
		err := tx.eachPair(`SELECT id, version FROM `+table, func(id, v string) error {
			out[id] = v
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read the versions of %s: %w", table, err)
		}
	}
	mv, err := tx.VersionOf(model.EntityMeta, "")
	if err != nil {
		return nil, err
	}
	if mv != "" {
		out[MetaID] = mv
	}
	return out, nil
}

// DataVersion returns SQLite's data_version as the transaction sees the
// file: it changes whenever another connection (another program, or another
// Store on the same file) commits a change, and never for this store's own
// commits. Unlike the file's size and time, a write of this store racing
// another program's cannot mask it.
func (tx *Tx) DataVersion() (int64, error) {
	var v int64
	if err := tx.tx.QueryRow(`PRAGMA data_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read the data version of the file: %w", classify(err))
	}
	return v, nil
}

// DataVersion is Tx.DataVersion outside a transaction (for a watcher that
// polls for other programs' changes).
func (s *Store) DataVersion() (int64, error) {
	var v int64
	if err := s.db.QueryRow(`PRAGMA data_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read the data version of %s: %w", s.path, classify(err))
	}
	return v, nil
}

// Snapshot is a whole project as one read transaction saw it, with what a
// program that keeps it in memory needs to notice later changes.
type Snapshot struct {
	Project *model.Project
	// Versions holds every record's version by id (see Tx.Versions).
	Versions map[string]string
	// DataVersion is the file's data_version then (see Tx.DataVersion).
	DataVersion int64
}

// Snapshot reads the project, its versions and the file's data_version in
// one read transaction. Like Load, it refuses a file with texts too long
// for any field and checks the model's rules on first reading.
func (s *Store) Snapshot() (*Snapshot, error) {
	if s.oversized {
		return nil, fmt.Errorf("load %s: %w", s.path, s.invalid)
	}
	snap := &Snapshot{}
	err := s.View(func(tx *Tx) error {
		var err error
		if snap.Project, err = tx.Project(); err != nil {
			return err
		}
		if snap.Versions, err = tx.Versions(); err != nil {
			return err
		}
		snap.DataVersion, err = tx.DataVersion()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", s.path, err)
	}
	s.checkRead(snap.Project)
	return snap, nil
}

// eachPair runs a query of two text columns and calls fn on every row.
func (tx *Tx) eachPair(query string, fn func(a, b string) error) error {
	rows, err := tx.tx.Query(query)
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return classify(err)
		}
		if err := fn(a, b); err != nil {
			return err
		}
	}
	return classify(rows.Err())
}
