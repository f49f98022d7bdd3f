// Package render paints a layout.Scene as PNG, SVG, PDF or DOT.
//
// PNG, SVG and PDF are drawn by one painter from the scene's geometry and
// the glyph outlines of the bundled fonts, so the three look the same on
// every machine and need no fonts installed: shaped, right-to-left Arabic
// included. The SVG and PDF also carry the label texts (SVG titles and
// aria-labels; PDF text that can be searched, selected and extracted).
// DOT gives Graphviz users the graph with its real labels and styles.
//
// The package never calls Graphviz and imports no GUI toolkit.
package render

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"

	"github.com/khareeta/khareeta/internal/fsx"
	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// Option changes how a scene is rendered.
type Option func(*options)

type options struct {
	scale  float64
	page   string
	shaper *text.Shaper
	warn   func(string)
}

// Scale sets PNG pixels per point (default 2: crisp on high-DPI screens;
// 1 point = 1/72 inch, so 2 is 144 DPI). It also applies to nothing else.
func Scale(s float64) Option { return func(o *options) { o.scale = s } }

// Page fits a PDF onto a landscape page: "a4", "a3" or "" (default: a page
// the size of the scene).
func Page(name string) Option { return func(o *options) { o.page = strings.ToLower(name) } }

// WithShaper draws glyphs with s instead of text.Default(); it must be the
// shaper the scene was laid out with.
func WithShaper(s *text.Shaper) Option { return func(o *options) { o.shaper = s } }

// OnWarning receives warnings, e.g. that a PNG was drawn at a smaller scale
// than asked because it would have been too large.
func OnWarning(f func(msg string)) Option { return func(o *options) { o.warn = f } }

func newOptions(opts []Option) (*options, error) {
	o := &options{scale: 2}
	for _, f := range opts {
		f(o)
	}
	if o.shaper == nil {
		o.shaper = text.Default()
	}
	if o.scale <= 0 || o.scale > 16 {
		return nil, fmt.Errorf("scale %g out of range (0 < scale ≤ 16)", o.scale)
	}
	switch o.page {
	case "", "a4", "a3":
	default:
		return nil, fmt.Errorf("unknown page size %q (use a4 or a3)", o.page)
	}
	return o, nil
}

// Writer renders a scene to w.
type Writer func(w io.Writer, sc *layout.Scene, opts ...Option) error

// Format returns the writer for a file extension (".png", "svg", "PDF", …)
// or an error naming the supported ones.
func Format(ext string) (Writer, error) {
	switch strings.ToLower(strings.TrimPrefix(ext, ".")) {
	case "png":
		return PNG, nil
	case "svg":
		return SVG, nil
	case "pdf":
		return PDF, nil
	case "dot", "gv":
		return DOT, nil
	}
	if ext == "" {
		return nil, fmt.Errorf("no file extension: name the output .png, .svg, .pdf or .dot")
	}
	return nil, fmt.Errorf("unknown output format %q: use .png, .svg, .pdf or .dot", ext)
}

// ToFile renders the scene to path in the format its extension names. The
// file is written under a temporary name and renamed, so a failed render
// leaves no partial file; an existing file keeps its permissions.
func ToFile(path string, sc *layout.Scene, opts ...Option) (err error) {
	wr, err := Format(filepath.Ext(path))
	if err != nil {
		return err
	}
	return fsx.WriteFile(path, func(w io.Writer) error {
		bw := newBufWriter(w)
		if err := wr(bw, sc, opts...); err != nil {
			return fmt.Errorf("render %s: %w", path, err)
		}
		return bw.Flush()
	})
}

func newBufWriter(w io.Writer) *bufio.Writer { return bufio.NewWriterSize(w, 1<<16) }

// painter is what PNG, SVG and PDF back-ends implement; paint drives them
// all the same way.
type painter interface {
	background(c color.NRGBA, w, h float64)
	fill(p text.Path, c color.NRGBA)
	stroke(p text.Path, width float64, c color.NRGBA)
	// glyphs draws a text block with its top-left corner at o; layer says
	// whether its text joins the searchable text layer (PDF, SVG).
	glyphs(b *text.Block, o text.Point, c color.NRGBA, layer bool)
	// fillClipped fills p in c where it lies inside clip (non-zero rule).
	fillClipped(p, clip text.Path, c color.NRGBA)
	// push draws what follows scaled by k and moved by d (a point q lands
	// at q·k+d), clipped to clip (in the coordinates before push); pop
	// undoes the last push.
	push(clip text.Rect, k float64, d text.Point)
	pop()
	// begin and end bracket the drawing of one object; label is its text
	// for accessibility and extraction.
	begin(class, id, label string)
	end()
}

var white = color.NRGBA{255, 255, 255, 255}

// look changes how paintScene draws a scene: concepts and relations
// (by id) drawn faded, as the steps of a presentation do; the faded ones
// stay out of the text layer.
type look struct {
	fade   map[string]bool
	noText bool
	// whole, when not empty, is the window shown: labels it cuts are not
	// drawn (they are whole on another page)
	whole text.Rect
	// only, when not empty, is the area being painted again (Repaint):
	// what lies wholly outside it is skipped; boxes holds what each node
	// and edge covers.
	only  text.Rect
	boxes *sceneBoxes
}

// sceneBoxes are the areas the nodes, edges and edge labels of a scene
// cover, with their strokes.
type sceneBoxes struct {
	nodes, edges, labels []text.Rect
}

func boxesOf(sc *layout.Scene) *sceneBoxes {
	b := &sceneBoxes{nodes: make([]text.Rect, len(sc.Nodes)), edges: make([]text.Rect, len(sc.Edges)), labels: make([]text.Rect, len(sc.Edges))}
	for i := range sc.Nodes {
		n := &sc.Nodes[i]
		b.nodes[i] = n.Rect.Union(n.Outline.Bounds()).Union(n.LabelRect).Inset(-n.StrokeWidth - 1)
	}
	for i := range sc.Edges {
		e := &sc.Edges[i]
		b.edges[i] = e.Path.Bounds().Inset(-e.Width - 1).Union(e.Arrow.Bounds().Inset(-e.Width - 1))
		b.labels[i] = e.LabelRect.Inset(-2.5)
	}
	return b
}

// skip reports whether something covering r lies outside the area the
// look paints.
func (l *look) skip(r text.Rect) bool {
	return l != nil && !l.only.Empty() && !l.only.Overlaps(r)
}

// repainting reports whether the look paints part of a scene again (no
// text layer, no labels for begin).
func (l *look) repainting() bool { return l != nil && !l.only.Empty() }

// cut reports whether the look's window cuts r.
func (l *look) cut(r text.Rect) bool {
	return l != nil && !l.whole.Empty() && !l.whole.ContainsRect(r, 0.01)
}

func (l *look) faded(id string) bool { return l != nil && l.fade[id] }

// fadeTo mixes c with bg, keeping a fifth of c.
func fadeTo(c, bg color.NRGBA) color.NRGBA {
	m := func(a, b uint8) uint8 { return uint8(float64(b) + (float64(a)-float64(b))*0.2 + 0.5) }
	return color.NRGBA{m(c.R, bg.R), m(c.G, bg.G), m(c.B, bg.B), c.A}
}

// paint draws the scene: background, edges, nodes, edge labels, title,
// notes, legend and sources, in that order.
func paint(pt painter, sc *layout.Scene) {
	pt.background(sc.Background, sc.Width, sc.Height)
	paintScene(pt, sc, nil)
}

// paintScene draws the scene without its background.
func paintScene(pt painter, sc *layout.Scene, lk *look) {
	nodeLabel := map[string]string{}
	if !lk.repainting() {
		for _, n := range sc.Nodes {
			nodeLabel[n.ConceptID] = blockText(n.Label)
		}
	}
	col := func(id string, c color.NRGBA) color.NRGBA {
		if lk.faded(id) {
			return fadeTo(c, sc.Background)
		}
		return c
	}
	for i, e := range sc.Edges {
		if lk.repainting() && lk.skip(lk.boxes.edges[i]) {
			continue
		}
		label := ""
		if !lk.repainting() && !lk.faded(e.RelationID) {
			label = strings.Join([]string{nodeLabel[e.From], blockText(e.Label), nodeLabel[e.To]}, " ")
		}
		pt.begin("edge", e.RelationID, label)
		if len(e.Path) > 0 {
			pt.stroke(e.Path, e.Width, col(e.RelationID, e.Color))
		}
		if len(e.Arrow) > 0 {
			pt.fill(e.Arrow, col(e.RelationID, e.Color))
		}
		pt.end()
	}
	for i, n := range sc.Nodes {
		if lk.repainting() && lk.skip(lk.boxes.nodes[i]) {
			continue
		}
		label := blockText(n.Label)
		faded := lk.faded(n.ConceptID)
		if faded {
			label = ""
		}
		pt.begin("node", n.ConceptID, label)
		pt.fill(n.Outline, col(n.ConceptID, n.Fill))
		if n.Pattern != "" {
			paintPattern(pt, &n, col(n.ConceptID, n.Stroke))
		}
		pt.stroke(n.Outline, n.StrokeWidth, col(n.ConceptID, n.Stroke))
		if len(n.Decor) > 0 {
			pt.stroke(n.Decor, n.StrokeWidth, col(n.ConceptID, n.Stroke))
		}
		if n.Label != nil && (lk == nil || !lk.noText) && !lk.cut(n.LabelRect) {
			pt.glyphs(n.Label, n.LabelRect.Min, col(n.ConceptID, n.TextColor), !faded)
		}
		pt.end()
	}
	if lk != nil && lk.noText {
		return
	}
	for i, e := range sc.Edges {
		if e.Label == nil || len(e.Label.Lines) == 0 || lk.cut(e.LabelRect) || lk.repainting() && lk.skip(lk.boxes.labels[i]) {
			continue
		}
		faded := lk.faded(e.RelationID)
		label := blockText(e.Label)
		if faded {
			label = ""
		}
		pt.begin("edge-label", e.RelationID, label)
		pt.fill(text.RoundedRect(e.LabelRect.Inset(-1.5), 3), sc.Background)
		pt.glyphs(e.Label, e.LabelRect.Min, col(e.RelationID, e.TextColor), !faded)
		pt.end()
	}
	if sc.Title != nil {
		pt.begin("title", "", blockText(sc.Title))
		pt.glyphs(sc.Title, sc.TitleRect.Min, sc.TextColor, true)
		pt.end()
	}
	for _, n := range sc.Notes {
		pt.begin("note", "", blockText(n.Block))
		pt.glyphs(n.Block, n.Rect.Min, sc.TextColor, true)
		pt.end()
	}
	for _, it := range sc.Legend {
		pt.begin("legend", it.Kind, blockText(it.Label))
		pt.fill(it.Outline, it.Fill)
		if it.Pattern != "" {
			paintPattern(pt, &layout.Node{Outline: it.Outline, Rect: it.Swatch, Pattern: it.Pattern}, it.Stroke)
		}
		pt.stroke(it.Outline, 1, it.Stroke)
		pt.glyphs(it.Label, it.LabelRect.Min, sc.TextColor, true)
		pt.end()
	}
	for i, s := range sc.Sources {
		class := "source"
		if i == 0 {
			class = "sources-heading"
		}
		pt.begin(class, "", blockText(s.Block))
		pt.glyphs(s.Block, s.Rect.Min, sc.TextColor, true)
		pt.end()
	}
}

// blockText returns the text a block shows, lines joined by spaces.
func blockText(b *text.Block) string {
	if b == nil {
		return ""
	}
	var parts []string
	for _, l := range b.Lines {
		if l.Text != "" {
			parts = append(parts, l.Text)
		}
	}
	return strings.Join(parts, " ")
}
