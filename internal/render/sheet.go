package render

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// Sheet is one page of a PDF or one PNG image: part of a scene drawn at a
// scale, and texts and shapes on top, in points with the origin at the top
// left. Slides, pages, the pages of a split map, the steps of a
// presentation and the pages of a handout are all sheets.
type Sheet struct {
	Width, Height float64
	Background    color.NRGBA
	// Scene is drawn when not nil: its Window (in scene points) scaled by
	// Scale, with Window.Min at At, clipped to the window.
	Scene  *layout.Scene
	Window text.Rect
	At     text.Point
	Scale  float64
	// Fade lists the concepts and relations (ids) drawn faded and left out
	// of the text layer (the steps of a presentation).
	Fade map[string]bool
	// HideText draws the scene's shapes without its texts: an overview
	// whose texts would be too small to read.
	HideText bool
	// HideCut leaves out the labels the window cuts (the pages of a split:
	// each is whole on another page).
	HideCut bool
	// Items are drawn over the scene, in order.
	Items []Item
	// PixelsPerPoint is the resolution of the sheet's PNG (0: 2).
	PixelsPerPoint float64
	// Name describes the sheet ("overview", "page 2", "step 3") for
	// messages.
	Name string
}

// Item is a text or a shape on a sheet. A text item draws Text with its
// top-left corner at At; a shape item fills Path with Fill and strokes it
// with Stroke (Width points wide); Dash dashes the stroke.
type Item struct {
	Class  string
	Text   *text.Block
	At     text.Point
	Color  color.NRGBA
	Path   text.Path
	Fill   color.NRGBA
	Stroke color.NRGBA
	Width  float64
	Dash   bool
}

// SceneSheet returns a sheet of a target with the whole scene on it, as fit
// says (layout.FitTo).
func SceneSheet(sc *layout.Scene, f layout.Fit) Sheet {
	return Sheet{
		Width: f.Width, Height: f.Height, Background: sc.Background,
		Scene: sc, Window: text.RectXYWH(0, 0, sc.Width, sc.Height),
		At: text.Point{X: f.OriginX, Y: f.OriginY}, Scale: f.Scale,
		PixelsPerPoint: f.Target.PixelsPerPoint, Name: f.Target.Name,
	}
}

func (sh *Sheet) pixelsPerPoint() float64 {
	if sh.PixelsPerPoint > 0 {
		return sh.PixelsPerPoint
	}
	return 2
}

// paintSheet draws a sheet with any painter.
func paintSheet(pt painter, sh *Sheet) {
	pt.fill(text.RectPath(text.RectXYWH(0, 0, sh.Width, sh.Height)), sh.Background)
	if sh.Scene != nil {
		w := sh.Window
		frame := text.RectXYWH(sh.At.X, sh.At.Y, w.W()*sh.Scale, w.H()*sh.Scale)
		d := text.Point{X: sh.At.X - w.Min.X*sh.Scale, Y: sh.At.Y - w.Min.Y*sh.Scale}
		pt.push(frame, sh.Scale, d)
		pt.fill(text.RectPath(w), sh.Scene.Background)
		lk := &look{fade: sh.Fade, noText: sh.HideText}
		if sh.HideCut {
			lk.whole = w
		}
		paintScene(pt, sh.Scene, lk)
		pt.pop()
	}
	for _, it := range sh.Items {
		pt.begin(it.Class, "", blockText(it.Text))
		if len(it.Path) > 0 {
			pt.fill(it.Path, it.Fill)
			if it.Width > 0 {
				p := it.Path
				if it.Dash {
					p = dashed(p, it.Width*4, it.Width*3)
				}
				pt.stroke(p, it.Width, it.Stroke)
			}
		}
		if it.Text != nil {
			pt.glyphs(it.Text, it.At, it.Color, true)
		}
		pt.end()
	}
}

// SheetImage paints a sheet into a new image at its PixelsPerPoint.
func SheetImage(sh *Sheet, opts ...Option) (*image.RGBA, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	s := sh.pixelsPerPoint()
	wpx, hpx := int(math.Round(sh.Width*s)), int(math.Round(sh.Height*s))
	if wpx <= 0 || hpx <= 0 {
		return nil, fmt.Errorf("empty sheet (%gx%g points)", sh.Width, sh.Height)
	}
	if wpx*hpx > maxPixels {
		return nil, fmt.Errorf("a %dx%d-pixel image is too large: choose a smaller target or PDF", wpx, hpx)
	}
	r := newRaster(image.NewRGBA(image.Rect(0, 0, wpx, hpx)), s, o.shaper)
	paintSheet(r, sh)
	return r.img, nil
}

// WriteSheetsPDF writes the sheets as the pages of one PDF.
func WriteSheetsPDF(w io.Writer, sheets []Sheet, title, lang string, opts ...Option) error {
	o, err := newOptions(opts)
	if err != nil {
		return err
	}
	if len(sheets) == 0 {
		return fmt.Errorf("write pdf: no pages")
	}
	doc := newPDFDoc(o.shaper, title, lang)
	for i := range sheets {
		paintSheet(doc.page(sheets[i].Width, sheets[i].Height), &sheets[i])
	}
	return doc.write(w)
}

// WriteSheetPNG writes one sheet as a PNG image.
func WriteSheetPNG(w io.Writer, sh *Sheet, opts ...Option) error {
	img, err := SheetImage(sh, opts...)
	if err != nil {
		return err
	}
	if err := encodePNG(w, img); err != nil {
		return fmt.Errorf("encode png: %w", err)
	}
	return nil
}

// SheetFiles returns the files n sheets are written to for path: path
// itself for a PDF (one page per sheet) or a single PNG, else OUT-1.png,
// OUT-2.png, … .
func SheetFiles(path string, n int) []string {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".pdf" || n == 1 {
		return []string{path}
	}
	base := strings.TrimSuffix(path, filepath.Ext(path))
	out := make([]string, n)
	for i := range out {
		out[i] = base + "-" + strconv.Itoa(i+1) + filepath.Ext(path)
	}
	return out
}

// dashed cuts the outline of p into dashes of on points with gaps of off.
func dashed(p text.Path, on, off float64) text.Path {
	var out text.Path
	for _, poly := range p.Flatten(0.2) {
		drawing, left := true, on
		for i := 0; i+1 < len(poly); i++ {
			a, b := poly[i], poly[i+1]
			seg := math.Hypot(b.X-a.X, b.Y-a.Y)
			pos := 0.0
			for pos < seg {
				step := math.Min(left, seg-pos)
				t0, t1 := pos/seg, (pos+step)/seg
				if drawing {
					out = out.MoveTo(text.Point{X: a.X + (b.X-a.X)*t0, Y: a.Y + (b.Y-a.Y)*t0}).
						LineTo(text.Point{X: a.X + (b.X-a.X)*t1, Y: a.Y + (b.Y-a.Y)*t1})
				}
				pos += step
				left -= step
				if left <= 1e-9 {
					drawing = !drawing
					left = on
					if !drawing {
						left = off
					}
				}
			}
		}
	}
	return out
}
