package analysis

// StepRel is one relation along a step of a chain, a cycle or a path.
// Forward says whether it points from the step's From to its To.
type StepRel struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Phrase  string `json:"phrase"`
	Forward bool   `json:"forward"`
}

// Step joins two consecutive concepts of a chain, cycle or path, with the
// relations that link them.
type Step struct {
	From      Ref       `json:"from"`
	To        Ref       `json:"to"`
	Relations []StepRel `json:"relations"`
}

// Forward reports whether at least one of the step's relations points
// from From to To.
func (s Step) Forward() bool {
	for _, r := range s.Relations {
		if r.Forward {
			return true
		}
	}
	return false
}

// FormatSteps renders steps as one line that reads along the relations, e.g.
// "A —يُضعف→ B ←يعالج— C" (see FormatStepsWith).
func FormatSteps(steps []Step) string { return FormatStepsWith(steps, TextArrows) }

// stepRel describes relation i as seen from vertex a.
func (g *Graph) stepRel(i int, a int) StepRel {
	r := g.Rels[i]
	return StepRel{ID: r.ID, Type: r.Type, Phrase: g.Phrase(i), Forward: int(g.from[i]) == a}
}

// chainSteps turns a sequence of relation indexes (each leaving the vertex
// the previous one entered) into steps with one forward relation each.
func (g *Graph) chainSteps(rels []int32) []Step {
	out := make([]Step, len(rels))
	for k, ri := range rels {
		a, b := int(g.from[ri]), int(g.to[ri])
		out[k] = Step{From: g.Ref(a), To: g.Ref(b), Relations: []StepRel{g.stepRel(int(ri), a)}}
	}
	return out
}

// chains is a reusable breadth-first search over (vertex, sign) states along
// signed relations, bounded in depth. State s = 2*v + bit, bit 1 = negative.
type chains struct {
	g       *Graph
	stamp   []int32 // stamp[s] == cur: state s reached in this run
	via     []int32 // relation that reached s
	depth   []int8
	queue   []int32
	reached []int32 // states reached in this run, in BFS order
	cur     int32
}

func newChains(g *Graph) *chains {
	n := 2 * len(g.Concepts)
	return &chains{g: g, stamp: make([]int32, n), via: make([]int32, n), depth: make([]int8, n)}
}

// run searches from src with at most maxHops relations. Afterwards
// c.reached lists every reached state except the start, nearest first.
func (c *chains) run(src int, maxHops int) {
	c.cur++
	g := c.g
	start := int32(2 * src)
	c.stamp[start] = c.cur
	c.via[start] = -1
	c.depth[start] = 0
	c.queue = append(c.queue[:0], start)
	c.reached = c.reached[:0]
	for head := 0; head < len(c.queue); head++ {
		s := c.queue[head]
		if int(c.depth[s]) >= maxHops {
			continue
		}
		v, neg := s>>1, s&1
		for _, ri := range g.outRel[g.outOff[v]:g.outOff[v+1]] {
			sg := g.sign[ri]
			if sg == 0 {
				continue
			}
			bit := neg
			if sg < 0 {
				bit ^= 1
			}
			t := 2*g.to[ri] + bit
			if c.stamp[t] == c.cur {
				continue
			}
			c.stamp[t] = c.cur
			c.via[t] = ri
			c.depth[t] = c.depth[s] + 1
			c.queue = append(c.queue, t)
			c.reached = append(c.reached, t)
		}
	}
}

// has reports whether (v, negative) was reached in the last run.
func (c *chains) has(v int, negative bool) bool {
	s := 2 * v
	if negative {
		s++
	}
	return c.stamp[s] == c.cur && c.via[s] >= 0
}

// path returns the relations of the chain that reached (v, negative).
func (c *chains) path(v int, negative bool) []int32 {
	s := int32(2 * v)
	if negative {
		s++
	}
	n := int(c.depth[s])
	out := make([]int32, n)
	for k := n - 1; k >= 0; k-- {
		ri := c.via[s]
		out[k] = ri
		// The previous state is the source vertex of ri with the sign before it.
		bit := s & 1
		if c.g.sign[ri] < 0 {
			bit ^= 1
		}
		s = 2*c.g.from[ri] + bit
	}
	return out
}
