package analysis

import (
	"reflect"
	"testing"
)

// coverageProject is a hand-built map with known coverage:
//
//	R1 —addresses→ T1                       direct
//	T2 —addresses→ R2                       direct, reversed
//	R3 —strengthens→ Actor —addresses→ T3   chain
//	R4 —addresses→ Cause —causes→ T4        chain (reduces a cause)
//	R5 —related-to→ T5                      no effect: T5 is a gap
//	R5 —supports→ P1 ←weakens— T5           R5 offsets T5
//	R6 —strengthens→ X1 —strengthens→ X2 —strengthens→ X3 —strengthens→ X4 —addresses→ T6
//	                                        5 relations: beyond MaxChain 4, T6 is a gap
//	R1 —strengthens→ T7                     positive: T7 is a gap
//	O1 —supports→ R1; O2 —strengthens→ M —supports→ R3; O3 justifies R4;
//	R5 requires O4; O5 —related-to→ R1 (unused); O6 alone (unused)
//	T1 —weakens→ P1; T2 —threatens→ P1; T3 —weakens→ P2;
//	T4 —causes→ T1 (so T4 weakens P1 transitively);
//	T6 —weakens→ W —weakens→ P2 (double negative: T6 does not weaken P2)
func coverageProject() *builder {
	b := newBuilder()
	for _, n := range []string{"T1", "T2", "T3", "T4", "T5", "T6", "T7"} {
		b.c(n, "threat")
	}
	for _, n := range []string{"R1", "R2", "R3", "R4", "R5", "R6"} {
		b.c(n, "recommendation")
	}
	for _, n := range []string{"O1", "O2", "O3", "O4", "O5", "O6"} {
		b.c(n, "opportunity")
	}
	b.c("P1", "pillar")
	b.c("P2", "pillar")
	b.c("P3", "pillar")
	for _, n := range []string{"Actor", "Cause", "X1", "X2", "X3", "X4", "M", "W"} {
		b.c(n, "concept")
	}
	b.r("R1", "addresses", "T1")
	b.r("T2", "addresses", "R2")
	b.r("R3", "strengthens", "Actor")
	b.r("Actor", "addresses", "T3")
	b.r("R4", "addresses", "Cause")
	b.r("Cause", "causes", "T4")
	b.r("R5", "related-to", "T5")
	b.r("R5", "supports", "P1")
	b.r("T5", "weakens", "P1")
	b.r("R6", "strengthens", "X1")
	b.r("X1", "strengthens", "X2")
	b.r("X2", "strengthens", "X3")
	b.r("X3", "strengthens", "X4")
	b.r("X4", "addresses", "T6")
	b.r("R1", "strengthens", "T7")
	b.r("O1", "supports", "R1")
	b.r("O2", "strengthens", "M")
	b.r("M", "supports", "R3")
	b.r("O3", "justifies", "R4")
	b.r("R5", "requires", "O4")
	b.r("O5", "related-to", "R1")
	b.r("T1", "weakens", "P1")
	b.r("T2", "threatens", "P1")
	b.r("T3", "weakens", "P2")
	b.r("T4", "causes", "T1")
	b.r("T6", "weakens", "W")
	b.r("W", "weakens", "P2")
	return b
}

func TestCoverage(t *testing.T) {
	b := coverageProject()
	if err := b.p.Validate(); err != nil {
		t.Fatal(err)
	}
	cov := CoverageOf(NewGraph(b.p, nil, ""), 4)

	type want struct {
		recs     []string
		direct   []bool
		reversed []bool
		chain    []string
	}
	wants := map[string]want{
		// T4 leads to T1, so R4 reduces T1 through T4's cause.
		"T1": {[]string{"R1", "R4"}, []bool{true, false}, []bool{false, false}, []string{"R1 —addresses→ T1", "R4 —addresses→ Cause —leads to→ T4 —leads to→ T1"}},
		"T2": {[]string{"R2"}, []bool{true}, []bool{true}, []string{""}},
		"T3": {[]string{"R3"}, []bool{false}, []bool{false}, []string{"R3 —strengthens→ Actor —addresses→ T3"}},
		"T4": {[]string{"R4"}, []bool{false}, []bool{false}, []string{"R4 —addresses→ Cause —leads to→ T4"}},
		"T5": {},
		"T6": {},
		"T7": {},
	}
	if len(cov.Threats) != 7 {
		t.Fatalf("%d threats", len(cov.Threats))
	}
	for _, tc := range cov.Threats {
		w := wants[tc.Threat.Label]
		var recs, chains []string
		var direct, reversed []bool
		for _, a := range tc.Addressed {
			recs = append(recs, a.Recommendation.Label)
			direct = append(direct, a.Direct)
			reversed = append(reversed, a.Reversed)
			chains = append(chains, FormatSteps(a.Chain))
		}
		if !reflect.DeepEqual(recs, w.recs) || !reflect.DeepEqual(direct, w.direct) ||
			!reflect.DeepEqual(reversed, w.reversed) || !reflect.DeepEqual(chains, w.chain) {
			t.Errorf("%s addressed by %v direct %v reversed %v chains %q; want %v %v %v %q",
				tc.Threat.Label, recs, direct, reversed, chains, w.recs, w.direct, w.reversed, w.chain)
		}
	}

	var gaps []string
	for _, g := range cov.Gaps {
		gaps = append(gaps, g.Threat.Label)
	}
	if want := []string{"T5", "T6", "T7"}; !reflect.DeepEqual(gaps, want) {
		t.Errorf("gaps = %v, want %v", gaps, want)
	}
	if o := cov.Gaps[0].OffsetBy; len(o) != 1 || o[0].Recommendation.Label != "R5" || o[0].Via.Label != "P1" {
		t.Errorf("T5 offset by %+v, want R5 via P1", o)
	}
	if len(cov.Gaps[1].OffsetBy) != 0 {
		t.Errorf("T6 offset by %+v", cov.Gaps[1].OffsetBy)
	}

	supports := map[string][]string{}
	for _, o := range cov.Opportunities {
		supports[o.Opportunity.Label] = labels(o.Recommendations)
	}
	wantSup := map[string][]string{"O1": {"R1"}, "O2": {"R3"}, "O3": {"R4"}, "O4": {"R5"}, "O5": {}, "O6": {}}
	if !reflect.DeepEqual(supports, wantSup) {
		t.Errorf("opportunities support %v, want %v", supports, wantSup)
	}
	if got := labels(cov.UnusedOpportunities); !reflect.DeepEqual(got, []string{"O5", "O6"}) {
		t.Errorf("unused opportunities = %v", got)
	}

	type pp struct {
		name          string
		direct, trans []string
	}
	var pillars []pp
	for _, p := range cov.Pillars {
		pillars = append(pillars, pp{p.Pillar.Label, labels(p.Direct), labels(p.Transitive)})
		if p.Total != len(p.Direct)+len(p.Transitive) {
			t.Errorf("%s total %d", p.Pillar.Label, p.Total)
		}
	}
	wantP := []pp{
		{"P1", []string{"T1", "T2", "T5"}, []string{"T4"}},
		{"P2", []string{"T3"}, []string{}},
		{"P3", []string{}, []string{}},
	}
	if !reflect.DeepEqual(pillars, wantP) {
		t.Errorf("pillars = %v, want %v", pillars, wantP)
	}
}

func TestCoverageMatrix(t *testing.T) {
	cov := CoverageOf(NewGraph(coverageProject().p, nil, ""), 4)
	if got := labels(cov.Recommendations); !reflect.DeepEqual(got, []string{"R1", "R2", "R3", "R4", "R5", "R6"}) {
		t.Fatalf("columns = %v", got)
	}
	want := [][]string{
		{"direct", "", "", "chain", "", ""}, // T1
		{"", "direct", "", "", "", ""},      // T2
		{"", "", "chain", "", "", ""},       // T3
		{"", "", "", "chain", "", ""},       // T4
		{"", "", "", "", "", ""},            // T5
		{"", "", "", "", "", ""},            // T6
		{"", "", "", "", "", ""},            // T7
	}
	if got := cov.Matrix(); !reflect.DeepEqual(got, want) {
		t.Errorf("matrix = %q", got)
	}
}

func TestCoverageMaxChain(t *testing.T) {
	b := coverageProject()
	cov := CoverageOf(NewGraph(b.p, nil, ""), 5)
	for _, tc := range cov.Threats {
		if tc.Threat.Label == "T6" {
			if len(tc.Addressed) != 1 || tc.Addressed[0].Recommendation.Label != "R6" || len(tc.Addressed[0].Chain) != 5 {
				t.Errorf("with MaxChain 5, T6 addressed by %+v", tc.Addressed)
			}
		}
	}
	cov = CoverageOf(NewGraph(b.p, nil, ""), 1)
	var gaps []string
	for _, g := range cov.Gaps {
		gaps = append(gaps, g.Threat.Label)
	}
	if want := []string{"T3", "T4", "T5", "T6", "T7"}; !reflect.DeepEqual(gaps, want) {
		t.Errorf("with MaxChain 1, gaps = %v, want %v", gaps, want)
	}
}

func TestCoverageOrdersDirectFirstAndCountsParallelOnce(t *testing.T) {
	b := newBuilder()
	b.c("T", "threat")
	b.c("Far", "recommendation")
	b.c("Near", "recommendation")
	b.c("Mid", "concept")
	b.r("Far", "supports", "Mid")
	b.r("Mid", "weakens", "T")
	b.r("Near", "addresses", "T")
	b.r("Near", "addresses", "T") // parallel
	b.r("T", "addresses", "Near") // and reversed
	cov := CoverageOf(NewGraph(b.p, nil, ""), 0)
	a := cov.Threats[0].Addressed
	if len(a) != 2 || a[0].Recommendation.Label != "Near" || !a[0].Direct || a[0].Reversed || a[1].Recommendation.Label != "Far" || a[1].Direct {
		t.Errorf("addressed = %+v", a)
	}
}

func TestCoverageThroughThreatsAndCycles(t *testing.T) {
	// R addresses T1, which leads to T2 in a cycle T2 → T1: R reduces both.
	b := newBuilder()
	b.c("R", "recommendation")
	b.c("T1", "threat")
	b.c("T2", "threat")
	b.r("R", "addresses", "T1")
	b.r("T1", "causes", "T2")
	b.r("T2", "causes", "T1")
	cov := CoverageOf(NewGraph(b.p, nil, ""), 0)
	if len(cov.Gaps) != 0 {
		t.Errorf("gaps = %+v", cov.Gaps)
	}
	if c := cov.Threats[1].Addressed[0].Chain; FormatSteps(c) != "R —addresses→ T1 —leads to→ T2" {
		t.Errorf("chain to T2 = %s", FormatSteps(c))
	}
}
