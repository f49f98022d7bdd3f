package render

import (
	"fmt"
	"image/color"
	"math"

	"github.com/khareeta/khareeta/internal/text"
)

// Para is a paragraph of a text page (a handout's concept pages and
// reference list): shaped in its own direction (Dir, or detected from the
// text), aligned to its start, wrapped to the page.
type Para struct {
	Text   string
	Size   float64 // points; 0 means 10.5
	Bold   bool
	Color  color.NRGBA // zero means black
	Dir    text.Dir
	Indent float64 // points, on the paragraph's start side
	// Before is the space above the paragraph, in points.
	Before float64
	// KeepWithNext keeps the paragraph on the page of the next one (a
	// heading with its first lines).
	KeepWithNext bool
	// Rule draws a thin line above the paragraph.
	Rule  bool
	Class string
}

// PageSpec is the size and margin of text pages, their direction (which
// side page numbers and rules start from) and a footer label.
type PageSpec struct {
	Width, Height, Margin float64
	Dir                   text.Dir
	// Footer is printed at the bottom of each page with the page number
	// ("%d" is replaced by it); "" prints the number alone.
	Footer string
	// FirstNumber is the number of the first page the flow makes.
	FirstNumber int
}

// Flow sets paragraphs on pages: lines that do not fit go to the next page,
// a paragraph marked KeepWithNext moves with the first lines of the next.
func Flow(paras []Para, ps PageSpec, opts ...Option) ([]Sheet, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	if ps.Width <= 2*ps.Margin || ps.Height <= 2*ps.Margin {
		return nil, fmt.Errorf("flow: page %gx%g too small for margin %g", ps.Width, ps.Height, ps.Margin)
	}
	width := ps.Width - 2*ps.Margin
	bottom := ps.Height - ps.Margin
	var sheets []Sheet
	var cur *Sheet
	y := 0.0
	newPage := func() {
		sheets = append(sheets, Sheet{Width: ps.Width, Height: ps.Height, Background: white, PixelsPerPoint: 150.0 / 72})
		cur = &sheets[len(sheets)-1]
		y = ps.Margin
	}
	newPage()
	blocks := make([]*text.Block, len(paras))
	for i, p := range paras {
		size := p.Size
		if size <= 0 {
			size = 10.5
		}
		blocks[i] = o.shaper.Layout(p.Text, text.Params{Size: size, Bold: p.Bold, Dir: p.Dir, MaxWidth: width - p.Indent, LineSpacing: 1.15})
	}
	place := func(p Para, b *text.Block, top float64) {
		x := ps.Margin + p.Indent
		if b.Dir == text.RTL {
			x = ps.Margin + width - p.Indent - b.Width
		}
		col := p.Color
		if col.A == 0 {
			col = color.NRGBA{0, 0, 0, 255}
		}
		cur.Items = append(cur.Items, Item{Class: p.Class, Text: b, At: text.Point{X: x, Y: top}, Color: col})
	}
	for i, p := range paras {
		b := blocks[i]
		if len(b.Lines) == 0 {
			continue
		}
		before := p.Before
		if y <= ps.Margin {
			before = 0
		}
		need := b.Lines[0].Bottom - b.Lines[0].Top
		if p.KeepWithNext && i+1 < len(paras) && len(blocks[i+1].Lines) > 0 {
			nb := blocks[i+1]
			need = b.Height + paras[i+1].Before + (nb.Lines[min(1, len(nb.Lines)-1)].Bottom - nb.Lines[0].Top)
		}
		if y+before+need > bottom && y > ps.Margin {
			newPage()
			before = 0
		}
		y += before
		if p.Rule {
			rule := text.RectXYWH(ps.Margin, y-math.Max(before/2, 2), width, 0.6)
			cur.Items = append(cur.Items, Item{Class: "rule", Path: text.RectPath(rule), Fill: color.NRGBA{0xb0, 0xb0, 0xb0, 255}})
		}
		// the lines, page after page
		first := 0
		for first < len(b.Lines) {
			last := first
			for last < len(b.Lines) && y+(b.Lines[last].Bottom-b.Lines[first].Top) <= bottom {
				last++
			}
			if last == first {
				if y > ps.Margin {
					newPage()
					continue
				}
				last = first + 1 // a line taller than a page
			}
			part := subBlock(b, first, last)
			place(p, part, y)
			y += part.Height
			first = last
			if first < len(b.Lines) {
				newPage()
			}
		}
	}
	// footers
	for i := range sheets {
		n := ps.FirstNumber + i
		label := fmt.Sprint(n)
		if ps.Footer != "" {
			label = fmt.Sprintf(ps.Footer, n)
		}
		b := o.shaper.Layout(label, text.Params{Size: 8.5, Dir: ps.Dir})
		sheets[i].Items = append(sheets[i].Items, Item{Class: "footer", Text: b, At: text.Point{X: (ps.Width - b.Width) / 2, Y: ps.Height - ps.Margin/2 - b.Height/2}, Color: markGray})
		sheets[i].Name = fmt.Sprintf("page %d", n)
	}
	return sheets, nil
}

// subBlock returns lines [i, j) of b as a block of their own, keeping b's
// width so that their alignment stays.
func subBlock(b *text.Block, i, j int) *text.Block {
	if i == 0 && j == len(b.Lines) {
		return b
	}
	top := b.Lines[i].Top
	out := &text.Block{Text: b.Text, Size: b.Size, Dir: b.Dir, Width: b.Width, Truncated: b.Truncated}
	for _, l := range b.Lines[i:j] {
		l.Top -= top
		l.Bottom -= top
		l.Baseline -= top
		gs := make([]text.Glyph, len(l.Glyphs))
		for k, g := range l.Glyphs {
			g.Y -= top
			gs[k] = g
		}
		l.Glyphs = gs
		out.Lines = append(out.Lines, l)
	}
	out.Height = b.Lines[j-1].Bottom - top
	return out
}
