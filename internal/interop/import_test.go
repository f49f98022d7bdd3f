package interop

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// richSources exercises every field and every name shape the model holds.
func richSources() []model.Source {
	return []model.Source{
		{ID: model.NewID(), Key: "booth1991", Type: "article-journal", Authors: N(P("Booth", "Ken"), P("van der Berg", "Jan"), P("King", "Martin Luther, Jr.")),
			Issued: "1991-10-02", Title: "Security and emancipation: 50% of \"it\" -- {really}?", ContainerTitle: "Review of International Studies",
			Publisher: "Cambridge University Press", PublisherPlace: "Cambridge", Volume: "17", Issue: "4", Pages: "313-326",
			DOI: "10.1017/S0260210500112033", URL: "https://example.org/a_b?c=1&d=%20", Language: "en", Accessed: "2024-03-02",
			Note: "First line\nSecond line with $ & # _ ~ ^ \\ chars"},
		{ID: model.NewID(), Key: "altaai2020", Type: "article-journal", Authors: N(P("الطائي", "خليل إسماعيل"), P("العبيدي", "")),
			Issued: "2020", Title: "العدالة الاجتماعية والأمن المجتمعي في العراق: قراءة في التحديات", ContainerTitle: "مجلة دراسات إقليمية",
			Publisher: "جامعة الموصل", Issue: "60", Pages: "75-95", Language: "ar"},
		{ID: model.NewID(), Key: "acrps2020", Type: "book", Authors: N(I("المركز العربي للأبحاث ودراسة السياسات")), Issued: "2020",
			Title: "الأمن والمجتمع في الدول الهشة: العراق نموذجًا", Publisher: "المركز العربي للأبحاث ودراسة السياسات", PublisherPlace: "الدوحة", Language: "ar"},
		{ID: model.NewID(), Key: "icg2021", Type: "report", Authors: N(I("International Crisis Group")), Issued: "2021",
			Title: "Resolving tribal conflicts in southern Iraq", ContainerTitle: "Middle East Report", Publisher: "ICG", PublisherPlace: "Brussels", Number: "219"},
		{ID: model.NewID(), Key: "muller2016", Type: "chapter", Authors: N(P("Müller", "Jürgen"), P("Østergaard", "Søren"), P("Aristotle", "")),
			Editors: N(P("Schmidt", "Anna-Lena"), I("Editorial Board of Barnes and Noble"), P("", "Madonna")), Issued: "2016",
			Title: "Sicherheit und Gesellschaft: Überlegungen zur Kohäsion", ContainerTitle: "Handbuch Sicherheitsforschung",
			Publisher: "C.H. Beck", PublisherPlace: "München", Volume: "2", Pages: "45–68", Language: "de"},
		{ID: model.NewID(), Key: "wb2020", Type: "webpage", Authors: N(I("World Bank")), Issued: "2020-06", Title: "Iraq public expenditure review",
			ContainerTitle: "World Bank Documents", URL: "https://documents.worldbank.org/x", Accessed: "2023-11-15"},
		{ID: model.NewID(), Key: "rawi2019", Type: "thesis", Authors: N(P("Al-Rawi", "Ahmed K.")), Issued: "2019", Title: "Youth, media and cohesion",
			Publisher: "University of Baghdad", PublisherPlace: "Baghdad"},
		{ID: model.NewID(), Key: "notes", Type: "manuscript", Authors: N(P("Al-Jubouri", "Sami")), Issued: "n.d.", Title: "Notes on tribal mediation"},
		{ID: model.NewID(), Key: "conf2018", Type: "paper-conference", Authors: N(P("Doe", "Jane")), Editors: N(P("Roe", "R.")), Issued: "2018",
			Title: "A paper", ContainerTitle: "Proceedings of Things", Publisher: "ACM", Pages: "1-10"},
		{ID: model.NewID(), Key: "news2019", Type: "article-newspaper", Authors: N(P("Reporter", "A.")), Issued: "2019-05-04", Title: "News",
			ContainerTitle: "The Daily", Pages: "A1"},
		{ID: model.NewID(), Key: "mag2019", Type: "article-magazine", Title: "Feature", ContainerTitle: "Weekly", Issued: "2019"},
		{ID: model.NewID(), Key: "data2022", Type: "dataset", Authors: N(I("UNODC")), Issued: "2022", Title: "Firearms data", Publisher: "UNODC", URL: "https://x.org/d"},
		{ID: model.NewID(), Key: "talk", Type: "interview", Title: "An interview", Issued: "2021-01"},
		{ID: model.NewID(), Key: "doc", Type: "document", Title: "A document seen online", URL: "https://x.org/doc", Accessed: "2020-01-01"},
		{ID: model.NewID(), Key: "sw", Type: "software", Title: "A tool", Number: "v2"},
		{ID: model.NewID(), Key: "preprint", Type: "article", Title: "A preprint", Authors: N(P("Ng", "A."))},
	}
}

func TestRoundTrip(t *testing.T) {
	in := richSources()
	for _, f := range []BibFormat{BibTeX, RIS, CSLJSON} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := ExportSources(&b, in, f); err != nil {
				t.Fatal(err)
			}
			got, rep, err := ImportSources(bytes.NewReader(b.Bytes()), f)
			if err != nil || len(rep.Rejected) != 0 {
				t.Fatalf("re-import: %v %v\n%s", err, rep.Rejected, b.String())
			}
			sameSources(t, string(f), got, in)
			if f == CSLJSON {
				for i := range got {
					if got[i].ID != in[i].ID {
						t.Errorf("CSL-JSON lost the id of %q", in[i].Title)
					}
				}
			}
			// writing what was read gives the same bytes
			var b2 bytes.Buffer
			if err := ExportSources(&b2, got, f); err != nil {
				t.Fatal(err)
			}
			if f == CSLJSON {
				if b2.String() != b.String() {
					t.Errorf("second export differs")
				}
			} else if b2.String() != b.String() {
				t.Errorf("second export differs:\n%s\n----\n%s", b.String(), b2.String())
			}
		})
	}
}

func TestBibTeXGeneratedKeys(t *testing.T) {
	in := richSources()
	for i := range in {
		in[i].Key = ""
	}
	var b bytes.Buffer
	if err := WriteBibTeX(&b, in); err != nil {
		t.Fatal(err)
	}
	got, rep, err := ImportSources(&b, BibTeX)
	if err != nil || len(rep.Rejected) != 0 {
		t.Fatal(err, rep.Rejected)
	}
	seen := map[string]bool{}
	for i := range got {
		if got[i].Key == "" || seen[got[i].Key] {
			t.Errorf("key %q empty or repeated", got[i].Key)
		}
		seen[got[i].Key] = true
		got[i].Key = ""
	}
	sameSources(t, "generated keys", got, in)
	containsAll(t, "keys", fmt.Sprint(seen), "booth1991", "ref2020", "icg2021", "wb2020", "refnd")
}

func TestFormatForPath(t *testing.T) {
	for in, want := range map[string]BibFormat{"a.bib": BibTeX, "A.BIB": BibTeX, "x.ris": RIS, "x.json": CSLJSON, "x.csl.json": CSLJSON} {
		if got, ok := BibFormatForPath(in); !ok || got != want {
			t.Errorf("%s: %v %v", in, got, ok)
		}
	}
	if _, ok := BibFormatForPath("x.txt"); ok {
		t.Error("x.txt has a format")
	}
	for in, want := range map[string]BibFormat{"bib": BibTeX, "BibTeX": BibTeX, "ris": RIS, "csl": CSLJSON, "csl-json": CSLJSON} {
		if got, err := ParseBibFormat(in); err != nil || got != want {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
	if _, err := ParseBibFormat("endnote-xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestImportTooLarge(t *testing.T) {
	r := strings.NewReader(strings.Repeat(" ", MaxBibSize+1))
	if _, _, err := ImportSources(r, BibTeX); err == nil || !strings.Contains(err.Error(), "larger") {
		t.Errorf("err = %v", err)
	}
}

// synthBib writes n realistic entries in format f.
func synthBib(n int, f BibFormat) []byte {
	base := richSources()
	srcs := make([]model.Source, n)
	for i := range srcs {
		s := cloneSource(base[i%len(base)])
		s.ID = model.NewID()
		s.Key = fmt.Sprintf("%s-%d", s.Key, i)
		s.Title = fmt.Sprintf("%s (%d)", s.Title, i)
		if s.DOI != "" {
			s.DOI = fmt.Sprintf("%s.%d", s.DOI, i)
		}
		srcs[i] = s
	}
	var b bytes.Buffer
	if err := ExportSources(&b, srcs, f); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func BenchmarkImport(b *testing.B) {
	for _, f := range []BibFormat{BibTeX, RIS, CSLJSON} {
		data := synthBib(10000, f)
		b.Run(fmt.Sprintf("format=%s/entries=10000", f), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				srcs, rep, err := ImportSources(bytes.NewReader(data), f)
				if err != nil || len(srcs) != 10000 || len(rep.Rejected) != 0 {
					b.Fatal(err, len(srcs), rep.Rejected)
				}
			}
		})
	}
}

func BenchmarkMerge(b *testing.B) {
	data := synthBib(10000, CSLJSON)
	srcs, _, _ := ImportSources(bytes.NewReader(data), CSLJSON)
	existing := srcs[:5000]
	incoming := make([]model.Source, len(srcs))
	for i, s := range srcs {
		s.ID = ""
		incoming[i] = s
	}
	b.Run("existing=5000/incoming=10000", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			res := MergeSources(existing, incoming)
			if len(res.Added) != 5000 || len(res.Merges) != 5000 {
				b.Fatal(len(res.Added), len(res.Merges))
			}
		}
	})
}
