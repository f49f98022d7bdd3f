package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFitPresentHandout drives the commands of issue 12 end to end: render
// without --view draws the first view (--all every concept), --fit writes
// a slide or its split pages, --no-split fails naming the smallest
// readable size and writes nothing, present writes one page per step, and
// handout writes its PDF.
func TestFitPresentHandout(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.kmap")
	if code, _, errs := run(t, "new", path, "--sample"); code != 0 {
		t.Fatalf("new: %s", errs)
	}
	code, out, errs := run(t, "render", path, "-o", filepath.Join(dir, "first.svg"))
	if code != 0 || !strings.Contains(errs, "first view") || !strings.Contains(out, "29 concepts") {
		t.Errorf("render without --view: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = run(t, "render", path, "-o", filepath.Join(dir, "all.svg"), "--all")
	if code != 0 || strings.Contains(errs, "first view") || !strings.Contains(out, "128 concepts") {
		t.Errorf("render --all: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = run(t, "render", path, "--view", "الفرص", "-o", filepath.Join(dir, "slide.png"), "--fit", "slide-16x9", "--style", "colorblind")
	if code != 0 || !strings.Contains(out, "slide.png") {
		t.Errorf("--fit slide: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = run(t, "render", path, "--view", "مبررات القسم", "-o", filepath.Join(dir, "split.png"), "--fit", "slide-16x9")
	if code != 0 || !strings.Contains(out, "split into an overview") {
		t.Errorf("--fit split: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "split-2.png")); err != nil {
		t.Errorf("no split-2.png: %v", err)
	}
	code, out, errs = run(t, "render", path, "--view", "مبررات القسم", "-o", filepath.Join(dir, "nosplit.pdf"), "--fit", "a4", "--no-split")
	if code == 0 || !strings.Contains(errs, "smallest readable size is A") {
		t.Errorf("--no-split: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "nosplit.pdf")); err == nil {
		t.Error("--no-split wrote a file")
	}
	code, out, errs = run(t, "render", path, "-o", filepath.Join(dir, "x.png"), "--fit", "letter")
	if code == 0 || !strings.Contains(errs, "unknown target") {
		t.Errorf("unknown target: exit %d %s", code, errs)
	}
	code, out, errs = run(t, "present", path, "--view", "الفرص", "-o", filepath.Join(dir, "p.pdf"))
	if code != 0 || !strings.Contains(out, "2 steps") {
		t.Errorf("present: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = run(t, "present", path, "--view", "الفرص", "-o", filepath.Join(dir, "q.png"), "--step", "برامج التعاون الدولي")
	if code != 0 || !strings.Contains(out, "q-3.png") {
		t.Errorf("present --step: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = run(t, "handout", path, "-o", filepath.Join(dir, "h.pdf"), "--view", "الفرص")
	if code != 0 || !strings.Contains(out, "h.pdf") {
		t.Errorf("handout: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs = run(t, "handout", path, "-o", filepath.Join(dir, "h.png")); code == 0 {
		t.Errorf("handout as PNG accepted: %s", errs)
	}
}
