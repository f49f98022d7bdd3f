package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// panelGUI makes a headless window holding a copy of the sample project in
// t.TempDir(), with the parts of the main window the panels use (tips and
// status bar; no map).
func panelGUI(t *testing.T, lang string) *gui {
	t.Helper()
	a := test.NewTempApp(t)
	g := newGUI(a, app.Dirs{Config: t.TempDir(), Documents: t.TempDir()}, "test")
	setLang(lang) // after newGUI, which sets the language of the settings
	t.Cleanup(func() { setLang("en") })
	ses, err := app.CreateSample(filepath.Join(t.TempDir(), "sample.kmap"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ses.Close() })
	g.ses = ses
	g.tips = newTipLayer()
	g.status = newStatusBar(g)
	return g
}

// show puts a panel in g's window at a usable size.
func pShow(g *gui, o fyne.CanvasObject, w, h float32) {
	g.win.SetContent(o)
	g.win.Resize(fyne.NewSize(w, h))
}

// walk calls fn on o and everything inside it, widgets' parts included.
func pWalk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			pWalk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			pWalk(c, fn)
		}
	}
}

// topOverlay returns the dialog on top of g's window.
func pOverlay(t *testing.T, g *gui) fyne.CanvasObject {
	t.Helper()
	o := g.win.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog is showing")
	}
	return o
}

// button finds the button labelled text in o.
func pButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	pWalk(o, func(c fyne.CanvasObject) {
		switch b := c.(type) {
		case *widget.Button:
			if b.Text == text && found == nil {
				found = b
			}
		case *tipButton:
			if b.Text == text && found == nil {
				found = &b.Button
			}
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// texts gathers the bidi texts shown in o.
func pTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	pWalk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*bidiText); ok {
			b.WriteString(x.Text())
			b.WriteByte('\n')
		}
	})
	return b.String()
}

func pDisk(t *testing.T, path string) *model.Project {
	t.Helper()
	st, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const zoteroBib = `@book{hamdani2019,
	title = {الهوية الوطنية والتماسك الاجتماعي},
	author = {الحمداني, علي},
	year = {2019},
	publisher = {دار الشؤون الثقافية},
	address = {بغداد},
}

@techreport{undpHDR2016,
	title = {Human Development Report 2016},
	author = {{United Nations Development Programme}},
	year = {2016},
	doi = {10.18356/b6186701-en},
}

@article{yaseen,
	title = {تعزيز الأمن المجتمعي في العراق . . . الفرص والتحديات},
	author = {ياسين, دعاء منعم},
	doi = {10.1234/yaseen.2021},
}

@article{broken,
	title = {Missing the closing brace,
	year = 2020
`

func TestSourcesPanelImportWithSummary(t *testing.T) {
	g := panelGUI(t, "en")
	p := newSourcesPanel(g)
	pShow(g, p.obj, 420, 800)
	n0 := len(g.ses.Project().Sources)
	if got := p.info.Text(); got != tr("src.count", n0) {
		t.Fatalf("info %q", got)
	}
	bib := filepath.Join(t.TempDir(), "zotero.bib")
	if err := os.WriteFile(bib, []byte(zoteroBib), 0o644); err != nil {
		t.Fatal(err)
	}
	g.importSourcesFrom(bib)
	pre := pOverlay(t, g)
	if s := pTexts(pre); !strings.Contains(s, tr("imp.will", 2, 1, 1)) || !strings.Contains(s, "line 22") {
		t.Fatalf("preview summary lacks counts or the rejected line:\n%s", s)
	}
	if len(pDisk(t, g.ses.Path()).Sources) != n0 {
		t.Fatal("the preview wrote")
	}
	test.Tap(pButton(t, pre, tr("imp.do")))
	res := pOverlay(t, g)
	if s := pTexts(res); !strings.Contains(s, tr("imp.did", 2, 1, 1)) {
		t.Fatalf("result summary:\n%s", s)
	}
	if got := len(pDisk(t, g.ses.Path()).Sources); got != n0+2 {
		t.Fatalf("%d sources on disk, want %d", got, n0+2)
	}
	if got := p.info.Text(); got != tr("src.count", n0+2) {
		t.Errorf("the panel did not refresh: %q", got)
	}
	// Search finds the new Arabic source; its detail shows the APA reference.
	test.Type(p.search, "الحمداني")
	p.setQuery(p.search.Text)
	if len(p.ids) != 1 {
		t.Fatalf("search found %d sources", len(p.ids))
	}
	p.list.Select(0)
	if s := pTexts(p.detail); !strings.Contains(s, "الحمداني، علي") || !strings.Contains(s, "دار الشؤون الثقافية") {
		t.Errorf("detail of the imported source:\n%s", s)
	}
	// Undo takes the whole import back in one step.
	g.undo()
	if got := len(pDisk(t, g.ses.Path()).Sources); got != n0 {
		t.Errorf("after undo %d sources, want %d", got, n0)
	}
}

func TestSourcesPanelSupportsAndClickThrough(t *testing.T) {
	g := panelGUI(t, "ar")
	p := newSourcesPanel(g)
	pShow(g, p.obj, 420, 900)
	// The most cited source.
	best, n := "", 0
	for id, c := range g.ses.CitationCounts() {
		if c > n {
			best, n = id, c
		}
	}
	p.selectSource(best)
	use := g.ses.SourceUses(best)
	s := pTexts(p.detail)
	if !strings.Contains(s, tr("src.supports", n)) {
		t.Fatalf("detail lacks the support heading:\n%s", s)
	}
	for _, cid := range use.Concepts {
		if !strings.Contains(s, g.conceptLabel(cid)) {
			t.Errorf("detail lacks supported concept %q", g.conceptLabel(cid))
		}
	}
	// Tapping a supported concept selects it.
	var tap *tapArea
	pWalk(p.detail, func(o fyne.CanvasObject) {
		if x, ok := o.(*tapArea); ok && tap == nil {
			tap = x
		}
	})
	if tap == nil {
		t.Fatal("no tappable supported item")
	}
	test.Tap(tap)
	if g.selConcept == "" {
		t.Error("tapping a supported concept selected nothing")
	}
}

func TestSourcesPanelMergeDuplicates(t *testing.T) {
	g := panelGUI(t, "en")
	p := newSourcesPanel(g)
	pShow(g, p.obj, 420, 800)
	orig := g.ses.Project().Sources[1]
	dup, err := g.ses.SaveSource(model.Source{Type: "article-journal", Key: "yaseen", Title: orig.Title,
		Authors: orig.Authors, DOI: "10.1234/yaseen.2021"})
	if err != nil {
		t.Fatal(err)
	}
	cit, err := g.ses.SaveCitation(model.Citation{Source: dup.ID, Concept: g.ses.Project().Concepts[0].ID, Locator: "3"})
	if err != nil {
		t.Fatal(err)
	}
	if p.dups.Text != "1" {
		t.Fatalf("duplicates badge %q, want 1", p.dups.Text)
	}
	n := len(g.ses.Project().Sources)
	test.Tap(&p.dups.Button)
	d := pOverlay(t, g)
	if s := pTexts(d); !strings.Contains(s, tr("dup.intro", 1)) {
		t.Fatalf("duplicates dialog:\n%s", s)
	}
	test.Tap(pButton(t, d, tr("dup.merge")))
	disk := pDisk(t, g.ses.Path())
	if len(disk.Sources) != n-1 {
		t.Fatalf("%d sources after merging, want %d", len(disk.Sources), n-1)
	}
	for _, c := range disk.Citations {
		if c.ID == cit.ID && c.Source != orig.ID {
			t.Errorf("citation points to %s, want the kept %s", c.Source, orig.ID)
		}
	}
	if s := pTexts(pOverlay(t, g)); !strings.Contains(s, tr("dup.none")) {
		t.Errorf("dialog after merging:\n%s", s)
	}
	if p.dups.Text != "" || p.sel != orig.ID {
		t.Errorf("panel badge %q, selection %s", p.dups.Text, p.sel)
	}
	g.undo()
	if got := len(pDisk(t, g.ses.Path()).Sources); got != n {
		t.Errorf("undo: %d sources, want %d", got, n)
	}
}

func TestSourceEditorSavesEveryField(t *testing.T) {
	g := panelGUI(t, "en")
	g.sourceEditor("", nil)
	d := pOverlay(t, g)
	var entries []*keyEntry
	pWalk(d, func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok {
			entries = append(entries, e)
		}
	})
	// title, authors, editors, issued, container, publisher, place, volume,
	// issue, pages, number, DOI, URL, key, language (select entry), accessed, note
	if len(entries) < 16 {
		t.Fatalf("%d entries in the source editor", len(entries))
	}
	entries[0].SetText("Community security handbook")
	entries[1].SetText("Saferworld\nBooth, Ken")
	entries[3].SetText("2014")
	entries[9].SetText("12-40")
	test.Tap(pButton(t, d, tr("dlg.save")))
	var got *model.Source
	for _, s := range pDisk(t, g.ses.Path()).Sources {
		if s.Title == "Community security handbook" && s.Issued == "2014" {
			x := s
			got = &x
		}
	}
	if got == nil {
		t.Fatal("the new source is not on disk")
	}
	if len(got.Authors) != 2 || got.Authors[0].Literal != "Saferworld" || got.Authors[1].Family != "Booth" || got.Pages != "12-40" {
		t.Errorf("saved %+v", got)
	}
}

func TestParseNames(t *testing.T) {
	ns := parseNames("ياسين، دعاء منعم\nWorld Bank\nBooth, Ken\n\n")
	if len(ns) != 3 || ns[0].Family != "ياسين" || ns[0].Given != "دعاء منعم" || ns[1].Literal != "World Bank" || ns[2].Given != "Ken" {
		t.Errorf("parseNames: %+v", ns)
	}
	if got := namesText(ns); got != "ياسين, دعاء منعم\nWorld Bank\nBooth, Ken" {
		t.Errorf("namesText: %q", got)
	}
}
