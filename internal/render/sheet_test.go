package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
	"golang.org/x/image/font/sfnt"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// TestTextLayerFontIsValid parses the embedded text-layer font with two
// independent TrueType readers and FreeType (fc-scan), and checks that its
// glyph advances are the widths the PDF declares.
func TestTextLayerFontIsValid(t *testing.T) {
	widths := []int{500, 0, 1234, 250}
	ttf := textLayerFont(widths)
	f, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatalf("x/image/font/sfnt: %v", err)
	}
	if n := f.NumGlyphs(); n != len(widths)+1 {
		t.Errorf("%d glyphs, want %d", n, len(widths)+1)
	}
	var buf sfnt.Buffer
	for i, w := range widths {
		adv, err := f.GlyphAdvance(&buf, sfnt.GlyphIndex(i+1), 1000*64, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := int(adv / 64); got != w {
			t.Errorf("glyph %d advances %d, want %d", i+1, got, w)
		}
	}
	if name, err := f.Name(&buf, sfnt.NameIDFamily); err != nil || name != "KhareetaText" {
		t.Errorf("family %q, %v", name, err)
	}
	if _, err := font.ParseTTF(bytes.NewReader(ttf)); err != nil {
		t.Errorf("go-text/typesetting: %v", err)
	}
	if fcscan, err := exec.LookPath("fc-scan"); err == nil {
		path := filepath.Join(t.TempDir(), "text.ttf")
		if err := os.WriteFile(path, ttf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(fcscan, "--format", "%{family}", path).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "KhareetaText") {
			t.Errorf("fc-scan (FreeType) does not read the font: %v %s", err, out)
		}
	}
}

// TestSVGTextLayer: every line of every label is also SVG text, invisible,
// centred on its drawn line and stretched to its width, while the glyphs
// are still drawn as outlines; faded (hidden) things have no text.
func TestSVGTextLayer(t *testing.T) {
	_, sc := sampleScene(t, 0, layout.Legend(true), layout.Title("التهديدات"))
	var buf bytes.Buffer
	if err := SVG(&buf, sc); err != nil {
		t.Fatal(err)
	}
	type textEl struct {
		x, y, size, length float64
		dir, text, opacity string
	}
	var texts []textEl
	uses := 0
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "use":
			uses++
		case "text":
			var el textEl
			for _, a := range se.Attr {
				v, _ := strconv.ParseFloat(a.Value, 64)
				switch a.Name.Local {
				case "x":
					el.x = v
				case "y":
					el.y = v
				case "font-size":
					el.size = v
				case "textLength":
					el.length = v
				case "direction":
					el.dir = a.Value
				case "fill-opacity":
					el.opacity = a.Value
				}
			}
			var s string
			if err := dec.DecodeElement(&s, &se); err != nil {
				t.Fatal(err)
			}
			el.text = s
			texts = append(texts, el)
		}
	}
	if uses == 0 {
		t.Fatal("no glyph outlines drawn")
	}
	find := func(b *text.Block, at text.Point) {
		for _, l := range b.Lines {
			if strings.TrimSpace(l.Text) == "" {
				continue
			}
			ok := false
			for _, el := range texts {
				if el.text != strings.TrimSpace(l.Text) {
					continue
				}
				cx := at.X + l.X + l.Width/2
				if math.Abs(el.x-cx) < 0.02 && math.Abs(el.y-(at.Y+l.Baseline)) < 0.02 && math.Abs(el.length-l.Width) < 0.02 && el.size == math.Round(b.Size*100)/100 && el.opacity == "0" {
					ok = true
					if (b.Dir == text.RTL) != (el.dir == "rtl") {
						t.Errorf("%q: direction %s", l.Text, el.dir)
					}
				}
			}
			if !ok {
				t.Errorf("no text layer for the line %q", l.Text)
			}
		}
	}
	for _, n := range sc.Nodes {
		find(n.Label, n.LabelRect.Min)
	}
	for _, e := range sc.Edges {
		if e.Label != nil {
			find(e.Label, e.LabelRect.Min)
		}
	}
	find(sc.Title, sc.TitleRect.Min)
}

// TestSheetsPDFAndPNG draws a scene on a slide sheet and on split pages:
// the PDF has one page per sheet of the sheet's size, each with text; the
// PNGs are written as OUT-1.png, OUT-2.png, … at the target's pixel size;
// the faded things of a sheet stay out of its text layer.
func TestSheetsPDFAndPNG(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext is not installed (poppler-utils): %v", err)
	}
	_, sc := sampleScene(t, 3)
	tg, _ := layout.ParseTarget("slide-16x9")
	f := layout.FitTo(sc, tg)
	if f.Readable {
		t.Fatal("view 3 fits a slide readably; the test wants a split")
	}
	sheets, pages, err := Split(sc, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) != 1+len(pages) || len(pages) != f.Cols*f.Rows {
		t.Fatalf("%d sheets, %d pages, plan %d×%d", len(sheets), len(pages), f.Cols, f.Rows)
	}
	// every concept is owned by exactly one page and whole on it
	owned := map[string]int{}
	for _, pg := range pages {
		for _, id := range pg.Concepts {
			owned[id]++
			n := sc.Nodes[sc.NodeByID(id)]
			if !pg.Window.ContainsRect(n.Rect, 0.01) {
				t.Errorf("page %d owns %q but cuts it", pg.Number, n.Label.Text)
			}
		}
	}
	for _, n := range sc.Nodes {
		if owned[n.ConceptID] != 1 {
			t.Errorf("%q is owned by %d pages", n.Label.Text, owned[n.ConceptID])
		}
	}
	// a faded sheet: the first concept is drawn faded and not in the text
	fade := SceneSheet(sc, f)
	fade.Fade = map[string]bool{sc.Nodes[0].ConceptID: true}
	sheets = append(sheets, fade)
	dir := t.TempDir()
	files, err := writeSheets(filepath.Join(dir, "out.pdf"), sheets, "عنوان", "ar")
	if err != nil || len(files) != 1 {
		t.Fatalf("pdf: %v %v", files, err)
	}
	out, err := exec.Command("pdftotext", "-bbox", files[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), "<page "); n != len(sheets) {
		t.Errorf("%d pages, want %d", n, len(sheets))
	}
	if !strings.Contains(string(out), `<page width="960.000000" height="540.000000">`) {
		t.Error("pages are not 960×540 pt")
	}
	last, err := exec.Command("pdftotext", "-f", strconv.Itoa(len(sheets)), "-l", strconv.Itoa(len(sheets)), files[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string {
		return strings.Join(strings.Fields(arabicMarks.ReplaceAllString(bidiMarks.ReplaceAllString(s, ""), "")), "")
	}
	if strings.Contains(norm(string(last)), norm(sc.Nodes[0].Label.Lines[0].Text)) {
		t.Error("a faded concept is in the text layer")
	}
	if !strings.Contains(norm(string(last)), norm(sc.Nodes[1].Label.Lines[0].Text)) {
		t.Error("a concept shown is not in the text layer")
	}
	pngs, err := writeSheets(filepath.Join(dir, "out.png"), sheets[:3], "", "ar")
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pngs {
		if filepath.Base(p) != "out-"+strconv.Itoa(i+1)+".png" {
			t.Errorf("file %d is %s", i, p)
		}
		img, err := decodePNGFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != 1920 || b.Dy() != 1080 {
			t.Errorf("%s is %v", p, b)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.png")); err == nil {
		t.Error("a split wrote out.png too")
	}
	if _, err := writeSheets(filepath.Join(dir, "out.svg"), sheets, "", "ar"); err == nil {
		t.Error("sheets written as SVG")
	}
}

// TestFlow sets long paragraphs on pages: lines go on the next page when
// the page is full, every line is placed once, inside the margins, right
// aligned for Arabic.
func TestFlow(t *testing.T) {
	var paras []Para
	var total int
	sh := text.Default()
	for i := 0; i < 30; i++ {
		s := strings.Repeat("يُعد الأمن المجتمعي من أبرز التحديات في العراق ", 6+i%5)
		paras = append(paras, Para{Text: "عنوان " + strconv.Itoa(i), Bold: true, Size: 12, KeepWithNext: true, Before: 8, Class: "heading"})
		paras = append(paras, Para{Text: s})
		total += 1 + len(sh.Layout(s, text.Params{Size: 10.5, MaxWidth: 595.28 - 2*56.7, LineSpacing: 1.15}).Lines)
	}
	sheets, err := Flow(paras, PageSpec{Width: 595.28, Height: 841.89, Margin: 56.7, Dir: text.RTL, FirstNumber: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) < 3 {
		t.Fatalf("%d pages for %d lines", len(sheets), total)
	}
	lines := 0
	for i, s := range sheets {
		page := text.RectXYWH(56.7-0.5, 56.7-0.5, 595.28-2*56.7+1, 841.89-2*56.7+1)
		for j, it := range s.Items {
			if it.Class == "footer" {
				if it.Text.Text != strconv.Itoa(i+3) {
					t.Errorf("page %d footer %q", i, it.Text.Text)
				}
				continue
			}
			lines += len(it.Text.Lines)
			r := text.RectXYWH(it.At.X, it.At.Y, it.Text.Width, it.Text.Height)
			if !page.ContainsRect(r, 0) {
				t.Errorf("page %d item %d at %v outside the margins", i, j, r)
			}
			if math.Abs(r.Max.X-(595.28-56.7)) > 0.5 {
				t.Errorf("page %d item %d is not right-aligned: %v", i, j, r)
			}
			// a heading is never the last thing on a page
			if it.Class == "heading" && j == len(s.Items)-2 {
				t.Errorf("page %d ends with a heading", i)
			}
		}
	}
	if lines != total {
		t.Errorf("%d lines placed, %d shaped", lines, total)
	}
}

// writeSheets writes sheets as the app does: one PDF, or PNGs named by
// SheetFiles.
func writeSheets(path string, sheets []Sheet, title, lang string) ([]string, error) {
	files := SheetFiles(path, len(sheets))
	write := func(name string, fn func(w io.Writer) error) error {
		f, err := os.Create(name)
		if err != nil {
			return err
		}
		defer f.Close()
		return fn(f)
	}
	switch filepath.Ext(path) {
	case ".pdf":
		return files, write(path, func(w io.Writer) error { return WriteSheetsPDF(w, sheets, title, lang) })
	case ".png":
		for i := range sheets {
			if err := write(files[i], func(w io.Writer) error { return WriteSheetPNG(w, &sheets[i]) }); err != nil {
				return nil, err
			}
		}
		return files, nil
	}
	return nil, errors.New("not .pdf or .png")
}

func decodePNGFile(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}
