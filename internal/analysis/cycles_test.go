package analysis

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dominikbraun/graph"
	"github.com/khareeta/khareeta/internal/model"
)

func TestCycles(t *testing.T) {
	b := newBuilder()
	for _, n := range []string{"A", "B", "C", "D", "E", "F", "G", "H"} {
		b.c(n, "concept")
	}
	// A → B → C → A and C → D → A: one group {A, B, C, D}.
	b.r("A", "causes", "B")
	b.r("B", "causes", "C")
	b.r("B", "supports", "C") // parallel
	b.r("C", "causes", "A")
	b.r("C", "causes", "D")
	b.r("D", "causes", "A")
	// E ⇄ F: a two-concept cycle; G has a self-loop; H → A is not on a cycle.
	b.r("E", "weakens", "F")
	b.r("F", "weakens", "E")
	b.r("G", "related-to", "G")
	b.r("H", "causes", "A")
	g := NewGraph(b.p, nil, "")
	cy := CyclesOf(g, 10)
	var groups [][]string
	for _, c := range cy.Groups {
		groups = append(groups, labels(c.Concepts))
	}
	if want := [][]string{{"A", "B", "C", "D"}, {"E", "F"}, {"G"}}; !reflect.DeepEqual(groups, want) {
		t.Errorf("groups = %v, want %v", groups, want)
	}
	var list []string
	for _, c := range cy.List {
		list = append(list, FormatSteps(c.Steps))
	}
	want := []string{
		"A —leads to→ B —leads to / supports→ C —leads to→ A",
		"D —leads to→ A —leads to→ B —leads to / supports→ C —leads to→ D",
		"E —weakens→ F —weakens→ E",
		"G —is related to→ G",
	}
	if !reflect.DeepEqual(list, want) || cy.Truncated {
		t.Errorf("cycles = %q (truncated %v), want %q", list, cy.Truncated, want)
	}

	cy = CyclesOf(g, 2)
	if len(cy.List) != 2 || !cy.Truncated {
		t.Errorf("limit 2: %d cycles, truncated %v", len(cy.List), cy.Truncated)
	}
}

func TestCyclesAcyclic(t *testing.T) {
	b := newBuilder()
	b.c("A", "concept")
	b.c("B", "concept")
	b.r("A", "causes", "B")
	b.r("A", "causes", "B")
	cy := CyclesOf(NewGraph(b.p, nil, ""), 10)
	if len(cy.Groups) != 0 || len(cy.List) != 0 || cy.Truncated {
		t.Errorf("acyclic graph: %+v", cy)
	}
}

// randomProject makes n concepts and m relations between random pairs,
// self-loops and parallel relations included.
func randomProject(seed int64, n, m int) *builder {
	rng := rand.New(rand.NewSource(seed))
	b := newBuilder()
	kinds := []string{"threat", "recommendation", "pillar", "opportunity", "concept"}
	for i := 0; i < n; i++ {
		b.c(fmt.Sprint("n", i), kinds[rng.Intn(len(kinds))])
	}
	types := []string{"weakens", "addresses", "strengthens", "causes", "related-to", "supports"}
	for i := 0; i < m; i++ {
		b.r(fmt.Sprint("n", rng.Intn(n)), types[rng.Intn(len(types))], fmt.Sprint("n", rng.Intn(n)))
	}
	return b
}

// TestCyclesAgainstReachability checks on random graphs that the groups are
// the sets of mutually reachable concepts that lie on a cycle and that every
// listed cycle is a real one.
func TestCyclesAgainstReachability(t *testing.T) {
	for seed := int64(1); seed <= 30; seed++ {
		b := randomProject(seed, 12, 14)
		g := NewGraph(b.p, nil, "")
		n := g.Len()
		reach := make([][]bool, n)
		for s := 0; s < n; s++ {
			reach[s] = make([]bool, n)
			stack := []int{s}
			for len(stack) > 0 {
				v := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, ri := range g.outRel[g.outOff[v]:g.outOff[v+1]] {
					if w := int(g.to[ri]); !reach[s][w] {
						reach[s][w] = true
						stack = append(stack, w)
					}
				}
			}
		}
		cy := CyclesOf(g, 1000)
		group := map[string]int{}
		for i, c := range cy.Groups {
			for _, r := range c.Concepts {
				group[r.ID] = i + 1
			}
		}
		for u := 0; u < n; u++ {
			gu, onCycle := group[g.Concepts[u].ID]
			if onCycle != reach[u][u] {
				t.Errorf("seed %d: %s on a cycle: got %v, want %v", seed, g.Concepts[u].ID, onCycle, reach[u][u])
			}
			for v := 0; v < n; v++ {
				same := onCycle && gu == group[g.Concepts[v].ID]
				if u != v && same != (reach[u][v] && reach[v][u]) {
					t.Errorf("seed %d: %d and %d same group %v", seed, u, v, same)
				}
			}
		}
		covered := map[string]bool{}
		for _, c := range cy.List {
			for k, s := range c.Steps {
				covered[s.From.ID] = true
				if s.To.ID != c.Steps[(k+1)%len(c.Steps)].From.ID || len(s.Relations) == 0 {
					t.Errorf("seed %d: broken cycle %s", seed, FormatSteps(c.Steps))
				}
				for _, r := range s.Relations {
					if !r.Forward {
						t.Errorf("seed %d: backward relation in a cycle", seed)
					}
				}
			}
		}
		if len(covered) != len(group) {
			t.Errorf("seed %d: cycles cover %d of %d concepts on cycles", seed, len(covered), len(group))
		}
	}
}

// TestSCCAgainstLibrary compares our components with dominikbraun/graph's
// StronglyConnectedComponents on the library view of the same graphs.
func TestSCCAgainstLibrary(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		g := NewGraph(randomProject(seed, 40, 50).p, nil, "")
		lg, err := g.Lib()
		if err != nil {
			t.Fatal(err)
		}
		lib, err := graph.StronglyConnectedComponents(lg)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, c := range lib {
			var ids []string
			for _, id := range c {
				ids = append(ids, fmt.Sprint(g.Vertex(id)))
			}
			sort.Strings(ids)
			want = append(want, strings.Join(ids, ","))
		}
		var got []string
		for _, c := range g.SCC() {
			var ids []string
			for _, v := range c {
				ids = append(ids, fmt.Sprint(v))
			}
			sort.Strings(ids)
			got = append(got, strings.Join(ids, ","))
		}
		sort.Strings(want)
		sort.Strings(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("seed %d: SCC = %v, library %v", seed, got, want)
		}
	}
}

func TestSCCDeepChain(t *testing.T) {
	// A 100,000-concept cycle: no recursion, one component.
	b := newBuilder()
	const n = 100000
	for i := 0; i < n; i++ {
		b.p.Concepts = append(b.p.Concepts, model.Concept{ID: fmt.Sprint(i), Kind: "concept", Label: model.T("", fmt.Sprint(i))})
	}
	for i := 0; i < n; i++ {
		b.p.Relations = append(b.p.Relations, model.Relation{ID: fmt.Sprint("r", i), From: fmt.Sprint(i), To: fmt.Sprint((i + 1) % n), Type: "causes"})
	}
	sccs := NewGraph(b.p, nil, "").SCC()
	if len(sccs) != 1 || len(sccs[0]) != n {
		t.Errorf("%d components", len(sccs))
	}
}
