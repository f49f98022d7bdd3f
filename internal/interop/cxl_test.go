package interop

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// mapProject is a small bilingual map with a proposition of two targets,
// a custom kind, descriptions and characters that need escaping.
func mapProject() *model.Project {
	kinds := append(model.BuiltinKinds(), model.Kind{ID: "method", Name: model.T("منهج", "Method"), Color: "#123456", Shape: "diamond", Order: 9})
	c := func(kind, ar, en string) model.Concept {
		return model.Concept{ID: model.NewID(), Kind: kind, Label: model.T(ar, en)}
	}
	weapons := c("threat", "السلاح المنفلت", "Uncontrolled weapons")
	weapons.Description = model.T("سلاح خارج سيطرة الدولة", "Arms outside state control")
	security := c("pillar", "الركيزة الأمنية", "Security pillar")
	trust := c("opportunity", "الثقة بالمؤسسات", "Trust in institutions")
	survey := c("method", "المسح الميداني", `Field survey <"A&B">`)
	law := c("recommendation", "سيادة القانون", "")
	rels := []model.Relation{
		{ID: model.NewID(), From: weapons.ID, To: security.ID, Type: "weakens", Phrase: model.T("يُضعف", "weakens")},
		{ID: model.NewID(), From: weapons.ID, To: trust.ID, Type: "weakens", Phrase: model.T("يُضعف", "weakens")},
		{ID: model.NewID(), From: law.ID, To: weapons.ID, Type: "addresses", Phrase: model.T("يعالج", "addresses")},
		{ID: model.NewID(), From: survey.ID, To: trust.ID, Type: "supports"},
	}
	return &model.Project{
		Meta:      model.Meta{Title: model.T("الأمن المجتمعي", "Community security"), Language: model.Arabic},
		Kinds:     kinds,
		Concepts:  []model.Concept{weapons, security, trust, survey, law},
		Relations: rels,
	}
}

func TestCXLRoundTrip(t *testing.T) {
	p := mapProject()
	pos := map[string][2]float64{p.Concepts[0].ID: {400, 60}, p.Concepts[1].ID: {250.4, 220}}
	var buf bytes.Buffer
	if err := WriteCXLWith(&buf, p, nil, CXLOptions{Positions: pos}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// One linking phrase for "weapons weakens security and trust".
	if n := strings.Count(out, "<linking-phrase "); n != 3 {
		t.Errorf("%d linking phrases, want 3 (two relations share one):\n%s", n, out)
	}
	if !strings.Contains(out, `background-color="244,166,166,255"`) || !strings.Contains(out, "<dc:title>الأمن المجتمعي</dc:title>") {
		t.Errorf("kind colour or title missing:\n%s", out)
	}
	if err := xml.Unmarshal(buf.Bytes(), new(struct{})); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	got, gotPos, err := ReadCXLLayout(bytes.NewReader(buf.Bytes()), p.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	if got.Meta.Title["ar"] != "الأمن المجتمعي" || got.Meta.Language != "ar" {
		t.Errorf("meta: %+v", got.Meta)
	}
	if len(got.Concepts) != len(p.Concepts) || len(got.Relations) != len(p.Relations) {
		t.Fatalf("%d concepts, %d relations", len(got.Concepts), len(got.Relations))
	}
	for i, c := range p.Concepts {
		g := got.Concepts[i]
		if g.ID != c.ID || g.Kind != c.Kind || g.Label.Get("ar") != c.Label.Get("ar") || g.Description.Get("ar") != c.Description.Get("ar") {
			t.Errorf("concept %d: got %+v\nwant %+v", i, g, c)
		}
	}
	want := map[string]model.Relation{}
	for _, r := range p.Relations {
		want[r.ID] = r
	}
	for _, r := range got.Relations {
		w, ok := want[r.ID]
		if !ok || r.From != w.From || r.To != w.To || r.Type != w.Type {
			t.Errorf("relation %+v, want %+v", r, w)
		}
	}
	if gotPos[p.Concepts[0].ID] != [2]float64{400, 60} || gotPos[p.Concepts[1].ID] != [2]float64{250, 220} {
		t.Errorf("positions: %v", gotPos)
	}
	if len(gotPos) != len(p.Concepts) {
		t.Errorf("%d positions for %d concepts (unplaced ones go on a grid)", len(gotPos), len(p.Concepts))
	}
	// English export, and a subset of concepts.
	buf.Reset()
	sub := []string{p.Concepts[0].ID, p.Concepts[1].ID}
	if err := WriteCXLWith(&buf, p, sub, CXLOptions{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	got, err = ReadCXL(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Concepts) != 2 || len(got.Relations) != 1 || got.Concepts[0].Label["en"] != "Uncontrolled weapons" || got.Meta.Language != "en" {
		t.Errorf("subset: %+v", got)
	}
}

func TestCXLReadCmapTools(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "cxl", "plants.cxl"))
	if err != nil {
		t.Fatal(err)
	}
	p, pos, err := ReadCXLLayout(bytes.NewReader(b), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Meta.Title["en"] != "Plants" || p.Meta.Description["en"] != "How do plants grow?" || p.Meta.Language != "en" {
		t.Errorf("meta: %+v", p.Meta)
	}
	label := map[string]string{}
	for _, c := range p.Concepts {
		if !model.ValidID(c.ID) {
			t.Errorf("concept id %q", c.ID)
		}
		label[c.ID] = c.Label["en"]
	}
	if len(p.Concepts) != 5 || p.Concepts[0].Kind != "pillar" || p.Concepts[1].Kind != "concept" || p.Concepts[2].Kind != "concept" ||
		p.Concepts[4].Kind != "recommendation" || p.Concepts[0].Description["en"] == "" {
		t.Errorf("concepts: %+v", p.Concepts)
	}
	var props []string
	for _, r := range p.Relations {
		ph := r.Phrase.Get("")
		if ph == "" {
			ph = "—"
		}
		props = append(props, label[r.From]+" "+ph+" "+label[r.To])
	}
	want := []string{"Plants have Leaves", "Plants have Roots", "Plants need Water", "Plants need Sunlight",
		"Leaves absorb Water", "Roots absorb Water", "Sunlight — Leaves"}
	if strings.Join(props, "; ") != strings.Join(want, "; ") {
		t.Errorf("propositions:\n got %v\nwant %v", props, want)
	}
	if pos[p.Concepts[3].ID] != [2]float64{450, 200} {
		t.Errorf("positions: %v", pos)
	}
	// The same file imports to the same ids.
	p2, _ := ReadCXL(bytes.NewReader(b))
	if p2.Concepts[0].ID != p.Concepts[0].ID || p2.Relations[3].ID != p.Relations[3].ID {
		t.Error("ids are not stable across imports")
	}
}

func TestCXLArabic(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "cxl", "arabic.cxl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ReadCXL(f)
	if err != nil {
		t.Fatal(err)
	}
	if p.Meta.Language != "ar" || p.Meta.Title["ar"] != "الأمن المجتمعي في العراق" {
		t.Errorf("meta: %+v", p.Meta)
	}
	if p.Concepts[0].Kind != "threat" || p.Concepts[1].Kind != "pillar" || p.Concepts[3].Label["en"] != "Rule of law" || p.Concepts[0].Label["ar"] != "السلاح المنفلت" {
		t.Errorf("concepts: %+v", p.Concepts)
	}
	// "يُضعِف" is the default phrase of "weakens" (diacritics aside); "يعتمد على" is not known.
	if len(p.Relations) != 3 || p.Relations[0].Type != "weakens" || p.Relations[1].Type != "weakens" || p.Relations[2].Type != "related-to" ||
		p.Relations[2].Phrase["ar"] != "يعتمد على" {
		t.Errorf("relations: %+v", p.Relations)
	}
}

func TestCXLMalformed(t *testing.T) {
	head := `<?xml version="1.0"?><cmap xmlns="http://cmap.ihmc.us/xml/cmap/"><map>`
	tests := []struct{ name, doc, want string }{
		{"not XML", "hello", "CXL"},
		{"truncated", head + `<concept-list><concept id="1" label="a"/>`, "XML error"},
		{"wrong root", `<graphml/>`, "CXL"},
		{"dangling connection", head + `<concept-list><concept id="1" label="a"/></concept-list><connection-list><connection id="9" from-id="1" to-id="7"/></connection-list></map></cmap>`, "missing node"},
		{"phrase to phrase", head + `<linking-phrase-list><linking-phrase id="1" label="a"/><linking-phrase id="2" label="b"/></linking-phrase-list><connection-list><connection id="9" from-id="1" to-id="2"/></connection-list></map></cmap>`, "two linking phrases"},
		{"duplicate id", head + `<concept-list><concept id="1" label="a"/><concept id="1" label="b"/></concept-list></map></cmap>`, "used twice"},
		{"entity", `<?xml version="1.0"?><!DOCTYPE cmap [<!ENTITY x "boom">]><cmap><map><concept-list><concept id="1" label="&x;"/></concept-list></map></cmap>`, "XML error"},
		{"invalid UTF-8", head + "<concept-list><concept id=\"1\" label=\"\xff\"/></concept-list></map></cmap>", "XML error"},
		{"label too long", head + `<concept-list><concept id="1" label="` + strings.Repeat("ب", model.MaxLabelLen+1) + `"/></concept-list></map></cmap>`, "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCXL(strings.NewReader(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func FuzzReadCXL(f *testing.F) {
	for _, name := range []string{"plants.cxl", "arabic.cxl"} {
		b, err := os.ReadFile(filepath.Join("testdata", "cxl", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	var buf bytes.Buffer
	WriteCXL(&buf, mapProject(), nil)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ReadCXL(bytes.NewReader(b))
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("ReadCXL returned an invalid project: %v", err)
		}
		// What was read can be written back.
		if err := WriteCXL(&bytes.Buffer{}, p, nil); err != nil {
			t.Fatal(err)
		}
	})
}
