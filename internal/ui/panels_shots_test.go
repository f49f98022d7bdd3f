package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/khareeta/khareeta/internal/model"
)

// TestPanelScreenshots writes captures of the sources manager, the import
// and merge dialogs, the insights panel and the coverage matrix to the
// folder KHAREETA_SHOTS names (skipped when it is unset), for looking at.
func TestPanelScreenshots(t *testing.T) {
	dir := os.Getenv("KHAREETA_SHOTS")
	if dir == "" {
		t.Skip("set KHAREETA_SHOTS to a folder to write panel captures")
	}
	save := func(c fyne.Canvas, name string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, c.Capture()); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []string{"ar", "en"} {
		g := panelGUI(t, lang)
		sp := newSourcesPanel(g)
		pShow(g, sp.obj, 460, 860)
		best, n := "", 0
		for id, c := range g.ses.CitationCounts() {
			if c > n {
				best, n = id, c
			}
		}
		sp.selectSource(best)
		save(g.win.Canvas(), "sources-"+lang+".png")

		bib := filepath.Join(t.TempDir(), "zotero.bib")
		os.WriteFile(bib, []byte(zoteroBib), 0o644)
		g.win.Resize(fyne.NewSize(900, 700))
		g.importSourcesFrom(bib)
		save(g.win.Canvas(), "import-"+lang+".png")
		g.win.Canvas().Overlays().Top().Hide()

		theirs, path := colleagueCopy(t, g)
		x := g.ses.Project().Concepts[4]
		mine := x
		mine.Label = model.T("تسمية عندي (نسخة 1)", "My label")
		g.ses.SaveConcept(mine)
		their := *theirs.Index().Concepts[x.ID]
		their.Label = model.T("تسمية الزميل (نسخة 2)", "Their label")
		their.Notes = "Revised after the 2024 workshop."
		theirs.SaveConcept(their)
		theirs.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("مفهوم أضافه الزميل", "")})
		theirs.Close()
		g.win.Resize(fyne.NewSize(1000, 760))
		g.mergeFrom(path)
		save(g.win.Canvas(), "merge-"+lang+".png")
		g.win.Canvas().Overlays().Top().Hide()

		ip := newInsightsPanel(g)
		pShow(g, ip.obj, 460, 860)
		ip.showPath(ip.res.Report.Coverage.Recommendations[0].ID, ip.items[0].Concept)
		save(g.win.Canvas(), "insights-"+lang+".png")

		g.coverageMatrixWindow()
		mw := g.matrix
		mw.win.Resize(fyne.NewSize(1200, 900))
		c := mw.view.lay.Cells[20][3].Center()
		mw.view.Tapped(&fyne.PointEvent{Position: fyne.NewPos(float32(c.X), float32(c.Y))})
		save(mw.win.Canvas(), "matrix-"+lang+".png")
		mw.export(filepath.Join(dir, "matrix-export-"+lang+".png"))
		mw.win.Close()
	}
}
