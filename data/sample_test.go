package data

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/interop"
	"github.com/khareeta/khareeta/internal/model"
)

var update = flag.Bool("update", false, "rewrite sample.json in the canonical form interop.WriteJSON writes")

// Exact totals, so that an accidental deletion (or addition) fails.
var wantKindCounts = map[string]int{
	model.KindStudy:          3,
	model.KindPillar:         4,
	model.KindThreat:         25,
	model.KindOpportunity:    5,
	model.KindConclusion:     5,
	model.KindRecommendation: 9,
	model.KindConcept:        52,
	model.KindActor:          25,
}

const (
	wantConceptTotal  = 128
	wantRelationTotal = 225
	wantSourceTotal   = 32
	wantCitationTotal = 475
	wantInTextTotal   = 48
	wantViewTotal     = 4
)

// The three studies, as source keys.
var studyKeys = map[string]bool{"department": true, "yaseen": true, "essay": true}

type wantConcept struct{ kind, ar, en string }
type wantRelation struct{ from, typ, to string }
type wantSource struct{ key, typ, year, title string }
type wantCitation struct{ key, locator, target, printed string }

// sample loads the bundled project and indexes it by folded Arabic label.
type sample struct {
	p        *model.Project
	ix       *model.Index
	byLabel  map[string]*model.Concept
	byKey    map[string]*model.Source
	relLabel map[string]string // relation id → "from|type|to" in folded labels
}

func load(t *testing.T) *sample {
	t.Helper()
	p, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	s := &sample{p: p, ix: model.NewIndex(p), byLabel: map[string]*model.Concept{}, byKey: map[string]*model.Source{}, relLabel: map[string]string{}}
	for i := range p.Concepts {
		c := &p.Concepts[i]
		k := model.Fold(c.Label[model.Arabic])
		if prev, ok := s.byLabel[k]; ok {
			t.Errorf("two concepts share the Arabic label %q (%s, %s)", c.Label[model.Arabic], prev.ID, c.ID)
		}
		s.byLabel[k] = c
	}
	for i := range p.Sources {
		src := &p.Sources[i]
		if _, ok := s.byKey[src.Key]; ok {
			t.Errorf("two sources share the key %q", src.Key)
		}
		s.byKey[src.Key] = src
	}
	for _, r := range p.Relations {
		s.relLabel[r.ID] = relKey(s.ix.Concepts[r.From].Label[model.Arabic], r.Type, s.ix.Concepts[r.To].Label[model.Arabic])
	}
	return s
}

func relKey(from, typ, to string) string { return model.Fold(from) + "|" + typ + "|" + model.Fold(to) }

// isStudy reports whether a citation cites one of the three studies.
func (s *sample) isStudy(c model.Citation) bool { return studyKeys[s.ix.Sources[c.Source].Key] }

func TestSampleIsCanonical(t *testing.T) {
	data := SampleJSON
	if *update {
		var err error
		if data, err = os.ReadFile("sample.json"); err != nil {
			t.Fatal(err)
		}
	}
	p, err := interop.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := interop.WriteJSON(&buf, p); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("sample.json", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(buf.Bytes(), SampleJSON) {
		t.Error("sample.json is not in the form interop.WriteJSON writes; run go test ./data -run TestSampleIsCanonical -update")
	}
}

func TestSampleReturnsFreshCopies(t *testing.T) {
	a, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	want := a.Concepts[0].Label[model.Arabic]
	a.Concepts[0].Label[model.Arabic] = "changed"
	a.Concepts = a.Concepts[:0]
	b, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Concepts) != wantConceptTotal || b.Concepts[0].Label[model.Arabic] != want {
		t.Error("Sample shares state between calls")
	}
}

func TestSampleMetaAndKinds(t *testing.T) {
	s := load(t)
	if s.p.Meta.Language != model.Arabic {
		t.Errorf("primary language = %q, want ar", s.p.Meta.Language)
	}
	if s.p.Meta.Title[model.Arabic] == "" || s.p.Meta.Title[model.English] == "" {
		t.Errorf("title needs Arabic and English: %v", s.p.Meta.Title)
	}
	if !reflect.DeepEqual(s.p.Kinds, model.BuiltinKinds()) {
		t.Errorf("kinds differ from model.BuiltinKinds():\n got %v\nwant %v", s.p.Kinds, model.BuiltinKinds())
	}
}

func TestSampleTotals(t *testing.T) {
	s := load(t)
	counts := map[string]int{}
	for _, c := range s.p.Concepts {
		counts[c.Kind]++
	}
	if !reflect.DeepEqual(counts, wantKindCounts) {
		t.Errorf("concepts per kind = %v, want %v", counts, wantKindCounts)
	}
	inText := 0
	for _, c := range s.p.Citations {
		if !s.isStudy(c) {
			inText++
		}
	}
	for _, n := range []struct {
		what      string
		got, want int
	}{
		{"concepts", len(s.p.Concepts), wantConceptTotal},
		{"relations", len(s.p.Relations), wantRelationTotal},
		{"sources", len(s.p.Sources), wantSourceTotal},
		{"citations", len(s.p.Citations), wantCitationTotal},
		{"in-text citations (to the studies' references)", inText, wantInTextTotal},
		{"views", len(s.p.Views), wantViewTotal},
		{"concepts in the table", len(wantConcepts), wantConceptTotal},
		{"relations in the table", len(wantRelations), wantRelationTotal},
		{"sources in the table", len(wantSources), wantSourceTotal},
		{"in-text citations in the table", len(wantCitations), wantInTextTotal},
	} {
		if n.got != n.want {
			t.Errorf("%s: %d, want %d", n.what, n.got, n.want)
		}
	}
}

func TestSampleConcepts(t *testing.T) {
	s := load(t)
	for _, w := range wantConcepts {
		c, ok := s.byLabel[model.Fold(w.ar)]
		if !ok {
			t.Errorf("missing %s %q (%s)", w.kind, w.ar, w.en)
			continue
		}
		if c.Kind != w.kind {
			t.Errorf("%q: kind %q, want %q", w.ar, c.Kind, w.kind)
		}
		if model.Fold(c.Label[model.English]) != model.Fold(w.en) {
			t.Errorf("%q: English label %q, want %q", w.ar, c.Label[model.English], w.en)
		}
	}
	// Every concept: both labels, at least one citation, and provenance in a study with a section.
	for _, c := range s.p.Concepts {
		if strings.TrimSpace(c.Label[model.Arabic]) == "" || strings.TrimSpace(c.Label[model.English]) == "" {
			t.Errorf("concept %s lacks an Arabic or English label: %v", c.ID, c.Label)
		}
		prov := false
		for _, i := range s.ix.CitationsOf[c.ID] {
			if cit := s.p.Citations[i]; s.isStudy(cit) && cit.Locator != "" {
				prov = true
			}
		}
		if !prov {
			t.Errorf("concept %q has no citation of the study it comes from", c.Label[model.Arabic])
		}
	}
}

func TestSampleRelations(t *testing.T) {
	s := load(t)
	have := map[string]int{}
	for _, r := range s.p.Relations {
		have[s.relLabel[r.ID]]++
		if r.Phrase[model.Arabic] == "" || r.Phrase[model.English] == "" {
			t.Errorf("relation %s lacks an Arabic or English phrase: %v", s.relLabel[r.ID], r.Phrase)
		}
		prov := false
		for _, i := range s.ix.CitationsOf[r.ID] {
			if cit := s.p.Citations[i]; s.isStudy(cit) && cit.Locator != "" && cit.Quote != "" {
				prov = true
			}
		}
		if !prov {
			t.Errorf("relation %s has no quoted citation of the study that states it", s.relLabel[r.ID])
		}
	}
	for k, n := range have {
		if n > 1 {
			t.Errorf("relation %s appears %d times", k, n)
		}
	}
	for _, w := range wantRelations {
		if have[relKey(w.from, w.typ, w.to)] == 0 {
			t.Errorf("missing relation: %q %s %q", w.from, w.typ, w.to)
		}
	}
}

func TestSampleSources(t *testing.T) {
	s := load(t)
	for _, w := range wantSources {
		src, ok := s.byKey[w.key]
		if !ok {
			t.Errorf("missing source %q (%s)", w.key, w.title)
			continue
		}
		if src.Type != w.typ || src.Year() != w.year || model.Fold(src.Title) != model.Fold(w.title) {
			t.Errorf("source %q = {%s %s %q}, want {%s %s %q}", w.key, src.Type, src.Year(), src.Title, w.typ, w.year, w.title)
		}
	}
	for _, src := range s.p.Sources {
		if len(src.Authors) == 0 && src.Key != "essay" {
			t.Errorf("source %q has no author", src.Key)
		}
		if src.Language == "" && src.Key != "mei2022" {
			t.Errorf("source %q has no language", src.Key)
		}
		if !studyKeys[src.Key] && !strings.Contains(src.Note, "reference list") {
			t.Errorf("source %q: note should say where it stands in the reference list", src.Key)
		}
	}
	for _, key := range []string{"saferworld2014", "mei2022"} {
		if src := s.byKey[key]; src == nil || !strings.Contains(src.Note, "not in the reference list") {
			t.Errorf("source %q must be marked as cited in the text but not in the reference list", key)
		}
	}
	// The paper's own record.
	if y := s.byKey["yaseen"]; y == nil || len(y.Authors) != 1 || y.Authors[0].Family != "ياسين" || y.Authors[0].Given != "دعاء منعم" ||
		!strings.Contains(y.Publisher, "جامعة بغداد") || !strings.Contains(y.Note, "Duaa Munam Yaseen") {
		t.Errorf("the paper's source record is wrong: %+v", y)
	}
	if c := s.byKey["caballeroanthony2015"]; c == nil || c.DOI != "10.1080/13569775.2014.994812" || c.Volume != "21" || c.Issue != "1" || c.Pages != "53–69" {
		t.Errorf("Caballero-Anthony record is wrong: %+v", c)
	}
}

func TestSampleCitations(t *testing.T) {
	s := load(t)
	target := func(c model.Citation) string {
		if c.Concept != "" {
			return model.Fold(s.ix.Concepts[c.Concept].Label[model.Arabic])
		}
		return s.relLabel[c.Relation]
	}
	used := map[string]bool{}
	for _, w := range wantCitations {
		wt := model.Fold(w.target)
		if parts := strings.Split(w.target, "|"); len(parts) == 3 {
			wt = relKey(parts[0], parts[1], parts[2])
		}
		found := false
		for _, c := range s.p.Citations {
			if used[c.ID] || s.ix.Sources[c.Source].Key != w.key || c.Locator != w.locator || target(c) != wt ||
				!strings.Contains(c.Note, w.printed) {
				continue
			}
			if c.Quote == "" {
				t.Errorf("citation %s of %q has no quote", w.printed, w.target)
			}
			used[c.ID], found = true, true
			break
		}
		if !found {
			t.Errorf("missing citation %s: %s at %q backing %q", w.printed, w.key, w.locator, w.target)
		}
	}
	// Every reference in the paper's list is cited at least once in the text.
	cited := map[string]bool{}
	for _, c := range s.p.Citations {
		cited[s.ix.Sources[c.Source].Key] = true
	}
	for _, src := range s.p.Sources {
		if !cited[src.Key] {
			t.Errorf("source %q is never cited", src.Key)
		}
	}
}

// TestSampleDiscrepancies checks that where the text and its reference list
// disagree, the sample records what the text says and keeps the difference visible.
func TestSampleDiscrepancies(t *testing.T) {
	s := load(t)
	find := func(key, locator, printed string) *model.Citation {
		for i, c := range s.p.Citations {
			if s.ix.Sources[c.Source].Key == key && c.Locator == locator && strings.Contains(c.Note, printed) {
				return &s.p.Citations[i]
			}
		}
		t.Errorf("no citation %s at %q", printed, locator)
		return nil
	}
	for _, d := range []struct {
		key, locator, printed string
		noteHas               []string
	}{
		{"saferworld2014", "13", "(Saferworld, 2006, p:13)", []string{"2006", "2014"}},
		{"booth1991", "313-365", "(Booth, 1991, pp. 313-365)", []string{"313–326"}},
		{"caballeroanthony2015", "", "Mely Caballero-Anthony (2014)", []string{"2014", "2015"}},
		{"acrps2020security", "211", "ص 211)", []string{"تقرير التنمية الإنسانية العربية"}},
		{"icg2021", "934", "p. 934)", []string{"as printed"}},
		{"mei2022", "", "(معهد الشرق الأوسط، 2022)", []string{"No page"}},
	} {
		c := find(d.key, d.locator, d.printed)
		if c == nil {
			continue
		}
		for _, h := range d.noteHas {
			if !strings.Contains(c.Note, h) {
				t.Errorf("citation %s: note should mention %q: %s", d.printed, h, c.Note)
			}
		}
	}
	if b := s.byKey["booth1991"]; b == nil || b.Pages != "313–326" || !strings.Contains(b.Note, "313-365") {
		t.Errorf("Booth: the list's pages (313–326) and the cited pages (313-365) must both be visible: %+v", b)
	}
	if sw := s.byKey["saferworld2014"]; sw == nil || sw.Issued != "2014" || !strings.Contains(sw.Note, "2006") {
		t.Errorf("Saferworld: the 2014/2006 discrepancy must be visible in the source note: %+v", sw)
	}
}

func TestSampleViews(t *testing.T) {
	s := load(t)
	want := []struct {
		ar, en string
		kinds  []string
	}{
		{"التهديدات والركائز التي تُضعفها", "Threats and the pillars they weaken", []string{model.KindThreat, model.KindPillar}},
		{"توصيات تعالج التهديدات", "Recommendations answering threats", []string{model.KindRecommendation, model.KindThreat}},
		{"الفرص", "Opportunities", []string{model.KindOpportunity, model.KindRecommendation}},
		{"مبررات القسم", "The department's case", nil},
	}
	if len(s.p.Views) != len(want) {
		t.Fatalf("%d views, want %d", len(s.p.Views), len(want))
	}
	for i, w := range want {
		v := s.p.Views[i]
		if v.Name[model.Arabic] != w.ar || v.Name[model.English] != w.en || !reflect.DeepEqual(v.Kinds, w.kinds) {
			t.Errorf("view %d = %v %v, want %s / %s %v", i, v.Name, v.Kinds, w.ar, w.en, w.kinds)
		}
		if v.Layout.Engine != "dot" || v.Layout.Direction != "RL" {
			t.Errorf("view %q layout = %+v, want dot RL", w.ar, v.Layout)
		}
		ids := model.ViewConcepts(s.p, s.ix, v)
		if len(ids) == 0 || len(model.ViewRelations(s.p, ids)) == 0 {
			t.Errorf("view %q shows %d concepts and no relations", w.ar, len(ids))
		}
	}
	// The department's view holds its six justifications and the department.
	in := map[string]bool{}
	for _, id := range s.p.Views[3].Concepts {
		in[id] = true
	}
	for _, l := range append([]string{"قسم الدراسات الأمنية والمجتمعية"}, justifications...) {
		if c := s.byLabel[model.Fold(l)]; c == nil || !in[c.ID] {
			t.Errorf("the department's view lacks %q", l)
		}
	}
}

// justifications are the department's six numbered reasons for being created.
var justifications = []string{
	"انتشار الفكر المتطرف وسيطرة الإرهاب على أجزاء من محافظة الأنبار",
	"الوقاية من خطر الإرهاب المتجدد والاستعداد له قبل أن يولد",
	"توفير المعلومات والخبرات العلمية لصانع القرار في إدارة أزمة الإرهاب",
	"وضع استراتيجية وطنية شاملة لمكافحة الإرهاب والتطرف العنيف",
	"كسب السبق الوطني لجامعة الأنبار في إنشاء قسم أكاديمي بحثي متخصص",
	"دورات تدريبية في الأمن ومواجهة الإرهاب للمختصين في تنفيذ القانون",
}

func TestSampleJustificationsJustifyTheDepartment(t *testing.T) {
	s := load(t)
	dept := s.byLabel[model.Fold("قسم الدراسات الأمنية والمجتمعية")]
	if dept == nil {
		t.Fatal("no department")
	}
	for i, l := range justifications {
		c := s.byLabel[model.Fold(l)]
		if c == nil {
			t.Errorf("missing justification %d %q", i+1, l)
			continue
		}
		if !strings.Contains(c.Notes, fmt.Sprintf("Justification %d ", i+1)) {
			t.Errorf("justification %q: notes should number it %d: %q", l, i+1, c.Notes)
		}
		ok := false
		for _, rid := range s.ix.Out[c.ID] {
			if r := s.ix.Relations[rid]; r.To == dept.ID && r.Type == "justifies" {
				ok = true
			}
		}
		if !ok {
			t.Errorf("justification %q does not justify the department", l)
		}
	}
}

// wantConcepts lists every concept of the sample: kind, Arabic label, English label.
var wantConcepts = []wantConcept{
	{"study", "التعريف بقسم الدراسات الأمنية والمجتمعية ومبررات إنشائه", "The Department of Security and Community Studies: remit and justifications"},
	{"study", "تعزيز الأمن المجتمعي في العراق . . . الفرص والتحديات", "Enhancing Community Security in Iraq: Opportunities and Challenges"},
	{"study", "الأمن المجتمعي روح وجود الأمن", "Community security, the spirit of security (essay)"},
	{"pillar", "المرتكز الاجتماعي", "Social pillar"},
	{"pillar", "المرتكز الاقتصادي", "Economic pillar"},
	{"pillar", "المرتكز الثقافي والقيمي", "Cultural and value pillar"},
	{"pillar", "المرتكز المؤسسي", "Institutional pillar"},
	{"concept", "الأمن المجتمعي", "Community security"},
	{"concept", "الأمن التقليدي", "Traditional security"},
	{"concept", "الأمن الإنساني", "Human security"},
	{"concept", "الأمن الاقتصادي", "Economic security"},
	{"concept", "الأمن الغذائي", "Food security"},
	{"concept", "الأمن الصحي", "Health security"},
	{"concept", "الأمن البيئي", "Environmental security"},
	{"concept", "الأمن الشخصي", "Personal security"},
	{"concept", "الأمن السياسي", "Political security"},
	{"concept", "الأمن المجزأ", "Fragmented security"},
	{"concept", "اللايقين الأمني", "Security uncertainty"},
	{"concept", "التماسك الاجتماعي", "Social cohesion"},
	{"concept", "الانتماء", "Belonging"},
	{"concept", "سلطة القانون", "Rule of law"},
	{"concept", "التنمية", "Development"},
	{"concept", "الثقة بين المواطن والدولة", "Trust between citizen and state"},
	{"concept", "السلم الأهلي", "Civil peace"},
	{"concept", "العقد الاجتماعي", "Social contract"},
	{"concept", "الهوية الوطنية الجامعة", "Inclusive national identity"},
	{"concept", "المواطنة", "Citizenship"},
	{"concept", "الأمن المجتمعي الوقائي", "Preventive community security"},
	{"concept", "النهج التشاركي في الأمن", "Participatory approach to security"},
	{"concept", "الشراكة التكاملية بين الدولة والمجتمع", "Complementary partnership between state and society"},
	{"concept", "نهج الحماية الذاتية", "Self-protection approach"},
	{"concept", "الشراكة الأمنية المحلية", "Local security partnership"},
	{"concept", "الاقتصاد الريعي المعتمد على النفط", "Oil-based rentier economy"},
	{"concept", "انهيار مؤسسات الدولة بعد عام 2003", "Collapse of state institutions after 2003"},
	{"concept", "البدائل غير الرسمية", "Informal alternatives (militias, tribes, community groups)"},
	{"concept", "الاحتجاجات الشعبية", "Popular protests"},
	{"concept", "الأمن", "Security"},
	{"concept", "الفوضى", "Chaos"},
	{"concept", "معرفة الحقوق والواجبات", "Knowing rights and duties"},
	{"concept", "البيئة التربوية", "An educational environment"},
	{"concept", "الازدهار الاقتصادي", "Economic prosperity"},
	{"threat", "تصاعد نشاط الخلايا الارهابية", "Rising activity of terrorist cells"},
	{"threat", "تعقيدات ملف النزوح الداخلي", "Complexities of internal displacement"},
	{"threat", "تهميش الفئات الشبابية", "Marginalisation of youth"},
	{"threat", "السلاح المنفلت وتقويض سلطة الدولة", "Uncontrolled weapons and the undermining of state authority"},
	{"threat", "النزاعات العشوائية وتراجع سلطة القانون", "Random conflicts and the decline of the rule of law"},
	{"threat", "تراجع العدالة وتدهور الخدمات العامة", "Decline of justice and deterioration of public services"},
	{"threat", "تصاعد وتيرة العنف غير النظامي", "Rising irregular violence"},
	{"threat", "انتشار السلاح خارج الإطار الرسمي", "Spread of weapons outside the official framework"},
	{"threat", "الفقر والبطالة وتفاوت توزيع الموارد", "Poverty, unemployment and unequal distribution of resources"},
	{"threat", "مشكلة النزوح الداخلي", "The problem of internal displacement"},
	{"threat", "غياب استراتيجية وطنية متكاملة لإدارة ملف الأمن المجتمعي", "Absence of an integrated national strategy for community security"},
	{"threat", "تعدد مصادر القرار وتفاوت مستويات التدريب وغياب التنسيق في المؤسسة الأمنية", "Multiple decision centres, uneven training and lack of coordination in the security institution"},
	{"threat", "غياب إطار وطني متكامل ينظم العلاقة بين الدولة ومنظمات المجتمع المدني", "No integrated national framework for the relation between the state and civil society organisations"},
	{"threat", "الانقسامات المجتمعية", "Social divisions"},
	{"threat", "غياب العدالة الاجتماعية وتكافؤ الفرص", "Absence of social justice and equal opportunity"},
	{"threat", "ثقافة العنف والاستقواء بالهوية الفرعية", "Culture of violence and reliance on sub-identities"},
	{"threat", "ضعف مؤسسات الدولة", "Weakness of state institutions"},
	{"threat", "الإرهاب", "Terrorism"},
	{"threat", "النزاعات الداخلية", "Internal conflicts"},
	{"threat", "الفساد", "Corruption"},
	{"threat", "ضعف الحوكمة", "Weak governance"},
	{"threat", "التطرف", "Extremism"},
	{"threat", "خطاب الكراهية والانقسام", "Hate speech and division"},
	{"threat", "الجريمة", "Crime"},
	{"threat", "الانحرافات الاجتماعية", "Social deviance"},
	{"opportunity", "التوجّه نحو الإصلاح السياسي والإداري", "Political and administrative reform"},
	{"opportunity", "الطاقات الشبابية", "Youth energies"},
	{"opportunity", "الإعلام، خصوصاً الإعلام الرقمي", "Media, especially digital media"},
	{"opportunity", "برامج التعاون الدولي", "International cooperation programmes"},
	{"opportunity", "تنامي دور منظمات المجتمع المدني", "Growing role of civil society organisations"},
	{"conclusion", "يتجاوز الأمن المجتمعي البُعد العسكري التقليدي ليشمل الأمن الإنساني الشامل", "Community security goes beyond the traditional military dimension to comprehensive human security"},
	{"conclusion", "انهيار مؤسسات الدولة بعد 2003 أنتج ظاهرة الأمن المجزأ", "The collapse of state institutions after 2003 produced 'fragmented security'"},
	{"conclusion", "تتشابك التحديات البنيوية فتجعل أي معالجة أحادية البُعد قاصرة", "Intertwined structural challenges make any one-dimensional remedy insufficient"},
	{"conclusion", "تتوفر في العراق فرص استراتيجية حقيقية لتعزيز الأمن المجتمعي", "Iraq has real strategic opportunities to enhance community security"},
	{"conclusion", "لا يتحقق الأمن المجتمعي المستدام عبر المؤسسات الأمنية وحدها", "Sustainable community security cannot come from the security institutions alone"},
	{"recommendation", "إعداد استراتيجية وطنية متكاملة للأمن المجتمعي", "Prepare an integrated national strategy for community security"},
	{"recommendation", "تمكين الشباب وتوسيع مشاركتهم في صياغة السياسات العامة", "Empower youth and widen their part in shaping public policy"},
	{"recommendation", "إصلاح القطاع الأمني وفق نهج مجتمعي وقائي", "Reform the security sector on a preventive, community-based approach"},
	{"recommendation", "تعزيز دور منظمات المجتمع المدني وإصدار إطار تشريعي ينظم علاقتها بالدولة", "Strengthen civil society organisations and legislate their relation to the state"},
	{"recommendation", "مكافحة الفساد وتطوير منظومة العدالة وتحسين مستوى الخدمات العامة", "Fight corruption, develop the justice system and improve public services"},
	{"recommendation", "تفعيل دور الإعلام الوطني المستقل في بناء خطاب مجتمعي جامع", "Activate independent national media to build an inclusive public discourse"},
	{"recommendation", "تعزيز الهوية الوطنية الجامعة", "Strengthen an inclusive national identity"},
	{"recommendation", "تعزيز العدالة الاجتماعية وتقليص الفجوات الاقتصادية", "Strengthen social justice and narrow economic gaps"},
	{"recommendation", "دعم الأجهزة الأمنية والوقوف معها إعلامياً وفعلياً", "Stand with the security services and support them in the media and in deed"},
	{"actor", "المؤسسات الأمنية", "Security institutions"},
	{"actor", "منظمات المجتمع المدني", "Civil society organisations"},
	{"actor", "الشباب", "Youth"},
	{"actor", "الإعلام", "Media"},
	{"actor", "المنظمات الدولية", "International organisations"},
	{"actor", "العشائر", "Tribes"},
	{"actor", "الميليشيات", "Militias"},
	{"actor", "صانع القرار السياسي والأمني", "Political and security decision makers"},
	{"actor", "الباحثون في الشأن الأمني العراقي", "Researchers on Iraqi security"},
	{"actor", "المؤسسات الرسمية", "Official institutions and the government"},
	{"actor", "تنظيم داعش", "ISIS (Daesh)"},
	{"actor", "النازحون والمجتمعات المضيفة", "Displaced people and host communities"},
	{"actor", "المرأة", "Women"},
	{"actor", "الشرطة والسلطات المحلية", "Police and local authorities"},
	{"actor", "المدارس والمراكز المجتمعية", "Schools and community centres"},
	{"actor", "قسم الدراسات الأمنية والمجتمعية", "Department of Security and Community Studies"},
	{"actor", "المركز", "The Centre (the department's research centre)"},
	{"actor", "جامعة الأنبار", "University of Anbar"},
	{"actor", "مركز النهرين للدراسات الاستراتيجية", "Al-Nahrain Center for Strategic Studies"},
	{"actor", "خبراء الأمن ومراكز الدراسات الاستراتيجية", "Security experts and strategic studies centres"},
	{"actor", "الخبراء من أساتذة المركز والجامعة", "Experts from the centre's and university's faculty"},
	{"actor", "المتخصصون بالفقه والحديث وأصول الدين", "Specialists in jurisprudence, hadith and the principles of religion"},
	{"actor", "المختصون في تنفيذ القانون", "Law-enforcement specialists"},
	{"actor", "الجماعات الإرهابية والمتطرفة", "Terrorist and extremist groups"},
	{"actor", "المقاتلون الأجانب", "Foreign fighters"},
	{"concept", "دراسات أكاديمية متخصصة في الشأن الأمني العراقي والإقليمي والدولي", "Specialised academic studies of Iraqi, regional and international security"},
	{"concept", "إعداد التقارير والتحقيقات والاستبيانات الميدانية وجمع المعلومات حول الجماعات الإرهابية والمتطرفة", "Reports, investigations, field surveys and information on terrorist and extremist groups"},
	{"concept", "اقتراح سياسات عامة لمكافحة الإرهاب والتطرف", "Proposing public policies to counter terrorism and extremism"},
	{"concept", "رصد نشاط الجماعات المتطرفة والمقاتلين الأجانب", "Monitoring extremist groups and foreign fighters"},
	{"concept", "مراجعة الأيديولوجيا والأسس الفكرية للجماعات المتطرفة", "Reviewing the ideology and intellectual foundations of extremist groups"},
	{"concept", "تقديم الدراسات والتقارير الدورية والنشرات الأمنية", "Periodic studies, reports and security bulletins"},
	{"concept", "نشر الفكر المعتدل وخلق بيئة مضادة للتطرف والتكفير", "Spreading moderate thought and an environment hostile to extremism and takfir"},
	{"concept", "توعية المجتمع بضرورات الحوار والتسامح وقبول الآخر", "Raising awareness of dialogue, tolerance and acceptance of others"},
	{"concept", "تزويد الباحثين بالبحوث والدراسات التي تخص الإرهاب والتطرف", "Providing researchers with research on terrorism and extremism"},
	{"concept", "تزويد المؤسسات الرسمية بالخطط والتوجهات لمواجهة أي تهديد أمني متوقع", "Providing official institutions with plans against any expected security threat"},
	{"concept", "نشر التقارير الميدانية ورصد التهديدات التي تمس الدولة وأمن المجتمع", "Field reports and monitoring threats to the state and to community security"},
	{"concept", "تقديم الدراسات والمشورة للحكومة والمؤسسات الأمنية", "Studies and advice for the government and the security institutions"},
	{"concept", "انتشار الفكر المتطرف وسيطرة الإرهاب على أجزاء من محافظة الأنبار", "The spread of extremist thought and terrorist control of parts of Anbar"},
	{"concept", "الوقاية من خطر الإرهاب المتجدد والاستعداد له قبل أن يولد", "Preventing renewed terrorism and preparing before it is born"},
	{"concept", "توفير المعلومات والخبرات العلمية لصانع القرار في إدارة أزمة الإرهاب", "Scientific information and expertise for decision makers managing the terrorism crisis"},
	{"concept", "وضع استراتيجية وطنية شاملة لمكافحة الإرهاب والتطرف العنيف", "A comprehensive national strategy against terrorism and violent extremism"},
	{"concept", "كسب السبق الوطني لجامعة الأنبار في إنشاء قسم أكاديمي بحثي متخصص", "A national first for the University of Anbar: a specialised academic research department"},
	{"concept", "دورات تدريبية في الأمن ومواجهة الإرهاب للمختصين في تنفيذ القانون", "Training courses on security and counter-terrorism for law-enforcement specialists"},
}

// wantRelations lists every relation of the sample as from, type, to (Arabic labels).
var wantRelations = []wantRelation{
	{"المرتكز الاجتماعي", "part-of", "الأمن المجتمعي"},
	{"المرتكز الاقتصادي", "part-of", "الأمن المجتمعي"},
	{"المرتكز الثقافي والقيمي", "part-of", "الأمن المجتمعي"},
	{"المرتكز المؤسسي", "part-of", "الأمن المجتمعي"},
	{"المرتكز الاجتماعي", "requires", "المرتكز الاقتصادي"},
	{"المرتكز الاقتصادي", "requires", "المرتكز الثقافي والقيمي"},
	{"المرتكز الاقتصادي", "requires", "المرتكز المؤسسي"},
	{"التماسك الاجتماعي", "part-of", "المرتكز الاجتماعي"},
	{"الأمن المجتمعي", "part-of", "الأمن الإنساني"},
	{"الأمن الاقتصادي", "part-of", "الأمن الإنساني"},
	{"الأمن الغذائي", "part-of", "الأمن الإنساني"},
	{"الأمن الصحي", "part-of", "الأمن الإنساني"},
	{"الأمن البيئي", "part-of", "الأمن الإنساني"},
	{"الأمن الشخصي", "part-of", "الأمن الإنساني"},
	{"الأمن السياسي", "part-of", "الأمن الإنساني"},
	{"الأمن المجتمعي", "contrasts-with", "الأمن التقليدي"},
	{"الأمن المجتمعي", "part-of", "الأمن"},
	{"الأمن", "related-to", "الفوضى"},
	{"الأمن المجتمعي", "strengthens", "الانتماء"},
	{"الأمن المجتمعي", "supports", "معرفة الحقوق والواجبات"},
	{"الأمن المجتمعي", "addresses", "الانحرافات الاجتماعية"},
	{"الأمن المجتمعي", "causes", "البيئة التربوية"},
	{"الأمن المجتمعي", "strengthens", "التماسك الاجتماعي"},
	{"الأمن المجتمعي", "supports", "التنمية"},
	{"الأمن المجتمعي", "related-to", "الفقر والبطالة وتفاوت توزيع الموارد"},
	{"الأمن المجتمعي", "supports", "الازدهار الاقتصادي"},
	{"المؤسسات الأمنية", "addresses", "الفوضى"},
	{"دعم الأجهزة الأمنية والوقوف معها إعلامياً وفعلياً", "supports", "المؤسسات الأمنية"},
	{"المؤسسات الأمنية", "supports", "الأمن المجتمعي"},
	{"منظمات المجتمع المدني", "supports", "الأمن المجتمعي"},
	{"منظمات المجتمع المدني", "strengthens", "السلم الأهلي"},
	{"منظمات المجتمع المدني", "strengthens", "التماسك الاجتماعي"},
	{"المؤسسات الأمنية", "requires", "الأمن المجتمعي الوقائي"},
	{"تعدد مصادر القرار وتفاوت مستويات التدريب وغياب التنسيق في المؤسسة الأمنية", "threatens", "المؤسسات الأمنية"},
	{"غياب إطار وطني متكامل ينظم العلاقة بين الدولة ومنظمات المجتمع المدني", "weakens", "منظمات المجتمع المدني"},
	{"الأمن المجتمعي", "requires", "الشراكة التكاملية بين الدولة والمجتمع"},
	{"المؤسسات الأمنية", "part-of", "الشراكة التكاملية بين الدولة والمجتمع"},
	{"منظمات المجتمع المدني", "part-of", "الشراكة التكاملية بين الدولة والمجتمع"},
	{"نهج الحماية الذاتية", "strengthens", "الأمن المجتمعي"},
	{"الشراكة الأمنية المحلية", "strengthens", "الأمن المجتمعي"},
	{"الشراكة الأمنية المحلية", "addresses", "الجريمة"},
	{"الشراكة الأمنية المحلية", "supports", "المدارس والمراكز المجتمعية"},
	{"الشرطة والسلطات المحلية", "part-of", "الشراكة الأمنية المحلية"},
	{"المنظمات الدولية", "supports", "الأمن المجتمعي"},
	{"المنظمات الدولية", "supports", "المرأة"},
	{"المنظمات الدولية", "supports", "الشباب"},
	{"انهيار مؤسسات الدولة بعد عام 2003", "causes", "الأمن المجزأ"},
	{"انهيار مؤسسات الدولة بعد عام 2003", "weakens", "سلطة القانون"},
	{"انهيار مؤسسات الدولة بعد عام 2003", "causes", "البدائل غير الرسمية"},
	{"الأمن المجزأ", "causes", "اللايقين الأمني"},
	{"الأمن المجزأ", "weakens", "الهوية الوطنية الجامعة"},
	{"الميليشيات", "part-of", "البدائل غير الرسمية"},
	{"العشائر", "part-of", "البدائل غير الرسمية"},
	{"الانقسامات المجتمعية", "weakens", "المرتكز الاجتماعي"},
	{"غياب العدالة الاجتماعية وتكافؤ الفرص", "weakens", "المرتكز الاجتماعي"},
	{"التماسك الاجتماعي", "causes", "الانتماء"},
	{"الانتماء", "weakens", "النزاعات الداخلية"},
	{"الفقر والبطالة وتفاوت توزيع الموارد", "weakens", "المرتكز الاقتصادي"},
	{"الفقر والبطالة وتفاوت توزيع الموارد", "causes", "التطرف"},
	{"الفقر والبطالة وتفاوت توزيع الموارد", "causes", "الجريمة"},
	{"الفقر والبطالة وتفاوت توزيع الموارد", "weakens", "الثقة بين المواطن والدولة"},
	{"الاقتصاد الريعي المعتمد على النفط", "weakens", "المرتكز الاقتصادي"},
	{"الاقتصاد الريعي المعتمد على النفط", "weakens", "الثقة بين المواطن والدولة"},
	{"ثقافة العنف والاستقواء بالهوية الفرعية", "weakens", "المرتكز الثقافي والقيمي"},
	{"ثقافة العنف والاستقواء بالهوية الفرعية", "causes", "النزاعات الداخلية"},
	{"المواطنة", "supports", "المرتكز الثقافي والقيمي"},
	{"ضعف مؤسسات الدولة", "weakens", "المرتكز المؤسسي"},
	{"ضعف مؤسسات الدولة", "weakens", "الثقة بين المواطن والدولة"},
	{"ضعف مؤسسات الدولة", "causes", "البدائل غير الرسمية"},
	{"غياب العدالة الاجتماعية وتكافؤ الفرص", "weakens", "سلطة القانون"},
	{"تصاعد وتيرة العنف غير النظامي", "weakens", "المرتكز الاجتماعي"},
	{"تصاعد وتيرة العنف غير النظامي", "causes", "البدائل غير الرسمية"},
	{"انتشار السلاح خارج الإطار الرسمي", "weakens", "سلطة القانون"},
	{"انتشار السلاح خارج الإطار الرسمي", "causes", "النزاعات الداخلية"},
	{"مشكلة النزوح الداخلي", "weakens", "المرتكز الاجتماعي"},
	{"مشكلة النزوح الداخلي", "weakens", "المرتكز الاقتصادي"},
	{"غياب استراتيجية وطنية متكاملة لإدارة ملف الأمن المجتمعي", "weakens", "المرتكز الاجتماعي"},
	{"تصاعد وتيرة العنف غير النظامي", "related-to", "تصاعد نشاط الخلايا الارهابية"},
	{"انتشار السلاح خارج الإطار الرسمي", "related-to", "السلاح المنفلت وتقويض سلطة الدولة"},
	{"مشكلة النزوح الداخلي", "related-to", "تعقيدات ملف النزوح الداخلي"},
	{"الإرهاب", "weakens", "الثقة بين المواطن والدولة"},
	{"النزاعات الداخلية", "weakens", "الثقة بين المواطن والدولة"},
	{"انتشار السلاح خارج الإطار الرسمي", "weakens", "الثقة بين المواطن والدولة"},
	{"تصاعد نشاط الخلايا الارهابية", "threatens", "الأمن المجتمعي"},
	{"تعقيدات ملف النزوح الداخلي", "threatens", "الأمن المجتمعي"},
	{"تهميش الفئات الشبابية", "threatens", "الأمن المجتمعي"},
	{"السلاح المنفلت وتقويض سلطة الدولة", "threatens", "الأمن المجتمعي"},
	{"النزاعات العشوائية وتراجع سلطة القانون", "threatens", "الأمن المجتمعي"},
	{"تراجع العدالة وتدهور الخدمات العامة", "threatens", "الأمن المجتمعي"},
	{"تصاعد نشاط الخلايا الارهابية", "weakens", "المرتكز الاجتماعي"},
	{"تصاعد نشاط الخلايا الارهابية", "weakens", "الثقة بين المواطن والدولة"},
	{"تنظيم داعش", "related-to", "تصاعد نشاط الخلايا الارهابية"},
	{"تنظيم داعش", "part-of", "الجماعات الإرهابية والمتطرفة"},
	{"تعقيدات ملف النزوح الداخلي", "weakens", "المرتكز الاجتماعي"},
	{"تعقيدات ملف النزوح الداخلي", "weakens", "المرتكز المؤسسي"},
	{"تنظيم داعش", "causes", "تعقيدات ملف النزوح الداخلي"},
	{"تعقيدات ملف النزوح الداخلي", "related-to", "النازحون والمجتمعات المضيفة"},
	{"تهميش الفئات الشبابية", "weakens", "الانتماء"},
	{"تهميش الفئات الشبابية", "weakens", "المرتكز الاجتماعي"},
	{"تهميش الفئات الشبابية", "weakens", "المرتكز الاقتصادي"},
	{"تهميش الفئات الشبابية", "causes", "التطرف"},
	{"تهميش الفئات الشبابية", "related-to", "الشباب"},
	{"السلاح المنفلت وتقويض سلطة الدولة", "weakens", "سلطة القانون"},
	{"السلاح المنفلت وتقويض سلطة الدولة", "weakens", "المرتكز المؤسسي"},
	{"السلاح المنفلت وتقويض سلطة الدولة", "weakens", "السلم الأهلي"},
	{"السلاح المنفلت وتقويض سلطة الدولة", "weakens", "العقد الاجتماعي"},
	{"السلاح المنفلت وتقويض سلطة الدولة", "weakens", "التنمية"},
	{"السلاح المنفلت وتقويض سلطة الدولة", "weakens", "الثقة بين المواطن والدولة"},
	{"السلاح المنفلت وتقويض سلطة الدولة", "causes", "النزاعات العشوائية وتراجع سلطة القانون"},
	{"النزاعات العشوائية وتراجع سلطة القانون", "weakens", "سلطة القانون"},
	{"النزاعات العشوائية وتراجع سلطة القانون", "weakens", "المرتكز المؤسسي"},
	{"النزاعات العشوائية وتراجع سلطة القانون", "weakens", "المرتكز الاجتماعي"},
	{"تراجع العدالة وتدهور الخدمات العامة", "weakens", "الثقة بين المواطن والدولة"},
	{"تراجع العدالة وتدهور الخدمات العامة", "weakens", "العقد الاجتماعي"},
	{"تراجع العدالة وتدهور الخدمات العامة", "weakens", "المرتكز المؤسسي"},
	{"تراجع العدالة وتدهور الخدمات العامة", "weakens", "المرتكز الاقتصادي"},
	{"تراجع العدالة وتدهور الخدمات العامة", "related-to", "الفساد"},
	{"تراجع العدالة وتدهور الخدمات العامة", "related-to", "ضعف الحوكمة"},
	{"منظمات المجتمع المدني", "supports", "النازحون والمجتمعات المضيفة"},
	{"منظمات المجتمع المدني", "addresses", "خطاب الكراهية والانقسام"},
	{"منظمات المجتمع المدني", "addresses", "التطرف"},
	{"التوجّه نحو الإصلاح السياسي والإداري", "strengthens", "الأمن المجتمعي"},
	{"الطاقات الشبابية", "strengthens", "الأمن المجتمعي"},
	{"الإعلام، خصوصاً الإعلام الرقمي", "strengthens", "الأمن المجتمعي"},
	{"برامج التعاون الدولي", "strengthens", "الأمن المجتمعي"},
	{"تنامي دور منظمات المجتمع المدني", "strengthens", "الأمن المجتمعي"},
	{"الاحتجاجات الشعبية", "causes", "التوجّه نحو الإصلاح السياسي والإداري"},
	{"التوجّه نحو الإصلاح السياسي والإداري", "strengthens", "الانتماء"},
	{"المنظمات الدولية", "supports", "برامج التعاون الدولي"},
	{"التوجّه نحو الإصلاح السياسي والإداري", "supports", "إصلاح القطاع الأمني وفق نهج مجتمعي وقائي"},
	{"التوجّه نحو الإصلاح السياسي والإداري", "supports", "مكافحة الفساد وتطوير منظومة العدالة وتحسين مستوى الخدمات العامة"},
	{"الطاقات الشبابية", "supports", "تمكين الشباب وتوسيع مشاركتهم في صياغة السياسات العامة"},
	{"الإعلام، خصوصاً الإعلام الرقمي", "supports", "تفعيل دور الإعلام الوطني المستقل في بناء خطاب مجتمعي جامع"},
	{"تنامي دور منظمات المجتمع المدني", "supports", "تعزيز دور منظمات المجتمع المدني وإصدار إطار تشريعي ينظم علاقتها بالدولة"},
	{"برامج التعاون الدولي", "supports", "تعزيز دور منظمات المجتمع المدني وإصدار إطار تشريعي ينظم علاقتها بالدولة"},
	{"إعداد استراتيجية وطنية متكاملة للأمن المجتمعي", "addresses", "غياب استراتيجية وطنية متكاملة لإدارة ملف الأمن المجتمعي"},
	{"إعداد استراتيجية وطنية متكاملة للأمن المجتمعي", "contrasts-with", "الأمن التقليدي"},
	{"تمكين الشباب وتوسيع مشاركتهم في صياغة السياسات العامة", "addresses", "تهميش الفئات الشبابية"},
	{"تمكين الشباب وتوسيع مشاركتهم في صياغة السياسات العامة", "addresses", "الفقر والبطالة وتفاوت توزيع الموارد"},
	{"تمكين الشباب وتوسيع مشاركتهم في صياغة السياسات العامة", "addresses", "التطرف"},
	{"تمكين الشباب وتوسيع مشاركتهم في صياغة السياسات العامة", "supports", "الشباب"},
	{"إصلاح القطاع الأمني وفق نهج مجتمعي وقائي", "addresses", "تعدد مصادر القرار وتفاوت مستويات التدريب وغياب التنسيق في المؤسسة الأمنية"},
	{"إصلاح القطاع الأمني وفق نهج مجتمعي وقائي", "requires", "الأمن المجتمعي الوقائي"},
	{"إصلاح القطاع الأمني وفق نهج مجتمعي وقائي", "requires", "النهج التشاركي في الأمن"},
	{"إصلاح القطاع الأمني وفق نهج مجتمعي وقائي", "contrasts-with", "الأمن التقليدي"},
	{"تعزيز دور منظمات المجتمع المدني وإصدار إطار تشريعي ينظم علاقتها بالدولة", "addresses", "غياب إطار وطني متكامل ينظم العلاقة بين الدولة ومنظمات المجتمع المدني"},
	{"تعزيز دور منظمات المجتمع المدني وإصدار إطار تشريعي ينظم علاقتها بالدولة", "supports", "منظمات المجتمع المدني"},
	{"مكافحة الفساد وتطوير منظومة العدالة وتحسين مستوى الخدمات العامة", "addresses", "الفساد"},
	{"مكافحة الفساد وتطوير منظومة العدالة وتحسين مستوى الخدمات العامة", "addresses", "تراجع العدالة وتدهور الخدمات العامة"},
	{"مكافحة الفساد وتطوير منظومة العدالة وتحسين مستوى الخدمات العامة", "strengthens", "الثقة بين المواطن والدولة"},
	{"مكافحة الفساد وتطوير منظومة العدالة وتحسين مستوى الخدمات العامة", "strengthens", "الانتماء"},
	{"تفعيل دور الإعلام الوطني المستقل في بناء خطاب مجتمعي جامع", "addresses", "خطاب الكراهية والانقسام"},
	{"تفعيل دور الإعلام الوطني المستقل في بناء خطاب مجتمعي جامع", "addresses", "الانقسامات المجتمعية"},
	{"تفعيل دور الإعلام الوطني المستقل في بناء خطاب مجتمعي جامع", "supports", "الإعلام"},
	{"تعزيز الهوية الوطنية الجامعة", "strengthens", "الهوية الوطنية الجامعة"},
	{"تعزيز الهوية الوطنية الجامعة", "strengthens", "المواطنة"},
	{"تعزيز الهوية الوطنية الجامعة", "addresses", "الانقسامات المجتمعية"},
	{"تعزيز العدالة الاجتماعية وتقليص الفجوات الاقتصادية", "addresses", "غياب العدالة الاجتماعية وتكافؤ الفرص"},
	{"تعزيز العدالة الاجتماعية وتقليص الفجوات الاقتصادية", "addresses", "الفقر والبطالة وتفاوت توزيع الموارد"},
	{"يتجاوز الأمن المجتمعي البُعد العسكري التقليدي ليشمل الأمن الإنساني الشامل", "related-to", "الأمن الإنساني"},
	{"يتجاوز الأمن المجتمعي البُعد العسكري التقليدي ليشمل الأمن الإنساني الشامل", "related-to", "الأمن التقليدي"},
	{"انهيار مؤسسات الدولة بعد 2003 أنتج ظاهرة الأمن المجزأ", "related-to", "انهيار مؤسسات الدولة بعد عام 2003"},
	{"انهيار مؤسسات الدولة بعد 2003 أنتج ظاهرة الأمن المجزأ", "related-to", "الأمن المجزأ"},
	{"تتشابك التحديات البنيوية فتجعل أي معالجة أحادية البُعد قاصرة", "related-to", "الإرهاب"},
	{"تتشابك التحديات البنيوية فتجعل أي معالجة أحادية البُعد قاصرة", "related-to", "السلاح المنفلت وتقويض سلطة الدولة"},
	{"تتشابك التحديات البنيوية فتجعل أي معالجة أحادية البُعد قاصرة", "related-to", "تعقيدات ملف النزوح الداخلي"},
	{"تتشابك التحديات البنيوية فتجعل أي معالجة أحادية البُعد قاصرة", "related-to", "الفساد"},
	{"تتشابك التحديات البنيوية فتجعل أي معالجة أحادية البُعد قاصرة", "related-to", "تراجع العدالة وتدهور الخدمات العامة"},
	{"تتوفر في العراق فرص استراتيجية حقيقية لتعزيز الأمن المجتمعي", "related-to", "الطاقات الشبابية"},
	{"تتوفر في العراق فرص استراتيجية حقيقية لتعزيز الأمن المجتمعي", "related-to", "تنامي دور منظمات المجتمع المدني"},
	{"تتوفر في العراق فرص استراتيجية حقيقية لتعزيز الأمن المجتمعي", "related-to", "التوجّه نحو الإصلاح السياسي والإداري"},
	{"تتوفر في العراق فرص استراتيجية حقيقية لتعزيز الأمن المجتمعي", "related-to", "برامج التعاون الدولي"},
	{"لا يتحقق الأمن المجتمعي المستدام عبر المؤسسات الأمنية وحدها", "related-to", "الشراكة التكاملية بين الدولة والمجتمع"},
	{"تتشابك التحديات البنيوية فتجعل أي معالجة أحادية البُعد قاصرة", "justifies", "إعداد استراتيجية وطنية متكاملة للأمن المجتمعي"},
	{"لا يتحقق الأمن المجتمعي المستدام عبر المؤسسات الأمنية وحدها", "justifies", "تعزيز دور منظمات المجتمع المدني وإصدار إطار تشريعي ينظم علاقتها بالدولة"},
	{"تعزيز الأمن المجتمعي في العراق . . . الفرص والتحديات", "related-to", "الأمن المجتمعي"},
	{"الأمن المجتمعي روح وجود الأمن", "related-to", "الأمن المجتمعي"},
	{"التعريف بقسم الدراسات الأمنية والمجتمعية ومبررات إنشائه", "related-to", "قسم الدراسات الأمنية والمجتمعية"},
	{"قسم الدراسات الأمنية والمجتمعية", "part-of", "المركز"},
	{"المركز", "part-of", "جامعة الأنبار"},
	{"انتشار الفكر المتطرف وسيطرة الإرهاب على أجزاء من محافظة الأنبار", "justifies", "قسم الدراسات الأمنية والمجتمعية"},
	{"الوقاية من خطر الإرهاب المتجدد والاستعداد له قبل أن يولد", "justifies", "قسم الدراسات الأمنية والمجتمعية"},
	{"توفير المعلومات والخبرات العلمية لصانع القرار في إدارة أزمة الإرهاب", "justifies", "قسم الدراسات الأمنية والمجتمعية"},
	{"وضع استراتيجية وطنية شاملة لمكافحة الإرهاب والتطرف العنيف", "justifies", "قسم الدراسات الأمنية والمجتمعية"},
	{"كسب السبق الوطني لجامعة الأنبار في إنشاء قسم أكاديمي بحثي متخصص", "justifies", "قسم الدراسات الأمنية والمجتمعية"},
	{"دورات تدريبية في الأمن ومواجهة الإرهاب للمختصين في تنفيذ القانون", "justifies", "قسم الدراسات الأمنية والمجتمعية"},
	{"دراسات أكاديمية متخصصة في الشأن الأمني العراقي والإقليمي والدولي", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"إعداد التقارير والتحقيقات والاستبيانات الميدانية وجمع المعلومات حول الجماعات الإرهابية والمتطرفة", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"اقتراح سياسات عامة لمكافحة الإرهاب والتطرف", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"رصد نشاط الجماعات المتطرفة والمقاتلين الأجانب", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"مراجعة الأيديولوجيا والأسس الفكرية للجماعات المتطرفة", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"تقديم الدراسات والتقارير الدورية والنشرات الأمنية", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"نشر الفكر المعتدل وخلق بيئة مضادة للتطرف والتكفير", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"توعية المجتمع بضرورات الحوار والتسامح وقبول الآخر", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"تزويد الباحثين بالبحوث والدراسات التي تخص الإرهاب والتطرف", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"تزويد المؤسسات الرسمية بالخطط والتوجهات لمواجهة أي تهديد أمني متوقع", "part-of", "قسم الدراسات الأمنية والمجتمعية"},
	{"نشر التقارير الميدانية ورصد التهديدات التي تمس الدولة وأمن المجتمع", "part-of", "المركز"},
	{"تقديم الدراسات والمشورة للحكومة والمؤسسات الأمنية", "part-of", "المركز"},
	{"تقديم الدراسات والتقارير الدورية والنشرات الأمنية", "supports", "المؤسسات الأمنية"},
	{"تقديم الدراسات والتقارير الدورية والنشرات الأمنية", "supports", "صانع القرار السياسي والأمني"},
	{"تزويد الباحثين بالبحوث والدراسات التي تخص الإرهاب والتطرف", "supports", "الباحثون في الشأن الأمني العراقي"},
	{"تزويد المؤسسات الرسمية بالخطط والتوجهات لمواجهة أي تهديد أمني متوقع", "supports", "المؤسسات الرسمية"},
	{"تقديم الدراسات والمشورة للحكومة والمؤسسات الأمنية", "supports", "المؤسسات الرسمية"},
	{"تقديم الدراسات والمشورة للحكومة والمؤسسات الأمنية", "supports", "المؤسسات الأمنية"},
	{"رصد نشاط الجماعات المتطرفة والمقاتلين الأجانب", "related-to", "الجماعات الإرهابية والمتطرفة"},
	{"رصد نشاط الجماعات المتطرفة والمقاتلين الأجانب", "related-to", "المقاتلون الأجانب"},
	{"إعداد التقارير والتحقيقات والاستبيانات الميدانية وجمع المعلومات حول الجماعات الإرهابية والمتطرفة", "related-to", "الجماعات الإرهابية والمتطرفة"},
	{"مراجعة الأيديولوجيا والأسس الفكرية للجماعات المتطرفة", "related-to", "الجماعات الإرهابية والمتطرفة"},
	{"مراجعة الأيديولوجيا والأسس الفكرية للجماعات المتطرفة", "requires", "المتخصصون بالفقه والحديث وأصول الدين"},
	{"اقتراح سياسات عامة لمكافحة الإرهاب والتطرف", "addresses", "الإرهاب"},
	{"اقتراح سياسات عامة لمكافحة الإرهاب والتطرف", "addresses", "التطرف"},
	{"نشر الفكر المعتدل وخلق بيئة مضادة للتطرف والتكفير", "addresses", "التطرف"},
	{"قسم الدراسات الأمنية والمجتمعية", "related-to", "خبراء الأمن ومراكز الدراسات الاستراتيجية"},
	{"قسم الدراسات الأمنية والمجتمعية", "related-to", "الخبراء من أساتذة المركز والجامعة"},
	{"مركز النهرين للدراسات الاستراتيجية", "part-of", "خبراء الأمن ومراكز الدراسات الاستراتيجية"},
	{"المركز", "related-to", "الإعلام"},
	{"المركز", "related-to", "خبراء الأمن ومراكز الدراسات الاستراتيجية"},
	{"انتشار الفكر المتطرف وسيطرة الإرهاب على أجزاء من محافظة الأنبار", "related-to", "التطرف"},
	{"انتشار الفكر المتطرف وسيطرة الإرهاب على أجزاء من محافظة الأنبار", "related-to", "الإرهاب"},
	{"الوقاية من خطر الإرهاب المتجدد والاستعداد له قبل أن يولد", "addresses", "الإرهاب"},
	{"توفير المعلومات والخبرات العلمية لصانع القرار في إدارة أزمة الإرهاب", "supports", "صانع القرار السياسي والأمني"},
	{"وضع استراتيجية وطنية شاملة لمكافحة الإرهاب والتطرف العنيف", "addresses", "الإرهاب"},
	{"وضع استراتيجية وطنية شاملة لمكافحة الإرهاب والتطرف العنيف", "addresses", "التطرف"},
	{"كسب السبق الوطني لجامعة الأنبار في إنشاء قسم أكاديمي بحثي متخصص", "related-to", "جامعة الأنبار"},
	{"دورات تدريبية في الأمن ومواجهة الإرهاب للمختصين في تنفيذ القانون", "supports", "المختصون في تنفيذ القانون"},
}

// wantSources lists every source: key, CSL type, year, title.
var wantSources = []wantSource{
	{"department", "manuscript", "", "التعريف بقسم الدراسات الأمنية والمجتمعية ومبررات إنشائه"},
	{"yaseen", "article-journal", "", "تعزيز الأمن المجتمعي في العراق . . . الفرص والتحديات"},
	{"essay", "manuscript", "", "الأمن المجتمعي روح وجود الأمن"},
	{"acrps2020security", "book", "2020", "الأمن والمجتمع في الدول الهشة: العراق نموذجًا"},
	{"acrps2020media", "book", "2020", "الإعلام والمجتمع في العالم العربي: التحديات والفرص"},
	{"ics2021", "report", "2021", "المجتمع المدني والأمن الإنساني في العراق: أدوار وتحديات"},
	{"altai2020", "article-journal", "2020", "العدالة الاجتماعية والأمن المجتمعي في العراق: قراءة في التحديات"},
	{"maalaqa2018", "article-journal", "2018", "الدولة والمجتمع في العراق ما بعد 2003: جدلية التفكك وإعادة التكوين"},
	{"iidd2020", "report", "2020", "النزاعات العشائرية وأثرها في الأمن المحلي في العراق"},
	{"cosit2021", "report", "2021", "نتائج مسح القوى العاملة في العراق 2021"},
	{"booth1991", "article-journal", "1991", "Security and emancipation"},
	{"buzan1991", "book", "1991", "People, states and fear: An agenda for international security studies in the post-Cold War era"},
	{"caballeroanthony2015", "article-journal", "2015", "Community security: Human security at the 21st century"},
	{"dcaf2021", "report", "2021", "Security sector reform in fragile states: The case of Iraq"},
	{"giddens1991", "book", "1991", "Modernity and self-identity: Self and society in the late modern age"},
	{"internationalalert2019", "report", "2019", "Rebuilding trust and preventing violence: Approaches in fragile states"},
	{"icg2019", "report", "2019", "Iraq's paramilitary groups: The challenge of rebuilding a functioning state"},
	{"icg2021", "report", "2021", "Resolving tribal conflicts in southern Iraq"},
	{"iiss2018", "report", "2018", "Security sector reform in post-conflict societies"},
	{"iom2021", "report", "2021", "Community stabilization in Iraq: Annual report 2021"},
	{"kaldor1999", "book", "1999", "New and old wars: Organized violence in a global era"},
	{"morgenthau1948", "book", "1948", "Politics among nations: The struggle for power and peace"},
	{"oecd2020", "report", "2020", "Social cohesion and security in fragile states"},
	{"undp1994", "report", "1994", "Human development report 1994: New dimensions of human security"},
	{"undp2016", "report", "2016", "Arab human development report 2016: Youth and the prospects for human development in a changing reality"},
	{"undp2017", "report", "2017", "Supporting civil society engagement in security governance"},
	{"undp2020", "report", "2020", "Community cohesion and stability in Iraq"},
	{"unhcr2020", "report", "2020", "Iraq: Durable solutions for internally displaced persons"},
	{"unodc2022", "report", "2022", "Firearms and security in Iraq"},
	{"worldbank2020", "report", "2020", "Iraq public expenditure review: Addressing vulnerabilities, enhancing fiscal space and creating jobs"},
	{"saferworld2014", "report", "2014", "Community Security Handbook"},
	{"mei2022", "report", "2022", "تقارير المعهد العراقي للإصلاح الإداري"},
}

// wantCitations lists every in-text citation of the paper, in text order:
// source key, locator, what it backs (a concept's Arabic label, or from|type|to), and the citation as printed.
var wantCitations = []wantCitation{
	{"undp1994", "24", "الأمن المجتمعي|contrasts-with|الأمن التقليدي", "(UNDP, 1994, p. 24; Buzan, 1991, p. 116)"},
	{"buzan1991", "116", "الأمن المجتمعي|contrasts-with|الأمن التقليدي", "(UNDP, 1994, p. 24; Buzan, 1991, p. 116)"},
	{"undp1994", "22-23", "الأمن المجتمعي|part-of|الأمن الإنساني", "(UNDP, 1994, pp. 22-23)"},
	{"undp1994", "22", "الأمن الإنساني", "انظر: UNDP, Human Development Report 1994, p. 22."},
	{"saferworld2014", "6-7", "الشراكة التكاملية بين الدولة والمجتمع", "(Saferworld, 2014, pp. 6-7)"},
	{"caballeroanthony2015", "", "الشراكة التكاملية بين الدولة والمجتمع", "Mely Caballero-Anthony (2014) بعنوان (Community security: human security at 21)"},
	{"caballeroanthony2015", "53", "نهج الحماية الذاتية", "(Caballero-Anthony, 2015, p. 53)"},
	{"saferworld2014", "13", "الشراكة الأمنية المحلية", "(Saferworld, 2006, p:13)"},
	{"giddens1991", "92", "المرتكز الاجتماعي", "(Giddens, 1991, p. 92)"},
	{"undp2016", "34", "المرتكز الاقتصادي", "(UNDP, 2016, p. 34)"},
	{"buzan1991", "120", "المرتكز الثقافي والقيمي", "(Buzan, 1991, p. 120)"},
	{"oecd2020", "17", "المرتكز المؤسسي", "(OECD, 2020, p. 17)"},
	{"morgenthau1948", "13", "الأمن التقليدي", "(Morgenthau, 1948, p. 13)"},
	{"undp1994", "24", "الأمن المجتمعي", "(UNDP, 1994, p. 24)"},
	{"buzan1991", "116", "الأمن المجتمعي", "(Buzan, 1991, p. 116)"},
	{"kaldor1999", "78", "الأمن المجتمعي|contrasts-with|الأمن التقليدي", "(Kaldor, 1999 p:78)"},
	{"booth1991", "313-365", "الأمن المجتمعي|contrasts-with|الأمن التقليدي", "(Booth, 1991, pp. 313-365)"},
	{"giddens1991", "92", "الأمن المجزأ", "(Giddens, 1991, p. 92)"},
	{"undp2016", "34", "انهيار مؤسسات الدولة بعد عام 2003", "(UNDP, 2016, p. 34)"},
	{"acrps2020security", "61", "الثقة بين المواطن والدولة", "(المركز العربي للأبحاث ودراسة السياسات، 2020، ص 61)"},
	{"maalaqa2018", "47", "الأمن المجزأ", "(معلقة، 2018، ص 47)"},
	{"maalaqa2018", "47", "الأمن المجزأ", "انظر: معلقة، حسنين فاضل. (2018). الدولة والمجتمع في العراق ما بعد 2003. مجلة العلوم الاجتماعية، جامعة بغداد، ص 47."},
	{"icg2019", "5", "تصاعد وتيرة العنف غير النظامي", "(International Crisis Group, 2019, p. 5)"},
	{"iom2021", "19", "انتشار السلاح خارج الإطار الرسمي", "(IOM, 2021, p. 19)"},
	{"altai2020", "88", "غياب العدالة الاجتماعية وتكافؤ الفرص", "(الطائي، 2020، ص 88)"},
	{"undp2020", "14", "مشكلة النزوح الداخلي", "(UNDP, 2020, p. 14)"},
	{"iiss2018", "23", "المؤسسات الأمنية", "(IISS, 2018, p. 23)"},
	{"undp2017", "12", "منظمات المجتمع المدني", "(UNDP, 2017, p.12)"},
	{"ics2021", "40", "غياب إطار وطني متكامل ينظم العلاقة بين الدولة ومنظمات المجتمع المدني", "(المركز العراقي للدراسات الإستراتيجية، 2021، ص 40)"},
	{"mei2022", "", "التوجّه نحو الإصلاح السياسي والإداري", "تقارير المعهد العراقي للإصلاح الإداري(معهد الشرق الأوسط، 2022)"},
	{"cosit2021", "14", "الطاقات الشبابية", "(الجهاز المركزي للإحصاء وتكنولوجيا المعلومات، 2021، ص 14)"},
	{"undp2016", "34", "الطاقات الشبابية", "(UNDP، 2016، p. 34)"},
	{"acrps2020media", "52", "الإعلام، خصوصاً الإعلام الرقمي", "(المركز العربي للأبحاث ودراسة السياسات، 2020، ص 52)"},
	{"internationalalert2019", "9", "برامج التعاون الدولي", "(International Alert, 2019, p. 9)"},
	{"icg2021", "7", "تصاعد نشاط الخلايا الارهابية", "(International Crisis Group, 2021, p 7)"},
	{"unhcr2020", "13", "تعقيدات ملف النزوح الداخلي", "(UNHCR, 2020, p. 13)"},
	{"undp2016", "34", "تهميش الفئات الشبابية", "(UNDP, 2016, p. 34)"},
	{"unodc2022", "11", "السلاح المنفلت وتقويض سلطة الدولة", "(UNODC, 2022, p. 11)"},
	{"dcaf2021", "7", "السلاح المنفلت وتقويض سلطة الدولة", "(DCAF, 2021, p. 7)"},
	{"icg2021", "934", "النزاعات العشوائية وتراجع سلطة القانون", "(International Crisis Group, 2021, p. 934)"},
	{"iidd2020", "17", "النزاعات العشوائية وتراجع سلطة القانون", "(المعهد العراقي للتنمية والديمقراطية، 2020، ص 17)"},
	{"undp2016", "42", "تراجع العدالة وتدهور الخدمات العامة", "(UNDP, 2016, p. 42)"},
	{"worldbank2020", "25", "تراجع العدالة وتدهور الخدمات العامة", "(World Bank, 2020, p. 25)"},
	{"buzan1991", "117", "تعزيز الهوية الوطنية الجامعة", "(Buzan, 1991, p. 117)"},
	{"undp2016", "34", "تمكين الشباب وتوسيع مشاركتهم في صياغة السياسات العامة", "(UNDP, 2016, p. 34)"},
	{"oecd2020", "", "النهج التشاركي في الأمن", "(OECD, 2020)"},
	{"acrps2020security", "211", "تعزيز العدالة الاجتماعية وتقليص الفجوات الاقتصادية", "(المركز العربي للأبحاث ودراسة السياسات، 2020، ص 211)"},
	{"acrps2020media", "", "تفعيل دور الإعلام الوطني المستقل في بناء خطاب مجتمعي جامع", "وقد تناول المركز العربي للأبحاث ودراسة السياسات دور الإعلام"},
}
