package interop

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/khareeta/khareeta/internal/model"
)

// Reading GraphML as yEd, Gephi and Khareeta write it (graphml.go writes
// it). Nodes become concepts, edges relations:
//
//   - a node's label is yEd's first y:NodeLabel, else a data key named
//     "label" or "name" (Khareeta's label_ar and label_en first); its
//     description the "description" key;
//   - its kind is the "kind" key when the project has that kind, else the
//     kind whose colour is the node's (yEd's y:Fill, the "color" key, or
//     Gephi's r, g, b) when exactly one kind has it, else "concept";
//   - its place is the centre of yEd's y:Geometry (top-left corner, width
//     and height, y down), else Gephi's "x" and "y" keys (the centre, y up:
//     negated);
//   - an edge's linking phrase is yEd's y:EdgeLabel, else the "edgelabel",
//     "Edge Label" or "label" key (Khareeta's phrase_ar and phrase_en
//     first); its type the "type" key when it is a relation type, else the
//     type whose phrase it is, else "related-to";
//   - nodes of nested graphs (yEd groups) are read too, the group node
//     being a concept like the others; hyperedges and ports are ignored.
//
// Ids that are UUIDs are kept; others become stable UUIDs.

// MaxGraphMLSize bounds what the GraphML reader reads (64 MiB).
const MaxGraphMLSize = 64 << 20

// maxGraphMLItems bounds the nodes and edges of one file.
const maxGraphMLItems = 500_000

// graphmlSpace makes stable UUIDs for GraphML ids that are not UUIDs.
var graphmlSpace = uuid.MustParse("0d7c3e52-7a1b-5f4e-9d2c-4b4d41504752")

type gmlDoc struct {
	XMLName xml.Name   `xml:"graphml"`
	Keys    []gmlKey   `xml:"key"`
	Graphs  []gmlGraph `xml:"graph"`
}

type gmlKey struct {
	ID    string `xml:"id,attr"`
	For   string `xml:"for,attr"`
	Name  string `xml:"attr.name,attr"`
	YType string `xml:"yfiles.type,attr"`
}

type gmlGraph struct {
	Data  []gmlData `xml:"data"`
	Nodes []gmlNode `xml:"node"`
	Edges []gmlEdge `xml:"edge"`
}

type gmlNode struct {
	ID     string     `xml:"id,attr"`
	Data   []gmlData  `xml:"data"`
	Graphs []gmlGraph `xml:"graph"`
}

type gmlEdge struct {
	ID     string    `xml:"id,attr"`
	Source string    `xml:"source,attr"`
	Target string    `xml:"target,attr"`
	Data   []gmlData `xml:"data"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Inner []byte `xml:",innerxml"`
}

// gmlGraphics is what yEd's node or edge graphics hold that a map needs.
type gmlGraphics struct {
	geometry            map[string]string // x, y, width, height as written
	label, fill, edgeLb string
}

// readYEd scans yEd's graphics (any of its node realizers: ShapeNode,
// GenericNode, ProxyAutoBoundsNode …) for the first geometry, node label,
// fill colour and edge label.
func readYEd(inner []byte) gmlGraphics {
	var g gmlGraphics
	dec := xml.NewDecoder(bytes.NewReader(inner))
	depth, in := 0, ""
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return g
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "Geometry":
				if g.geometry == nil {
					g.geometry = map[string]string{}
					for _, a := range t.Attr {
						g.geometry[a.Name.Local] = a.Value
					}
				}
			case "Fill":
				for _, a := range t.Attr {
					if a.Name.Local == "color" && g.fill == "" {
						g.fill = a.Value
					}
				}
			case "NodeLabel", "EdgeLabel":
				if in == "" {
					in = t.Name.Local
					text.Reset()
				}
			}
		case xml.CharData:
			if in != "" {
				text.Write(t)
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == in {
				s := strings.TrimSpace(text.String())
				if in == "NodeLabel" && g.label == "" {
					g.label = s
				}
				if in == "EdgeLabel" && g.edgeLb == "" {
					g.edgeLb = s
				}
				in = ""
			}
		}
	}
}

// dataText is the text of a data element (its character data).
func dataText(inner []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(inner))
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return strings.TrimSpace(b.String())
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
}

// gmlItem is a node's or edge's data by the name of its key.
type gmlItem struct {
	values   map[string]string // lower-cased attr.name (or key id) → text
	graphics *gmlGraphics
}

func (it gmlItem) get(names ...string) string {
	for _, n := range names {
		if v := it.values[n]; v != "" {
			return v
		}
	}
	return ""
}

// readGraphMLOver reads a GraphML graph with base's kinds and lays it over
// base (see the graphml entry's Carries).
func readGraphMLOver(data []byte, base *model.Project) (*Incoming, error) {
	kinds := model.BuiltinKinds()
	if base != nil {
		kinds = base.Kinds
	}
	rd := newMapRead(kinds)
	if err := rd.readGraphML(data); err != nil {
		return nil, err
	}
	return rd.incoming(base), nil
}

// ReadGraphML reads a GraphML graph (as yEd, Gephi or Khareeta write it)
// as a project with the built-in kinds, and the centres of its concepts.
func ReadGraphML(r io.Reader) (*model.Project, map[string][2]float64, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxGraphMLSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read GraphML: %w", err)
	}
	rd := newMapRead(model.BuiltinKinds())
	if err := rd.readGraphML(data); err != nil {
		return nil, nil, err
	}
	return rd.p, rd.placed, nil
}

func (rd *mapRead) readGraphML(data []byte) error {
	if len(data) > MaxGraphMLSize {
		return fmt.Errorf("GraphML file is larger than %d MiB", MaxGraphMLSize>>20)
	}
	var doc gmlDoc
	if err := decodeXML("GraphML", "is this a .graphml file?", data, &doc); err != nil {
		return err
	}
	if len(doc.Graphs) == 0 {
		return errors.New("GraphML: no graph in the file")
	}
	keys := map[string]gmlKey{}
	for _, k := range doc.Keys {
		keys[k.ID] = k
	}
	item := func(ds []gmlData) gmlItem {
		it := gmlItem{values: map[string]string{}}
		for _, d := range ds {
			k, ok := keys[d.Key]
			if k.YType == "nodegraphics" || k.YType == "edgegraphics" {
				g := readYEd(d.Inner)
				it.graphics = &g
				continue
			}
			name := d.Key
			if ok && k.Name != "" {
				name = k.Name
			}
			it.values[strings.ToLower(name)] = dataText(d.Inner)
		}
		return it
	}
	// Every node and edge, nested graphs included, in file order.
	var nodes []gmlNode
	var edges []gmlEdge
	var walk func(gs []gmlGraph) error
	walk = func(gs []gmlGraph) error {
		for _, g := range gs {
			for _, n := range g.Nodes {
				nodes = append(nodes, n)
				if err := walk(n.Graphs); err != nil {
					return err
				}
			}
			edges = append(edges, g.Edges...)
			if len(nodes)+len(edges) > maxGraphMLItems {
				return fmt.Errorf("GraphML: more than %d nodes and edges", maxGraphMLItems)
			}
		}
		return nil
	}
	if err := walk(doc.Graphs); err != nil {
		return err
	}
	rd.name = item(doc.Graphs[0].Data).get("name", "title", "label")

	p := rd.p
	byColor, shared := kindColors(p.Kinds)
	hasKind := map[string]bool{}
	for _, k := range p.Kinds {
		hasKind[k.ID] = true
	}
	defKind := defaultKind(p.Kinds)
	conceptOf := map[string]string{}
	for _, n := range nodes {
		if n.ID == "" {
			return errors.New("GraphML: a node has no id")
		}
		if _, dup := conceptOf[n.ID]; dup {
			return fmt.Errorf("GraphML: node id %q is used twice", n.ID)
		}
		it := item(n.Data)
		c := model.Concept{ID: stableID(graphmlSpace, "concept", n.ID), Kind: defKind}
		ar, en := it.get("label_ar"), it.get("label_en")
		if ar != "" || en != "" {
			c.Label = model.T(ar, en)
		} else {
			label := it.get("label", "name")
			if it.graphics != nil && it.graphics.label != "" {
				label = it.graphics.label
			}
			c.Label = textOf(label)
		}
		if c.Label.Empty() {
			c.Label = model.Text{model.English: "?"}
			rd.noLabel[c.ID] = true
		}
		if ar, en := it.get("description_ar"), it.get("description_en"); ar != "" || en != "" {
			c.Description = model.T(ar, en)
		} else {
			c.Description = textOf(it.get("description"))
		}
		if k := it.get("kind"); hasKind[k] {
			c.Kind, rd.kindSet[c.ID] = k, true
		} else if rgb, ok := nodeColor(it); ok {
			if k, ok := byColor[rgb]; ok {
				c.Kind, rd.kindSet[c.ID] = k, !shared[rgb]
			}
		}
		if err := rd.placeGraphMLNode(c.ID, n.ID, it); err != nil {
			return err
		}
		if err := model.ValidateConcept(c, func(k string) bool { return hasKind[k] }); err != nil {
			return fmt.Errorf("GraphML node %q: %w", n.ID, err)
		}
		conceptOf[n.ID] = c.ID
		p.Concepts = append(p.Concepts, c)
	}
	seen := map[string]bool{}
	for i, e := range edges {
		from, okf := conceptOf[e.Source]
		to, okt := conceptOf[e.Target]
		if !okf || !okt {
			return fmt.Errorf("GraphML: edge %q refers to a missing node (%q → %q)", e.ID, e.Source, e.Target)
		}
		it := item(e.Data)
		id := e.ID
		if id == "" {
			id = fmt.Sprintf("%s\x00%s\x00%d", e.Source, e.Target, i)
		}
		r := model.Relation{ID: stableID(graphmlSpace, "relation", id), From: from, To: to, Type: "related-to"}
		if seen[r.ID] {
			return fmt.Errorf("GraphML: edge id %q is used twice", e.ID)
		}
		seen[r.ID] = true
		ar, en := it.get("phrase_ar"), it.get("phrase_en")
		label := it.get("edgelabel", "edge label", "label")
		if it.graphics != nil && it.graphics.edgeLb != "" {
			label = it.graphics.edgeLb
		}
		if ar != "" || en != "" {
			r.Phrase = model.T(ar, en)
		} else {
			r.Phrase = textOf(label)
		}
		if t := it.get("type"); isRelationType(t) {
			r.Type, rd.typeSet[r.ID] = t, true
		} else if t, ok := relationTypeOf(label); ok {
			r.Type = t
		}
		if err := model.ValidateRelation(r, func(string) bool { return true }); err != nil {
			return fmt.Errorf("GraphML edge %q: %w", e.ID, err)
		}
		p.Relations = append(p.Relations, r)
	}
	p.Meta.Language = mapLanguage(item(doc.Graphs[0].Data).get("language"), p)
	p.Meta.Title = textOf(rd.name)
	if p.Meta.Title.Empty() {
		p.Meta.Title = model.T("خريطة مستوردة", "Imported map")
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("GraphML: %w", err)
	}
	return nil
}

// placeGraphMLNode records a node's centre: yEd's geometry, else Gephi's x
// and y (y up). Coordinates no map can hold make the file an error.
func (rd *mapRead) placeGraphMLNode(concept, node string, it gmlItem) error {
	if it.graphics != nil && it.graphics.geometry != nil {
		g := it.graphics.geometry
		var v [4]float64
		for i, name := range []string{"x", "y", "width", "height"} {
			raw, ok := g[name]
			if !ok && i >= 2 {
				continue // a box without a size: its corner is its centre
			}
			x, err := coordinate(name, raw)
			if err != nil {
				return fmt.Errorf("GraphML node %q: y:Geometry %v", node, err)
			}
			v[i] = x
		}
		c, err := centre(v[0], v[1], v[2], v[3])
		if err != nil {
			return fmt.Errorf("GraphML node %q: y:Geometry %v", node, err)
		}
		rd.placed[concept] = c
		return nil
	}
	xs, ys := it.get("x"), it.get("y")
	if xs == "" && ys == "" {
		return nil
	}
	x, err := coordinate("x", xs)
	if err == nil {
		var y float64
		y, err = coordinate("y", ys)
		rd.placed[concept] = [2]float64{x, -y + 0}
	}
	if err != nil {
		return fmt.Errorf("GraphML node %q: data %v", node, err)
	}
	return nil
}

// nodeColor is a node's fill: yEd's, the "color" key, or Gephi's r, g, b.
func nodeColor(it gmlItem) ([3]int, bool) {
	if it.graphics != nil {
		if rgb, ok := parseHex(strings.ToLower(it.graphics.fill)); ok {
			return rgb, true
		}
	}
	if rgb, ok := parseHex(strings.ToLower(it.get("color"))); ok {
		return rgb, true
	}
	var rgb [3]int
	for i, k := range []string{"r", "g", "b"} {
		v, err := strconv.Atoi(strings.TrimSpace(it.get(k)))
		if err != nil || v < 0 || v > 255 {
			return rgb, false
		}
		rgb[i] = v
	}
	return rgb, true
}

// isRelationType reports whether t is a known relation type's id.
func isRelationType(t string) bool {
	for _, rt := range model.RelationTypes() {
		if rt.ID == t {
			return true
		}
	}
	return false
}
