package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"

	"golang.org/x/image/vector"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// maxPixels bounds the size of a PNG (about 400 MB of RGBA); bigger scenes
// must be rendered at a smaller scale or as SVG/PDF.
const maxPixels = 100_000_000

// PNG renders the scene as an anti-aliased PNG image at Scale pixels per
// point (default 2).
func PNG(w io.Writer, sc *layout.Scene, opts ...Option) error {
	img, err := Image(sc, opts...)
	if err != nil {
		return err
	}
	if err := encodePNG(w, img); err != nil {
		return fmt.Errorf("encode png: %w", err)
	}
	return nil
}

// Image paints the scene into a new RGBA image at Scale pixels per point.
// The GUI may use it for previews and thumbnails.
func Image(sc *layout.Scene, opts ...Option) (*image.RGBA, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	wpx := int(math.Ceil(sc.Width * o.scale))
	hpx := int(math.Ceil(sc.Height * o.scale))
	if wpx <= 0 || hpx <= 0 {
		return nil, fmt.Errorf("empty scene (%gx%g points)", sc.Width, sc.Height)
	}
	if wpx*hpx > maxPixels {
		// shrink to fit rather than fail; say so
		s := math.Sqrt(maxPixels/(sc.Width*sc.Height)) * 0.999
		if s < 0.25 {
			return nil, fmt.Errorf("image of %dx%d pixels is too large even at a quarter pixel per point: render SVG or PDF, or narrow the view", wpx, hpx)
		}
		if o.warn != nil {
			o.warn(fmt.Sprintf("a %dx%d-pixel PNG is too large; drawing at %.2f pixels per point instead of %g", wpx, hpx, s, o.scale))
		}
		o.scale = s
		wpx, hpx = int(math.Ceil(sc.Width*s)), int(math.Ceil(sc.Height*s))
	}
	r := newRaster(image.NewRGBA(image.Rect(0, 0, wpx, hpx)), o.scale, o.shaper)
	paint(r, sc)
	return r.img, nil
}

// Repaint paints areas (scene points, as Scene.Move returns them) of img
// again, img being the scene drawn by Image with the same options (its
// pixel (0, 0) is the scene's corner): the canvas calls it after a move
// instead of drawing the whole scene anew. Each area is widened to whole
// pixels, cleared to the background, and everything overlapping it drawn
// clipped to it; pixels outside img are left out.
func Repaint(img *image.RGBA, sc *layout.Scene, areas []text.Rect, opts ...Option) error {
	o, err := newOptions(opts)
	if err != nil {
		return err
	}
	return repaint(img, sc, o, areas)
}

func repaint(img *image.RGBA, sc *layout.Scene, o *options, areas []text.Rect) error {
	var boxes *sceneBoxes
	r := newRaster(img, o.scale, o.shaper)
	s := o.scale
	for _, a := range areas {
		r.k, r.d = 1, text.Point{}
		r.clip = r.devRect(a).Intersect(img.Rect)
		if r.clip.Empty() {
			continue
		}
		if boxes == nil {
			boxes = boxesOf(sc)
		}
		only := text.Rect{
			Min: text.Point{X: float64(r.clip.Min.X) / s, Y: float64(r.clip.Min.Y) / s},
			Max: text.Point{X: float64(r.clip.Max.X) / s, Y: float64(r.clip.Max.Y) / s},
		}.Inset(-1 / s)
		r.background(sc.Background, sc.Width, sc.Height)
		paintScene(r, sc, &look{only: only, boxes: boxes})
	}
	return nil
}

// raster paints on an RGBA image with golang.org/x/image/vector. Points
// map to pixels by the current transform (k, d) and then s pixels per
// point; drawing is clipped to clip (pixels).
type raster struct {
	img    *image.RGBA
	s      float64
	shaper *text.Shaper
	z      vector.Rasterizer
	buf    text.Path
	k      float64
	d      text.Point
	clip   image.Rectangle
	stack  []rasterState
}

type rasterState struct {
	k    float64
	d    text.Point
	clip image.Rectangle
}

func newRaster(img *image.RGBA, s float64, sh *text.Shaper) *raster {
	return &raster{img: img, s: s, shaper: sh, k: 1, clip: img.Rect}
}

func (r *raster) begin(class, id, label string) {}
func (r *raster) end()                          {}

func (r *raster) push(clip text.Rect, k float64, d text.Point) {
	r.stack = append(r.stack, rasterState{r.k, r.d, r.clip})
	c := r.devRect(clip)
	r.clip = r.clip.Intersect(c)
	r.d = text.Point{X: r.d.X + d.X*r.k, Y: r.d.Y + d.Y*r.k}
	r.k *= k
}

func (r *raster) pop() {
	st := r.stack[len(r.stack)-1]
	r.stack = r.stack[:len(r.stack)-1]
	r.k, r.d, r.clip = st.k, st.d, st.clip
}

// devRect returns the pixels of a rectangle in current coordinates.
func (r *raster) devRect(b text.Rect) image.Rectangle {
	f := r.k * r.s
	ox, oy := r.d.X*r.s, r.d.Y*r.s
	return image.Rect(int(math.Floor(b.Min.X*f+ox)), int(math.Floor(b.Min.Y*f+oy)), int(math.Ceil(b.Max.X*f+ox)), int(math.Ceil(b.Max.Y*f+oy)))
}

func (r *raster) fill(p text.Path, c color.NRGBA) {
	if len(p) == 0 || c.A == 0 {
		return
	}
	r.fillDevice(p, p.Bounds(), c)
}

// area returns the pixels covering b (in current coordinates), one pixel
// of margin around, clipped.
func (r *raster) area(b text.Rect) image.Rectangle {
	return r.devRect(b).Inset(-1).Intersect(r.clip)
}

// rasterize sets z to p's coverage over the pixels of a.
func (r *raster) rasterize(p text.Path, a image.Rectangle) {
	z := &r.z
	z.Reset(a.Dx(), a.Dy())
	f := r.k * r.s
	p.Rasterize(z, f, r.d.X*r.s-float64(a.Min.X), r.d.Y*r.s-float64(a.Min.Y))
}

// fillDevice fills p whose bounds are b.
func (r *raster) fillDevice(p text.Path, b text.Rect, c color.NRGBA) {
	a := r.area(b)
	if a.Empty() {
		return
	}
	r.rasterize(p, a)
	r.z.Draw(r.img, a, image.NewUniform(c), image.Point{})
}

func (r *raster) fillClipped(p, clip text.Path, c color.NRGBA) {
	a := r.area(clip.Bounds())
	if a.Empty() || len(p) == 0 {
		return
	}
	mask := image.NewAlpha(a)
	r.rasterize(clip, a)
	r.z.Draw(mask, a, image.Opaque, image.Point{})
	marks := image.NewAlpha(a)
	r.rasterize(p, a)
	r.z.Draw(marks, a, image.Opaque, image.Point{})
	for i := range mask.Pix {
		mask.Pix[i] = uint8(uint16(mask.Pix[i]) * uint16(marks.Pix[i]) / 255)
	}
	draw.DrawMask(r.img, a, image.NewUniform(c), image.Point{}, mask, a.Min, draw.Over)
}

func (r *raster) stroke(p text.Path, width float64, c color.NRGBA) {
	if len(p) == 0 || c.A == 0 || width <= 0 {
		return
	}
	// A long edge spans much of the image; rasterising its outline in one
	// go would clear and scan its whole bounding box. Pieces with small
	// boxes cost only the pixels they touch.
	f := r.k * r.s
	limit := 96 / f
	for _, piece := range strokePieces(p, width, 0.1/f, limit) {
		r.fill(piece, c)
	}
}

func (r *raster) background(c color.NRGBA, w, h float64) {
	draw.Draw(r.img, r.clip, image.NewUniform(c), image.Point{}, draw.Src)
}

func (r *raster) glyphs(b *text.Block, o text.Point, c color.NRGBA, _ bool) {
	if b == nil || len(b.Lines) == 0 {
		return
	}
	r.buf = r.shaper.AppendBlock(r.buf[:0], b, o)
	if len(r.buf) == 0 {
		return
	}
	r.fillDevice(r.buf, r.buf.Bounds(), c)
}

// strokePieces turns the centre line of p into polygons covering a stroke
// of the given width with round joins and butt ends, all wound the same
// way so that the rasteriser's non-zero fill merges them. The polygons are
// grouped in pieces whose extent stays under about limit points.
func strokePieces(p text.Path, width, tol, limit float64) []text.Path {
	h := width / 2
	var pieces []text.Path
	var out text.Path
	var box text.Rect
	flush := func() {
		if len(out) > 0 {
			pieces = append(pieces, out)
		}
		out, box = nil, text.Rect{}
	}
	disc := func(c text.Point) {
		n := 12
		for i := 0; i <= n; i++ {
			a := -2 * math.Pi * float64(i) / float64(n)
			q := text.Point{X: c.X + h*math.Cos(a), Y: c.Y + h*math.Sin(a)}
			if i == 0 {
				out = out.MoveTo(q)
			} else {
				out = out.LineTo(q)
			}
		}
		out = out.Close()
	}
	for _, poly := range p.Flatten(tol) {
		// drop repeated points
		pts := poly[:0:0]
		for _, q := range poly {
			if len(pts) == 0 || math.Hypot(q.X-pts[len(pts)-1].X, q.Y-pts[len(pts)-1].Y) > 1e-9 {
				pts = append(pts, q)
			}
		}
		closed := len(pts) > 2 && math.Hypot(pts[0].X-pts[len(pts)-1].X, pts[0].Y-pts[len(pts)-1].Y) < 1e-6
		for i := 0; i+1 < len(pts); i++ {
			a, b := pts[i], pts[i+1]
			dx, dy := b.X-a.X, b.Y-a.Y
			l := math.Hypot(dx, dy)
			seg := text.Rect{Min: text.Point{X: min(a.X, b.X) - h, Y: min(a.Y, b.Y) - h}, Max: text.Point{X: max(a.X, b.X) + h, Y: max(a.Y, b.Y) + h}}
			if u := box.Union(seg); len(out) > 0 && u.W()*u.H() > limit*limit {
				flush()
				box = seg
			} else {
				box = u
			}
			nx, ny := -dy/l*h, dx/l*h
			out = out.MoveTo(text.Point{X: a.X + nx, Y: a.Y + ny}).
				LineTo(text.Point{X: b.X + nx, Y: b.Y + ny}).
				LineTo(text.Point{X: b.X - nx, Y: b.Y - ny}).
				LineTo(text.Point{X: a.X - nx, Y: a.Y - ny}).Close()
			// round join where the direction turns noticeably
			if i+2 < len(pts) || closed {
				var c text.Point
				if i+2 < len(pts) {
					c = pts[i+2]
				} else {
					c = pts[1]
				}
				ex, ey := c.X-b.X, c.Y-b.Y
				if el := math.Hypot(ex, ey); el > 0 {
					cos := (dx*ex + dy*ey) / (l * el)
					if cos < 0.985 {
						disc(b)
					}
				}
			}
		}
	}
	flush()
	return pieces
}
