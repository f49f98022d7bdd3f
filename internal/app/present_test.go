package app_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
)

var marksRe = regexp.MustCompile("[\u064b-\u065f\u0670\u200e\u200f\u202a-\u202e\u2066-\u2069]")

// normText folds text for comparing labels with pdftotext's output (which
// drops some Arabic marks and moves spaces): no marks, no spaces.
func normText(s string) string {
	return strings.Join(strings.Fields(marksRe.ReplaceAllString(s, "")), "")
}

func pageText(t *testing.T, pdf string, page int) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s page %d: %v", pdf, page, err)
	}
	return normText(string(out))
}

// TestPresentSample presents sample views step by step (kinds in order)
// and reads the PDF back: each page holds the labels of its step and the
// steps before, none of later steps (those are faded and out of the text
// layer), and the last page holds the whole view. The PNG export writes
// one numbered image per page.
func TestPresentSample(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, vi := range []int{0, 2} {
		v := p.Views[vi]
		out := filepath.Join(dir, "present"+strconv.Itoa(vi)+".pdf")
		pr, err := app.ExportPresentation(context.Background(), p, out, app.PresentOptions{ExportOptions: app.ExportOptions{ViewID: v.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if len(pr.Steps) < 2 || len(pr.Sheets) != len(pr.Steps)+1 {
			t.Fatalf("view %d: %d steps, %d pages", vi, len(pr.Steps), len(pr.Sheets))
		}
		pages := readPDF(t, out)
		if len(pages) != len(pr.Sheets) {
			t.Fatalf("view %d: the PDF has %d pages for %d sheets", vi, len(pages), len(pr.Sheets))
		}
		checkFontsEmbedded(t, out)
		// pdftotext interleaves the lines of neighbouring labels: look for
		// each line
		shown := func(txt, id string) bool {
			for _, l := range pr.Scene.Nodes[pr.Scene.NodeByID(id)].Label.Lines {
				if !strings.Contains(txt, normText(l.Text)) {
					return false
				}
			}
			return true
		}
		for k := range pr.Sheets {
			txt := pageText(t, out, k+1)
			for s, st := range pr.Steps {
				for _, id := range st.Concepts {
					in := shown(txt, id)
					if want := s <= k || k == len(pr.Steps); in != want {
						t.Errorf("view %d page %d: %q (step %d) shown=%v, want %v", vi, k+1, pr.Scene.Nodes[pr.Scene.NodeByID(id)].Label.Text, s+1, in, want)
					}
				}
			}
			if k < len(pr.Steps) && !strings.Contains(txt, normText(pr.Steps[k].Title)) {
				t.Errorf("view %d page %d does not name its step %q", vi, k+1, pr.Steps[k].Title)
			}
		}
		// the kinds come in their order: pillars before threats
		if vi == 0 && (pr.Steps[0].Title != "ركيزة" || pr.Steps[1].Title != "تهديد") {
			t.Errorf("steps of view 0: %q, %q", pr.Steps[0].Title, pr.Steps[1].Title)
		}
		// a presenter draws step k with the rest hidden
		if h := pr.Hidden(0); len(h) == 0 || len(pr.Hidden(len(pr.Steps))) != 0 {
			t.Errorf("view %d: hidden at step 1: %d, at the end: %d", vi, len(h), len(pr.Hidden(len(pr.Steps))))
		}
	}
	// numbered PNGs, one per page, each a 16:9 slide
	pr, err := app.ExportPresentation(context.Background(), p, filepath.Join(dir, "steps.png"), app.PresentOptions{ExportOptions: app.ExportOptions{ViewID: p.Views[2].ID}})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range pr.Files {
		if filepath.Base(f) != "steps-"+strconv.Itoa(i+1)+".png" {
			t.Errorf("file %d is %s", i, f)
		}
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
	// a user's sequence
	sc := pr.Scene
	first := sc.Nodes[len(sc.Nodes)-1].ConceptID
	pr, err = app.Present(context.Background(), p, app.PresentOptions{ExportOptions: app.ExportOptions{ViewID: p.Views[2].ID}, Sequence: [][]string{{first}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(pr.Steps) != 2 || pr.Steps[0].Concepts[0] != first {
		t.Errorf("sequence: %+v", pr.Steps)
	}
	if _, err := app.Present(context.Background(), p, app.PresentOptions{ExportOptions: app.ExportOptions{ViewID: p.Views[2].ID, Fit: "letter"}}); err == nil {
		t.Error("an unknown target was accepted")
	}
	var _ layout.Step
}

// TestHandout writes the handout of a sample view and reads it back: the
// map first, then every concept with its description and evidence, then
// the APA references; fonts embedded; Arabic extracted in reading order.
func TestHandout(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "handout.pdf")
	v := p.Views[0]
	h, err := app.ExportHandout(context.Background(), p, out, app.HandoutOptions{ExportOptions: app.ExportOptions{ViewID: v.ID}})
	if err != nil {
		t.Fatal(err)
	}
	checkFontsEmbedded(t, out)
	pages := readPDF(t, out)
	if len(pages) != len(h.Sheets) || len(pages) <= h.MapPages {
		t.Fatalf("%d pages, %d sheets, %d of the map", len(pages), len(h.Sheets), h.MapPages)
	}
	whole, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	all := normText(string(whole))
	// every line set on the text pages is in their text layer, in order
	for k := h.MapPages; k < len(pages); k++ {
		txt := pageText(t, out, k+1)
		for _, it := range h.Sheets[k].Items {
			if it.Text == nil {
				continue
			}
			// words, not whole lines: pdftotext reorders the runs of a
			// line that mixes Arabic, Latin and digits
			for _, l := range it.Text.Lines {
				for _, w := range strings.FieldsFunc(l.Text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) }) {
					if !strings.Contains(txt, normText(w)) {
						t.Errorf("page %d lacks the word %q of %q", k+1, w, l.Text)
					}
				}
			}
		}
	}
	// and they hold every concept with its description and its quotes
	var set strings.Builder
	for _, sh := range h.Sheets[h.MapPages:] {
		for _, it := range sh.Items {
			if it.Text != nil {
				set.WriteString(normText(it.Text.Text))
			}
		}
	}
	body := set.String()
	quotes := 0
	for _, n := range h.Scene.Nodes {
		c := p.Concepts[indexOf(p, n.ConceptID)]
		if !strings.Contains(body, normText(c.Label.Get("ar"))) {
			t.Errorf("the handout's text pages lack concept %q", c.Label.Get("ar"))
		}
		if d := c.Description.Get("ar"); d != "" && !strings.Contains(body, normText(d)) {
			t.Errorf("the handout lacks the description of %q", c.Label.Get("ar"))
		}
		for _, ci := range p.Citations {
			if ci.Concept == c.ID && ci.Quote != "" {
				quotes++
				if !strings.Contains(body, normText(ci.Quote)) {
					t.Errorf("the handout lacks the quote %q", ci.Quote)
				}
			}
		}
	}
	if quotes == 0 {
		t.Error("no quotes in the view's evidence")
	}
	if !strings.Contains(all, "المراجع") || len(h.Sources) == 0 {
		t.Fatal("no reference list")
	}
	for _, s := range h.Sources {
		if !strings.Contains(body, normText(s.Title)) {
			t.Errorf("the reference list lacks %q", s.Title)
		}
	}
	// the map pages hold the map's labels in their text layer
	mapText := ""
	for k := 1; k <= h.MapPages; k++ {
		mapText += pageText(t, out, k)
	}
	for _, n := range h.Scene.Nodes {
		for _, l := range n.Label.Lines {
			if !strings.Contains(mapText, normText(l.Text)) {
				t.Errorf("the map pages lack %q", l.Text)
			}
		}
	}
	if shots := os.Getenv("KHAREETA_SHOTS"); shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command("pdftoppm", "-r", "100", "-png", "-f", "1", "-l", strconv.Itoa(h.MapPages+1), out, filepath.Join(shots, "handout")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, b)
		}
	}
}

func indexOf(p *model.Project, id string) int {
	for i := range p.Concepts {
		if p.Concepts[i].ID == id {
			return i
		}
	}
	return -1
}
