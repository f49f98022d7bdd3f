package store

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/khareeta/khareeta/internal/model"
)

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
}

type scanner interface{ Scan(dest ...any) error }

func toJSONText(t model.Text) string {
	if len(t.Clone()) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(t.Clone())
	return string(b)
}

const kindCols = `id, name_ar, name_en, name_i18n, color, shape, builtin, position`

func scanKind(r scanner) (model.Kind, error) {
	var k model.Kind
	var ar, en string
	var more sql.NullString
	err := r.Scan(&k.ID, &ar, &en, &more, &k.Color, &k.Shape, &k.BuiltIn, &k.Order)
	if err == nil {
		k.Name, err = joinText(ar, en, more)
	}
	return k, err
}

const conceptCols = `id, kind, label_ar, label_en, label_i18n, description_ar, description_en, description_i18n, notes, created, updated`

func scanConcept(r scanner) (model.Concept, error) {
	var c model.Concept
	var la, le, da, de, cr, up string
	var lm, dm sql.NullString
	err := r.Scan(&c.ID, &c.Kind, &la, &le, &lm, &da, &de, &dm, &c.Notes, &cr, &up)
	if err == nil {
		c.Label, err = joinText(la, le, lm)
	}
	if err == nil {
		c.Description, err = joinText(da, de, dm)
	}
	if err == nil {
		c.Created, err = parseTime(cr)
	}
	if err == nil {
		c.Updated, err = parseTime(up)
	}
	return c, err
}

const relationCols = `id, source_id, target_id, type, phrase_ar, phrase_en, phrase_i18n, notes, created, updated`

func scanRelation(r scanner) (model.Relation, error) {
	var x model.Relation
	var pa, pe, cr, up string
	var pm sql.NullString
	err := r.Scan(&x.ID, &x.From, &x.To, &x.Type, &pa, &pe, &pm, &x.Notes, &cr, &up)
	if err == nil {
		x.Phrase, err = joinText(pa, pe, pm)
	}
	if err == nil {
		x.Created, err = parseTime(cr)
	}
	if err == nil {
		x.Updated, err = parseTime(up)
	}
	return x, err
}

const sourceCols = `id, citation_key, type, authors, editors, issued, title, container_title, publisher, publisher_place,
	volume, issue, pages, number, doi, url, language, accessed, note, created, updated`

func scanSource(r scanner) (model.Source, error) {
	var s model.Source
	var authors, editors, cr, up string
	err := r.Scan(&s.ID, &s.Key, &s.Type, &authors, &editors, &s.Issued, &s.Title, &s.ContainerTitle, &s.Publisher,
		&s.PublisherPlace, &s.Volume, &s.Issue, &s.Pages, &s.Number, &s.DOI, &s.URL, &s.Language, &s.Accessed, &s.Note, &cr, &up)
	if err == nil {
		err = json.Unmarshal([]byte(authors), &s.Authors)
	}
	if err == nil {
		err = json.Unmarshal([]byte(editors), &s.Editors)
	}
	if len(s.Authors) == 0 {
		s.Authors = nil
	}
	if len(s.Editors) == 0 {
		s.Editors = nil
	}
	if err == nil {
		s.Created, err = parseTime(cr)
	}
	if err == nil {
		s.Updated, err = parseTime(up)
	}
	return s, err
}

const citationCols = `id, source_id, coalesce(concept_id, ''), coalesce(relation_id, ''), locator, quote, note, created, updated`

func scanCitation(r scanner) (model.Citation, error) {
	var c model.Citation
	var cr, up string
	err := r.Scan(&c.ID, &c.Source, &c.Concept, &c.Relation, &c.Locator, &c.Quote, &c.Note, &cr, &up)
	if err == nil {
		c.Created, err = parseTime(cr)
	}
	if err == nil {
		c.Updated, err = parseTime(up)
	}
	return c, err
}

const viewCols = `id, name_ar, name_en, name_i18n, description_ar, description_en, description_i18n, concepts, kinds, focus, depth,
	engine, direction, created, updated`

func scanView(r scanner) (model.View, error) {
	var v model.View
	var na, ne, da, de, concepts, kinds, cr, up string
	var nm, dm sql.NullString
	err := r.Scan(&v.ID, &na, &ne, &nm, &da, &de, &dm, &concepts, &kinds, &v.Focus, &v.Depth, &v.Layout.Engine, &v.Layout.Direction, &cr, &up)
	if err == nil {
		v.Name, err = joinText(na, ne, nm)
	}
	if err == nil {
		v.Description, err = joinText(da, de, dm)
	}
	if err == nil {
		err = json.Unmarshal([]byte(concepts), &v.Concepts)
	}
	if err == nil {
		err = json.Unmarshal([]byte(kinds), &v.Kinds)
	}
	if len(v.Concepts) == 0 {
		v.Concepts = nil
	}
	if len(v.Kinds) == 0 {
		v.Kinds = nil
	}
	if err == nil {
		v.Created, err = parseTime(cr)
	}
	if err == nil {
		v.Updated, err = parseTime(up)
	}
	return v, err
}

const positionCols = `id, coalesce(view_id, ''), concept_id, x, y, pinned, updated`

func scanPosition(r scanner) (model.Position, error) {
	var p model.Position
	var up string
	err := r.Scan(&p.ID, &p.View, &p.Concept, &p.X, &p.Y, &p.Pinned, &up)
	if err == nil {
		p.Updated, err = parseTime(up)
	}
	return p, err
}

func getOne[T any](q querier, what, table, cols, id string, scan func(scanner) (T, error)) (T, error) {
	v, err := scan(q.QueryRow(`SELECT `+cols+` FROM `+table+` WHERE id = ?`, id))
	if err != nil {
		return v, errNotFound(what, id, err)
	}
	return v, nil
}

func getAll[T any](q querier, what, query string, scan func(scanner) (T, error), args ...any) ([]T, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, classify(err))
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w: %v", what, ErrCorrupt, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", what, classify(err))
	}
	return out, nil
}

// Kind returns one kind.
func (tx *Tx) Kind(id string) (model.Kind, error) {
	return getOne(tx, "kind", "kinds", kindCols, id, scanKind)
}

// Concept returns one concept.
func (tx *Tx) Concept(id string) (model.Concept, error) {
	return getOne(tx, "concept", "concepts", conceptCols, id, scanConcept)
}

// Relation returns one relation.
func (tx *Tx) Relation(id string) (model.Relation, error) {
	return getOne(tx, "relation", "relations", relationCols, id, scanRelation)
}

// Source returns one source.
func (tx *Tx) Source(id string) (model.Source, error) {
	return getOne(tx, "source", "sources", sourceCols, id, scanSource)
}

// Citation returns one citation.
func (tx *Tx) Citation(id string) (model.Citation, error) {
	return getOne(tx, "citation", "citations", citationCols, id, scanCitation)
}

// View returns one view.
func (tx *Tx) View(id string) (model.View, error) {
	return getOne(tx, "view", "views", viewCols, id, scanView)
}

// readPositions reads every position, in the order they were first
// written; none from a file of schema 1 or 2 opened read-only (it has no
// table for them yet).
func readPositions(q querier) ([]model.Position, error) {
	if ok, err := hasTable(q, "positions"); !ok || err != nil {
		return nil, err
	}
	return getAll(q, "positions", `SELECT `+positionCols+` FROM positions ORDER BY rowid`, scanPosition)
}

// hasTable reports whether the file has a table of that name (an older
// schema opened read-only lacks the newer ones).
func hasTable(q querier, name string) (bool, error) {
	var n int
	if err := q.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, name).Scan(&n); err != nil {
		return false, fmt.Errorf("read the schema: %w", classify(err))
	}
	return n > 0, nil
}

// Position returns one position (by its id, model.PositionID).
func (tx *Tx) Position(id string) (model.Position, error) {
	return getOne(tx, "position", "positions", positionCols, id, scanPosition)
}

// Meta returns the project's title, description and language.
func (tx *Tx) Meta() (model.Meta, error) { return readMeta(tx) }

func readMeta(q querier) (model.Meta, error) {
	m := model.Meta{Language: model.Arabic}
	rows, err := q.Query(`SELECT key, value FROM meta`)
	if err != nil {
		return m, fmt.Errorf("read project meta: %w", classify(err))
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return m, classify(err)
		}
		switch k {
		case "title":
			if err := json.Unmarshal([]byte(v), &m.Title); err != nil {
				return m, fmt.Errorf("read the project's title: %w: %v", ErrCorrupt, err)
			}
		case "description":
			if err := json.Unmarshal([]byte(v), &m.Description); err != nil {
				return m, fmt.Errorf("read the project's description: %w: %v", ErrCorrupt, err)
			}
			if len(m.Description) == 0 {
				m.Description = nil
			}
		case "language":
			m.Language = v
		}
	}
	return m, classify(rows.Err())
}

// Project reads the whole project as the transaction sees it.
func (tx *Tx) Project() (*model.Project, error) { return readProject(tx) }

func readProject(q querier) (*model.Project, error) {
	p := &model.Project{}
	var err error
	if p.Meta, err = readMeta(q); err != nil {
		return nil, err
	}
	if p.Kinds, err = getAll(q, "kinds", `SELECT `+kindCols+` FROM kinds ORDER BY position, id`, scanKind); err != nil {
		return nil, err
	}
	if p.Concepts, err = getAll(q, "concepts", `SELECT `+conceptCols+` FROM concepts ORDER BY rowid`, scanConcept); err != nil {
		return nil, err
	}
	if p.Relations, err = getAll(q, "relations", `SELECT `+relationCols+` FROM relations ORDER BY rowid`, scanRelation); err != nil {
		return nil, err
	}
	if p.Sources, err = getAll(q, "sources", `SELECT `+sourceCols+` FROM sources ORDER BY rowid`, scanSource); err != nil {
		return nil, err
	}
	if p.Citations, err = getAll(q, "citations", `SELECT `+citationCols+` FROM citations ORDER BY rowid`, scanCitation); err != nil {
		return nil, err
	}
	if p.Views, err = getAll(q, "views", `SELECT `+viewCols+` FROM views ORDER BY position, rowid`, scanView); err != nil {
		return nil, err
	}
	if p.Positions, err = readPositions(q); err != nil {
		return nil, err
	}
	return p, nil
}

// Load reads the whole project in one consistent snapshot.
//
// A file with texts too long for any field is not read (see rules.go): the
// error says which. The first Load checks the project against the model's
// rules; a store opened for writing becomes read-only when they are broken
// (ReadOnlyReason).
func (s *Store) Load() (*model.Project, error) {
	if s.oversized {
		return nil, fmt.Errorf("load %s: %w", s.path, s.invalid)
	}
	var p *model.Project
	err := s.View(func(tx *Tx) error {
		var err error
		p, err = tx.Project()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", s.path, err)
	}
	s.checkRead(p)
	return p, nil
}

// ImportProject adds every entity of p to the store (replacing entities
// with the same ids) in one transaction, in dependency order. The project's
// meta replaces the store's.
func (s *Store) ImportProject(p *model.Project) error {
	return s.update(func(tx *Tx) error { return tx.PutProject(p) }, updateOptions{checked: true})
}

// PutProject puts every entity of p, in dependency order, after checking p
// as a whole (model.Project.Validate).
//
// Into an empty project (a new file, an import into one) the records are
// written in bulk (bulk.go): multi-row inserts, and the search index built
// in one pass.
func (tx *Tx) PutProject(p *model.Project) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("import project: %w", err)
	}
	if err := tx.SetMeta(p.Meta); err != nil {
		return err
	}
	for _, k := range p.Kinds {
		if err := tx.PutKind(k); err != nil {
			return err
		}
	}
	var rows int
	if err := tx.queryRow(`SELECT (SELECT count(*) FROM concepts) + (SELECT count(*) FROM sources) + (SELECT count(*) FROM views) + (SELECT count(*) FROM tombstones)`).Scan(&rows); err != nil {
		return classify(err)
	}
	if rows == 0 {
		return tx.putBulk(p)
	}
	for _, c := range p.Concepts {
		if err := tx.PutConcept(c); err != nil {
			return err
		}
	}
	for _, r := range p.Relations {
		if err := tx.PutRelation(r); err != nil {
			return err
		}
	}
	for _, src := range p.Sources {
		if err := tx.PutSource(src); err != nil {
			return err
		}
	}
	for _, c := range p.Citations {
		if err := tx.PutCitation(c); err != nil {
			return err
		}
	}
	for _, v := range p.Views {
		if err := tx.PutView(v); err != nil {
			return err
		}
	}
	for _, x := range p.Positions {
		if err := tx.PutPosition(x); err != nil {
			return err
		}
	}
	return nil
}
