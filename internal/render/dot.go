package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/khareeta/khareeta/assets"
	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

// DOT writes the scene as a Graphviz graph for people who want to process
// the map with their own Graphviz tools: real labels (wrapped as on the
// map), kind colours and shapes, the bundled font names, the layout engine
// and direction, and each node's position (pos="x,y!": its stored map
// position in points with y up, i.e. (X, −Y), pinned), so that
// `neato -n2` draws the concepts where the map has them (Graphviz shifts
// the whole drawing to its own origin). Nodes are named by concept id,
// edges carry the relation id.
func DOT(w io.Writer, sc *layout.Scene, opts ...Option) error {
	if _, err := newOptions(opts); err != nil {
		return err
	}
	font := assets.LatinFamily
	if sc.Dir == text.RTL {
		font = assets.ArabicFamily
	}
	var b bytes.Buffer
	name := text.Sanitize(sc.ViewName)
	if name == "" {
		name = "khareeta"
	}
	fmt.Fprintf(&b, "digraph %s {\n", dotQuote(name))
	engine := sc.Engine
	if sc.Fixed {
		engine = "neato" // the concepts stay where they are pinned
	}
	fmt.Fprintf(&b, "\tgraph [layout=%s, rankdir=%s, fontname=%s, bgcolor=%s, nodesep=0.3, ranksep=0.5",
		engine, sc.Direction, dotQuote(font), dotQuote(hexColor(sc.Background)))
	if sc.Title != nil {
		fmt.Fprintf(&b, ", label=%s, labelloc=t, fontsize=20", dotQuote(blockLines(sc.Title)))
	}
	b.WriteString("];\n")
	fmt.Fprintf(&b, "\tnode [fontname=%s, fontsize=14, style=filled, margin=\"0.15,0.08\"];\n", dotQuote(font))
	fmt.Fprintf(&b, "\tedge [fontname=%s, fontsize=11, color=\"#4d4d4d\", fontcolor=\"#333333\"];\n", dotQuote(font))
	for _, n := range sc.Nodes {
		shape, style := n.Shape, "filled"
		if shape == "rounded" {
			shape, style = "box", "filled,rounded"
		}
		c := sc.MapPoint(n.Rect.Center())
		fmt.Fprintf(&b, "\t%s [label=%s, shape=%s, style=%s, fillcolor=%s, color=%s, class=%s, pos=\"%s,%s!\"];\n",
			dotQuote(n.ConceptID), dotQuote(blockLines(n.Label)), shape, dotQuote(style), dotQuote(hexColor(n.Fill)),
			dotQuote(hexColor(n.Stroke)), dotQuote(n.Kind), f2(c.X+0), f2(0-c.Y))
	}
	for _, e := range sc.Edges {
		fmt.Fprintf(&b, "\t%s -> %s [id=%s", dotQuote(e.From), dotQuote(e.To), dotQuote(e.RelationID))
		if e.Label != nil && len(e.Label.Lines) > 0 {
			fmt.Fprintf(&b, ", label=%s", dotQuote(blockLines(e.Label)))
		}
		if e.Type != "" {
			fmt.Fprintf(&b, ", class=%s", dotQuote(e.Type))
		}
		b.WriteString("];\n")
	}
	b.WriteString("}\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write dot: %w", err)
	}
	return nil
}

// blockLines returns the block's lines joined by newlines.
func blockLines(b *text.Block) string {
	if b == nil {
		return ""
	}
	var parts []string
	for _, l := range b.Lines {
		parts = append(parts, l.Text)
	}
	return strings.Join(parts, "\n")
}

// dotQuote makes a DOT double-quoted string; newlines become \n (centred
// lines).
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
