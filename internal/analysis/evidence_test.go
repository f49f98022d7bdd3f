package analysis

import (
	"reflect"
	"testing"
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
