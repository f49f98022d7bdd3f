package analysis

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/dominikbraun/graph"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

// TestLibraryMatchesOldCode checks, on random graphs (parallel relations
// and self-loops included), on a synthetic project and on a view of it,
// that the components and strongly connected components the library finds
// over the graph's arrays are exactly what the hand-written code found.
func TestLibraryMatchesOldCode(t *testing.T) {
	var graphs []*Graph
	for seed := int64(1); seed <= 40; seed++ {
		n := 5 + int(seed)*3
		graphs = append(graphs, NewGraph(randomProject(seed, n, n+int(seed)%7*n/4).p, nil, ""))
	}
	p := synth.Project(synth.Sizes{Concepts: 3000, Relations: 7000, Sources: 10, Citations: 10}, 4)
	graphs = append(graphs, NewGraph(p, nil, ""), NewGraph(p, nil, "")) // twice: map order differs from run to run
	var half []string
	for i := 0; i < len(p.Concepts); i += 2 {
		half = append(half, p.Concepts[i].ID)
	}
	graphs = append(graphs, NewGraph(p, half, ""), NewGraph(p, []string{}, ""))
	for i, g := range graphs {
		if got, want := g.SCC(), oldSCC(g); !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
			t.Errorf("graph %d (%d concepts): SCC differs from the old code\n got %v\nwant %v", i, g.Len(), got, want)
		}
		if got, want := Components(g), oldComponents(g); !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
			t.Errorf("graph %d (%d concepts): components differ from the old code", i, g.Len())
		}
	}
}

// TestComponentsDeepChain: a 100,000-concept chain, drawn against its
// arrows half the time, is one component (the library recurses once per
// concept on it).
func TestComponentsDeepChain(t *testing.T) {
	b := newBuilder()
	const n = 100000
	for i := 0; i < n; i++ {
		b.p.Concepts = append(b.p.Concepts, model.Concept{ID: fmt.Sprint(i), Kind: "concept", Label: model.T("", fmt.Sprint(i))})
	}
	for i := 0; i+1 < n; i++ {
		from, to := i, i+1
		if i%2 == 1 {
			from, to = to, from
		}
		b.p.Relations = append(b.p.Relations, model.Relation{ID: fmt.Sprint("r", i), From: fmt.Sprint(from), To: fmt.Sprint(to), Type: "causes"})
	}
	g := NewGraph(b.p, nil, "")
	if cs := Components(g); len(cs) != 1 || cs[0].Size != n {
		t.Errorf("%d components", len(cs))
	}
	if sccs := g.SCC(); len(sccs) != n {
		t.Errorf("%d strongly connected components, want %d", len(sccs), n)
	}
}

// TestArrayStore checks the read-only store the library runs on.
func TestArrayStore(t *testing.T) {
	b := newBuilder()
	b.c("A", "concept")
	b.c("B", "concept")
	b.c("C", "concept")
	b.r("A", "causes", "B")
	b.r("A", "supports", "B")
	b.r("B", "causes", "C")
	b.r("C", "causes", "C")
	g := NewGraph(b.p, nil, "")
	s := &arrayStore{off: g.succOff, adj: g.succ}
	lg := graph.NewWithStore(graph.IntHash, graph.Store[int, int](s), graph.Directed())
	if n, _ := lg.Order(); n != 3 {
		t.Errorf("order %d", n)
	}
	if n, _ := lg.Size(); n != 2 {
		t.Errorf("size %d, want 2 (parallel relations are one edge, the self-loop is left out)", n)
	}
	// Vertex v has the key v+1.
	if _, err := lg.Edge(1, 2); err != nil {
		t.Errorf("edge A→B: %v", err)
	}
	if _, err := lg.Edge(2, 1); err == nil {
		t.Error("edge B→A found")
	}
	for _, k := range []int{0, 4} {
		if _, err := lg.Vertex(k); err == nil {
			t.Errorf("vertex keyed %d found", k)
		}
	}
	if v, err := lg.Vertex(3); err != nil || v != 3 {
		t.Errorf("vertex keyed 3 (C): %v, %v", v, err)
	}
	if err := lg.AddVertex(7); err == nil {
		t.Error("AddVertex accepted")
	}
	if err := lg.AddEdge(3, 1); err == nil {
		t.Error("AddEdge accepted")
	}
	if err := lg.RemoveEdge(1, 2); err == nil {
		t.Error("RemoveEdge accepted")
	}

	// The first vertex on a cycle: with key 0 the library would return an
	// empty component and leave it on its stack.
	b.r("C", "causes", "A")
	g = NewGraph(b.p, nil, "")
	if got := g.SCC(); !reflect.DeepEqual(got, [][]int32{{0, 1, 2}}) {
		t.Errorf("SCC = %v", got)
	}
}

// BenchmarkLibrary times dominikbraun/graph's algorithms on the benchmark
// project next to the hand-written code they replace or do not replace
// (the figures in the package documentation).
func BenchmarkLibrary(b *testing.B) {
	p := synth.Project(synth.Benchmark, 1)
	g := NewGraph(p, nil, "")
	mapGraph, err := g.Lib()
	if err != nil {
		b.Fatal(err)
	}
	directed := graph.NewWithStore(graph.IntHash, graph.Store[int, int](&arrayStore{off: g.succOff, adj: g.succ}), graph.Directed())
	undirected := graph.NewWithStore(graph.IntHash, graph.Store[int, int](&arrayStore{off: g.nbOff, adj: g.nb}))
	cs := newChains(g)
	last := g.Len() - 1
	for _, bc := range []struct {
		name string
		f    func()
	}{
		{"scc/old", func() { oldSCC(g) }},
		{"scc/library-arraystore", func() { g.SCC() }},
		{"scc/library-mapstore", func() { mustLib(b)(graph.StronglyConnectedComponents(mapGraph)) }},
		{"components/old", func() { oldComponents(g) }},
		{"components/library-arraystore", func() { Components(g) }},
		{"path/ours", func() { g.Path(0, last) }},
		{"path/library-arraystore", func() { mustLib(b)(graph.ShortestPath(undirected, key(0), key(int32(last)))) }},
		{"bfs/ours-chain-search", func() { cs.run(0, 4) }},
		{"bfs/library-arraystore", func() {
			mustLib(b)(nil, graph.BFSWithDepth(directed, key(0), func(_, depth int) bool { return depth > 4 }))
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			c0 := cpuTime()
			for i := 0; i < b.N; i++ {
				bc.f()
			}
			reportCPU(b, c0)
		})
	}
}

// mustLib fails the benchmark when a library call fails.
func mustLib(b *testing.B) func(any, error) {
	return func(_ any, err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
}

// oldComponents is the breadth-first Components the analysis used before
// it ran the library, kept to check that the results did not change.
func oldComponents(g *Graph) []Component {
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
		slices.Sort(members)
		groups = append(groups, members)
	}
	slices.SortStableFunc(groups, func(a, b []int32) int { return len(b) - len(a) })
	out := make([]Component, len(groups))
	for i, m := range groups {
		out[i] = Component{Size: len(m), Concepts: g.refs(m)}
	}
	return out
}

// oldSCC is the hand-written SCC the analysis used before it ran
// dominikbraun/graph's StronglyConnectedComponents (Tarjan's algorithm
// with an explicit stack), kept to check that the results did not change.
func oldSCC(g *Graph) [][]int32 {
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
				slices.Sort(c)
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b []int32) int { return int(a[0] - b[0]) })
	return out
}
