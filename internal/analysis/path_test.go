package analysis

import (
	"errors"
	"fmt"
	"testing"

	"github.com/dominikbraun/graph"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

func TestPath(t *testing.T) {
	b := newBuilder()
	b.c("Terrorism", "threat", "الإرهاب")
	b.c("Cohesion", "pillar", "التماسك الاجتماعي")
	b.c("Strategy", "recommendation", "استراتيجية وطنية")
	b.c("Youth", "opportunity", "الشباب")
	b.c("Alone", "concept", "وحيد")
	b.c("Detour", "concept", "التفاف")
	b.r("Terrorism", "weakens", "Cohesion")
	b.r("Strategy", "strengthens", "Cohesion")
	b.r("Strategy", "supports", "Cohesion") // parallel
	b.r("Youth", "supports", "Strategy")
	// A second route Terrorism – Detour – Strategy of the same length, read
	// against both arrows: the path must prefer the route through Cohesion.
	b.r("Detour", "causes", "Terrorism")
	b.r("Strategy", "causes", "Detour")
	b.p.Meta.Language = model.Arabic
	if err := b.p.Validate(); err != nil {
		t.Fatal(err)
	}

	res, err := Path(b.p, "الإرهاب", "Youth")
	if err != nil {
		t.Fatal(err)
	}
	want := "الإرهاب —يُضعف→ التماسك الاجتماعي ←يعزز / يدعم— استراتيجية وطنية ←يدعم— الشباب"
	if !res.Found || res.String() != want || res.Backward != 2 || len(res.Steps) != 3 {
		t.Errorf("path = %q (found %v, backward %d), want %q", res.String(), res.Found, res.Backward, want)
	}
	if s := res.Steps[1]; s.Forward() || len(s.Relations) != 2 || s.Relations[0].Type != "strengthens" || s.Relations[1].Type != "supports" {
		t.Errorf("step 2 = %+v", s)
	}

	// Reading the other way, the route through Detour follows every arrow.
	res, _ = Path(b.p, b.ids["Youth"], b.ids["Terrorism"])
	want = "الشباب —يدعم→ استراتيجية وطنية —يؤدي إلى→ التفاف —يؤدي إلى→ الإرهاب"
	if res.String() != want || res.Backward != 0 {
		t.Errorf("path = %q, backward %d", res.String(), res.Backward)
	}

	res, _ = Path(b.p, "Alone", "Youth")
	if res.Found || len(res.Steps) != 0 || res.String() != "no path between وحيد and الشباب" {
		t.Errorf("unreachable: %+v", res)
	}
	res, _ = Path(b.p, "Youth", "الشباب")
	if !res.Found || len(res.Steps) != 0 || res.String() != "الشباب" {
		t.Errorf("same concept: %+v", res)
	}
	if _, err := Path(b.p, "nothing", "Youth"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown start: %v", err)
	}
}

func TestPathPrefersForwardRoutes(t *testing.T) {
	b := newBuilder()
	for _, n := range []string{"A", "B", "C", "D"} {
		b.c(n, "concept")
	}
	b.r("B", "causes", "A") // A ← B → D: one backward step
	b.r("B", "causes", "D")
	b.r("A", "causes", "C") // A → C → D: forward all the way
	b.r("C", "causes", "D")
	res, _ := Path(b.p, "A", "D")
	if res.String() != "A —leads to→ C —leads to→ D" || res.Backward != 0 {
		t.Errorf("path = %q", res.String())
	}
}

// TestPathLengthAgainstLibrary compares path lengths with
// dominikbraun/graph's ShortestPath on the undirected version of random graphs.
func TestPathLengthAgainstLibrary(t *testing.T) {
	for seed := int64(1); seed <= 10; seed++ {
		b := randomProject(seed, 30, 35)
		g := NewGraph(b.p, nil, "")
		ug := graph.New(graph.StringHash)
		for _, c := range g.Concepts {
			_ = ug.AddVertex(c.ID)
		}
		for _, r := range g.Rels {
			if r.From != r.To {
				_ = ug.AddEdge(r.From, r.To)
			}
		}
		for a := 0; a < g.Len(); a += 3 {
			for z := 0; z < g.Len(); z += 2 {
				if a == z {
					continue
				}
				res := g.Path(a, z)
				lib, err := graph.ShortestPath(ug, g.Concepts[a].ID, g.Concepts[z].ID)
				if res.Found != (err == nil) || (err == nil && len(lib)-1 != len(res.Steps)) {
					t.Fatalf("seed %d %d→%d: ours %d steps (found %v), library %v (%v)", seed, a, z, len(res.Steps), res.Found, lib, err)
				}
				for k, s := range res.Steps {
					if k > 0 && s.From.ID != res.Steps[k-1].To.ID {
						t.Fatalf("broken path")
					}
				}
			}
		}
	}
}

func BenchmarkPath(b *testing.B) {
	p := synth.Project(synth.Benchmark, 1)
	from, to := p.Concepts[0].ID, p.Concepts[len(p.Concepts)-1].ID
	fromLabel := p.Concepts[1].Label.Get("ar")
	for _, bc := range []struct{ name, from string }{{"ids", from}, {"label", fromLabel}} {
		b.Run(fmt.Sprintf("concepts=%d/%s", len(p.Concepts), bc.name), func(b *testing.B) {
			c0 := cpuTime()
			for i := 0; i < b.N; i++ {
				if res, err := Path(p, bc.from, to); err != nil || !res.Found {
					b.Fatal(err)
				}
			}
			reportCPU(b, c0)
		})
	}
}
