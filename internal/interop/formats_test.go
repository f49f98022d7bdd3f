package interop

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestFormatTable(t *testing.T) {
	for _, tc := range []struct {
		path, want string
		data       string
	}{
		{"a.json", "project", `{"format":"khareeta-project","version":1}`},
		{"a.json", "csl", `[{"id":"x","title":"T"}]`},
		{"A.CSL.JSON", "csl", `{"format":"khareeta-project"}`},
		{"refs.bib", "bibtex", ""},
		{"refs.bibtex", "bibtex", ""},
		{"refs.ris", "ris", ""},
		{"map.cxl", "cxl", ""},
		{"map.csv", "csv", ""},
		{"map.relations.csv", "csv", ""}, // read by the csv reader, which tells the tables apart
	} {
		f, err := FormatForRead(tc.path, []byte(tc.data))
		if err != nil || f.Name != tc.want {
			t.Errorf("FormatForRead(%s) = %s, %v; want %s", tc.path, f.Name, err, tc.want)
		}
	}
	for path, want := range map[string]string{"a.json": "project", "a.csl.json": "csl", "m.relations.csv": "relations-csv",
		"m.csv": "csv", "m.graphml": "graphml", "m.cxl": "cxl", "r.ris": "ris"} {
		if f, err := FormatForWrite(path); err != nil || f.Name != want {
			t.Errorf("FormatForWrite(%s) = %s, %v; want %s", path, f.Name, err, want)
		}
	}
	if f, err := FormatForRead("x.graphml", nil); err != nil || f.Name != "graphml" {
		t.Errorf("GraphML is read too: %v", err)
	}
	if f, err := FormatForRead("Map.CANVAS", []byte(`{"nodes":[]}`)); err != nil || f.Name != "canvas" {
		t.Errorf("JSON Canvas: %s %v", f.Name, err)
	}
	if _, err := FormatForRead("x.canvas", []byte(`{"format":"khareeta-project"}`)); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("a project JSON named .canvas: %v", err)
	}
	if _, err := FormatForRead("x.relations.csv.txt", nil); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("an unknown extension: %v", err)
	}
	for name, want := range map[string]string{"bib": "bibtex", "BibLaTeX": "bibtex", "csl-json": "csl", "json": "project", "cmap": "cxl", "obsidian": "canvas", "yed": "graphml"} {
		if f, err := FormatNamed(name, true); err != nil || f.Name != want {
			t.Errorf("FormatNamed(%s) = %s, %v", name, f.Name, err)
		}
	}
	if _, err := FormatNamed("docx", false); !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "known: bibtex, canvas, csl, csv, cxl, graphml, project, relations-csv, ris") {
		t.Errorf("unknown name: %v", err)
	}
	for _, f := range Formats() {
		if f.Read != nil && len(f.Carries) == 0 {
			t.Errorf("%s is read but says nothing of what it carries", f.Name)
		}
		if f.Holds == HoldsSources && f.Bib == "" {
			t.Errorf("%s has no bibliography format", f.Name)
		}
	}
	if f, ok := BibFormatForPath("x.csl.json"); !ok || f != CSLJSON {
		t.Errorf("BibFormatForPath: %v %v", f, ok)
	}
}

// A CXL file read over a project changes only what the map carries: the
// label and description in the map's language, the kind when the colour
// is one kind's, the ends; never the other language, the notes or the
// relation type, and a phrase that is only the type's default is no change.
func TestCXLReadOverKeepsWhatItDoesNotCarry(t *testing.T) {
	kinds := model.BuiltinKinds()
	a := model.Concept{ID: model.NewID(), Kind: model.KindThreat, Label: model.T("السلاح", "Weapons"), Notes: "note a",
		Description: model.T("", "English description")}
	b := model.Concept{ID: model.NewID(), Kind: model.KindPillar, Label: model.T("الأمن", "Security"), Notes: "note b"}
	r1 := model.Relation{ID: model.NewID(), From: a.ID, To: b.ID, Type: "threatens", Notes: "why"} // no phrase: the default shows
	r2 := model.Relation{ID: model.NewID(), From: b.ID, To: a.ID, Type: "contrasts-with", Phrase: model.T("يقاوم", "resists")}
	base := &model.Project{Meta: model.Meta{Language: model.Arabic, Title: model.T("خريطة", "")}, Kinds: kinds,
		Concepts: []model.Concept{a, b}, Relations: []model.Relation{r1, r2}}
	var buf bytes.Buffer
	if err := WriteCXL(&buf, base, nil); err != nil {
		t.Fatal(err)
	}
	f, _ := FormatNamed("cxl", true)
	in, err := f.Read(buf.Bytes(), base)
	if err != nil {
		t.Fatal(err)
	}
	if jsonOf(in.Project.Concepts) != jsonOf(base.Concepts) || jsonOf(in.Project.Relations) != jsonOf(base.Relations) {
		t.Errorf("a round trip changed records:\n%s\n%s\nwant\n%s\n%s", jsonOf(in.Project.Concepts), jsonOf(in.Project.Relations),
			jsonOf(base.Concepts), jsonOf(base.Relations))
	}
	// The map edited in CmapTools: a's label, r2's phrase.
	edited := strings.Replace(buf.String(), `label="السلاح"`, `label="السلاح المنفلت"`, 1)
	edited = strings.Replace(edited, `label="يقاوم"`, `label="يواجه"`, 1)
	in, err = f.Read([]byte(edited), base)
	if err != nil {
		t.Fatal(err)
	}
	ga, gr2 := in.Project.Concepts[0], in.Project.Relations[1]
	if ga.Label[model.Arabic] != "السلاح المنفلت" || ga.Label[model.English] != "Weapons" || ga.Notes != "note a" ||
		ga.Description[model.English] != "English description" || ga.Kind != model.KindThreat {
		t.Errorf("edited concept: %+v", ga)
	}
	if gr2.Phrase[model.Arabic] != "يواجه" || gr2.Phrase[model.English] != "resists" || gr2.Type != "contrasts-with" {
		t.Errorf("edited relation: %+v", gr2)
	}
}
