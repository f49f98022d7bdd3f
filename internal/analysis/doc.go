// Package analysis finds insights in a Khareeta project: coverage gaps
// (threats no recommendation answers), unused opportunities, pillars under
// pressure, claims without evidence, cycles, components, central concepts and
// explanation paths between two concepts.
//
// A [Graph] holds the project (or one view of it) as a directed graph over
// the full relation list, in int-indexed adjacency arrays that the
// algorithms run on, and gives it on demand as a
// github.com/dominikbraun/graph value ([Graph.Lib]: vertex = concept id, one
// edge per ordered pair of concepts carrying every relation between them).
// The package imports model and the graph library only: no store, no SQL, no
// Fyne, no Graphviz.
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
// The algorithms run on int-indexed CSR arrays built from the relation list
// (NewGraph), not on the library's map-based store: on the benchmark project
// of 10,000 concepts, building the library graph alone costs three times as
// much as every finding but betweenness together, so [Graph.Lib] builds it only on demand (for
// callers that want it, and for the tests, which check components and path
// lengths against the library's own StronglyConnectedComponents and
// ShortestPath). Betweenness (Brandes, directed, O(V·E)) is exact while the
// work stays within [BetweennessBudget] and estimated from evenly spaced
// sample sources beyond it; the report says which (Structure.BetweennessSample).
package analysis
