package model

import (
	"fmt"
	"strconv"
	"strings"
)

// What can be said of any record without knowing its type: its own
// validity, the records it refers to, a name for people, and its fields
// for listing differences (a merge's conflicts).

// ValidateRecord checks a record on its own: every rule of its type except
// that the records it refers to exist (the caller checks those).
func ValidateRecord(e Entity) error {
	yes := func(string) bool { return true }
	switch x := e.(type) {
	case Kind:
		return ValidateKind(x)
	case Concept:
		return ValidateConcept(x, yes)
	case Relation:
		return ValidateRelation(x, yes)
	case Source:
		return ValidateSource(x)
	case Citation:
		return ValidateCitation(x, yes, yes, yes)
	case View:
		return ValidateView(x, yes, yes)
	case Position:
		return ValidatePosition(x, yes, yes)
	case Meta:
		if x.Language != Arabic && x.Language != English {
			return Problems{{What: "project", Msg: fmt.Sprintf("primary language %q must be \"ar\" or \"en\"", x.Language)}}
		}
		return nil
	}
	return fmt.Errorf("%w: %T is not a record of a project", ErrInvalid, e)
}

// RefsOf lists the ids of the records e refers to: a concept its kind, a
// relation its two concepts, a citation its source and what it backs, a
// view its kinds, concepts and focus, a position its concept and view.
func RefsOf(e Entity) []string {
	switch x := e.(type) {
	case Concept:
		return []string{x.Kind}
	case Relation:
		return []string{x.From, x.To}
	case Citation:
		out := []string{x.Source}
		if x.Concept != "" {
			out = append(out, x.Concept)
		}
		if x.Relation != "" {
			out = append(out, x.Relation)
		}
		return out
	case View:
		out := append(append([]string(nil), x.Kinds...), x.Concepts...)
		if x.Focus != "" {
			out = append(out, x.Focus)
		}
		return out
	case Position:
		if x.View != "" {
			return []string{x.Concept, x.View}
		}
		return []string{x.Concept}
	}
	return nil
}

// Describe names a record for people in the given language: a kind's or
// view's name, a concept's label, a relation as "from — phrase → to", a
// source's title, a citation as "title, locator", a position as "label @
// view" (the concept's label, the view's name or "all concepts" for the map
// of all concepts), the project's title.
// find looks up the records a relation or citation names (nil: they are
// named by id).
func Describe(e Entity, lang string, find func(t EntityType, id string) Entity) string {
	conceptLabel := func(id string) string {
		if find != nil {
			if c, ok := find(EntityConcept, id).(Concept); ok {
				return c.Label.Get(lang)
			}
		}
		return id
	}
	switch x := e.(type) {
	case Kind:
		return x.Name.Get(lang)
	case Concept:
		return x.Label.Get(lang)
	case Relation:
		phrase := x.Phrase.Get(lang)
		if phrase == "" {
			phrase = x.Type
		}
		return conceptLabel(x.From) + " — " + phrase + " → " + conceptLabel(x.To)
	case Source:
		return x.Title
	case Citation:
		if find != nil {
			if src, ok := find(EntitySource, x.Source).(Source); ok {
				if x.Locator != "" {
					return src.Title + ", " + x.Locator
				}
				return src.Title
			}
		}
		return x.ID
	case View:
		return x.Name.Get(lang)
	case Position:
		where := "all concepts"
		if lang == Arabic {
			where = "كل المفاهيم"
		}
		if x.View != "" {
			where = x.View
			if find != nil {
				if v, ok := find(EntityView, x.View).(View); ok {
					where = v.Name.Get(lang)
				}
			}
		}
		return conceptLabel(x.Concept) + " @ " + where
	case Meta:
		return x.Title.Get(lang)
	}
	return ""
}

// Field is one named, user-visible value of a record.
type Field struct{ Name, Value string }

// Fields lists the user-visible fields of a record (not its creation and
// update times), texts one per language ("label.ar"), for showing how two
// states of a record differ.
func Fields(e Entity) []Field {
	switch v := e.(type) {
	case Kind:
		f := textFields("name", v.Name)
		return append(f, Field{"color", v.Color}, Field{"shape", v.Shape}, Field{"order", strconv.Itoa(v.Order)}, Field{"builtin", strconv.FormatBool(v.BuiltIn)})
	case Concept:
		f := []Field{{"kind", v.Kind}}
		f = append(f, textFields("label", v.Label)...)
		f = append(f, textFields("description", v.Description)...)
		return append(f, Field{"notes", v.Notes})
	case Relation:
		f := []Field{{"from", v.From}, {"to", v.To}, {"type", v.Type}}
		f = append(f, textFields("phrase", v.Phrase)...)
		return append(f, Field{"notes", v.Notes})
	case Source:
		return []Field{{"key", v.Key}, {"type", v.Type}, {"authors", namesString(v.Authors)}, {"editors", namesString(v.Editors)},
			{"issued", v.Issued}, {"title", v.Title}, {"container_title", v.ContainerTitle}, {"publisher", v.Publisher},
			{"publisher_place", v.PublisherPlace}, {"volume", v.Volume}, {"issue", v.Issue}, {"pages", v.Pages},
			{"number", v.Number}, {"doi", v.DOI}, {"url", v.URL}, {"language", v.Language}, {"accessed", v.Accessed}, {"note", v.Note}}
	case Citation:
		return []Field{{"source", v.Source}, {"concept", v.Concept}, {"relation", v.Relation}, {"locator", v.Locator}, {"quote", v.Quote}, {"note", v.Note}}
	case View:
		f := textFields("name", v.Name)
		f = append(f, textFields("description", v.Description)...)
		return append(f, Field{"concepts", strings.Join(v.Concepts, ", ")}, Field{"kinds", strings.Join(v.Kinds, ", ")},
			Field{"focus", v.Focus}, Field{"depth", strconv.Itoa(v.Depth)}, Field{"layout.engine", v.Layout.Engine}, Field{"layout.direction", v.Layout.Direction})
	case Position:
		return []Field{{"view", v.View}, {"concept", v.Concept}, {"x", strconv.FormatFloat(v.X, 'g', -1, 64)},
			{"y", strconv.FormatFloat(v.Y, 'g', -1, 64)}, {"pinned", strconv.FormatBool(v.Pinned)}}
	case Meta:
		f := textFields("title", v.Title)
		f = append(f, textFields("description", v.Description)...)
		return append(f, Field{"language", v.Language})
	}
	return nil
}

func textFields(name string, t Text) []Field {
	var out []Field
	for _, l := range t.Langs() {
		out = append(out, Field{name + "." + l, t[l]})
	}
	return out
}

func namesString(ns []Name) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = n.String()
	}
	return strings.Join(s, "; ")
}
