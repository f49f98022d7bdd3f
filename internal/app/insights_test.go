package app

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/analysis"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

func TestInsightsOfTheSample(t *testing.T) {
	s := sample(t)
	in, err := s.Insights("", "")
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, it := range in.Items {
		n[it.Kind]++
		if _, ok := InsightGroups[it.Kind]; !ok {
			t.Errorf("insight kind %q has no group", it.Kind)
		}
		if it.Subject == "" {
			t.Errorf("insight %+v has no subject", it)
		}
	}
	// The sample's real findings (see internal/analysis' sample test).
	want := map[string]int{InsightGap: 11, InsightNoLocator: 4, InsightOutOfRange: 1, InsightCycle: 4, InsightPillar: 4}
	for k, v := range want {
		if n[k] != v {
			t.Errorf("%d %s insights, want %d (all: %v)", n[k], k, v, n)
		}
	}
	if n[InsightCentral] == 0 || n[InsightBroker] == 0 {
		t.Errorf("no central concepts: %v", n)
	}
	for _, it := range in.Items {
		switch it.Kind {
		case InsightGap:
			c := s.Index().Concepts[it.Concept]
			if c == nil || c.Kind != model.KindThreat || it.Show.Concepts[0] != it.Concept {
				t.Errorf("gap %q: click-through %q is not its threat", it.Subject, it.Concept)
			}
			if it.Subject == "الإرهاب" && (len(it.Related) == 0 || it.Detail == "") {
				t.Errorf("gap الإرهاب lists no offsetting recommendation: %+v", it)
			}
		case InsightCycle:
			if len(it.Show.Relations) < 2 || !strings.Contains(it.Detail, "›") {
				t.Errorf("cycle %+v: highlight or right-to-left chain missing", it)
			}
		case InsightNoLocator, InsightOutOfRange:
			if it.Citation == "" || it.Source == "" || (it.Concept == "" && it.Relation == "") || it.Show.Empty() {
				t.Errorf("citation finding without targets: %+v", it)
			}
		}
		for _, id := range it.Show.Relations {
			if s.Index().Relations[id] == nil {
				t.Errorf("%s highlights unknown relation %s", it.Kind, id)
			}
		}
	}
	// In a view, uncited concepts and coverage are scoped to the view.
	v := s.Project().Views[0]
	if _, err := s.Insights(v.ID, "en"); err != nil {
		t.Fatal(err)
	}
}

func TestExplainPath(t *testing.T) {
	s := sample(t)
	in, err := s.Insights("", "")
	if err != nil {
		t.Fatal(err)
	}
	var gap, rec string
	for _, it := range in.Items {
		if it.Kind == InsightGap && gap == "" {
			gap = it.Concept
		}
	}
	rec = in.Report.Coverage.Recommendations[0].ID
	r, h := s.ExplainPath(rec, gap, "")
	if !r.Found || len(r.Steps) == 0 {
		t.Fatalf("no path from %s to %s", rec, gap)
	}
	if h.Concepts[0] != rec || h.Concepts[len(h.Concepts)-1] != gap && !contains(h.Concepts, gap) {
		t.Errorf("highlight %v does not run from the recommendation to the gap", h.Concepts)
	}
	if len(h.Relations) < len(r.Steps) {
		t.Errorf("%d relations highlighted for %d steps", len(h.Relations), len(r.Steps))
	}
	if r, _ := s.ExplainPath("nope", gap, ""); r.Found {
		t.Error("a path from an unknown concept")
	}
}

func TestFormatChainArrows(t *testing.T) {
	a, b, c := analysis.Ref{Label: "أ"}, analysis.Ref{Label: "ب"}, analysis.Ref{Label: "ج"}
	steps := []analysis.Step{
		{From: a, To: b, Relations: []analysis.StepRel{{Phrase: "يضعف", Forward: true}}},
		{From: b, To: c, Relations: []analysis.StepRel{{Phrase: "يعالج", Forward: false}}},
	}
	if got, want := FormatChain(steps), "أ —يضعف› ب ‹يعالج— ج"; got != want {
		t.Errorf("rtl chain %q, want %q", got, want)
	}
	latin := []analysis.Step{
		{From: analysis.Ref{Label: "A"}, To: analysis.Ref{Label: "B"}, Relations: []analysis.StepRel{{Phrase: "weakens", Forward: true}}},
		{From: analysis.Ref{Label: "B"}, To: analysis.Ref{Label: "C"}, Relations: []analysis.StepRel{{Phrase: "addresses"}}},
	}
	if got, want := FormatChain(latin), "A —weakens› B ‹addresses— C"; got != want {
		t.Errorf("ltr chain %q, want %q", got, want)
	}
	// Drawn right to left, the head between أ and ب must be the glyph that
	// points left (at ب): the shaper mirrors "›" in right-to-left runs.
	sh := text.Default()
	left := sh.Layout("‹", text.Params{Size: 12, Dir: text.LTR}).Lines[0].Glyphs[0].ID
	blk := sh.Layout(FormatChain(steps), text.Params{Size: 12})
	var v strings.Builder
	var headID uint32
	for _, g := range blk.Lines[0].Glyphs {
		v.WriteString(g.Text)
		if g.Text == "›" && headID == 0 {
			headID = g.ID
		}
	}
	vis := v.String()
	if i, j, k := strings.Index(vis, "ب"), strings.Index(vis, "›"), strings.Index(vis, "أ"); !(i < j && j < k) {
		t.Errorf("visual order %q: want ب, the head, then أ", vis)
	}
	if headID != left {
		t.Errorf("the head is drawn as glyph %d, want %d (‹, pointing left)", headID, left)
	}
}

func TestCoverageMatrixCSVAndPNG(t *testing.T) {
	s := sample(t)
	m, err := s.CoverageMatrix("", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Threats) != 25 || len(m.Recommendations) != 9 {
		t.Fatalf("matrix %d×%d, want 25×9", len(m.Threats), len(m.Recommendations))
	}
	gaps := 0
	for i := range m.Threats {
		if m.Gap(i) {
			gaps++
			for j := range m.Recommendations {
				if m.Cells[i][j] != analysis.CellNone {
					t.Errorf("gap row %d has a mark in column %d", i, j)
				}
			}
		}
	}
	if gaps != 11 {
		t.Errorf("%d gap rows, want 11", gaps)
	}
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "coverage.csv")
	if err := ExportMatrix(csvPath, m, MatrixStyle{Corner: "التهديد \\ التوصية"}, 0); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Error("CSV has no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 26 || len(rows[0]) != 10 {
		t.Fatalf("CSV is %d×%d, want 26×10", len(rows), len(rows[0]))
	}
	if rows[0][0] != "التهديد \\ التوصية" || rows[0][1] != m.Recommendations[0].Label || rows[1][0] != m.Threats[0].Threat.Label {
		t.Errorf("CSV headers %q / %q", rows[0][:2], rows[1][0])
	}
	direct, chain := 0, 0
	for i, r := range rows[1:] {
		for j, c := range r[1:] {
			if c != m.Cells[i][j] {
				t.Errorf("cell %d,%d is %q, want %q", i, j, c, m.Cells[i][j])
			}
			switch c {
			case analysis.CellDirect:
				direct++
			case analysis.CellChain:
				chain++
			}
		}
	}
	if direct == 0 || chain == 0 {
		t.Errorf("%d direct and %d chain cells", direct, chain)
	}

	pngPath := filepath.Join(dir, "coverage.png")
	st := MatrixStyle{RTL: true, HighlightRow: -1, HighlightCol: -1}
	if err := ExportMatrix(pngPath, m, st, 2); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	l := m.Layout(st)
	if b := img.Bounds(); b.Dx() < int(l.Width*2)-1 || b.Dy() < int(l.Height*2)-1 {
		t.Errorf("PNG %v, layout %.0f×%.0f pt at 2×", b, l.Width, l.Height)
	}
	// Right to left: the threat labels are right of every column.
	if l.Rows[0].Min.X < l.Cols[0].Max.X || l.Cols[0].Min.X < l.Cols[1].Max.X {
		t.Errorf("RTL layout not mirrored: row %v, columns %v %v", l.Rows[0], l.Cols[0], l.Cols[1])
	}
	// A direct cell is painted in the mark colour at its centre.
	for i := range m.Threats {
		for j := range m.Recommendations {
			if m.Cells[i][j] != analysis.CellDirect {
				continue
			}
			c := l.Cells[i][j].Center()
			r, g, b, _ := img.At(int(c.X*2), int(c.Y*2)).RGBA()
			if r>>8 != 0x2b || g>>8 != 0x8a || b>>8 != 0x3e {
				t.Errorf("direct cell %d,%d centre is %x %x %x", i, j, r>>8, g>>8, b>>8)
			}
			// Hit-testing finds the cell back.
			if hi, hj := l.Hit(c); hi != i || hj != j {
				t.Errorf("hit at the centre of %d,%d gives %d,%d", i, j, hi, hj)
			}
			if h := m.CellHighlight(i, j); len(h.Concepts) < 2 {
				t.Errorf("cell %d,%d highlight %v", i, j, h)
			}
		}
	}
	if hi, hj := l.Hit(l.Rows[3].Center()); hi != 3 || hj != -1 {
		t.Errorf("hit on row label 3 gives %d,%d", hi, hj)
	}
	if hi, hj := l.Hit(text.Point{X: -5, Y: -5}); hi != -1 || hj != -1 {
		t.Errorf("hit outside gives %d,%d", hi, hj)
	}
	if err := ExportMatrix(filepath.Join(dir, "x.pdf"), m, st, 2); err == nil {
		t.Error("exporting to .pdf did not fail")
	}
}
