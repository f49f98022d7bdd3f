package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
)

func TestExportFileName(t *testing.T) {
	for _, c := range []struct{ project, view, ext, want string }{
		{"خريطة الأمن", "التهديدات", ".png", "خريطة الأمن — التهديدات.png"},
		{"Security: a map", "", ".pdf", "Security a map.pdf"},
		{"Same", "Same", ".svg", "Same.svg"},
		{"a/b\\c", "x*y?\"<>|", ".png", "a b c — x y.png"},
		{"  ..hidden.. ", "\u202Eevil\u0007", ".png", "hidden — evil.png"},
		{"", "", ".png", "map.png"},
		{"CON", "", ".png", "_CON.png"},
	} {
		if got := ExportFileName(c.project, c.view, c.ext); got != c.want {
			t.Errorf("ExportFileName(%q, %q) = %q, want %q", c.project, c.view, got, c.want)
		}
	}
	long := ExportFileName(strings.Repeat("خ", 300), "", ".png")
	if n := len([]rune(long)); n > 124 {
		t.Errorf("a long name keeps %d characters", n)
	}
}

// TestFitPlan: a view too large for a slide is planned as a split whose
// plan names the smallest readable size; one kind of it fits.
func TestFitPlan(t *testing.T) {
	p := sample(t).Snapshot()
	o := ExportOptions{ViewID: p.Views[0].ID, Fit: "slide-16x9"}
	res, err := PlanFit(context.Background(), p, o)
	if err != nil {
		t.Fatal(err)
	}
	pl := res.Plan()
	if pl.Readable || pl.Minimum == "" || pl.Sheets < 3 || pl.WidthPx != 1920 || pl.HeightPx != 1080 || pl.PageMinText < pl.Need {
		t.Fatalf("plan of a view too large for a slide: %+v", pl)
	}
	kinds, count := res.KindsShown()
	if len(kinds) == 0 || count[kinds[0]] == 0 {
		t.Fatalf("kinds shown: %v %v", kinds, count)
	}
	o.Kinds = []string{"pillar"}
	res, err = PlanFit(context.Background(), p, o)
	if err != nil {
		t.Fatal(err)
	}
	if pl := res.Plan(); !pl.Readable || pl.Sheets != 1 || pl.MinText < pl.Need {
		t.Fatalf("the pillars alone: %+v", pl)
	}
}

// TestSessionImportFile imports a map into an open session: the window's
// project shows it at once, the undo history is cleared, and the watcher
// does not take the import for another program's change.
func TestSessionImportFile(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join(dir, "sample.kmap")
	if _, err := NewFile(sample, NewOptions{Sample: true}); err != nil {
		t.Fatal(err)
	}
	canvas := filepath.Join(dir, "map.canvas")
	if _, err := ExportFile(sample, canvas, nil, DataExportOptions{}); err != nil {
		t.Fatal(err)
	}
	s, err := Create(filepath.Join(dir, "p.kmap"), model.Meta{Language: model.Arabic})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SaveConcept(model.Concept{Kind: "concept", Label: model.T("مفهوم", "")}); err != nil {
		t.Fatal(err)
	}
	f, err := DetectImport(canvas)
	if err != nil || f.Name != "canvas" || f.Holds != HoldsMap {
		t.Fatalf("detected %+v, %v", f, err)
	}
	events := 0
	s.Subscribe(func(e Event) {
		if e.Kind == Reloaded {
			events++
		}
	})
	pre, err := s.ImportFile(ImportOptions{From: canvas, DryRun: true})
	if err != nil || pre.Concepts.Added != 128 || len(s.Project().Concepts) != 1 || events != 0 {
		t.Fatalf("dry run: %+v, %v; %d concepts shown", pre, err, len(s.Project().Concepts))
	}
	res, err := s.ImportFile(ImportOptions{From: canvas})
	if err != nil || res.Concepts.Added != 128 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if c, err := s.CheckExternal(); err != nil || c != 0 {
		t.Errorf("the import was reported as another program's change: %v, %v", c, err)
	}
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Project().Concepts); n != 129 || events != 1 {
		t.Fatalf("%d concepts shown, %d reload events", n, events)
	}
	if _, ok := s.CanUndo(); ok {
		t.Error("the undo history survived the import")
	}
	exts := ImportExtensions()
	for _, want := range []string{".cxl", ".graphml", ".canvas", ".csv", ".json", ".bib", ".ris"} {
		found := false
		for _, e := range exts {
			found = found || e == want
		}
		if !found {
			t.Errorf("ImportExtensions lacks %s: %v", want, exts)
		}
	}
	os.Remove(canvas)
}

// BenchmarkPlanFit measures the export dialog's plan of the sample's views
// on a 16:9 slide (a layout for the target, and a split when needed): the
// time between choosing a view or target and seeing the plan.
func BenchmarkPlanFit(b *testing.B) {
	p, err := data.Sample()
	if err != nil {
		b.Fatal(err)
	}
	for i, v := range p.Views {
		b.Run(fmt.Sprintf("view=%d/concepts=%d", i+1, len(model.ViewConcepts(p, model.NewIndex(p), v))), func(b *testing.B) {
			o := ExportOptions{ViewID: v.ID, Fit: "slide-16x9", Legend: true}
			for b.Loop() {
				if _, err := PlanFit(context.Background(), p, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPresentStep measures painting one step of a presentation as
// the presenter shows it (1920×1080).
func BenchmarkPresentStep(b *testing.B) {
	p, err := data.Sample()
	if err != nil {
		b.Fatal(err)
	}
	pr, err := Present(context.Background(), p, PresentOptions{ExportOptions: ExportOptions{ViewID: p.Views[1].ID}})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := pr.StepImage(0); err != nil {
			b.Fatal(err)
		}
	}
}
