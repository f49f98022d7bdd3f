package analysis

import (
	"runtime"
	"sort"
	"sync"
)

// DegreeScore is a concept's number of relations. Every relation counts,
// parallel ones included; a self-loop counts once in In and once in Out.
type DegreeScore struct {
	Concept Ref `json:"concept"`
	In      int `json:"in"`
	Out     int `json:"out"`
	Total   int `json:"total"`
}

// Score is a concept's betweenness centrality: Value is the raw Brandes
// score, Normalized divides it by (n-1)(n-2), the number of ordered pairs of
// other concepts.
type Score struct {
	Concept    Ref     `json:"concept"`
	Value      float64 `json:"value"`
	Normalized float64 `json:"normalized"`
}

// Degrees returns the topN concepts by total degree (all when topN <= 0),
// ties in project order.
func Degrees(g *Graph, topN int) []DegreeScore {
	n := g.Len()
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	deg := func(v int) int { return int(g.outOff[v+1]-g.outOff[v]) + int(g.inOff[v+1]-g.inOff[v]) }
	sort.SliceStable(idx, func(a, b int) bool { return deg(idx[a]) > deg(idx[b]) })
	if topN > 0 && topN < n {
		idx = idx[:topN]
	}
	out := make([]DegreeScore, len(idx))
	for i, v := range idx {
		in, o := int(g.inOff[v+1]-g.inOff[v]), int(g.outOff[v+1]-g.outOff[v])
		out[i] = DegreeScore{Concept: g.Ref(v), In: in, Out: o, Total: in + o}
	}
	return out
}

// betweennessChunks fixes how the sources are split, so that the floating
// point sums, and hence the scores, do not depend on the number of CPUs.
const betweennessChunks = 16

// BetweennessBudget is the work, in source × (concepts + edges) units, up
// to which automatic betweenness is exact. Beyond it, AutoSample sources are
// sampled so that the work stays near the budget (about a third of a second
// on one core of the development machine).
const BetweennessBudget = 40_000_000

// AutoSample returns the number of sources automatic betweenness uses on g:
// 0 (all, exact) when that stays within BetweennessBudget, else
// BetweennessBudget / (concepts + edges), at least 64.
func AutoSample(g *Graph) int {
	n := g.Len()
	unit := n + len(g.succ)
	if n == 0 || n*unit <= BetweennessBudget {
		return 0
	}
	k := BetweennessBudget / unit
	if k < 64 {
		k = 64
	}
	if k >= n {
		return 0
	}
	return k
}

// Betweenness returns the directed betweenness centrality of every vertex
// (Brandes 2001) over the simple graph of g: parallel relations count as one
// edge and self-loops are ignored. When 0 < sample < n, only sample sources,
// evenly spaced in project order, are used and the scores are scaled by
// n/sample (an estimate, Brandes and Pich 2007); otherwise the scores are
// exact. The work is spread over GOMAXPROCS goroutines; the result does not
// depend on their number.
func Betweenness(g *Graph, sample int) []float64 {
	n := g.Len()
	sources := make([]int32, 0, n)
	scale := 1.0
	if sample > 0 && sample < n {
		for k := 0; k < sample; k++ {
			sources = append(sources, int32(k*n/sample))
		}
		scale = float64(n) / float64(sample)
	} else {
		for v := 0; v < n; v++ {
			sources = append(sources, int32(v))
		}
	}
	partial := make([][]float64, betweennessChunks)
	work := make(chan int, betweennessChunks)
	for c := 0; c < betweennessChunks; c++ {
		work <- c
	}
	close(work)
	workers := runtime.GOMAXPROCS(0)
	if workers > betweennessChunks {
		workers = betweennessChunks
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := newBrandes(g)
			for c := range work {
				lo, hi := c*len(sources)/betweennessChunks, (c+1)*len(sources)/betweennessChunks
				acc := make([]float64, n)
				for _, s := range sources[lo:hi] {
					b.from(s, acc)
				}
				partial[c] = acc
			}
		}()
	}
	wg.Wait()
	bc := make([]float64, n)
	for _, acc := range partial {
		for v, x := range acc {
			bc[v] += x
		}
	}
	if scale != 1 {
		for v := range bc {
			bc[v] *= scale
		}
	}
	return bc
}

// brandes holds one worker's scratch arrays. The per-vertex state is one
// struct so that the random accesses of a relaxation touch one cache line.
type brandes struct {
	off, adj []int32
	st       []bstate
	order    []int32
	dag      []int32 // pairs v, w of shortest-path DAG edges, in discovery order
}

type bstate struct {
	sigma, delta float64
	dist         int32
}

func newBrandes(g *Graph) *brandes {
	n := g.Len()
	b := &brandes{off: g.succOff, adj: g.succ, st: make([]bstate, n), order: make([]int32, 0, n), dag: make([]int32, 0, 2*len(g.succ))}
	for i := range b.st {
		b.st[i].dist = -1
	}
	return b
}

// from adds the dependencies of source s to acc. The forward pass records
// the edges of the shortest-path DAG; walking them backwards visits every
// edge (v, w) after all edges leaving w, which is the order the
// accumulation needs, without predecessor lists.
func (b *brandes) from(s int32, acc []float64) {
	off, adj, st := b.off, b.adj, b.st
	order, dag := b.order[:0], b.dag[:0]
	st[s].dist = 0
	st[s].sigma = 1
	order = append(order, s)
	for head := 0; head < len(order); head++ {
		v := order[head]
		dv := st[v].dist + 1
		sv := st[v].sigma
		for _, w := range adj[off[v]:off[v+1]] {
			x := &st[w]
			switch d := x.dist; {
			case d < 0:
				x.dist = dv
				x.sigma = sv
				order = append(order, w)
				dag = append(dag, v, w)
			case d == dv:
				x.sigma += sv
				dag = append(dag, v, w)
			}
		}
	}
	for i := len(dag) - 2; i >= 0; i -= 2 {
		x, y := &st[dag[i]], &st[dag[i+1]]
		x.delta += x.sigma / y.sigma * (1 + y.delta)
	}
	for _, v := range order[1:] {
		acc[v] += st[v].delta
	}
	for _, v := range order {
		st[v] = bstate{dist: -1}
	}
	b.order, b.dag = order, dag
}

// TopBetweenness returns the topN concepts by betweenness (all when topN <=
// 0), ties in project order; see Betweenness for sample.
func TopBetweenness(g *Graph, topN, sample int) []Score {
	bc := Betweenness(g, sample)
	n := g.Len()
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return bc[idx[a]] > bc[idx[b]] })
	if topN > 0 && topN < n {
		idx = idx[:topN]
	}
	norm := 0.0
	if n > 2 {
		norm = 1 / float64((n-1)*(n-2))
	}
	out := make([]Score, len(idx))
	for i, v := range idx {
		out[i] = Score{Concept: g.Ref(v), Value: bc[v], Normalized: bc[v] * norm}
	}
	return out
}
