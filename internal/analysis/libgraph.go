package analysis

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/dominikbraun/graph"
)

// This file runs dominikbraun/graph's algorithms on the int-indexed arrays
// of a Graph, through arrayStore, a graph.Store that reads them in place
// (see "Speed" in the package documentation for which algorithms do).

// errReadOnly is returned by the mutating methods of arrayStore.
var errReadOnly = errors.New("the analysis graph is read-only")

// arrayStore is a read-only graph.Store[int, int] over one adjacency list of
// a Graph in CSR form: each w in adj[off[v]:off[v+1]] is an edge v → w.
//
// Vertex v has the key (hash and value) v+1, never 0: the library's
// StronglyConnectedComponents (v0.23.0, findSCC) pops a component off its
// stack until it meets the vertex's key, starting from the zero value of
// the key type, so a vertex keyed 0 would yield an empty component.
type arrayStore struct {
	off, adj []int32
}

var _ graph.Store[int, int] = (*arrayStore)(nil)

func (s *arrayStore) n() int { return len(s.off) - 1 }

// key and vertex convert between vertex numbers and store keys.
func key(v int32) int  { return int(v) + 1 }
func vertex(k int) int { return k - 1 }

// AddVertex refuses: the store is read-only.
func (s *arrayStore) AddVertex(int, int, graph.VertexProperties) error { return errReadOnly }

// Vertex returns k when it is the key of a vertex.
func (s *arrayStore) Vertex(k int) (int, graph.VertexProperties, error) {
	if v := vertex(k); v < 0 || v >= s.n() {
		return 0, graph.VertexProperties{}, graph.ErrVertexNotFound
	}
	return k, graph.VertexProperties{}, nil
}

// RemoveVertex refuses: the store is read-only.
func (s *arrayStore) RemoveVertex(int) error { return errReadOnly }

// ListVertices returns the keys 1…n.
func (s *arrayStore) ListVertices() ([]int, error) {
	out := make([]int, s.n())
	for v := range out {
		out[v] = key(int32(v))
	}
	return out, nil
}

// VertexCount returns n.
func (s *arrayStore) VertexCount() (int, error) { return s.n(), nil }

// AddEdge refuses: the store is read-only.
func (s *arrayStore) AddEdge(int, int, graph.Edge[int]) error { return errReadOnly }

// UpdateEdge refuses: the store is read-only.
func (s *arrayStore) UpdateEdge(int, int, graph.Edge[int]) error { return errReadOnly }

// RemoveEdge refuses: the store is read-only.
func (s *arrayStore) RemoveEdge(int, int) error { return errReadOnly }

// Edge returns the edge between the vertices keyed a and b if the list has it.
func (s *arrayStore) Edge(a, b int) (graph.Edge[int], error) {
	if v := vertex(a); v >= 0 && v < s.n() && slices.Contains(s.adj[s.off[v]:s.off[v+1]], int32(vertex(b))) {
		return graph.Edge[int]{Source: a, Target: b}, nil
	}
	return graph.Edge[int]{}, graph.ErrEdgeNotFound
}

// ListEdges returns every edge, by source vertex and then in list order.
func (s *arrayStore) ListEdges() ([]graph.Edge[int], error) {
	out := make([]graph.Edge[int], 0, len(s.adj))
	for v := 0; v < s.n(); v++ {
		for _, w := range s.adj[s.off[v]:s.off[v+1]] {
			out = append(out, graph.Edge[int]{Source: key(int32(v)), Target: key(w)})
		}
	}
	return out, nil
}

// sccOf returns the strongly connected components of the directed graph
// whose adjacency list is off, adj, computed by
// graph.StronglyConnectedComponents over an arrayStore. Each component is
// sorted in project order and the components are ordered by their first
// concept, so the result does not depend on the library's map order.
func sccOf(off, adj []int32) [][]int32 {
	lg := graph.NewWithStore(graph.IntHash, graph.Store[int, int](&arrayStore{off: off, adj: adj}), graph.Directed())
	comps, err := graph.StronglyConnectedComponents(lg)
	if err != nil {
		// Only a failing store or an undirected graph make the library
		// fail; arrayStore never fails and lg is directed.
		panic(fmt.Sprintf("analysis: strongly connected components of the graph's arrays: %v", err))
	}
	out := make([][]int32, len(comps))
	for i, c := range comps {
		m := make([]int32, len(c))
		for i, k := range c {
			m[i] = int32(vertex(k))
		}
		slices.Sort(m)
		out[i] = m
	}
	slices.SortFunc(out, func(a, b []int32) int { return cmp.Compare(a[0], b[0]) })
	return out
}
