package analysis

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/dominikbraun/graph"
	"github.com/khareeta/khareeta/internal/model"
)

// Link is one relation as carried on an edge of the library graph.
type Link struct {
	Relation string `json:"relation"`
	Type     string `json:"type"`
	Phrase   string `json:"phrase"`
}

// Ref names a concept in a report: its id, its label in the report's
// language and its kind id.
type Ref struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

// Graph is a project, or the part of it a view shows, as a directed graph.
// It is not safe for concurrent use (it caches labels as it goes).
//
// Vertices are numbered 0…len(Concepts)-1 in project order; relations
// 0…len(Rels)-1 in project order. Every relation whose two ends are in scope
// is kept, parallel relations and self-loops included. [Graph.Lib] gives the
// same graph as a github.com/dominikbraun/graph value.
type Graph struct {
	// Project is the project the graph was built from.
	Project *model.Project
	// Lang is the language labels and phrases are reported in.
	Lang string
	// Concepts are the vertices, in project order.
	Concepts []*model.Concept
	// Rels are the edges, in project order.
	Rels []*model.Relation

	index    map[string]int32
	from, to []int32
	sign     []int8
	// Relations leaving and entering each vertex (CSR: rels of v are
	// outRel[outOff[v]:outOff[v+1]]), in project order.
	outOff, outRel []int32
	inOff, inRel   []int32
	// Distinct successors without self-loops, for betweenness and cycles.
	succOff, succ []int32
	// Distinct neighbours in either direction without self-loops, for
	// paths and components.
	nbOff, nb []int32
	selfLoop  []bool

	// Lazily filled caches of Ref and Phrase results.
	refCache []Ref
	hasRef   []bool
	phrases  []string
	hasPhr   []bool

	libOnce sync.Once
	lib     graph.Graph[string, string]
	libErr  error
}

// NewGraph builds the graph of p restricted to the given concept ids (all
// concepts when concepts is nil), with labels in lang (the project's
// language when lang is empty). Relations are kept when both their ends are
// in scope.
func NewGraph(p *model.Project, concepts []string, lang string) *Graph {
	if lang == "" {
		lang = p.Meta.Language
	}
	g := &Graph{Project: p, Lang: lang}
	var keep map[string]bool
	if concepts != nil {
		keep = make(map[string]bool, len(concepts))
		for _, id := range concepts {
			keep[id] = true
		}
	}
	g.index = make(map[string]int32, len(p.Concepts))
	for i := range p.Concepts {
		c := &p.Concepts[i]
		if keep != nil && !keep[c.ID] {
			continue
		}
		if _, dup := g.index[c.ID]; dup {
			continue
		}
		g.index[c.ID] = int32(len(g.Concepts))
		g.Concepts = append(g.Concepts, c)
	}
	n := len(g.Concepts)
	for i := range p.Relations {
		r := &p.Relations[i]
		f, ok1 := g.index[r.From]
		t, ok2 := g.index[r.To]
		if !ok1 || !ok2 {
			continue
		}
		g.Rels = append(g.Rels, r)
		g.from = append(g.from, f)
		g.to = append(g.to, t)
		g.sign = append(g.sign, int8(Sign(r.Type)))
	}
	g.outOff, g.outRel = csr(n, g.from)
	g.inOff, g.inRel = csr(n, g.to)
	g.selfLoop = make([]bool, n)
	for i := range g.Rels {
		if g.from[i] == g.to[i] {
			g.selfLoop[g.from[i]] = true
		}
	}

	// Distinct successors and neighbours, using a mark array.
	mark := make([]int32, n)
	for i := range mark {
		mark[i] = -1
	}
	g.succOff = make([]int32, n+1)
	g.succ = make([]int32, 0, len(g.Rels))
	for v := 0; v < n; v++ {
		for _, ri := range g.outRel[g.outOff[v]:g.outOff[v+1]] {
			w := g.to[ri]
			if int(w) != v && mark[w] != int32(v) {
				mark[w] = int32(v)
				g.succ = append(g.succ, w)
			}
		}
		g.succOff[v+1] = int32(len(g.succ))
	}
	for i := range mark {
		mark[i] = -1
	}
	g.nbOff = make([]int32, n+1)
	g.nb = make([]int32, 0, 2*len(g.Rels))
	for v := 0; v < n; v++ {
		for _, ri := range g.outRel[g.outOff[v]:g.outOff[v+1]] {
			if w := g.to[ri]; int(w) != v && mark[w] != int32(v) {
				mark[w] = int32(v)
				g.nb = append(g.nb, w)
			}
		}
		for _, ri := range g.inRel[g.inOff[v]:g.inOff[v+1]] {
			if w := g.from[ri]; int(w) != v && mark[w] != int32(v) {
				mark[w] = int32(v)
				g.nb = append(g.nb, w)
			}
		}
		g.nbOff[v+1] = int32(len(g.nb))
	}
	return g
}

// csr groups relation indexes by the vertex ends[i] names, keeping project order.
func csr(n int, ends []int32) (off, rels []int32) {
	off = make([]int32, n+1)
	for _, v := range ends {
		off[v+1]++
	}
	for v := 0; v < n; v++ {
		off[v+1] += off[v]
	}
	rels = make([]int32, len(ends))
	next := append([]int32(nil), off[:n]...)
	for i, v := range ends {
		rels[next[v]] = int32(i)
		next[v]++
	}
	return off, rels
}

// Sign is the effect a relation type has along a chain: +1 for strengthens,
// supports, causes and part-of; -1 for weakens, threatens and addresses; 0
// for every other type (see the package documentation).
func Sign(typ string) int {
	switch typ {
	case "strengthens", "supports", "causes", "part-of":
		return 1
	case "weakens", "threatens", "addresses":
		return -1
	}
	return 0
}

// Len returns the number of concepts in the graph.
func (g *Graph) Len() int { return len(g.Concepts) }

// Vertex returns the vertex number of a concept id, or -1 when the concept is
// not in the graph.
func (g *Graph) Vertex(id string) int {
	if v, ok := g.index[id]; ok {
		return int(v)
	}
	return -1
}

// Ref returns the report reference of vertex v.
func (g *Graph) Ref(v int) Ref {
	if g.hasRef == nil {
		g.refCache, g.hasRef = make([]Ref, len(g.Concepts)), make([]bool, len(g.Concepts))
	}
	if !g.hasRef[v] {
		c := g.Concepts[v]
		g.refCache[v], g.hasRef[v] = Ref{ID: c.ID, Label: c.Label.Get(g.Lang), Kind: c.Kind}, true
	}
	return g.refCache[v]
}

// Phrase returns the linking phrase of relation i in the graph's language,
// falling back to the default phrase of its type.
func (g *Graph) Phrase(i int) string {
	if g.hasPhr == nil {
		g.phrases, g.hasPhr = make([]string, len(g.Rels)), make([]bool, len(g.Rels))
	}
	if !g.hasPhr[i] {
		r := g.Rels[i]
		s := r.Phrase.Get(g.Lang)
		if s == "" {
			s = model.DefaultPhrase(r.Type).Get(g.Lang)
		}
		g.phrases[i], g.hasPhr[i] = s, true
	}
	return g.phrases[i]
}

// Between returns the indexes of the relations from vertex a to vertex b,
// in project order.
func (g *Graph) Between(a, b int) []int {
	var out []int
	for _, ri := range g.outRel[g.outOff[a]:g.outOff[a+1]] {
		if int(g.to[ri]) == b {
			out = append(out, int(ri))
		}
	}
	return out
}

// Lib returns the graph as a directed github.com/dominikbraun/graph graph,
// built on first use. Vertices are concept ids with the attributes "kind"
// and "label". There is one edge per ordered pair of concepts with at least
// one relation between them; its Data is a []Link of every relation from the
// source to the target in project order, and its attributes "relation",
// "type" and "phrase" describe the first of them, "relations" their number.
// Self-loops are edges from a concept to itself.
func (g *Graph) Lib() (graph.Graph[string, string], error) {
	g.libOnce.Do(func() { g.lib, g.libErr = g.buildLib() })
	return g.lib, g.libErr
}

func (g *Graph) buildLib() (graph.Graph[string, string], error) {
	lg := graph.New(graph.StringHash, graph.Directed())
	for v, c := range g.Concepts {
		err := lg.AddVertex(c.ID, graph.VertexAttributes(map[string]string{"kind": c.Kind, "label": g.Ref(v).Label}))
		if err != nil {
			return nil, fmt.Errorf("add concept %s to the graph: %w", c.ID, err)
		}
	}
	type pair struct{ a, b int32 }
	groups := map[pair][]Link{}
	var order []pair
	for i, r := range g.Rels {
		k := pair{g.from[i], g.to[i]}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], Link{Relation: r.ID, Type: r.Type, Phrase: g.Phrase(i)})
	}
	for _, k := range order {
		links := groups[k]
		err := lg.AddEdge(g.Concepts[k.a].ID, g.Concepts[k.b].ID,
			graph.EdgeData(links),
			graph.EdgeAttributes(map[string]string{
				"relation":  links[0].Relation,
				"type":      links[0].Type,
				"phrase":    links[0].Phrase,
				"relations": strconv.Itoa(len(links)),
			}))
		if err != nil {
			return nil, fmt.Errorf("add relation %s to the graph: %w", links[0].Relation, err)
		}
	}
	return lg, nil
}

func (g *Graph) refs(vs []int32) []Ref {
	out := make([]Ref, len(vs))
	for i, v := range vs {
		out[i] = g.Ref(int(v))
	}
	return out
}
