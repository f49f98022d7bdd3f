package store

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"

	"github.com/khareeta/khareeta/internal/model"
)

// putBulk writes the records of a validated project into a project that
// holds none yet (its kinds are written already): each table with
// multi-row inserts, and the search index's grams collected in one pass
// and written in key order (grams.go). Every record
// gets a version, as Put* gives it.
func (tx *Tx) putBulk(p *model.Project) error {
	n := len(p.Concepts) + len(p.Relations) + len(p.Sources) + len(p.Citations) + len(p.Views) + len(p.Positions)
	type idVersion struct{ id, v string }
	vs := make([]idVersion, 0, n)
	random := make([]byte, 16*n) // one read of random bytes for every version
	rand.Read(random)
	version := func(id string) string {
		v := hex.EncodeToString(random[16*len(vs) : 16*len(vs)+16])
		vs = append(vs, idVersion{id, v})
		return v
	}
	var docs []searchDoc
	rows := func(n int) [][]any { return make([][]any, 0, n) }

	concepts := rows(len(p.Concepts))
	for _, c := range p.Concepts {
		stamp(&c.Created, &c.Updated, tx.now)
		concepts = append(concepts, conceptValues(c, version(c.ID)))
		docs = append(docs, searchDocsOf(c)...)
	}
	relations := rows(len(p.Relations))
	for _, r := range p.Relations {
		stamp(&r.Created, &r.Updated, tx.now)
		relations = append(relations, relationValues(r, version(r.ID)))
	}
	sources := rows(len(p.Sources))
	for _, s := range p.Sources {
		stamp(&s.Created, &s.Updated, tx.now)
		sources = append(sources, sourceValues(s, version(s.ID)))
		docs = append(docs, searchDocsOf(s)...)
	}
	citations := rows(len(p.Citations))
	for _, c := range p.Citations {
		stamp(&c.Created, &c.Updated, tx.now)
		citations = append(citations, citationValues(c, version(c.ID)))
		docs = append(docs, searchDocsOf(c)...)
	}
	var pos int
	if err := tx.queryRow(`SELECT coalesce(max(position), 0) FROM views`).Scan(&pos); err != nil {
		return fmt.Errorf("write views: %w", classify(err))
	}
	views := rows(len(p.Views))
	for i, v := range p.Views {
		stamp(&v.Created, &v.Updated, tx.now)
		views = append(views, viewValues(v, pos+i+1, version(v.ID)))
	}
	positions := rows(len(p.Positions))
	for _, x := range p.Positions {
		if x.Updated.IsZero() {
			x.Updated = tx.now
		}
		positions = append(positions, positionValues(x, version(x.ID)))
	}

	var docid int64
	if err := tx.queryRow(`SELECT coalesce(max(docid), 0) FROM search_docs`).Scan(&docid); err != nil {
		return fmt.Errorf("write the search index: %w", classify(err))
	}
	docRows, grams := rows(len(docs)), gramSets{}
	for _, d := range docs {
		docid++
		docRows = append(docRows, []any{docid, d.entity, d.id, d.field, d.text})
		grams.add(docid, searchClass(string(d.entity), d.field), d.text)
	}
	// versions has no rowid: in key order, its rows are appended.
	sort.Slice(vs, func(i, j int) bool { return vs[i].id < vs[j].id || vs[i].id == vs[j].id && vs[i].v < vs[j].v })
	vers := rows(len(vs))
	for _, x := range vs {
		vers = append(vers, []any{x.id, x.v})
	}
	// The secondary indexes are built once the rows are in (one sort each)
	// rather than row by row, in the same transaction and with the same
	// definitions.
	indexes, err := tx.dropIndexes()
	if err != nil {
		return err
	}
	// In dependency order: the foreign keys are checked row by row.
	for _, step := range []struct {
		spec rowSpec
		rows [][]any
	}{
		{conceptRows, concepts}, {relationRows, relations}, {sourceRows, sources}, {citationRows, citations},
		{viewRows, views}, {positionRows, positions}, {versionRows, vers}, {searchDocRows, docRows}, {searchGramRows, grams.rows()},
	} {
		if err := tx.insertRows(step.spec, step.rows); err != nil {
			return err
		}
	}
	for _, q := range indexes {
		if _, err := tx.tx.Exec(q); err != nil {
			return fmt.Errorf("index the new records: %w", classify(err))
		}
	}
	return nil
}

// dropIndexes drops Khareeta's secondary indexes and returns the
// statements that create them again.
func (tx *Tx) dropIndexes() ([]string, error) {
	rows, err := tx.tx.Query(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		return nil, classify(err)
	}
	var names, create []string
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			rows.Close()
			return nil, classify(err)
		}
		names, create = append(names, name), append(create, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	for _, n := range names {
		if _, err := tx.tx.Exec(`DROP INDEX "` + n + `"`); err != nil {
			return nil, fmt.Errorf("prepare to write in bulk: %w", classify(err))
		}
	}
	return create, nil
}
