package analysis

import (
	"cmp"
	"slices"
)

// Component is a set of concepts, in project order.
type Component struct {
	Size     int   `json:"size"`
	Concepts []Ref `json:"concepts"`
}

// Components returns the weakly connected components of g (relations
// followed in either direction), largest first, ties in the project order of
// their first concept. Every concept is in exactly one component.
//
// They are the strongly connected components of the graph in which every
// relation also runs backwards (the neighbour lists of g), found by
// dominikbraun/graph's StronglyConnectedComponents: the library has no
// algorithm for weak components.
func Components(g *Graph) []Component {
	groups := sccOf(g.nbOff, g.nb)
	slices.SortStableFunc(groups, func(a, b []int32) int { return cmp.Compare(len(b), len(a)) })
	out := make([]Component, len(groups))
	for i, m := range groups {
		out[i] = Component{Size: len(m), Concepts: g.refs(m)}
	}
	return out
}

// Isolated returns the concepts with no relation at all, in project order.
// A concept whose only relation is a self-loop is not isolated.
func Isolated(g *Graph) []Ref {
	out := []Ref{}
	for v := 0; v < g.Len(); v++ {
		if g.outOff[v] == g.outOff[v+1] && g.inOff[v] == g.inOff[v+1] {
			out = append(out, g.Ref(v))
		}
	}
	return out
}
