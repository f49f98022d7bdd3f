package ui

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/vector"

	"github.com/khareeta/khareeta/internal/text"
)

// bidiAlign says where a bidiText puts its lines.
type bidiAlign int

const (
	alignAuto   bidiAlign = iota // by the text's own direction: Arabic right, Latin left
	alignUI                      // by the interface direction (right in Arabic)
	alignCenter                  // centred
)

// bidiText shows text laid out by internal/text — shaped, in full Unicode
// bidi order and right-aligned when it is right-to-left — painted as glyph
// outlines. Fyne's own labels place the runs of a mixed Arabic/Latin/digit
// line in logical order from left to right; this widget is used wherever
// project text (labels, phrases, quotes, titles) is shown.
type bidiText struct {
	widget.BaseWidget

	text      string
	size      float32 // font size; 0: the theme's text size
	bold      bool
	wrap      bool // wrap at the widget's width (else one line)
	truncate  bool // one line cut with "…" at the widget's width; min width small
	maxLines  int  // with wrap: at most this many lines (0: any)
	align     bidiAlign
	dir       text.Dir            // paragraph direction; Auto detects it
	colorName fyne.ThemeColorName // "" means foreground
	col       color.Color         // overrides colorName when set
	pad       float32             // inner padding; <0 means the theme's

	width float32 // last width laid out at (for wrapping)
}

// newBidiText returns a one-line text.
func newBidiText(s string) *bidiText {
	t := &bidiText{text: s, pad: -1}
	t.ExtendBaseWidget(t)
	return t
}

// newBidiWrap returns a text that wraps at the widget's width.
func newBidiWrap(s string) *bidiText {
	t := newBidiText(s)
	t.wrap = true
	return t
}

// SetText changes the text.
func (t *bidiText) SetText(s string) {
	if s == t.text {
		return
	}
	t.text = s
	t.Refresh()
}

// Text returns the text shown.
func (t *bidiText) Text() string { return t.text }

func (t *bidiText) fontSize() float32 {
	if t.size > 0 {
		return t.size
	}
	return theme.TextSize()
}

func (t *bidiText) padding() float32 {
	if t.pad >= 0 {
		return t.pad
	}
	return theme.InnerPadding() / 2
}

func (t *bidiText) params(width float32) text.Params {
	p := text.Params{Size: float64(t.fontSize()), Bold: t.bold, Dir: t.dir, Align: text.Start}
	switch t.align {
	case alignCenter:
		p.Align = text.Center
	case alignUI:
		// Align with the interface: lines go to the right edge in Arabic.
		d := t.dir
		if d == text.Auto {
			d = text.DetectDir(t.text, text.LTR)
		}
		if (d == text.RTL) != rtl() {
			p.Align = text.End
		}
	}
	inner := width - 2*t.padding()
	switch {
	case t.truncate:
		p.MaxLines = 1
		if inner > 0 {
			p.MaxWidth = float64(inner)
		}
	case t.wrap:
		p.MaxLines = t.maxLines
		if inner > 0 {
			p.MaxWidth = float64(inner)
		}
	}
	return p
}

// block lays the text out for the given widget width.
func (t *bidiText) block(width float32) *text.Block {
	return text.Default().Layout(t.text, t.params(width))
}

// MinSize is the text's size for one-line texts, or its height at the
// current width for wrapped ones.
func (t *bidiText) MinSize() fyne.Size {
	pad := t.padding()
	lh := float32(text.Default().LineHeight(float64(t.fontSize()), t.bold))
	if t.text == "" {
		return fyne.NewSize(2*pad, lh+2*pad)
	}
	switch {
	case t.truncate:
		return fyne.NewSize(4*pad+theme.TextSize(), lh+2*pad)
	case t.wrap:
		w := t.width
		if w <= 0 {
			w = 240
		}
		b := t.block(w)
		return fyne.NewSize(4*pad+theme.TextSize(), float32(math.Ceil(b.Height))+2*pad)
	}
	b := t.block(0)
	return fyne.NewSize(float32(math.Ceil(b.Width))+2*pad, float32(math.Ceil(b.Height))+2*pad)
}

// Resize re-wraps the text when the width changes.
func (t *bidiText) Resize(s fyne.Size) {
	changed := s.Width != t.width
	t.width = s.Width
	t.BaseWidget.Resize(s)
	if changed && (t.wrap || t.truncate) {
		t.Refresh()
	}
}

func (t *bidiText) textColor() color.Color {
	if t.col != nil {
		return t.col
	}
	n := t.colorName
	if n == "" {
		n = theme.ColorNameForeground
	}
	return theme.ColorForWidget(n, t)
}

// CreateRenderer implements fyne.Widget.
func (t *bidiText) CreateRenderer() fyne.WidgetRenderer {
	r := &bidiRenderer{t: t}
	r.raster = canvas.NewRaster(r.draw)
	r.raster.ScaleMode = canvas.ImageScalePixels
	return r
}

type bidiRenderer struct {
	t      *bidiText
	raster *canvas.Raster
}

func (r *bidiRenderer) draw(w, h int) image.Image {
	t := r.t
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	size := t.Size()
	if t.text == "" || w == 0 || h == 0 || size.Width <= 0 {
		return img
	}
	scale := float64(w) / float64(size.Width)
	b := t.block(size.Width)
	pad := float64(t.padding())
	inner := float64(size.Width) - 2*pad
	x := pad
	// A block is as wide as its widest line; place it by its alignment.
	switch {
	case t.align == alignCenter:
		x = pad + (inner-b.Width)/2
	case t.params(size.Width).Align == text.End:
		if b.Dir != text.RTL {
			x = pad + inner - b.Width
		}
	case b.Dir == text.RTL:
		x = pad + inner - b.Width
	}
	y := pad
	if !t.wrap {
		y = (float64(size.Height) - b.Height) / 2
	}
	paintBlock(img, b, x*scale, y*scale, scale, t.textColor())
	return img
}

func (r *bidiRenderer) Layout(s fyne.Size) { r.raster.Resize(s) }

func (r *bidiRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *bidiRenderer) Refresh() { r.raster.Refresh() }

func (r *bidiRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.raster} }

func (r *bidiRenderer) Destroy() {}

// paintBlock fills the glyph outlines of b, its top-left corner at (x, y)
// pixels, at scale pixels per point, in colour c onto dst.
func paintBlock(dst draw.Image, b *text.Block, x, y, scale float64, c color.Color) {
	path := text.Default().AppendBlock(nil, b, text.Point{})
	if len(path) == 0 {
		return
	}
	bounds := dst.Bounds()
	z := vector.NewRasterizer(bounds.Dx(), bounds.Dy())
	z.DrawOp = draw.Over
	path.Rasterize(z, scale, x-float64(bounds.Min.X), y-float64(bounds.Min.Y))
	z.Draw(dst, bounds, image.NewUniform(c), image.Point{})
}

// ltr marks s (a path, a command) as left-to-right inside a sentence of
// either direction, so that its slashes and dots stay where they belong.
func ltr(s string) string { return "\u200e" + s + "\u200e" }
