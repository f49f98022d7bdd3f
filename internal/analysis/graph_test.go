package analysis

import (
	"testing"
)

func TestGraphKeepsParallelRelationsAndSelfLoops(t *testing.T) {
	b := newBuilder()
	b.c("A", "threat")
	b.c("B", "pillar")
	b.c("C", "concept")
	r1 := b.r("A", "weakens", "B")
	r2 := b.r("A", "threatens", "B")
	r3 := b.r("B", "supports", "A")
	r4 := b.r("C", "related-to", "C")
	if err := b.p.Validate(); err != nil {
		t.Fatal(err)
	}
	g := NewGraph(b.p, nil, "")
	if g.Len() != 3 || len(g.Rels) != 4 {
		t.Fatalf("graph has %d concepts and %d relations, want 3 and 4", g.Len(), len(g.Rels))
	}
	a, bb, c := g.Vertex(b.ids["A"]), g.Vertex(b.ids["B"]), g.Vertex(b.ids["C"])
	if got := g.Between(a, bb); len(got) != 2 || g.Rels[got[0]].ID != r1 || g.Rels[got[1]].ID != r2 {
		t.Errorf("Between(A, B) = %v, want the two parallel relations in order", got)
	}
	if got := g.Between(bb, a); len(got) != 1 || g.Rels[got[0]].ID != r3 {
		t.Errorf("Between(B, A) = %v", got)
	}
	if got := g.Between(c, c); len(got) != 1 || g.Rels[got[0]].ID != r4 {
		t.Errorf("Between(C, C) = %v", got)
	}

	lg, err := g.Lib()
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := lg.Order(); n != 3 {
		t.Errorf("library graph has %d vertices", n)
	}
	if n, _ := lg.Size(); n != 3 {
		t.Errorf("library graph has %d edges, want 3 (A→B, B→A, C→C)", n)
	}
	e, err := lg.Edge(b.ids["A"], b.ids["B"])
	if err != nil {
		t.Fatal(err)
	}
	links, ok := e.Properties.Data.([]Link)
	if !ok || len(links) != 2 || links[0].Relation != r1 || links[1].Relation != r2 || links[1].Type != "threatens" {
		t.Errorf("A→B data = %#v", e.Properties.Data)
	}
	if at := e.Properties.Attributes; at["relation"] != r1 || at["type"] != "weakens" || at["phrase"] != "weakens" || at["relations"] != "2" {
		t.Errorf("A→B attributes = %v", at)
	}
	if _, err := lg.Edge(b.ids["C"], b.ids["C"]); err != nil {
		t.Errorf("self-loop missing: %v", err)
	}
	_, props, _ := lg.VertexWithProperties(b.ids["A"])
	if props.Attributes["kind"] != "threat" || props.Attributes["label"] != "A" {
		t.Errorf("vertex attributes = %v", props.Attributes)
	}
}

func TestGraphScope(t *testing.T) {
	b := newBuilder()
	b.c("A", "threat")
	b.c("B", "pillar")
	b.c("C", "concept")
	b.r("A", "weakens", "B")
	b.r("B", "causes", "C")
	g := NewGraph(b.p, []string{b.ids["A"], b.ids["B"]}, "")
	if g.Len() != 2 || len(g.Rels) != 1 || g.Vertex(b.ids["C"]) != -1 {
		t.Fatalf("scoped graph: %d concepts, %d relations", g.Len(), len(g.Rels))
	}
	if g.Rels[0].Type != "weakens" {
		t.Errorf("kept %s", g.Rels[0].Type)
	}
	empty := NewGraph(b.p, []string{}, "")
	if empty.Len() != 0 || len(empty.Rels) != 0 {
		t.Errorf("empty scope kept %d concepts", empty.Len())
	}
}

func TestPhraseFallsBackToTypeDefault(t *testing.T) {
	b := newBuilder()
	b.c("A", "threat")
	b.c("B", "pillar")
	b.r("A", "weakens", "B")
	b.p.Relations[0].Phrase = nil
	g := NewGraph(b.p, nil, "ar")
	if got := g.Phrase(0); got != "يُضعف" {
		t.Errorf("phrase = %q", got)
	}
	if got := g.Ref(0).Label; got != "A" {
		t.Errorf("label falls back to %q", got)
	}
}
