package store

import (
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"sort"
	"strings"

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
// whether it was stored before (and so may have rows). Its grams are
// written when the transaction ends (grams.go).
func (tx *Tx) index(existed bool, e model.Entity) error {
	if existed {
		if err := tx.unindex(e.EntityID()); err != nil {
			return err
		}
	}
	for _, d := range searchDocsOf(e) {
		res, err := tx.exec(`INSERT INTO search_docs(entity, id, field, text) VALUES (?, ?, ?, ?)`, d.entity, d.id, d.field, d.text)
		var docid int64
		if err == nil {
			docid, err = res.LastInsertId()
		}
		if err != nil {
			return fmt.Errorf("index %s %s: %w", d.entity, d.id, classify(err))
		}
		tx.markGrams(docid, searchClass(string(d.entity), d.field), d.text, true)
	}
	return nil
}

func (tx *Tx) unindex(id string) error {
	rows, err := tx.tx.Query(`SELECT docid, entity, field, text FROM search_docs WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("unindex %s: %w", id, classify(err))
	}
	type doc struct {
		docid               int64
		entity, field, text string
	}
	var docs []doc
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.docid, &d.entity, &d.field, &d.text); err != nil {
			rows.Close()
			return fmt.Errorf("unindex %s: %w", id, classify(err))
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("unindex %s: %w", id, classify(err))
	}
	if len(docs) == 0 {
		return nil
	}
	for _, d := range docs {
		tx.markGrams(d.docid, searchClass(d.entity, d.field), d.text, false)
	}
	if _, err := tx.exec(`DELETE FROM search_docs WHERE id = ?`, id); err != nil {
		return fmt.Errorf("unindex %s: %w", id, classify(err))
	}
	return nil
}

// Search finds concepts, sources and citations whose labels, descriptions,
// titles, authors or quotes contain every word of query, ignoring Arabic
// diacritics and tatweel, alef/hamza forms, taa marbuta and Latin case:
// each word of the folded query (model.Fold) is a substring of the folded
// text. Results are ordered concepts first, then by field (labels before
// descriptions), then in index order, at most limit of them (0: 50).
func (s *Store) Search(query string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 50
	}
	words := strings.Fields(model.Fold(query))
	if len(words) == 0 {
		return nil, nil
	}
	var hits []Hit
	err := s.View(func(tx *Tx) error {
		var v int
		if err := tx.tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
			return classify(err)
		}
		var err error
		if v < 4 { // an older file opened read-only: no gram index
			hits, err = tx.searchScan(words, limit)
		} else {
			hits, err = tx.searchGrams(words, limit)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return hits, nil
}

// searchGrams finds the texts holding every word with the gram index: the
// chunks of docids holding every gram the words need, in result order,
// each candidate checked against its text until limit are found.
func (tx *Tx) searchGrams(words []string, limit int) ([]Hit, error) {
	type place struct{ class, chunk int }
	var sets map[place]*bitset // the candidates so far
	seen := map[string]bool{}
	for _, w := range words {
		for _, g := range wordGrams(w) {
			if seen[g] {
				continue
			}
			seen[g] = true
			rows, err := tx.tx.Query(`SELECT class, chunk, docs FROM search_grams WHERE gram = ?`, g)
			if err != nil {
				return nil, classify(err)
			}
			next := map[place]*bitset{}
			for rows.Next() {
				var p place
				var docs []byte
				if err := rows.Scan(&p.class, &p.chunk, &docs); err != nil {
					rows.Close()
					return nil, classify(err)
				}
				b := decodeBitset(docs)
				if sets != nil {
					prev := sets[p]
					if prev == nil {
						continue
					}
					b.and(prev)
				}
				if b.count() > 0 {
					next[p] = b
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, classify(err)
			}
			if sets = next; len(sets) == 0 {
				return nil, nil
			}
		}
	}
	places := make([]place, 0, len(sets))
	for p := range sets {
		places = append(places, p)
	}
	sort.Slice(places, func(i, j int) bool {
		a, b := places[i], places[j]
		return a.class < b.class || a.class == b.class && a.chunk < b.chunk
	})
	var hits []Hit
	for _, p := range places {
		var err error
		if hits, err = tx.readCandidates(hits, p.class, p.chunk, sets[p], words, limit); err != nil || len(hits) == limit {
			return hits, err
		}
	}
	return hits, nil
}

// readCandidates appends to hits the texts of one chunk's candidates that
// hold every word, in docid order, until hits has limit. Candidates close
// together are read in one range of docids, scattered ones one by one.
func (tx *Tx) readCandidates(hits []Hit, class, chunk int, b *bitset, words []string, limit int) ([]Hit, error) {
	var offs []int
	for i, w := range b {
		for w != 0 {
			offs = append(offs, i*64+bits.TrailingZeros64(w))
			w &= w - 1
		}
	}
	base := int64(chunk) << chunkShift
	take := func(h Hit) bool { // reports whether hits is full
		if searchClass(h.Entity, h.Field) == class && holdsAll(h.Text, words) {
			hits = append(hits, h)
		}
		return len(hits) == limit
	}
	if span := offs[len(offs)-1] - offs[0] + 1; span > 4*len(offs) {
		for _, off := range offs {
			var h Hit
			err := tx.queryRow(`SELECT entity, id, field, text FROM search_docs WHERE docid = ?`, base+int64(off)).Scan(&h.Entity, &h.ID, &h.Field, &h.Text)
			if errors.Is(err, sql.ErrNoRows) {
				continue // an index that names a text no longer there (a damaged file)
			}
			if err != nil {
				return hits, classify(err)
			}
			if take(h) {
				break
			}
		}
		return hits, nil
	}
	rows, err := tx.tx.Query(`SELECT docid, entity, id, field, text FROM search_docs WHERE docid BETWEEN ? AND ? ORDER BY docid`,
		base+int64(offs[0]), base+int64(offs[len(offs)-1]))
	if err != nil {
		return hits, classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		var docid int64
		var h Hit
		if err := rows.Scan(&docid, &h.Entity, &h.ID, &h.Field, &h.Text); err != nil {
			return hits, classify(err)
		}
		if docid < base || docid >= base+chunkSize || b[(docid-base)/64]&(1<<((docid-base)%64)) == 0 {
			continue
		}
		if take(h) {
			return hits, nil
		}
	}
	return hits, classify(rows.Err())
}

// searchScan finds the texts holding every word by reading them all (for a
// file of schema 3 or older opened read-only, whose texts are in its FTS5
// table).
func (tx *Tx) searchScan(words []string, limit int) ([]Hit, error) {
	rows, err := tx.tx.Query(`SELECT d.docid, d.entity, d.id, d.field, c.c0 FROM search_docs d JOIN search_content c ON c.id = d.docid`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	type ranked struct {
		class int
		docid int64
		hit   Hit
	}
	var found []ranked
	for rows.Next() {
		var r ranked
		if err := rows.Scan(&r.docid, &r.hit.Entity, &r.hit.ID, &r.hit.Field, &r.hit.Text); err != nil {
			return nil, classify(err)
		}
		if holdsAll(r.hit.Text, words) {
			r.class = searchClass(r.hit.Entity, r.hit.Field)
			found = append(found, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	sort.Slice(found, func(i, j int) bool {
		a, b := found[i], found[j]
		return a.class < b.class || a.class == b.class && a.docid < b.docid
	})
	var hits []Hit
	for i := 0; i < len(found) && i < limit; i++ {
		hits = append(hits, found[i].hit)
	}
	return hits, nil
}

// holdsAll reports whether text contains every word.
func holdsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
