package interop

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// graphmlDoc reads GraphML back the way Gephi does: keys by id, data by key.
type graphmlDoc struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string        `xml:"id,attr"`
			Data []graphmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string        `xml:"id,attr"`
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphmlData struct {
	Key      string `xml:"key,attr"`
	Text     string `xml:",chardata"`
	Geometry struct {
		X string `xml:"x,attr"`
		Y string `xml:"y,attr"`
	} `xml:"ShapeNode>Geometry"`
	Label string `xml:"ShapeNode>NodeLabel"`
	Fill  struct {
		Color string `xml:"color,attr"`
	} `xml:"ShapeNode>Fill"`
	EdgeLabel string `xml:"PolyLineEdge>EdgeLabel"`
}

func dataMap(ds []graphmlData) (map[string]string, graphmlData) {
	m := map[string]string{}
	var g graphmlData
	for _, d := range ds {
		if d.Key == "ng" || d.Key == "eg" {
			g = d
			continue
		}
		m[d.Key] = d.Text
	}
	return m, g
}

func TestGraphMLExport(t *testing.T) {
	p := mapProject()
	pos := map[string][2]float64{}
	for i, c := range p.Concepts {
		pos[c.ID] = [2]float64{100 * float64(i), 50}
	}
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, p, nil, pos); err != nil {
		t.Fatal(err)
	}
	var doc graphmlDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not GraphML: %v\n%s", err, buf.String())
	}
	ids := map[string]bool{}
	for _, k := range doc.Keys {
		if ids[k.ID] {
			t.Errorf("key id %q twice", k.ID)
		}
		ids[k.ID] = true
	}
	if doc.Graph.EdgeDefault != "directed" || len(doc.Graph.Nodes) != len(p.Concepts) || len(doc.Graph.Edges) != len(p.Relations) {
		t.Fatalf("graph: %d nodes, %d edges", len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	for i, n := range doc.Graph.Nodes {
		c := p.Concepts[i]
		d, g := dataMap(n.Data)
		k := map[string]string{"threat": "#f4a6a6", "pillar": "#8ecae6", "opportunity": "#b7e4a7", "method": "#123456", "recommendation": "#ffd97d"}[c.Kind]
		if n.ID != c.ID || d["label_ar"] != c.Label["ar"] || d["label_en"] != c.Label["en"] || d["label"] != c.Label.Get("ar") ||
			d["kind"] != c.Kind || d["color"] != k || d["kind_name"] == "" {
			t.Errorf("node %d: %v", i, d)
		}
		if d["x"] != num(pos[c.ID][0]) || d["y"] != "-50" { // Gephi's y grows upwards
			t.Errorf("node %d position: %v", i, d)
		}
		if g.Label != c.Label.Get("ar") || g.Fill.Color != k || g.Geometry.X == "" {
			t.Errorf("node %d yEd graphics: %+v", i, g)
		}
	}
	if d, _ := dataMap(doc.Graph.Nodes[3].Data); d["label_en"] != `Field survey <"A&B">` || d["r"] != "18" || d["g"] != "52" || d["b"] != "86" {
		t.Errorf("escaping or colour channels: %v", d)
	}
	for i, e := range doc.Graph.Edges {
		r := p.Relations[i]
		d, g := dataMap(e.Data)
		if e.ID != r.ID || e.Source != r.From || e.Target != r.To || d["type"] != r.Type || d["edgelabel"] == "" || g.EdgeLabel != d["edgelabel"] {
			t.Errorf("edge %d: %+v %v", i, e, d)
		}
	}
	// A relation with no phrase takes its type's default phrase.
	if d, _ := dataMap(doc.Graph.Edges[3].Data); d["phrase_ar"] != "يدعم" || d["phrase_en"] != "supports" {
		t.Errorf("default phrase: %v", d)
	}

	// Without positions there are no x/y keys (Gephi lays out), but yEd still gets a grid.
	buf.Reset()
	if err := WriteGraphML(&buf, p, []string{p.Concepts[0].ID, p.Concepts[2].ID}, nil); err != nil {
		t.Fatal(err)
	}
	doc = graphmlDoc{}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Graph.Nodes) != 2 || len(doc.Graph.Edges) != 1 {
		t.Errorf("subset: %d nodes, %d edges", len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	if strings.Contains(buf.String(), `<data key="x">`) {
		t.Error("x positions written without positions")
	}
	if _, g := dataMap(doc.Graph.Nodes[1].Data); g.Geometry.X == "" {
		t.Error("no yEd geometry without positions")
	}
}
