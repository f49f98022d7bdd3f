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
	r := &raster{img: image.NewRGBA(image.Rect(0, 0, wpx, hpx)), s: o.scale, shaper: o.shaper}
	paint(r, sc)
	return r.img, nil
}

// raster paints on an RGBA image with golang.org/x/image/vector.
type raster struct {
	img    *image.RGBA
	s      float64
	shaper *text.Shaper
	z      vector.Rasterizer
	buf    text.Path
}

func (r *raster) begin(class, id, label string) {}
func (r *raster) end()                          {}

func (r *raster) fill(p text.Path, c color.NRGBA) {
	if len(p) == 0 || c.A == 0 {
		return
	}
	b := p.Bounds()
	r.fillDevice(p, b, c)
}

// fillDevice fills p (in points) whose bounds are b.
func (r *raster) fillDevice(p text.Path, b text.Rect, c color.NRGBA) {
	s := r.s
	x0 := max(int(math.Floor(b.Min.X*s))-1, 0)
	y0 := max(int(math.Floor(b.Min.Y*s))-1, 0)
	x1 := min(int(math.Ceil(b.Max.X*s))+1, r.img.Rect.Dx())
	y1 := min(int(math.Ceil(b.Max.Y*s))+1, r.img.Rect.Dy())
	if x1 <= x0 || y1 <= y0 {
		return
	}
	z := &r.z
	z.Reset(x1-x0, y1-y0)
	ox, oy := float64(x0), float64(y0)
	p.Rasterize(z, s, -ox, -oy)
	z.Draw(r.img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{})
}

func (r *raster) stroke(p text.Path, width float64, c color.NRGBA) {
	if len(p) == 0 || c.A == 0 || width <= 0 {
		return
	}
	// A long edge spans much of the image; rasterising its outline in one
	// go would clear and scan its whole bounding box. Pieces with small
	// boxes cost only the pixels they touch.
	limit := 96 / r.s
	for _, piece := range strokePieces(p, width, 0.1/r.s, limit) {
		r.fill(piece, c)
	}
}

func (r *raster) background(c color.NRGBA, w, h float64) {
	draw.Draw(r.img, r.img.Rect, image.NewUniform(c), image.Point{}, draw.Src)
}

func (r *raster) glyphs(b *text.Block, o text.Point, c color.NRGBA) {
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
