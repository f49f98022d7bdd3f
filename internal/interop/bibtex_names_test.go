package interop

import (
	"reflect"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestBibNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []model.Name
	}{
		{"Booth, Ken", N(P("Booth", "Ken"))},
		{"Ken Booth", N(P("Booth", "Ken"))},
		{"Hans J. Morgenthau and Kenneth W. Thompson", N(P("Morgenthau", "Hans J."), P("Thompson", "Kenneth W."))},
		{"Ludwig van Beethoven", N(P("van Beethoven", "Ludwig"))},
		{"van der Berg, Jan", N(P("van der Berg", "Jan"))},
		{"King, Jr., Martin Luther", N(P("King", "Martin Luther, Jr."))},
		{"{World Bank}", N(I("World Bank"))},
		{"{{World Bank}}", N(I("World Bank"))},
		{"{Barnes and Noble}", N(I("Barnes and Noble"))},
		{"{Barnes and Noble} and Smith, A.", N(I("Barnes and Noble"), P("Smith", "A."))},
		{"Smith, A. AND Jones, B. and others", N(P("Smith", "A."), P("Jones", "B."))},
		{"Aristotle", N(P("Aristotle", ""))},
		{"الطائي, خليل إسماعيل and معلقة, حسنين فاضل", N(P("الطائي", "خليل إسماعيل"), P("معلقة", "حسنين فاضل"))},
		{"{المركز العراقي للدراسات الإستراتيجية}", N(I("المركز العراقي للدراسات الإستراتيجية"))},
		{"{\\O}stergaard, S{\\o}ren", N(P("Østergaard", "Søren"))},
		{"{Al-Rawi}, Ahmed", N(P("Al-Rawi", "Ahmed"))},
		{"  ", nil},
	} {
		if got := parseBibNames(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("parseBibNames(%q) = %#v, want %#v", c.in, got, c.want)
		}
	}
}
