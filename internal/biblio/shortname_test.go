package biblio

import (
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestShortName(t *testing.T) {
	p := func(f, g string) model.Name { return model.Name{Family: f, Given: g} }
	inst := func(l string) model.Name { return model.Name{Literal: l} }
	for _, c := range []struct {
		src  model.Source
		want string
	}{
		{model.Source{Title: "Security", Issued: "1991-10", Authors: []model.Name{p("Booth", "Ken")}}, "Booth (1991)"},
		{model.Source{Title: "Theory", Issued: "1991", Authors: []model.Name{p("Booth", "K."), p("Thompson", "K. W.")}}, "Booth & Thompson (1991)"},
		{model.Source{Title: "Theory", Issued: "1991", Authors: []model.Name{p("Booth", "K."), p("Thompson", ""), p("Wyn Jones", "R.")}}, "Booth et al. (1991)"},
		{model.Source{Title: "Report", Issued: "2020", Authors: []model.Name{inst("World Bank")}}, "World Bank (2020)"},
		{model.Source{Title: "Handbook", Issued: "in press", Editors: []model.Name{p("Schmidt", "A.")}}, "Schmidt (in press)"},
		{model.Source{Title: "Notes", Authors: []model.Name{p("", "Aristotle")}}, "Aristotle (n.d.)"},
		{model.Source{Title: "Untitled news story about the security situation in Basra", Issued: "2019-05-04", Type: "article-newspaper"},
			"Untitled news story about the security s… (2019)"},
		{model.Source{Title: "العدالة الاجتماعية", Issued: "2020", Authors: []model.Name{p("الطائي", "خليل إسماعيل")}}, "الطائي (2020)"},
		{model.Source{Title: "العدالة الاجتماعية", Issued: "2020", Authors: []model.Name{p("الطائي", "خليل"), p("معلقة", "حسنين")}}, "الطائي ومعلقة (2020)"},
		{model.Source{Title: "الأمن", Authors: []model.Name{p("الطائي", "خ"), p("معلقة", "ح"), p("العبيدي", "س")}}, "الطائي وآخرون (د.ت.)"},
		{model.Source{Title: "الأمن والمجتمع", Issued: "2020", Authors: []model.Name{inst("المركز العربي للأبحاث ودراسة السياسات")}}, "المركز العربي للأبحاث ودراسة السياسات (2020)"},
		// an English work by an Arabic-named author stays English: the language decides
		{model.Source{Title: "Youth and media", Language: "en", Issued: "2019", Authors: []model.Name{p("الراوي", "أحمد"), p("Smith", "J."), p("Doe", "J.")}}, "الراوي et al. (2019)"},
	} {
		if got := ShortName(c.src); got != c.want {
			t.Errorf("ShortName(%q) = %q, want %q", c.src.Title, got, c.want)
		}
	}
}

// Entry.ShortName carries the year suffix that tells apart works of the
// same authors and year, as the reference list does.
func TestEntryShortNameSuffix(t *testing.T) {
	a := model.Source{ID: "a", Title: "Alpha", Issued: "1991", Authors: []model.Name{{Family: "Booth", Given: "K."}}}
	b := model.Source{ID: "b", Title: "Beta", Issued: "1991", Authors: []model.Name{{Family: "Booth", Given: "K."}}}
	c := model.Source{ID: "c", Title: "أ", Authors: []model.Name{{Family: "الطائي"}}}
	d := model.Source{ID: "d", Title: "ب", Authors: []model.Name{{Family: "الطائي"}}}
	var got []string
	for _, e := range Sort([]model.Source{b, d, a, c}) {
		got = append(got, e.ShortName())
	}
	want := []string{"الطائي (د.ت.-أ)", "الطائي (د.ت.-ب)", "Booth (1991a)", "Booth (1991b)"}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}
