package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

func sampleScene(t testing.TB, view int, opts ...layout.Option) (*model.Project, *layout.Scene) {
	t.Helper()
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := layout.Build(context.Background(), p, p.Views[view], opts...)
	if err != nil {
		t.Fatal(err)
	}
	return p, sc
}

func TestFormat(t *testing.T) {
	for _, ext := range []string{".png", "svg", ".PDF", ".dot", ".gv"} {
		if _, err := Format(ext); err != nil {
			t.Errorf("Format(%q): %v", ext, err)
		}
	}
	for _, ext := range []string{".jpg", "", ".svgz"} {
		if _, err := Format(ext); err == nil {
			t.Errorf("Format(%q) accepted", ext)
		}
	}
	_, sc := sampleScene(t, 2)
	if err := ToFile(filepath.Join(t.TempDir(), "x.bmp"), sc); err == nil {
		t.Error("ToFile wrote an unknown format")
	}
	if err := PNG(io.Discard, sc, Scale(0)); err == nil {
		t.Error("scale 0 accepted")
	}
	if err := PDF(io.Discard, sc, Page("letter")); err == nil {
		t.Error("page letter accepted")
	}
}

func lum(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)) / 257
}

func TestPNGPixels(t *testing.T) {
	_, sc := sampleScene(t, 0, layout.Legend(true), layout.Title("التهديدات"))
	var buf bytes.Buffer
	if err := PNG(&buf, sc, Scale(1.5)); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	const s = 1.5
	b := img.Bounds()
	if b.Dx() != int(math.Ceil(sc.Width*s)) || b.Dy() != int(math.Ceil(sc.Height*s)) {
		t.Errorf("size %v for a %gx%g scene at scale %g", b, sc.Width, sc.Height, s)
	}
	if l := lum(img.At(1, 1)); l < 250 {
		t.Errorf("background at the corner has luminance %.0f", l)
	}
	dark := func(r text.Rect) int {
		n := 0
		for y := int(r.Min.Y * s); y < int(r.Max.Y*s); y++ {
			for x := int(r.Min.X * s); x < int(r.Max.X*s); x++ {
				if lum(img.At(x, y)) < 90 {
					n++
				}
			}
		}
		return n
	}
	for i, n := range sc.Nodes {
		if dark(n.LabelRect) < 20 {
			t.Errorf("node %d: no text drawn in its label box", i)
		}
		if n.Shape == "box" {
			// just inside the border, left of the label: the node's fill
			p := image.Pt(int((n.Rect.Min.X+4)*s), int(n.Rect.Center().Y*s))
			got := color.NRGBAModel.Convert(img.At(p.X, p.Y)).(color.NRGBA)
			if d := math.Abs(float64(got.R)-float64(n.Fill.R)) + math.Abs(float64(got.G)-float64(n.Fill.G)) + math.Abs(float64(got.B)-float64(n.Fill.B)); d > 6 {
				t.Errorf("node %d: fill %v, want %v", i, got, n.Fill)
			}
		}
	}
	if sc.Title == nil || dark(sc.TitleRect) < 50 {
		t.Error("no title drawn")
	}
	for i, e := range sc.Edges {
		// the arrowhead is drawn in the edge colour at its centroid
		c := e.Arrow.Bounds().Center()
		if l := lum(img.At(int(c.X*s), int(c.Y*s))); l > 160 {
			t.Errorf("edge %d: arrowhead not drawn (luminance %.0f)", i, l)
		}
	}
}

func TestSVGDeterministicAndWellFormed(t *testing.T) {
	p, sc := sampleScene(t, 3, layout.Legend(true))
	var a, b bytes.Buffer
	if err := SVG(&a, sc); err != nil {
		t.Fatal(err)
	}
	if err := SVG(&b, sc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renders of one scene differ")
	}
	// a fresh layout of the same view gives the same bytes
	sc2, err := layout.Build(context.Background(), p, p.Views[3], layout.Legend(true))
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	if err := SVG(&c, sc2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("two layouts of one view give different SVG")
	}
	dec := xml.NewDecoder(bytes.NewReader(a.Bytes()))
	titles := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "title" {
			titles++
		}
	}
	if titles < len(sc.Nodes) {
		t.Errorf("%d <title> elements for %d nodes", titles, len(sc.Nodes))
	}
	for _, n := range sc.Nodes {
		label := strings.Join(lineTexts(n.Label), " ")
		if !bytes.Contains(a.Bytes(), []byte(`aria-label="`+xmlEsc(label)+`"`)) {
			t.Errorf("no aria-label for %q", label)
		}
	}
}

func lineTexts(b *text.Block) []string {
	var out []string
	for _, l := range b.Lines {
		out = append(out, l.Text)
	}
	return out
}

var (
	bidiMarks   = regexp.MustCompile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
	arabicMarks = regexp.MustCompile("[\u064b-\u065f\u0670]")
)

func TestPDFParsesAndTextExtracts(t *testing.T) {
	pdftoppm, err1 := exec.LookPath("pdftoppm")
	pdftotext, err2 := exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		t.Skip("poppler-utils (pdftoppm, pdftotext) not installed")
	}
	dir := t.TempDir()
	for _, page := range []string{"", "a4", "a3"} {
		_, sc := sampleScene(t, 2, layout.Legend(true), layout.Title("الفرص"))
		f := filepath.Join(dir, "m"+page+".pdf")
		if err := ToFile(f, sc, Page(page)); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftoppm, "-r", "40", "-png", "-singlefile", f, filepath.Join(dir, "p"+page)).CombinedOutput()
		if err != nil || len(out) > 0 {
			t.Fatalf("pdftoppm %s: %v %s", f, err, out)
		}
		pf, err := os.Open(filepath.Join(dir, "p"+page+".png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(pf)
		pf.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		switch page {
		case "a4":
			if math.Abs(float64(w)-842*40/72.0) > 2 || math.Abs(float64(h)-595*40/72.0) > 2 {
				t.Errorf("a4 page rendered %dx%d", w, h)
			}
		case "a3":
			if w < h {
				t.Errorf("a3 page is not landscape: %dx%d", w, h)
			}
		}
		txt, err := exec.Command(pdftotext, f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		// pdftotext drops some Arabic marks (shadda) and moves the space
		// around an Arabic comma; compare without marks and spaces.
		norm := func(s string) string {
			s = bidiMarks.ReplaceAllString(s, "")
			s = arabicMarks.ReplaceAllString(s, "")
			return strings.Join(strings.Fields(s), "")
		}
		got := norm(string(txt))
		for _, n := range sc.Nodes {
			for _, l := range n.Label.Lines {
				if !strings.Contains(got, norm(l.Text)) {
					t.Errorf("pdftotext lacks %q", l.Text)
				}
			}
		}
	}
}

func TestDOT(t *testing.T) {
	_, sc := sampleScene(t, 1, layout.Title("عنوان \"مقتبس\""))
	var buf bytes.Buffer
	if err := DOT(&buf, sc); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, n := range sc.Nodes {
		if !strings.Contains(s, n.ConceptID) {
			t.Errorf("node %s missing", n.ConceptID)
		}
	}
	if strings.Count(s, "->") != len(sc.Edges) {
		t.Errorf("%d edges in DOT, want %d", strings.Count(s, "->"), len(sc.Edges))
	}
	if !strings.Contains(s, `\"مقتبس\"`) || !strings.Contains(s, "Noto Sans Arabic") {
		t.Error("title not escaped or font missing")
	}
	if dot, err := exec.LookPath("dot"); err == nil {
		cmd := exec.Command(dot, "-Tcanon")
		cmd.Stdin = strings.NewReader(s)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("dot rejects our DOT: %v\n%s", err, out)
		}
	}
}

func TestBadInputRenders(t *testing.T) {
	p := &model.Project{Kinds: model.BuiltinKinds()}
	labels := []string{strings.Repeat("تسمية طويلة جدا ", 320), "\x00\x07\u202Eevil\u202C", "😀🙂 emoji", "", "لا"}
	for i, l := range labels {
		p.Concepts = append(p.Concepts, model.Concept{ID: strconv.Itoa(i), Kind: "threat", Label: model.T(l, "")})
	}
	p.Relations = []model.Relation{{ID: "r0", From: "0", To: "0", Type: "weakens"}, {ID: "r1", From: "1", To: "2", Type: "x"}, {ID: "r2", From: "2", To: "1"}}
	sc, err := layout.Build(context.Background(), p, model.View{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Writer{PNG, SVG, PDF, DOT} {
		var buf bytes.Buffer
		if err := f(&buf, sc); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte("\u202E")) || bytes.Contains(buf.Bytes(), []byte{0}) && !bytes.HasPrefix(buf.Bytes(), []byte("\x89PNG")) && !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
			t.Error("control characters reached the output")
		}
	}
	// an empty view still renders
	empty, err := layout.Build(context.Background(), p, model.View{Kinds: []string{"pillar"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := PNG(io.Discard, empty); err != nil {
		t.Errorf("empty view: %v", err)
	}
}

// repoRoot finds the directory holding go.mod.
func repoRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

var meanRe = regexp.MustCompile(`mean words ([0-9.]+) .*mean order ([0-9.]+)`)

// ocrScores runs ocr-check and returns its mean scores. Tesseract runs
// single-threaded (it is faster so on map-sized images, and the callers run
// several checks at once).
func ocrScores(tool, img, labels string) (words, order float64, err error) {
	// Our PNGs are drawn at 2 pixels per point, so the checker needs no
	// upscaling (which would also exceed ImageMagick's default limits on
	// the largest view).
	cmd := exec.Command(tool, img, labels, "--scale", "1")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, _ := cmd.CombinedOutput()
	m := meanRe.FindStringSubmatch(string(out))
	if m == nil {
		return 0, 0, fmt.Errorf("ocr-check on %s printed no means:\n%s", img, out)
	}
	words, _ = strconv.ParseFloat(m[1], 64)
	order, _ = strconv.ParseFloat(m[2], 64)
	return words, order, nil
}

// TestOCRLegibility reads every sample view's PNG back with Tesseract and
// requires the labels to be legible and in reading order, at least as much
// as native Graphviz with Pango manages on the same labels (when dot is
// installed).
func TestOCRLegibility(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng imagemagick)")
	}
	if testing.Short() {
		t.Skip("OCR takes minutes; skipped with -short")
	}
	tool := filepath.Join(repoRoot(t), "..", "shared", "tools", "ocr-check")
	if env := os.Getenv("KHAREETA_OCR_CHECK"); env != "" { // a worktree outside the main checkout
		tool = env
	}
	if _, err := os.Stat(tool); err != nil {
		t.Fatalf("ocr-check not found at %s: %v", tool, err)
	}
	dot, _ := exec.LookPath("dot")
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	type job struct {
		view        int
		img, labels string
		native      bool
		words       float64
		order       float64
		err         error
	}
	var jobs []*job
	for i, v := range p.Views {
		sc, err := layout.Build(context.Background(), p, v)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, n := range sc.Nodes {
			lines = append(lines, lineTexts(n.Label)...)
		}
		base := filepath.Join(dir, "v"+strconv.Itoa(i))
		if err := os.WriteFile(base+".txt", []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := ToFile(base+".png", sc); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, &job{view: i, img: base + ".png", labels: base + ".txt"})
		if dot == "" {
			continue
		}
		if err := ToFile(base+".dot", sc); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(dot, "-Tpng", "-Gdpi=144", "-o", base+"-native.png", base+".dot").CombinedOutput(); err != nil {
			t.Fatalf("native dot: %v %s", err, out)
		}
		jobs = append(jobs, &job{view: i, img: base + "-native.png", labels: base + ".txt", native: true})
	}
	sem := make(chan struct{}, max(1, runtime.NumCPU()))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			j.words, j.order, j.err = ocrScores(tool, j.img, j.labels)
		}()
	}
	wg.Wait()
	for _, j := range jobs {
		if j.err != nil {
			t.Fatal(j.err)
		}
	}
	for k, j := range jobs {
		if j.native {
			continue
		}
		name := p.Views[j.view].Name.Get("en")
		t.Logf("view %d %q: ours words %.3f order %.3f", j.view, name, j.words, j.order)
		if j.words < 0.95 || j.order < 0.90 {
			t.Errorf("view %d: words %.3f (min 0.95), order %.3f (min 0.90)", j.view, j.words, j.order)
		}
		if k+1 < len(jobs) && jobs[k+1].native {
			n := jobs[k+1]
			t.Logf("view %d %q: native Graphviz+Pango words %.3f order %.3f", j.view, name, n.words, n.order)
			// OCR varies by a few thousandths with the placement of labels.
			const noise = 0.01
			if j.words < n.words-noise || j.order < n.order-noise {
				t.Errorf("view %d: ours (%.3f, %.3f) below native (%.3f, %.3f)", j.view, j.words, j.order, n.words, n.order)
			}
		}
	}
}
