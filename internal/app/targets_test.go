package app_test

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/render"
	"github.com/khareeta/khareeta/internal/text"
)

var allTargets = []string{"slide-16x9", "slide-4x3", "a4", "a4-landscape", "a3", "a3-landscape", "poster", "width=1600"}

var (
	wordRe     = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	pageRe     = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	ocrRowRe   = regexp.MustCompile(`(?m)^words ([0-9.]+)  order ([0-9.]+)  (.*)$`)
	pdfFontsRe = regexp.MustCompile(`(?m)^(\S+)\s+.*\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$`)
)

// pdfPages reads `pdftotext -bbox`: each page's size and the heights of its
// words.
type pdfPage struct {
	w, h    float64
	heights []float64
	words   []string
}

func readPDF(t *testing.T, path string) []pdfPage {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	var pages []pdfPage
	for _, chunk := range strings.Split(string(out), "</page>") {
		m := pageRe.FindStringSubmatch(chunk)
		if m == nil {
			continue
		}
		var pg pdfPage
		pg.w, _ = strconv.ParseFloat(m[1], 64)
		pg.h, _ = strconv.ParseFloat(m[2], 64)
		for _, wm := range wordRe.FindAllStringSubmatch(chunk, -1) {
			y0, _ := strconv.ParseFloat(wm[2], 64)
			y1, _ := strconv.ParseFloat(wm[4], 64)
			pg.heights = append(pg.heights, y1-y0)
			pg.words = append(pg.words, wm[5])
		}
		pages = append(pages, pg)
	}
	return pages
}

// checkFontsEmbedded fails unless every font pdffonts lists is embedded.
func checkFontsEmbedded(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatalf("pdffonts %s: %v", path, err)
	}
	rows := pdfFontsRe.FindAllStringSubmatch(string(out), -1)
	if len(rows) == 0 {
		t.Fatalf("pdffonts lists no fonts in %s:\n%s", path, out)
	}
	for _, r := range rows {
		if r[2] != "yes" {
			t.Errorf("%s: font %s is not embedded", filepath.Base(path), r[1])
		}
	}
}

func listDir(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, e := range ents {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = info.ModTime().UnixNano()
	}
	return out
}

// ocrJob reads one page with ocr-check and scores the labels whole on it.
type ocrJob struct {
	view, target, img string
	labels            []string
	scores            map[string]float64
	err               error
}

// TestTargetsFromFiles renders each sample view to each target, as PNG and
// as PDF, and checks the files themselves: the images' size and aspect
// ratio, every label's height in the PNG (from the scene, at the sheet's
// scale) and in the PDF (pdftotext -bbox), the page sizes, embedded fonts,
// that nothing but the files reported was written, and (without -short)
// that Tesseract reads every label back (words ≥ 0.95 for each view) from
// the slide PNGs and the A4 PDF's pages.
func TestTargetsFromFiles(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdffonts", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (Debian: poppler-utils): %v", tool, err)
		}
	}
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	shots := os.Getenv("KHAREETA_SHOTS") // where to keep the images to look at
	if err := os.WriteFile(filepath.Join(dir, "keep.png"), []byte("not a map"), 0o600); err != nil {
		t.Fatal(err)
	}
	var jobs []*ocrJob
	for vi, v := range p.Views {
		for _, name := range allTargets {
			tg, _ := layout.ParseTarget(name)
			label := fmt.Sprintf("view %d/%s", vi, name)
			base := filepath.Join(dir, fmt.Sprintf("v%d-%s", vi, strings.ReplaceAll(name, "=", "")))
			before := listDir(t, dir)

			// PNG
			res, err := app.ExportFit(context.Background(), p, base+".png", app.ExportOptions{ViewID: v.ID, Fit: name})
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			if len(res.Files) != len(res.Sheets) {
				t.Fatalf("%s: %d files for %d sheets", label, len(res.Files), len(res.Sheets))
			}
			for k, f := range res.Files {
				sh := &res.Sheets[k]
				fh, err := os.Open(f)
				if err != nil {
					t.Fatal(err)
				}
				cfg, err := png.DecodeConfig(fh)
				fh.Close()
				if err != nil {
					t.Fatalf("%s: %s: %v", label, f, err)
				}
				ppp := tg.PixelsPerPoint
				switch {
				case name == "slide-16x9" && (cfg.Width != 1920 || cfg.Height != 1080),
					name == "slide-4x3" && (cfg.Width != 1440 || cfg.Height != 1080),
					name == "width=1600" && cfg.Width != 1600:
					t.Errorf("%s: %s is %dx%d", label, filepath.Base(f), cfg.Width, cfg.Height)
				case tg.Width > 0 && tg.Height > 0:
					if a, want := float64(cfg.Width)/float64(cfg.Height), tg.Width/tg.Height; math.Abs(a-want) > 0.005*want {
						t.Errorf("%s: %s aspect %.4f, want %.4f", label, filepath.Base(f), a, want)
					}
				}
				// every label drawn whole on the sheet is readable
				if sh.Scene == nil || sh.HideText {
					continue
				}
				minPx := tg.MinText * ppp
				for _, blk := range sheetLabels(sh) {
					if px := blk.Size * sh.Scale * ppp; px < minPx-1e-6 {
						t.Errorf("%s: %s: label %q is %.1f px high (min %.0f)", label, filepath.Base(f), blk.Text, px, minPx)
					}
				}
				if name == "slide-16x9" {
					jobs = append(jobs, &ocrJob{view: strconv.Itoa(vi), target: name, img: f, labels: labelTexts(sh)})
				}
			}
			// PDF
			pdfRes, err := app.ExportFit(context.Background(), p, base+".pdf", app.ExportOptions{ViewID: v.ID, Fit: name})
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			pages := readPDF(t, base+".pdf")
			if len(pages) != len(pdfRes.Sheets) {
				t.Fatalf("%s: the PDF has %d pages for %d sheets", label, len(pages), len(pdfRes.Sheets))
			}
			for k, pg := range pages {
				sh := &pdfRes.Sheets[k]
				if math.Abs(pg.w-sh.Width) > 0.01 || math.Abs(pg.h-sh.Height) > 0.01 {
					t.Errorf("%s: page %d is %gx%g pt, the sheet %gx%g", label, k+1, pg.w, pg.h, sh.Width, sh.Height)
				}
				if tg.Width > 0 && math.Abs(pg.w-tg.Width) > 0.01 || tg.Height > 0 && math.Abs(pg.h-tg.Height) > 0.01 {
					t.Errorf("%s: page %d is %gx%g pt, not the target's size", label, k+1, pg.w, pg.h)
				}
				for j, h := range pg.heights {
					if h < tg.MinText-0.05 {
						t.Errorf("%s: page %d: the word %q is %.2f pt high (min %.0f)", label, k+1, pg.words[j], h, tg.MinText)
					}
				}
				if len(pg.words) == 0 {
					t.Errorf("%s: page %d has no text layer", label, k+1)
				}
			}
			checkFontsEmbedded(t, base+".pdf")
			if name == "a4" {
				out := filepath.Join(dir, fmt.Sprintf("ocr-v%d-a4", vi))
				if b, err := exec.Command("pdftoppm", "-r", "150", "-png", base+".pdf", out).CombinedOutput(); err != nil {
					t.Fatalf("pdftoppm: %v %s", err, b)
				}
				for k := range pdfRes.Sheets {
					sh := &pdfRes.Sheets[k]
					if sh.Scene == nil || sh.HideText {
						continue
					}
					img := fmt.Sprintf("%s-%0*d.png", out, len(strconv.Itoa(len(pdfRes.Sheets))), k+1)
					jobs = append(jobs, &ocrJob{view: strconv.Itoa(vi), target: name, img: img, labels: labelTexts(sh)})
				}
			}
			// nothing but the reported files was written or touched
			after := listDir(t, dir)
			written := append(append([]string(nil), res.Files...), pdfRes.Files...)
			for n, mt := range after {
				if old, ok := before[n]; ok && old == mt {
					continue
				}
				if !strings.HasPrefix(n, "ocr-") && !containsBase(written, n) {
					t.Errorf("%s: %s was written but not reported", label, n)
				}
			}
			for n := range before {
				if _, ok := after[n]; !ok {
					t.Errorf("%s: %s disappeared", label, n)
				}
			}
			if shots != "" && (name == "slide-16x9" || name == "a4") {
				keepShots(t, shots, vi, name, res.Files, base+".pdf")
			}
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "keep.png")); string(b) != "not a map" {
		t.Error("an unrelated file was overwritten")
	}
	if testing.Short() {
		t.Log("OCR of the pages skipped with -short")
		return
	}
	runOCR(t, jobs)
}

func containsBase(files []string, name string) bool {
	for _, f := range files {
		if filepath.Base(f) == name {
			return true
		}
	}
	return false
}

// sheetLabels returns the label blocks of the concepts and relations whose
// label lies whole in the sheet's window.
func sheetLabels(sh *render.Sheet) []*text.Block {
	var out []*text.Block
	for _, n := range sh.Scene.Nodes {
		if n.Label != nil && len(n.Label.Lines) > 0 && sh.Window.ContainsRect(n.LabelRect, 0) {
			out = append(out, n.Label)
		}
	}
	for _, e := range sh.Scene.Edges {
		if e.Label != nil && len(e.Label.Lines) > 0 && sh.Window.ContainsRect(e.LabelRect, 0) {
			out = append(out, e.Label)
		}
	}
	return out
}

// labelTexts returns the lines of the concept labels whole on the sheet.
func labelTexts(sh *render.Sheet) []string {
	var out []string
	for _, n := range sh.Scene.Nodes {
		if n.Label != nil && sh.Window.ContainsRect(n.Rect, 0) {
			for _, l := range n.Label.Lines {
				out = append(out, l.Text)
			}
		}
	}
	return out
}

func ocrTool(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Fatalf("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng imagemagick): %v", err)
	}
	if tool := os.Getenv("KHAREETA_OCR_CHECK"); tool != "" { // a worktree outside the main checkout
		return tool
	}
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		dir = filepath.Dir(dir)
	}
	tool := filepath.Join(dir, "..", "shared", "tools", "ocr-check")
	if _, err := os.Stat(tool); err != nil {
		t.Fatalf("ocr-check not found at %s: %v", tool, err)
	}
	return tool
}

// runOCR reads every page and requires, per view and target, a mean word
// score of 0.95 over every label, each counted on the page it reads best.
func runOCR(t *testing.T, jobs []*ocrJob) {
	tool := ocrTool(t)
	sem := make(chan struct{}, max(1, runtime.NumCPU()))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			lf := j.img + fmt.Sprintf(".%d.txt", i)
			if err := os.WriteFile(lf, []byte(strings.Join(j.labels, "\n")+"\n"), 0o644); err != nil {
				j.err = err
				return
			}
			cmd := exec.Command(tool, j.img, lf)
			cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
			out, _ := cmd.CombinedOutput()
			j.scores = map[string]float64{}
			for _, m := range ocrRowRe.FindAllStringSubmatch(string(out), -1) {
				w, _ := strconv.ParseFloat(m[1], 64)
				j.scores[m[3]] = w
			}
			if len(j.scores) == 0 && len(j.labels) > 0 {
				j.err = fmt.Errorf("ocr-check on %s printed no scores:\n%s", j.img, out)
			}
		}()
	}
	wg.Wait()
	best := map[string]map[string]float64{} // view/target → label → best score
	for _, j := range jobs {
		if j.err != nil {
			t.Fatal(j.err)
		}
		key := "view " + j.view + "/" + j.target
		if best[key] == nil {
			best[key] = map[string]float64{}
		}
		for l, s := range j.scores {
			best[key][l] = math.Max(best[key][l], s)
		}
	}
	var keys []string
	for k := range best {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sum, worst, wl := 0.0, 1.0, ""
		for l, s := range best[k] {
			sum += s
			if s < worst {
				worst, wl = s, l
			}
		}
		mean := sum / float64(len(best[k]))
		t.Logf("%s: OCR words %.3f over %d labels (worst %.2f: %s)", k, mean, len(best[k]), worst, wl)
		if mean < 0.95 {
			t.Errorf("%s: OCR words %.3f, want ≥ 0.95", k, mean)
		}
	}
}

// keepShots copies a view's slide PNGs and A4 pages (as PNG) to dir for
// people to look at.
func keepShots(t *testing.T, dir string, view int, target string, pngs []string, pdf string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if target == "slide-16x9" {
		for i, f := range pngs {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("view%d-slide-16x9-%d.png", view, i+1)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if out, err := exec.Command("pdftoppm", "-r", "100", "-png", pdf, filepath.Join(dir, fmt.Sprintf("view%d-a4", view))).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
}

// TestNoSplitNamesTheSmallestReadableSize: with NoSplit a view too large
// for its target is an error naming the smallest size it can be read at,
// and nothing is written.
func TestNoSplitNamesTheSmallestReadableSize(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	v := p.Views[3].ID
	for target, want := range map[string]string{"slide-16x9": "16:9 image of", "a4": "A", "width=1600": "px wide"} {
		out := filepath.Join(dir, "x.png")
		_, err := app.ExportFit(context.Background(), p, out, app.ExportOptions{ViewID: v, Fit: target, NoSplit: true})
		var fe *layout.FitError
		if !errors.As(err, &fe) || !errors.Is(err, layout.ErrTooSmall) {
			t.Fatalf("%s: %v", target, err)
		}
		if !strings.Contains(fe.Minimum, want) || !strings.Contains(err.Error(), fe.Minimum) || !strings.Contains(err.Error(), "pages") {
			t.Errorf("%s: %v", target, err)
		}
		t.Logf("%s: %v", target, err)
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("%s: %d files written", target, len(ents))
		}
	}
	// a view that fits is written whole on one sheet
	res, err := app.ExportFit(context.Background(), p, filepath.Join(dir, "fits.png"), app.ExportOptions{ViewID: p.Views[2].ID, Fit: "slide-16x9", NoSplit: true})
	if err != nil || res.Split || len(res.Files) != 1 {
		t.Fatalf("a view that fits: %v %+v", err, res)
	}
	if _, err := app.ExportFit(context.Background(), p, filepath.Join(dir, "x.svg"), app.ExportOptions{Fit: "a4"}); err == nil {
		t.Error("an SVG for a target was accepted")
	}
	if v := app.DefaultView(p, false); v.ID != p.Views[0].ID {
		t.Error("the default view is not the first view")
	}
	if v := app.DefaultView(p, true); v.ID != "" || len(v.Kinds) != 0 || len(v.Concepts) != 0 {
		t.Error("--all does not draw every concept")
	}
}
