package store

import (
	"errors"
	"fmt"
)

// Stats counts what a project holds.
type Stats struct {
	Kinds     map[string]int `json:"kinds"` // concepts per kind id
	Concepts  int            `json:"concepts"`
	Relations int            `json:"relations"`
	Sources   int            `json:"sources"`
	Citations int            `json:"citations"`
	Views     int            `json:"views"`
	Positions int            `json:"positions"` // concepts placed on views
}

// Stats counts concepts per kind and the totals of every entity.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Kinds: map[string]int{}}
	err := s.View(func(tx *Tx) error {
		rows, err := tx.tx.Query(`SELECT k.id, count(c.id) FROM kinds k LEFT JOIN concepts c ON c.kind = k.id GROUP BY k.id`)
		if err != nil {
			return classify(err)
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				return classify(err)
			}
			st.Kinds[k] = n
		}
		for table, dst := range map[string]*int{"concepts": &st.Concepts, "relations": &st.Relations, "sources": &st.Sources, "citations": &st.Citations, "views": &st.Views, "positions": &st.Positions} {
			if ok, err := hasTable(tx, table); !ok || err != nil { // positions: not in files of schema 2 read as they are
				if err != nil {
					return err
				}
				continue
			}
			if err := tx.queryRow(`SELECT count(*) FROM ` + table).Scan(dst); err != nil {
				return classify(err)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return st, fmt.Errorf("count %s: %w", s.path, err)
	}
	return st, nil
}

// Check examines a project file without changing it and returns every
// problem it finds (see CheckFile); a check that could not be done (the
// file cannot be read, the temp folder is full) is reported as a problem
// too. An empty list means the file is sound.
func Check(path string) []string {
	problems, err := CheckFile(path)
	if err != nil {
		return append(problems, "could not check the file: "+err.Error())
	}
	return problems
}

// CheckFile examines a project file without changing it. problems lists
// what is wrong with the file: not a Khareeta project, of a newer schema,
// truncated, with foreign objects (triggers, views, virtual tables),
// failing SQLite's integrity or foreign-key checks, or holding entities
// that break the model's rules (orphan citations, empty labels, texts too
// long …); empty means the file is sound. err says that the check itself
// could not be done, and why (no such file, the file cannot be read, no
// room in the temp folder for the recovered copy of an interrupted write
// or for SQLite's work files): the file is then neither sound nor unsound.
func CheckFile(path string) (problems []string, err error) {
	problems, err = checkFile(path)
	if err != nil && !notEnvironment(err) {
		return problems, fmt.Errorf("check %s: %w", path, err)
	}
	if err != nil {
		problems = append(problems, err.Error())
	}
	return problems, nil
}

// notEnvironment reports whether err is about the file itself rather than
// about what the check needs around it.
func notEnvironment(err error) bool {
	for _, e := range []error{ErrNotSQLite, ErrNotKhareeta, ErrNewer, ErrTruncated, ErrCorrupt, ErrUntrusted, ErrTooLarge, ErrBreaksRules} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

func checkFile(path string) ([]string, error) {
	if _, err := regularFile(path); err != nil {
		return nil, err
	}
	if hasHotJournal(path) { // a write was interrupted: check the recovered state (recover.go)
		return checkRecovering(path)
	}
	h, size, err := readHeader(path)
	if err != nil {
		return nil, err
	}
	var problems []string
	if h.applicationID != ApplicationID {
		return []string{fmt.Sprintf("%v (application id %#x)", ErrNotKhareeta, h.applicationID)}, nil
	}
	if h.userVersion > SchemaVersion {
		return []string{fmt.Sprintf("%v: schema version %d, this build knows up to %d", ErrNewer, h.userVersion, SchemaVersion)}, nil
	}
	if h.userVersion == 0 { // as open says: a file whose creation never finished
		return []string{fmt.Sprintf("%v: schema version 0 (an unfinished file)", ErrCorrupt)}, nil
	}
	if h.pagesValid && size < h.pages*h.pageSize || size%h.pageSize != 0 {
		problems = append(problems, fmt.Sprintf("%v: %d bytes for %d pages of %d bytes", ErrTruncated, size, h.pages, h.pageSize))
	}
	db, err := openDB(path, true)
	if err != nil {
		return problems, err
	}
	defer db.Close()
	if err := inspect(db, int(h.userVersion), false); err != nil && !errors.Is(err, ErrCorrupt) {
		if !notEnvironment(err) {
			return problems, err
		}
		problems = append(problems, err.Error())
		if errors.Is(err, ErrUntrusted) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrNotSQLite) {
			return problems, nil
		}
	}
	p, err := integrity(db, false)
	if err != nil {
		return problems, err
	}
	problems = append(problems, p...)
	if len(problems) > 0 {
		return problems, nil
	}
	long, err := oversized(db) // rules.go: never read texts too long for any field
	if err != nil {
		return problems, err
	}
	if len(long) > 0 {
		return long, nil
	}
	proj, err := readProject(db)
	if err != nil {
		return problems, err
	}
	return validationProblems(proj), nil
}
