package ui

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/khareeta/khareeta/internal/analysis"
)

func TestCoverageMatrixWindowExportAndTap(t *testing.T) {
	g := panelGUI(t, "en")
	g.coverageMatrixWindow()
	mw := g.matrix
	if mw == nil {
		t.Fatal("no matrix window")
	}
	m := mw.view.m
	if len(m.Threats) != 25 || len(m.Recommendations) != 9 {
		t.Fatalf("matrix %d×%d", len(m.Threats), len(m.Recommendations))
	}
	// CSV through the export dialog.
	mw.exportDialog(".csv")
	d := mw.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no export dialog")
	}
	out := filepath.Join(t.TempDir(), "coverage.csv")
	for _, e := range entriesIn(d) {
		e.SetText(out)
	}
	test.Tap(pButton(t, d, tr("exp.export")))
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 26 || len(rows[0]) != 10 || rows[0][0] != tr("mx.corner") {
		t.Fatalf("CSV %d rows, header %q", len(rows), rows[0])
	}
	for i, r := range rows[1:] {
		if r[0] != m.Threats[i].Threat.Label {
			t.Errorf("row %d is %q", i, r[0])
		}
	}
	// PNG in paper colours.
	pngOut := filepath.Join(t.TempDir(), "coverage.png")
	if err := mw.export(pngOut); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(pngOut)
	img, err := png.Decode(f)
	f.Close()
	if err != nil || img.Bounds().Dx() < 800 {
		t.Fatalf("PNG %v %v", img.Bounds(), err)
	}

	// Tapping a chain cell writes the chain and marks it on the map.
	mw.win.Resize(fyne.NewSize(1100, 760))
	ci, cj := -1, -1
	for i := range m.Threats {
		for j := range m.Recommendations {
			if m.Cells[i][j] == analysis.CellChain && ci < 0 {
				ci, cj = i, j
			}
		}
	}
	c := mw.view.lay.Cells[ci][cj].Center()
	test.TapAt(mw.view, fyne.NewPos(float32(c.X), float32(c.Y)))
	if h := marksOf(g); h == nil || len(h.Relations) < 2 {
		t.Fatalf("tapping a chain cell marked %v", h)
	}
	if mw.view.st.HighlightRow != ci || mw.view.st.HighlightCol != cj {
		t.Errorf("highlight %d,%d, want %d,%d", mw.view.st.HighlightRow, mw.view.st.HighlightCol, ci, cj)
	}
	if mw.info.Text() == tr("mx.hint") {
		t.Error("the chain was not written out")
	}
	// Tapping a threat's label selects the threat.
	r := mw.view.lay.Rows[2].Center()
	test.TapAt(mw.view, fyne.NewPos(float32(r.X), float32(r.Y)))
	if g.selConcept != m.Threats[2].Threat.ID {
		t.Errorf("tapping row 2 selected %q", g.selConcept)
	}
	// The window follows edits: deleting a recommendation drops a column.
	if err := g.ses.DeleteConcept(m.Recommendations[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := len(mw.view.m.Recommendations); got != 8 {
		t.Errorf("after deleting a recommendation the matrix has %d columns", got)
	}
}

func entriesIn(o fyne.CanvasObject) []*keyEntry {
	var out []*keyEntry
	pWalk(o, func(c fyne.CanvasObject) {
		if e, ok := c.(*keyEntry); ok {
			out = append(out, e)
		}
	})
	return out
}
