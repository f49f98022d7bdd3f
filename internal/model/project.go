package model

import "sort"

// Index gives fast look-ups into a project. It is a snapshot: rebuild it
// after the project changes.
type Index struct {
	Kinds     map[string]*Kind
	Concepts  map[string]*Concept
	Relations map[string]*Relation
	Sources   map[string]*Source
	Views     map[string]*View
	// Out and In list relation ids by concept id.
	Out, In map[string][]string
	// CitationsOf lists citation indexes (into Project.Citations) by the id they back.
	CitationsOf map[string][]int
	// Positions holds the positions by view id ("" for the map of all
	// concepts), then by concept id (see PositionsOn).
	Positions map[string]map[string]*Position

	project *Project // the project indexed (for Referrers, cascade.go)
}

// NewIndex builds an Index over p. Pointers point into p's slices.
func NewIndex(p *Project) *Index {
	ix := &Index{
		Kinds:       make(map[string]*Kind, len(p.Kinds)),
		Concepts:    make(map[string]*Concept, len(p.Concepts)),
		Relations:   make(map[string]*Relation, len(p.Relations)),
		Sources:     make(map[string]*Source, len(p.Sources)),
		Views:       make(map[string]*View, len(p.Views)),
		Out:         map[string][]string{},
		In:          map[string][]string{},
		CitationsOf: map[string][]int{},
		Positions:   map[string]map[string]*Position{},
		project:     p,
	}
	for i := range p.Kinds {
		ix.Kinds[p.Kinds[i].ID] = &p.Kinds[i]
	}
	for i := range p.Concepts {
		ix.Concepts[p.Concepts[i].ID] = &p.Concepts[i]
	}
	for i := range p.Relations {
		r := &p.Relations[i]
		ix.Relations[r.ID] = r
		ix.Out[r.From] = append(ix.Out[r.From], r.ID)
		ix.In[r.To] = append(ix.In[r.To], r.ID)
	}
	for i := range p.Sources {
		ix.Sources[p.Sources[i].ID] = &p.Sources[i]
	}
	for i := range p.Views {
		ix.Views[p.Views[i].ID] = &p.Views[i]
	}
	for i, c := range p.Citations {
		ix.CitationsOf[c.Target()] = append(ix.CitationsOf[c.Target()], i)
	}
	for i := range p.Positions {
		x := &p.Positions[i]
		m := ix.Positions[x.View]
		if m == nil {
			m = map[string]*Position{}
			ix.Positions[x.View] = m
		}
		m[x.Concept] = x
	}
	return ix
}

// ViewConcepts returns the ids of the concepts a view shows, in the
// project's concept order: the explicit concepts plus those of the listed
// kinds (every concept when both lists are empty), then, when Focus is set,
// only those within Depth relations of the focus (in either direction,
// through concepts of the view). Depth 0 with a focus means depth 1.
func ViewConcepts(p *Project, ix *Index, v View) []string {
	return ViewConceptsWhere(p, ix, v, nil)
}

// ViewConceptsWhere is ViewConcepts with the view's concepts first narrowed
// to those keep accepts (nil keeps all), before the walk from the focus:
// what `render --kinds` draws. The focus itself is always kept.
func ViewConceptsWhere(p *Project, ix *Index, v View, keep func(*Concept) bool) []string {
	in := map[string]bool{}
	all := len(v.Concepts) == 0 && len(v.Kinds) == 0
	kinds := map[string]bool{}
	for _, k := range v.Kinds {
		kinds[k] = true
	}
	for _, id := range v.Concepts {
		if c := ix.Concepts[id]; c != nil && (keep == nil || keep(c)) {
			in[id] = true
		}
	}
	for i := range p.Concepts {
		c := &p.Concepts[i]
		if (all || kinds[c.Kind]) && (keep == nil || keep(c)) {
			in[c.ID] = true
		}
	}
	if v.Focus != "" {
		if _, ok := ix.Concepts[v.Focus]; ok {
			in[v.Focus] = true
			depth := v.Depth
			if depth <= 0 {
				depth = 1
			}
			near := map[string]bool{v.Focus: true}
			frontier := []string{v.Focus}
			for d := 0; d < depth && len(frontier) > 0; d++ {
				var next []string
				for _, id := range frontier {
					for _, rid := range ix.Out[id] {
						if to := ix.Relations[rid].To; in[to] && !near[to] {
							near[to] = true
							next = append(next, to)
						}
					}
					for _, rid := range ix.In[id] {
						if from := ix.Relations[rid].From; in[from] && !near[from] {
							near[from] = true
							next = append(next, from)
						}
					}
				}
				frontier = next
			}
			in = near
		}
	}
	out := make([]string, 0, len(in))
	for _, c := range p.Concepts {
		if in[c.ID] {
			out = append(out, c.ID)
		}
	}
	return out
}

// ViewRelations returns the ids of relations whose both ends are in the
// given concept set, in project order.
func ViewRelations(p *Project, concepts []string) []string {
	in := make(map[string]bool, len(concepts))
	for _, id := range concepts {
		in[id] = true
	}
	var out []string
	for _, r := range p.Relations {
		if in[r.From] && in[r.To] {
			out = append(out, r.ID)
		}
	}
	return out
}

// SortedKinds returns the project's kinds by Order, then id.
func SortedKinds(p *Project) []Kind {
	ks := append([]Kind(nil), p.Kinds...)
	sort.SliceStable(ks, func(i, j int) bool {
		if ks[i].Order != ks[j].Order {
			return ks[i].Order < ks[j].Order
		}
		return ks[i].ID < ks[j].ID
	})
	return ks
}
