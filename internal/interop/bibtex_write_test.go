package interop

import (
	"bytes"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestBibTeXWriteShape(t *testing.T) {
	s := []model.Source{
		{ID: model.NewID(), Type: "article-journal", Authors: N(P("Booth", "Ken"), I("World Bank & Partners")), Issued: "1991-10-02",
			Title: "Security in Iraq: 50% of {it}", ContainerTitle: "Review", Volume: "17", Issue: "4", Pages: "313-326",
			DOI: "10.1017/X_1", URL: "https://x.org/a_b%20c"},
		{ID: model.NewID(), Type: "report", Authors: N(I("United Nations Development Programme")), Issued: "1994", Title: "Human development report"},
		{ID: model.NewID(), Type: "report", Authors: N(I("United Nations Development Programme")), Issued: "1994", Title: "Another report"},
		{ID: model.NewID(), Type: "book", Authors: N(I("المركز العربي للأبحاث ودراسة السياسات")), Issued: "2020", Title: "الأمن"},
		{ID: model.NewID(), Type: "dataset", Title: "Data", Issued: "n.d."},
	}
	var b bytes.Buffer
	if err := WriteBibTeX(&b, s); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	containsAll(t, "bibtex", out,
		"@article{booth1991,", "author = {Booth, Ken and {World Bank \\& Partners}}", "title = {Security in {Iraq:} 50\\% of \\{it\\}}",
		"month = oct,", "date = {1991-10-02}", "pages = {313--326}", "doi = {10.1017/X_1}", "url = {https://x.org/a_b%20c}",
		"@techreport{undp1994,", "@techreport{undp1994a,", "@book{ref2020,", "author = {{المركز العربي للأبحاث ودراسة السياسات}}",
		"@dataset{ref", "year = {n.d.}")
}
