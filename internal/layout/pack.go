package layout

import (
	"math"
	"sort"

	"github.com/khareeta/khareeta/internal/text"
)

// A block is something the packer places whole: a connected component as
// Graphviz laid it out, or the grid of the concepts that have no relation
// in the view.
type block struct {
	nodes, edges []int     // indexes into the scene's nodes and edges
	box          text.Rect // the area it covers now
	// grid blocks are re-arranged by the packer: one cell per node
	grid bool
}

// components splits the laid-out graph into its connected components
// (relations in either direction join concepts), each with its bounding
// box, in the order of their first node.
func components(nodes []Node, edges []Edge) []block {
	uf := newUnionFind(len(nodes))
	at := make(map[string]int, len(nodes))
	for i := range nodes {
		at[nodes[i].ConceptID] = i
	}
	for _, e := range edges {
		a, ok1 := at[e.From]
		b, ok2 := at[e.To]
		if ok1 && ok2 {
			uf.union(a, b)
		}
	}
	index := map[int]int{}
	var out []block
	for i := range nodes {
		r := uf.find(i)
		k, ok := index[r]
		if !ok {
			k = len(out)
			index[r] = k
			out = append(out, block{})
		}
		out[k].nodes = append(out[k].nodes, i)
		out[k].box = out[k].box.Union(nodes[i].Rect)
	}
	for j := range edges {
		a, ok := at[edges[j].From]
		if !ok {
			continue
		}
		k := index[uf.find(a)]
		out[k].edges = append(out[k].edges, j)
		out[k].box = out[k].box.Union(edgeBox(&edges[j]))
	}
	return out
}

// edgeBox is the area an edge's curve, arrowhead and label cover.
func edgeBox(e *Edge) text.Rect {
	b := e.Path.Bounds().Union(e.Arrow.Bounds())
	if e.Label != nil {
		b = b.Union(e.LabelRect)
	}
	return b
}

// packing is a placement of blocks: where each block's box goes (top-left
// corner) and the size of the whole.
type packing struct {
	at   []text.Point
	grid []gridPlan // for grid blocks: where each cell goes, relative to the block
	w, h float64
}

type gridPlan struct {
	cells []text.Point // top-left corner of each node's cell
	w, h  float64
}

// pack places the blocks in rows ("shelves"), tallest first, so that the
// whole comes as close as it can to aspect (width / height); rtl fills the
// rows from the right. Concepts without relations, gathered in one grid
// block, are arranged in as many columns as suits the whole. A single
// block is left as it is.
func pack(blocks []block, nodes []Node, gap, aspect float64, rtl bool) packing {
	if aspect <= 0 {
		aspect = math.Sqrt2
	}
	gridIdx := -1
	for i, b := range blocks {
		if b.grid {
			gridIdx = i
		}
	}
	var best packing
	bestScore := -1.0
	try := func(plan gridPlan) {
		sizes := make([][2]float64, len(blocks))
		for i, b := range blocks {
			sizes[i] = [2]float64{b.box.W(), b.box.H()}
			if i == gridIdx {
				sizes[i] = [2]float64{plan.w, plan.h}
			}
		}
		for _, width := range shelfWidths(sizes, gap) {
			at, w, h := shelves(sizes, gap, width, rtl)
			// the scale at which the whole fits a box of the wanted aspect
			score := math.Min(aspect/w, 1/h)
			if score > bestScore*1.0001 {
				bestScore = score
				best = packing{at: at, w: w, h: h}
				if gridIdx >= 0 {
					best.grid = make([]gridPlan, len(blocks))
					best.grid[gridIdx] = plan
				}
			}
		}
	}
	if gridIdx < 0 {
		try(gridPlan{})
		return best
	}
	g := blocks[gridIdx]
	// a grid, never one tall column: at least as many columns as rows
	for cols := int(math.Ceil(math.Sqrt(float64(len(g.nodes))))); cols <= len(g.nodes); cols++ {
		try(gridOf(g.nodes, nodes, cols, gap, rtl))
	}
	return best
}

// gridOf arranges nodes in a table of cols columns (column widths and row
// heights from their widest and tallest node), in reading order.
func gridOf(idx []int, nodes []Node, cols int, gap float64, rtl bool) gridPlan {
	rows := (len(idx) + cols - 1) / cols
	colW := make([]float64, cols)
	rowH := make([]float64, rows)
	for k, i := range idx {
		r, c := k/cols, k%cols
		colW[c] = math.Max(colW[c], nodes[i].Rect.W())
		rowH[r] = math.Max(rowH[r], nodes[i].Rect.H())
	}
	var plan gridPlan
	for _, w := range colW {
		plan.w += w
	}
	plan.w += gap * float64(cols-1)
	for _, h := range rowH {
		plan.h += h
	}
	plan.h += gap * float64(rows-1)
	plan.cells = make([]text.Point, len(idx))
	y := 0.0
	for r := 0; r < rows; r++ {
		x := 0.0
		for c := 0; c < cols; c++ {
			k := r*cols + c
			if k >= len(idx) {
				break
			}
			n := nodes[idx[k]].Rect
			// centred in its cell
			cx := x + (colW[c]-n.W())/2
			if rtl {
				cx = plan.w - x - colW[c] + (colW[c]-n.W())/2
			}
			plan.cells[k] = text.Point{X: cx, Y: y + (rowH[r]-n.H())/2}
			x += colW[c] + gap
		}
		y += rowH[r] + gap
	}
	return plan
}

// shelfWidths returns the row widths worth trying: from the widest block
// to all blocks in one row, in about 24 steps.
func shelfWidths(sizes [][2]float64, gap float64) []float64 {
	lo, total := 0.0, 0.0
	for _, s := range sizes {
		lo = math.Max(lo, s[0])
		total += s[0] + gap
	}
	if total <= lo {
		return []float64{lo}
	}
	var out []float64
	const steps = 24
	for i := 0; i <= steps; i++ {
		out = append(out, lo*math.Pow(total/lo, float64(i)/steps))
	}
	return out
}

// shelves fills rows no wider than width with the blocks, tallest first,
// and returns each block's top-left corner and the size of the whole.
func shelves(sizes [][2]float64, gap, width float64, rtl bool) ([]text.Point, float64, float64) {
	order := make([]int, len(sizes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]][1] > sizes[order[b]][1] })
	at := make([]text.Point, len(sizes))
	type row struct {
		items []int
		w, h  float64
	}
	var rows []row
	for _, i := range order {
		s := sizes[i]
		if n := len(rows); n > 0 && rows[n-1].w+gap+s[0] <= width*1.0001 {
			rows[n-1].items = append(rows[n-1].items, i)
			rows[n-1].w += gap + s[0]
			rows[n-1].h = math.Max(rows[n-1].h, s[1])
			continue
		}
		rows = append(rows, row{items: []int{i}, w: s[0], h: s[1]})
	}
	W, y := 0.0, 0.0
	for _, r := range rows {
		W = math.Max(W, r.w)
	}
	for k, r := range rows {
		x := 0.0
		for _, i := range r.items {
			// blocks sit at the top of their row
			if rtl {
				at[i] = text.Point{X: W - x - sizes[i][0], Y: y}
			} else {
				at[i] = text.Point{X: x, Y: y}
			}
			x += sizes[i][0] + gap
		}
		y += r.h
		if k+1 < len(rows) {
			y += gap
		}
	}
	return at, W, y
}

// applyPacking moves every node and edge of each block to its packed
// place, the top-left of the whole at the origin.
func applyPacking(blocks []block, pk packing, nodes []Node, edges []Edge) {
	for bi, b := range blocks {
		if b.grid && pk.grid != nil {
			plan := pk.grid[bi]
			for k, i := range b.nodes {
				n := &nodes[i]
				target := pk.at[bi].Add(plan.cells[k])
				translateNode(n, target.Sub(n.Rect.Min))
			}
			continue
		}
		d := pk.at[bi].Sub(b.box.Min)
		for _, i := range b.nodes {
			translateNode(&nodes[i], d)
		}
		for _, j := range b.edges {
			translateEdge(&edges[j], d)
		}
	}
}

func translateNode(n *Node, d text.Point) {
	n.Rect = n.Rect.Translate(d)
	n.LabelRect = n.LabelRect.Translate(d)
	n.Outline = n.Outline.Transform(1, d)
	n.Decor = n.Decor.Transform(1, d)
}

func translateEdge(e *Edge, d text.Point) {
	e.Path = e.Path.Transform(1, d)
	e.Arrow = e.Arrow.Transform(1, d)
	e.Tip = e.Tip.Add(d)
	e.LabelRect = e.LabelRect.Translate(d)
}

// packScene packs the components of the laid-out nodes and edges (see
// pack) and returns the size of the graph area. The concepts without
// relations go in one grid block.
func packScene(nodes []Node, edges []Edge, gap, aspect float64, rtl bool) (w, h float64) {
	comps := components(nodes, edges)
	var blocks []block
	var lone block
	lone.grid = true
	for _, c := range comps {
		if len(c.nodes) == 1 && len(c.edges) == 0 {
			lone.nodes = append(lone.nodes, c.nodes[0])
			lone.box = lone.box.Union(c.box)
			continue
		}
		blocks = append(blocks, c)
	}
	switch {
	case len(lone.nodes) == 1:
		lone.grid = false
		blocks = append(blocks, lone)
	case len(lone.nodes) > 1:
		blocks = append(blocks, lone)
	}
	if len(blocks) == 0 {
		return 0, 0
	}
	if len(blocks) == 1 && !blocks[0].grid {
		b := blocks[0].box
		applyPacking(blocks, packing{at: []text.Point{{}}}, nodes, edges)
		return b.W(), b.H()
	}
	pk := pack(blocks, nodes, gap, aspect, rtl)
	applyPacking(blocks, pk, nodes, edges)
	return pk.w, pk.h
}

// unionFind joins items into sets (the connected components of a graph).
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(a, b int) { u[u.find(a)] = u.find(b) }
