package interop

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestCSLJSONZotero(t *testing.T) {
	got, rep := importFixture(t, "zotero.json")
	want := []model.Source{
		{Type: "article-journal", Authors: N(P("Caballero-Anthony", "Mely")), Issued: "2015-01-02",
			Title: "Community security: Human security at the 21st century", ContainerTitle: "Contemporary Politics",
			Volume: "21", Issue: "1", Pages: "53-69", DOI: "10.1080/13569775.2014.994812",
			URL: "https://doi.org/10.1080/13569775.2014.994812", Language: "en", Accessed: "2024-03-02"},
		{Type: "report", Authors: N(I("United Nations Development Programme")), Issued: "1994",
			Title:     "Human development report 1994: New dimensions of human security",
			Publisher: "UNDP", PublisherPlace: "New York, NY", Number: "1994"},
		{Key: "altaai2020", Type: "article-journal", Authors: N(P("الطائي", "خليل إسماعيل")), Issued: "2020",
			Title:          "العدالة الاجتماعية والأمن المجتمعي في العراق: قراءة في التحديات",
			ContainerTitle: "مجلة دراسات إقليمية", Publisher: "جامعة الموصل", Issue: "60", Pages: "75-95", Language: "ar"},
		{Key: "muller2016", Type: "chapter",
			Authors: N(P("Müller", "Jürgen"), P("González", "María"), P("van der Berg", "Jan"), P("Luther King", "Martin, Jr.")),
			Editors: N(P("Schmidt", "Anna-Lena"), P("Café", "Renée")), Issued: "2016",
			Title: "Sicherheit und Gesellschaft: Überlegungen zur Kohäsion", ContainerTitle: "Handbuch Sicherheitsforschung",
			Publisher: "C.H. Beck", PublisherPlace: "München", Pages: "45-68", Note: "Reprinted in 2018 with a new preface & index"},
		{Key: "wb2020", Type: "webpage", Authors: N(I("World Bank")), Issued: "2020-06-15", Title: "Iraq public expenditure review",
			ContainerTitle: "World Bank Documents", URL: "https://documents.worldbank.org/en/publication/iraq_per_2020", Accessed: "2023-11-15"},
		{Key: "undated", Type: "manuscript", Authors: N(P("Al-Jubouri", "Sami")), Issued: "n.d.", Title: "Notes on tribal mediation", Volume: "3"},
	}
	sameSources(t, "zotero.json", got, want)
	if l := rejectedLines(rep); !reflect.DeepEqual(l, []int{110, 111, 135}) {
		t.Errorf("rejected lines %v: %v", l, rep.Rejected)
	}
	if r := rep.Rejected[2]; r.Key != "badtype" || !strings.Contains(r.Reason, `"title"`) {
		t.Errorf("rejection should name the bad field: %v", r)
	}
}

func TestCSLJSONShapes(t *testing.T) {
	id := model.NewID()
	// a single object, our own UUID as id, a plain-string date
	one := `{"id": "` + id + `", "type": "book", "title": "One", "issued": "2001-02"}`
	got, rep, err := ImportSources(strings.NewReader(one), CSLJSON)
	if err != nil || len(got) != 1 || got[0].ID != id || got[0].Issued != "2001-02" || len(rep.Rejected) != 0 {
		t.Fatalf("single object: %+v %v %v", got, rep, err)
	}
	for _, bad := range []string{``, `[`, `{"format": "khareeta-project", "version": 1, "project": {}}`, `[{"title": "x"}] trailing`, `"str"`, `[{"title": "x"},]`} {
		if _, _, err := ImportSources(strings.NewReader(bad), CSLJSON); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
	// an unknown type becomes "document"; numbers become strings; a date-part out of range falls back to raw
	got, _, err = ImportSources(strings.NewReader(`[{"type": "no-such", "title": "T", "volume": 7, "page": 12, "issued": {"date-parts": [[2020, 13]], "raw": "2020-13"}}]`), CSLJSON)
	if err != nil || got[0].Type != "document" || got[0].Volume != "7" || got[0].Pages != "12" || got[0].Issued != "2020-13" {
		t.Errorf("shapes: %+v %v", got, err)
	}
}

func TestIsProjectJSON(t *testing.T) {
	for in, want := range map[string]bool{
		`{"format": "khareeta-project", "version": 1}`:                           true,
		"\ufeff" + `{"version": 1, "format":"khareeta-project"}`:                 true,
		`{"project": {"a": [1, {"format": "x"}]}, "format": "khareeta-project"}`: true,
		`[{"format": "khareeta-project"}]`:                                       false,
		`{"format": "other"}`:                                                    false,
		`{"id": "x", "type": "book"}`:                                            false,
		`not json`:                                                               false,
	} {
		if got := IsProjectJSON([]byte(in)); got != want {
			t.Errorf("IsProjectJSON(%s) = %v", in, got)
		}
	}
}

func FuzzCSLJSON(f *testing.F) {
	f.Add(readFixture(f, "zotero.json"))
	f.Add([]byte(`[{"id": 1, "title": 2, "author": [{"literal": 3}], "issued": {"date-parts": [["x"]]}}]`))
	f.Add([]byte(`{"title": "t", "accessed": {"date-parts": [[]]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, rep, err := ImportSources(bytes.NewReader(data), CSLJSON)
		if err != nil {
			return // a file-level JSON error is a fine answer
		}
		if rep.Read != len(srcs) {
			t.Fatalf("report says %d read, got %d", rep.Read, len(srcs))
		}
		for _, s := range srcs {
			if err := model.ValidateSource(s); err != nil {
				t.Fatalf("accepted an invalid source: %v", err)
			}
		}
		var b bytes.Buffer
		if err := WriteCSLJSON(&b, srcs); err != nil {
			t.Fatal(err)
		}
		again, rep2, err := ImportSources(&b, CSLJSON)
		if err != nil || len(rep2.Rejected) != 0 || len(rep2.Warnings) != 0 || len(again) != len(srcs) {
			t.Fatalf("re-read of our own output: %d of %d, rejected %v, err %v\n%s", len(again), len(srcs), rep2.Rejected, err, b.String())
		}
		sameSources(t, "csl re-read", again, srcs)
	})
}

// What CSL-JSON cannot give a kept item is reported: a date whose parts
// are not a date, a type CSL does not know (issue 14, item 9).
func TestCSLJSONLostValuesWarn(t *testing.T) {
	in := `[
  {"id": "k1", "type": "article-journal", "title": "T", "issued": {"date-parts": [[2020, 13]]}},
  {"id": "k2", "type": "blogpost", "title": "U", "accessed": {"date-parts": [["soon"]]}},
  {"id": "k3", "type": "book", "title": "V", "issued": {"date-parts": [[2020, 13]], "raw": "2020"}, "accessed": {"date-parts": [[]]}}
]`
	srcs, rep, err := ImportSources(strings.NewReader(in), CSLJSON)
	if err != nil || len(srcs) != 3 {
		t.Fatalf("%+v %v", srcs, err)
	}
	var got []string
	for _, w := range rep.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		`line 2: entry k1: issued: date-parts [[2020, 13]] are not a date; left empty`,
		`line 3: entry k2: type "blogpost" is not a CSL type; read as "document"`,
		`line 3: entry k2: accessed: date-parts [["soon"]] are not a date; left empty`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, in := range []string{"", "   ", `"a string"`, "42", "garbage", "\x00\x01"} {
		if srcs, _, err := ImportSources(strings.NewReader(in), CSLJSON); err == nil || len(srcs) != 0 {
			t.Errorf("%q: %d sources, err %v; want an error", in, len(srcs), err)
		}
	}
}
