// Package analysis finds insights in a Khareeta project: coverage gaps
// (threats no recommendation answers), unused opportunities, pillars under
// pressure, claims without evidence, cycles, components, central concepts and
// explanation paths between two concepts.
//
// A [Graph] holds the project (or one view of it) as a directed graph over
// the full relation list, in int-indexed adjacency arrays. The algorithms
// github.com/dominikbraun/graph has (strongly connected components) run on
// those arrays through a read-only graph.Store; the rest are ours (see
// Speed). [Graph.Lib] gives the graph as a library value with concept ids,
// labels and relations (vertex = concept id, one edge per ordered pair of
// concepts carrying every relation between them) for callers that want one.
// Claims without evidence follow evidence.UncitedClaims, the rule `khareeta
// check` applies too. The package imports model, evidence and the graph
// library only: no store, no SQL, no Fyne, no Graphviz.
//
// # The chain rule
//
// Coverage, pillar pressure and opportunity support all ask whether one
// concept pushes another up or down along a chain of relations. Each relation
// type that describes an effect has a sign:
//
//	positive (+1): strengthens, supports, causes (leads to), part-of
//	negative (−1): weakens, threatens, addresses
//
// All other types (requires, justifies, contrasts-with, cites-study,
// related-to and project-specific ones) carry no effect and do not extend a
// chain. A chain is a directed walk of at most [Options.MaxChain] relations
// (4 by default) made only of signed relations; its sign is the product of
// the signs of its relations. So "R addresses X, X leads to T" is negative (R
// reduces a cause of T), "R strengthens A, A addresses T" is negative, "T1
// leads to T2, T2 weakens P" is negative, and "R strengthens O, O weakens T"
// is negative too.
//
//   - A recommendation addresses a threat directly when one relation joins
//     them: an addresses relation in either direction (a reversed "threat
//     addresses recommendation" is read as "is addressed by"), or a weakens
//     or threatens relation from the recommendation to the threat. It
//     addresses the threat through a chain when a negative chain of two or
//     more relations leads from the recommendation to the threat.
//   - A threat is a gap when no recommendation addresses it directly or
//     through a chain. A gap lists the recommendations that at least offset
//     it: those that strengthen or support a concept the threat weakens or
//     threatens (R → X ← T); offsetting does not close a gap.
//   - An opportunity supports a recommendation when a positive chain leads
//     from the opportunity to the recommendation, when the opportunity
//     justifies it, or when the recommendation requires the opportunity.
//     Opportunities that support none are reported as unused.
//   - A threat weakens a pillar directly through a weakens or threatens
//     relation, and transitively through a negative chain. Pillars are
//     ranked by the number of threats that weaken them directly, then by the
//     number of threats that weaken them directly or transitively.
//
// Chains may pass through concepts of any kind, threats and recommendations
// included ("R addresses T1, T1 leads to T2" addresses T2). They are found
// by breadth-first search over (concept, sign) states, so each reported
// chain is a shortest one; a chain may, rarely, visit a concept twice with
// opposite signs.
//
// # Parallel relations
//
// dominikbraun/graph keeps one edge per ordered pair of vertices. [Graph]
// therefore groups the relations between a pair: the library edge carries the
// first relation's id, type and phrase as attributes and the whole group (in
// project order) as its Data, while [Graph.Rels] keeps every relation and the
// algorithms work on that full list. Nothing is lost: degrees count every
// relation, chains may use any of them, and a path step lists every relation
// between its two concepts, in either direction.
//
// # Speed
//
// Targets (README): analyze < 1 s CPU and path < 50 ms on the benchmark
// project (synth.Benchmark: 10,000 concepts, 30,000 relations). The library
// is used where it has the algorithm and stays within them; our own code
// is kept where it has none or cannot. Figures are CPU ms per operation
// from `go test -run X -bench . -benchtime 3x ./internal/analysis`
// (BenchmarkLibrary, BenchmarkAnalyzeParts, BenchmarkPath), medians of
// three runs on a shared 2-core AMD EPYC, before and after the change
// that put the library in:
//
//   - The library's algorithms read a Graph through arrayStore, a
//     graph.Store over the CSR arrays with int keys. Its own map-based store
//     is the slow part: building it ([Graph.Lib]) costs ~290 ms, and its
//     StronglyConnectedComponents then ~130 ms, against ~36 ms over
//     arrayStore (the library still builds an adjacency map per call).
//   - Cycle groups ([Graph.SCC], [CyclesOf]) run the library's
//     StronglyConnectedComponents: cycles 7 → 47 ms.
//   - Components run the same function on the neighbour lists (every
//     relation both ways), whose strongly connected components are the weak
//     components; the library has no algorithm of its own for them:
//     components 3 → 55 ms.
//   - With both, analyze went from 644 to 834 ms CPU (runs 636–751 before,
//     725–911 after, on a machine loaded well beyond its two cores), within
//     the 1 s target. The one rule for uncited claims (evidence 40 → 14 ms)
//     paid for a little of it.
//   - Paths stay ours. The library's ShortestPath (Dijkstra over a fresh
//     adjacency map and priority queue) takes ~40 ms on its own against
//     1.6 ms for our breadth-first search, so `khareeta path` would go from
//     14 ms (ids) and 32 ms (labels) to about 55 and 75 ms, over the 50 ms
//     target; and it returns "an arbitrary one" of equally short paths
//     (Go map order), where ours picks the fewest backward steps, then
//     project order, the same path every time.
//   - Coverage chains stay ours: they are breadth-first searches over
//     (concept, sign) states bounded in depth, one per recommendation,
//     opportunity and threat (3,719 on the benchmark project). The library's
//     BFSWithDepth rebuilds its adjacency map on every call (~7 ms, against
//     0.007 ms for one of our searches: ~26 s in all) and reports no parent
//     of a vertex, so the chain could not be read back.
//   - The listed cycles (a breadth-first search inside a group until it
//     returns to its start) stay ours for the same two reasons: no parents,
//     a map per call. The library has no cycle listing (only CreatesCycle).
//   - Betweenness is ours: the library has none. It is Brandes' algorithm
//     (directed, O(V·E)), exact while the work stays within
//     [BetweennessBudget] and estimated from evenly spaced sample sources
//     beyond it; the report says which (Structure.BetweennessSample). It is
//     most of analyze (~550 ms).
//   - No finding needs a topological order.
//
// TestLibraryMatchesOldCode runs the hand-written components and Tarjan's
// algorithm the analysis used before on random graphs and synthetic
// projects and checks that the library's results are the same.
package analysis
