package render

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// maxPage is the largest page side PDF viewers accept (200 inches).
const maxPage = 14400

// Landscape page sizes in points.
var pageSizes = map[string][2]float64{
	"a4": {841.89, 595.28},
	"a3": {1190.55, 841.89},
}

// PDF renders the scene as a one-page vector PDF. Shapes and glyph outlines
// are paths (each glyph a reusable form), so the page looks the same in
// every viewer. An invisible text layer over the glyphs makes labels
// searchable, selectable and extractable (pdftotext); its font is embedded.
// With Page("a4") or Page("a3") the map is scaled to fit a landscape page
// with a margin.
func PDF(w io.Writer, sc *layout.Scene, opts ...Option) error {
	o, err := newOptions(opts)
	if err != nil {
		return err
	}
	title := text.Sanitize(sc.ViewName)
	if sc.Title != nil {
		title = blockText(sc.Title)
	}
	doc := newPDFDoc(o.shaper, title, sc.Lang)
	pw, ph := sc.Width, sc.Height
	var k float64
	var d text.Point
	if size, ok := pageSizes[o.page]; ok {
		pw, ph = size[0], size[1]
		const margin = 28.35 // 1 cm
		k = min((pw-2*margin)/sc.Width, (ph-2*margin)/sc.Height)
		d = text.Point{X: (pw - sc.Width*k) / 2, Y: (ph - sc.Height*k) / 2}
	} else {
		// PDF viewers refuse pages over 200 inches: shrink huge maps.
		k = min(1, maxPage/pw, maxPage/ph)
		pw, ph = pw*k, ph*k
	}
	p := doc.page(pw, ph)
	p.push(text.RectXYWH(0, 0, pw, ph), k, d)
	paint(p, sc)
	p.pop()
	return doc.write(w)
}

type codeKey struct {
	text  string
	width int
}

// pdfDoc is a PDF being written: its pages share the glyph forms and the
// text layer's font.
type pdfDoc struct {
	shaper      *text.Shaper
	title, lang string
	forms       map[glyphID]int // glyph → form number
	formSeq     []glyphID
	codes       map[codeKey]int // text-layer code per (text, width)
	codeSeq     []codeKey
	pages       []*pdfPainter
}

func newPDFDoc(sh *text.Shaper, title, lang string) *pdfDoc {
	return &pdfDoc{shaper: sh, title: title, lang: lang, forms: map[glyphID]int{}, codes: map[codeKey]int{}}
}

// page starts a page of w×h points and returns its painter, whose
// coordinates have the origin at the top left and y growing downwards.
func (doc *pdfDoc) page(w, h float64) *pdfPainter {
	p := &pdfPainter{doc: doc, w: w, h: h}
	fmt.Fprintf(&p.content, "1 0 0 -1 0 %s cm\n1 j 0 J\n", pn(h))
	doc.pages = append(doc.pages, p)
	return p
}

// pdfPainter draws one page.
type pdfPainter struct {
	doc     *pdfDoc
	w, h    float64
	content bytes.Buffer
}

func (p *pdfPainter) begin(class, id, label string) {}
func (p *pdfPainter) end()                          {}

func (p *pdfPainter) push(clip text.Rect, k float64, d text.Point) {
	fmt.Fprintf(&p.content, "q %s %s %s %s re W n %s 0 0 %s %s %s cm\n", pn(clip.Min.X), pn(clip.Min.Y), pn(clip.W()), pn(clip.H()), pn(k), pn(k), pn(d.X), pn(d.Y))
}

func (p *pdfPainter) pop() { p.content.WriteString("Q\n") }

func (p *pdfPainter) background(c color.NRGBA, w, h float64) {
	p.fill(text.RectPath(text.RectXYWH(0, 0, w, h)), c)
}

func (p *pdfPainter) path(pa text.Path) {
	b := &p.content
	var pen text.Point
	for _, s := range pa {
		switch s.Op {
		case text.MoveTo:
			b.WriteString(pn(s.P[0].X) + " " + pn(s.P[0].Y) + " m\n")
			pen = s.P[0]
		case text.LineTo:
			b.WriteString(pn(s.P[0].X) + " " + pn(s.P[0].Y) + " l\n")
			pen = s.P[0]
		case text.QuadTo:
			c1 := text.Point{X: pen.X + 2.0/3*(s.P[0].X-pen.X), Y: pen.Y + 2.0/3*(s.P[0].Y-pen.Y)}
			c2 := text.Point{X: s.P[1].X + 2.0/3*(s.P[0].X-s.P[1].X), Y: s.P[1].Y + 2.0/3*(s.P[0].Y-s.P[1].Y)}
			b.WriteString(pn(c1.X) + " " + pn(c1.Y) + " " + pn(c2.X) + " " + pn(c2.Y) + " " + pn(s.P[1].X) + " " + pn(s.P[1].Y) + " c\n")
			pen = s.P[1]
		case text.CubeTo:
			b.WriteString(pn(s.P[0].X) + " " + pn(s.P[0].Y) + " " + pn(s.P[1].X) + " " + pn(s.P[1].Y) + " " + pn(s.P[2].X) + " " + pn(s.P[2].Y) + " c\n")
			pen = s.P[2]
		case text.Close:
			b.WriteString("h\n")
		}
	}
}

func rgb(c color.NRGBA) string {
	return pn(float64(c.R)/255) + " " + pn(float64(c.G)/255) + " " + pn(float64(c.B)/255)
}

func (p *pdfPainter) fill(pa text.Path, c color.NRGBA) {
	if len(pa) == 0 || c.A == 0 {
		return
	}
	p.content.WriteString(rgb(c) + " rg\n")
	p.path(pa)
	p.content.WriteString("f\n")
}

func (p *pdfPainter) fillClipped(pa, clip text.Path, c color.NRGBA) {
	if len(pa) == 0 || len(clip) == 0 || c.A == 0 {
		return
	}
	p.content.WriteString("q\n")
	p.path(clip)
	p.content.WriteString("W n\n" + rgb(c) + " rg\n")
	p.path(pa)
	p.content.WriteString("f\nQ\n")
}

func (p *pdfPainter) stroke(pa text.Path, width float64, c color.NRGBA) {
	if len(pa) == 0 || c.A == 0 {
		return
	}
	p.content.WriteString(rgb(c) + " RG " + pn(width) + " w\n")
	p.path(pa)
	p.content.WriteString("S\n")
}

func (p *pdfPainter) glyphs(b *text.Block, o text.Point, c color.NRGBA, layer bool) {
	if b == nil || len(b.Lines) == 0 {
		return
	}
	doc := p.doc
	cb := &p.content
	cb.WriteString("q " + rgb(c) + " rg\n")
	s := pn(b.Size / 1000)
	for _, l := range b.Lines {
		for _, g := range l.Glyphs {
			if g.Missing {
				p.path(doc.shaper.Outline(g, b.Size, o))
				cb.WriteString("f\n")
				continue
			}
			n := doc.form(g)
			if n < 0 {
				continue
			}
			cb.WriteString("q " + s + " 0 0 " + s + " " + pn(o.X+g.X) + " " + pn(o.Y+g.Y) + " cm /G" + strconv.Itoa(n) + " Do Q\n")
		}
	}
	cb.WriteString("Q\n")
	if !layer {
		return
	}
	// Invisible text layer: each cluster's characters over its glyph.
	cb.WriteString("BT 3 Tr\n")
	size := pn(b.Size)
	cb.WriteString("/T1 " + size + " Tf\n")
	// A cluster standing for several characters (a lam-alef ligature, a
	// letter with its marks) is split into one code per character, in
	// visual order across the glyph's advance: extractors reorder
	// right-to-left text by position and would reverse a multi-character
	// code's text.
	for _, l := range b.Lines {
		for _, g := range l.Glyphs {
			if g.Text == "" {
				continue
			}
			// units: a base character with the combining marks after it
			var units [][]rune
			for _, r := range g.Text {
				if len(units) > 0 && unicode.Is(unicode.Mn, r) {
					units[len(units)-1] = append(units[len(units)-1], r)
				} else {
					units = append(units, []rune{r})
				}
			}
			slot := g.Advance / float64(len(units))
			w := int(slot / b.Size * 1000)
			for i, u := range units {
				x := o.X + g.X + slot*float64(i)
				if g.RTL {
					x = o.X + g.X + slot*float64(len(units)-1-i)
				}
				if len(u) > 1 && g.RTL {
					// pdftotext keeps a right-to-left letter's marks in
					// order only when they come before it
					u = append(u[1:], u[0])
				}
				for _, r := range u {
					// marks sit at the left edge of their base, zero wide:
					// extractors join them to it without breaking the word
					cw, cx := w, x
					if unicode.Is(unicode.Mn, r) {
						cw, cx = 0, x
					}
					code := doc.code(codeKey{string(r), cw})
					cb.WriteString("1 0 0 -1 " + pn(cx) + " " + pn(o.Y+g.Y) + " Tm <" + fmt.Sprintf("%04X", code) + "> Tj\n")
				}
			}
		}
	}
	cb.WriteString("ET\n")
}

// form returns the number of the form drawing glyph g at 1000 units per
// em, or -1 for empty glyphs.
func (doc *pdfDoc) form(g text.Glyph) int {
	k := glyphID{g.Face, g.ID}
	if n, ok := doc.forms[k]; ok {
		return n
	}
	g.X, g.Y = 0, 0
	n := -1
	if len(doc.shaper.Outline(g, 1000, text.Point{})) > 0 {
		n = len(doc.formSeq)
		doc.formSeq = append(doc.formSeq, k)
	}
	doc.forms[k] = n
	return n
}

// maxCodes is the number of text-layer codes (and glyphs of the embedded
// font) one document can hold.
const maxCodes = 0xFFFE

func (doc *pdfDoc) code(k codeKey) int {
	if n, ok := doc.codes[k]; ok {
		return n
	}
	n := len(doc.codeSeq) + 1
	if n > maxCodes {
		n = maxCodes
		return n
	}
	doc.codes[k] = n
	doc.codeSeq = append(doc.codeSeq, k)
	return n
}

// write assembles the file: catalog, pages, contents, glyph forms, the
// text layer's embedded font and the info dictionary, then the
// cross-reference table.
func (doc *pdfDoc) write(w io.Writer) error {
	var out bytes.Buffer
	var offsets []int
	obj := func(body string) int {
		offsets = append(offsets, out.Len())
		n := len(offsets)
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", n, body)
		return n
	}
	stream := func(dict string, data []byte) int {
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.DefaultCompression)
		zw.Write(data)
		zw.Close()
		offsets = append(offsets, out.Len())
		n := len(offsets)
		fmt.Fprintf(&out, "%d 0 obj\n<< %s /Filter /FlateDecode /Length %d >>\nstream\n", n, dict, z.Len())
		out.Write(z.Bytes())
		out.WriteString("\nendstream\nendobj\n")
		return n
	}
	reserve := func() int {
		offsets = append(offsets, 0)
		return len(offsets)
	}
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	// Object 1 is the catalog, 2 the page tree; pages are written last.
	catalog := reserve()
	tree := reserve()
	pageObjs := make([]int, len(doc.pages))
	for i := range doc.pages {
		pageObjs[i] = reserve()
	}
	contents := make([]int, len(doc.pages))
	for i, p := range doc.pages {
		contents[i] = stream("", p.content.Bytes())
	}

	var xobjs strings.Builder
	for i, k := range doc.formSeq {
		g := text.Glyph{Face: k.face, ID: k.id}
		pa := doc.shaper.Outline(g, 1000, text.Point{})
		sub := &pdfPainter{}
		sub.path(pa)
		body := append(sub.content.Bytes(), "f\n"...)
		bb := pa.Bounds()
		n := stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [%s %s %s %s]", pn(bb.Min.X-1), pn(bb.Min.Y-1), pn(bb.Max.X+1), pn(bb.Max.Y+1)), body)
		fmt.Fprintf(&xobjs, "/G%d %d 0 R ", i, n)
	}

	// The text layer's font: text render mode 3 draws nothing, but the
	// font is embedded (a small TrueType font with one empty glyph per
	// code, of the code's width) so that viewers and archival checks find
	// every font they are named; its ToUnicode map makes extraction and
	// selection follow the drawn glyphs.
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Khareeta-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(doc.codeSeq); i += 100 {
		chunk := doc.codeSeq[i:min(i+100, len(doc.codeSeq))]
		fmt.Fprintf(&cmap, "%d beginbfchar\n", len(chunk))
		for j, k := range chunk {
			fmt.Fprintf(&cmap, "<%04X> <%s>\n", i+j+1, utf16Hex(k.text))
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	toUni := stream("", []byte(cmap.String()))
	widths := make([]int, len(doc.codeSeq))
	var wa strings.Builder
	if len(doc.codeSeq) > 0 {
		wa.WriteString("/W [1 [")
		for i, k := range doc.codeSeq {
			widths[i] = k.width
			if i > 0 {
				wa.WriteByte(' ')
			}
			wa.WriteString(strconv.Itoa(k.width))
		}
		wa.WriteString("]]")
	}
	ttf := textLayerFont(widths)
	file := stream(fmt.Sprintf("/Length1 %d", len(ttf)), ttf)
	desc := obj(fmt.Sprintf("<< /Type /FontDescriptor /FontName /KhareetaText /Flags 4 /FontBBox [0 %d 1000 %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>", fontDescent, fontAscent, fontAscent, fontDescent, file))
	cid := obj(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /KhareetaText /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 500 %s /CIDToGIDMap /Identity >>", desc, wa.String()))
	font := obj(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /KhareetaText /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cid, toUni))
	info := obj("<< /Title " + pdfText(doc.title) + " /Producer (Khareeta) /Creator (Khareeta) >>")

	set := func(n int, body string) {
		offsets[n-1] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	for i, p := range doc.pages {
		set(pageObjs[i], fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Contents %d 0 R /Resources << /ProcSet [/PDF /Text] /XObject << %s>> /Font << /T1 %d 0 R >> >> >>",
			tree, pn(p.w), pn(p.h), contents[i], xobjs.String(), font))
	}
	var kids strings.Builder
	for i, n := range pageObjs {
		if i > 0 {
			kids.WriteByte(' ')
		}
		fmt.Fprintf(&kids, "%d 0 R", n)
	}
	set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), len(pageObjs)))
	set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /Lang %s >>", tree, pdfText(doc.lang)))

	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, catalog, info, xref)
	if _, err := w.Write(out.Bytes()); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// pn formats a number for PDF content (at most 3 decimals, no exponent).
func pn(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

func utf16Hex(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}

// pdfText encodes s as a PDF text string (UTF-16BE with a byte-order mark).
func pdfText(s string) string { return "<FEFF" + utf16Hex(s) + ">" }
