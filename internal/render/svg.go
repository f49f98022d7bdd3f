package render

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// SVG renders the scene as an SVG document. Glyphs are drawn as outlines
// (each glyph defined once and reused), so the file looks the same in every
// browser without fonts; each node, edge and caption is a group whose
// <title> and aria-label hold its text, and an invisible text layer (SVG
// <text> over each drawn line, stretched to it) lets browsers find and
// select the text and Inkscape edit it. The same scene always gives the
// same bytes.
func SVG(w io.Writer, sc *layout.Scene, opts ...Option) error {
	o, err := newOptions(opts)
	if err != nil {
		return err
	}
	s := &svgPainter{shaper: o.shaper, ids: map[glyphID]string{}}
	paint(s, sc)
	var head bytes.Buffer
	title := text.Sanitize(sc.ViewName)
	if sc.Title != nil {
		title = blockText(sc.Title)
	}
	if title == "" {
		title = "Khareeta map"
	}
	dir := "ltr"
	if sc.Dir == text.RTL {
		dir = "rtl"
	}
	fmt.Fprintf(&head, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%spt" height="%spt" viewBox="0 0 %s %s" role="img" aria-labelledby="map-title" lang="%s" direction="%s">
<title id="map-title">%s</title>
`, f2(sc.Width), f2(sc.Height), f2(sc.Width), f2(sc.Height), xmlEsc(text.Sanitize(sc.Lang)), dir, xmlEsc(title))
	if len(s.defs) > 0 {
		head.WriteString("<defs>\n")
		head.Write(s.defs)
		head.WriteString("</defs>\n")
	}
	if _, err := w.Write(head.Bytes()); err != nil {
		return fmt.Errorf("write svg: %w", err)
	}
	if _, err := w.Write(s.body.Bytes()); err != nil {
		return fmt.Errorf("write svg: %w", err)
	}
	if _, err := io.WriteString(w, "</svg>\n"); err != nil {
		return fmt.Errorf("write svg: %w", err)
	}
	return nil
}

type glyphID struct {
	face text.Face
	id   uint32
}

type svgPainter struct {
	shaper *text.Shaper
	body   bytes.Buffer
	defs   []byte
	ids    map[glyphID]string
	clips  int
}

func (s *svgPainter) begin(class, id, label string) {
	s.body.WriteString(`<g class="` + class + `"`)
	if id != "" {
		s.body.WriteString(` data-id="` + xmlEsc(id) + `"`)
	}
	if label != "" {
		s.body.WriteString(` role="img" aria-label="` + xmlEsc(label) + `"><title>` + xmlEsc(label) + "</title>\n")
	} else {
		s.body.WriteString(">\n")
	}
}

func (s *svgPainter) end() { s.body.WriteString("</g>\n") }

func (s *svgPainter) background(c color.NRGBA, w, h float64) {
	s.fill(text.RectPath(text.RectXYWH(0, 0, w, h)), c)
}

func (s *svgPainter) fill(p text.Path, c color.NRGBA) {
	if len(p) == 0 || c.A == 0 {
		return
	}
	s.body.WriteString(`<path d="`)
	writePathD(&s.body, p, 1)
	s.body.WriteString(`" fill="` + hexColor(c) + `"` + opacity("fill-opacity", c) + "/>\n")
}

func (s *svgPainter) stroke(p text.Path, width float64, c color.NRGBA) {
	if len(p) == 0 || c.A == 0 {
		return
	}
	s.body.WriteString(`<path d="`)
	writePathD(&s.body, p, 1)
	s.body.WriteString(`" fill="none" stroke="` + hexColor(c) + `" stroke-width="` + f2(width) + `" stroke-linejoin="round"` + opacity("stroke-opacity", c) + "/>\n")
}

func (s *svgPainter) glyphs(b *text.Block, o text.Point, c color.NRGBA, layer bool) {
	if b == nil || len(b.Lines) == 0 {
		return
	}
	fmt.Fprintf(&s.body, `<g fill="%s" transform="translate(%s %s)"%s>`, hexColor(c), f2(o.X), f2(o.Y), opacity("fill-opacity", c))
	sc := f4(b.Size / 1000)
	for _, l := range b.Lines {
		for _, g := range l.Glyphs {
			if g.Missing {
				s.body.WriteString(`<path d="`)
				writePathD(&s.body, s.shaper.Outline(g, b.Size, text.Point{}), 1)
				s.body.WriteString(`"/>`)
				continue
			}
			id := s.glyphDef(g)
			if id == "" {
				continue
			}
			fmt.Fprintf(&s.body, `<use xlink:href="#%s" transform="translate(%s %s) scale(%s)"/>`, id, f2(g.X), f2(g.Y), sc)
		}
	}
	s.body.WriteString("</g>\n")
	if layer {
		s.textLayer(b, o)
	}
}

// textLayer writes the block's lines as invisible SVG text over the drawn
// glyphs, each line centred on its drawn line and stretched to its width,
// so that a browser can find and select the text and Inkscape can edit it,
// while the shaped outlines stay what is seen.
func (s *svgPainter) textLayer(b *text.Block, o text.Point) {
	for _, l := range b.Lines {
		t := strings.TrimSpace(l.Text)
		if t == "" || l.Width <= 0 {
			continue
		}
		dir := "ltr"
		family := `'Noto Sans', 'Noto Sans Arabic', sans-serif`
		if b.Dir == text.RTL {
			dir = "rtl"
			family = `'Noto Sans Arabic', 'Noto Sans', sans-serif`
		}
		fmt.Fprintf(&s.body, `<text class="text-layer" x="%s" y="%s" font-size="%s" font-family="%s" text-anchor="middle" direction="%s" unicode-bidi="embed" textLength="%s" lengthAdjust="spacingAndGlyphs" fill="#000" fill-opacity="0" xml:space="preserve">%s</text>`+"\n",
			f2(o.X+l.X+l.Width/2), f2(o.Y+l.Baseline), f2(b.Size), xmlEsc(family), dir, f2(l.Width), xmlEsc(t))
	}
}

func (s *svgPainter) push(clip text.Rect, k float64, d text.Point) {
	id := "clip" + strconv.Itoa(s.clips)
	s.clips++
	s.defs = append(s.defs, fmt.Sprintf(`<clipPath id="%s"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>`+"\n", id, f2(clip.Min.X), f2(clip.Min.Y), f2(clip.W()), f2(clip.H()))...)
	fmt.Fprintf(&s.body, `<g clip-path="url(#%s)"><g transform="translate(%s %s) scale(%s)">`+"\n", id, f4(d.X), f4(d.Y), f4(k))
}

func (s *svgPainter) pop() { s.body.WriteString("</g></g>\n") }

func (s *svgPainter) fillClipped(p, clip text.Path, c color.NRGBA) {
	if len(p) == 0 || len(clip) == 0 || c.A == 0 {
		return
	}
	id := "clip" + strconv.Itoa(s.clips)
	s.clips++
	var d bytes.Buffer
	writePathD(&d, clip, 2)
	s.defs = append(s.defs, `<clipPath id="`+id+`"><path d="`+d.String()+`"/></clipPath>`+"\n"...)
	s.body.WriteString(`<path d="`)
	writePathD(&s.body, p, 2)
	s.body.WriteString(`" fill="` + hexColor(c) + `"` + opacity("fill-opacity", c) + ` clip-path="url(#` + id + `)"/>` + "\n")
}

// glyphDef returns the id of the glyph's definition (outline at 1000 units
// per em), adding it on first use; "" for empty glyphs such as spaces.
func (s *svgPainter) glyphDef(g text.Glyph) string {
	k := glyphID{g.Face, g.ID}
	if id, ok := s.ids[k]; ok {
		return id
	}
	g.X, g.Y = 0, 0
	p := s.shaper.Outline(g, 1000, text.Point{})
	id := ""
	if len(p) > 0 {
		id = "g" + strconv.Itoa(int(g.Face)) + "-" + strconv.FormatUint(uint64(g.ID), 10)
		var d bytes.Buffer
		writePathD(&d, p, 0)
		s.defs = append(s.defs, `<path id="`+id+`" d="`+d.String()+`"/>`+"\n"...)
	}
	s.ids[k] = id
	return id
}

// writePathD writes SVG path data with the given number of decimals.
func writePathD(b *bytes.Buffer, p text.Path, prec int) {
	num := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', prec, 64)
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		if s == "-0" {
			s = "0"
		}
		return s
	}
	pt := func(q text.Point) { b.WriteString(num(q.X) + " " + num(q.Y)) }
	for i, seg := range p {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch seg.Op {
		case text.MoveTo:
			b.WriteString("M")
			pt(seg.P[0])
		case text.LineTo:
			b.WriteString("L")
			pt(seg.P[0])
		case text.QuadTo:
			b.WriteString("Q")
			pt(seg.P[0])
			b.WriteByte(' ')
			pt(seg.P[1])
		case text.CubeTo:
			b.WriteString("C")
			pt(seg.P[0])
			b.WriteByte(' ')
			pt(seg.P[1])
			b.WriteByte(' ')
			pt(seg.P[2])
		case text.Close:
			b.WriteString("Z")
		}
	}
}

func f2(v float64) string { return trimNum(strconv.FormatFloat(v, 'f', 2, 64)) }
func f4(v float64) string { return trimNum(strconv.FormatFloat(v, 'f', 5, 64)) }

func trimNum(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

func hexColor(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func opacity(attr string, c color.NRGBA) string {
	if c.A == 255 {
		return ""
	}
	return ` ` + attr + `="` + f2(float64(c.A)/255) + `"`
}

var xmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

func xmlEsc(s string) string { return xmlReplacer.Replace(s) }
