package analysis

import "github.com/khareeta/khareeta/internal/evidence"

// RelRef names a relation in a report.
type RelRef struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Phrase string `json:"phrase"`
	From   Ref    `json:"from"`
	To     Ref    `json:"to"`
}

// Evidence lists the claims of the graph that no source backs: the
// uncited claims of evidence.UncitedClaims (the one rule for them, shared
// with evidence.Check), named with labels, kinds and phrases in the graph's
// language.
type Evidence struct {
	// Concepts and Relations count what is in scope.
	Concepts  int `json:"concepts"`
	Relations int `json:"relations"`
	// UncitedConcepts and UncitedRelations have no citation, in project order.
	UncitedConcepts  []Ref    `json:"uncited_concepts"`
	UncitedRelations []RelRef `json:"uncited_relations"`
}

// RelRef returns the report reference of relation i.
func (g *Graph) RelRef(i int) RelRef {
	r := g.Rels[i]
	return RelRef{ID: r.ID, Type: r.Type, Phrase: g.Phrase(i), From: g.Ref(int(g.from[i])), To: g.Ref(int(g.to[i]))}
}

// EvidenceOf lists the concepts and relations of g without a citation (see
// evidence.UncitedClaims). A citation counts whatever its locator;
// citations of concepts or relations outside the graph are ignored.
func EvidenceOf(g *Graph) Evidence {
	u := evidence.UncitedClaims(g.Project, g.Concepts, g.Rels)
	ev := Evidence{Concepts: len(g.Concepts), Relations: len(g.Rels),
		UncitedConcepts: make([]Ref, len(u.Concepts)), UncitedRelations: make([]RelRef, len(u.Relations))}
	for k, v := range u.Concepts {
		ev.UncitedConcepts[k] = g.Ref(v)
	}
	for k, i := range u.Relations {
		ev.UncitedRelations[k] = g.RelRef(i)
	}
	return ev
}
