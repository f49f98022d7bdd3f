package app

import "testing"

// TestDeleteConceptsIsOneEdit: deleting two linked concepts (a selection
// on the map) takes them, the relation between them and their other
// relations in one transaction; one undo brings everything back.
func TestDeleteConceptsIsOneEdit(t *testing.T) {
	s := sample(t)
	p := s.Project()
	r := p.Relations[0]
	a, b := r.From, r.To
	concepts, relations := len(p.Concepts), len(p.Relations)
	if err := s.DeleteConcepts([]string{a, b, a}); err != nil {
		t.Fatal(err)
	}
	if name, _ := s.CanUndo(); name != EditDeleteConcept {
		t.Fatalf("undo step %q", name)
	}
	d := s
	if n := len(d.Project().Concepts); n != concepts-2 {
		t.Fatalf("%d concepts after deleting 2 of %d", n, concepts)
	}
	for _, x := range d.Project().Relations {
		if x.From == a || x.To == a || x.From == b || x.To == b {
			t.Fatalf("relation %s of a deleted concept is left", x.ID)
		}
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if len(s.Project().Concepts) != concepts || len(s.Project().Relations) != relations {
		t.Fatalf("undo: %d concepts, %d relations; want %d, %d", len(s.Project().Concepts), len(s.Project().Relations), concepts, relations)
	}
	if err := s.DeleteConcepts([]string{"no-such"}); err == nil {
		t.Fatal("deleting a concept that does not exist was not refused")
	}
}
