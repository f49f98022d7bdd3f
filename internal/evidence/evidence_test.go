package evidence

import (
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

func TestPageSpan(t *testing.T) {
	for _, c := range []struct {
		in     string
		lo, hi int
		ok     bool
	}{
		{"24", 24, 24, true}, {"p. 24", 24, 24, true}, {"p 24", 24, 24, true}, {"P.24", 24, 24, true},
		{"pp. 313-365", 313, 365, true}, {"53–69", 53, 69, true}, {"313-65", 313, 365, true}, {"1198-9", 1198, 1199, true},
		{"ص 24", 24, 24, true}, {"ص. 24", 24, 24, true}, {"ص ص. 22-23", 22, 23, true}, {"ص:13", 13, 13, true}, {"p:13", 13, 13, true},
		{"٢٤-٣٠", 24, 30, true}, {"6-7, 13", 6, 13, true}, {"24f", 24, 24, true}, {"24ff.", 24, 24, true}, {"24 و 30", 24, 30, true},
		{"pages 10 - 12", 10, 12, true}, {"30-24", 24, 30, true}, {"(p. 47)", 47, 47, true},
		{"", 0, 0, false}, {"المبحث الأول، المطلب الثاني، 2", 0, 0, false}, {"chap. 3", 0, 0, false}, {"xii", 0, 0, false},
		{"الفقرة 1", 0, 0, false}, {"e1234", 0, 0, false}, {"12345678", 0, 0, false}, {"pp.", 0, 0, false},
	} {
		lo, hi, ok := PageSpan(c.in)
		if ok != c.ok || lo != c.lo || hi != c.hi {
			t.Errorf("PageSpan(%q) = %d, %d, %v; want %d, %d, %v", c.in, lo, hi, ok, c.lo, c.hi, c.ok)
		}
	}
}

func TestCheck(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	id := func(int) string { return model.NewID() }
	a := model.Concept{ID: id(1), Kind: "threat", Label: model.T("الخلايا الإرهابية", "Terrorist cells"), Created: now, Updated: now}
	b := model.Concept{ID: id(2), Kind: "pillar", Label: model.T("الركيزة الاجتماعية", "Social pillar"), Created: now, Updated: now}
	c := model.Concept{ID: id(3), Kind: "concept", Label: model.T("الأمن المجتمعي", "Community security"), Created: now, Updated: now}
	r1 := model.Relation{ID: id(4), From: a.ID, To: b.ID, Type: "weakens", Created: now, Updated: now}
	r2 := model.Relation{ID: id(5), From: c.ID, To: b.ID, Type: "part-of", Phrase: model.T("يشمل", "includes"), Created: now, Updated: now}
	booth := model.Source{ID: id(6), Type: "article-journal", Title: "Security and emancipation", Authors: []model.Name{{Family: "Booth", Given: "K."}}, Issued: "1991", Pages: "313–326"}
	book := model.Source{ID: id(7), Type: "book", Title: "A book without pages", Issued: "2000"}
	unused := model.Source{ID: id(8), Type: "report", Title: "Never cited", Authors: []model.Name{{Literal: "UNDP"}}, Issued: "1994"}
	cit := []model.Citation{
		{ID: id(9), Source: booth.ID, Concept: a.ID, Locator: "320"},            // fine
		{ID: id(10), Source: booth.ID, Relation: r1.ID, Locator: "pp. 313-365"}, // beyond the end
		{ID: id(11), Source: book.ID, Concept: b.ID},                            // no locator
		{ID: id(12), Source: book.ID, Concept: b.ID, Locator: "999"},            // book has no pages: not checked
		{ID: id(13), Source: booth.ID, Concept: b.ID, Locator: "المبحث الأول"},  // not a page: not checked
		{ID: id(14), Source: booth.ID, Concept: b.ID, Locator: "p. 12"},         // before the start
	}
	p := &model.Project{Meta: model.Meta{Title: model.T("x", "x"), Language: "en"}, Kinds: model.BuiltinKinds(),
		Concepts: []model.Concept{a, b, c}, Relations: []model.Relation{r1, r2}, Sources: []model.Source{booth, book, unused}, Citations: cit}
	for i := range p.Citations {
		p.Citations[i].Created, p.Citations[i].Updated = now, now
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	got := Check(p)
	want := []Finding{
		{UncitedConcept, c.ID, `concept "Community security" (concept) has no citation`},
		{UncitedRelation, r2.ID, `relation "Community security" includes "Social pillar" has no citation`},
		{UnusedSource, unused.ID, `source UNDP (1994), "Never cited" is never cited`},
		{NoLocator, cit[2].ID, `citation of "A book without pages" (2000) for concept "Social pillar" has no locator (page)`},
		{OutOfRange, cit[1].ID, `citation of Booth (1991), "Security and emancipation" for relation "Terrorist cells" weakens "Social pillar" is at "pp. 313-365", outside the source's pages 313–326`},
		{OutOfRange, cit[5].ID, `citation of Booth (1991), "Security and emancipation" for concept "Social pillar" is at "p. 12", outside the source's pages 313–326`},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings:\n%v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	p.Meta.Language = "ar"
	if m := Check(p)[0].Message; !strings.Contains(m, "الأمن المجتمعي") {
		t.Errorf("Arabic project should name concepts in Arabic: %s", m)
	}
	if n := Counts(got); n[OutOfRange] != 2 || n[UncitedConcept] != 1 {
		t.Errorf("counts %v", n)
	}
}

// The sample project records, on purpose, the paper's citation of Booth
// (1991) at pp. 313-365 while the reference list gives 313–326.
func TestSample(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	fs := Check(p)
	found := false
	for _, f := range fs {
		if f.Kind == OutOfRange && strings.Contains(f.Message, "Booth") && strings.Contains(f.Message, "313-365") {
			found = true
		}
		if f.ID == "" || f.Message == "" {
			t.Errorf("incomplete finding %+v", f)
		}
	}
	if !found {
		t.Errorf("the Booth page discrepancy is not reported; findings: %v", Counts(fs))
	}
	t.Logf("sample findings: %v", Counts(fs))
}

func BenchmarkCheck(b *testing.B) {
	p := synth.Project(synth.Benchmark, 1)
	b.Run("concepts=10000/relations=30000/citations=20000", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Check(p)
		}
	})
}
