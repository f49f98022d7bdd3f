package analysis

import (
	"reflect"
	"testing"

	"github.com/khareeta/khareeta/data"
)

// TestSampleFindings states what the analysis finds in the bundled sample
// project (three Arabic studies of community security in Iraq). If the
// sample changes, these are the statements to re-check, not just re-record.
func TestSampleFindings(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cov := rep.Coverage

	// The real gaps: 11 of the 25 threats are answered by no recommendation,
	// directly or through a chain. Four of them are among the six threats
	// of the paper's chapter three (terrorist cells, internal displacement,
	// uncontrolled weapons, random conflicts and the decline of the rule of
	// law; only marginalised youth and weak justice and services are
	// answered); the other seven are threats named elsewhere in the texts
	// (irregular violence, weapons outside the official framework, the
	// displacement problem, the culture of violence, weak state institutions,
	// terrorism, weak governance). The recommendations speak to strategy,
	// youth, security-sector reform, civil society, corruption and justice,
	// media, identity, social justice and support for the security
	// institutions, not to these.
	var gaps []string
	for _, g := range cov.Gaps {
		gaps = append(gaps, g.Threat.Label)
	}
	wantGaps := []string{
		"تصاعد نشاط الخلايا الارهابية",
		"تعقيدات ملف النزوح الداخلي",
		"السلاح المنفلت وتقويض سلطة الدولة",
		"النزاعات العشوائية وتراجع سلطة القانون",
		"تصاعد وتيرة العنف غير النظامي",
		"انتشار السلاح خارج الإطار الرسمي",
		"مشكلة النزوح الداخلي",
		"ثقافة العنف والاستقواء بالهوية الفرعية",
		"ضعف مؤسسات الدولة",
		"الإرهاب",
		"ضعف الحوكمة",
	}
	if len(cov.Threats) != 25 || !reflect.DeepEqual(gaps, wantGaps) {
		t.Errorf("%d threats; gaps =\n%q\nwant\n%q", len(cov.Threats), gaps, wantGaps)
	}

	// Terrorism is a gap although the department's founding statement
	// addresses it: the items that do are its remit (concepts), not
	// recommendations.
	g := NewGraph(p, nil, "")
	terror := -1
	for v, c := range g.Concepts {
		if c.Label.Get("ar") == "الإرهاب" {
			terror = v
		}
	}
	var addressers []string
	for _, ri := range g.inRel[g.inOff[terror]:g.inOff[terror+1]] {
		if g.Rels[ri].Type == "addresses" {
			addressers = append(addressers, g.Concepts[g.from[ri]].Kind)
		}
	}
	if !reflect.DeepEqual(addressers, []string{"concept", "concept", "concept"}) {
		t.Errorf("terrorism is addressed by kinds %v", addressers)
	}

	// Five gaps are at least offset: the anti-corruption recommendation
	// strengthens the citizens' trust in the state that they weaken.
	offset := 0
	for _, g := range cov.Gaps {
		if len(g.OffsetBy) > 0 {
			offset++
			if o := g.OffsetBy[0]; o.Recommendation.Label != "مكافحة الفساد وتطوير منظومة العدالة وتحسين مستوى الخدمات العامة" || o.Via.Label != "الثقة بين المواطن والدولة" {
				t.Errorf("%s offset by %+v", g.Threat.Label, g.OffsetBy)
			}
		}
	}
	if offset != 5 {
		t.Errorf("%d gaps are offset, want 5", offset)
	}

	// Every opportunity supports at least one recommendation.
	if len(cov.Opportunities) != 5 || len(cov.UnusedOpportunities) != 0 {
		t.Errorf("%d opportunities, unused %v", len(cov.Opportunities), labels(cov.UnusedOpportunities))
	}

	// The social pillar is under the most pressure.
	type pp struct {
		label         string
		direct, trans int
	}
	var pillars []pp
	for _, p := range cov.Pillars {
		pillars = append(pillars, pp{p.Pillar.Label, len(p.Direct), len(p.Transitive)})
	}
	wantP := []pp{{"المرتكز الاجتماعي", 9, 7}, {"المرتكز المؤسسي", 5, 0}, {"المرتكز الاقتصادي", 4, 0}, {"المرتكز الثقافي والقيمي", 1, 0}}
	if !reflect.DeepEqual(pillars, wantP) {
		t.Errorf("pillars = %v, want %v", pillars, wantP)
	}

	// Every concept and relation is backed by a citation.
	if ev := rep.Evidence; ev.Concepts != len(p.Concepts) || ev.Relations != len(p.Relations) || len(ev.UncitedConcepts) != 0 || len(ev.UncitedRelations) != 0 {
		t.Errorf("evidence: %d/%d concepts and %d/%d relations uncited", len(ev.UncitedConcepts), ev.Concepts, len(ev.UncitedRelations), ev.Relations)
	}

	// One connected map, no isolated concept, and one feedback group: the
	// four pillars, community security, social cohesion and poverty (the
	// pillars make up community security, whose absence leads to poverty,
	// which weakens the economic pillar, without which the others do not
	// last).
	st := rep.Structure
	if len(st.Components) != 1 || len(st.Isolated) != 0 || len(st.Cycles.Groups) != 1 || st.Cycles.Truncated {
		t.Fatalf("structure: %d components, %d isolated, %d cycle groups", len(st.Components), len(st.Isolated), len(st.Cycles.Groups))
	}
	wantCycle := []string{"المرتكز الاجتماعي", "المرتكز الاقتصادي", "المرتكز الثقافي والقيمي", "المرتكز المؤسسي", "الأمن المجتمعي", "التماسك الاجتماعي", "الفقر والبطالة وتفاوت توزيع الموارد"}
	if got := labels(st.Cycles.Groups[0].Concepts); !reflect.DeepEqual(got, wantCycle) {
		t.Errorf("cycle group = %q", got)
	}
	if st.Degree[0].Concept.Label != "الأمن المجتمعي" || st.Betweenness[0].Concept.Label != "الأمن المجتمعي" || st.BetweennessSample != 0 {
		t.Errorf("most central: %s by degree, %s by betweenness", st.Degree[0].Concept.Label, st.Betweenness[0].Concept.Label)
	}

	// Explanation path from extremism to the economic pillar.
	res, err := Path(p, "التطرف", "المرتكز الاقتصادي")
	if err != nil {
		t.Fatal(err)
	}
	if want := "التطرف ←يؤدي إلى— الفقر والبطالة وتفاوت توزيع الموارد —يُضعف→ المرتكز الاقتصادي"; res.String() != want {
		t.Errorf("path = %s", res.String())
	}

	// Restricted to the view of recommendations and threats, chains through
	// other concepts disappear and 13 threats are gaps.
	rep, err = Analyze(p, Options{View: "Recommendations answering threats"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Structure.Concepts != 34 || len(rep.Coverage.Gaps) != 13 {
		t.Errorf("view: %d concepts, %d gaps", rep.Structure.Concepts, len(rep.Coverage.Gaps))
	}
}
