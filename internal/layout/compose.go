package layout

import (
	"math"
	"sort"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// compose places the title, the graph (gw×gh, already laid out at the
// origin), notes, the legend and the source list, and sets the scene size.
func compose(sc *Scene, c *config, p *model.Project, ix *model.Index, gw, gh float64) {
	fs := c.fontSize
	m := fs * 1.2
	rtl := sc.Dir == text.RTL
	contentW := gw
	if sc.Title != nil {
		contentW = math.Max(contentW, sc.Title.Width)
	}
	for _, n := range sc.Notes {
		contentW = math.Max(contentW, n.Block.Width)
	}

	// Legend: the kinds present, in kind order.
	var legendRows [][]int
	var rowW []float64
	if c.legend {
		present := map[string]bool{}
		for _, n := range sc.Nodes {
			present[n.Kind] = true
		}
		swW, swH := fs*2, fs*1.2
		ls := looksFor(p, c.style)
		for _, k := range model.SortedKinds(p) {
			if !present[k.ID] {
				continue
			}
			name := k.Name.Get(sc.Lang)
			if name == "" {
				name = k.ID
			}
			blk := c.shaper.Layout(name, text.Params{Size: fs * 0.85})
			lk := ls.of(k.ID)
			sc.Legend = append(sc.Legend, LegendItem{
				Kind: k.ID, Fill: lk.fill, Stroke: lk.stroke, Pattern: lk.pattern, Label: blk,
				Swatch:    text.RectXYWH(0, 0, swW, swH),
				LabelRect: text.RectXYWH(0, 0, blk.Width, blk.Height),
			})
			_ = k.Shape
		}
		limit := math.Max(contentW, fs*24)
		gap := fs * 1.2
		var row []int
		w := 0.0
		for i, it := range sc.Legend {
			iw := it.Swatch.W() + fs*0.4 + it.Label.Width
			if len(row) > 0 && w+gap+iw > limit {
				legendRows, rowW = append(legendRows, row), append(rowW, w)
				row, w = nil, 0
			}
			if len(row) > 0 {
				w += gap
			}
			row = append(row, i)
			w += iw
		}
		if len(row) > 0 {
			legendRows, rowW = append(legendRows, row), append(rowW, w)
		}
		for _, rw := range rowW {
			contentW = math.Max(contentW, rw)
		}
	}

	// Sources: a heading and one block per line.
	if len(c.sources) > 0 {
		head := c.sourcesHead
		if head == "" {
			head = "Sources"
			if rtl {
				head = "المصادر"
			}
		}
		sw := math.Max(contentW, fs*36)
		sc.Sources = append(sc.Sources, Caption{Block: c.shaper.Layout(head, text.Params{Size: fs * 0.85, Bold: true, Dir: sc.Dir})})
		for _, l := range c.sources {
			blk := c.shaper.Layout(l, text.Params{Size: fs * 0.72, MaxWidth: sw, MaxLines: 6})
			sc.Sources = append(sc.Sources, Caption{Block: blk})
		}
		for _, s := range sc.Sources {
			contentW = math.Max(contentW, s.Block.Width)
		}
	}

	left := m
	y := m
	if sc.Title != nil {
		sc.TitleRect = text.RectXYWH(left+(contentW-sc.Title.Width)/2, y, sc.Title.Width, sc.Title.Height)
		y += sc.Title.Height + fs
	}
	if len(sc.Nodes) > 0 {
		d := text.Point{X: left + (contentW-gw)/2, Y: y}
		translateScene(sc, d)
		sc.Graph = text.RectXYWH(d.X, d.Y, gw, gh)
		sc.Origin = d
		y += gh
	}
	for i := range sc.Notes {
		b := sc.Notes[i].Block
		sc.Notes[i].Rect = text.RectXYWH(left+(contentW-b.Width)/2, y, b.Width, b.Height)
		y += b.Height + fs*0.5
	}
	if len(legendRows) > 0 {
		y += fs * 1.2
		top := y
		for r, row := range legendRows {
			x := left + (contentW-rowW[r])/2
			if rtl {
				x = left + (contentW+rowW[r])/2 // start at the right edge
			}
			rowH := 0.0
			for _, i := range row {
				rowH = math.Max(rowH, math.Max(sc.Legend[i].Swatch.H(), sc.Legend[i].Label.Height))
			}
			for _, i := range row {
				it := &sc.Legend[i]
				sw, lw := it.Swatch.W(), it.Label.Width
				iw := sw + fs*0.4 + lw
				var sx, lx float64
				if rtl {
					sx, lx = x-sw, x-iw
					x -= iw + fs*1.2
				} else {
					sx, lx = x, x+sw+fs*0.4
					x += iw + fs*1.2
				}
				it.Swatch = text.RectXYWH(sx, y+(rowH-it.Swatch.H())/2, sw, it.Swatch.H())
				it.LabelRect = text.RectXYWH(lx, y+(rowH-it.Label.Height)/2, lw, it.Label.Height)
				shape := "ellipse"
				if k := ix.Kinds[it.Kind]; k != nil {
					shape = k.Shape
				}
				it.Outline, _ = swatchPath(shape, it.Swatch)
			}
			y += rowH + fs*0.4
		}
		sc.LegendRect = text.Rect{Min: text.Point{X: left, Y: top}, Max: text.Point{X: left + contentW, Y: y}}
	}
	if len(sc.Sources) > 0 {
		y += fs
		top := y
		for i := range sc.Sources {
			b := sc.Sources[i].Block
			x := left
			if b.Dir == text.RTL {
				x = left + contentW - b.Width
			}
			sc.Sources[i].Rect = text.RectXYWH(x, y, b.Width, b.Height)
			y += b.Height + fs*0.15
			if i == 0 {
				y += fs * 0.2
			}
		}
		sc.SourcesRect = text.Rect{Min: text.Point{X: left, Y: top}, Max: text.Point{X: left + contentW, Y: y}}
	}
	sc.Width = contentW + 2*m
	sc.Height = y + m
}

func translateScene(sc *Scene, d text.Point) {
	for i := range sc.Nodes {
		n := &sc.Nodes[i]
		n.Rect = n.Rect.Translate(d)
		n.LabelRect = n.LabelRect.Translate(d)
		n.Outline = n.Outline.Transform(1, d)
		n.Decor = n.Decor.Transform(1, d)
	}
	for i := range sc.Edges {
		e := &sc.Edges[i]
		e.Path = e.Path.Transform(1, d)
		e.Arrow = e.Arrow.Transform(1, d)
		e.Tip = e.Tip.Add(d)
		e.LabelRect = e.LabelRect.Translate(d)
	}
}

// CitedSourceLines returns one line per source cited by the given concepts
// and relations, as "Authors (Year). Title.", sorted. It is a plain
// fallback; callers with a proper citation formatter make their own lines
// (see CitedSources and Sources).
func CitedSourceLines(p *model.Project, concepts, relations []string) []string {
	ix := model.NewIndex(p)
	used := map[string]bool{}
	for _, ids := range [][]string{concepts, relations} {
		for _, id := range ids {
			for _, ci := range ix.CitationsOf[id] {
				used[p.Citations[ci].Source] = true
			}
		}
	}
	var lines []string
	for id := range used {
		s := ix.Sources[id]
		if s == nil {
			continue
		}
		lines = append(lines, SourceLine(s))
	}
	sort.Slice(lines, func(i, j int) bool {
		a, b := model.Fold(lines[i]), model.Fold(lines[j])
		if a != b {
			return a < b
		}
		return lines[i] < lines[j]
	})
	return lines
}

// SourceLine formats a source as "Authors (Year). Title." (editors stand in
// for missing authors; "n.d." for a missing year).
func SourceLine(s *model.Source) string {
	names := s.Authors
	if len(names) == 0 {
		names = s.Editors
	}
	var parts []string
	for _, n := range names {
		if v := strings.TrimSpace(n.String()); v != "" {
			parts = append(parts, v)
		}
	}
	who := strings.Join(parts, "; ")
	year := s.Year()
	if year == "" {
		year = "n.d."
	}
	title := strings.TrimSpace(s.Title)
	if title != "" && !strings.HasSuffix(title, ".") && !strings.HasSuffix(title, "?") && !strings.HasSuffix(title, "!") {
		title += "."
	}
	if who == "" {
		return strings.TrimSpace(title + " (" + year + ").")
	}
	return strings.TrimSpace(who + " (" + year + "). " + title)
}
