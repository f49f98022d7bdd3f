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
// searchable, selectable and extractable (pdftotext). With Page("a4") or
// Page("a3") the map is scaled to fit a landscape page with a margin.
func PDF(w io.Writer, sc *layout.Scene, opts ...Option) error {
	o, err := newOptions(opts)
	if err != nil {
		return err
	}
	p := &pdfPainter{shaper: o.shaper, forms: map[glyphID]int{}, codes: map[codeKey]int{}}
	pw, ph := sc.Width, sc.Height
	if size, ok := pageSizes[o.page]; ok {
		pw, ph = size[0], size[1]
		const margin = 28.35 // 1 cm
		s := min((pw-2*margin)/sc.Width, (ph-2*margin)/sc.Height)
		tx := (pw - sc.Width*s) / 2
		ty := (ph - sc.Height*s) / 2
		// PDF's origin is at the bottom left: flip y while scaling.
		fmt.Fprintf(&p.content, "%s 0 0 %s %s %s cm\n", pn(s), pn(-s), pn(tx), pn(ph-ty))
	} else if s := min(1, maxPage/pw, maxPage/ph); s < 1 {
		// PDF viewers refuse pages over 200 inches: shrink huge maps.
		pw, ph = pw*s, ph*s
		fmt.Fprintf(&p.content, "%s 0 0 %s 0 %s cm\n", pn(s), pn(-s), pn(ph))
	} else {
		fmt.Fprintf(&p.content, "1 0 0 -1 0 %s cm\n", pn(ph))
	}
	p.content.WriteString("1 j 0 J\n")
	paint(p, sc)
	title := text.Sanitize(sc.ViewName)
	if sc.Title != nil {
		title = blockText(sc.Title)
	}
	return p.write(w, pw, ph, title, sc.Lang)
}

type codeKey struct {
	text  string
	width int
}

type pdfPainter struct {
	shaper  *text.Shaper
	content bytes.Buffer
	forms   map[glyphID]int // glyph → form number
	formSeq []glyphID
	codes   map[codeKey]int // text-layer code per (text, width)
	codeSeq []codeKey
}

func (p *pdfPainter) begin(class, id, label string) {}
func (p *pdfPainter) end()                          {}

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

func (p *pdfPainter) stroke(pa text.Path, width float64, c color.NRGBA) {
	if len(pa) == 0 || c.A == 0 {
		return
	}
	p.content.WriteString(rgb(c) + " RG " + pn(width) + " w\n")
	p.path(pa)
	p.content.WriteString("S\n")
}

func (p *pdfPainter) glyphs(b *text.Block, o text.Point, c color.NRGBA) {
	if b == nil || len(b.Lines) == 0 {
		return
	}
	cb := &p.content
	cb.WriteString("q " + rgb(c) + " rg\n")
	s := pn(b.Size / 1000)
	for _, l := range b.Lines {
		for _, g := range l.Glyphs {
			if g.Missing {
				p.path(p.shaper.Outline(g, b.Size, o))
				cb.WriteString("f\n")
				continue
			}
			n := p.form(g)
			if n < 0 {
				continue
			}
			cb.WriteString("q " + s + " 0 0 " + s + " " + pn(o.X+g.X) + " " + pn(o.Y+g.Y) + " cm /G" + strconv.Itoa(n) + " Do Q\n")
		}
	}
	cb.WriteString("Q\n")
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
					// marks sit on their base, where extractors combine them
					cw, cx := w, x
					if unicode.Is(unicode.Mn, r) {
						cw, cx = 0, x+slot/2
					}
					code := p.code(codeKey{string(r), cw})
					cb.WriteString("1 0 0 -1 " + pn(cx) + " " + pn(o.Y+g.Y) + " Tm <" + fmt.Sprintf("%04X", code) + "> Tj\n")
				}
			}
		}
	}
	cb.WriteString("ET\n")
}

// form returns the number of the form drawing glyph g at 1000 units per
// em, or -1 for empty glyphs.
func (p *pdfPainter) form(g text.Glyph) int {
	k := glyphID{g.Face, g.ID}
	if n, ok := p.forms[k]; ok {
		return n
	}
	g.X, g.Y = 0, 0
	n := -1
	if len(p.shaper.Outline(g, 1000, text.Point{})) > 0 {
		n = len(p.formSeq)
		p.formSeq = append(p.formSeq, k)
	}
	p.forms[k] = n
	return n
}

func (p *pdfPainter) code(k codeKey) int {
	if n, ok := p.codes[k]; ok {
		return n
	}
	n := len(p.codeSeq) + 1
	if n > 0xFFFF {
		n = 0xFFFF
	}
	p.codes[k] = n
	p.codeSeq = append(p.codeSeq, k)
	return n
}

// write assembles the file: catalog, page, content, glyph forms, the
// text-layer font and the info dictionary, then the cross-reference table.
func (p *pdfPainter) write(w io.Writer, pw, ph float64, title, lang string) error {
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
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	// Objects 1 and 2 are the catalog and the page tree; the page is 3.
	obj("<< /Type /Catalog /Pages 2 0 R /Lang " + pdfText(lang) + " >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	offsets = append(offsets, 0) // page, written last
	content := stream("", p.content.Bytes())

	var xobjs strings.Builder
	for i, k := range p.formSeq {
		g := text.Glyph{Face: k.face, ID: k.id}
		pa := p.shaper.Outline(g, 1000, text.Point{})
		var body bytes.Buffer
		sub := &pdfPainter{}
		sub.path(pa)
		body.Write(sub.content.Bytes())
		body.WriteString("f\n")
		bb := pa.Bounds()
		n := stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [%s %s %s %s]", pn(bb.Min.X-1), pn(bb.Min.Y-1), pn(bb.Max.X+1), pn(bb.Max.Y+1)), body.Bytes())
		fmt.Fprintf(&xobjs, "/G%d %d 0 R ", i, n)
	}

	// The text layer's font has no glyphs of its own (text render mode 3
	// draws nothing); its widths and ToUnicode map make text extraction and
	// selection follow the drawn glyphs.
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Khareeta-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(p.codeSeq); i += 100 {
		chunk := p.codeSeq[i:min(i+100, len(p.codeSeq))]
		fmt.Fprintf(&cmap, "%d beginbfchar\n", len(chunk))
		for j, k := range chunk {
			fmt.Fprintf(&cmap, "<%04X> <%s>\n", i+j+1, utf16Hex(k.text))
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	toUni := stream("", []byte(cmap.String()))
	var widths strings.Builder
	if len(p.codeSeq) > 0 {
		widths.WriteString("/W [1 [")
		for i, k := range p.codeSeq {
			if i > 0 {
				widths.WriteByte(' ')
			}
			widths.WriteString(strconv.Itoa(k.width))
		}
		widths.WriteString("]]")
	}
	desc := obj("<< /Type /FontDescriptor /FontName /KhareetaText /Flags 4 /FontBBox [0 -500 1000 1100] /ItalicAngle 0 /Ascent 1100 /Descent -500 /CapHeight 700 /StemV 80 >>")
	cid := obj(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /KhareetaText /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 500 %s /CIDToGIDMap /Identity >>", desc, widths.String()))
	font := obj(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /KhareetaText /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cid, toUni))
	info := obj("<< /Title " + pdfText(title) + " /Producer (Khareeta) /Creator (Khareeta) >>")

	// the page, in its reserved slot 3
	offsets[2] = out.Len()
	fmt.Fprintf(&out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Contents %d 0 R /Resources << /ProcSet [/PDF /Text] /XObject << %s>> /Font << /T1 %d 0 R >> >> >>\nendobj\n",
		pn(pw), pn(ph), content, xobjs.String(), font)

	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, info, xref)
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
