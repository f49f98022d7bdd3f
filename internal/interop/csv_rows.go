package interop

import (
	"fmt"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// This file turns the rows of a CSV table into concepts and relations,
// looking up kinds, relation types and ends in the base project.

// csvRows turns rows into records.
type csvRows struct {
	cols     map[string]int
	base     *model.Project
	imp      *CSVImport
	row      int
	rec      []string
	quoted   []bool // which cells of rec were quoted in the file
	problems []CSVProblem
	seen     map[string]int // ids already in the file, by row
	concepts map[string]*model.Concept
	byLabel  map[string][]string // exact and folded labels → concept ids
	kinds    map[string]string   // kind ids and folded names → id
	rels     map[string]*model.Relation
}

func (rd *csvRows) index() {
	rd.concepts = map[string]*model.Concept{}
	rd.byLabel = map[string][]string{}
	for i := range rd.base.Concepts {
		c := &rd.base.Concepts[i]
		rd.concepts[c.ID] = c
		keys := map[string]bool{}
		for _, l := range c.Label {
			if l = strings.TrimSpace(l); l != "" {
				keys[l] = true
				keys["\x00"+model.Fold(l)] = true
			}
		}
		for k := range keys {
			rd.byLabel[k] = append(rd.byLabel[k], c.ID)
		}
	}
	rd.kinds = map[string]string{}
	for _, k := range rd.base.Kinds {
		for _, n := range k.Name {
			if f := model.Fold(n); f != "" {
				rd.kinds[f] = k.ID
			}
		}
	}
	for _, k := range rd.base.Kinds {
		rd.kinds[k.ID] = k.ID // ids win over names
	}
	rd.rels = map[string]*model.Relation{}
	for i := range rd.base.Relations {
		rd.rels[rd.base.Relations[i].ID] = &rd.base.Relations[i]
	}
}

func (rd *csvRows) problem(row int, col, format string, args ...any) {
	rd.problems = append(rd.problems, CSVProblem{Row: row, Column: col, Msg: fmt.Sprintf(format, args...)})
}

// cell returns the cell of a column and whether the column exists.
func (rd *csvRows) cell(col string) (string, bool) {
	i, ok := rd.cols[col]
	if !ok {
		return "", false
	}
	if i >= len(rd.rec) {
		return "", true
	}
	s := rd.rec[i]
	if i >= len(rd.quoted) || !rd.quoted[i] {
		s = strings.TrimSpace(s) // "a, b" typed by hand; WriteCSV quotes cells with edge blanks
	}
	if len(s) > 1 && s[0] == '\'' && needsQuoteMark(s[1:]) {
		s = s[1:] // the apostrophe csvSafe adds
	}
	return s, true
}

// id reads the id column: "" for a new record, or a UUID.
func (rd *csvRows) id() (string, bool) {
	id, _ := rd.cell("id")
	if id == "" {
		return "", true
	}
	if !model.ValidID(strings.ToLower(id)) {
		rd.problem(rd.row, "id", "%q is not a UUID (leave it empty for a new record)", id)
		return "", false
	}
	id = strings.ToLower(id)
	if prev, dup := rd.seen[id]; dup {
		rd.problem(rd.row, "id", "the same id as row %d", prev)
		return "", false
	}
	rd.seen[id] = rd.row
	return id, true
}

// setText applies a language column ("label_ar"), or a column whose
// language is found from its script ("label").
func (rd *csvRows) setText(t *model.Text, col string) {
	for _, lang := range []string{model.Arabic, model.English} {
		if v, ok := rd.cell(col + "_" + lang); ok {
			if *t == nil {
				*t = model.Text{}
			}
			(*t)[lang] = v
		}
	}
	if v, ok := rd.cell(col); ok && v != "" {
		if *t == nil {
			*t = model.Text{}
		}
		if hasArabic(v) {
			(*t)[model.Arabic] = v
		} else {
			(*t)[model.English] = v
		}
	}
	*t = t.Clone()
	if len(*t) == 0 {
		*t = nil
	}
}

func (rd *csvRows) concept() {
	id, ok := rd.id()
	if !ok {
		return
	}
	var c model.Concept
	if old := rd.concepts[id]; id != "" && old != nil {
		c = *old
		c.Label, c.Description = old.Label.Clone(), old.Description.Clone()
	} else {
		c = model.Concept{ID: id, Kind: model.KindConcept}
		if c.ID == "" {
			c.ID = model.NewID()
		}
	}
	if k, ok := rd.cell("kind"); ok && k != "" {
		id, found := rd.kinds[k]
		if !found {
			id, found = rd.kinds[model.Fold(k)]
		}
		if !found {
			rd.problem(rd.row, "kind", "unknown kind %q", k)
			return
		}
		c.Kind = id
	}
	rd.setText(&c.Label, "label")
	rd.setText(&c.Description, "description")
	if v, ok := rd.cell("notes"); ok {
		c.Notes = v
	}
	if c.Label.Empty() {
		rd.problem(rd.row, "", "the concept has no label")
		return
	}
	if err := model.ValidateConcept(c, func(k string) bool { _, ok := rd.kinds[k]; return ok && rd.kinds[k] == k }); err != nil {
		rd.problem(rd.row, "", "%v", err)
		return
	}
	rd.imp.Concepts = append(rd.imp.Concepts, c)
}

// end resolves a relation's end from an id or a label.
func (rd *csvRows) end(col string) string {
	v, _ := rd.cell(col)
	which := col
	if v == "" {
		v, _ = rd.cell(col + "_label")
		which = col + "_label"
	}
	if v == "" {
		rd.problem(rd.row, col, "empty: name the concept by id or label")
		return ""
	}
	if model.ValidID(strings.ToLower(v)) {
		if rd.concepts[strings.ToLower(v)] != nil {
			return strings.ToLower(v)
		}
		rd.problem(rd.row, which, "no concept has the id %s", v)
		return ""
	}
	ids := rd.byLabel[v]
	if len(ids) == 0 {
		ids = rd.byLabel["\x00"+model.Fold(v)]
	}
	switch len(ids) {
	case 0:
		rd.problem(rd.row, which, "no concept is labelled %q", v)
	case 1:
		return ids[0]
	default:
		rd.problem(rd.row, which, "%d concepts are labelled %q; use the id instead", len(ids), v)
	}
	return ""
}

func (rd *csvRows) relation() {
	id, ok := rd.id()
	if !ok {
		return
	}
	var r model.Relation
	if old := rd.rels[id]; id != "" && old != nil {
		r = *old
		r.Phrase = old.Phrase.Clone()
	} else {
		r = model.Relation{ID: id, Type: "related-to"}
		if r.ID == "" {
			r.ID = model.NewID()
		}
	}
	r.From, r.To = rd.end("from"), rd.end("to")
	if r.From == "" || r.To == "" {
		return
	}
	rd.setText(&r.Phrase, "phrase")
	if t, ok := rd.cell("relation_type"); ok && t != "" {
		switch typ, known := relationTypeOf(t); {
		case known:
			r.Type = typ
		case isSlug(t):
			r.Type = t
		default:
			// A phrase in the type column ("يموّل"): a related-to relation with that phrase.
			r.Type = "related-to"
			if r.Phrase.Empty() {
				if hasArabic(t) {
					r.Phrase = model.Text{model.Arabic: t}
				} else {
					r.Phrase = model.Text{model.English: t}
				}
			}
		}
	}
	if v, ok := rd.cell("notes"); ok {
		r.Notes = v
	}
	if err := model.ValidateRelation(r, func(id string) bool { return rd.concepts[id] != nil }); err != nil {
		rd.problem(rd.row, "", "%v", err)
		return
	}
	rd.imp.Relations = append(rd.imp.Relations, r)
}

func isSlug(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || (i > 0 && (r == '-' || r == '_'))
		if !ok {
			return false
		}
	}
	return true
}
