package analysis

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

func TestAnalyze(t *testing.T) {
	b := coverageProject()
	b.c("Lonely", "concept")
	b.cite("T1", false)
	b.p.Views = []model.View{{ID: b.id("view"), Name: model.T("التهديدات والركائز", "Threats and pillars"), Kinds: []string{"threat", "pillar"}}}
	if err := b.p.Validate(); err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(b.p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Title != "Test" || rep.Lang != "en" || rep.MaxChain != 4 || rep.View != "" {
		t.Errorf("header = %q %q %d %q", rep.Title, rep.Lang, rep.MaxChain, rep.View)
	}
	if len(rep.Coverage.Gaps) != 3 || len(rep.Coverage.UnusedOpportunities) != 2 {
		t.Errorf("coverage: %d gaps, %d unused", len(rep.Coverage.Gaps), len(rep.Coverage.UnusedOpportunities))
	}
	st := rep.Structure
	if st.Concepts != len(b.p.Concepts) || st.Relations != len(b.p.Relations) {
		t.Errorf("structure counts %d, %d", st.Concepts, st.Relations)
	}
	if got := labels(st.Isolated); !reflect.DeepEqual(got, []string{"O6", "P3", "Lonely"}) {
		t.Errorf("isolated = %v", got)
	}
	if len(st.Cycles.Groups) != 0 || len(st.Degree) != 10 || len(st.Betweenness) != 10 || st.BetweennessSample != 0 {
		t.Errorf("structure = %d cycle groups, %d degree, %d betweenness, sample %d", len(st.Cycles.Groups), len(st.Degree), len(st.Betweenness), st.BetweennessSample)
	}
	if len(rep.Evidence.UncitedConcepts) != len(b.p.Concepts)-1 {
		t.Errorf("%d uncited concepts", len(rep.Evidence.UncitedConcepts))
	}

	// JSON round trip keeps everything.
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, rep) {
		t.Error("report changes through JSON")
	}

	// The view keeps threats and pillars only: T5 still weakens P1, but
	// nothing addresses any threat any more.
	rep, err = Analyze(b.p, Options{View: "Threats and pillars", Lang: "ar", TopN: 3})
	if err != nil {
		t.Fatal(err)
	}
	if rep.View != b.id("view") || rep.ViewName != "التهديدات والركائز" || rep.Title != "اختبار" {
		t.Errorf("view header = %q %q %q", rep.View, rep.ViewName, rep.Title)
	}
	if rep.Structure.Concepts != 10 || len(rep.Coverage.Gaps) != 7 || len(rep.Coverage.Opportunities) != 0 || len(rep.Structure.Degree) != 3 {
		t.Errorf("view: %d concepts, %d gaps", rep.Structure.Concepts, len(rep.Coverage.Gaps))
	}
	if p := rep.Coverage.Pillars[0]; p.Pillar.Label != "P1" || len(p.Direct) != 3 || len(p.Transitive) != 1 {
		t.Errorf("view pillars = %+v", rep.Coverage.Pillars)
	}
	if _, err := Analyze(b.p, Options{View: "nope"}); err == nil {
		t.Error("unknown view accepted")
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	p := &model.Project{Meta: model.Meta{Language: "ar"}, Kinds: model.BuiltinKinds()}
	rep, err := Analyze(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(rep)
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if rep.Structure.Concepts != 0 || rep.Coverage.Gaps == nil || rep.Evidence.UncitedConcepts == nil {
		t.Errorf("empty report: %s", data)
	}
}

func TestAnalyzeSyntheticIsDeterministic(t *testing.T) {
	p := synth.Project(synth.Sizes{Concepts: 2000, Relations: 6000, Sources: 100, Citations: 2000}, 3)
	a, err := Analyze(p, Options{BetweennessSample: 300})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Analyze(p, Options{BetweennessSample: 300})
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Error("two analyses of the same project differ")
	}
	if a.Structure.BetweennessSample != 300 || len(a.Structure.Cycles.List) != 20 || !a.Structure.Cycles.Truncated {
		t.Errorf("sample %d, %d cycles", a.Structure.BetweennessSample, len(a.Structure.Cycles.List))
	}
}

func BenchmarkAnalyze(b *testing.B) {
	p := synth.Project(synth.Benchmark, 1)
	b.Run(fmt.Sprintf("concepts=%d/relations=%d", len(p.Concepts), len(p.Relations)), func(b *testing.B) {
		var rep *Report
		c0 := cpuTime()
		for i := 0; i < b.N; i++ {
			var err error
			if rep, err = Analyze(p, Options{}); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, c0)
		b.ReportMetric(float64(rep.Structure.BetweennessSample), "bc-sources")
	})
}

// BenchmarkAnalyzeParts times each finding on the benchmark project.
func BenchmarkAnalyzeParts(b *testing.B) {
	p := synth.Project(synth.Benchmark, 1)
	g := NewGraph(p, nil, "")
	parts := []struct {
		name string
		f    func()
	}{
		{"graph", func() { NewGraph(p, nil, "") }},
		{"lib", func() {
			(&Graph{Project: p, Concepts: g.Concepts, Rels: g.Rels, from: g.from, to: g.to, index: g.index, Lang: "ar"}).Lib()
		}},
		{"coverage", func() { CoverageOf(g, 4) }},
		{"evidence", func() { EvidenceOf(g) }},
		{"cycles", func() { CyclesOf(g, 20) }},
		{"components", func() { Components(g) }},
		{"degree", func() { Degrees(g, 10) }},
		{"betweenness", func() { TopBetweenness(g, 10, AutoSample(g)) }},
		{"betweenness-exact", func() { TopBetweenness(g, 10, 0) }},
	}
	for _, pt := range parts {
		b.Run(pt.name, func(b *testing.B) {
			c0 := cpuTime()
			for i := 0; i < b.N; i++ {
				pt.f()
			}
			reportCPU(b, c0)
		})
	}
}

// reportCPU adds the CPU time per operation since c0 as a metric: on a
// shared machine it is steadier than wall time.
func reportCPU(b *testing.B, c0 time.Duration) {
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e6, "cpu-ms/op")
}
