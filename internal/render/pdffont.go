package render

import (
	"bytes"
	"encoding/binary"
	"sort"
	"unicode/utf16"
)

// The text layer's font metrics, in 1/1000 em: a word's box in a PDF
// reader (pdftotext -bbox) spans from the ascent to the descent, one em.
const (
	fontAscent  = 800
	fontDescent = -200
)

// textLayerFont builds the TrueType font embedded for the PDF text layer:
// glyph 0 is .notdef (a box), and glyph i (the text layer's code i, a CID
// mapped to the glyph of the same number) is empty with an advance of
// widths[i-1] thousandths of an em, the width the /W array gives it. The
// text layer is drawn invisibly (render mode 3); what the font must do is
// exist, be valid and agree with the widths.
func textLayerFont(widths []int) []byte {
	n := len(widths) + 1
	be := binary.BigEndian
	u16 := func(b *bytes.Buffer, v int) { binary.Write(b, be, uint16(v)) }
	i16 := func(b *bytes.Buffer, v int) { binary.Write(b, be, int16(v)) }
	u32 := func(b *bytes.Buffer, v uint32) { binary.Write(b, be, v) }

	maxW := 1000
	for _, w := range widths {
		maxW = max(maxW, w)
	}

	// glyf: the .notdef box, then nothing (empty glyphs)
	var glyf bytes.Buffer
	i16(&glyf, 1) // one contour
	i16(&glyf, 50)
	i16(&glyf, 0)
	i16(&glyf, 450)
	i16(&glyf, 700)
	u16(&glyf, 3) // last point of the contour
	u16(&glyf, 0) // no instructions
	glyf.Write([]byte{1, 1, 1, 1})
	for _, dx := range []int{50, 0, 400, 0} {
		i16(&glyf, dx)
	}
	for _, dy := range []int{0, 700, 0, -700} {
		i16(&glyf, dy)
	}
	for glyf.Len()%4 != 0 {
		glyf.WriteByte(0)
	}
	var loca bytes.Buffer
	u32(&loca, 0)
	for i := 1; i <= n; i++ {
		u32(&loca, uint32(glyf.Len()))
	}

	var head bytes.Buffer
	u32(&head, 0x00010000) // version
	u32(&head, 0x00010000) // font revision
	u32(&head, 0)          // checksum adjustment, set below
	u32(&head, 0x5F0F3CF5) // magic
	u16(&head, 0x000B)     // flags
	u16(&head, 1000)       // units per em
	head.Write(make([]byte, 16))
	i16(&head, 0)
	i16(&head, fontDescent)
	i16(&head, maxW)
	i16(&head, fontAscent)
	u16(&head, 0) // mac style
	u16(&head, 8) // lowest readable size
	i16(&head, 2) // direction hint
	i16(&head, 1) // long loca offsets
	i16(&head, 0) // glyph data format

	var hhea bytes.Buffer
	u32(&hhea, 0x00010000)
	i16(&hhea, fontAscent)
	i16(&hhea, fontDescent)
	i16(&hhea, 0) // line gap
	u16(&hhea, maxW)
	i16(&hhea, 0)
	i16(&hhea, 0)
	i16(&hhea, maxW)
	i16(&hhea, 1) // caret slope rise
	i16(&hhea, 0)
	i16(&hhea, 0)
	hhea.Write(make([]byte, 8))
	i16(&hhea, 0) // metric data format
	u16(&hhea, n) // horizontal metrics: one per glyph

	var hmtx bytes.Buffer
	u16(&hmtx, 500)
	i16(&hmtx, 50)
	for _, w := range widths {
		u16(&hmtx, max(w, 0))
		i16(&hmtx, 0)
	}

	var maxp bytes.Buffer
	u32(&maxp, 0x00010000)
	u16(&maxp, n)
	u16(&maxp, 4) // max points
	u16(&maxp, 1) // max contours
	u16(&maxp, 0)
	u16(&maxp, 0)
	u16(&maxp, 2) // zones
	maxp.Write(make([]byte, 16))

	var post bytes.Buffer
	u32(&post, 0x00030000) // no glyph names
	u32(&post, 0)
	i16(&post, -100)
	i16(&post, 50)
	post.Write(make([]byte, 20))

	// cmap: a Windows Unicode subtable that maps nothing (the PDF uses
	// glyph ids; some readers want a cmap all the same)
	var cmap bytes.Buffer
	u16(&cmap, 0)
	u16(&cmap, 1)
	u16(&cmap, 3)
	u16(&cmap, 1)
	u32(&cmap, 12)
	u16(&cmap, 4)  // format
	u16(&cmap, 24) // length
	u16(&cmap, 0)  // language
	u16(&cmap, 2)  // segCountX2
	u16(&cmap, 2)  // search range
	u16(&cmap, 0)  // entry selector
	u16(&cmap, 0)  // range shift
	u16(&cmap, 0xFFFF)
	u16(&cmap, 0)
	u16(&cmap, 0xFFFF)
	u16(&cmap, 1)
	u16(&cmap, 0)

	var name bytes.Buffer
	names := []struct {
		id int
		s  string
	}{{1, "KhareetaText"}, {2, "Regular"}, {4, "KhareetaText"}, {6, "KhareetaText"}}
	u16(&name, 0)
	u16(&name, len(names))
	u16(&name, 6+12*len(names))
	var strs bytes.Buffer
	for _, nm := range names {
		units := utf16.Encode([]rune(nm.s))
		u16(&name, 3)
		u16(&name, 1)
		u16(&name, 0x409)
		u16(&name, nm.id)
		u16(&name, 2*len(units))
		u16(&name, strs.Len())
		for _, u := range units {
			u16(&strs, int(u))
		}
	}
	name.Write(strs.Bytes())

	tables := map[string][]byte{
		"cmap": cmap.Bytes(), "glyf": glyf.Bytes(), "head": head.Bytes(), "hhea": hhea.Bytes(),
		"hmtx": hmtx.Bytes(), "loca": loca.Bytes(), "maxp": maxp.Bytes(), "name": name.Bytes(), "post": post.Bytes(),
	}
	return assembleSFNT(tables)
}

// assembleSFNT assembles TrueType tables into a font file, with checksums.
func assembleSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	be := binary.BigEndian
	var out bytes.Buffer
	num := len(tags)
	sr, es := 1, 0
	for sr*2 <= num {
		sr *= 2
		es++
	}
	binary.Write(&out, be, uint32(0x00010000))
	binary.Write(&out, be, uint16(num))
	binary.Write(&out, be, uint16(sr*16))
	binary.Write(&out, be, uint16(es))
	binary.Write(&out, be, uint16(num*16-sr*16))
	offset := 12 + 16*num
	headAt := 0
	var body bytes.Buffer
	for _, t := range tags {
		data := tables[t]
		out.WriteString(t)
		binary.Write(&out, be, checksum(data))
		binary.Write(&out, be, uint32(offset+body.Len()))
		binary.Write(&out, be, uint32(len(data)))
		if t == "head" {
			headAt = offset + body.Len()
		}
		body.Write(data)
		for body.Len()%4 != 0 {
			body.WriteByte(0)
		}
	}
	out.Write(body.Bytes())
	font := out.Bytes()
	be.PutUint32(font[headAt+8:], 0xB1B0AFBA-checksum(font))
	return font
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
