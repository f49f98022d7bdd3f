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
	if len(match) == 0 {
		return s.searchShort(query, conds, args, limit)
	}
	conds = append([]string{`s.text MATCH ?`}, conds...)
	args = append([]any{strings.Join(match, " AND ")}, args...)
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

// searchShort finds texts containing words too short for the trigram
// index (one or two letters), which only a scan of the texts can find. It
// reads the index's own copy of the texts (not through the full-text
// table, three times slower to scan), and takes concept labels first in
// index order, so that a common query (most texts hold "ال") stops after
// the rows it needs; only when they do not fill the limit are the other
// texts scanned and their matches sorted.
func (s *Store) searchShort(query string, conds []string, args []any, limit int) ([]Hit, error) {
	where := strings.ReplaceAll(strings.Join(conds, " AND "), "s.text", "c.c0")
	labels := `d.entity = 'concept' AND d.field IN ('label', 'title')`
	queries := []string{
		`SELECT d.entity, d.id, d.field, c.c0 FROM search_docs d CROSS JOIN search_content c ON c.id = d.docid
			WHERE ` + labels + ` AND ` + where + ` ORDER BY d.docid LIMIT ?`,
		`SELECT d.entity, d.id, d.field, c.c0 FROM search_content c CROSS JOIN search_docs d ON d.docid = c.id
			WHERE ` + where + ` AND NOT (` + labels + `)
			ORDER BY CASE d.entity WHEN 'concept' THEN 0 WHEN 'source' THEN 1 ELSE 2 END,
			         CASE d.field WHEN 'label' THEN 0 WHEN 'title' THEN 0 ELSE 1 END, d.docid
			LIMIT ?`,
	}
	var hits []Hit
	for _, q := range queries {
		rows, err := s.db.Query(q, append(append([]any(nil), args...), limit-len(hits))...)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", query, classify(err))
		}
		for rows.Next() {
			var h Hit
			if err := rows.Scan(&h.Entity, &h.ID, &h.Field, &h.Text); err != nil {
				rows.Close()
				return nil, classify(err)
			}
			hits = append(hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, classify(err)
		}
		if len(hits) >= limit {
			break
		}
	}
	return hits, nil
}

func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
