package layout

import (
	"context"
	"fmt"
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

// DenseBudget is how long a dense layout (see Dense) may take when the
// caller set no deadline. Graphviz's dot needs about 2 minutes in
// WebAssembly for 200 random concepts with 400 relations, over 4 minutes
// for 300 with 600, and at 400 with 800 it runs for 5–8 minutes and then
// fails out of memory; sfdp lays out 400 with 800 in about 3 seconds.
const DenseBudget = 60 * time.Second

// Dense reports whether a layout of this many concepts and relations with
// this engine may take minutes: the layered and stress engines (dot,
// neato, circo, twopi) on 400 relations or more, or on 150 concepts or
// more with half again as many relations. (A 200-concept map shaped like
// a tree, 280 relations, takes dot about 0.2 s; 200 concepts with 400
// random relations about 2 minutes.)
func Dense(engine string, concepts, relations int) bool {
	switch engine {
	case "dot", "neato", "circo", "twopi":
		return relations >= 400 || concepts >= 150 && 2*relations >= 3*concepts
	}
	return false
}

// BudgetError is returned when a dense layout did not finish within its
// time budget. It wraps context.DeadlineExceeded.
type BudgetError struct {
	Engine              string
	Concepts, Relations int
	Budget              time.Duration
	err                 error
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("the %s layout of %d concepts and %d relations did not finish within %s: lay it out with sfdp, which takes seconds at this size, narrow the view, or allow more time",
		e.Engine, e.Concepts, e.Relations, e.Budget)
}

// Unwrap returns context.DeadlineExceeded.
func (e *BudgetError) Unwrap() error { return e.err }

// budget bounds ctx by the time budget when the layout is dense and ctx
// has no deadline; it returns the budget applied (0 for none).
func (pr *prepared) budget(ctx context.Context) (context.Context, time.Duration, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok || pr.c.budget < 0 || !Dense(pr.base.Engine, len(pr.ids), len(pr.rels)) {
		return ctx, 0, func() {}
	}
	d := pr.c.budget
	if d == 0 {
		d = DenseBudget
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, d, cancel
}

// staggerLeaves returns, for relations to or from a concept that has no
// other relation (a leaf), a minimum rank length cycling through 1…levels
// among the leaves of each concept, as Graphviz's unflatten -l does: the
// leaves of a concept with many of them spread over several ranks instead
// of one very wide rank. levels < 2 returns nil.
func staggerLeaves(ix *model.Index, rels []string, levels int) map[string]int {
	if levels < 2 {
		return nil
	}
	deg := map[string]int{}
	for _, rid := range rels {
		r := ix.Relations[rid]
		deg[r.From]++
		deg[r.To]++
	}
	count := map[string]int{}
	out := map[string]int{}
	for _, rid := range rels {
		r := ix.Relations[rid]
		var hub string
		switch {
		case deg[r.To] == 1 && deg[r.From] > 1:
			hub = r.From
		case deg[r.From] == 1 && deg[r.To] > 1:
			hub = r.To
		default:
			continue
		}
		out[rid] = 1 + count[hub]%levels
		count[hub]++
	}
	return out
}
