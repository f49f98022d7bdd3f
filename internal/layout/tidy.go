package layout

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// Tidy lays view v out again with Graphviz keeping the concepts of pinned
// where at puts them ("Tidy up" after moving some by hand): neato, with
// those nodes pinned and every other concept starting from its place in
// at (if any), boxes kept apart. It returns the new map position of every
// concept the view shows (the pinned ones exactly as given).
//
// dot cannot keep a node in place (it ignores positions), so neato it is.
// Graphviz keeps the pinned nodes' arrangement but may shift and scale the
// whole; the result is brought back onto the pinned places by the
// translation and scale that fit them best.
func Tidy(ctx context.Context, p *model.Project, v model.View, at map[string]text.Point, pinned map[string]bool, opts ...Option) (map[string]text.Point, error) {
	pr, err := prepare(p, v, opts)
	if err != nil {
		return nil, err
	}
	if pr.done != nil {
		return map[string]text.Point{}, nil
	}
	sc := pr.base
	nodes, _ := makeNodes(&sc, &pr.c, pr.p, pr.ix, pr.ids)
	fs := pr.c.fontSize
	var b bytes.Buffer
	b.WriteString("digraph tidy {\n")
	fmt.Fprintf(&b, "graph [notranslate=true, inputscale=72, overlap=prism, sep=\"+%s\", splines=false];\n", num(fs*0.8))
	b.WriteString("node [fixedsize=true, label=\"\", shape=box];\n")
	// edges as long as two boxes side by side
	var avgW float64
	for i := range nodes {
		avgW += nodes[i].Rect.W()
	}
	avgW /= float64(len(nodes))
	fmt.Fprintf(&b, "edge [len=%s];\n", num((avgW+fs*3)/72))
	index := make(map[string]int, len(nodes))
	var pins []string
	for i := range nodes {
		n := &nodes[i]
		index[n.ConceptID] = i
		fmt.Fprintf(&b, "n%d [width=%s, height=%s", i, num(n.Rect.W()/72), num(n.Rect.H()/72))
		if q, ok := at[n.ConceptID]; ok && finite(q) {
			bang := ""
			if pinned[n.ConceptID] {
				bang = "!"
				pins = append(pins, n.ConceptID)
			}
			fmt.Fprintf(&b, ", pos=\"%s,%s%s\"", num(q.X), num(-q.Y), bang)
		}
		b.WriteString("];\n")
	}
	for _, rid := range pr.rels {
		r := pr.ix.Relations[rid]
		if r.From != r.To {
			fmt.Fprintf(&b, "n%d -> n%d;\n", index[r.From], index[r.To])
		}
	}
	b.WriteString("}\n")
	out, err := runGraphviz(ctx, b.Bytes(), "neato", Dense("neato", len(pr.ids), len(pr.rels)), pr.warn)
	if err != nil {
		return nil, fmt.Errorf("tidy %d concepts: %w", len(pr.ids), err)
	}
	gv, err := parseGV(out)
	if err != nil {
		return nil, err
	}
	res := make(map[string]text.Point, len(nodes))
	for _, o := range gv.Objects {
		i, err := strconv.Atoi(strings.TrimPrefix(o.Name, "n"))
		if err != nil || i < 0 || i >= len(nodes) {
			continue
		}
		v, err := floats(o.Pos)
		if err != nil || len(v) < 2 {
			return nil, fmt.Errorf("read position of node %s: %q", o.Name, o.Pos)
		}
		res[nodes[i].ConceptID] = text.Point{X: v[0], Y: -v[1]}
	}
	if len(res) != len(nodes) {
		return nil, fmt.Errorf("graphviz placed %d of %d concepts", len(res), len(nodes))
	}
	// bring the drawing back onto the pinned places (or, with none, onto
	// the places the concepts had)
	ref := pins
	if len(ref) == 0 {
		for _, id := range pr.ids {
			if _, ok := at[id]; ok {
				ref = append(ref, id)
			}
		}
	}
	k, d := fitSimilarity(res, at, ref)
	for id, q := range res {
		res[id] = text.Point{X: q.X*k + d.X, Y: q.Y*k + d.Y}
	}
	for _, id := range pins {
		res[id] = at[id]
	}
	// Graphviz's overlap removal may have moved pinned nodes, which are
	// put back: a concept that now overlaps another goes to the nearest
	// free place.
	g := newPlaceGrid()
	for _, id := range pins {
		n := &nodes[index[id]]
		g.add(text.RectCenter(res[id], n.Rect.W(), n.Rect.H()))
	}
	kept := make(map[string]bool, len(pins))
	for _, id := range pins {
		kept[id] = true
	}
	for _, id := range pr.ids {
		if kept[id] {
			continue
		}
		n := &nodes[index[id]]
		w, h := n.Rect.W(), n.Rect.H()
		if g.taken(text.RectCenter(res[id], w, h)) {
			res[id] = g.free(res[id], w, h)
		}
		g.add(text.RectCenter(res[id], w, h))
	}
	return res, nil
}

// fitSimilarity returns the scale k and translation d that best map the
// points from[ids] onto to[ids] (least squares; k = 1 with fewer than two
// points or a degenerate spread, nothing to map: k = 1, d = 0).
func fitSimilarity(from, to map[string]text.Point, ids []string) (float64, text.Point) {
	if len(ids) == 0 {
		return 1, text.Point{}
	}
	var fc, tc text.Point
	for _, id := range ids {
		fc, tc = fc.Add(from[id]), tc.Add(to[id])
	}
	n := float64(len(ids))
	fc, tc = text.Point{X: fc.X / n, Y: fc.Y / n}, text.Point{X: tc.X / n, Y: tc.Y / n}
	var sn, sd float64
	for _, id := range ids {
		a, b := from[id].Sub(fc), to[id].Sub(tc)
		sn += a.X*b.X + a.Y*b.Y
		sd += a.X*a.X + a.Y*a.Y
	}
	k := 1.0
	if len(ids) > 1 && sd > 1e-6 && sn > 0 {
		k = sn / sd
	}
	if math.IsNaN(k) || k < 0.2 || k > 5 {
		k = 1
	}
	return k, text.Point{X: tc.X - fc.X*k, Y: tc.Y - fc.Y*k}
}
