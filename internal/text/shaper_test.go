package text

import (
	"math"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  plain  ", "plain"},
		{"a\r\nb\rc\u2028d", "a\nb\nc\nd"},
		{"tab\there", "tab here"},
		{"bell\a null\x00 del\x7f c1\u0085x", "bell null del c1\nx"},
		{"evil\u202Eoverride\u202C \u2066iso\u2069", "eviloverride iso"},
		{"\ufeffbom\ufffe\uffff", "bom"},
		{"زن\u200cدگی", "زن\u200cدگی"}, // ZWNJ kept for Persian
		{"\n\n  \nline\n\n", "line"},
		{string([]byte{0xff, 'a'}), "\ufffda"},
	}
	for _, tc := range tests {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDetectDir(t *testing.T) {
	tests := []struct {
		in   string
		want Dir
	}{
		{"الأمن", RTL},
		{"Security", LTR},
		{"2016 الأمن", RTL},
		{"(UNDP) الأمن", LTR},
		{"123", LTR},
		{"امنیت", RTL},
	}
	for _, tc := range tests {
		if got := DetectDir(tc.in, LTR); got != tc.want {
			t.Errorf("DetectDir(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// visualText concatenates the glyph texts of a line left to right.
func visualText(l Line) string {
	var b strings.Builder
	for _, g := range l.Glyphs {
		b.WriteString(g.Text)
	}
	return b.String()
}

func TestMixedBidiOrder(t *testing.T) {
	b := Default().Layout("الأمن المجتمعي (UNDP, 2016)", Params{Size: 14})
	if b.Dir != RTL || len(b.Lines) != 1 {
		t.Fatalf("dir %v, %d lines; want one RTL line", b.Dir, len(b.Lines))
	}
	v := visualText(b.Lines[0])
	// Left to right: the closing parenthesis (drawn mirrored), the Latin
	// run in its own order, the opening parenthesis, then the Arabic words
	// from the last to the first.
	if !strings.HasPrefix(v, ")UNDP, 2016(") {
		t.Errorf("visual order starts %q, want \")UNDP, 2016(\"", v)
	}
	if !strings.Contains(v, "ي") || strings.Index(v, "UNDP") > strings.Index(v, "ي") {
		t.Errorf("Latin run should be left of the Arabic: %q", v)
	}
	// the Arabic glyphs come in reverse logical order
	if i, j := strings.Index(v, "ن"), strings.Index(v, "ع"); i < j {
		t.Errorf("Arabic not reversed: %q", v)
	}
	if b.Lines[0].Text != "الأمن المجتمعي (UNDP, 2016)" {
		t.Errorf("line text %q", b.Lines[0].Text)
	}
}

func TestArabicShaping(t *testing.T) {
	s := Default()
	// lam-alef is one ligature glyph
	b := s.Layout("لا", Params{Size: 20})
	if n := len(b.Lines[0].Glyphs); n != 1 {
		t.Errorf("لا shaped into %d glyphs, want 1 ligature", n)
	}
	// joining: medial forms differ from isolated ones
	iso := s.Layout("ب", Params{Size: 20}).Lines[0].Glyphs[0].ID
	med := s.Layout("ببب", Params{Size: 20}).Lines[0].Glyphs[1].ID
	if iso == med {
		t.Errorf("medial beh uses the isolated glyph %d: no joining", iso)
	}
	// Persian and Kurdish letters and diacritics are all in the font
	for _, r := range "پچژگکیڵۆێەڕڤ" + "ًٌٍَُِّْ" {
		if !s.HasGlyph(r) {
			t.Errorf("no glyph for %q (U+%04X)", r, r)
		}
	}
	for _, txt := range []string{"امنیت اجتماعی پایدار", "ئاسایشی کۆمەڵایەتی", "إِنَّ الأَمْنَ"} {
		for _, g := range s.Layout(txt, Params{Size: 14}).Lines[0].Glyphs {
			if g.Missing {
				t.Errorf("%q: missing glyph", txt)
			}
		}
	}
}

func TestWrapAlignAndTruncate(t *testing.T) {
	s := Default()
	txt := "تعدد مصادر القرار وتفاوت مستويات التدريب وغياب التنسيق في المؤسسة الأمنية"
	b := s.Layout(txt, Params{Size: 14, MaxWidth: 150})
	if len(b.Lines) < 2 {
		t.Fatalf("expected wrapping, got %d line(s)", len(b.Lines))
	}
	for i, l := range b.Lines {
		if l.Width > 150+0.01 {
			t.Errorf("line %d width %.2f > 150", i, l.Width)
		}
		// right-aligned: every line ends at the block's right edge
		if math.Abs(l.X+l.Width-b.Width) > 0.01 {
			t.Errorf("RTL line %d not right-aligned: x %.2f + w %.2f != %.2f", i, l.X, l.Width, b.Width)
		}
		for _, g := range l.Glyphs {
			if g.X < -1 || g.X > b.Width+1 {
				t.Errorf("glyph at %.2f outside block width %.2f", g.X, b.Width)
			}
		}
	}
	en := s.Layout("Community security is the spirit of security and the ground of development", Params{Size: 14, MaxWidth: 150})
	for i, l := range en.Lines {
		if math.Abs(l.X) > 0.01 {
			t.Errorf("LTR line %d not left-aligned: x %.2f", i, l.X)
		}
	}
	c := s.Layout(txt, Params{Size: 14, MaxWidth: 150, Align: Center})
	for i, l := range c.Lines {
		if math.Abs(l.X+l.Width/2-c.Width/2) > 0.01 {
			t.Errorf("centred line %d off centre", i)
		}
	}

	// a 5,000-character label is cut after MaxLines with an ellipsis
	long := strings.Repeat("الأمن المجتمعي والتنمية ", 210)
	if utf8.RuneCountInString(long) < 5000 {
		t.Fatal("test label too short")
	}
	lb := s.Layout(long, Params{Size: 14, MaxWidth: 200, MaxLines: 3})
	if len(lb.Lines) != 3 || !lb.Truncated {
		t.Fatalf("long label: %d lines, truncated %v; want 3, true", len(lb.Lines), lb.Truncated)
	}
	last := lb.Lines[2]
	if !strings.HasSuffix(last.Text, "…") {
		t.Errorf("last line %q does not end with …", last.Text)
	}
	for i, l := range lb.Lines {
		if l.Width > 200+0.01 {
			t.Errorf("truncated line %d width %.2f > 200", i, l.Width)
		}
	}
	// without a line limit an over-long text is still cut (at maxRunes)
	huge := s.Layout(strings.Repeat("x", maxRunes+100), Params{Size: 10})
	if !huge.Truncated {
		t.Error("text over maxRunes not marked truncated")
	}
}

func TestBadInput(t *testing.T) {
	s := Default()
	for _, txt := range []string{"", "   ", "\u202E\u202D", "😀", "👩‍👩‍👧 family", "a\x00b\x1bc", "\uFFFD", "\u0301", "ـــ"} {
		b := s.Layout(txt, Params{Size: 14, MaxWidth: 100, MaxLines: 2})
		if strings.ContainsAny(b.Text, "\u202E\u202D\x00\x1b") {
			t.Errorf("%q: control characters survive: %q", txt, b.Text)
		}
		for _, l := range b.Lines {
			for _, g := range l.Glyphs {
				if p := s.Outline(g, 14, Point{}); g.Missing && len(p) == 0 {
					t.Errorf("%q: missing glyph drawn as nothing", txt)
				}
			}
		}
	}
	e := s.Layout("😀", Params{Size: 14})
	if len(e.Lines) != 1 || len(e.Lines[0].Glyphs) == 0 || !e.Lines[0].Glyphs[0].Missing {
		t.Errorf("emoji should be one missing (boxed) glyph: %+v", e.Lines)
	}
	if b := s.Layout("", Params{}); len(b.Lines) != 0 || b.Width != 0 || b.Height != 0 {
		t.Errorf("empty text gives %+v", b)
	}
}

func TestMultiParagraph(t *testing.T) {
	b := Default().Layout("first line\nالسطر الثاني", Params{Size: 12})
	if len(b.Lines) != 2 {
		t.Fatalf("%d lines, want 2", len(b.Lines))
	}
	lh := Default().LineHeight(12, false)
	if math.Abs(b.Height-2*lh) > 0.01 {
		t.Errorf("height %.2f, want %.2f", b.Height, 2*lh)
	}
	if b.Lines[1].Baseline <= b.Lines[0].Baseline {
		t.Error("second line is not below the first")
	}
}

func TestConcurrentUse(t *testing.T) {
	s, err := NewShaper()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				b := s.Layout(strings.Repeat("الأمن ", 1+(i+j)%7)+"Security", Params{Size: 10 + float64(i), MaxWidth: 80})
				var p Path
				s.AppendBlock(p, b, Point{})
			}
		}(i)
	}
	wg.Wait()
}

func TestOutlines(t *testing.T) {
	s := Default()
	b := s.Layout("خريطة Map", Params{Size: 20})
	p := s.AppendBlock(nil, b, Point{X: 10, Y: 10})
	if len(p) == 0 {
		t.Fatal("no outlines")
	}
	bb := p.Bounds()
	box := RectXYWH(10, 10, b.Width, b.Height)
	if !box.Inset(-2).ContainsRect(bb, 0) {
		t.Errorf("ink %+v outside the block box %+v", bb, box)
	}
}

func BenchmarkLayout(b *testing.B) {
	s, _ := NewShaper()
	labels := []string{"الأمن المجتمعي (UNDP, 2016)", "تعدد مصادر القرار وتفاوت مستويات التدريب وغياب التنسيق في المؤسسة الأمنية", "Community security"}
	for i := 0; i < b.N; i++ {
		s.mu.Lock()
		clear(s.cache)
		s.mu.Unlock()
		for _, l := range labels {
			s.Layout(l, Params{Size: 14, MaxWidth: 200, MaxLines: 4})
		}
	}
}
