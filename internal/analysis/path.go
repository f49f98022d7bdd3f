package analysis

import (
	"fmt"

	"github.com/khareeta/khareeta/internal/model"
)

// PathResult is the shortest explanation path between two concepts.
type PathResult struct {
	From Ref `json:"from"`
	To   Ref `json:"to"`
	// Found is false when no chain of relations, in any direction, joins them.
	Found bool `json:"found"`
	// Steps go from From to To; each lists every relation between its two
	// concepts with its direction. Empty when From is To.
	Steps []Step `json:"steps"`
	// Backward counts the steps that can only be read against a relation.
	Backward int `json:"backward"`
}

// String renders the path on one line, e.g. "A —يُضعف→ B ←يعالج— C".
func (r *PathResult) String() string {
	switch {
	case !r.Found:
		return fmt.Sprintf("no path between %s and %s", r.From.Label, r.To.Label)
	case len(r.Steps) == 0:
		return r.From.Label
	}
	return FormatSteps(r.Steps)
}

// Path resolves from and to (ids or labels, see Resolve) in the project's
// language and returns the shortest explanation path between them over the
// whole project.
func Path(p *model.Project, from, to string) (*PathResult, error) {
	a, err := Resolve(p, from, "")
	if err != nil {
		return nil, fmt.Errorf("find the start of the path: %w", err)
	}
	b, err := Resolve(p, to, "")
	if err != nil {
		return nil, fmt.Errorf("find the end of the path: %w", err)
	}
	g := NewGraph(p, nil, "")
	return g.Path(g.Vertex(a.ID), g.Vertex(b.ID)), nil
}

// Path returns the shortest path from vertex a to vertex b, following
// relations in either direction. Among the shortest paths it picks one with
// the fewest backward steps (steps against every relation between their
// concepts), then the first in project order of neighbours.
func (g *Graph) Path(a, b int) *PathResult {
	res := &PathResult{From: g.Ref(a), To: g.Ref(b), Steps: []Step{}}
	if a == b {
		res.Found = true
		return res
	}
	n := g.Len()
	dist := make([]int32, n)
	cost := make([]int32, n) // backward steps on the best shortest path
	parent := make([]int32, n)
	for i := range dist {
		dist[i] = -1
	}
	dist[a] = 0
	queue := []int32{int32(a)}
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		if dist[b] >= 0 && dist[v] >= dist[b] {
			break
		}
		for _, w := range g.nb[g.nbOff[v]:g.nbOff[v+1]] {
			if dist[w] >= 0 && dist[w] != dist[v]+1 {
				continue
			}
			c := cost[v]
			if !g.hasRel(int(v), int(w)) {
				c++
			}
			if dist[w] < 0 {
				dist[w] = dist[v] + 1
				cost[w] = c
				parent[w] = v
				queue = append(queue, w)
			} else if c < cost[w] {
				cost[w] = c
				parent[w] = v
			}
		}
	}
	if dist[b] < 0 {
		return res
	}
	res.Found = true
	res.Backward = int(cost[b])
	verts := make([]int, dist[b]+1)
	for v, k := int32(b), len(verts)-1; k >= 0; k-- {
		verts[k] = int(v)
		v = parent[v]
	}
	for k := 0; k+1 < len(verts); k++ {
		res.Steps = append(res.Steps, g.step(verts[k], verts[k+1]))
	}
	return res
}

// hasRel reports whether some relation leads from a to b.
func (g *Graph) hasRel(a, b int) bool {
	for _, ri := range g.outRel[g.outOff[a]:g.outOff[a+1]] {
		if int(g.to[ri]) == b {
			return true
		}
	}
	return false
}

// step lists every relation between a and b: those from a to b first, then
// those from b to a, each in project order.
func (g *Graph) step(a, b int) Step {
	st := Step{From: g.Ref(a), To: g.Ref(b)}
	for _, ri := range g.Between(a, b) {
		st.Relations = append(st.Relations, g.stepRel(ri, a))
	}
	for _, ri := range g.Between(b, a) {
		st.Relations = append(st.Relations, g.stepRel(ri, a))
	}
	return st
}
