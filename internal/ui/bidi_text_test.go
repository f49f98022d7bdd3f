package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// drawnAs maps the glyphs of brackets and arrow heads to the character they
// show (a right-to-left run draws "(" with the glyph of ")").
func drawnAs() map[uint32]string {
	m := map[uint32]string{}
	for _, c := range []string{"(", ")", "‹", "›", "«", "»"} {
		b := text.Default().Layout("x"+c, text.Params{Size: 14, Dir: text.LTR})
		m[b.Lines[0].Glyphs[1].ID] = c
	}
	return m
}

// visualLines returns each line of a block as it shows from left to right:
// brackets and arrow heads as drawn, right-to-left clusters with their
// letters reversed, direction marks dropped and no-break spaces and
// hyphens as plain ones.
func visualLines(b *text.Block) []string {
	drawn := drawnAs()
	var out []string
	for _, l := range b.Lines {
		var s strings.Builder
		for _, g := range l.Glyphs {
			if c, ok := drawn[g.ID]; ok && g.Face == text.LatinRegular {
				s.WriteString(c)
				continue
			}
			r := []rune(g.Text)
			if g.RTL {
				for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
					r[i], r[j] = r[j], r[i]
				}
			}
			s.WriteString(string(r))
		}
		v := strings.NewReplacer("\u200e", "", "\u200f", "", "\u00a0", " ", "\u2011", "-").Replace(s.String())
		out = append(out, v)
	}
	return out
}

// shownLines lays a bidi text out at its widget's width and returns its
// lines as they show.
func shownLines(t *bidiText) []string {
	return visualLines(t.block(t.Size().Width))
}

// findText returns the first bidi text under o whose text contains s.
func findText(t *testing.T, o fyne.CanvasObject, s string) *bidiText {
	t.Helper()
	var found *bidiText
	walk(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*bidiText); ok && found == nil && strings.Contains(b.Text(), s) {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no text holding %q", s)
	}
	return found
}

// TestBidiSlips checks the four strings issue 10 found shown the wrong way,
// in the widgets that show them, in the English interface (the Arabic
// labels sit in left-to-right text there).
func TestBidiSlips(t *testing.T) {
	g := newTestGUI(t)
	ses := g.ses

	// «(p. 112-114) شح المياه» in a source's "supports" list.
	water, err := ses.SaveConcept(model.Concept{Kind: model.KindThreat, Label: model.T("شح المياه", "")})
	if err != nil {
		t.Fatal(err)
	}
	src := ses.Project().Sources[0]
	if _, err := ses.SaveCitation(model.Citation{Source: src.ID, Concept: water.ID, Locator: "112-114"}); err != nil {
		t.Fatal(err)
	}
	g.sources.selectSource(src.ID)
	row := findText(t, g.sources.obj, "شح المياه")
	row.Resize(fyne.NewSize(360, row.MinSize().Height))
	if got := shownLines(row); len(got) != 1 || got[0] != "(p. 112-114)  هايملا حش" {
		t.Errorf("supports row shows %q, want the note's brackets the right way round left of the label", got)
	}
	// Narrow, the note moves to a line of its own, whole.
	row.Resize(fyne.NewSize(110, 60))
	lines := shownLines(row)
	if len(lines) != 2 || strings.TrimSpace(lines[1]) != "(p. 112-114)" {
		t.Errorf("wrapped supports row shows %q", lines)
	}

	// The last arrow of the path sentence in Insights: a chain of Arabic
	// labels that starts with a Latin name reads right to left, every
	// arrow head pointing along the reading (drawn ‹ in Arabic).
	undp, _ := ses.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("UNDP report", "UNDP report")})
	disp, _ := ses.SaveConcept(model.Concept{Kind: model.KindThreat, Label: model.T("النزوح 2014", "")})
	for _, r := range []model.Relation{
		{From: undp.ID, To: water.ID, Type: "causes", Phrase: model.T("يؤدي إلى", "")},
		{From: water.ID, To: disp.ID, Type: "causes", Phrase: model.T("يفاقم", "")},
	} {
		if _, err := ses.SaveRelation(r); err != nil {
			t.Fatal(err)
		}
	}
	g.insights.showPath(undp.ID, disp.ID)
	path := g.insights.path
	if path.Text() != "UNDP report —يؤدي إلى› شح المياه —يفاقم› النزوح 2014" {
		t.Fatalf("path sentence %q", path.Text())
	}
	path.Resize(fyne.NewSize(800, 40))
	got := shownLines(path)
	if len(got) != 1 || got[0] != "2014 حوزنلا ‹مقافي— هايملا حش ‹ىلإ يدؤي— UNDP report" {
		t.Errorf("path sentence shows %q", got)
	}

	// "Neighbourhood of" a label ending in a number: the number is the
	// label's last word, on its left.
	n121, _ := ses.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("الأمن المجتمعي 121", "")})
	g.showNeighbourhood(n121.ID)
	title := g.mp.title
	if title.Text() != "Neighbourhood of الأمن المجتمعي 121" {
		t.Fatalf("map title %q", title.Text())
	}
	if got := visualLines(title.block(0)); got[0] != "Neighbourhood of 121 يعمتجملا نمألا" {
		t.Errorf("neighbourhood title shows %q", got)
	}

	// «المياه 12» typed into the search: Fyne's entry lays it out as
	// 12المياه; the preview under it shows it as it reads.
	test.Type(g.side.search, "المياه 12")
	prev := findText(t, g.side.obj, "المياه 12")
	if prev == nil || !prev.Visible() {
		t.Fatal("no preview of the mixed search text")
	}
	if got := visualLines(prev.block(300)); got[0] != "12 هايملا" {
		t.Errorf("search preview shows %q", got)
	}
}

// TestCoverageMatrixMirrored: in Arabic the matrix's corner is translated
// and its diagonal turned, the threats' labels are on the right and the
// recommendations run from right to left.
func TestCoverageMatrixMirrored(t *testing.T) {
	g := newTestGUI(t)
	g.setLanguage("ar")
	defer setLang("en")
	g.coverageMatrixWindow()
	mw := g.matrix
	lay := mw.view.lay
	if tr("mx.corner") != "التهديدات / التوصيات" {
		t.Fatalf("corner %q", tr("mx.corner"))
	}
	if lay.Rows[0].Min.X < lay.Cells[0][0].Max.X {
		t.Fatal("threat labels are not right of the cells")
	}
	if n := len(lay.Cols); n > 1 && lay.Cols[0].Min.X < lay.Cols[n-1].Min.X {
		t.Fatal("the first recommendation is not the rightmost column")
	}
	mw.win.Close()
}
