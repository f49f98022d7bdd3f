package analysis

import "sort"

// Component is a set of concepts, in project order.
type Component struct {
	Size     int   `json:"size"`
	Concepts []Ref `json:"concepts"`
}

// Components returns the weakly connected components of g (relations
// followed in either direction), largest first, ties in the project order of
// their first concept. Every concept is in exactly one component.
func Components(g *Graph) []Component {
	n := g.Len()
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var groups [][]int32
	queue := make([]int32, 0, n)
	for s := 0; s < n; s++ {
		if comp[s] >= 0 {
			continue
		}
		c := int32(len(groups))
		comp[s] = c
		queue = append(queue[:0], int32(s))
		for head := 0; head < len(queue); head++ {
			v := queue[head]
			for _, w := range g.nb[g.nbOff[v]:g.nbOff[v+1]] {
				if comp[w] < 0 {
					comp[w] = c
					queue = append(queue, w)
				}
			}
		}
		members := append([]int32(nil), queue...)
		sortVertices(members)
		groups = append(groups, members)
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i]) > len(groups[j]) })
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
