package biblio

import (
	"os"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
)

// The sample project's reference list, checked line by line against a
// hand-written expected text (testdata/sample_apa.txt, written from the APA
// 7th rules and the Arabic list of the paper, not generated).
func TestSampleBibliography(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/sample_apa.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := String(p.Sources, Text)
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("line %d:\n got: %s\nwant: %s", i+1, g, w)
		}
	}
	if n := len(p.Sources); n < 30 {
		t.Errorf("sample has %d sources, want the 27 references and the 3 studies at least", n)
	}
}

func TestSampleMarkdownAndHTML(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	md := String(p.Sources, Markdown)
	for _, s := range []string{
		"الطائي، خليل إسماعيل. (2020). العدالة الاجتماعية والأمن المجتمعي في العراق: قراءة في التحديات. **مجلة دراسات إقليمية**، جامعة الموصل، (60)، 75-95.\n\n",
		"Booth, K. (1991). Security and emancipation. *Review of International Studies*, *17*(4), 313–326.\n",
		"Caballero-Anthony, M. (2015). Community security: Human security at the 21st century. *Contemporary Politics*, *21*(1), 53–69. <https://doi.org/10.1080/13569775.2014.994812>\n",
		"Buzan, B. (1991). *People, states and fear: An agenda for international security studies in the post-Cold War era*. Harvester Wheatsheaf.\n",
		"International Crisis Group. (2021). *Resolving tribal conflicts in southern Iraq* (Middle East Report No. 219).\n",
		"المركز العربي للأبحاث ودراسة السياسات. (2020ب). **الأمن والمجتمع في الدول الهشة: العراق نموذجًا**. الدوحة: المركز العربي للأبحاث ودراسة السياسات.\n",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("markdown lacks %q", s)
		}
	}
	h := String(p.Sources, HTML)
	for _, s := range []string{
		"<div class=\"references\">\n<p class=\"reference\" lang=\"ar\" dir=\"rtl\">",
		`<p class="reference" lang="en" dir="ltr">Booth, K. (1991). Security and emancipation. <i>Review of International Studies</i>, <i>17</i>(4), 313–326.</p>`,
		`<a href="https://doi.org/10.1080/13569775.2014.994812">https://doi.org/10.1080/13569775.2014.994812</a>`,
		`International Crisis Group. (2019). <i>Iraq&#39;s paramilitary groups: The challenge of rebuilding a functioning state</i>.</p>`,
		`<b>مجلة دراسات إقليمية</b>، جامعة الموصل`,
	} {
		if !strings.Contains(h, s) {
			t.Errorf("html lacks %q", s)
		}
	}
}

func P(family, given string) model.Name { return model.Name{Family: family, Given: given} }
func I(literal string) model.Name       { return model.Name{Literal: literal} }

func TestReferences(t *testing.T) {
	for _, c := range []struct {
		s        model.Source
		text, md string
	}{
		{model.Source{Type: "article-journal", Authors: []model.Name{P("Sifuentes", "Lucia"), P("Marquez", "Rosa-María")}, Issued: "2020",
			Title: "Why now?", ContainerTitle: "Journal of Things", Volume: "3", Pages: "1-10", DOI: "doi:10.1/ABC"},
			"Sifuentes, L., & Marquez, R.-M. (2020). Why now? Journal of Things, 3, 1–10. https://doi.org/10.1/ABC",
			"Sifuentes, L., & Marquez, R.-M. (2020). Why now? *Journal of Things*, *3*, 1–10. <https://doi.org/10.1/ABC>"},
		{model.Source{Type: "book", Authors: []model.Name{P("King", "Martin Luther, Jr."), P("Doe", "Jane"), I("World Bank")}, Issued: "2001",
			Title: "A book", Volume: "2", Publisher: "Penguin", PublisherPlace: "London"},
			"King, M. L., Jr., Doe, J., & World Bank. (2001). A book (Vol. 2). Penguin.",
			"King, M. L., Jr., Doe, J., & World Bank. (2001). *A book* (Vol. 2). Penguin."},
		{model.Source{Type: "chapter", Authors: []model.Name{P("Müller", "Jürgen")}, Editors: []model.Name{P("Schmidt", "Anna-Lena"), P("Café", "Renée")},
			Issued: "2016", Title: "Sicherheit", ContainerTitle: "Handbuch", Pages: "45-68", Publisher: "C.H. Beck", PublisherPlace: "München"},
			"Müller, J. (2016). Sicherheit. In A.-L. Schmidt & R. Café (Eds.), Handbuch (pp. 45–68). C.H. Beck.",
			"Müller, J. (2016). Sicherheit. In A.-L. Schmidt & R. Café (Eds.), *Handbuch* (pp. 45–68). C.H. Beck."},
		{model.Source{Type: "book", Editors: []model.Name{P("Roe", "R.")}, Issued: "2010", Title: "Edited volume", Publisher: "Polity"},
			"Roe, R. (Ed.). (2010). Edited volume. Polity.", "Roe, R. (Ed.). (2010). *Edited volume*. Polity."},
		{model.Source{Type: "webpage", Authors: []model.Name{I("UNDP")}, Issued: "2023-05-04", Title: "Iraq_news [update]", ContainerTitle: "UNDP",
			URL: "https://undp.org/x_y"},
			"UNDP. (2023, May 4). Iraq_news [update]. https://undp.org/x_y",
			"UNDP. (2023, May 4). *Iraq\\_news [update]*. <https://undp.org/x_y>"},
		{model.Source{Type: "report", Title: "Anonymous report", Issued: "in press", Number: "7", Publisher: "Agency"},
			"Anonymous report (Report No. 7). (in press). Agency.", "*Anonymous report* (Report No. 7). (in press). Agency."},
		{model.Source{Type: "thesis", Authors: []model.Name{P("Al-Rawi", "Ahmed K.")}, Issued: "2019", Title: "Youth", Publisher: "University of Baghdad"},
			"Al-Rawi, A. K. (2019). Youth [Thesis, University of Baghdad].", "Al-Rawi, A. K. (2019). *Youth* [Thesis, University of Baghdad]."},
		{model.Source{Type: "article-newspaper", Authors: []model.Name{P("Reporter", "A.")}, Issued: "2019-05", Title: "News", ContainerTitle: "The Daily", Pages: "A1"},
			"Reporter, A. (2019, May). News. The Daily, A1.", "Reporter, A. (2019, May). News. *The Daily*, A1."},
		{model.Source{Type: "dataset", Authors: []model.Name{I("United Nations Office on Drugs and Crime")}, Title: "Firearms", Publisher: "UNODC", URL: "https://x.org"},
			"United Nations Office on Drugs and Crime. (n.d.). Firearms [Data set]. https://x.org",
			"United Nations Office on Drugs and Crime. (n.d.). *Firearms* [Data set]. <https://x.org>"},
		// Arabic
		{model.Source{Type: "article-journal", Language: "ar", Authors: []model.Name{P("الطائي", "خليل"), P("العبيدي", "أحمد"), I("مركز البحوث")},
			Issued: "2020", Title: "عنوان المقال", ContainerTitle: "مجلة", Volume: "4", Issue: "2", Pages: "1-20"},
			"الطائي، خليل، العبيدي، أحمد، ومركز البحوث. (2020). عنوان المقال. مجلة، 4(2)، 1-20.",
			"الطائي، خليل، العبيدي، أحمد، ومركز البحوث. (2020). عنوان المقال. **مجلة**، 4(2)، 1-20."},
		{model.Source{Type: "chapter", Authors: []model.Name{P("ياسين", "دعاء")}, Editors: []model.Name{P("الطائي", "خليل"), P("معلقة", "حسنين")},
			Issued: "2021", Title: "فصل", ContainerTitle: "كتاب جامع", Pages: "45-68", Publisher: "دار الشؤون", PublisherPlace: "بغداد"},
			"ياسين، دعاء. (2021). فصل. في: خليل الطائي، وحسنين معلقة (محرران)، كتاب جامع (ص ص. 45-68). بغداد: دار الشؤون.",
			"ياسين، دعاء. (2021). فصل. في: خليل الطائي، وحسنين معلقة (محرران)، **كتاب جامع** (ص ص. 45-68). بغداد: دار الشؤون."},
		{model.Source{Type: "report", Authors: []model.Name{I("وزارة التخطيط")}, Title: "تقرير", Number: "12", Publisher: "وزارة التخطيط"},
			"وزارة التخطيط. (د.ت.). تقرير (تقرير رقم 12). وزارة التخطيط.", "وزارة التخطيط. (د.ت.). **تقرير** (تقرير رقم 12). وزارة التخطيط."},
		{model.Source{Type: "thesis", Authors: []model.Name{P("الراوي", "أحمد")}, Issued: "2019", Title: "الشباب", Publisher: "جامعة بغداد", DOI: "10.1/x"},
			"الراوي، أحمد. (2019). الشباب [رسالة جامعية، جامعة بغداد]. https://doi.org/10.1/x",
			"الراوي، أحمد. (2019). **الشباب** [رسالة جامعية، جامعة بغداد]. <https://doi.org/10.1/x>"},
	} {
		if got := Reference(c.s, Text); got != c.text {
			t.Errorf("text:\n got: %s\nwant: %s", got, c.text)
		}
		if got := Reference(c.s, Markdown); got != c.md {
			t.Errorf("markdown:\n got: %s\nwant: %s", got, c.md)
		}
	}
}

func TestManyAuthors(t *testing.T) {
	var ns []model.Name
	for i := 0; i < 22; i++ {
		ns = append(ns, P(string(rune('A'+i))+"x", "Y"))
	}
	got := apaAuthors(ns)
	if !strings.HasPrefix(got, "Ax, Y., Bx, Y., ") || !strings.Contains(got, "Sx, Y., . . . Vx, Y.") || strings.Contains(got, "Tx") {
		t.Errorf("22 authors: %s", got)
	}
	if got := apaAuthors(ns[:3]); got != "Ax, Y., Bx, Y., & Cx, Y." {
		t.Errorf("3 authors: %s", got)
	}
}

func TestSortAndSuffixes(t *testing.T) {
	src := []model.Source{
		{ID: "1", Title: "Zeta", Authors: []model.Name{P("Smith", "J.")}, Issued: "2020"},
		{ID: "2", Title: "Alpha", Authors: []model.Name{P("Smith", "J.")}, Issued: "2020"},
		{ID: "3", Title: "Team work", Authors: []model.Name{P("Smith", "J."), P("Adams", "B.")}, Issued: "2019"},
		{ID: "4", Title: "Undated", Authors: []model.Name{P("Smith", "J.")}},
		{ID: "5", Title: "Early", Authors: []model.Name{P("smith", "J.")}, Issued: "2018"},
		{ID: "6", Title: "Élan", Authors: []model.Name{P("Éclair", "A.")}, Issued: "2018"},
		{ID: "7", Title: "كتاب", Authors: []model.Name{P("يوسف", "أ.")}, Issued: "2020"},
		{ID: "8", Title: "كتاب", Authors: []model.Name{I("البنك الدولي")}, Issued: "2020"},
		{ID: "9", Title: "كتاب ثان", Authors: []model.Name{I("البنك الدولي")}, Issued: "2020"},
		{ID: "10", Title: "الأمن", Issued: "2020"},
		{ID: "11", Title: "Dalton", Authors: []model.Name{P("Dalton", "A.")}, Issued: "2018", Language: "en"},
	}
	var ids, sfx []string
	for _, e := range Sort(src) {
		ids = append(ids, e.Source.ID)
		sfx = append(sfx, e.Suffix)
	}
	// Arabic: "الأمن" files under أ, "البنك" under ب, then ي; Latin: Dalton, Éclair (accent ignored), Smith …
	if got, want := strings.Join(ids, " "), "10 8 9 7 11 6 4 5 2 1 3"; got != want {
		t.Errorf("order %s, want %s", got, want)
	}
	if got, want := strings.Join(sfx, ","), ",أ,ب,,,,,,a,b,"; got != want {
		t.Errorf("suffixes %q, want %q", got, want)
	}
	if ref := (Entry{Source: src[0], Suffix: "b"}).Format(Text); !strings.Contains(ref, "(2020b).") {
		t.Error(ref)
	}
	if ref := (Entry{Source: src[3], Suffix: "a"}).Format(Text); !strings.Contains(ref, "(n.d.-a).") {
		t.Error(ref)
	}
}

func TestIsArabic(t *testing.T) {
	for _, c := range []struct {
		s    model.Source
		want bool
	}{
		{model.Source{Title: "عنوان"}, true},
		{model.Source{Title: "عنوان", Language: "en"}, false},
		{model.Source{Title: "Title", Language: "ar-IQ"}, true},
		{model.Source{Title: "UNDP تقرير التنمية البشرية"}, true},
		{model.Source{Title: "Human development report (تقرير)"}, false},
		{model.Source{Authors: []model.Name{P("الطائي", "")}}, true},
	} {
		if got := IsArabic(c.s); got != c.want {
			t.Errorf("IsArabic(%+v) = %v", c.s, got)
		}
	}
}

func TestViewSources(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	if len(ViewSources(p, nil)) != len(p.Sources) {
		t.Error("nil view should list every source")
	}
	if len(p.Views) == 0 {
		t.Skip("sample has no views")
	}
	v := p.Views[0]
	got := ViewSources(p, &v)
	// every source listed is cited by something in the view, and every such source is listed
	ix := model.NewIndex(p)
	ids := model.ViewConcepts(p, ix, v)
	in := map[string]bool{}
	for _, id := range append(ids, model.ViewRelations(p, ids)...) {
		in[id] = true
	}
	want := map[string]bool{}
	for _, c := range p.Citations {
		if in[c.Target()] {
			want[c.Source] = true
		}
	}
	if len(got) != len(want) {
		t.Errorf("view %q: %d sources, want %d", v.Name.Get("en"), len(got), len(want))
	}
	for _, s := range got {
		if !want[s.ID] {
			t.Errorf("source %q is not cited in the view", s.Title)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"text": Text, "": Text, "md": Markdown, "Markdown": Markdown, "html": HTML} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("pdf accepted")
	}
}

func TestHTMLDocument(t *testing.T) {
	var b strings.Builder
	if err := WriteHTMLDocument(&b, "References <1>", []model.Source{{Title: "A & B", Type: "book"}}); err != nil {
		t.Fatal(err)
	}
	containsAll := []string{"<meta charset=\"utf-8\">", "<title>References &lt;1&gt;</title>", "<i>A &amp; B</i>", "</html>"}
	for _, s := range containsAll {
		if !strings.Contains(b.String(), s) {
			t.Errorf("document lacks %q", s)
		}
	}
}

// Only http, https, doi and mailto URLs become links; anything else is
// shown as text, escaped (issue 14, item 15).
func TestLinksAreSafe(t *testing.T) {
	src := func(url string) model.Source {
		return model.Source{Type: "webpage", Title: "Page", Issued: "2020", URL: url}
	}
	for _, c := range []struct {
		url, html, md string
	}{
		{"javascript:alert(document.cookie)", `. javascript:alert(document.cookie)</p>`, `. javascript:alert(document.cookie)`},
		{" JaVaScRiPt:alert(1)", `. JaVaScRiPt:alert(1)</p>`, `. JaVaScRiPt:alert(1)`},
		{"java\tscript:alert(1)", ". java\tscript:alert(1)</p>", ". java\tscript:alert(1)"},
		{"data:text/html;base64,PHNjcmlwdD4=", `. data:text/html;base64,PHNjcmlwdD4=</p>`, `. data:text/html;base64,PHNjcmlwdD4=`},
		{"vbscript:msgbox", `. vbscript:msgbox</p>`, `. vbscript:msgbox`},
		{"file:///etc/passwd", `. file:///etc/passwd</p>`, `. file:///etc/passwd`},
		{"//evil.example/x", `. //evil.example/x</p>`, `. //evil.example/x`},
		{"https:", `. https:</p>`, `. https:`},
		{`https://x.org/"onmouseover="alert(1)`, `<a href="https://x.org/&#34;onmouseover=&#34;alert(1)">https://x.org/&#34;onmouseover=&#34;alert(1)</a>`,
			`<https://x.org/"onmouseover="alert(1)>`},
		{"https://x.org/<script>alert(1)</script>", `<a href="https://x.org/&lt;script&gt;alert(1)&lt;/script&gt;">`,
			`<https://x.org/%3Cscript%3Ealert(1)%3C/script%3E>`},
		{"http://example.org/a b", `<a href="http://example.org/a b">`, `<http://example.org/a%20b>`},
		{"mailto:author@example.org", `<a href="mailto:author@example.org">mailto:author@example.org</a>`, `<mailto:author@example.org>`},
		{"doi:10.1017/S0260210500112033", `<a href="https://doi.org/10.1017/S0260210500112033">doi:10.1017/S0260210500112033</a>`,
			`<https://doi.org/10.1017/S0260210500112033>`},
	} {
		h, md := Reference(src(c.url), HTML), Reference(src(c.url), Markdown)
		if !strings.Contains(h, c.html) {
			t.Errorf("%q in HTML:\n got %s\nwant it to contain %s", c.url, h, c.html)
		}
		if !strings.Contains(md, c.md) {
			t.Errorf("%q in Markdown:\n got %s\nwant it to contain %s", c.url, md, c.md)
		}
		for _, bad := range []string{`href="javascript`, `href="data`, `href="vbscript`, `href="file`, `href="//`, "<script"} {
			if strings.Contains(strings.ToLower(h), strings.ToLower(bad)) {
				t.Errorf("%q: HTML holds %s: %s", c.url, bad, h)
			}
		}
		if unescaped(md, "<script") || unescaped(md, "<javascript") || unescaped(md, "<data:") {
			t.Errorf("%q: Markdown holds raw HTML or a live link: %s", c.url, md)
		}
	}
}

// Markdown output escapes HTML and entities in every field: raw <script>
// is not passed through (issue 14, item 15).
func TestMarkdownEscapesHTML(t *testing.T) {
	s := model.Source{Type: "chapter", Title: "<script>alert(1)</script>", Issued: "2020",
		Authors: []model.Name{{Family: "<img src=x onerror=alert(1)>", Given: "A"}}, ContainerTitle: "&lt;b&gt;bold&lt;/b&gt; &#60;i>",
		Publisher: "Smith & Sons", Editors: []model.Name{{Literal: "<b>Ed</b>"}}}
	md := Reference(s, Markdown)
	for _, bad := range []string{"<script", "<img", "<b>", "&lt;", "&#60;"} {
		if unescaped(md, bad) {
			t.Errorf("Markdown passes %q through: %s", bad, md)
		}
	}
	containsAll(t, md, `\<script\>alert(1)\</script\>`, `\&lt;b\&gt;bold`, `\&#60;i\>`, "Smith & Sons")
	h := Reference(s, HTML)
	if strings.Contains(h, "<script") || strings.Contains(h, "<img") || strings.Contains(h, "<b>Ed") {
		t.Errorf("HTML passes markup through: %s", h)
	}
}

func containsAll(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%q does not contain %q", s, sub)
		}
	}
}

// unescaped reports whether sub occurs in the Markdown md without a
// backslash before it.
func unescaped(md, sub string) bool {
	for i := 0; ; {
		j := strings.Index(md[i:], sub)
		if j < 0 {
			return false
		}
		if i+j == 0 || md[i+j-1] != '\\' {
			return true
		}
		i += j + 1
	}
}
