package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/khareeta/khareeta/internal/model"
)

// JSON Canvas 1.0 (jsoncanvas.org), the open format of Obsidian Canvas: a
// JSON object with "nodes" and "edges". A node has an id, a type ("text",
// "file", "link" or "group"), a top-left corner x, y and a width and
// height (whole numbers, y down), and an optional colour: a preset "1" to
// "6" (red, orange, yellow, green, cyan, purple) or "#rrggbb". An edge
// joins fromNode to toNode, with an arrow at toNode unless toEnd says
// "none", and an optional label.
//
// Khareeta writes every concept as a text node (its label, then its
// description after a blank line) coloured with its kind's colour, and
// every relation as an edge labelled with its linking phrase. Reading:
//
//   - a text node is a concept: its first line (heading marks dropped) is
//     the label, the rest the description;
//   - a file node (a note, an image) is a concept named after the file,
//     without its folder and extension; a link node a concept named by its
//     URL;
//   - a group node is a frame, not a concept: it is left out, and so are
//     edges to it (listed in Incoming.Skipped);
//   - a colour that is exactly one kind's gives the concept that kind; a
//     preset colour the kind whose colour is nearest;
//   - an edge whose arrow is only at fromNode points the other way;
//   - an edge's label is the linking phrase, typed by matching it against
//     the relation types' phrases, else "related-to".

// MaxCanvasSize bounds what the JSON Canvas reader reads (64 MiB).
const MaxCanvasSize = 64 << 20

// canvasSpace makes stable UUIDs for canvas ids that are not UUIDs.
var canvasSpace = uuid.MustParse("3e9a0b71-52c4-5d86-8f17-4b4d41504356")

// canvasPresets are the colours Obsidian shows for the preset colours.
var canvasPresets = map[string]string{"1": "#fb464c", "2": "#e9973f", "3": "#e0de71", "4": "#44cf6e", "5": "#53dfdd", "6": "#a882ff"}

type canvasDoc struct {
	Nodes []canvasNode `json:"nodes"`
	Edges []canvasEdge `json:"edges"`
}

type canvasNode struct {
	ID     string      `json:"id"`
	Type   string      `json:"type"`
	Text   string      `json:"text,omitempty"`
	File   string      `json:"file,omitempty"`
	URL    string      `json:"url,omitempty"`
	Label  string      `json:"label,omitempty"`
	X      json.Number `json:"x"`
	Y      json.Number `json:"y"`
	Width  json.Number `json:"width"`
	Height json.Number `json:"height"`
	Color  string      `json:"color,omitempty"`
}

type canvasEdge struct {
	ID       string `json:"id"`
	FromNode string `json:"fromNode"`
	FromEnd  string `json:"fromEnd,omitempty"`
	ToNode   string `json:"toNode"`
	ToEnd    string `json:"toEnd,omitempty"`
	Color    string `json:"color,omitempty"`
	Label    string `json:"label,omitempty"`
}

// IsJSONCanvas reports whether data is a JSON object that is not a
// Khareeta project (the format table's sniff for .canvas files).
func IsJSONCanvas(data []byte) bool {
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	return len(data) > 0 && data[0] == '{' && !IsProjectJSON(data)
}

// WriteCanvas writes the concepts with the given ids (nil: all) and the
// relations among them as a JSON Canvas. positions are concepts' centres
// (missing ones are placed on a grid under the others).
func WriteCanvas(w io.Writer, p *model.Project, ids []string, positions map[string][2]float64) error {
	lang := p.Meta.Language
	ix := model.NewIndex(p)
	concepts := selectConcepts(p, ix, ids)
	cids := make([]string, len(concepts))
	for i, c := range concepts {
		cids[i] = c.ID
	}
	place := placeConcepts(cids, positions)
	doc := canvasDoc{Nodes: []canvasNode{}, Edges: []canvasEdge{}}
	for _, c := range concepts {
		label := c.Label.Get(lang)
		text := label
		if d := c.Description.Get(lang); d != "" {
			text += "\n\n" + d
		}
		wd, ht := boxSize(label)
		xy := roundPoint(place[c.ID])
		n := canvasNode{ID: c.ID, Type: "text", Text: text, X: json.Number(num(xy[0] - wd/2)), Y: json.Number(num(xy[1] - ht/2)),
			Width: json.Number(num(wd)), Height: json.Number(num(ht))}
		if k := ix.Kinds[c.Kind]; k != nil {
			n.Color = strings.ToLower(k.Color)
		}
		doc.Nodes = append(doc.Nodes, n)
	}
	for _, rid := range model.ViewRelations(p, cids) {
		r := ix.Relations[rid]
		phrase := r.Phrase.Get(lang)
		if strings.TrimSpace(phrase) == "" {
			phrase = model.DefaultPhrase(r.Type).Get(lang)
		}
		doc.Edges = append(doc.Edges, canvasEdge{ID: r.ID, FromNode: r.From, ToNode: r.To, Label: phrase})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode JSON Canvas: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// ReadCanvas reads a JSON Canvas as a project with the built-in kinds, and
// the centres of its concepts.
func ReadCanvas(r io.Reader) (*model.Project, map[string][2]float64, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxCanvasSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read JSON Canvas: %w", err)
	}
	rd := newMapRead(model.BuiltinKinds())
	if _, err := rd.readCanvas(data); err != nil {
		return nil, nil, err
	}
	return rd.p, rd.placed, nil
}

// readCanvasOver reads a JSON Canvas with base's kinds and lays it over
// base (see the canvas entry's Carries).
func readCanvasOver(data []byte, base *model.Project) (*Incoming, error) {
	kinds := model.BuiltinKinds()
	if base != nil {
		kinds = base.Kinds
	}
	rd := newMapRead(kinds)
	skipped, err := rd.readCanvas(data)
	if err != nil {
		return nil, err
	}
	in := rd.incoming(base)
	in.Skipped = skipped
	return in, nil
}

func (rd *mapRead) readCanvas(data []byte) (skipped []string, err error) {
	if len(data) > MaxCanvasSize {
		return nil, fmt.Errorf("JSON Canvas file is larger than %d MiB", MaxCanvasSize>>20)
	}
	var doc canvasDoc
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, jsonError("JSON Canvas", data, err)
	}
	if n := len(doc.Nodes) + len(doc.Edges); n > maxCXLNodes {
		return nil, fmt.Errorf("JSON Canvas: %d nodes and edges, more than %d", n, maxCXLNodes)
	}
	p := rd.p
	byColor, shared := kindColors(p.Kinds)
	hasKind := map[string]bool{}
	for _, k := range p.Kinds {
		hasKind[k.ID] = true
	}
	defKind := defaultKind(p.Kinds)
	conceptOf := map[string]string{}
	seen := map[string]bool{}
	groups := map[string]bool{}
	for _, n := range doc.Nodes {
		if n.ID == "" {
			return nil, errors.New("JSON Canvas: a node has no id")
		}
		if seen[n.ID] {
			return nil, fmt.Errorf("JSON Canvas: node id %q is used twice", n.ID)
		}
		seen[n.ID] = true
		var box [4]float64
		for i, v := range []struct {
			name string
			raw  json.Number
		}{{"x", n.X}, {"y", n.Y}, {"width", n.Width}, {"height", n.Height}} {
			if v.raw == "" && i >= 2 {
				continue
			}
			x, err := coordinate(v.name, string(v.raw))
			if err != nil {
				return nil, fmt.Errorf("JSON Canvas node %q: %v", n.ID, err)
			}
			box[i] = x
		}
		c := model.Concept{ID: stableID(canvasSpace, "concept", n.ID), Kind: defKind}
		switch n.Type {
		case "group":
			groups[n.ID] = true
			name := n.Label
			if name == "" {
				name = n.ID
			}
			skipped = append(skipped, fmt.Sprintf("group %q (a frame, not a concept)", name))
			continue
		case "file":
			base := path.Base(strings.ReplaceAll(n.File, "\\", "/"))
			c.Label = textOf(strings.TrimSuffix(base, path.Ext(base)))
		case "link":
			c.Label = textOf(n.URL)
		default: // "text", and types a later version may add
			label, desc := splitCanvasText(n.Text)
			c.Label, c.Description = textOf(label), textOf(desc)
		}
		if c.Label.Empty() {
			c.Label = model.Text{model.English: "?"}
			rd.noLabel[c.ID] = true
		}
		if k, unique, ok := canvasKind(n.Color, p.Kinds, byColor, shared); ok {
			c.Kind, rd.kindSet[c.ID] = k, unique
		}
		if err := model.ValidateConcept(c, func(k string) bool { return hasKind[k] }); err != nil {
			return nil, fmt.Errorf("JSON Canvas node %q: %w", n.ID, err)
		}
		xy, err := centre(box[0], box[1], box[2], box[3])
		if err != nil {
			return nil, fmt.Errorf("JSON Canvas node %q: %v", n.ID, err)
		}
		rd.placed[c.ID] = xy
		conceptOf[n.ID] = c.ID
		p.Concepts = append(p.Concepts, c)
	}
	relSeen := map[string]bool{}
	for i, e := range doc.Edges {
		if groups[e.FromNode] || groups[e.ToNode] {
			skipped = append(skipped, fmt.Sprintf("edge %q (to a group)", e.ID))
			continue
		}
		from, okf := conceptOf[e.FromNode]
		to, okt := conceptOf[e.ToNode]
		if !okf || !okt {
			return nil, fmt.Errorf("JSON Canvas: edge %q refers to a missing node (%q → %q)", e.ID, e.FromNode, e.ToNode)
		}
		if e.ToEnd == "none" && e.FromEnd == "arrow" {
			from, to = to, from
		}
		id := e.ID
		if id == "" {
			id = e.FromNode + "\x00" + e.ToNode + "\x00" + strconv.Itoa(i)
		}
		r := model.Relation{ID: stableID(canvasSpace, "relation", id), From: from, To: to, Type: "related-to", Phrase: textOf(e.Label)}
		if relSeen[r.ID] {
			return nil, fmt.Errorf("JSON Canvas: edge id %q is used twice", e.ID)
		}
		relSeen[r.ID] = true
		if t, ok := relationTypeOf(e.Label); ok {
			r.Type = t
		}
		if err := model.ValidateRelation(r, func(string) bool { return true }); err != nil {
			return nil, fmt.Errorf("JSON Canvas edge %q: %w", e.ID, err)
		}
		p.Relations = append(p.Relations, r)
	}
	p.Meta.Language = mapLanguage("", p)
	p.Meta.Title = model.T("خريطة مستوردة", "Imported map")
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("JSON Canvas: %w", err)
	}
	return skipped, nil
}

// splitCanvasText splits a text node's Markdown into a label (its first
// non-blank line, without heading marks) and a description (the rest).
func splitCanvasText(s string) (label, desc string) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	label, desc, _ = strings.Cut(s, "\n")
	label = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(label), "#"))
	return label, strings.TrimSpace(desc)
}

// canvasKind finds the kind a node's colour gives: a "#rrggbb" that is a
// kind's colour (unique: only that kind's), or for a preset the kind whose
// colour is nearest (unique when one kind is nearest).
func canvasKind(color string, kinds []model.Kind, byColor map[[3]int]string, shared map[[3]int]bool) (kind string, unique, ok bool) {
	if hex, preset := canvasPresets[color]; preset {
		rgb, _ := parseHex(hex)
		best, bestD, ties := "", math.Inf(1), 0
		for _, k := range kinds {
			kc, ok := parseHex(k.Color)
			if !ok {
				continue
			}
			d := math.Pow(float64(kc[0]-rgb[0]), 2) + math.Pow(float64(kc[1]-rgb[1]), 2) + math.Pow(float64(kc[2]-rgb[2]), 2)
			switch {
			case d < bestD:
				best, bestD, ties = k.ID, d, 1
			case d == bestD:
				ties++
			}
		}
		return best, ties == 1, best != ""
	}
	rgb, ok := parseHex(color)
	if !ok {
		return "", false, false
	}
	k, ok := byColor[rgb]
	return k, ok && !shared[rgb], ok
}
