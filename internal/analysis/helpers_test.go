package analysis

import (
	"time"

	"github.com/google/uuid"
	"github.com/khareeta/khareeta/internal/model"
)

// builder makes small in-memory projects whose concepts are named by
// their (English and Arabic) label.
type builder struct {
	p   *model.Project
	ids map[string]string
	n   int
}

var testNS = uuid.MustParse("1b4e28ba-2fa1-11d2-883f-0016d3cca427")

func newBuilder() *builder {
	return &builder{p: &model.Project{Meta: model.Meta{Title: model.T("اختبار", "Test"), Language: model.English}, Kinds: model.BuiltinKinds()}, ids: map[string]string{}}
}

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func (b *builder) id(s string) string { return uuid.NewSHA1(testNS, []byte(s)).String() }

// c adds a concept labelled name (en) and ar (ar, optional) and returns its id.
func (b *builder) c(name, kind string, ar ...string) string {
	id := b.id("c/" + name)
	l := model.T("", name)
	if len(ar) > 0 {
		l[model.Arabic] = ar[0]
	}
	b.p.Concepts = append(b.p.Concepts, model.Concept{ID: id, Kind: kind, Label: l, Created: t0, Updated: t0})
	b.ids[name] = id
	return id
}

// r adds a relation between two concepts named by label and returns its id.
func (b *builder) r(from, typ, to string) string {
	b.n++
	id := b.id("r/" + from + "/" + to + "/" + typ + "/" + string(rune('a'+b.n)))
	b.p.Relations = append(b.p.Relations, model.Relation{ID: id, From: b.ids[from], To: b.ids[to], Type: typ,
		Phrase: model.DefaultPhrase(typ), Created: t0, Updated: t0})
	return id
}

// cite backs a concept (by label) or relation (by id) with a source.
func (b *builder) cite(target string, relation bool) {
	if len(b.p.Sources) == 0 {
		b.p.Sources = append(b.p.Sources, model.Source{ID: b.id("s"), Type: "book", Title: "A book", Created: t0, Updated: t0})
	}
	c := model.Citation{ID: b.id("cite/" + target), Source: b.p.Sources[0].ID, Created: t0, Updated: t0}
	if relation {
		c.Relation = target
	} else {
		c.Concept = b.ids[target]
	}
	b.p.Citations = append(b.p.Citations, c)
}

func labels(refs []Ref) []string {
	out := []string{}
	for _, r := range refs {
		out = append(out, r.Label)
	}
	return out
}
