package evidence

import "github.com/khareeta/khareeta/internal/model"

// Uncited is the one answer to "which claims does no source back?": the
// concepts and relations that no citation targets. A citation counts
// whatever its locator (a citation without one is reported as NoLocator,
// not as uncited). Concepts and Relations are positions in the lists
// UncitedClaims was given, in their order.
//
// Check reports these claims as UncitedConcept and UncitedRelation
// findings; package analysis reports them, with labels, kinds and phrases,
// as its Evidence section (khareeta analyze).
type Uncited struct {
	Concepts  []int
	Relations []int
}

// UncitedClaims finds the uncited claims among concepts and relations (all
// of p's, or the part of p a view shows), by p's citations. Citations of
// concepts or relations not in the lists are ignored. It never changes p.
func UncitedClaims(p *model.Project, concepts []*model.Concept, relations []*model.Relation) Uncited {
	cited := make(map[string]bool, len(p.Citations))
	for i := range p.Citations {
		cited[p.Citations[i].Target()] = true
	}
	u := Uncited{Concepts: []int{}, Relations: []int{}}
	for i, c := range concepts {
		if !cited[c.ID] {
			u.Concepts = append(u.Concepts, i)
		}
	}
	for i, r := range relations {
		if !cited[r.ID] {
			u.Relations = append(u.Relations, i)
		}
	}
	return u
}

// Claims returns pointers to every concept and relation of p, in project
// order: the lists UncitedClaims takes for the whole project.
func Claims(p *model.Project) ([]*model.Concept, []*model.Relation) {
	cs := make([]*model.Concept, len(p.Concepts))
	for i := range p.Concepts {
		cs[i] = &p.Concepts[i]
	}
	rs := make([]*model.Relation, len(p.Relations))
	for i := range p.Relations {
		rs[i] = &p.Relations[i]
	}
	return cs, rs
}
