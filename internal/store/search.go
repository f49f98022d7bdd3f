package store

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/khareeta/khareeta/internal/model"
)

// Hit is one search result.
type Hit struct {
	Entity string // concept, source or citation
	ID     string
	Field  string // label, description, title, authors, quote
	Text   string // the folded text that matched
}

// index replaces the search rows of a record (searchDocsOf); existed says
// whether it was stored before (and so may have rows).
func (tx *Tx) index(existed bool, e model.Entity) error {
	if existed {
		if err := tx.unindex(e.EntityID()); err != nil {
			return err
		}
	}
	for _, d := range searchDocsOf(e) {
		res, err := tx.exec(`INSERT INTO search_docs(entity, id, field) VALUES (?, ?, ?)`, d.entity, d.id, d.field)
		if err == nil {
			var docid int64
			docid, err = res.LastInsertId()
			if err == nil {
				_, err = tx.exec(`INSERT INTO search(rowid, text) VALUES (?, ?)`, docid, d.text)
			}
		}
		if err != nil {
			return fmt.Errorf("index %s %s: %w", d.entity, d.id, classify(err))
		}
	}
	return nil
}

func (tx *Tx) unindex(id string) error {
	if _, err := tx.exec(`DELETE FROM search WHERE rowid IN (SELECT docid FROM search_docs WHERE id = ?)`, id); err != nil {
		return fmt.Errorf("unindex %s: %w", id, classify(err))
	}
	if _, err := tx.exec(`DELETE FROM search_docs WHERE id = ?`, id); err != nil {
		return fmt.Errorf("unindex %s: %w", id, classify(err))
	}
	return nil
}

// Search finds concepts, sources and citations whose labels, descriptions,
// titles, authors or quotes contain every word of query, ignoring Arabic
// diacritics and tatweel, alef/hamza forms, taa marbuta and Latin case.
// Results are ordered concepts first, then by field (labels before
// descriptions), at most limit of them (0: 50).
func (s *Store) Search(query string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 50
	}
	words := strings.Fields(model.Fold(query))
	if len(words) == 0 {
		return nil, nil
	}
	var conds []string
	var args []any
	var match []string
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 3 {
			match = append(match, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
		} else {
			conds = append(conds, `s.text LIKE ? ESCAPE '\'`)
			args = append(args, "%"+likeEscape(w)+"%")
		}
	}
	if len(match) > 0 {
		conds = append([]string{`s.text MATCH ?`}, conds...)
		args = append([]any{strings.Join(match, " AND ")}, args...)
	}
	q := `SELECT d.entity, d.id, d.field, s.text FROM search s JOIN search_docs d ON d.docid = s.rowid
		WHERE ` + strings.Join(conds, " AND ") + `
		ORDER BY CASE d.entity WHEN 'concept' THEN 0 WHEN 'source' THEN 1 ELSE 2 END,
		         CASE d.field WHEN 'label' THEN 0 WHEN 'title' THEN 0 ELSE 1 END, d.docid
		LIMIT ?`
	args = append(args, limit)
	rows, err := s.db.Query(q, args...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, classify(err))
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Entity, &h.ID, &h.Field, &h.Text); err != nil {
			return nil, classify(err)
		}
		hits = append(hits, h)
	}
	return hits, classify(rows.Err())
}

func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
