package ui

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// radioIn returns the radio group of o that offers option.
func radioIn(t *testing.T, o fyne.CanvasObject, option string) *widget.RadioGroup {
	t.Helper()
	var found *widget.RadioGroup
	walk(o, func(x fyne.CanvasObject) {
		if r, ok := x.(*widget.RadioGroup); ok && found == nil && slices.Contains(r.Options, option) {
			found = r
		}
	})
	if found == nil {
		t.Fatalf("no choice %q", option)
	}
	return found
}

// pngSize decodes the PNG at path and returns its size.
func pngSize(t *testing.T, path string) (int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return img.Bounds().Dx(), img.Bounds().Dy()
}

// pickInFileDialog chooses name in Fyne's file dialog on top of g's window
// the way a user does (a double click on the file) — the real dialog of
// files.go, not a stand-in.
func pickInFileDialog(t *testing.T, g *gui, name string) {
	t.Helper()
	top := g.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog is open")
	}
	var item fyne.Tappable
	walk(top, func(x fyne.CanvasObject) {
		w, ok := x.(fyne.Widget)
		if !ok || item != nil {
			return
		}
		tp, ok := x.(fyne.Tappable)
		if !ok {
			return
		}
		for _, c := range test.WidgetRenderer(w).Objects() {
			if l, ok := c.(*widget.Label); ok && (l.Text == name || l.Text == strings.TrimSuffix(name, filepath.Ext(name))) {
				item = tp
			}
		}
	})
	if item == nil {
		t.Fatalf("the file dialog does not list %s", name)
	}
	item.Tapped(&fyne.PointEvent{})
	item.Tapped(&fyne.PointEvent{}) // a double click opens it
}

// TestExportDialogPlanSplitAndReplace drives the export dialog on the
// sample's first view, too large for a 16:9 slide: the plan says so and
// Export waits for a choice; a split writes an overview and pages as
// 1920×1080 PNGs; exporting again asks before replacing; the folder is
// remembered; Choose… opens the real folder dialog.
func TestExportDialogPlanSplitAndReplace(t *testing.T) {
	g := newTestGUI(t)
	v := g.ses.Project().Views[0]
	g.setView(v.ID)
	g.exportDialog()
	dlg := topDialog(t, g)
	f := g.topDialog()
	exportBtn := f.buttons["confirm"]
	plan := pTexts(dlg)
	if !strings.Contains(plan, "Too small to read on "+tr("tg.slide-16x9")) {
		t.Fatalf("the plan does not say the view is too small:\n%s", plan)
	}
	if !exportBtn.Disabled() {
		t.Fatal("Export is enabled before a way out is chosen (the map would be shrunk silently)")
	}
	// the default file name: PROJECT — VIEW.png in the project's folder
	es := entries(dlg)
	file := es[len(es)-1]
	want := app.ExportFileName(g.ses.Project().Meta.Title.Get(g.labelLang()), v.Name.Get(g.labelLang()), ".png")
	if file.Text != filepath.Join(filepath.Dir(g.ses.Path()), want) || !strings.Contains(want, " — ") {
		t.Fatalf("default file %q, want %q in the project's folder", file.Text, want)
	}
	// Choose… opens the folder dialog of files.go
	n := len(g.dialogs)
	test.Tap(f.buttons["choose"])
	if len(g.dialogs) != n+1 || g.topDialog().title != tr("fd.folder") {
		t.Fatalf("Choose… did not open the folder dialog (%d dialogs)", len(g.dialogs))
	}
	g.closeTopDialog()

	// the split
	test.Tap(f.buttons["confirm"]) // nothing happens yet
	choice := radioIn(t, dlg, tr("exp.offer.split"))
	choice.SetSelected(tr("exp.offer.split"))
	if exportBtn.Disabled() {
		t.Fatal("Export stays disabled with the split chosen")
	}
	if s := pTexts(dlg); !strings.Contains(s, "Split: an overview and") {
		t.Fatalf("the plan does not describe the split:\n%s", s)
	}
	out := filepath.Join(t.TempDir(), "slides", "map.png")
	os.MkdirAll(filepath.Dir(out), 0o755)
	file.SetText(out)
	test.Tap(exportBtn)
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "map-*.png"))
	if len(files) < 3 {
		t.Fatalf("the split wrote %v", files)
	}
	for _, x := range files {
		if w, h := pngSize(t, x); w != 1920 || h != 1080 {
			t.Errorf("%s is %dx%d, want 1920x1080", filepath.Base(x), w, h)
		}
	}
	if g.set.ExportDir != filepath.Dir(out) {
		t.Errorf("the export folder %q was not remembered", g.set.ExportDir)
	}
	saved, err := app.LoadSettings(g.dirs)
	if err != nil || saved.ExportDir != filepath.Dir(out) {
		t.Errorf("settings on disk: %q, %v", saved.ExportDir, err)
	}

	// again: the dialog offers the remembered folder and asks before replacing
	g.exportDialog()
	dlg = topDialog(t, g)
	f = g.topDialog()
	es = entries(dlg)
	file = es[len(es)-1]
	if filepath.Dir(file.Text) != filepath.Dir(out) {
		t.Fatalf("the dialog offers %q, not the last folder", file.Text)
	}
	radioIn(t, dlg, tr("exp.offer.split")).SetSelected(tr("exp.offer.split"))
	file.SetText(out)
	before, _ := os.Stat(files[0])
	time.Sleep(10 * time.Millisecond)
	test.Tap(f.buttons["confirm"])
	if g.topDialog() == nil || g.topDialog().title != tr("exp.title") || !strings.Contains(pTexts(topDialog(t, g)), "Replace them?") {
		t.Fatalf("no question before replacing: %v", pTexts(topDialog(t, g)))
	}
	after, _ := os.Stat(files[0])
	if !after.ModTime().Equal(before.ModTime()) {
		t.Fatal("the files were replaced before the answer")
	}
	test.Tap(g.topDialog().buttons["confirm"])
	after, _ = os.Stat(files[0])
	if after.ModTime().Equal(before.ModTime()) {
		t.Fatal("the files were not replaced after the answer")
	}
}

// TestExportDialogSmallerView narrows a view too large for a slide to one
// kind, which fits, exports it as a PDF and keeps it as a view.
func TestExportDialogSmallerView(t *testing.T) {
	g := newTestGUI(t)
	v := g.ses.Project().Views[0]
	g.setView(v.ID)
	g.exportDialog()
	dlg := topDialog(t, g)
	f := g.topDialog()
	radioIn(t, dlg, "PDF").SetSelected("PDF")
	radioIn(t, dlg, tr("exp.offer.kinds")).SetSelected(tr("exp.offer.kinds"))
	if !f.buttons["confirm"].Disabled() {
		t.Fatal("Export enabled before any kind is ticked")
	}
	var pillar *widget.Check
	walk(dlg, func(x fyne.CanvasObject) {
		if c, ok := x.(*widget.Check); ok && strings.HasPrefix(c.Text, g.kindName("pillar")+" (") {
			pillar = c
		}
	})
	if pillar == nil {
		t.Fatal("no check for the pillars")
	}
	pillar.SetChecked(true)
	if s := pTexts(dlg); !strings.Contains(s, "The smaller view has") || f.buttons["confirm"].Disabled() {
		t.Fatalf("the pillars alone should fit a slide:\n%s", s)
	}
	out := filepath.Join(t.TempDir(), "pillars.pdf")
	entries(dlg)[len(entries(dlg))-1].SetText(out)
	test.Tap(f.buttons["confirm"])
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("no PDF written: %v", err)
	}
	// keep it as a view: the project gains it, with the pillars only
	g.exportDialog()
	dlg = topDialog(t, g)
	radioIn(t, dlg, tr("exp.offer.kinds")).SetSelected(tr("exp.offer.kinds"))
	walk(dlg, func(x fyne.CanvasObject) {
		if c, ok := x.(*widget.Check); ok && strings.HasPrefix(c.Text, g.kindName("pillar")+" (") {
			c.SetChecked(true)
		}
	})
	nv := len(g.ses.Project().Views)
	tapButton(t, dlg, tr("exp.offer.saveview"))
	if len(g.ses.Project().Views) != nv+1 {
		t.Fatal("no view was saved")
	}
	nw := g.ses.Project().Views[nv]
	for _, id := range nw.Concepts {
		if g.ses.Index().Concepts[id].Kind != "pillar" {
			t.Fatalf("the saved view holds a %s", g.ses.Index().Concepts[id].Kind)
		}
	}
}

// TestExportFileNameInDialogIsSafe: a title with a slash and a colon gives
// a file in the chosen folder, not in a subfolder.
func TestExportFileNameInDialogIsSafe(t *testing.T) {
	g := newTestGUI(t)
	m := g.ses.Project().Meta
	m.Title = model.T("الأمن: خريطة/أولى", "Security: map/one")
	if err := g.ses.SetMeta(m); err != nil {
		t.Fatal(err)
	}
	g.setView("")
	g.exportDialog()
	es := entries(topDialog(t, g))
	file := es[len(es)-1].Text
	if filepath.Dir(file) != filepath.Dir(g.ses.Path()) || strings.ContainsAny(filepath.Base(file), ":/") {
		t.Fatalf("file %q", file)
	}
}

// TestPresenterSteps presents the map full screen and moves through the
// steps with the keys: every step is an image of the slide, the rest of
// the map faded; Escape leaves.
func TestPresenterSteps(t *testing.T) {
	g := newTestGUI(t)
	v := g.ses.Project().Views[0]
	g.setView(v.ID)
	nw := len(g.fa.Driver().AllWindows())
	g.presentView()
	wins := g.fa.Driver().AllWindows()
	if len(wins) != nw+1 {
		t.Fatalf("%d windows, want %d", len(wins), nw+1)
	}
	w := wins[len(wins)-1]
	if w.Title() != tr("pres.title") {
		t.Fatalf("window %q", w.Title())
	}
	var info *bidiText
	var img fyne.CanvasObject
	walk(w.Content(), func(x fyne.CanvasObject) {
		if b, ok := x.(*bidiText); ok && strings.HasPrefix(b.Text(), "Step ") {
			info = b
		}
		if _, ok := x.(*tapArea); ok {
			img = x
		}
	})
	if info == nil || img == nil {
		t.Fatal("the presenter shows no step")
	}
	pr, err := app.Present(context.Background(), g.ses.Snapshot(), app.PresentOptions{ExportOptions: g.exportOptions()})
	if err != nil {
		t.Fatal(err)
	}
	steps := len(pr.Steps) + 1
	if !strings.HasPrefix(info.Text(), "Step 1 of "+strconv.Itoa(steps)+": "+pr.Steps[0].Title) {
		t.Fatalf("first step: %q", info.Text())
	}
	key := func(k fyne.KeyName) {
		w.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: k})
	}
	key(fyne.KeyRight)
	if !strings.HasPrefix(info.Text(), "Step 2 of") {
		t.Fatalf("Right: %q", info.Text())
	}
	key(fyne.KeySpace)
	key(fyne.KeyPageDown)
	key(fyne.KeyPageDown) // past the end: stays on the whole view
	if !strings.HasPrefix(info.Text(), "Step "+strconv.Itoa(min(4, steps))+" of") {
		t.Fatalf("after Space and Page Down: %q", info.Text())
	}
	key(fyne.KeyLeft)
	key(fyne.KeyPageUp)
	key(fyne.KeyHome)
	if !strings.HasPrefix(info.Text(), "Step 1 of") {
		t.Fatalf("Home: %q", info.Text())
	}
	test.Tap(img.(fyne.Tappable))
	if !strings.HasPrefix(info.Text(), "Step 2 of") {
		t.Fatalf("a click: %q", info.Text())
	}
	// the step drawn is the slide: 1920×1080
	im, err := pr.StepImage(0)
	if err != nil || im.Bounds().Dx() != 1920 || im.Bounds().Dy() != 1080 {
		t.Fatalf("step image %v, %v", im.Bounds(), err)
	}
	key(fyne.KeyEscape)
	if len(g.fa.Driver().AllWindows()) != nw {
		t.Fatal("Escape did not leave the presentation")
	}
}

// TestPresentationAndHandoutExports writes a presentation (PDF, then
// numbered PNGs) and a handout from their dialogs.
func TestPresentationAndHandoutExports(t *testing.T) {
	g := newTestGUI(t)
	g.setView(g.ses.Project().Views[1].ID)
	dir := t.TempDir()
	g.presentExportDialog()
	dlg := topDialog(t, g)
	es := entries(dlg)
	if name := filepath.Base(es[len(es)-1].Text); !strings.HasSuffix(name, "presentation.pdf") {
		t.Fatalf("default name %q", name)
	}
	es[len(es)-1].SetText(filepath.Join(dir, "talk.pdf"))
	test.Tap(g.topDialog().buttons["confirm"])
	b, err := os.ReadFile(filepath.Join(dir, "talk.pdf"))
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("no presentation PDF: %v", err)
	}
	if s := pTexts(topDialog(t, g)); !strings.Contains(s, "1. ") {
		t.Fatalf("the result does not list the steps:\n%s", s)
	}
	g.closeTopDialog()
	g.presentExportDialog()
	dlg = topDialog(t, g)
	radioIn(t, dlg, tr("pres.pngs")).SetSelected(tr("pres.pngs"))
	es = entries(dlg)
	es[len(es)-1].SetText(filepath.Join(dir, "talk.png"))
	test.Tap(g.topDialog().buttons["confirm"])
	pngs, _ := filepath.Glob(filepath.Join(dir, "talk-*.png"))
	if len(pngs) < 2 {
		t.Fatalf("numbered PNGs: %v", pngs)
	}
	if w, h := pngSize(t, pngs[0]); w != 1920 || h != 1080 {
		t.Fatalf("%dx%d", w, h)
	}
	g.closeTopDialog()

	g.handoutDialog()
	dlg = topDialog(t, g)
	es = entries(dlg)
	es[len(es)-1].SetText(filepath.Join(dir, "handout.pdf"))
	test.Tap(g.topDialog().buttons["confirm"])
	b, err = os.ReadFile(filepath.Join(dir, "handout.pdf"))
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("no handout: %v", err)
	}
	if s := pTexts(topDialog(t, g)); !strings.Contains(s, "handout.pdf") {
		t.Fatalf("handout result:\n%s", s)
	}
}

// TestImportAnyDetectsFormats imports, through the real file dialog, a
// CmapTools map exported from the sample into a new project: the preview
// counts what comes and writes nothing, the import adds the concepts and
// says where their places went. A BibTeX file goes to the references'
// import.
func TestImportAnyDetectsFormats(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join(dir, "sample.kmap")
	if _, err := app.NewFile(sample, app.NewOptions{Sample: true}); err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(dir, "empty.kmap")
	ses, err := app.Create(proj, model.Meta{Language: model.Arabic, Title: model.T("فارغ", "Empty")})
	if err != nil {
		t.Fatal(err)
	}
	ses.Close()
	cxl := filepath.Join(dir, "map.cxl")
	if _, err := app.ExportFile(sample, cxl, nil, app.DataExportOptions{}); err != nil {
		t.Fatal(err)
	}
	g := newTestGUIOn(t, proj)
	if len(g.ses.Project().Concepts) != 0 {
		t.Fatal("the new project is not empty")
	}
	g.importAnyDialog()
	if g.topDialog() == nil || g.topDialog().title != tr("fd.importany") {
		t.Fatal("Import… did not open the file dialog")
	}
	pickInFileDialog(t, g, "map.cxl")
	pre := topDialog(t, g)
	s := pTexts(pre)
	if !strings.Contains(s, "Importing this cxl file will change:") || !strings.Contains(s, "Concepts: 128 added") {
		t.Fatalf("preview:\n%s", s)
	}
	if n := len(pDisk(t, proj).Concepts); n != 0 {
		t.Fatalf("the preview wrote %d concepts", n)
	}
	test.Tap(g.topDialog().buttons["confirm"])
	res := pTexts(topDialog(t, g))
	if !strings.Contains(res, "Imported the cxl file:") || !strings.Contains(res, "The map's places are kept") {
		t.Fatalf("result:\n%s", res)
	}
	if n := len(g.ses.Project().Concepts); n != 128 {
		t.Fatalf("the window shows %d concepts after the import", n)
	}
	if n := len(pDisk(t, proj).Concepts); n != 128 {
		t.Fatalf("%d concepts on disk", n)
	}
	g.closeTopDialog()
	// references are detected and go through the sources' preview
	bib := filepath.Join(dir, "refs.bib")
	os.WriteFile(bib, []byte(zoteroBib), 0o644)
	g.importAnyFrom(bib)
	if s := pTexts(topDialog(t, g)); !strings.Contains(s, "BIBTEX") {
		t.Fatalf("a .bib file is not imported as references:\n%s", s)
	}
}

// TestInterchangeDialogWritesWhatTheCommandLineWrites exports every format
// of File › Export to other programs… and compares each file with what
// app.ExportFile (`khareeta export`) writes.
func TestInterchangeDialogWritesWhatTheCommandLineWrites(t *testing.T) {
	g := newTestGUI(t)
	v := g.ses.Project().Views[2]
	g.setView(v.ID)
	dir := t.TempDir()
	for _, f := range dataFormats() {
		g.interchangeDialog()
		dlg := topDialog(t, g)
		radioIn(t, dlg, f.label).SetSelected(f.label)
		es := entries(dlg)
		out := filepath.Join(dir, "ui"+f.ext)
		es[len(es)-1].SetText(out)
		test.Tap(g.topDialog().buttons["confirm"])
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		o := app.DataExportOptions{Format: f.name}
		if !f.wholeProject {
			o.View = v.ID
		}
		want := filepath.Join(dir, "cli"+f.ext)
		if _, err := app.ExportFile(g.ses.Path(), want, nil, o); err != nil {
			t.Fatal(err)
		}
		wb, _ := os.ReadFile(want)
		if !bytes.Equal(got, wb) {
			t.Errorf("%s: the dialog's file differs from khareeta export's", f.name)
		}
		if s := pTexts(topDialog(t, g)); !strings.Contains(s, "Wrote ") {
			t.Errorf("%s: no result shown:\n%s", f.name, s)
		}
		g.closeTopDialog()
	}
}
