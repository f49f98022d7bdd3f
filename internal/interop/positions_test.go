package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// byLabel indexes concepts by their label in any language.
func byLabel(p *model.Project) map[string]model.Concept {
	out := map[string]model.Concept{}
	for _, c := range p.Concepts {
		for _, l := range c.Label {
			out[l] = c
		}
	}
	return out
}

func readFormat(t *testing.T, name string, data []byte, base *model.Project) *Incoming {
	t.Helper()
	f, err := FormatNamed(name, true)
	if err != nil {
		t.Fatal(err)
	}
	in, err := f.Read(data, base)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// A map CmapTools saved opens where CmapTools showed it: each concept at
// the centre of its box (CXL's x and y), relative placement kept.
func TestCXLFromCmapToolsKeepsPositions(t *testing.T) {
	in := readFormat(t, "cxl", readFixture(t, "cxl/cmaptools-security.cxl"), nil)
	c := byLabel(in.Project)
	if in.Name != "الأمن المجتمعي في نينوى" || in.Project.Meta.Language != model.Arabic {
		t.Errorf("name %q, language %q", in.Name, in.Project.Meta.Language)
	}
	want := map[string][2]float64{"السلاح المنفلت": {380, 150}, "الركيزة الأمنية": {190, 330}, "الثقة بالمؤسسات": {570, 330},
		"حصر السلاح بيد الدولة": {380, 20}, "العشائر": {680, 150}}
	for label, xy := range want {
		if got := in.Placed[c[label].ID]; got != xy {
			t.Errorf("%s at %v, want %v", label, got, xy)
		}
	}
	if c["السلاح المنفلت"].Kind != model.KindThreat || c["الركيزة الأمنية"].Kind != model.KindPillar ||
		c["حصر السلاح بيد الدولة"].Kind != model.KindRecommendation || c["العشائر"].Kind != model.KindConcept {
		t.Errorf("kinds by colour: %+v", in.Project.Concepts)
	}
	if len(in.Project.Relations) != 4 {
		t.Errorf("%d relations, want 4", len(in.Project.Relations))
	}
}

// Khareeta's CXL export writes each concept's centre and box, and reads
// back the same centres.
func TestCXLPositionsRoundTrip(t *testing.T) {
	p := mapProject()
	pos := map[string][2]float64{}
	for i, c := range p.Concepts {
		pos[c.ID] = [2]float64{float64(120*i) + 0.4, float64(-40 * i)}
	}
	var buf bytes.Buffer
	if err := WriteCXLWith(&buf, p, nil, CXLOptions{Positions: pos, Title: "عرض التهديدات"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "<dc:title>عرض التهديدات</dc:title>") ||
		!strings.Contains(out, `<concept-appearance id="`+p.Concepts[1].ID+`" x="120" y="-40" width="`) ||
		!strings.Contains(out, `<linking-phrase-appearance id="lp-`) || !strings.Contains(out, `height="14"/>`) {
		t.Errorf("appearances:\n%s", out)
	}
	in := readFormat(t, "cxl", buf.Bytes(), nil)
	for id, xy := range pos {
		if got := in.Placed[id]; got != roundPoint(xy) {
			t.Errorf("%s: %v, want %v", id, got, roundPoint(xy))
		}
	}
}

func TestGraphMLFromYEdKeepsPositions(t *testing.T) {
	in := readFormat(t, "graphml", readFixture(t, "graphml/yed-security.graphml"), nil)
	c := byLabel(in.Project)
	// Centres of the y:Geometry boxes (corner + half the size).
	want := map[string][2]float64{"السلاح المنفلت": {380, 150}, "الركيزة الأمنية": {190, 330}, "المجتمع": {590, 335},
		"الثقة بالمؤسسات": {585, 330}, "Tribes": {0, 0}}
	for label, xy := range want {
		if got, ok := in.Placed[c[label].ID]; !ok || got != xy {
			t.Errorf("%s at %v, want %v", label, got, xy)
		}
	}
	if c["السلاح المنفلت"].Kind != model.KindThreat || c["الركيزة الأمنية"].Kind != model.KindPillar ||
		c["الثقة بالمؤسسات"].Kind != model.KindOpportunity || c["Tribes"].Kind != model.KindConcept {
		t.Errorf("kinds by fill: %+v", in.Project.Concepts)
	}
	if c["السلاح المنفلت"].Description[model.Arabic] != "سلاح بيد جماعات خارج سيطرة الدولة" {
		t.Errorf("description: %+v", c["السلاح المنفلت"])
	}
	rels := map[string]model.Relation{}
	for _, r := range in.Project.Relations {
		rels[r.From+">"+r.To] = r
	}
	weak := rels[c["السلاح المنفلت"].ID+">"+c["الركيزة الأمنية"].ID]
	if weak.Type != "weakens" || weak.Phrase[model.Arabic] != "يُضعِف" {
		t.Errorf("an edge labelled with the type's phrase: %+v", weak)
	}
	if r := rels[c["السلاح المنفلت"].ID+">"+c["الثقة بالمؤسسات"].ID]; r.Phrase[model.Arabic] != "يقوّض" || r.Type != "related-to" {
		t.Errorf("an edge of the nested graph: %+v", r)
	}
	if r := rels[c["Tribes"].ID+">"+c["السلاح المنفلت"].ID]; r.ID == "" || r.Phrase != nil {
		t.Errorf("an edge without a label: %+v", r)
	}
	// The same file gives the same ids.
	again := readFormat(t, "graphml", readFixture(t, "graphml/yed-security.graphml"), nil)
	if again.Project.Concepts[2].ID != in.Project.Concepts[2].ID || again.Project.Relations[1].ID != in.Project.Relations[1].ID {
		t.Error("ids change between imports")
	}
}

func TestGraphMLFromGephiFlipsY(t *testing.T) {
	in := readFormat(t, "graphml", readFixture(t, "graphml/gephi-security.graphml"), nil)
	c := byLabel(in.Project)
	want := map[string][2]float64{"Uncontrolled weapons": {-120.5, -80.25}, "Security pillar": {60, 100}, "الثقة بالمؤسسات": {240, 0}}
	for label, xy := range want {
		if got := in.Placed[c[label].ID]; got != xy {
			t.Errorf("%s at %v, want %v (Gephi's y grows upwards)", label, got, xy)
		}
	}
	if c["Uncontrolled weapons"].Kind != model.KindThreat || c["Security pillar"].Kind != model.KindPillar || c["الثقة بالمؤسسات"].Kind != model.KindConcept {
		t.Errorf("kinds by r, g, b: %+v", in.Project.Concepts)
	}
	if len(in.Project.Relations) != 2 || in.Project.Relations[0].Type != "weakens" || in.Project.Relations[1].Phrase[model.English] != "erodes" {
		t.Errorf("edges: %+v", in.Project.Relations)
	}
}

// Khareeta's GraphML carries everything its reader needs: written and read
// back, a map keeps its records and its places.
func TestGraphMLRoundTrip(t *testing.T) {
	p := mapProject()
	pos := map[string][2]float64{}
	for i, c := range p.Concepts {
		pos[c.ID] = [2]float64{float64(150*i) + 0.3, float64(33 * i)}
	}
	var buf bytes.Buffer
	if err := WriteGraphMLWith(&buf, p, nil, GraphMLOptions{Positions: pos, Name: "التهديدات"}); err != nil {
		t.Fatal(err)
	}
	in := readFormat(t, "graphml", buf.Bytes(), &model.Project{Kinds: p.Kinds}) // a new project with the map's kinds
	if in.Name != "التهديدات" {
		t.Errorf("name %q", in.Name)
	}
	got := in.Project
	want := append([]model.Relation(nil), p.Relations...)
	for i := range want { // a relation without a phrase is written with its type's
		if want[i].Phrase.Empty() {
			want[i].Phrase = model.DefaultPhrase(want[i].Type)
		}
	}
	if jsonOf(got.Concepts) != jsonOf(p.Concepts) || jsonOf(got.Relations) != jsonOf(want) {
		t.Errorf("records changed:\n%s\n%s\nwant\n%s\n%s", jsonOf(got.Concepts), jsonOf(got.Relations), jsonOf(p.Concepts), jsonOf(p.Relations))
	}
	for id, xy := range pos {
		if in.Placed[id] != roundPoint(xy) {
			t.Errorf("%s at %v, want %v", id, in.Placed[id], roundPoint(xy))
		}
	}
	// Over the project it came from, nothing changes.
	over := readFormat(t, "graphml", buf.Bytes(), p)
	if jsonOf(over.Project.Concepts) != jsonOf(p.Concepts) || jsonOf(over.Project.Relations) != jsonOf(p.Relations) {
		t.Error("read over its own project, the graph changes records")
	}
}

func TestCanvasFromObsidian(t *testing.T) {
	in := readFormat(t, "canvas", readFixture(t, "canvas/obsidian-security.canvas"), nil)
	c := byLabel(in.Project)
	if len(in.Project.Concepts) != 4 {
		t.Fatalf("concepts: %+v", in.Project.Concepts)
	}
	weapons, pillar, trust, link := c["السلاح المنفلت"], c["الركيزة الأمنية"], c["الثقة بالمؤسسات"], c["https://example.org/report"]
	if weapons.Kind != model.KindThreat || weapons.Description[model.Arabic] != "سلاح بيد جماعات خارج سيطرة الدولة" {
		t.Errorf("text node: %+v", weapons)
	}
	if pillar.Kind != model.KindPillar || link.Kind != model.KindThreat || trust.Kind != model.KindConcept {
		t.Errorf("kinds from presets 5 (cyan) and 1 (red): %s %s %s", pillar.Kind, link.Kind, trust.Kind)
	}
	// Centres: corner + half the size.
	for id, xy := range map[string][2]float64{weapons.ID: {-135, -90}, pillar.ID: {-135, 110}, trust.ID: {320, 280}, link.ID: {270, -90}} {
		if in.Placed[id] != xy {
			t.Errorf("%s at %v, want %v", id, in.Placed[id], xy)
		}
	}
	rels := map[string]model.Relation{}
	for _, r := range in.Project.Relations {
		rels[r.From+">"+r.To] = r
	}
	if r := rels[weapons.ID+">"+pillar.ID]; r.Type != "weakens" {
		t.Errorf("a labelled edge: %+v", r)
	}
	// Arrow at fromNode only: the relation points the other way.
	if r := rels[weapons.ID+">"+trust.ID]; r.Phrase[model.Arabic] != "يتأثر بـ" {
		t.Errorf("a reversed edge: %+v", rels)
	}
	if len(in.Project.Relations) != 3 || len(in.Skipped) != 2 || !strings.Contains(in.Skipped[0], "الدولة") {
		t.Errorf("relations %d, skipped %v", len(in.Project.Relations), in.Skipped)
	}
}

func TestCanvasRoundTrip(t *testing.T) {
	p := mapProject()
	pos := map[string][2]float64{}
	for i, c := range p.Concepts {
		pos[c.ID] = [2]float64{float64(-200 + 180*i), float64(60 * (i % 2))}
	}
	var buf bytes.Buffer
	if err := WriteCanvas(&buf, p, nil, pos); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Nodes []map[string]any
		Edges []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	n0 := raw.Nodes[0]
	if n0["type"] != "text" || n0["color"] != "#f4a6a6" || !strings.HasPrefix(n0["text"].(string), "السلاح المنفلت\n\n") {
		t.Errorf("node: %v", n0)
	}
	for _, k := range []string{"x", "y", "width", "height"} {
		if v := n0[k].(float64); v != math.Trunc(v) {
			t.Errorf("%s %v is not a whole number", k, v)
		}
	}
	if e := raw.Edges[3]; e["label"] != "يدعم" { // no phrase: the type's
		t.Errorf("edge: %v", e)
	}
	in := readFormat(t, "canvas", buf.Bytes(), p)
	if jsonOf(in.Project.Concepts) != jsonOf(p.Concepts) || jsonOf(in.Project.Relations) != jsonOf(p.Relations) {
		t.Errorf("read over its own project, the canvas changes records:\n%s\n%s", jsonOf(in.Project.Concepts), jsonOf(in.Project.Relations))
	}
	for id, xy := range pos {
		if in.Placed[id] != xy {
			t.Errorf("%s at %v, want %v", id, in.Placed[id], xy)
		}
	}
}

// Coordinates no map can hold make each format's file an error that names
// the element and the value.
func TestMapFormatsRefuseImpossibleCoordinates(t *testing.T) {
	cxl := func(x, y string) string {
		return `<cmap xmlns="http://cmap.ihmc.us/xml/cmap/"><map><concept-list><concept id="c1" label="a"/></concept-list>` +
			`<concept-appearance-list><concept-appearance id="c1" x="` + x + `" y="` + y + `"/></concept-appearance-list></map></cmap>`
	}
	yed := func(x string) string {
		return `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml"><key for="node" id="d5" yfiles.type="nodegraphics"/>` +
			`<graph><node id="n9"><data key="d5"><y:ShapeNode><y:Geometry x="` + x + `" y="0" width="10" height="10"/></y:ShapeNode></data></node></graph></graphml>`
	}
	gephi := func(y string) string {
		return `<graphml><key attr.name="y" for="node" id="y"/><key attr.name="x" for="node" id="x"/><graph><node id="g1"><data key="x">1</data><data key="y">` + y + `</data></node></graph></graphml>`
	}
	canvas := func(x string) string {
		return `{"nodes":[{"id":"k1","type":"text","text":"a","x":` + x + `,"y":0,"width":10,"height":10}]}`
	}
	for _, tt := range []struct{ format, doc, want string }{
		{"cxl", cxl("1e400", "0"), `CXL concept-appearance "c1": x "1e400" is not a finite number`},
		{"cxl", cxl("12", "NaN"), `CXL concept-appearance "c1": y "NaN": NaN is not a finite number`},
		{"cxl", cxl("2000000", "0"), `CXL concept-appearance "c1": x "2000000": 2e+06 is beyond ±1000000 points`},
		{"cxl", cxl("left", "0"), `x "left" is not a number`},
		{"cxl", cxl("", "5"), `x "" is not a number`},
		{"graphml", yed("-Infinity"), `GraphML node "n9": y:Geometry x "-Infinity": -Inf is not a finite number`},
		{"graphml", yed("1e7"), `GraphML node "n9": y:Geometry x "1e7": 1e+07 is beyond`},
		{"graphml", gephi("9e999"), `GraphML node "g1": data y "9e999" is not a finite number`},
		{"canvas", canvas("1e400"), `JSON Canvas node "k1": x "1e400" is not a finite number`},
		{"canvas", canvas("-3000000"), `JSON Canvas node "k1": x "-3000000": -3e+06 is beyond`},
	} {
		f, _ := FormatNamed(tt.format, true)
		_, err := f.Read([]byte(tt.doc), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v\nwant it to contain %q", tt.format, err, tt.want)
		}
	}
}

func TestJSONCarriesPositions(t *testing.T) {
	p := mapProject()
	v := model.View{ID: model.NewID(), Name: model.T("عرض", "A view"), Concepts: []string{p.Concepts[0].ID}}
	p.Views = []model.View{v}
	p.Positions = []model.Position{model.NewPosition("", p.Concepts[0].ID, 10.5, -20, true),
		model.NewPosition(v.ID, p.Concepts[0].ID, 0.125, 1e6, false)}
	var a bytes.Buffer
	if err := WriteJSON(&a, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.String(), `"version": 2`) || !strings.Contains(a.String(), `"positions": [`) {
		t.Errorf("a project with positions is written as version 2:\n%.300s", a.String())
	}
	q, err := ReadJSON(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	WriteJSON(&b, q)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("export → import → export differs")
	}
	// Without positions a file stays at version 1 (older builds read it).
	p.Positions = nil
	a.Reset()
	WriteJSON(&a, p)
	if !strings.Contains(a.String(), `"version": 1`) || strings.Contains(a.String(), "positions") {
		t.Errorf("without positions: %.200s", a.String())
	}
	// An impossible coordinate is refused with the value named.
	for raw, want := range map[string]string{
		`1e400`: `cannot unmarshal number 1e400`,
		`-7e6`:  `x -7e+06 is beyond ±1000000 points`,
	} {
		doc := fmt.Sprintf(`{"format":"khareeta-project","version":2,"project":{"meta":{"title":{"ar":"م"},"language":"ar"},"kinds":%s,`+
			`"concepts":[{"id":"%s","kind":"concept","label":{"ar":"أ"},"created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}],`+
			`"relations":[],"sources":[],"citations":[],"views":[],"positions":[{"id":"%[3]s","concept":"%[2]s","x":%[4]s,"y":0,"updated":"2026-01-01T00:00:00Z"}]}}`,
			jsonOf(model.BuiltinKinds()), p.Concepts[0].ID, model.PositionID("", p.Concepts[0].ID), raw)
		if _, err := ReadJSON(strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("x %s: %v", raw, err)
		}
	}
}

func TestMapFixturesAreWellFormed(t *testing.T) {
	for _, dir := range []string{"cxl", "graphml", "canvas"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil || len(b) == 0 {
				t.Errorf("%s: %v", f, err)
			}
		}
	}
}

func FuzzReadGraphML(f *testing.F) {
	for _, name := range []string{"graphml/yed-security.graphml", "graphml/gephi-security.graphml"} {
		f.Add(readFixture(f, name))
	}
	var buf bytes.Buffer
	WriteGraphML(&buf, mapProject(), nil, nil)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		p, pos, err := ReadGraphML(bytes.NewReader(b))
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("ReadGraphML returned an invalid project: %v", err)
		}
		for id, xy := range pos {
			if model.CheckCoordinate(xy[0]) != nil || model.CheckCoordinate(xy[1]) != nil {
				t.Fatalf("position %s %v", id, xy)
			}
		}
	})
}

func FuzzReadCanvas(f *testing.F) {
	f.Add(readFixture(f, "canvas/obsidian-security.canvas"))
	var buf bytes.Buffer
	WriteCanvas(&buf, mapProject(), nil, nil)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		p, pos, err := ReadCanvas(bytes.NewReader(b))
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("ReadCanvas returned an invalid project: %v", err)
		}
		for id, xy := range pos {
			if model.CheckCoordinate(xy[0]) != nil || model.CheckCoordinate(xy[1]) != nil {
				t.Fatalf("position %s %v", id, xy)
			}
		}
	})
}
