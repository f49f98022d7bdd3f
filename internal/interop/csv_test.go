package interop

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func readCSVFixture(t *testing.T, name string, base *model.Project) *CSVImport {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "csv", name))
	if err != nil {
		t.Fatal(err)
	}
	imp, err := ReadCSV(bytes.NewReader(b), base)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return imp
}

func TestCSVRoundTrip(t *testing.T) {
	p := mapProject()
	p.Concepts[2].Notes = "ملاحظة، مع فاصلة; وفاصلة منقوطة\nوسطر جديد"
	p.Concepts[4].Label["en"] = "=HYPERLINK(\"http://evil\")" // must not become a formula
	p.Relations[0].Notes = "-1"
	for _, opts := range []CSVOptions{
		{},                                    // the project's language (Arabic headers), comma, BOM
		{Lang: "en", Comma: ';', NoBOM: true}, // English headers, semicolons
		{Comma: '\t'},
	} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, p, opts); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), ",=HYPERLINK") || strings.Contains(buf.String(), "\"=HYPERLINK") {
			t.Errorf("a formula-like cell was written as is:\n%s", buf.String())
		}
		imp, err := ReadCSV(&buf, p)
		if err != nil {
			t.Fatalf("%+v: %v", opts, err)
		}
		want := opts.Comma
		if want == 0 {
			want = ','
		}
		if imp.Table != CSVConcepts || imp.Comma != want || len(imp.Ignored) != 0 {
			t.Errorf("%+v: table %s, comma %q, ignored %v", opts, imp.Table, imp.Comma, imp.Ignored)
		}
		if !reflect.DeepEqual(imp.Concepts, p.Concepts) {
			t.Errorf("%+v: concepts differ:\n got %+v\nwant %+v", opts, imp.Concepts, p.Concepts)
		}
		opts.Table = CSVRelations
		buf.Reset()
		if err := WriteCSV(&buf, p, opts); err != nil {
			t.Fatal(err)
		}
		imp, err = ReadCSV(&buf, p)
		if err != nil {
			t.Fatalf("%+v: %v", opts, err)
		}
		wantRels := append([]model.Relation(nil), p.Relations...)
		if imp.Table != CSVRelations || !reflect.DeepEqual(imp.Relations, wantRels) {
			t.Errorf("%+v: relations differ:\n got %+v\nwant %+v", opts, imp.Relations, wantRels)
		}
	}
	// Arabic header and BOM by default for an Arabic project.
	var buf bytes.Buffer
	WriteCSV(&buf, p, CSVOptions{})
	if !strings.HasPrefix(buf.String(), "\ufeffالمعرف,النوع,التسمية بالعربية") {
		t.Errorf("header: %q", strings.SplitN(buf.String(), "\n", 2)[0])
	}
}

func TestCSVArabicSpreadsheet(t *testing.T) {
	imp := readCSVFixture(t, "concepts_ar.csv", nil)
	if imp.Table != CSVConcepts || imp.Comma != ';' || len(imp.Concepts) != 5 {
		t.Fatalf("%s %q %d concepts", imp.Table, imp.Comma, len(imp.Concepts))
	}
	c := imp.Concepts
	if c[0].Kind != "threat" || c[0].Label["ar"] != "السلاح المنفلت" || c[0].Description["ar"] != "سلاح خارج سيطرة الدولة" {
		t.Errorf("row 2: %+v", c[0])
	}
	if c[1].Kind != "pillar" || c[1].Notes != "مهمة" {
		t.Errorf("row 3: %+v", c[1])
	}
	if c[2].Kind != "opportunity" || c[2].Label["en"] != "Trust in institutions" || c[2].Description["en"] != "A description; with a semicolon" {
		t.Errorf("row 4 (English text and kind name): %+v", c[2])
	}
	if c[3].Kind != "concept" {
		t.Errorf("row 5 (no kind): %+v", c[3])
	}
	if c[4].Kind != "recommendation" || c[4].Description["ar"] != "سطر أول\nسطر ثان" {
		t.Errorf("row 7 (multi-line cell): %q", c[4].Description["ar"])
	}
	for _, x := range c {
		if !model.ValidID(x.ID) {
			t.Errorf("new concept without an id: %+v", x)
		}
	}

	en := readCSVFixture(t, "concepts_en.csv", nil)
	if len(en.Concepts) != 2 || en.Concepts[0].Label["ar"] != "الخلايا الإرهابية" || en.Concepts[0].Label["en"] != "Terrorist cells" ||
		en.Concepts[0].Notes != "note, with comma" || en.Concepts[1].Kind != "actor" || !reflect.DeepEqual(en.Ignored, []string{"Colour"}) {
		t.Errorf("English headers: %+v ignored %v", en.Concepts, en.Ignored)
	}

	u16 := readCSVFixture(t, "concepts_utf16.txt", nil)
	if u16.Comma != '\t' || len(u16.Concepts) != 1 || u16.Concepts[0].Label["ar"] != "التماسك الاجتماعي" || u16.Concepts[0].Kind != "concept" {
		t.Errorf("UTF-16: %+v", u16)
	}

	// Relations name their ends by label (folded: الامنيه = الأمنية) and
	// their types by id or Arabic phrase.
	base := &model.Project{Meta: model.Meta{Language: "ar"}, Kinds: model.BuiltinKinds(), Concepts: append(imp.Concepts, en.Concepts...)}
	rels := readCSVFixture(t, "relations_ar.csv", base)
	if rels.Table != CSVRelations || len(rels.Relations) != 3 {
		t.Fatalf("relations: %+v", rels)
	}
	r := rels.Relations
	if r[0].From != c[0].ID || r[0].To != c[1].ID || r[0].Type != "weakens" {
		t.Errorf("row 2: %+v", r[0])
	}
	if r[1].From != c[4].ID || r[1].Type != "addresses" {
		t.Errorf("row 3: %+v", r[1])
	}
	if r[2].From != c[2].ID || r[2].To != c[1].ID || r[2].Type != "related-to" || r[2].Phrase["ar"] != "يموّل" {
		t.Errorf("row 4 (folded label, phrase as type): %+v", r[2])
	}
}

func TestCSVErrorsNameRows(t *testing.T) {
	b, _ := os.ReadFile(filepath.Join("testdata", "csv", "bad.csv"))
	_, err := ReadCSV(bytes.NewReader(b), nil)
	var ce *CSVError
	if !errors.As(err, &ce) || !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	got := err.Error()
	for _, want := range []string{`row 3, column "kind": unknown kind "volcano"`, "row 4: the concept has no label", `row 5, column "id": "42" is not a UUID`, "row 6"} {
		if !strings.Contains(got, want) {
			t.Errorf("error does not say %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "row 2") {
		t.Errorf("a good row is reported: %s", got)
	}

	p := mapProject()
	tests := []struct{ name, csv, want string }{
		{"empty", "", "empty"},
		{"unknown header", "foo,bar\n1,2\n", "names no known columns"},
		{"duplicate column", "label,التسمية\na,b\n", "a second column"},
		{"not UTF-8", "label\nok\n\xff\xfe\xfd bad\n", "row 3: the text is not UTF-8"},
		{"unknown concept", "from,to\nالسلاح المنفلت,لا يوجد\n", `row 2, column "to": no concept is labelled "لا يوجد"`},
		{"unknown id", "from,to\n" + model.NewID() + ",الركيزة الأمنية\n", "no concept has the id"},
		{"duplicate ids", "id,label\n" + p.Concepts[0].ID + ",a\n" + p.Concepts[0].ID + ",b\n", "row 3, column \"id\": the same id as row 2"},
		{"bad type", "from,to,type\nالسلاح المنفلت,الركيزة الأمنية,\"Weak ens!\"\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tt.csv), p)
			if tt.want == "" {
				if err != nil {
					t.Errorf("err = %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	// Two concepts with the same label: the relation must use ids.
	p.Concepts = append(p.Concepts, model.Concept{ID: model.NewID(), Kind: "threat", Label: model.T("السلاح المنفلت", "")})
	if _, err := ReadCSV(strings.NewReader("from,to\nالسلاح المنفلت,الركيزة الأمنية\n"), p); err == nil || !strings.Contains(err.Error(), "2 concepts are labelled") {
		t.Errorf("ambiguous label: %v", err)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, name := range []string{"concepts_ar.csv", "concepts_en.csv", "relations_ar.csv", "concepts_utf16.txt", "bad.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", "csv", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	base := mapProject()
	f.Fuzz(func(t *testing.T, b []byte) {
		imp, err := ReadCSV(bytes.NewReader(b), base)
		if err != nil {
			return
		}
		ix := model.NewIndex(base)
		for _, c := range imp.Concepts {
			if err := model.ValidateConcept(c, func(k string) bool { return ix.Kinds[k] != nil }); err != nil {
				t.Fatalf("invalid concept: %v", err)
			}
		}
		for _, r := range imp.Relations {
			if err := model.ValidateRelation(r, func(id string) bool { return ix.Concepts[id] != nil }); err != nil {
				t.Fatalf("invalid relation: %v", err)
			}
		}
	})
}

// csvHardStrings are cell texts a CSV writer and reader can disagree on:
// formula marks and the apostrophe that protects them, blanks at the
// edges, separators, quotes and line breaks.
var csvHardStrings = []string{
	"'=1+1", "=1+1", "'", "''", "''x", "'abc", "-1", "+x", "@x", "\tx", "\rx", "'\tx",
	" lead", "trail ", "  both  ", "\u00a0nbsp\u00a0", " ", "\t", "a,b", "a;b", "a\tb", `say "hi"`, `"`, `\.`,
	"line1\nline2", "a\rb", "\nfirst", "last\n", " السلاح المنفلت ", "الأمن\nالمجتمعي",
}

// Every string comes back exactly from a CSV written by WriteCSV, in
// every column, with every separator (issue 14, item 9).
func TestCSVRoundTripEveryString(t *testing.T) {
	for _, comma := range []rune{',', ';', '\t'} {
		for _, s := range csvHardStrings {
			p := mapProject()
			c := &p.Concepts[0]
			c.Label = model.T("ع"+s, s+"x") // a label may not be blank
			c.Description = model.T(s, s)
			c.Notes = s
			r := &p.Relations[0]
			r.Phrase, r.Notes = model.T(s+"ع", s), s
			concepts, relations := csvRoundTrip(t, p, comma)
			if concepts == nil {
				continue
			}
			if !reflect.DeepEqual(concepts[0], *c) {
				t.Errorf("comma %q, %q: concept came back as\n%#v\nwant\n%#v", comma, s, concepts[0], *c)
			}
			if !reflect.DeepEqual(relations[0], *r) {
				t.Errorf("comma %q, %q: relation came back as\n%#v\nwant\n%#v", comma, s, relations[0], *r)
			}
		}
	}
}

// csvRoundTrip writes p's concepts and relations as CSV and reads them back.
func csvRoundTrip(t testing.TB, p *model.Project, comma rune) ([]model.Concept, []model.Relation) {
	t.Helper()
	var out [2][]byte
	for i, table := range []CSVTable{CSVConcepts, CSVRelations} {
		var b bytes.Buffer
		if err := WriteCSV(&b, p, CSVOptions{Table: table, Comma: comma}); err != nil {
			t.Fatalf("write %s: %v", table, err)
		}
		out[i] = b.Bytes()
	}
	ci, err := ReadCSV(bytes.NewReader(out[0]), p)
	if err != nil {
		t.Fatalf("read concepts back: %v\n%s", err, out[0])
	}
	ri, err := ReadCSV(bytes.NewReader(out[1]), p)
	if err != nil {
		t.Fatalf("read relations back: %v\n%s", err, out[1])
	}
	return ci.Concepts, ri.Relations
}

// A hand-typed file keeps its convenience: blanks around unquoted cells
// go, as does the apostrophe a spreadsheet user types before a formula.
func TestCSVHandTypedCells(t *testing.T) {
	imp, err := ReadCSV(strings.NewReader("label_en , notes\n  Trust  ,   '=1+1  \n\" quoted \",'plain\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{imp.Concepts[0].Label["en"], imp.Concepts[0].Notes, imp.Concepts[1].Label["en"], imp.Concepts[1].Notes}
	if want := []string{"Trust", "=1+1", " quoted ", "'plain"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzCSVRoundTrip checks that every string the model holds comes back
// from WriteCSV and ReadCSV unchanged (but CR-LF inside a cell, read as LF).
func FuzzCSVRoundTrip(f *testing.F) {
	for _, s := range csvHardStrings {
		f.Add(s, "x", s, uint8(0))
	}
	f.Add("'=1+1", " trail ", "=HYPERLINK(\"http://evil\")", uint8(1))
	f.Add("ع", "a\r\nb", "\r\n", uint8(2))
	f.Fuzz(func(t *testing.T, label, text, notes string, sep uint8) {
		comma := []rune{',', ';', '\t'}[sep%3]
		p := mapProject()
		c := &p.Concepts[0]
		c.Label = model.T(label, "")
		c.Description = model.T("", text)
		c.Notes = notes
		r := &p.Relations[0]
		r.Phrase, r.Notes = model.T("", text), notes
		kinds := model.NewIndex(p)
		if model.ValidateConcept(*c, func(k string) bool { return kinds.Kinds[k] != nil }) != nil {
			return // not a concept the model holds
		}
		concepts, relations := csvRoundTrip(t, p, comma)
		crlf := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
		want := *c
		want.Label, want.Description, want.Notes = model.T(crlf(label), ""), model.T("", crlf(text)), crlf(notes)
		if want.Label.Empty() {
			return
		}
		if got := concepts[0]; !sameText(got.Label, want.Label) || !sameText(got.Description, want.Description) || got.Notes != want.Notes {
			t.Fatalf("concept came back as %q %q %q, want %q %q %q", got.Label, got.Description, got.Notes, want.Label, want.Description, want.Notes)
		}
		if got := relations[0]; !sameText(got.Phrase, model.T("", crlf(text))) || got.Notes != crlf(notes) {
			t.Fatalf("relation came back as %q %q, want %q %q", got.Phrase, got.Notes, crlf(text), crlf(notes))
		}
	})
}

// sameText compares texts by their non-empty languages (nil, {} and
// {"en": ""} hold the same).
func sameText(a, b model.Text) bool {
	for _, l := range []string{model.Arabic, model.English} {
		if a[l] != b[l] {
			return false
		}
	}
	return len(a.Langs()) == len(b.Langs())
}
