package store

import (
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/khareeta/khareeta/internal/model"
)

// How each type of record is written: its table's columns and the values
// of one record, shared by the one-row upserts of Put* and the multi-row
// inserts that fill a new project (bulk.go), so the two cannot drift.

// rowSpec is a table's written columns. keep lists the columns an update
// of an existing row leaves alone.
type rowSpec struct {
	table string
	cols  []string
	keep  []string
}

var (
	kindRows = rowSpec{table: "kinds", cols: []string{"id", "name_ar", "name_en", "name_i18n", "color", "shape", "builtin", "position", "version"}}

	conceptRows = rowSpec{table: "concepts", cols: []string{"id", "kind", "label_ar", "label_en", "label_i18n",
		"description_ar", "description_en", "description_i18n", "notes", "created", "updated", "version"}}

	relationRows = rowSpec{table: "relations", cols: []string{"id", "source_id", "target_id", "type",
		"phrase_ar", "phrase_en", "phrase_i18n", "notes", "created", "updated", "version"}}

	sourceRows = rowSpec{table: "sources", cols: []string{"id", "citation_key", "type", "authors", "editors", "issued", "title",
		"container_title", "publisher", "publisher_place", "volume", "issue", "pages", "number", "doi", "url", "language",
		"accessed", "note", "created", "updated", "version"}}

	citationRows = rowSpec{table: "citations", cols: []string{"id", "source_id", "concept_id", "relation_id", "locator", "quote", "note",
		"created", "updated", "version"}}

	viewRows = rowSpec{table: "views", cols: []string{"id", "name_ar", "name_en", "name_i18n", "description_ar", "description_en",
		"description_i18n", "concepts", "kinds", "focus", "depth", "engine", "direction", "position", "created", "updated", "version"},
		keep: []string{"position"}}

	positionRows = rowSpec{table: "positions", cols: []string{"id", "view_id", "concept_id", "x", "y", "pinned", "updated", "version"}}

	versionRows    = rowSpec{table: "versions", cols: []string{"entity_id", "version"}}
	searchDocRows  = rowSpec{table: "search_docs", cols: []string{"docid", "entity", "id", "field", "text"}}
	searchGramRows = rowSpec{table: "search_grams", cols: []string{"gram", "class", "chunk", "docs"}}
)

func kindValues(k model.Kind, ver string) []any {
	ar, en, more := splitText(k.Name)
	return []any{k.ID, ar, en, more, k.Color, k.Shape, k.BuiltIn, k.Order, ver}
}

func conceptValues(c model.Concept, ver string) []any {
	la, le, lm := splitText(c.Label)
	da, de, dm := splitText(c.Description)
	return []any{c.ID, c.Kind, la, le, lm, da, de, dm, c.Notes, fmtTime(c.Created), fmtTime(c.Updated), ver}
}

func relationValues(r model.Relation, ver string) []any {
	pa, pe, pm := splitText(r.Phrase)
	return []any{r.ID, r.From, r.To, r.Type, pa, pe, pm, r.Notes, fmtTime(r.Created), fmtTime(r.Updated), ver}
}

func sourceValues(s model.Source, ver string) []any {
	return []any{s.ID, s.Key, s.Type, toJSON(s.Authors), toJSON(s.Editors), s.Issued, s.Title, s.ContainerTitle, s.Publisher,
		s.PublisherPlace, s.Volume, s.Issue, s.Pages, s.Number, s.DOI, s.URL, s.Language, s.Accessed, s.Note,
		fmtTime(s.Created), fmtTime(s.Updated), ver}
}

func citationValues(c model.Citation, ver string) []any {
	return []any{c.ID, c.Source, nullable(c.Concept), nullable(c.Relation), c.Locator, c.Quote, c.Note,
		fmtTime(c.Created), fmtTime(c.Updated), ver}
}

func viewValues(v model.View, pos int, ver string) []any {
	na, ne, nm := splitText(v.Name)
	da, de, dm := splitText(v.Description)
	return []any{v.ID, na, ne, nm, da, de, dm, toJSON(v.Concepts), toJSON(v.Kinds), v.Focus, v.Depth, v.Layout.Engine,
		v.Layout.Direction, pos, fmtTime(v.Created), fmtTime(v.Updated), ver}
}

func positionValues(p model.Position, ver string) []any {
	return []any{p.ID, nullable(p.View), p.Concept, p.X, p.Y, p.Pinned, fmtTime(p.Updated), ver}
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

var sqlCache sync.Map // statement text by key

// upsert is the statement that inserts one row or updates the row with its id.
func (r rowSpec) upsert() string {
	key := "upsert " + r.table
	if q, ok := sqlCache.Load(key); ok {
		return q.(string)
	}
	var set []string
	for _, c := range r.cols {
		if c != "id" && !slices.Contains(r.keep, c) {
			set = append(set, c+"=excluded."+c)
		}
	}
	q := r.insertSQL(1) + " ON CONFLICT(id) DO UPDATE SET " + strings.Join(set, ", ")
	sqlCache.Store(key, q)
	return q
}

// insertSQL is the statement inserting n rows.
func (r rowSpec) insertSQL(n int) string {
	key := fmt.Sprintf("insert %s %d", r.table, n)
	if q, ok := sqlCache.Load(key); ok {
		return q.(string)
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(r.cols)), ",") + ")"
	var b strings.Builder
	b.WriteString("INSERT INTO " + r.table + "(" + strings.Join(r.cols, ", ") + ") VALUES ")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(one)
	}
	q := b.String()
	sqlCache.Store(key, q)
	return q
}

// maxVariables is how many bound values one statement may have (SQLite's
// SQLITE_MAX_VARIABLE_NUMBER is 32766).
const maxVariables = 32766

// insertRows inserts rows into r's table with multi-row statements.
func (tx *Tx) insertRows(r rowSpec, rows [][]any) error { return insertRows(tx.exec, r, rows) }

// insertRows inserts rows into r's table with multi-row statements run by exec.
func insertRows(exec func(q string, args ...any) (sql.Result, error), r rowSpec, rows [][]any) error {
	// A statement of 1,000 rows: the rows of one statement are parsed once
	// per transaction (and those of the last, shorter one too), so longer
	// statements spend more on parsing than they save in calls.
	per := max(1, min(1000, maxVariables/len(r.cols)))
	args := make([]any, 0, per*len(r.cols))
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args = args[:0]
		for _, row := range chunk {
			args = append(args, row...)
		}
		if _, err := exec(r.insertSQL(len(chunk)), args...); err != nil {
			return fmt.Errorf("write %s: %w", r.table, classify(err))
		}
	}
	return nil
}

// searchDoc is one row of the search index: an entity's field, folded.
type searchDoc struct {
	entity model.EntityType
	id     string
	field  string
	text   string
}

// searchDocsOf lists the search rows of a record (none for records that
// are not searched): a concept's label and description, a source's title
// and authors, a citation's quote; each field's languages folded, sorted
// and joined.
func searchDocsOf(e model.Entity) []searchDoc {
	var fields map[string]model.Text
	switch x := e.(type) {
	case model.Concept:
		fields = map[string]model.Text{"label": x.Label, "description": x.Description}
	case model.Source:
		names := ""
		for _, n := range x.Authors {
			names += n.String() + "; "
		}
		fields = map[string]model.Text{"title": {"": x.Title}, "authors": {"": names}}
	case model.Citation:
		fields = map[string]model.Text{"quote": {"": x.Quote}}
	default:
		return nil
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []searchDoc
	for _, field := range keys {
		var parts []string
		for _, s := range fields[field] {
			if f := model.Fold(s); f != "" {
				parts = append(parts, f)
			}
		}
		if len(parts) == 0 {
			continue
		}
		sort.Strings(parts)
		out = append(out, searchDoc{e.EntityType(), e.EntityID(), field, strings.Join(parts, " \u2029 ")})
	}
	return out
}
