package layout

import (
	"slices"

	"github.com/khareeta/khareeta/internal/text"
)

// Diff compares two drawings of a view, before and after an edit, for a
// canvas that repaints only what changed (render.Repaint on the image of
// old): it returns the areas where they differ (the old and new areas of
// every concept and relation added, removed or drawn differently) and
// true, or false when the new scene cannot be painted over the old one (a
// different size, origin or background, or a changed title, legend,
// source list or note): draw it whole then.
func Diff(old, new *Scene) (Damage, bool) {
	if old == nil || new == nil || old.Width != new.Width || old.Height != new.Height ||
		old.Origin != new.Origin || old.Background != new.Background || !sameFrame(old, new) {
		return nil, false
	}
	var dmg Damage
	oldNodes := make(map[string]*Node, len(old.Nodes))
	for i := range old.Nodes {
		oldNodes[old.Nodes[i].ConceptID] = &old.Nodes[i]
	}
	for i := range new.Nodes {
		n := &new.Nodes[i]
		o, ok := oldNodes[n.ConceptID]
		if ok {
			delete(oldNodes, n.ConceptID)
			if sameNode(o, n) {
				continue
			}
			dmg = append(dmg, nodeArea(o))
		}
		dmg = append(dmg, nodeArea(n))
	}
	for _, o := range oldNodes {
		dmg = append(dmg, nodeArea(o))
	}
	oldEdges := make(map[string]*Edge, len(old.Edges))
	for i := range old.Edges {
		oldEdges[old.Edges[i].RelationID] = &old.Edges[i]
	}
	for i := range new.Edges {
		e := &new.Edges[i]
		o, ok := oldEdges[e.RelationID]
		if ok {
			delete(oldEdges, e.RelationID)
			if sameEdge(o, e) {
				continue
			}
			dmg = edgePieces(dmg, o)
		}
		dmg = edgePieces(dmg, e)
	}
	for _, o := range oldEdges {
		dmg = edgePieces(dmg, o)
	}
	return dmg.merged(), true
}

func sameNode(a, b *Node) bool {
	return a.Rect == b.Rect && a.LabelRect == b.LabelRect && a.Shape == b.Shape && a.Pattern == b.Pattern &&
		a.Fill == b.Fill && a.Stroke == b.Stroke && a.StrokeWidth == b.StrokeWidth && a.TextColor == b.TextColor &&
		slices.Equal(a.Outline, b.Outline) && slices.Equal(a.Decor, b.Decor) && sameBlock(a.Label, b.Label)
}

func sameEdge(a, b *Edge) bool {
	return a.Color == b.Color && a.Width == b.Width && a.TextColor == b.TextColor && a.LabelRect == b.LabelRect &&
		slices.Equal(a.Path, b.Path) && slices.Equal(a.Arrow, b.Arrow) && sameBlock(a.Label, b.Label)
}

// sameBlock reports whether two text blocks show the same lines the same
// size.
func sameBlock(a, b *text.Block) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Width != b.Width || a.Height != b.Height || a.Size != b.Size || len(a.Lines) != len(b.Lines) {
		return false
	}
	for i := range a.Lines {
		if a.Lines[i].Text != b.Lines[i].Text {
			return false
		}
	}
	return true
}

// sameFrame reports whether the title, notes, legend and sources of two
// scenes are the same.
func sameFrame(a, b *Scene) bool {
	if !sameBlock(a.Title, b.Title) || a.TitleRect != b.TitleRect || a.LegendRect != b.LegendRect || a.SourcesRect != b.SourcesRect ||
		len(a.Notes) != len(b.Notes) || len(a.Legend) != len(b.Legend) || len(a.Sources) != len(b.Sources) {
		return false
	}
	for i := range a.Notes {
		if a.Notes[i].Rect != b.Notes[i].Rect || !sameBlock(a.Notes[i].Block, b.Notes[i].Block) {
			return false
		}
	}
	for i := range a.Legend {
		x, y := &a.Legend[i], &b.Legend[i]
		if x.Kind != y.Kind || x.Swatch != y.Swatch || x.LabelRect != y.LabelRect || x.Fill != y.Fill || x.Stroke != y.Stroke || !sameBlock(x.Label, y.Label) {
			return false
		}
	}
	for i := range a.Sources {
		if a.Sources[i].Rect != b.Sources[i].Rect || !sameBlock(a.Sources[i].Block, b.Sources[i].Block) {
			return false
		}
	}
	return true
}
