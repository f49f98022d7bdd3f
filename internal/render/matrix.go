package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"

	"golang.org/x/image/vector"

	"github.com/khareeta/khareeta/internal/text"
)

// Mark is what a cell of a matrix shows.
type Mark uint8

// The marks of a coverage matrix: nothing, a filled disc (direct) and a
// ring (through a chain of relations).
const (
	MarkNone Mark = iota
	MarkDirect
	MarkChain
)

// Matrix is a table of marks to draw: the coverage matrix of threats
// (rows) and recommendations (columns). The app builds it from an
// analysis; this package only draws it.
type Matrix struct {
	Title      string
	Rows, Cols []string // labels
	Cells      [][]Mark // Cells[i][j]: row i, column j
	// Gaps marks rows drawn as gaps (a threat nothing addresses).
	Gaps []bool
}

func (m *Matrix) gap(i int) bool { return i < len(m.Gaps) && m.Gaps[i] }

// MatrixStyle says how a coverage matrix is drawn.
type MatrixStyle struct {
	// RTL mirrors the table: threat labels on the right, recommendations
	// from right to left (for Arabic).
	RTL bool
	// Size is the font size in points (0: 10).
	Size float64
	// Corner is written in the top corner cell ("" for none); the legend
	// texts explain the marks (the English defaults when empty).
	Corner                               string
	LegendDirect, LegendChain, LegendGap string
	// Colours; zero values take the light defaults.
	Background, Text, Grid, Direct, Chain, GapRow, GapText color.Color
	// Highlight marks one row and one column (-1 for none).
	HighlightRow, HighlightCol int
	HighlightColor             color.Color
}

func (st *MatrixStyle) defaults() {
	if st.Size <= 0 {
		st.Size = 10
	}
	def := func(c *color.Color, d color.Color) {
		if *c == nil {
			*c = d
		}
	}
	def(&st.Background, color.White)
	def(&st.Text, color.NRGBA{0x21, 0x25, 0x29, 0xff})
	def(&st.Grid, color.NRGBA{0xce, 0xd4, 0xda, 0xff})
	def(&st.Direct, color.NRGBA{0x2b, 0x8a, 0x3e, 0xff})
	def(&st.Chain, color.NRGBA{0x2b, 0x8a, 0x3e, 0xff})
	def(&st.GapRow, color.NRGBA{0xff, 0xe3, 0xe3, 0xff})
	def(&st.GapText, color.NRGBA{0xc9, 0x2a, 0x2a, 0xff})
	def(&st.HighlightColor, color.NRGBA{0x1c, 0x7e, 0xd6, 0x40})
	if st.LegendDirect == "" {
		st.LegendDirect = "addresses the threat directly"
	}
	if st.LegendChain == "" {
		st.LegendChain = "addresses it through a chain of relations"
	}
	if st.LegendGap == "" {
		st.LegendGap = "gap: no recommendation addresses the threat"
	}
}

// MatrixLayout is a coverage matrix placed on a page, in points with y
// growing downwards. The GUI paints it and hit-tests taps with it.
type MatrixLayout struct {
	m             *Matrix
	st            MatrixStyle
	Width, Height float64
	// Rows[i] is the box of threat i's label, Cols[j] that of
	// recommendation j's header, Cells[i][j] that of a cell.
	Rows, Cols []text.Rect
	Cells      [][]text.Rect
	// Table is the box of the whole table (headers included).
	Table text.Rect

	texts []placed
	title *placed
}

type placed struct {
	b   *text.Block
	at  text.Point
	col color.Color
}

// LayoutMatrix places a matrix for drawing.
func LayoutMatrix(m *Matrix, st MatrixStyle) *MatrixLayout {
	st.defaults()
	sh := text.Default()
	const margin, pad = 16.0, 5.0
	rowW := 15 * st.Size * 1.6 // threat labels
	colW := 6.4 * st.Size * 1.5
	l := &MatrixLayout{m: m, st: st}
	y := margin
	if m.Title != "" {
		b := sh.Layout(m.Title, text.Params{Size: st.Size * 1.4, Bold: true, MaxWidth: rowW + colW*float64(max(len(m.Cols), 3))})
		l.title = &placed{b: b, at: text.Point{X: margin, Y: y}, col: st.Text}
		y += b.Height + 10
	}
	// Column headers: wrapped, centred, bottom-aligned above their column.
	headH := 0.0
	heads := make([]*text.Block, len(m.Cols))
	for j, label := range m.Cols {
		heads[j] = sh.Layout(label, text.Params{Size: st.Size * 0.9, MaxWidth: colW - 2*pad, MaxLines: 7, Align: text.Center})
		headH = math.Max(headH, heads[j].Height)
	}
	headH += 2 * pad
	var corner *text.Block
	if st.Corner != "" {
		corner = sh.Layout(st.Corner, text.Params{Size: st.Size * 0.9, Bold: true, MaxWidth: rowW - 2*pad})
		headH = math.Max(headH, corner.Height+2*pad)
	}
	top := y
	x0 := margin + rowW
	for j, b := range heads {
		box := text.RectXYWH(x0+float64(j)*colW, top, colW, headH)
		l.Cols = append(l.Cols, box)
		l.texts = append(l.texts, placed{b: b, at: text.Point{X: box.Min.X + (colW-b.Width)/2, Y: box.Max.Y - pad - b.Height}, col: st.Text})
	}
	if corner != nil {
		l.texts = append(l.texts, placed{b: corner, at: text.Point{X: margin + pad, Y: top + headH - pad - corner.Height}, col: st.Text})
	}
	y = top + headH
	minRow := sh.LineHeight(st.Size, false) + 2*pad
	for i, label := range m.Rows {
		col := st.Text
		if m.gap(i) {
			col = st.GapText
		}
		b := sh.Layout(label, text.Params{Size: st.Size, MaxWidth: rowW - 2*pad, MaxLines: 3, Bold: m.gap(i)})
		h := math.Max(minRow, b.Height+2*pad)
		box := text.RectXYWH(margin, y, rowW, h)
		l.Rows = append(l.Rows, box)
		l.texts = append(l.texts, placed{b: b, at: text.Point{X: margin + pad, Y: y + (h-b.Height)/2}, col: col})
		cells := make([]text.Rect, len(m.Cols))
		for j := range cells {
			cells[j] = text.RectXYWH(x0+float64(j)*colW, y, colW, h)
		}
		l.Cells = append(l.Cells, cells)
		y += h
	}
	l.Table = text.Rect{Min: text.Point{X: margin, Y: top}, Max: text.Point{X: x0 + colW*float64(len(m.Cols)), Y: y}}
	// Legend.
	y += 12
	for _, s := range []string{st.LegendDirect, st.LegendChain, st.LegendGap} {
		b := sh.Layout(s, text.Params{Size: st.Size * 0.9})
		l.texts = append(l.texts, placed{b: b, at: text.Point{X: margin + 22, Y: y}, col: st.Text})
		y += math.Max(b.Height, 14) + 4
	}
	l.Width = math.Max(l.Table.Max.X, margin+22+l.maxLegend()) + margin
	if l.title != nil {
		l.Width = math.Max(l.Width, margin+l.title.b.Width+margin)
	}
	l.Height = y + margin - 4
	if st.RTL {
		l.mirror()
	}
	return l
}

func (l *MatrixLayout) maxLegend() float64 {
	w := 0.0
	for _, p := range l.texts[len(l.texts)-3:] {
		w = math.Max(w, p.b.Width)
	}
	return w
}

// legend returns legend line k (0 direct, 1 chain, 2 gap).
func (l *MatrixLayout) legend(k int) placed { return l.texts[len(l.texts)-3+k] }

// mirror flips the layout left to right, for right-to-left pages.
func (l *MatrixLayout) mirror() {
	W := l.Width
	fr := func(r text.Rect) text.Rect {
		return text.Rect{Min: text.Point{X: W - r.Max.X, Y: r.Min.Y}, Max: text.Point{X: W - r.Min.X, Y: r.Max.Y}}
	}
	for i := range l.Rows {
		l.Rows[i] = fr(l.Rows[i])
		for j := range l.Cells[i] {
			l.Cells[i][j] = fr(l.Cells[i][j])
		}
	}
	for j := range l.Cols {
		l.Cols[j] = fr(l.Cols[j])
	}
	l.Table = fr(l.Table)
	for i := range l.texts {
		p := &l.texts[i]
		p.at.X = W - p.at.X - p.b.Width
	}
	if l.title != nil {
		l.title.at.X = W - l.title.at.X - l.title.b.Width
	}
}

// Hit returns the row and column at point p: (i, j) for a cell, (i, -1)
// for a threat's label, (-1, j) for a recommendation's header, and (-1, -1)
// elsewhere.
func (l *MatrixLayout) Hit(p text.Point) (row, col int) {
	row, col = -1, -1
	for i, r := range l.Rows {
		if p.Y >= r.Min.Y && p.Y < r.Max.Y {
			row = i
		}
	}
	for j, c := range l.Cols {
		if p.X >= c.Min.X && p.X < c.Max.X {
			col = j
		}
	}
	if row >= 0 && col < 0 && !l.Rows[row].Contains(p) {
		row = -1
	}
	if col >= 0 && row < 0 && !l.Cols[col].Contains(p) {
		col = -1
	}
	return row, col
}

// Paint draws the layout onto dst, its top-left corner at dst's, at scale
// pixels per point.
func (l *MatrixLayout) Paint(dst draw.Image, scale float64) {
	st := l.st
	b := dst.Bounds()
	draw.Draw(dst, b, image.NewUniform(st.Background), image.Point{}, draw.Src)
	fill := func(p text.Path, c color.Color) {
		if len(p) == 0 {
			return
		}
		z := vector.NewRasterizer(b.Dx(), b.Dy())
		z.DrawOp = draw.Over
		p.Rasterize(z, scale, 0, 0)
		z.Draw(dst, b, image.NewUniform(c), image.Point{})
	}
	// Gap rows and highlights.
	var gaps text.Path
	for i, r := range l.Rows {
		if l.m.gap(i) {
			gaps = append(gaps, text.RectPath(text.Rect{Min: text.Point{X: l.Table.Min.X, Y: r.Min.Y}, Max: text.Point{X: l.Table.Max.X, Y: r.Max.Y}})...)
		}
	}
	fill(gaps, st.GapRow)
	var hl text.Path
	if i := st.HighlightRow; i >= 0 && i < len(l.Rows) {
		r := l.Rows[i]
		hl = append(hl, text.RectPath(text.Rect{Min: text.Point{X: l.Table.Min.X, Y: r.Min.Y}, Max: text.Point{X: l.Table.Max.X, Y: r.Max.Y}})...)
	}
	if j := st.HighlightCol; j >= 0 && j < len(l.Cols) {
		c := l.Cols[j]
		hl = append(hl, text.RectPath(text.Rect{Min: text.Point{X: c.Min.X, Y: l.Table.Min.Y}, Max: text.Point{X: c.Max.X, Y: l.Table.Max.Y}})...)
	}
	fill(hl, st.HighlightColor)
	// Grid: a line under the header, between rows and between columns.
	var grid text.Path
	const lw = 0.6
	hline := func(x0, x1, y float64) {
		grid = append(grid, text.RectPath(text.Rect{Min: text.Point{X: x0, Y: y - lw/2}, Max: text.Point{X: x1, Y: y + lw/2}})...)
	}
	vline := func(x, y0, y1 float64) {
		grid = append(grid, text.RectPath(text.Rect{Min: text.Point{X: x - lw/2, Y: y0}, Max: text.Point{X: x + lw/2, Y: y1}})...)
	}
	bodyTop := l.Table.Max.Y
	if len(l.Rows) > 0 {
		bodyTop = l.Rows[0].Min.Y
	}
	hline(l.Table.Min.X, l.Table.Max.X, bodyTop)
	for _, r := range l.Rows {
		hline(l.Table.Min.X, l.Table.Max.X, r.Max.Y)
	}
	for _, c := range l.Cols {
		vline(c.Min.X, l.Table.Min.Y, l.Table.Max.Y)
		vline(c.Max.X, l.Table.Min.Y, l.Table.Max.Y)
	}
	fill(grid, st.Grid)
	// Marks: a filled disc for direct, a ring for a chain.
	var direct, chain text.Path
	for i, row := range l.Cells {
		for j, c := range row {
			rad := math.Min(c.W(), c.H()) * 0.28
			rad = math.Min(rad, st.Size*0.7)
			switch l.m.Cells[i][j] {
			case MarkDirect:
				direct = append(direct, text.Circle(c.Center(), rad)...)
			case MarkChain:
				chain = append(chain, text.Ring(c.Center(), rad, rad*0.62)...)
			}
		}
	}
	// Legend marks, beside the legend lines.
	for k := 0; k < 3; k++ {
		p := l.legend(k)
		cy := p.at.Y + p.b.Height/2
		cx := p.at.X - 11
		if st.RTL {
			cx = p.at.X + p.b.Width + 11
		}
		rad := st.Size * 0.5
		switch k {
		case 0:
			direct = append(direct, text.Circle(text.Point{X: cx, Y: cy}, rad)...)
		case 1:
			chain = append(chain, text.Ring(text.Point{X: cx, Y: cy}, rad, rad*0.62)...)
		case 2:
			fill(text.RectPath(text.RectCenter(text.Point{X: cx, Y: cy}, 2*rad+2, 2*rad)), st.GapRow)
		}
	}
	fill(direct, st.Direct)
	fill(chain, st.Chain)
	// Texts, grouped by colour.
	byCol := map[color.Color]text.Path{}
	var order []color.Color
	sh := text.Default()
	add := func(p placed) {
		if _, ok := byCol[p.col]; !ok {
			order = append(order, p.col)
		}
		byCol[p.col] = sh.AppendBlock(byCol[p.col], p.b, p.at)
	}
	if l.title != nil {
		add(*l.title)
	}
	for _, p := range l.texts {
		add(p)
	}
	for _, c := range order {
		fill(byCol[c], c)
	}
}

// Image paints the layout into a new image at scale pixels per point.
func (l *MatrixLayout) Image(scale float64) *image.RGBA {
	w := int(math.Ceil(l.Width * scale))
	h := int(math.Ceil(l.Height * scale))
	img := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	l.Paint(img, scale)
	return img
}

// WritePNG encodes the laid-out matrix as a PNG at scale pixels per point
// (0 means 2), with the encoder the maps use.
func (l *MatrixLayout) WritePNG(w io.Writer, scale float64) error {
	if scale <= 0 {
		scale = 2
	}
	if err := encodePNG(w, l.Image(scale)); err != nil {
		return fmt.Errorf("encode png: %w", err)
	}
	return nil
}
