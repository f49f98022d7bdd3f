package interop

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/khareeta/khareeta/internal/model"
)

// GraphML for yEd and Gephi. Each concept is a node carrying its labels in
// Arabic and English, its kind (id and name) and colour as data keys; each
// relation an edge with its type and linking phrases. Gephi reads the keys
// it knows by name ("label", "x", "y", "r", "g", "b", "edgelabel"); yEd
// reads its own node and edge graphics (shape, fill colour, label,
// geometry), which are written as well. The graph's name is a graph data
// key ("name").
//
// Coordinates: yEd's y:Geometry gives a node's top-left corner, width and
// height, y down (as Khareeta's points); Gephi's x and y are the node's
// centre with y UP, so Khareeta writes and reads Gephi's y negated. The
// reader is graphml_read.go.

const (
	graphmlNS = "http://graphml.graphdrawing.org/xmlns"
	yworksNS  = "http://www.yworks.com/xml/graphml"
)

// yEd shape names for the kinds' shapes.
var yedShapes = map[string]string{
	"box": "rectangle", "rounded": "roundrectangle", "ellipse": "ellipse", "hexagon": "hexagon",
	"octagon": "octagon", "diamond": "diamond", "parallelogram": "parallelogram", "note": "rectangle",
	"house": "trapezoid2", "invhouse": "trapezoid", "cylinder": "rectangle3d",
}

type graphmlKey struct{ id, target, name, typ string }

var graphmlKeys = []graphmlKey{
	{"label", "node", "label", "string"},
	{"label_ar", "node", "label_ar", "string"},
	{"label_en", "node", "label_en", "string"},
	{"description", "node", "description", "string"},
	{"description_ar", "node", "description_ar", "string"},
	{"description_en", "node", "description_en", "string"},
	{"kind", "node", "kind", "string"},
	{"kind_name", "node", "kind_name", "string"},
	{"color", "node", "color", "string"},
	{"r", "node", "r", "int"},
	{"g", "node", "g", "int"},
	{"b", "node", "b", "int"},
	{"x", "node", "x", "double"},
	{"y", "node", "y", "double"},
	{"edgelabel", "edge", "edgelabel", "string"},
	{"phrase_ar", "edge", "phrase_ar", "string"},
	{"phrase_en", "edge", "phrase_en", "string"},
	{"type", "edge", "type", "string"},
	{"name", "graph", "name", "string"},
}

// GraphMLOptions says how WriteGraphMLWith writes a graph.
type GraphMLOptions struct {
	// Positions are concepts' centres (the "x" and "y" keys and yEd's
	// geometry); without them yEd gets a grid and Gephi no positions.
	Positions map[string][2]float64
	// Name is the graph's name ("": the project's title).
	Name string
}

// WriteGraphML writes the concepts with the given ids (nil: all) and the
// relations among them as GraphML (see WriteGraphMLWith).
func WriteGraphML(w io.Writer, p *model.Project, ids []string, positions map[string][2]float64) error {
	return WriteGraphMLWith(w, p, ids, GraphMLOptions{Positions: positions})
}

// WriteGraphMLWith writes the concepts with the given ids (nil: all) and
// the relations among them as GraphML, with options.
func WriteGraphMLWith(w io.Writer, p *model.Project, ids []string, opts GraphMLOptions) error {
	positions := opts.Positions
	lang := p.Meta.Language
	ix := model.NewIndex(p)
	concepts := selectConcepts(p, ix, ids)
	var cids []string
	for _, c := range concepts {
		cids = append(cids, c.ID)
	}
	place := placeConcepts(cids, positions)

	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<graphml xmlns=%q xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:y=%q\n", graphmlNS, yworksNS)
	b.WriteString("  xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd\">\n")
	for _, k := range graphmlKeys {
		fmt.Fprintf(&b, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.target, k.name, k.typ)
	}
	b.WriteString("  <key id=\"ng\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n")
	b.WriteString("  <key id=\"eg\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n")
	b.WriteString("  <graph id=\"G\" edgedefault=\"directed\">\n")
	data := func(indent, key, value string) {
		if value == "" {
			return
		}
		fmt.Fprintf(&b, "%s<data key=%q>", indent, key)
		xml.EscapeText(&b, []byte(value))
		b.WriteString("</data>\n")
	}
	name := opts.Name
	if name == "" {
		name = p.Meta.Title.Get(lang)
	}
	data("    ", "name", name)
	for _, c := range concepts {
		fmt.Fprintf(&b, "    <node id=\"%s\">\n", xmlAttr(c.ID))
		label := c.Label.Get(lang)
		data("      ", "label", label)
		data("      ", "label_ar", c.Label[model.Arabic])
		data("      ", "label_en", c.Label[model.English])
		data("      ", "description", c.Description.Get(lang))
		data("      ", "description_ar", c.Description[model.Arabic])
		data("      ", "description_en", c.Description[model.English])
		data("      ", "kind", c.Kind)
		fill, shape := "#e5e5e5", "ellipse"
		if k := ix.Kinds[c.Kind]; k != nil {
			data("      ", "kind_name", k.Name.Get(lang))
			fill = k.Color
			if s, ok := yedShapes[k.Shape]; ok {
				shape = s
			}
		}
		data("      ", "color", fill)
		if rgb, ok := parseHex(fill); ok {
			data("      ", "r", strconv.Itoa(rgb[0]))
			data("      ", "g", strconv.Itoa(rgb[1]))
			data("      ", "b", strconv.Itoa(rgb[2]))
		}
		xy := roundPoint(place[c.ID])
		if _, ok := positions[c.ID]; ok {
			data("      ", "x", num(xy[0]))
			data("      ", "y", num(-xy[1])) // Gephi's y grows upwards
		}
		// yEd: a box wide enough for the label, its top-left corner at the centre minus half.
		width, height := boxSize(label)
		fmt.Fprintf(&b, "      <data key=\"ng\"><y:ShapeNode><y:Geometry x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>", num(xy[0]-width/2), num(xy[1]-height/2), num(width), num(height))
		fmt.Fprintf(&b, "<y:Fill color=\"%s\" transparent=\"false\"/><y:BorderStyle color=\"#000000\" type=\"line\" width=\"1.0\"/>", xmlAttr(fill))
		b.WriteString("<y:NodeLabel alignment=\"center\" autoSizePolicy=\"content\" modelName=\"internal\" modelPosition=\"c\">")
		xml.EscapeText(&b, []byte(label))
		fmt.Fprintf(&b, "</y:NodeLabel><y:Shape type=\"%s\"/></y:ShapeNode></data>\n", shape)
		b.WriteString("    </node>\n")
	}
	for _, rid := range model.ViewRelations(p, cids) {
		r := ix.Relations[rid]
		fmt.Fprintf(&b, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n", xmlAttr(r.ID), xmlAttr(r.From), xmlAttr(r.To))
		phrase := r.Phrase
		if phrase.Empty() {
			phrase = model.DefaultPhrase(r.Type)
		}
		label := phrase.Get(lang)
		data("      ", "edgelabel", label)
		data("      ", "phrase_ar", phrase[model.Arabic])
		data("      ", "phrase_en", phrase[model.English])
		data("      ", "type", r.Type)
		b.WriteString("      <data key=\"eg\"><y:PolyLineEdge><y:LineStyle color=\"#000000\" type=\"line\" width=\"1.0\"/><y:Arrows source=\"none\" target=\"standard\"/><y:EdgeLabel>")
		xml.EscapeText(&b, []byte(label))
		b.WriteString("</y:EdgeLabel></y:PolyLineEdge></data>\n    </edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	_, err := w.Write(b.Bytes())
	return err
}
