package analysis

import (
	"fmt"
	"sort"

	"github.com/dominikbraun/graph"
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

// CyclesOf finds the cycle groups of g with github.com/dominikbraun/graph's
// StronglyConnectedComponents and lists at most limit cycles (see Cycles).
func CyclesOf(g *Graph, limit int) (Cycles, error) {
	lg, err := g.Lib()
	if err != nil {
		return Cycles{}, err
	}
	sccs, err := graph.StronglyConnectedComponents(lg)
	if err != nil {
		return Cycles{}, fmt.Errorf("find strongly connected components: %w", err)
	}
	n := g.Len()
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var groups [][]int32
	for _, scc := range sccs {
		if len(scc) == 1 && !g.selfLoop[g.index[scc[0]]] {
			continue
		}
		members := make([]int32, len(scc))
		for i, id := range scc {
			members[i] = g.index[id]
		}
		sortVertices(members)
		groups = append(groups, members)
	}
	sort.Slice(groups, func(i, j int) bool {
		if len(groups[i]) != len(groups[j]) {
			return len(groups[i]) > len(groups[j])
		}
		return groups[i][0] < groups[j][0]
	})
	res := Cycles{Groups: make([]Component, len(groups)), List: []Cycle{}}
	var onCycle []int32 // vertices of cycle groups, in project order
	for i, m := range groups {
		res.Groups[i] = Component{Size: len(m), Concepts: g.refs(m)}
		for _, v := range m {
			comp[v] = int32(i)
		}
		onCycle = append(onCycle, m...)
	}
	sortVertices(onCycle)

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
	return res, nil
}
