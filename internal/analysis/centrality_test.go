package analysis

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/khareeta/khareeta/internal/synth"
)

func TestDegrees(t *testing.T) {
	b := newBuilder()
	for _, n := range []string{"A", "B", "C", "D"} {
		b.c(n, "concept")
	}
	b.r("A", "causes", "B")
	b.r("A", "causes", "B") // parallel relations both count
	b.r("C", "causes", "A")
	b.r("D", "related-to", "D") // a self-loop counts in and out
	got := Degrees(NewGraph(b.p, nil, ""), 0)
	want := []DegreeScore{
		{Concept: Ref{Label: "A"}, In: 1, Out: 2, Total: 3},
		{Concept: Ref{Label: "B"}, In: 2, Out: 0, Total: 2},
		{Concept: Ref{Label: "D"}, In: 1, Out: 1, Total: 2},
		{Concept: Ref{Label: "C"}, In: 0, Out: 1, Total: 1},
	}
	for i := range got {
		got[i].Concept = Ref{Label: got[i].Concept.Label}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("degrees = %+v", got)
	}
	if top := Degrees(NewGraph(b.p, nil, ""), 1); len(top) != 1 || top[0].Concept.Label != "A" {
		t.Errorf("top 1 = %+v", top)
	}
}

func TestBetweennessKnownValues(t *testing.T) {
	b := newBuilder()
	for _, n := range []string{"A", "B", "C", "D", "E"} {
		b.c(n, "concept")
	}
	// A → B → C → D, plus A → E → C: two shortest A–C paths (via B and via
	// E), and a parallel relation and a self-loop that must not count.
	b.r("A", "causes", "B")
	b.r("A", "supports", "B")
	b.r("B", "causes", "C")
	b.r("C", "causes", "D")
	b.r("A", "causes", "E")
	b.r("E", "causes", "C")
	b.r("B", "related-to", "B")
	bc := Betweenness(NewGraph(b.p, nil, ""), 0)
	// B: half of A→C and half of A→D = 1; E likewise; C: A→D, B→D, E→D = 3.
	want := []float64{0, 1, 3, 0, 1}
	if !reflect.DeepEqual(bc, want) {
		t.Errorf("betweenness = %v, want %v", bc, want)
	}
	top := TopBetweenness(NewGraph(b.p, nil, ""), 2, 0)
	if len(top) != 2 || top[0].Concept.Label != "C" || top[1].Concept.Label != "B" || top[0].Normalized != 3.0/12 {
		t.Errorf("top = %+v", top)
	}
}

// naiveBetweenness counts shortest paths pair by pair.
func naiveBetweenness(g *Graph) []float64 {
	n := g.Len()
	dist := make([][]int, n)
	cnt := make([][]float64, n)
	for s := 0; s < n; s++ {
		dist[s] = make([]int, n)
		cnt[s] = make([]float64, n)
		for i := range dist[s] {
			dist[s][i] = -1
		}
		dist[s][s], cnt[s][s] = 0, 1
		q := []int{s}
		for len(q) > 0 {
			v := q[0]
			q = q[1:]
			for _, w := range g.succ[g.succOff[v]:g.succOff[v+1]] {
				if dist[s][w] < 0 {
					dist[s][w] = dist[s][v] + 1
					q = append(q, int(w))
				}
				if dist[s][w] == dist[s][v]+1 {
					cnt[s][w] += cnt[s][v]
				}
			}
		}
	}
	bc := make([]float64, n)
	for s := 0; s < n; s++ {
		for t := 0; t < n; t++ {
			if s == t || dist[s][t] < 0 {
				continue
			}
			for v := 0; v < n; v++ {
				if v != s && v != t && dist[s][v] >= 0 && dist[v][t] >= 0 && dist[s][v]+dist[v][t] == dist[s][t] {
					bc[v] += cnt[s][v] * cnt[v][t] / cnt[s][t]
				}
			}
		}
	}
	return bc
}

func TestBetweennessAgainstNaive(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		g := NewGraph(randomProject(seed, 25, 60).p, nil, "")
		got, want := Betweenness(g, 0), naiveBetweenness(g)
		for v := range want {
			if math.Abs(got[v]-want[v]) > 1e-9 {
				t.Fatalf("seed %d: betweenness of %d = %v, want %v", seed, v, got[v], want[v])
			}
		}
	}
}

func TestBetweennessSampledIsDeterministic(t *testing.T) {
	g := NewGraph(randomProject(7, 200, 600).p, nil, "")
	a, b := Betweenness(g, 50), Betweenness(g, 50)
	if !reflect.DeepEqual(a, b) {
		t.Error("sampled betweenness differs between runs")
	}
	if exact, all := Betweenness(g, 0), Betweenness(g, g.Len()); !reflect.DeepEqual(exact, all) {
		t.Error("a sample as large as the graph is not exact")
	}
}

func BenchmarkBetweenness(b *testing.B) {
	for _, size := range []int{1000, 3000, 10000} {
		p := synth.Project(synth.Sizes{Concepts: size, Relations: 3 * size}, 1)
		g := NewGraph(p, nil, "")
		samples := []int{0}
		if k := AutoSample(g); k > 0 {
			samples = append(samples, k)
		}
		for _, sample := range samples {
			name := fmt.Sprintf("concepts=%d/sources=%d", size, sample)
			if sample == 0 {
				name = fmt.Sprintf("concepts=%d/exact", size)
			}
			b.Run(name, func(b *testing.B) {
				c0 := cpuTime()
				for i := 0; i < b.N; i++ {
					Betweenness(g, sample)
				}
				reportCPU(b, c0)
			})
		}
	}
}
