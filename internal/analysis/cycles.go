package analysis

import (
	"cmp"
	"slices"
)

// Cycle is a closed directed chain of relations: its last step ends where
// its first begins. Each step lists every relation from its From to its To.
type Cycle struct {
	Steps []Step `json:"steps"`
}

// Cycles holds the cyclic structure of a graph.
type Cycles struct {
	// Groups are the strongly connected components that contain a cycle
	// (two or more concepts, or one with a self-loop), largest first.
	Groups []Component `json:"groups"`
	// List holds shortest cycles: for each concept on a cycle (in project
	// order) that no listed cycle passes through yet, a shortest cycle
	// through it. Unless Truncated, every concept of every group lies on a
	// listed cycle.
	List []Cycle `json:"list"`
	// Truncated is true when List stopped at the limit.
	Truncated bool `json:"truncated"`
}

// CyclesOf finds the cycle groups of g (strongly connected components, see
// Graph.SCC) and lists at most limit cycles (see Cycles), each found by a
// breadth-first search inside its group.
func CyclesOf(g *Graph, limit int) Cycles {
	n := g.Len()
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var groups [][]int32
	for _, scc := range g.SCC() {
		if len(scc) == 1 && !g.selfLoop[scc[0]] {
			continue
		}
		groups = append(groups, scc)
	}
	slices.SortStableFunc(groups, func(a, b []int32) int { return cmp.Compare(len(b), len(a)) })
	res := Cycles{Groups: make([]Component, len(groups)), List: []Cycle{}}
	var onCycle []int32 // vertices of cycle groups, in project order
	for i, m := range groups {
		res.Groups[i] = Component{Size: len(m), Concepts: g.refs(m)}
		for _, v := range m {
			comp[v] = int32(i)
		}
		onCycle = append(onCycle, m...)
	}
	slices.Sort(onCycle)

	covered := make([]bool, n)
	parent := make([]int32, n)
	stamp := make([]int32, n)
	var cur int32
	queue := make([]int32, 0, 64)
	for _, s := range onCycle {
		if covered[s] {
			continue
		}
		if len(res.List) >= limit {
			res.Truncated = true
			break
		}
		var verts []int32
		if g.selfLoop[s] {
			verts = []int32{s}
		} else {
			// Breadth-first search from s inside its group until an edge returns to s.
			cur++
			stamp[s] = cur
			queue = append(queue[:0], s)
			last := int32(-1)
		search:
			for head := 0; head < len(queue); head++ {
				v := queue[head]
				for _, w := range g.succ[g.succOff[v]:g.succOff[v+1]] {
					if w == s {
						last = v
						break search
					}
					if comp[w] == comp[s] && stamp[w] != cur {
						stamp[w] = cur
						parent[w] = v
						queue = append(queue, w)
					}
				}
			}
			for v := last; v != s; v = parent[v] {
				verts = append(verts, v)
			}
			verts = append(verts, s)
			for i, j := 0, len(verts)-1; i < j; i, j = i+1, j-1 {
				verts[i], verts[j] = verts[j], verts[i]
			}
		}
		cy := Cycle{Steps: make([]Step, len(verts))}
		for k, v := range verts {
			w := verts[(k+1)%len(verts)]
			covered[v] = true
			st := Step{From: g.Ref(int(v)), To: g.Ref(int(w))}
			for _, ri := range g.Between(int(v), int(w)) {
				st.Relations = append(st.Relations, g.stepRel(ri, int(v)))
			}
			cy.Steps[k] = st
		}
		res.List = append(res.List, cy)
	}
	return res
}

// SCC returns the strongly connected components of g, each sorted in
// project order, the components ordered by their first concept. Parallel
// relations and self-loops do not change them. It runs
// dominikbraun/graph's StronglyConnectedComponents over the graph's arrays.
func (g *Graph) SCC() [][]int32 {
	return sccOf(g.succOff, g.succ)
}
