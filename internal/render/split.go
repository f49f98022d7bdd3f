package render

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

var (
	markGray  = color.NRGBA{0x70, 0x70, 0x70, 255}
	frameBlue = color.NRGBA{0x1c, 0x6e, 0xb4, 255}
)

// SplitPage is one page of a split map: the part of the scene it shows and the
// concepts it holds (the page on which each concept is whole and is
// referred to).
type SplitPage struct {
	Number   int // sheet number, 1 being the overview
	Col, Row int
	Window   text.Rect
	Concepts []string
}

// Split cuts a map too large for one sheet of its target into pages it can
// be read on, as layout.FitTo planned (f.Cols×f.Rows at f.PageScale): first
// an overview (the whole map on one sheet with the pages framed and
// numbered), then one sheet per page in reading order (right to left for
// right-to-left maps). Cuts are moved into gaps between concepts where one
// is near, so that every concept is whole on at least one page;
// neighbouring pages overlap, the margins mark where the neighbours begin
// and name them, and a relation leaving a page names the page of its
// other end.
func Split(sc *layout.Scene, f layout.Fit, opts ...Option) ([]Sheet, []SplitPage, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, nil, err
	}
	t := f.Target
	s := f.PageScale
	if s <= 0 {
		return nil, nil, fmt.Errorf("split: no page scale")
	}
	m := t.Margin
	sheetW, sheetH := t.Width, t.Height
	if sheetW == 0 {
		sheetW, sheetH = f.Width, f.Height
	}
	if sheetH == 0 {
		sheetH = sheetW * math.Max(t.MaxAspect, 1)
	}
	cw, ch := (sheetW-2*m)/s, (sheetH-2*m)/s
	xs, ys := f.XCuts, f.YCuts
	if len(xs) == 0 || len(ys) == 0 {
		return nil, nil, fmt.Errorf("split: the fit has no pages planned")
	}
	cols, rows := len(xs), len(ys)
	rtl := sc.Dir == text.RTL
	number := func(c, r int) int {
		if rtl {
			c = cols - 1 - c
		}
		return 2 + r*cols + c
	}
	// owner of each concept: the page whose core (from its cut to the
	// next) holds the concept's centre
	owner := map[string][2]int{}
	for _, n := range sc.Nodes {
		c := n.Rect.Center()
		owner[n.ConceptID] = [2]int{coreIndex(xs, c.X), coreIndex(ys, c.Y)}
	}
	total := 1 + cols*rows
	lbl := labels(sc)
	textSize := t.MinText * 1.15
	shape := func(str string, bold bool) *text.Block {
		return o.shaper.Layout(str, text.Params{Size: textSize, Bold: bold, Dir: sc.Dir})
	}

	var pages []SplitPage
	sheets := make([]Sheet, 1+cols*rows)
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			win := text.RectXYWH(xs[c], ys[r], cw, ch)
			num := number(c, r)
			pg := SplitPage{Number: num, Col: c, Row: r, Window: win}
			for _, n := range sc.Nodes {
				if owner[n.ConceptID] == [2]int{c, r} {
					pg.Concepts = append(pg.Concepts, n.ConceptID)
				}
			}
			pages = append(pages, pg)
			sh := Sheet{Width: sheetW, Height: sheetH, Background: sc.Background, Scene: sc, Window: win,
				At: text.Point{X: m, Y: m}, Scale: s, PixelsPerPoint: t.PixelsPerPoint, Name: lbl.page + " " + strconv.Itoa(num), HideCut: true}
			toSheet := func(q text.Point) text.Point { return text.Point{X: m + (q.X-win.Min.X)*s, Y: m + (q.Y-win.Min.Y)*s} }
			// header: the view and the page number
			// header: the view, the page and its neighbours
			var nb []string
			if c+1 < cols {
				nb = append(nb, lbl.right+" "+strconv.Itoa(number(c+1, r)))
			}
			if c > 0 {
				nb = append(nb, lbl.left+" "+strconv.Itoa(number(c-1, r)))
			}
			if r > 0 {
				nb = append(nb, lbl.above+" "+strconv.Itoa(number(c, r-1)))
			}
			if r+1 < rows {
				nb = append(nb, lbl.below+" "+strconv.Itoa(number(c, r+1)))
			}
			headText := fmt.Sprintf("%s — %s %d / %d", lbl.view, lbl.page, num, total)
			if len(nb) > 0 {
				headText += " — " + strings.Join(nb, lbl.comma)
			}
			head := shape(headText, false)
			hx := m
			if rtl {
				hx = sheetW - m - head.Width
			}
			sh.Items = append(sh.Items, Item{Class: "page-header", Text: head, At: text.Point{X: hx, Y: (m - head.Height) / 2}, Color: markGray})
			// overlap marks, in the margins: where the neighbours' windows
			// begin and end
			frame := text.RectXYWH(m, m, cw*s, ch*s)
			tick := func(a, b text.Point) {
				sh.Items = append(sh.Items, Item{Class: "overlap-mark", Path: text.Path{}.MoveTo(a).LineTo(b), Stroke: markGray, Width: 0.8, Dash: true})
			}
			if c+1 < cols {
				x := toSheet(text.Point{X: xs[c+1]}).X
				tick(text.Point{X: x, Y: sheetH - m}, text.Point{X: x, Y: sheetH - m*0.25})
			}
			if c > 0 {
				x := toSheet(text.Point{X: xs[c-1] + cw}).X
				tick(text.Point{X: x, Y: sheetH - m}, text.Point{X: x, Y: sheetH - m*0.25})
			}
			if r+1 < rows {
				y := toSheet(text.Point{Y: ys[r+1]}).Y
				tick(text.Point{X: sheetW - m, Y: y}, text.Point{X: sheetW - m*0.25, Y: y})
			}
			if r > 0 {
				y := toSheet(text.Point{Y: ys[r-1] + ch}).Y
				tick(text.Point{X: sheetW - m, Y: y}, text.Point{X: sheetW - m*0.25, Y: y})
			}
			// what a page-reference tag must not cover: concepts and
			// relation labels, on this page's sheet
			var taken []text.Rect
			for _, n := range sc.Nodes {
				if r := n.Rect.Intersect(win); !r.Empty() {
					taken = append(taken, sheetRect(r, win, s, m))
				}
			}
			for _, e := range sc.Edges {
				if e.Label != nil {
					if r := e.LabelRect.Intersect(win); !r.Empty() {
						taken = append(taken, sheetRect(r, win, s, m))
					}
				}
			}
			// relations cut by the page's border: the page of the other end
			tagged := map[string][]text.Point{}
			for _, e := range sc.Edges {
				a, b := owner[e.From], owner[e.To]
				if a == b {
					continue
				}
				var here bool
				var other [2]int
				var path []text.Point
				flat := flatten(e.Path)
				switch {
				case a == [2]int{c, r} && !whole(sc, e.To, win):
					here, other, path = true, b, flat
				case b == [2]int{c, r} && !whole(sc, e.From, win):
					here, other, path = true, a, reversed(flat)
				}
				if !here || len(path) < 2 {
					continue
				}
				exit, ok := leaves(path, win)
				if !ok {
					continue
				}
				ref := lbl.pageShort + " " + strconv.Itoa(number(other[0], other[1]))
				q := toSheet(exit)
				if near, ok := tagged[ref]; ok && nearAny(near, q, 40) {
					continue // one tag serves the relations leaving together
				}
				tagged[ref] = append(tagged[ref], q)
				blk := shape(ref, true)
				box, ok := freeSpot(q, blk.Width+6, blk.Height+2, frame, taken)
				if !ok {
					continue // no free place near: the header names the neighbours
				}
				taken = append(taken, box)
				sh.Items = append(sh.Items, Item{Class: "page-ref", Path: text.RoundedRect(box, 3), Fill: color.NRGBA{255, 255, 255, 255}, Stroke: frameBlue, Width: 0.8},
					Item{Class: "page-ref", Text: blk, At: text.Point{X: box.Min.X + 3, Y: box.Min.Y + 1}, Color: frameBlue})
			}
			sheets[num-1] = sh
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Number < pages[j].Number })

	// the overview: the whole map with the pages framed and numbered
	fit := layout.FitTo(sc, t)
	if t.Height == 0 && t.Width > 0 {
		fit.Scale = math.Min(fit.Scale, (sheetH-2*m)/sc.Height)
		fit.Width, fit.Height = sheetW, sheetH
		fit.OriginX = (sheetW - sc.Width*fit.Scale) / 2
		fit.OriginY = (sheetH - sc.Height*fit.Scale) / 2
	}
	ovw := SceneSheet(sc, fit)
	ovw.Name = lbl.overview
	ovw.HideText = fit.SheetMinText() < t.MinText
	ovw.PixelsPerPoint = t.PixelsPerPoint
	head := shape(fmt.Sprintf("%s — %s: %d %s", lbl.view, lbl.overview, cols*rows, lbl.pages), true)
	hx := m
	if rtl {
		hx = ovw.Width - m - head.Width
	}
	ovw.Items = append(ovw.Items, Item{Class: "page-header", Text: head, At: text.Point{X: hx, Y: math.Max(2, (fit.OriginY-head.Height)/2)}, Color: markGray})
	for _, pg := range pages {
		r := pg.Window.Intersect(text.RectXYWH(0, 0, sc.Width, sc.Height))
		box := text.RectXYWH(fit.OriginX+r.Min.X*fit.Scale, fit.OriginY+r.Min.Y*fit.Scale, r.W()*fit.Scale, r.H()*fit.Scale).Inset(1)
		ovw.Items = append(ovw.Items, Item{Class: "page-frame", Path: text.RectPath(box), Stroke: frameBlue, Width: 1.2, Dash: true})
		blk := o.shaper.Layout(strconv.Itoa(pg.Number), text.Params{Size: math.Max(textSize*2, math.Min(box.H()*0.18, 36)), Bold: true})
		nb := text.RectCenter(box.Center(), blk.Width+10, blk.Height+4)
		ovw.Items = append(ovw.Items, Item{Class: "page-number", Path: text.RoundedRect(nb, 4), Fill: color.NRGBA{255, 255, 255, 255}, Stroke: frameBlue, Width: 1},
			Item{Class: "page-number", Text: blk, At: text.Point{X: nb.Min.X + 5, Y: nb.Min.Y + 2}, Color: frameBlue})
	}
	sheets[0] = ovw
	return sheets, pages, nil
}

// labels holds the words a split prints, in the scene's language.
type labelSet struct {
	view, page, pageShort, pages, overview string
	right, left, above, below, comma       string
}

func labels(sc *layout.Scene) labelSet {
	name := sc.ViewName
	if sc.Dir == text.RTL {
		if name == "" {
			name = "الخريطة"
		}
		return labelSet{view: name, page: "صفحة", pageShort: "ص", pages: "صفحات", overview: "نظرة عامة",
			right: "يمينًا ص", left: "يسارًا ص", above: "أعلى ص", below: "أسفل ص", comma: "، "}
	}
	if name == "" {
		name = "Map"
	}
	return labelSet{view: name, page: "page", pageShort: "p.", pages: "pages", overview: "overview",
		right: "right p.", left: "left p.", above: "above p.", below: "below p.", comma: ", "}
}

// coreIndex returns the page along an axis whose core (from its start to
// the next page's start) holds v.
func coreIndex(starts []float64, v float64) int {
	i := 0
	for k, s := range starts {
		if v >= s {
			i = k
		}
	}
	return i
}

// whole reports whether the concept's node lies entirely in win.
func whole(sc *layout.Scene, id string, win text.Rect) bool {
	i := sc.NodeByID(id)
	return i >= 0 && win.ContainsRect(sc.Nodes[i].Rect, 0)
}

func flatten(p text.Path) []text.Point {
	var out []text.Point
	for _, poly := range p.Flatten(1) {
		out = append(out, poly...)
	}
	return out
}

func reversed(p []text.Point) []text.Point {
	out := make([]text.Point, len(p))
	for i, q := range p {
		out[len(p)-1-i] = q
	}
	return out
}

// leaves returns the last point of the polyline inside r before it leaves
// r for good (the point where it crosses r's border).
func leaves(path []text.Point, r text.Rect) (text.Point, bool) {
	if !r.Contains(path[0]) {
		return text.Point{}, false
	}
	for i := 1; i < len(path); i++ {
		if !r.Contains(path[i]) {
			a, b := path[i-1], path[i]
			// bisect to the border
			for k := 0; k < 20; k++ {
				mid := text.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2}
				if r.Contains(mid) {
					a = mid
				} else {
					b = mid
				}
			}
			return a, true
		}
	}
	return text.Point{}, false
}

// nearAny reports whether q is within d of one of pts.
func nearAny(pts []text.Point, q text.Point, d float64) bool {
	for _, p := range pts {
		if math.Hypot(p.X-q.X, p.Y-q.Y) <= d {
			return true
		}
	}
	return false
}

// sheetRect maps a rectangle of the scene, shown in window win at scale s
// with a margin m, onto the sheet.
func sheetRect(r, win text.Rect, s, m float64) text.Rect {
	return text.Rect{
		Min: text.Point{X: m + (r.Min.X-win.Min.X)*s, Y: m + (r.Min.Y-win.Min.Y)*s},
		Max: text.Point{X: m + (r.Max.X-win.Min.X)*s, Y: m + (r.Max.Y-win.Min.Y)*s},
	}
}

// freeSpot finds a place for a w×h box inside frame, as near q as it can
// and within 60 points of it, that overlaps none of taken.
func freeSpot(q text.Point, w, h float64, frame text.Rect, taken []text.Rect) (text.Rect, bool) {
	free := func(b text.Rect) bool {
		if !frame.ContainsRect(b, 0) {
			return false
		}
		for _, t := range taken {
			if t.Inset(-1).Overlaps(b) {
				return false
			}
		}
		return true
	}
	start := keepInside(text.RectCenter(q, w, h), frame)
	for d := 0.0; d <= 60; d += 3 {
		for _, off := range []text.Point{{X: 0, Y: -d}, {X: 0, Y: d}, {X: -d, Y: 0}, {X: d, Y: 0}} {
			b := keepInside(start.Translate(off), frame)
			if free(b) {
				return b, true
			}
		}
	}
	return text.Rect{}, false
}

// keepInside moves box into frame.
func keepInside(box, frame text.Rect) text.Rect {
	d := text.Point{}
	if box.Min.X < frame.Min.X {
		d.X = frame.Min.X - box.Min.X
	} else if box.Max.X > frame.Max.X {
		d.X = frame.Max.X - box.Max.X
	}
	if box.Min.Y < frame.Min.Y {
		d.Y = frame.Min.Y - box.Min.Y
	} else if box.Max.Y > frame.Max.Y {
		d.Y = frame.Max.Y - box.Max.Y
	}
	return box.Translate(d)
}
