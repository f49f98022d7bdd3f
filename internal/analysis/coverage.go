package analysis

import (
	"slices"
	"sort"

	"github.com/khareeta/khareeta/internal/model"
)

// Address says that a recommendation addresses a threat.
type Address struct {
	Recommendation Ref `json:"recommendation"`
	// Direct is true when one relation joins them: an addresses relation in
	// either direction, or a single weakens or threatens relation from the
	// recommendation to the threat.
	Direct bool `json:"direct"`
	// Chain is the shortest negative chain from the recommendation to the
	// threat (one step when Direct and the relation points that way; empty
	// for a reversed addresses relation, see Reversed).
	Chain []Step `json:"chain"`
	// Reversed marks a direct "threat addresses recommendation" relation,
	// read as "is addressed by".
	Reversed bool `json:"reversed,omitempty"`
}

// Offset says that a recommendation strengthens or supports a concept
// (Via) that a threat weakens or threatens.
type Offset struct {
	Recommendation Ref `json:"recommendation"`
	Via            Ref `json:"via"`
}

// ThreatCoverage lists the recommendations that address one threat.
type ThreatCoverage struct {
	Threat Ref `json:"threat"`
	// Addressed is ordered: direct first, then by chain length, then by
	// the recommendations' project order.
	Addressed []Address `json:"addressed"`
	// Offsets lists recommendations that offset the threat (see Offset).
	Offsets []Offset `json:"offsets,omitempty"`
}

// Gap is a threat that no recommendation addresses.
type Gap struct {
	Threat Ref `json:"threat"`
	// OffsetBy lists recommendations that at least offset the threat.
	OffsetBy []Offset `json:"offset_by,omitempty"`
}

// OpportunitySupport lists the recommendations an opportunity supports.
type OpportunitySupport struct {
	Opportunity     Ref   `json:"opportunity"`
	Recommendations []Ref `json:"recommendations"`
}

// PillarPressure counts the threats that weaken a pillar.
type PillarPressure struct {
	Pillar Ref `json:"pillar"`
	// Direct are threats with a weakens or threatens relation to the pillar.
	Direct []Ref `json:"direct"`
	// Transitive are the other threats with a negative chain to the pillar.
	Transitive []Ref `json:"transitive"`
	// Total is len(Direct) + len(Transitive).
	Total int `json:"total"`
}

// Coverage is what the project says about threats, recommendations,
// opportunities and pillars (see the chain rule in the package documentation).
type Coverage struct {
	// Threats lists every threat in project order.
	Threats []ThreatCoverage `json:"threats"`
	// Gaps are the threats no recommendation addresses, in project order.
	Gaps []Gap `json:"gaps"`
	// Opportunities lists every opportunity in project order.
	Opportunities []OpportunitySupport `json:"opportunities"`
	// UnusedOpportunities support no recommendation.
	UnusedOpportunities []Ref `json:"unused_opportunities"`
	// Pillars are ranked by direct threats, then all threats, then project order.
	Pillars []PillarPressure `json:"pillars"`
	// Recommendations lists every recommendation in project order (the
	// columns of Matrix).
	Recommendations []Ref `json:"recommendations"`
}

// Cell values of a coverage matrix.
const (
	CellNone   = ""
	CellDirect = "direct"
	CellChain  = "chain"
)

// Matrix returns the coverage matrix: one row per threat (in the order of
// c.Threats), one column per recommendation (in the order of
// c.Recommendations), each cell CellDirect, CellChain or CellNone.
func (c Coverage) Matrix() [][]string {
	col := make(map[string]int, len(c.Recommendations))
	for j, r := range c.Recommendations {
		col[r.ID] = j
	}
	m := make([][]string, len(c.Threats))
	for i, t := range c.Threats {
		m[i] = make([]string, len(c.Recommendations))
		for _, a := range t.Addressed {
			j, ok := col[a.Recommendation.ID]
			if !ok {
				continue
			}
			if a.Direct {
				m[i][j] = CellDirect
			} else if m[i][j] == CellNone {
				m[i][j] = CellChain
			}
		}
	}
	return m
}

// CoverageOf computes the coverage findings of g with chains of at most
// maxChain relations (4 when maxChain <= 0).
func CoverageOf(g *Graph, maxChain int) Coverage {
	if maxChain <= 0 {
		maxChain = 4
	}
	var threats, recs, opps, pillars []int
	isThreat := make([]bool, g.Len())
	isRec := make([]bool, g.Len())
	for v, c := range g.Concepts {
		switch c.Kind {
		case model.KindThreat:
			threats = append(threats, v)
			isThreat[v] = true
		case model.KindRecommendation:
			recs = append(recs, v)
			isRec[v] = true
		case model.KindOpportunity:
			opps = append(opps, v)
		case model.KindPillar:
			pillars = append(pillars, v)
		}
	}
	cs := newChains(g)
	pos := map[int]int{} // threat vertex → index in cov.Threats
	cov := Coverage{Threats: make([]ThreatCoverage, len(threats)), Gaps: []Gap{},
		Opportunities: []OpportunitySupport{}, UnusedOpportunities: []Ref{}, Pillars: []PillarPressure{},
		Recommendations: make([]Ref, len(recs))}
	for j, r := range recs {
		cov.Recommendations[j] = g.Ref(r)
	}
	for i, t := range threats {
		pos[t] = i
		cov.Threats[i] = ThreatCoverage{Threat: g.Ref(t), Addressed: []Address{}}
	}

	// Recommendations → threats.
	type found struct {
		rec, hops int
		a         Address
	}
	per := make([][]found, len(threats))
	for _, r := range recs {
		cs.run(r, maxChain)
		for _, s := range cs.reached {
			v := int(s >> 1)
			if s&1 == 0 || !isThreat[v] || v == r {
				continue
			}
			rels := cs.path(v, true)
			direct := len(rels) == 1
			per[pos[v]] = append(per[pos[v]], found{r, len(rels), Address{Recommendation: g.Ref(r), Direct: direct, Chain: g.chainSteps(rels)}})
		}
	}
	// Reversed addresses relations (threat → recommendation).
	for i, rel := range g.Rels {
		f, t := int(g.from[i]), int(g.to[i])
		if rel.Type != "addresses" || !isThreat[f] || !isRec[t] {
			continue
		}
		dup := false
		for k, x := range per[pos[f]] {
			if x.rec == t {
				dup = true
				if !x.a.Direct {
					per[pos[f]][k] = found{t, 1, Address{Recommendation: g.Ref(t), Direct: true, Reversed: true, Chain: []Step{}}}
				}
			}
		}
		if !dup {
			per[pos[f]] = append(per[pos[f]], found{t, 1, Address{Recommendation: g.Ref(t), Direct: true, Reversed: true, Chain: []Step{}}})
		}
	}
	for i := range threats {
		fs := per[i]
		sort.SliceStable(fs, func(a, b int) bool {
			if fs[a].a.Direct != fs[b].a.Direct {
				return fs[a].a.Direct
			}
			if fs[a].hops != fs[b].hops {
				return fs[a].hops < fs[b].hops
			}
			return fs[a].rec < fs[b].rec
		})
		for _, f := range fs {
			cov.Threats[i].Addressed = append(cov.Threats[i].Addressed, f.a)
		}
	}

	// Offsets: R —strengthens|supports→ X ←weakens|threatens— T.
	for i, t := range threats {
		seen := map[[2]int]bool{}
		for _, ri := range g.outRel[g.outOff[t]:g.outOff[t+1]] {
			if typ := g.Rels[ri].Type; typ != "weakens" && typ != "threatens" {
				continue
			}
			x := int(g.to[ri])
			for _, rj := range g.inRel[g.inOff[x]:g.inOff[x+1]] {
				r := int(g.from[rj])
				typ := g.Rels[rj].Type
				if !isRec[r] || (typ != "strengthens" && typ != "supports") || seen[[2]int{r, x}] {
					continue
				}
				seen[[2]int{r, x}] = true
				cov.Threats[i].Offsets = append(cov.Threats[i].Offsets, Offset{Recommendation: g.Ref(r), Via: g.Ref(x)})
			}
		}
		if len(cov.Threats[i].Addressed) == 0 {
			cov.Gaps = append(cov.Gaps, Gap{Threat: cov.Threats[i].Threat, OffsetBy: cov.Threats[i].Offsets})
		}
	}

	// Opportunities → recommendations.
	for _, o := range opps {
		sup := map[int]bool{}
		cs.run(o, maxChain)
		for _, s := range cs.reached {
			if v := int(s >> 1); s&1 == 0 && isRec[v] && v != o {
				sup[v] = true
			}
		}
		for _, ri := range g.outRel[g.outOff[o]:g.outOff[o+1]] {
			if t := int(g.to[ri]); isRec[t] && g.Rels[ri].Type == "justifies" {
				sup[t] = true
			}
		}
		for _, ri := range g.inRel[g.inOff[o]:g.inOff[o+1]] {
			if f := int(g.from[ri]); isRec[f] && g.Rels[ri].Type == "requires" {
				sup[f] = true
			}
		}
		vs := make([]int32, 0, len(sup))
		for v := range sup {
			vs = append(vs, int32(v))
		}
		slices.Sort(vs)
		cov.Opportunities = append(cov.Opportunities, OpportunitySupport{Opportunity: g.Ref(o), Recommendations: g.refs(vs)})
		if len(vs) == 0 {
			cov.UnusedOpportunities = append(cov.UnusedOpportunities, g.Ref(o))
		}
	}

	// Threats → pillars.
	isPillar := make([]bool, g.Len())
	for _, p := range pillars {
		isPillar[p] = true
	}
	direct := map[int][]int32{}
	trans := map[int][]int32{}
	for _, t := range threats {
		cs.run(t, maxChain)
		for _, s := range cs.reached {
			v := int(s >> 1)
			if s&1 == 0 || !isPillar[v] || v == t {
				continue
			}
			if hasWeakening(g, t, v) {
				direct[v] = append(direct[v], int32(t))
			} else {
				trans[v] = append(trans[v], int32(t))
			}
		}
	}
	for _, p := range pillars {
		d, tr := direct[p], trans[p]
		cov.Pillars = append(cov.Pillars, PillarPressure{Pillar: g.Ref(p), Direct: g.refs(d), Transitive: g.refs(tr), Total: len(d) + len(tr)})
	}
	order := make(map[string]int, len(pillars))
	for i, p := range pillars {
		order[g.Concepts[p].ID] = i
	}
	sort.SliceStable(cov.Pillars, func(a, b int) bool {
		pa, pb := cov.Pillars[a], cov.Pillars[b]
		if len(pa.Direct) != len(pb.Direct) {
			return len(pa.Direct) > len(pb.Direct)
		}
		if pa.Total != pb.Total {
			return pa.Total > pb.Total
		}
		return order[pa.Pillar.ID] < order[pb.Pillar.ID]
	})
	return cov
}

// hasWeakening reports whether a weakens or threatens relation leads from t to p.
func hasWeakening(g *Graph, t, p int) bool {
	for _, ri := range g.Between(t, p) {
		if typ := g.Rels[ri].Type; typ == "weakens" || typ == "threatens" {
			return true
		}
	}
	return false
}
