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
	"os"
	"path/filepath"
	"strings"

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
// leaves no partial file.
func ToFile(path string, sc *layout.Scene, opts ...Option) (err error) {
	wr, err := Format(filepath.Ext(path))
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := wr(bw, sc, opts...); err != nil {
		return fmt.Errorf("render %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// painter is what PNG, SVG and PDF back-ends implement; paint drives them
// all the same way.
type painter interface {
	background(c color.NRGBA, w, h float64)
	fill(p text.Path, c color.NRGBA)
	stroke(p text.Path, width float64, c color.NRGBA)
	// glyphs draws a text block with its top-left corner at o.
	glyphs(b *text.Block, o text.Point, c color.NRGBA)
	// begin and end bracket the drawing of one object; label is its text
	// for accessibility and extraction.
	begin(class, id, label string)
	end()
}

var white = color.NRGBA{255, 255, 255, 255}

// paint draws the scene: background, edges, nodes, edge labels, title,
// notes, legend and sources, in that order.
func paint(pt painter, sc *layout.Scene) {
	pt.background(sc.Background, sc.Width, sc.Height)
	nodeLabel := map[string]string{}
	for _, n := range sc.Nodes {
		nodeLabel[n.ConceptID] = blockText(n.Label)
	}
	for _, e := range sc.Edges {
		pt.begin("edge", e.RelationID, strings.Join([]string{nodeLabel[e.From], blockText(e.Label), nodeLabel[e.To]}, " "))
		if len(e.Path) > 0 {
			pt.stroke(e.Path, e.Width, e.Color)
		}
		if len(e.Arrow) > 0 {
			pt.fill(e.Arrow, e.Color)
		}
		pt.end()
	}
	for _, n := range sc.Nodes {
		pt.begin("node", n.ConceptID, blockText(n.Label))
		pt.fill(n.Outline, n.Fill)
		pt.stroke(n.Outline, n.StrokeWidth, n.Stroke)
		if len(n.Decor) > 0 {
			pt.stroke(n.Decor, n.StrokeWidth, n.Stroke)
		}
		if n.Label != nil {
			pt.glyphs(n.Label, n.LabelRect.Min, n.TextColor)
		}
		pt.end()
	}
	for _, e := range sc.Edges {
		if e.Label == nil || len(e.Label.Lines) == 0 {
			continue
		}
		pt.begin("edge-label", e.RelationID, blockText(e.Label))
		pt.fill(text.RoundedRect(e.LabelRect.Inset(-1.5), 3), white)
		pt.glyphs(e.Label, e.LabelRect.Min, e.TextColor)
		pt.end()
	}
	if sc.Title != nil {
		pt.begin("title", "", blockText(sc.Title))
		pt.glyphs(sc.Title, sc.TitleRect.Min, sc.TextColor)
		pt.end()
	}
	for _, n := range sc.Notes {
		pt.begin("note", "", blockText(n.Block))
		pt.glyphs(n.Block, n.Rect.Min, sc.TextColor)
		pt.end()
	}
	for _, it := range sc.Legend {
		pt.begin("legend", it.Kind, blockText(it.Label))
		pt.fill(it.Outline, it.Fill)
		pt.stroke(it.Outline, 1, it.Stroke)
		pt.glyphs(it.Label, it.LabelRect.Min, sc.TextColor)
		pt.end()
	}
	for i, s := range sc.Sources {
		class := "source"
		if i == 0 {
			class = "sources-heading"
		}
		pt.begin(class, "", blockText(s.Block))
		pt.glyphs(s.Block, s.Rect.Min, sc.TextColor)
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
