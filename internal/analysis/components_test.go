package analysis

import (
	"reflect"
	"testing"
)

func TestComponentsAndIsolated(t *testing.T) {
	b := newBuilder()
	for _, n := range []string{"A", "B", "C", "D", "E", "F", "G", "H"} {
		b.c(n, "concept")
	}
	// {A, B, C} joined against the arrows, {D, E}, F alone with a self-loop,
	// G and H isolated.
	b.r("A", "causes", "B")
	b.r("C", "causes", "B")
	b.r("E", "supports", "D")
	b.r("E", "supports", "D")
	b.r("F", "related-to", "F")
	g := NewGraph(b.p, nil, "")
	var got [][]string
	for _, c := range Components(g) {
		if c.Size != len(c.Concepts) {
			t.Errorf("size %d for %d concepts", c.Size, len(c.Concepts))
		}
		got = append(got, labels(c.Concepts))
	}
	want := [][]string{{"A", "B", "C"}, {"D", "E"}, {"F"}, {"G"}, {"H"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("components = %v, want %v", got, want)
	}
	if got := labels(Isolated(g)); !reflect.DeepEqual(got, []string{"G", "H"}) {
		t.Errorf("isolated = %v", got)
	}
	if got := Components(NewGraph(b.p, []string{}, "")); len(got) != 0 {
		t.Errorf("empty graph has components %v", got)
	}
}
