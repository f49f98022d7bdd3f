package store

import (
	"errors"
	"fmt"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// A file can be a sound SQLite database with Khareeta's schema and still
// break the model's rules: an empty label, a bad colour, a 10 MB label
// (written by another tool). Such a file opens read-only, with the reason
// (Store.ReadOnlyReason), so that nothing is written into it and nothing
// built from it pretends to be a valid project:
//
//   - At open (when the file is scanned: not for an unchanged file this
//     program closed, see OpenVerified), every text value is measured in SQL
//     without reading it into memory; one longer than any field may hold
//     (model.MaxTextLen) makes the file read-only, and Load refuses to read
//     it (a few such values would take gigabytes once laid out).
//   - The model's rules (model.Project.Validate, as every edit is checked)
//     are applied when the project is first read (Load), or, for a store
//     written without being read, in its first write transaction.

// ErrBreaksRules is wrapped by the reason a file that breaks the model's
// rules is read-only (Store.ReadOnlyReason, Store.Invalid).
var ErrBreaksRules = errors.New("the file breaks Khareeta's rules for projects")

// maxTextBytes is the size beyond which a text certainly breaks the model's
// longest limit (a character takes at most 4 bytes in UTF-8).
const maxTextBytes = 4 * model.MaxTextLen

// listColumns are text columns that hold JSON lists of ids, bounded by the
// record count rather than by a field length.
var listColumns = map[string]bool{"views.concepts": true, "views.kinds": true}

// oversized finds text values longer than any field of the model may be,
// measuring them in SQL without reading them (their size in bytes is in
// the row's header): the first few, as "concepts <id>: label_ar has N
// bytes". A value of more than 4 × model.MaxTextLen bytes has more
// characters than any field may hold; shorter ones are read and checked
// exactly by the model's rules.
func oversized(q querier) ([]string, error) {
	var found []string
	tables := []string{"meta"}
	for _, t := range entityTypes {
		tables = append(tables, tableOf[t])
	}
	for _, table := range tables {
		cols, err := textColumns(q, table)
		if err != nil {
			return nil, err
		}
		var lens, names []string
		for _, c := range cols {
			if !listColumns[table+"."+c] {
				lens = append(lens, fmt.Sprintf("coalesce(octet_length(%s), 0)", c))
				names = append(names, c)
			}
		}
		if len(lens) == 0 { // a table an older schema does not have (positions before version 3)
			continue
		}
		key := "id"
		if table == "meta" {
			key = "key"
		}
		// One pass over the table: max() of the lengths against the bound.
		query := fmt.Sprintf(`SELECT %s, %s FROM %s WHERE max(%s, 0) > ? LIMIT 5`,
			key, strings.Join(lens, ", "), table, strings.Join(lens, ", "))
		rows, err := q.Query(query, maxTextBytes)
		if err != nil {
			return nil, fmt.Errorf("measure the texts of %s: %w", table, classify(err))
		}
		for rows.Next() {
			var id string
			n := make([]int64, len(lens))
			dest := []any{&id}
			for i := range n {
				dest = append(dest, &n[i])
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return nil, fmt.Errorf("measure the texts of %s: %w", table, classify(err))
			}
			for i, l := range n {
				if l > maxTextBytes {
					found = append(found, fmt.Sprintf("%s %s: %s has %d bytes, more than any field may hold (%d characters)", table, short(id), names[i], l, model.MaxTextLen))
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("measure the texts of %s: %w", table, classify(err))
		}
	}
	return found, nil
}

// textColumns lists the columns of a table declared TEXT (or without a type).
func textColumns(q querier, table string) ([]string, error) {
	rows, err := q.Query(`SELECT name, upper(type) FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, fmt.Errorf("read the columns of %s: %w", table, classify(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, classify(err)
		}
		if typ == "TEXT" || typ == "" {
			out = append(out, name)
		}
	}
	return out, classify(rows.Err())
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// breaksRules makes the error that says why a file breaks the rules.
func breaksRules(problems []string, consequence string) error {
	const most = 10
	list := problems
	if len(list) > most {
		list = append(append([]string(nil), list[:most]...), fmt.Sprintf("…and %d more", len(problems)-most))
	}
	return fmt.Errorf("%w: %s (%s; khareeta check lists every problem)", ErrBreaksRules, strings.Join(list, "; "), consequence)
}

// validationProblems lists what model.Project.Validate finds.
func validationProblems(p *model.Project) []string {
	err := p.Validate()
	if err == nil {
		return nil
	}
	var ps model.Problems
	if errors.As(err, &ps) {
		out := make([]string, len(ps))
		for i, x := range ps {
			out[i] = x.String()
		}
		return out
	}
	return []string{err.Error()}
}

// Invalid returns why the file breaks the model's rules, or nil when it
// follows them (or they have not been checked yet: see the comment above).
func (s *Store) Invalid() error { return s.invalid }

// checkRead applies the model's rules to a project just read, once per
// store: a store that may write becomes read-only when they are broken.
func (s *Store) checkRead(p *model.Project) {
	if s.validated {
		return
	}
	s.validated = true
	if ps := validationProblems(p); len(ps) > 0 {
		s.breaks(breaksRules(ps, "it can be read but not changed"))
	}
}

// breaks records that the file breaks the rules; a store that was to write
// becomes read-only with that reason.
func (s *Store) breaks(err error) {
	s.invalid = err
	if !s.readOnly {
		s.readOnly, s.reason = true, err
	}
}
