package evidence

import (
	"reflect"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

func TestUncitedClaims(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	c := func(id string) model.Concept {
		return model.Concept{ID: id, Kind: "concept", Label: model.T("", id), Created: now, Updated: now}
	}
	r := func(id, from, to string) model.Relation {
		return model.Relation{ID: id, From: from, To: to, Type: "causes", Created: now, Updated: now}
	}
	p := &model.Project{Meta: model.Meta{Language: "en"}, Kinds: model.BuiltinKinds(),
		Concepts:  []model.Concept{c("a"), c("b"), c("c"), c("d")},
		Relations: []model.Relation{r("ab", "a", "b"), r("bc", "b", "c"), r("ab2", "a", "b")},
		Sources:   []model.Source{{ID: "s", Type: "book", Title: "S"}},
		Citations: []model.Citation{
			{ID: "1", Source: "s", Concept: "b", Locator: "12"},
			{ID: "2", Source: "s", Concept: "d"},     // no locator: still cites d
			{ID: "3", Source: "s", Relation: "ab2"},  // a parallel relation is cited on its own
			{ID: "4", Source: "s", Concept: "b"},     // a second citation changes nothing
			{ID: "5", Source: "s", Relation: "nope"}, // a citation of something not given is ignored
		}}

	cs, rs := Claims(p)
	u := UncitedClaims(p, cs, rs)
	if want := (Uncited{Concepts: []int{0, 2}, Relations: []int{0, 1}}); !reflect.DeepEqual(u, want) {
		t.Errorf("whole project: %+v, want %+v", u, want)
	}
	// A part of the project (as a view shows it): positions are in the lists given.
	u = UncitedClaims(p, []*model.Concept{&p.Concepts[3], &p.Concepts[2]}, []*model.Relation{&p.Relations[2]})
	if want := (Uncited{Concepts: []int{1}, Relations: []int{}}); !reflect.DeepEqual(u, want) {
		t.Errorf("part: %+v, want %+v", u, want)
	}
	if u := UncitedClaims(p, nil, nil); u.Concepts == nil || u.Relations == nil || len(u.Concepts)+len(u.Relations) != 0 {
		t.Errorf("nothing given: %+v", u)
	}
}

// TestCheckReportsUncitedClaims: Check's uncited findings are exactly
// UncitedClaims over the whole project, in project order.
func TestCheckReportsUncitedClaims(t *testing.T) {
	p := synth.Project(synth.Sizes{Concepts: 500, Relations: 1500, Sources: 50, Citations: 700}, 2)
	cs, rs := Claims(p)
	u := UncitedClaims(p, cs, rs)
	var want, got []string
	for _, i := range u.Concepts {
		want = append(want, UncitedConcept+" "+cs[i].ID)
	}
	for _, i := range u.Relations {
		want = append(want, UncitedRelation+" "+rs[i].ID)
	}
	for _, f := range Check(p) {
		if f.Kind == UncitedConcept || f.Kind == UncitedRelation {
			got = append(got, f.Kind+" "+f.ID)
		}
	}
	if len(want) == 0 || len(u.Concepts) == len(cs) || !reflect.DeepEqual(got, want) {
		t.Errorf("Check reports %d uncited claims, UncitedClaims %d (of %d)", len(got), len(want), len(cs)+len(rs))
	}
}
