package analysis

// RelRef names a relation in a report.
type RelRef struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Phrase string `json:"phrase"`
	From   Ref    `json:"from"`
	To     Ref    `json:"to"`
}

// Evidence lists the claims of the graph that no source backs.
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

// EvidenceOf lists the concepts and relations of g without a citation. A
// citation counts whatever its locator; citations of concepts or relations
// outside the graph are ignored.
func EvidenceOf(g *Graph) Evidence {
	cited := make(map[string]bool, len(g.Project.Citations))
	for _, c := range g.Project.Citations {
		cited[c.Target()] = true
	}
	ev := Evidence{Concepts: len(g.Concepts), Relations: len(g.Rels), UncitedConcepts: []Ref{}, UncitedRelations: []RelRef{}}
	for v, c := range g.Concepts {
		if !cited[c.ID] {
			ev.UncitedConcepts = append(ev.UncitedConcepts, g.Ref(v))
		}
	}
	for i, r := range g.Rels {
		if !cited[r.ID] {
			ev.UncitedRelations = append(ev.UncitedRelations, g.RelRef(i))
		}
	}
	return ev
}
