package interop

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestBibTeXZotero(t *testing.T) {
	got, rep := importFixture(t, "zotero.bib")
	want := []model.Source{
		{Key: "booth_security_1991", Type: "article-journal", Authors: N(P("Booth", "Ken")), Issued: "1991-10",
			Title: "Security and emancipation", ContainerTitle: "Review of International Studies", Volume: "17", Issue: "4",
			Pages: "313-326", DOI: "10.1017/S0260210500112033",
			URL:      "https://www.cambridge.org/core/journals/review-of-international-studies/article/security-and-emancipation/",
			Language: "en", Accessed: "2024-03-02"},
		{Key: "buzan_people_1991", Type: "book", Authors: N(P("Buzan", "Barry")), Issued: "1991",
			Title:     "People, states and fear: An agenda for international security studies in the post-Cold War era",
			Publisher: "Harvester Wheatsheaf", PublisherPlace: "London"},
		{Key: "united_nations_development_programme_human_1994", Type: "report", Authors: N(I("United Nations Development Programme")),
			Issued: "1994", Title: "Human development report 1994: New dimensions of human security",
			Publisher: "United Nations Development Programme", PublisherPlace: "New York, NY"},
		{Key: "international_crisis_group_resolving_2021", Type: "report", Authors: N(I("International Crisis Group")), Issued: "2021",
			Title: "Resolving tribal conflicts in southern Iraq", Publisher: "ICG", PublisherPlace: "Brussels", Number: "219"},
		{Key: "_2020", Type: "article-journal", Authors: N(P("الطائي", "خليل إسماعيل")), Issued: "2020",
			Title:          "العدالة الاجتماعية والأمن المجتمعي في العراق: قراءة في التحديات",
			ContainerTitle: "مجلة دراسات إقليمية", Publisher: "جامعة الموصل", Issue: "60", Pages: "75-95", Language: "ar"},
		{Key: "__2020", Type: "book", Authors: N(I("المركز العربي للأبحاث ودراسة السياسات")), Issued: "2020",
			Title: "الأمن والمجتمع في الدول الهشة: العراق نموذجًا", Publisher: "المركز العربي للأبحاث ودراسة السياسات",
			PublisherPlace: "الدوحة", Language: "ar"},
		{Key: "muller_sicherheit_2016", Type: "chapter",
			Authors: N(P("Müller", "Jürgen"), P("González", "María"), P("van der Berg", "Jan"), P("Østergaard", "Søren")),
			Editors: N(P("Schmidt", "Anna-Lena"), P("Café", "Renée")), Issued: "2016",
			Title: "Sicherheit und Gesellschaft: Überlegungen zur Kohäsion", ContainerTitle: "Handbuch Sicherheitsforschung",
			Publisher: "C.H. Beck", PublisherPlace: "München", Pages: "45-68", Note: "Reprinted in 2018 with a new preface & index"},
		{Key: "world_bank_iraq_2020", Type: "webpage", Authors: N(I("World Bank")), Issued: "2020",
			Title: "Iraq public expenditure review: Addressing vulnerabilities, enhancing fiscal space and creating jobs",
			URL:   "https://documents.worldbank.org/en/publication/documents-reports/documentdetail/iraq_per_2020", Accessed: "2023-11-15"},
		{Key: "al-rawi_youth_2019", Type: "thesis", Authors: N(P("Al-Rawi", "Ahmed K.")), Issued: "2019",
			Title: "Youth, media and social cohesion after 2003", Publisher: "University of Baghdad", PublisherPlace: "Baghdad"},
		{Key: "kaldor_new_1999", Type: "book", Authors: N(P("Kaldor", "Mary")), Issued: "1999",
			Title: "New and old wars: organized violence in a global era", Publisher: "Polity Press", PublisherPlace: "Cambridge"},
	}
	sameSources(t, "zotero.bib", got, want)
	if len(rep.Rejected) != 0 || rep.Read != len(want) {
		t.Errorf("report: %+v", rep)
	}
}

func TestBibTeXMendeley(t *testing.T) {
	got, rep := importFixture(t, "mendeley.bib")
	want := []model.Source{
		{Key: "Caballero-Anthony2015", Type: "article-journal", Authors: N(P("Caballero-Anthony", "Mely")), Issued: "2015",
			Title: "Community security: Human security at the 21st century", ContainerTitle: "Contemporary Politics",
			Volume: "21", Issue: "1", Pages: "53-69", DOI: "10.1080/13569775.2014.994812"},
		{Key: "Giddens1991", Type: "book", Authors: N(P("Giddens", "Anthony")), Issued: "1991",
			Title:     "Modernity and self-identity: Self and society in the late modern age",
			Publisher: "Polity Press", PublisherPlace: "Cambridge"},
		{Key: "Booth1991a", Type: "article-journal", Authors: N(P("Booth", "K.")), Issued: "1991", Title: "Security and emancipation",
			ContainerTitle: "Review of International Studies", Volume: "17", Issue: "4", Pages: "313-326"},
		{Key: "Morgenthau1948", Type: "book", Authors: N(P("Morgenthau", "Hans J.")), Issued: "1948",
			Title:     "Politics among nations: The struggle for power and peace",
			Publisher: "Alfred A. Knopf", PublisherPlace: "New York, NY"},
		{Key: "OECD2020", Type: "document", Authors: N(I("Organisation for Economic Co-operation and Development")), Issued: "2020",
			Title: "Social cohesion and security in fragile states", Publisher: "OECD Publishing", PublisherPlace: "Paris"},
		{Key: "Ibn-Khaldun", Type: "book", Authors: N(I("Ibn Khaldūn")), Title: "The Muqaddimah: an introduction to history",
			Publisher: "Princeton University Press"},
	}
	sameSources(t, "mendeley.bib", got, want)
	if l := rejectedLines(rep); !reflect.DeepEqual(l, []int{48, 60}) {
		t.Errorf("rejected lines = %v, want [48 60]: %v", l, rep.Rejected)
	}
	if rep.Rejected[0].Key != "Broken2020" || rep.Rejected[1].Key != "NoTitle2018" || !strings.Contains(rep.Rejected[1].Reason, "no title") {
		t.Errorf("rejections: %v", rep.Rejected)
	}
}

func TestBibTeXSyntax(t *testing.T) {
	in := `% a comment line with an @ sign: user@example.org
@comment{ anything {nested} here }
@preamble{ "\newcommand{\noop}[1]{}" }
@STRING{ cp = "Contemporary " # "Politics" }
@Article(paren2015,
  Title  = "A {"}quoted{"} title with {Braces}",
  Journal= cp # { Quarterly},
  Year   = 2015,
  Month  = "March",
  Author = "Smith, A.",
)
@book{nokeyless, title={Trailing comma}, year={2001},}
@book{
  title = {No key at all},
  date = {2019-04-07},
}
@misc{dup, title={First}, title={Second}}
@online{web, title = {A web page}, url = {https://example.org/a\_b?x=1\%202}, urldate = {2020-01-02}}
`
	got, rep, err := ImportSources(strings.NewReader(in), BibTeX)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rejected) != 0 {
		t.Errorf("rejected: %v", rep.Rejected)
	}
	want := []model.Source{
		{Key: "paren2015", Type: "article-journal", Authors: N(P("Smith", "A.")), Issued: "2015-03",
			Title: `A "quoted" title with Braces`, ContainerTitle: "Contemporary Politics Quarterly"},
		{Key: "nokeyless", Type: "book", Issued: "2001", Title: "Trailing comma"},
		{Type: "book", Issued: "2019-04-07", Title: "No key at all"},
		{Key: "dup", Type: "document", Title: "First"},
		{Key: "web", Type: "webpage", Title: "A web page", URL: "https://example.org/a_b?x=1%202", Accessed: "2020-01-02"},
	}
	sameSources(t, "syntax", got, want)
}

func TestBibTeXMalformed(t *testing.T) {
	in := "@article{ok1, title={One}, year={2001}}\n" + // line 1
		"@article{bad1, title={Two} year={2002}}\n" + // line 2: missing comma
		"@article{bad2, title {Three}}\n" + // line 3: missing '='
		"@article{ok2, title={Four}}\n" + // line 4
		"@article{bad3,\n  title={Five,\n  year={2005}\n\n" + // line 5: brace never closed
		"@article{ok3, title={Six}}\n" + // line 9
		"@article{bad4, title=\"Seven}\n" + // line 10: quote never closed (and unbalanced)
		"@article{ok4, title={Eight}}\n" // line 11
	got, rep, err := ImportSources(strings.NewReader(in), BibTeX)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, s := range got {
		titles = append(titles, s.Title)
	}
	if !reflect.DeepEqual(titles, []string{"One", "Four", "Six", "Eight"}) {
		t.Errorf("accepted %v", titles)
	}
	if l := rejectedLines(rep); !reflect.DeepEqual(l, []int{2, 3, 5, 10}) {
		t.Errorf("rejected lines %v: %v", l, rep.Rejected)
	}
	for _, r := range rep.Rejected {
		if r.Key == "" || r.Reason == "" || !strings.HasPrefix(r.String(), "line ") {
			t.Errorf("rejection %+v lacks key or reason", r)
		}
	}
}

func FuzzBibTeX(f *testing.F) {
	for _, name := range []string{"zotero.bib", "mendeley.bib"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte(`@article{x, title = {{\"{\'{`))
	f.Add([]byte("@string{a = b # c}\n@book{k, title = a # \"x\" # {y}, author = {{A} and B, C, D, E}}"))
	f.Add([]byte("@article{k, title={T}}}, year={2020}}\n"))                      // a '}' too many
	f.Add([]byte("@article{k,\n journal = jir # { Quarterly},\n title={T}\n}\n")) // an undefined macro
	f.Add(utf16Bytes("@book{k, title={الأمن}, year=2020}", false, true))
	f.Add(utf16Bytes("@book{k, title={الأمن}, year=2020}", true, false))
	f.Add([]byte(macroBomb(40)))
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, rep, err := ImportSources(bytes.NewReader(data), BibTeX)
		if err != nil {
			if !wholeFileError(err) {
				t.Fatalf("BibTeX import failed as a whole for an unexpected reason: %v", err)
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
		// whatever was read must survive a write and a read
		var b bytes.Buffer
		if err := WriteBibTeX(&b, srcs); err != nil {
			t.Fatal(err)
		}
		again, rep2, err := ImportSources(&b, BibTeX)
		if len(srcs) == 0 {
			return // an empty file is refused, rightly
		}
		if err != nil || len(rep2.Rejected) != 0 || len(rep2.Warnings) != 0 || len(again) != len(srcs) {
			t.Fatalf("re-read of our own output: %d of %d, rejected %v, warnings %v, err %v\n%s", len(again), len(srcs), rep2.Rejected, rep2.Warnings, err, b.String())
		}
	})
}
