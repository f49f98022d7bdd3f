package layout

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// Target is what a map is made for: a slide, a page or an image of a given
// width. Sizes are in points (1/72 inch) of the sheet the map is drawn on;
// screen targets are drawn at PixelsPerPoint pixels per point (a 16:9
// slide is a 960×540-point sheet, 1920×1080 pixels).
type Target struct {
	Name string
	// Width and Height of the sheet; Height 0 means as tall as the map
	// needs (width=N), both 0 a sheet the size of the map (poster).
	Width, Height float64
	// Margin around the map on the sheet.
	Margin float64
	// MinText is the smallest text size allowed on the sheet, in points:
	// 8 pt on paper, 7 pt (14 px) on screens.
	MinText float64
	// Screen targets are images first (their PDF is a page of the same
	// shape); paper targets are pages.
	Screen bool
	// PixelsPerPoint is the resolution of the target's PNG.
	PixelsPerPoint float64
	// MaxAspect bounds height / width of a sheet whose Height is free.
	MaxAspect float64
}

// Paper sizes in points, portrait.
const (
	a4W, a4H = 595.28, 841.89
	a3W, a3H = 841.89, 1190.55
	cm       = 28.35
)

// TargetNames lists the targets ParseTarget accepts (and "width=N").
var TargetNames = []string{"slide-16x9", "slide-4x3", "a4", "a4-landscape", "a3", "a3-landscape", "poster", "width=N"}

// ParseTarget reads a target name: slide-16x9, slide-4x3, a4,
// a4-landscape, a3, a3-landscape, poster or width=N (pixels, 200 to
// 20000).
func ParseTarget(s string) (Target, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	screen := func(w, h float64) Target {
		return Target{Name: name, Width: w, Height: h, Margin: 20, MinText: 7, Screen: true, PixelsPerPoint: 2}
	}
	paper := func(w, h float64) Target {
		return Target{Name: name, Width: w, Height: h, Margin: cm, MinText: 8, PixelsPerPoint: 150.0 / 72}
	}
	switch name {
	case "slide-16x9", "slide", "16x9", "16:9":
		t := screen(960, 540)
		t.Name = "slide-16x9"
		return t, nil
	case "slide-4x3", "4x3", "4:3":
		t := screen(720, 540)
		t.Name = "slide-4x3"
		return t, nil
	case "a4":
		return paper(a4W, a4H), nil
	case "a4-landscape":
		return paper(a4H, a4W), nil
	case "a3":
		return paper(a3W, a3H), nil
	case "a3-landscape":
		return paper(a3H, a3W), nil
	case "poster":
		return paper(0, 0), nil
	}
	if v, ok := strings.CutPrefix(name, "width="); ok {
		px, err := strconv.Atoi(strings.TrimSuffix(v, "px"))
		if err != nil || px < 200 || px > 20000 {
			return Target{}, fmt.Errorf("target %q: give the width in pixels, 200 to 20000 (e.g. width=1600)", s)
		}
		t := screen(float64(px)/2, 0)
		t.Margin = math.Max(8, float64(px)/2*0.02)
		t.MaxAspect = 1.5
		return t, nil
	}
	return Target{}, fmt.Errorf("unknown target %q: use one of %s", s, strings.Join(TargetNames, ", "))
}

// Fit says how a scene goes on a target: at Scale sheet points per scene
// point, on a sheet of Width×Height points with the map's box at Origin;
// Readable is false when the smallest text would then be smaller than the
// target allows, and Cols×Rows is how many pages a split at a readable
// scale takes (1×1 when it fits).
type Fit struct {
	Target        Target
	Scale         float64
	Width, Height float64
	OriginX       float64
	OriginY       float64
	// MinText is the smallest text of the scene, in scene points; at Scale
	// it is MinText*Scale on the sheet.
	MinText  float64
	Readable bool
	// The split: pages and the scale they are drawn at, the overlap
	// between neighbouring pages in sheet points, and where the windows of
	// the columns and rows begin (scene points; columns left to right).
	Cols, Rows   int
	PageScale    float64
	Overlap      float64
	XCuts, YCuts []float64
}

// SheetMinText is the smallest text on the sheet, in points.
func (f Fit) SheetMinText() float64 { return f.MinText * f.Scale }

// ErrTooSmall is wrapped by *FitError.
var ErrTooSmall = errors.New("the map would be too small to read")

// FitError says that a view cannot be shown legibly on one sheet of its
// target, what the smallest readable size is, and how many pages a split
// would take.
type FitError struct {
	View    string
	Fit     Fit
	Minimum string // the smallest readable size, e.g. "a 16:9 image of 2688×1512 px" or "A2 (420×594 mm)"
}

func (e *FitError) Error() string {
	name := e.View
	if name == "" {
		name = "the map"
	}
	return fmt.Sprintf("%s does not fit %s legibly: its smallest text would be %.1f pt, below the %.0f pt a reader needs; the smallest readable size is %s. Split it (%d pages of %s) or show a smaller view (by kind, or the neighbourhood of one concept)",
		quoteName(name), e.Fit.Target.Name, e.Fit.SheetMinText(), e.Fit.Target.MinText, e.Minimum, e.Fit.Cols*e.Fit.Rows, e.Fit.Target.Name)
}

// Unwrap returns ErrTooSmall.
func (e *FitError) Unwrap() error { return ErrTooSmall }

func quoteName(s string) string { return "«" + s + "»" }

// MinText returns the size of the smallest text the scene draws, in
// points (0 for a scene without text).
func (s *Scene) MinText() float64 {
	m := math.Inf(1)
	see := func(size float64) {
		if size > 0 {
			m = math.Min(m, size)
		}
	}
	for _, n := range s.Nodes {
		if n.Label != nil && len(n.Label.Lines) > 0 {
			see(n.Label.Size)
		}
	}
	for _, e := range s.Edges {
		if e.Label != nil && len(e.Label.Lines) > 0 {
			see(e.Label.Size)
		}
	}
	for _, it := range s.Legend {
		see(it.Label.Size)
	}
	for _, c := range append(append([]Caption(nil), s.Sources...), s.Notes...) {
		see(c.Block.Size)
	}
	if s.Title != nil {
		see(s.Title.Size)
	}
	if math.IsInf(m, 1) {
		return 0
	}
	return m
}

// FitTo computes how scene sc goes on target t.
func FitTo(sc *Scene, t Target) Fit {
	f := Fit{Target: t, MinText: sc.MinText(), Cols: 1, Rows: 1}
	m := t.Margin
	switch {
	case t.Width == 0: // poster: the map at its own size
		f.Scale = 1
		f.Width, f.Height = sc.Width+2*m, sc.Height+2*m
	case t.Height == 0: // width=N: as tall as needed, up to MaxAspect
		f.Scale = (t.Width - 2*m) / sc.Width
		if t.MaxAspect > 0 {
			f.Scale = math.Min(f.Scale, (t.Width*t.MaxAspect-2*m)/sc.Height)
		}
		f.Width, f.Height = t.Width, sc.Height*f.Scale+2*m
	default:
		f.Scale = math.Min((t.Width-2*m)/sc.Width, (t.Height-2*m)/sc.Height)
		f.Width, f.Height = t.Width, t.Height
	}
	f.OriginX = (f.Width - sc.Width*f.Scale) / 2
	f.OriginY = (f.Height - sc.Height*f.Scale) / 2
	f.Readable = f.MinText == 0 || f.MinText*f.Scale >= t.MinText*0.999
	f.PageScale = f.Scale
	if f.Readable {
		return f
	}
	f.planSplit(sc)
	return f
}

// planSplit plans the pages of a map that is not readable on one sheet:
// windows of a page's size at the readable scale, then as large a scale
// as keeps the same number of pages.
func (f *Fit) planSplit(sc *Scene) {
	t := f.Target
	m := t.Margin
	pw := t.Width - 2*m
	ph := t.Height - 2*m
	if t.Height == 0 {
		ph = pw * math.Max(t.MaxAspect, 1)
	}
	f.Overlap = math.Min(pw, ph) * 0.06
	var xIv, yIv [][2]float64
	for _, n := range sc.Nodes {
		xIv = append(xIv, [2]float64{n.Rect.Min.X, n.Rect.Max.X})
		yIv = append(yIv, [2]float64{n.Rect.Min.Y, n.Rect.Max.Y})
	}
	rtl := sc.Dir == text.RTL
	plan := func(s float64) (xs, ys []float64) {
		return pageCuts(sc.Width, pw/s, f.Overlap/s, xIv, rtl), pageCuts(sc.Height, ph/s, f.Overlap/s, yIv, false)
	}
	s := t.MinText / f.MinText
	xs, ys := plan(s)
	for k := 0; k < 8; k++ {
		// grow while the pages stay as many
		up := math.Min((float64(len(xs))*(pw-f.Overlap)+f.Overlap)/sc.Width, (float64(len(ys))*(ph-f.Overlap)+f.Overlap)/sc.Height)
		if up <= s*1.01 {
			break
		}
		s2 := s + (up-s)/2
		xs2, ys2 := plan(s2)
		if len(xs2)*len(ys2) > len(xs)*len(ys) {
			break
		}
		s, xs, ys = s2, xs2, ys2
	}
	f.PageScale, f.XCuts, f.YCuts = s, xs, ys
	f.Cols, f.Rows = len(xs), len(ys)
}

// pageCuts returns where the windows of successive pages begin along one
// axis of length extent, each window size long, neighbours overlapping by
// at least ov: each window begins no later than the first concept its
// predecessor cuts at its far end, so that every concept no longer than a
// quarter of a window is whole on some page. fromEnd lays the windows
// from the far end (the columns of right-to-left maps), so that the page
// read last is the one left partly empty.
func pageCuts(extent, size, ov float64, iv [][2]float64, fromEnd bool) []float64 {
	if fromEnd {
		mirrored := make([][2]float64, len(iv))
		for i, r := range iv {
			mirrored[i] = [2]float64{extent - r[1], extent - r[0]}
		}
		starts := pageCuts(extent, size, ov, mirrored, false)
		out := make([]float64, len(starts))
		for i, s := range starts {
			out[len(starts)-1-i] = extent - s - size
		}
		return out
	}
	starts := []float64{0}
	if size <= 0 {
		return starts
	}
	for len(starts) < 200 && starts[len(starts)-1]+size < extent-0.5 {
		start := starts[len(starts)-1]
		end := start + size
		next := end - ov
		for _, r := range iv {
			// a concept the window's end cuts starts the next window
			if r[0] < end && r[1] > end && r[0]-2 < next && r[0]-2 > start+size*0.25 {
				next = r[0] - 2
			}
		}
		starts = append(starts, next)
	}
	return starts
}

// Minimum describes the smallest sheet on which the scene is readable:
// for screens an image of the target's shape in pixels, for paper the
// smallest ISO A size in the target's orientation that holds it.
func (f Fit) Minimum(sc *Scene) string {
	t := f.Target
	sr := t.MinText / math.Max(f.MinText, 1e-9)
	w, h := sc.Width*sr+2*t.Margin, sc.Height*sr+2*t.Margin
	if t.Screen {
		k := w / t.Width
		if t.Height > 0 {
			k = math.Max(k, h/t.Height)
			return fmt.Sprintf("a %s image of %d×%d px", shapeName(t), int(math.Ceil(t.Width*k*t.PixelsPerPoint)), int(math.Ceil(t.Height*k*t.PixelsPerPoint)))
		}
		return fmt.Sprintf("an image %d px wide", int(math.Ceil(t.Width*k*t.PixelsPerPoint)))
	}
	landscape := t.Width > t.Height
	// ISO 216 A sizes in millimetres, portrait
	sizes := [][2]float64{{210, 297}, {297, 420}, {420, 594}, {594, 841}, {841, 1189}}
	for i, mm := range sizes {
		sw, sh := mm[0]/25.4*72, mm[1]/25.4*72
		if landscape {
			sw, sh = sh, sw
		}
		if w <= sw+0.5 && h <= sh+0.5 {
			return fmt.Sprintf("A%d (%.0f×%.0f mm)", 4-i, mm[0], mm[1])
		}
	}
	return fmt.Sprintf("a page of %.0f×%.0f mm", w/72*25.4, h/72*25.4)
}

func shapeName(t Target) string {
	switch t.Name {
	case "slide-16x9":
		return "16:9"
	case "slide-4x3":
		return "4:3"
	}
	return t.Name
}

// BuildFor lays out view v for target t. It tries the view's direction and
// the one across it (unless Direction is given), each with and without the
// leaves of crowded concepts staggered over three ranks, packs the
// components to the target's shape, and keeps the layout that draws the
// map largest on the target (on a poster: the smallest page). The Fit says
// how it goes on the target; when it is not Readable, the caller splits it
// (render.Split) or reports a *FitError (see NewFitError).
func BuildFor(ctx context.Context, p *model.Project, v model.View, t Target, opts ...Option) (*Scene, Fit, error) {
	pr, err := prepare(p, v, opts)
	if err != nil {
		return nil, Fit{}, err
	}
	if pr.done != nil {
		return pr.done, FitTo(pr.done, t), nil
	}
	if pr.c.fixed != nil {
		// a placed view keeps its arrangement: only scaled to the target
		// (and split into pages when it cannot be read on one)
		if sc := pr.fixedScene(); sc != nil {
			return sc, FitTo(sc, t), nil
		}
	}
	aspect := math.Sqrt2
	switch {
	case t.Width > 0 && t.Height > 0:
		aspect = (t.Width - 2*t.Margin) / (t.Height - 2*t.Margin)
	case t.Width > 0 && t.MaxAspect > 0:
		aspect = 1 / t.MaxAspect * 1.4
	}
	dirs := []string{pr.base.Direction}
	if pr.c.direction == "" {
		dirs = append(dirs, across(pr.base.Direction, pr.base.Dir == text.RTL))
	}
	var best *Scene
	var bestFit Fit
	bestScore := -1.0
	for di, d := range dirs {
		for _, st := range []int{0, 3} {
			if st > 0 && pr.base.Engine != "dot" {
				continue
			}
			sc, err := pr.layout(ctx, variant{direction: d, stagger: st, aspect: aspect})
			if err != nil {
				return nil, Fit{}, err
			}
			f := FitTo(sc, t)
			score := f.Scale
			if t.Width == 0 {
				score = 1 / math.Sqrt(f.Width*f.Height)
			}
			if !f.Readable {
				score = 1 / float64(f.Cols*f.Rows) * f.PageScale / 100
			}
			// the view's own direction and the plain layout win ties
			if di > 0 {
				score *= 0.97
			}
			if st > 0 {
				score *= 0.99
			}
			if score > bestScore {
				best, bestFit, bestScore = sc, f, score
			}
		}
	}
	return best, bestFit, nil
}

// NewFitError describes why scene sc is not readable on one sheet of f's
// target.
func NewFitError(sc *Scene, f Fit) *FitError {
	return &FitError{View: sc.ViewName, Fit: f, Minimum: f.Minimum(sc)}
}

// across returns the rank direction across dir: LR or RL (for right-to-left
// scenes) for TB/BT, TB for LR/RL.
func across(dir string, rtl bool) string {
	switch dir {
	case "LR", "RL":
		return "TB"
	}
	if rtl {
		return "RL"
	}
	return "LR"
}
