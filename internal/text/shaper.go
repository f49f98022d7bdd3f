// Package text shapes, orders, wraps and measures labels with the fonts
// bundled in assets, and gives the glyph outlines to draw them.
//
// Arabic is joined and ligated by a HarfBuzz port (go-text/typesetting);
// mixed Arabic, Latin and digits are ordered by the Unicode bidi algorithm;
// paragraphs wrap at a maximum width and right-to-left paragraphs are right
// aligned. The result, a Block, is pure data in points (1/72 inch) with y
// growing downwards: lines of positioned glyphs, which the render package
// paints as outlines and the GUI can paint or hit-test.
//
// The package also holds the small geometry types (Point, Rect, Path) that
// layout and render share. It imports neither Graphviz nor Fyne.
package text

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/khareeta/khareeta/assets"
)

// Face identifies one of the bundled fonts.
type Face uint8

// The bundled faces.
const (
	ArabicRegular Face = iota
	LatinRegular
	ArabicBold
	LatinBold
	numFaces
)

// Family returns the family name of the face ("Noto Sans Arabic", "Noto Sans").
func (f Face) Family() string {
	if f == ArabicRegular || f == ArabicBold {
		return assets.ArabicFamily
	}
	return assets.LatinFamily
}

// Bold reports whether f is a bold face.
func (f Face) Bold() bool { return f == ArabicBold || f == LatinBold }

// Align places the lines of a paragraph within the block.
type Align uint8

// Alignments. Start is the right edge for right-to-left paragraphs and the
// left edge for left-to-right ones.
const (
	Start Align = iota
	Center
	End
)

// Params say how to lay out a text.
type Params struct {
	Size     float64 // font size in points; 0 means 12
	MaxWidth float64 // wrap lines longer than this (points); 0 means no wrapping
	MaxLines int     // keep at most this many lines and end the last with "…"; 0 means no limit
	Dir      Dir     // paragraph direction; Auto detects it from the text
	Align    Align
	Bold     bool
	// LineSpacing multiplies the font's natural line height; 0 means 1.
	LineSpacing float64
}

// Glyph is one positioned glyph of a Block.
type Glyph struct {
	Face Face
	ID   uint32 // glyph index in the face
	// X, Y is the glyph origin (on the baseline) relative to the block's
	// top-left corner.
	X, Y float64
	// Advance is the horizontal advance in points.
	Advance float64
	// Missing is set for glyphs no bundled font has (emoji, rare scripts):
	// they are drawn as an empty box.
	Missing bool
	// Text holds the characters this glyph stands for (for text extraction),
	// on one glyph of each cluster (the widest); it is "" on the others.
	Text string
	// RTL is set for glyphs of right-to-left runs.
	RTL bool
}

// Line is one line of a Block, its glyphs in visual (left-to-right) order.
type Line struct {
	// X is the left edge of the line's ink advance, Baseline its baseline,
	// both relative to the block's top-left corner; Width its advance width.
	X, Baseline, Width float64
	// Top and Bottom bound the line box.
	Top, Bottom float64
	Glyphs      []Glyph
	// Text is the line's text in logical order, as stored (for text
	// extraction and accessibility), with "…" appended when truncated.
	Text string
}

// Block is a laid-out paragraph (or several, separated by "\n").
// Blocks returned by a Shaper are shared and must not be modified.
type Block struct {
	Text      string  // the sanitized text, logical order
	Size      float64 // font size in points
	Dir       Dir     // resolved paragraph direction (LTR or RTL)
	Width     float64 // widest line
	Height    float64 // sum of the line heights
	Lines     []Line
	Truncated bool // lines were dropped or a line was cut because of MaxLines
}

// Bounds returns the block's box at the origin: (0,0)–(Width,Height).
func (b *Block) Bounds() Rect { return Rect{Max: Point{b.Width, b.Height}} }

// internal shaping size: go-text rounds sizes up to whole numbers, so we
// shape at a fixed size and scale the results.
const refSize = 100

// maxRunes bounds the text shaped for one block; longer text is cut (and
// shown truncated) so that absurd labels cannot overflow 26.6 arithmetic or
// take long to shape.
const maxRunes = 4000

// Shaper lays out text with the bundled fonts. It is safe for concurrent
// use; results are cached.
type Shaper struct {
	mu       sync.Mutex
	faces    [numFaces]*font.Face
	upem     [numFaces]float64
	ascent   [2]float64 // per style (0 regular, 1 bold), in em
	descent  [2]float64
	hb       shaping.HarfbuzzShaper
	seg      shaping.Segmenter
	wrap     shaping.LineWrapper
	outlines map[glyphKey]Path
	cache    map[cacheKey]*Block
}

type glyphKey struct {
	face Face
	gid  uint32
}

type cacheKey struct {
	text string
	p    Params
}

const maxCache = 8192

var (
	defaultOnce   sync.Once
	defaultShaper *Shaper
	defaultErr    error
)

// Default returns the process-wide Shaper over the bundled fonts. It panics
// if the embedded fonts cannot be parsed (a broken build).
func Default() *Shaper {
	defaultOnce.Do(func() { defaultShaper, defaultErr = NewShaper() })
	if defaultErr != nil {
		panic(defaultErr)
	}
	return defaultShaper
}

// NewShaper parses the bundled fonts and returns a new Shaper.
func NewShaper() (*Shaper, error) {
	s := &Shaper{outlines: map[glyphKey]Path{}, cache: map[cacheKey]*Block{}}
	data := [numFaces][]byte{assets.ArabicRegular, assets.LatinRegular, assets.ArabicBold, assets.LatinBold}
	for i, d := range data {
		f, err := font.ParseTTF(bytes.NewReader(d))
		if err != nil {
			return nil, fmt.Errorf("parse bundled font %d: %w", i, err)
		}
		s.faces[i] = f
		s.upem[i] = float64(f.Upem())
	}
	// The fonts' own line metrics (hhea: 1.374/0.738 em for Noto Sans
	// Arabic) leave room for stacks of Quranic marks and make labels look
	// double spaced. Vocalised Arabic stays within 1.1 em above and 0.5 em
	// below the baseline, Latin within 1.07 and 0.3, so lines use those.
	s.ascent = [2]float64{1.1, 1.1}
	s.descent = [2]float64{0.5, 0.5}
	return s, nil
}

// LineHeight returns the height of one line at the given size.
func (s *Shaper) LineHeight(size float64, bold bool) float64 {
	st := 0
	if bold {
		st = 1
	}
	return (s.ascent[st] + s.descent[st]) * size
}

// Measure returns the size of text laid out with p.
func (s *Shaper) Measure(txt string, p Params) (w, h float64) {
	b := s.Layout(txt, p)
	return b.Width, b.Height
}

// Layout sanitizes, shapes, orders and wraps txt. The Block is cached and
// shared: do not modify it.
func (s *Shaper) Layout(txt string, p Params) *Block {
	if p.Size <= 0 {
		p.Size = 12
	}
	if p.LineSpacing <= 0 {
		p.LineSpacing = 1
	}
	if p.MaxWidth < 0 {
		p.MaxWidth = 0
	}
	key := cacheKey{txt, p}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.cache[key]; ok {
		return b
	}
	b := s.layout(txt, p)
	if len(s.cache) >= maxCache {
		clear(s.cache)
	}
	s.cache[key] = b
	return b
}

type fontmap struct {
	ar, la *font.Face
	script language.Script
}

func (m *fontmap) SetScript(sc language.Script) { m.script = sc }

func (m *fontmap) ResolveFace(r rune) *font.Face {
	if m.script == language.Arabic {
		if _, ok := m.ar.NominalGlyph(r); ok {
			return m.ar
		}
	}
	if _, ok := m.la.NominalGlyph(r); ok {
		return m.la
	}
	if _, ok := m.ar.NominalGlyph(r); ok {
		return m.ar
	}
	return m.la
}

func (s *Shaper) faceOf(f *font.Face) Face {
	for i, g := range s.faces {
		if g == f {
			return Face(i)
		}
	}
	return LatinRegular
}

func (s *Shaper) layout(txt string, p Params) *Block {
	clean := Sanitize(txt)
	all := []rune(clean)
	cut := false
	if len(all) > maxRunes {
		all, cut = all[:maxRunes], true
		clean = string(all)
	}
	b := &Block{Text: clean, Size: p.Size}
	b.Dir = p.Dir
	if b.Dir == Auto {
		b.Dir = DetectDir(clean, LTR)
	}
	if clean == "" {
		return b
	}
	dir := di.DirectionLTR
	if b.Dir == RTL {
		dir = di.DirectionRTL
	}
	fm := &fontmap{ar: s.faces[ArabicRegular], la: s.faces[LatinRegular]}
	if p.Bold {
		fm = &fontmap{ar: s.faces[ArabicBold], la: s.faces[LatinBold]}
	}
	scale := p.Size / refSize
	st := 0
	if p.Bold {
		st = 1
	}
	asc, desc := s.ascent[st]*p.Size, s.descent[st]*p.Size
	lh := (asc + desc) * p.LineSpacing
	maxW := fixed.Int26_6(math.MaxInt32 >> 1)
	if p.MaxWidth > 0 {
		maxW = fixed.Int26_6(p.MaxWidth / scale * 64)
	}
	// The truncator: an ellipsis shaped in the paragraph direction.
	ell := []rune{'…'}
	fm.SetScript(language.Common)
	trunc := s.hb.Shape(shaping.Input{Text: ell, RunEnd: 1, Direction: dir, Face: fm.ResolveFace('…'), Size: fixed.I(refSize), Script: language.Common})

	// A fixed language keeps results independent of the environment; the
	// segmenter adapts it to each run's script.
	lang := language.NewLanguage("en")
	if b.Dir == RTL {
		lang = language.NewLanguage("ar")
	}
	paras := strings.Split(clean, "\n")
	remaining := p.MaxLines
	y := 0.0
	for pi, para := range paras {
		if p.MaxLines > 0 && remaining <= 0 {
			b.Truncated = true
			break
		}
		runes := []rune(para)
		last := pi == len(paras)-1
		if len(runes) == 0 {
			b.Lines = append(b.Lines, Line{Baseline: y + asc, Top: y, Bottom: y + lh})
			y += lh
			remaining--
			continue
		}
		in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: fixed.I(refSize), Language: lang}
		splits := s.seg.Split(in, fm)
		outs := make([]shaping.Output, len(splits))
		for i, sp := range splits {
			outs[i] = s.hb.Shape(sp)
		}
		cfg := shaping.WrapConfig{Direction: dir, BreakPolicy: shaping.WhenNecessary, Truncator: trunc}
		if p.MaxLines > 0 {
			cfg.TruncateAfterLines = remaining
			cfg.TextContinues = !last || cut
		} else if cut && last {
			// no line limit but the text was cut: show it on the last line.
			cfg.TruncateAfterLines = 1 << 20
			cfg.TextContinues = true
		}
		lines, truncated := s.wrap.WrapParagraphF(cfg, maxW, runes, shaping.NewSliceIterator(outs))
		if truncated > 0 || (cfg.TextContinues && p.MaxLines > 0 && len(lines) == remaining) {
			b.Truncated = true
		}
		for li, line := range lines {
			hasTrunc := li == len(lines)-1 && cfg.TruncateAfterLines > 0 && (truncated > 0 || (cfg.TextContinues && len(lines) == cfg.TruncateAfterLines))
			b.Lines = append(b.Lines, s.convertLine(line, runes, b.Dir == RTL, hasTrunc, scale, y, asc, lh))
			y += lh
		}
		remaining -= len(lines)
	}
	if cut {
		b.Truncated = true
	}
	b.Height = y
	for _, l := range b.Lines {
		b.Width = math.Max(b.Width, l.Width)
	}
	for i := range b.Lines {
		l := &b.Lines[i]
		var x float64
		switch {
		case p.Align == Center:
			x = (b.Width - l.Width) / 2
		case (p.Align == Start) == (b.Dir == RTL):
			x = b.Width - l.Width
		}
		if x != 0 {
			l.X += x
			for j := range l.Glyphs {
				l.Glyphs[j].X += x
			}
		}
	}
	return b
}

// convertLine copies a wrapped line out of the wrapper's buffers, placing
// its glyphs left to right.
func (s *Shaper) convertLine(line shaping.Line, runes []rune, rtlPara, hasTrunc bool, scale, top, asc, lh float64) Line {
	out := Line{Top: top, Bottom: top + lh, Baseline: top + asc}
	// logical text of the line
	lo, hi := len(runes), 0
	for i, run := range line {
		if hasTrunc && i == len(line)-1 {
			continue
		}
		lo = min(lo, run.Runes.Offset)
		hi = max(hi, run.Runes.Offset+run.Runes.Count)
	}
	if lo < hi {
		out.Text = strings.TrimSpace(string(runes[lo:hi]))
	}
	if hasTrunc {
		out.Text += "…"
	}
	order := visualOrder(line, runes, rtlPara, hasTrunc)
	pen := 0.0
	for _, idx := range order {
		run := line[idx]
		face := s.faceOf(run.Face)
		rtl := run.Direction.Progression() == di.TowardTopLeft
		isTrunc := hasTrunc && idx == len(line)-1
		gs := run.Glyphs
		for start := 0; start < len(gs); {
			// a cluster: consecutive glyphs with the same cluster index; its
			// text goes on the glyph with the largest advance (the base, not
			// a zero-width mark), for extraction and selection
			end := start + 1
			for end < len(gs) && gs[end].ClusterIndex == gs[start].ClusterIndex {
				end++
			}
			carrier := start
			for k := start; k < end; k++ {
				if gs[k].Advance > gs[carrier].Advance {
					carrier = k
				}
			}
			txt := ""
			if isTrunc {
				txt = "…"
			} else if c, n := gs[start].ClusterIndex, gs[start].RuneCount; c >= 0 && c+n <= len(runes) {
				txt = string(runes[c : c+n])
			}
			for k := start; k < end; k++ {
				g := gs[k]
				if g.GlyphID != font.EmptyGlyph {
					gl := Glyph{
						Face:    face,
						ID:      uint32(g.GlyphID),
						X:       pen + float64(g.XOffset)/64*scale,
						Y:       out.Baseline - float64(g.YOffset)/64*scale,
						Advance: float64(g.Advance) / 64 * scale,
						Missing: g.GlyphID == 0,
						RTL:     rtl,
					}
					if k == carrier {
						gl.Text = txt
					}
					out.Glyphs = append(out.Glyphs, gl)
				}
				pen += float64(g.Advance) / 64 * scale
			}
			start = end
		}
	}
	out.Width = pen
	return out
}

// Outline returns the outline of glyph g scaled to size and placed at the
// glyph's position plus origin. Missing glyphs get a hollow box.
func (s *Shaper) Outline(g Glyph, size float64, origin Point) Path {
	s.mu.Lock()
	em := s.emOutline(g.Face, g.ID)
	s.mu.Unlock()
	if g.Missing {
		return missingBox(g, size, origin)
	}
	return em.Transform(size, Point{origin.X + g.X, origin.Y + g.Y})
}

// AppendBlock appends the outlines of every glyph of b, its top-left corner
// placed at origin, to dst.
func (s *Shaper) AppendBlock(dst Path, b *Block, origin Point) Path {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range b.Lines {
		for _, g := range l.Glyphs {
			if g.Missing {
				dst = append(dst, missingBox(g, b.Size, origin)...)
				continue
			}
			em := s.emOutline(g.Face, g.ID)
			d := Point{origin.X + g.X, origin.Y + g.Y}
			for _, seg := range em {
				n := seg
				for j := range n.P {
					n.P[j] = Point{seg.P[j].X*b.Size + d.X, seg.P[j].Y*b.Size + d.Y}
				}
				dst = append(dst, n)
			}
		}
	}
	return dst
}

// missingBox is a hollow rectangle standing for a glyph no font has.
func missingBox(g Glyph, size float64, origin Point) Path {
	w := math.Max(g.Advance, size*0.5)
	x0 := origin.X + g.X + w*0.1
	x1 := origin.X + g.X + w*0.9
	y0 := origin.Y + g.Y - size*0.7
	y1 := origin.Y + g.Y
	t := math.Max(size*0.06, 0.5)
	outer := Path{}.MoveTo(Point{x0, y0}).LineTo(Point{x1, y0}).LineTo(Point{x1, y1}).LineTo(Point{x0, y1}).Close()
	// inner contour wound the other way makes a hole under the non-zero rule
	inner := Path{}.MoveTo(Point{x0 + t, y0 + t}).LineTo(Point{x0 + t, y1 - t}).LineTo(Point{x1 - t, y1 - t}).LineTo(Point{x1 - t, y0 + t}).Close()
	return append(outer, inner...)
}

// emOutline returns the glyph outline in em units, y down; s.mu must be held.
func (s *Shaper) emOutline(f Face, gid uint32) Path {
	k := glyphKey{f, gid}
	if p, ok := s.outlines[k]; ok {
		return p
	}
	var p Path
	if data, ok := s.faces[f].GlyphData(font.GID(gid)).(font.GlyphOutline); ok {
		u := 1 / s.upem[f]
		pt := func(a ot.SegmentPoint) Point { return Point{float64(a.X) * u, -float64(a.Y) * u} }
		open := false
		for _, seg := range data.Segments {
			switch seg.Op {
			case ot.SegmentOpMoveTo:
				if open {
					p = p.Close()
				}
				p = p.MoveTo(pt(seg.Args[0]))
				open = true
			case ot.SegmentOpLineTo:
				p = p.LineTo(pt(seg.Args[0]))
			case ot.SegmentOpQuadTo:
				p = p.QuadTo(pt(seg.Args[0]), pt(seg.Args[1]))
			case ot.SegmentOpCubeTo:
				p = p.CubeTo(pt(seg.Args[0]), pt(seg.Args[1]), pt(seg.Args[2]))
			}
		}
		if open {
			p = p.Close()
		}
	}
	s.outlines[k] = p
	return p
}

// HasGlyph reports whether a bundled font draws r.
func (s *Shaper) HasGlyph(r rune) bool {
	for _, f := range s.faces {
		if _, ok := f.NominalGlyph(r); ok {
			return true
		}
	}
	return false
}
