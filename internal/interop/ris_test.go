package interop

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestRISZotero(t *testing.T) {
	got, rep := importFixture(t, "zotero.ris")
	want := []model.Source{
		{Type: "article-journal", Authors: N(P("Caballero-Anthony", "Mely")), Issued: "2015-01-02",
			Title: "Community security: Human security at the 21st century", ContainerTitle: "Contemporary Politics",
			Volume: "21", Issue: "1", Pages: "53-69", DOI: "10.1080/13569775.2014.994812",
			URL: "https://doi.org/10.1080/13569775.2014.994812", Language: "en", Accessed: "2024-03-02"},
		{Type: "report", Authors: N(I("United Nations Development Programme")), Issued: "1994",
			Title:     "Human development report 1994: New dimensions of human security",
			Publisher: "UNDP", PublisherPlace: "New York, NY", Note: "Cited in the paper as (UNDP, 1994, p. 24)."},
		{Type: "article-journal", Authors: N(P("الطائي", "خليل إسماعيل")), Issued: "2020",
			Title:          "العدالة الاجتماعية والأمن المجتمعي في العراق: قراءة في التحديات",
			ContainerTitle: "مجلة دراسات إقليمية", Publisher: "جامعة الموصل", Issue: "60", Pages: "75-95", Language: "ar"},
		{Type: "book", Authors: N(I("الجهاز المركزي للإحصاء وتكنولوجيا المعلومات")), Issued: "2021",
			Title: "نتائج مسح القوى العاملة في العراق 2021", Publisher: "وزارة التخطيط العراقية", PublisherPlace: "بغداد", Language: "ar"},
		{Type: "chapter", Authors: N(P("Müller", "Jürgen"), P("González", "María"), P("van der Berg", "Jan")),
			Editors: N(P("Schmidt", "Anna-Lena"), P("Café", "Renée")), Issued: "2016",
			Title: "Sicherheit und Gesellschaft: Überlegungen zur Kohäsion", ContainerTitle: "Handbuch Sicherheitsforschung",
			Publisher: "C.H. Beck", PublisherPlace: "München", Pages: "45-68", Note: "Reprinted in 2018 with a new preface & index"},
		{Type: "webpage", Authors: N(I("World Bank")), Issued: "2020-06-15", Title: "Iraq public expenditure review",
			ContainerTitle: "World Bank Documents", URL: "https://documents.worldbank.org/en/publication/iraq_per_2020", Accessed: "2023-11-15"},
		{Type: "thesis", Authors: N(P("Al-Rawi", "Ahmed K.")), Issued: "2019", Title: "Youth, media and social cohesion after 2003",
			Publisher: "University of Baghdad", PublisherPlace: "Baghdad"},
	}
	sameSources(t, "zotero.ris", got, want)
	if l := rejectedLines(rep); !reflect.DeepEqual(l, []int{81, 86}) {
		t.Errorf("rejected lines %v: %v", l, rep.Rejected)
	}
}

func TestRISEndNote(t *testing.T) {
	got, rep := importFixture(t, "endnote.ris")
	want := []model.Source{
		{Type: "article-journal", Authors: N(P("Booth", "K.")), Issued: "1991", Title: "Security and emancipation",
			ContainerTitle: "Review of International Studies", Volume: "17", Issue: "4", Pages: "313-326", DOI: "10.1017/S0260210500112033"},
		{Type: "book", Authors: N(P("Kaldor", "M.")), Issued: "1999", Title: "New and old wars: Organized violence in a global era",
			Publisher: "Polity Press", PublisherPlace: "Cambridge"},
		{Type: "report", Authors: N(I("International Crisis Group")), Issued: "2021", Title: "Resolving tribal conflicts in southern Iraq",
			Publisher: "ICG", PublisherPlace: "Brussels", Number: "219"},
	}
	sameSources(t, "endnote.ris", got, want)
	if len(rep.Rejected) != 0 {
		t.Errorf("rejected %v", rep.Rejected)
	}
}

func TestRISMendeley(t *testing.T) {
	got, rep := importFixture(t, "mendeley.ris")
	want := []model.Source{
		{Key: "Caballero-Anthony2015", Type: "article-journal", Authors: N(P("Caballero-Anthony", "Mely")), Issued: "2015",
			Title: "Community security: human security at the 21st century", ContainerTitle: "Contemporary Politics",
			Volume: "21", Issue: "1", Pages: "53-69", DOI: "10.1080/13569775.2014.994812"},
		{Key: "Morgenthau1948", Type: "book", Authors: N(P("Morgenthau", "Hans J.")), Issued: "1948",
			Title:     "Politics among nations: The struggle for power and peace",
			Publisher: "Alfred A. Knopf", PublisherPlace: "New York, NY"},
	}
	sameSources(t, "mendeley.ris", got, want)
	if len(rep.Rejected) != 0 {
		t.Errorf("rejected %v", rep.Rejected)
	}
}

func TestRISMalformed(t *testing.T) {
	in := "garbage before\n" + // 1
		"AU  - Stray, A.\n" + // 2
		"TY  - BOOK\nTI  - One\nER  -\n" + // 3-5 (ER without its blank)
		"ER  - \n" + // 6
		"TY  - BOOK\nAU  - NoTitle, A.\nER  - \n" + // 7-9
		"TY  - JOUR\nTI  - Two\n" + // 10-11, no ER
		"TY  - JOUR\nTI  - Three\nPY  - 2020/13/01/\nER  - \n" + // 12-15 (bad month kept raw)
		"TY  - JOUR\nTI  - Four\n" // 16-17, file ends
	got, rep, err := ImportSources(strings.NewReader(in), RIS)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, s := range got {
		titles = append(titles, s.Title+"|"+s.Issued)
	}
	if !reflect.DeepEqual(titles, []string{"One|", "Three|2020/13/01/"}) {
		t.Errorf("accepted %v", titles)
	}
	if l := rejectedLines(rep); !reflect.DeepEqual(l, []int{1, 2, 6, 7, 10, 16}) {
		t.Errorf("rejected lines %v: %v", l, rep.Rejected)
	}
}

func TestRISZoteroTags(t *testing.T) {
	in := "TY  - RPRT\nTI  - Report\nSN  - 219\nM2  - Citation Key: icg2021\nER  - \n" +
		"TY  - RPRT\nTI  - Report with ISBN\nSN  - 978-0-7450-0720-3\nER  - \n" +
		"TY  - BOOK\nTI  - Edited book\nA2  - Series, Ed\nA3  - Editor, Real\nER  - \n" +
		"TY  - BOOK\nTI  - Other book\nA3  - Editor, Only\nER  - \n"
	got, rep, err := ImportSources(strings.NewReader(in), RIS)
	if err != nil || len(rep.Rejected) != 0 {
		t.Fatal(err, rep.Rejected)
	}
	if got[0].Number != "219" || got[0].Key != "icg2021" || got[1].Number != "" {
		t.Errorf("report number/key: %+v %+v", got[0], got[1])
	}
	if len(got[2].Editors) != 1 || got[2].Editors[0].Family != "Series" || len(got[3].Editors) != 1 || got[3].Editors[0].Family != "Editor" {
		t.Errorf("book editors: %+v %+v", got[2].Editors, got[3].Editors)
	}
}

func TestRISNamesAndDates(t *testing.T) {
	for _, c := range []struct {
		in   string
		want model.Name
	}{
		{"Booth, Ken", P("Booth", "Ken")},
		{"Booth,", P("Booth", "")},
		{"King, Martin Luther, Jr.", P("King", "Martin Luther, Jr.")},
		{"World Bank", I("World Bank")},
		{"UNDP", I("UNDP")},
	} {
		if got := risName(c.in); got != c.want {
			t.Errorf("risName(%q) = %#v", c.in, got)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"2016", "2016"}, {"2016///", "2016"}, {"2016/05//", "2016-05"}, {"2016/05/04/", "2016-05-04"},
		{"2016/5/4/Spring", "2016-05-04"}, {"2016-05-04", "2016-05-04"}, {"2023-01-20T10:00:00Z", "2023-01-20"},
		{"2024/03/02/10:15:00", "2024-03-02"}, {"n.d.", "n.d."}, {"2016-13", "2016-13"}, {"16", "16"}, {"2016-05-04-01", "2016-05-04-01"},
	} {
		if got := normDate(c.in); got != c.want {
			t.Errorf("normDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRISWriteShape(t *testing.T) {
	s := []model.Source{{ID: model.NewID(), Key: "k1", Type: "article-journal", Authors: N(P("Booth", "Ken"), P("Aristotle", ""), I("World Bank")),
		Issued: "1991-10", Title: "T", ContainerTitle: "J", Pages: "313-326", Note: "line one\nline two"},
		{ID: model.NewID(), Type: "dataset", Title: "D"}, {ID: model.NewID(), Type: "interview", Title: "Talk"}}
	var b bytes.Buffer
	if err := WriteRIS(&b, s); err != nil {
		t.Fatal(err)
	}
	containsAll(t, "ris", b.String(), "TY  - JOUR\r\n", "ID  - k1\r\n", "AU  - Booth, Ken\r\n", "AU  - Aristotle,\r\n",
		"AU  - World Bank\r\n", "PY  - 1991\r\n", "DA  - 1991/10//\r\n", "T2  - J\r\n", "JO  - J\r\n", "SP  - 313\r\n", "EP  - 326\r\n",
		"N1  - line one\r\nN1  - line two\r\n", "ER  - \r\n", "TY  - DATA\r\n", "TY  - GEN\r\nM3  - interview\r\n")
}

func FuzzRIS(f *testing.F) {
	for _, name := range []string{"zotero.ris", "endnote.ris", "mendeley.ris"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("TY  - JOUR\nTI  - x\nAU  - ,,,\nPY  - 2020/99/99/\nSP  - -\nER  -"))
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, rep, err := ImportSources(bytes.NewReader(data), RIS)
		if err != nil {
			if !wholeFileError(err) {
				t.Fatalf("RIS import failed as a whole for an unexpected reason: %v", err)
			}
			return
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
		if err := WriteRIS(&b, srcs); err != nil {
			t.Fatal(err)
		}
		again, rep2, err := ImportSources(&b, RIS)
		if len(srcs) == 0 {
			return // an empty file is refused, rightly
		}
		if err != nil || len(rep2.Rejected) != 0 || len(rep2.Warnings) != 0 || len(again) != len(srcs) {
			t.Fatalf("re-read of our own output: %d of %d, rejected %v, warnings %v, err %v\n%s", len(again), len(srcs), rep2.Rejected, rep2.Warnings, err, b.String())
		}
	})
}

// A file with no RIS record is an error, not "0 added" (issue 14, item 9).
func TestRISNothingRecognisableIsError(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrNoEntries},
		{"prose", "Dear colleague,\nhere are the references.\n", ErrNoEntries},
		{"a BibTeX file", string(readFixture(t, "zotero.bib")), ErrNoEntries},
		{"tags but no TY", "AU  - Booth, Ken\nTI  - Security\nER  - \n", ErrNoEntries},
		{"binary", "PK\x03\x04\x00\x00", ErrEncoding},
	} {
		srcs, rep, err := ImportSources(strings.NewReader(c.in), RIS)
		if !errors.Is(err, c.want) || len(srcs) != 0 {
			t.Errorf("%s: %d sources, %+v, err %v; want an error wrapping %v", c.name, len(srcs), rep, err, c.want)
		}
	}
}

// A tag that holds one value, given twice with different values: the
// second is not read, and the report says so.
func TestRISRepeatedTagWarns(t *testing.T) {
	in := "TY  - JOUR\nID  - k1\nTI  - First title\nTI  - Second title\nPY  - 2020\nAU  - Booth, Ken\nAU  - Smith, A.\nER  - \n" +
		"TY  - BOOK\nTI  - Same\nTI  - Same\nER  - \n"
	srcs, rep, err := ImportSources(strings.NewReader(in), RIS)
	if err != nil || len(srcs) != 2 || srcs[0].Title != "First title" || len(srcs[0].Authors) != 2 {
		t.Fatalf("%+v %v", srcs, err)
	}
	if len(rep.Warnings) != 1 {
		t.Fatalf("warnings %v", rep.Warnings)
	}
	w := rep.Warnings[0]
	if w.Line != 4 || w.Key != "k1" || !strings.Contains(w.Msg, `TI is given again (the record starts on line 1); its second value "Second title" is not read`) {
		t.Errorf("warning %+v", w)
	}
}
