package interop

import "testing"

func TestTeXDecoding(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`M{\"u}ller`, "Müller"},
		{`M\"uller`, "Müller"},
		{`Caf\'e`, "Café"},
		{`Caf{\'e}`, "Café"},
		{`Mar{\'\i}a`, "María"},
		{`Mar\'{\i}a`, "María"},
		{`{\c C}a{\u g}lar`, "Çağlar"},
		{`\v{S}koda`, "Škoda"},
		{`{\O}stergaard and {\ss}`, "Østergaard and ß"},
		{`Erd\H{o}s`, "Erdős"},
		{`{{UNDP}}`, "UNDP"},
		{`The {Iraq} case`, "The Iraq case"},
		{`a--b---c`, "a–b—c"},
		{`50\% \& more \$ \#1 \_x`, "50% & more $ #1 _x"},
		{`New~York`, "New\u00a0York"},
		{`\textit{Italic} and \emph{em}`, "Italic and em"},
		{`\textendash{} x\textemdash y`, "– x—y"},
		{"``quoted''", "“quoted”"},
		{`$\alpha$-helix`, "α-helix"},
		{`الأمن {المجتمعي}`, "الأمن المجتمعي"},
		{`\url{http://x.org}`, "http://x.org"},
		{"two\n   lines", "two lines"},
		{`\unknown{kept}`, "kept"},
		{`trailing \`, "trailing"},
		{`\"`, "\u0308"},
	} {
		if got := texToText(c.in); got != c.want {
			t.Errorf("texToText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
