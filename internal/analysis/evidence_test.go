package analysis

import (
	"reflect"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/evidence"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

func TestEvidence(t *testing.T) {
	b := newBuilder()
	b.c("A", "threat")
	b.c("B", "pillar")
	b.c("C", "concept")
	r1 := b.r("A", "weakens", "B")
	b.r("A", "weakens", "B") // parallel, uncited
	r3 := b.r("B", "causes", "C")
	b.cite("A", false)
	b.cite(r1, true)
	if err := b.p.Validate(); err != nil {
		t.Fatal(err)
	}
	ev := EvidenceOf(NewGraph(b.p, nil, ""))
	if ev.Concepts != 3 || ev.Relations != 3 {
		t.Errorf("counted %d concepts, %d relations", ev.Concepts, ev.Relations)
	}
	if got := labels(ev.UncitedConcepts); !reflect.DeepEqual(got, []string{"B", "C"}) {
		t.Errorf("uncited concepts = %v", got)
	}
	if len(ev.UncitedRelations) != 2 || ev.UncitedRelations[0].ID == r1 || ev.UncitedRelations[1].ID != r3 {
		t.Errorf("uncited relations = %+v", ev.UncitedRelations)
	}
	if r := ev.UncitedRelations[0]; r.From.Label != "A" || r.To.Label != "B" || r.Type != "weakens" || r.Phrase != "weakens" {
		t.Errorf("relation ref = %+v", r)
	}

	// In a view holding only B and C, the citation of A is out of scope.
	ev = EvidenceOf(NewGraph(b.p, []string{b.ids["B"], b.ids["C"]}, ""))
	if ev.Concepts != 2 || ev.Relations != 1 || len(ev.UncitedConcepts) != 2 || len(ev.UncitedRelations) != 1 {
		t.Errorf("scoped evidence = %+v", ev)
	}
}

// TestEvidenceAgreesWithCheck: over a whole project, the analysis names
// exactly the uncited claims evidence.Check reports, in the same order (one
// rule, two presentations). The sample project cites every claim, so a
// synthetic one with some uncited claims is used too.
func TestEvidenceAgreesWithCheck(t *testing.T) {
	sample, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*model.Project{sample, synth.Project(synth.Sizes{Concepts: 400, Relations: 1200, Sources: 40, Citations: 600}, 5)} {
		evidenceAgreesWithCheck(t, p)
	}
}

func evidenceAgreesWithCheck(t *testing.T, p *model.Project) {
	t.Helper()
	ev := EvidenceOf(NewGraph(p, nil, ""))
	var got, want []string
	for _, c := range ev.UncitedConcepts {
		got = append(got, evidence.UncitedConcept+" "+c.ID)
	}
	for _, r := range ev.UncitedRelations {
		got = append(got, evidence.UncitedRelation+" "+r.ID)
	}
	for _, f := range evidence.Check(p) {
		if f.Kind == evidence.UncitedConcept || f.Kind == evidence.UncitedRelation {
			want = append(want, f.Kind+" "+f.ID)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("analysis lists %d uncited claims, evidence.Check %d", len(got), len(want))
	}
	t.Logf("%d uncited concepts of %d, %d uncited relations of %d", len(ev.UncitedConcepts), ev.Concepts, len(ev.UncitedRelations), ev.Relations)
}
