package analysis

import "sort"

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

// CyclesOf finds the cycle groups of g (strongly connected components, by
// an iterative Tarjan over the int adjacency arrays) and lists at most limit
// cycles (see Cycles).
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
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i]) > len(groups[j]) })
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
	return res
}

// SCC returns the strongly connected components of g, each sorted in
// project order, the components ordered by their first concept. It is
// Tarjan's algorithm with an explicit stack, so deep graphs do not recurse.
func (g *Graph) SCC() [][]int32 {
	n := g.Len()
	index := make([]int32, n) // 0 = unvisited, else DFS number + 1
	low := make([]int32, n)
	onStack := make([]bool, n)
	var stack []int32
	type frame struct{ v, next int32 }
	var call []frame
	var out [][]int32
	var counter int32
	for root := 0; root < n; root++ {
		if index[root] != 0 {
			continue
		}
		call = append(call[:0], frame{int32(root), g.succOff[root]})
		counter++
		index[root], low[root] = counter, counter
		stack = append(stack, int32(root))
		onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if f.next < g.succOff[v+1] {
				w := g.succ[f.next]
				f.next++
				if index[w] == 0 {
					counter++
					index[w], low[w] = counter, counter
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, g.succOff[w]})
				} else if onStack[w] && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				if u := call[len(call)-1].v; low[v] < low[u] {
					low[u] = low[v]
				}
			}
			if low[v] == index[v] {
				var c []int32
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					c = append(c, w)
					if w == v {
						break
					}
				}
				sortVertices(c)
				out = append(out, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
