package interop

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/khareeta/khareeta/internal/model"
)

// CmapTools CXL (Concept Map Extensible Language): the XML format of IHMC
// CmapTools. A map holds concepts, linking phrases and connections
// (concept → linking phrase → concept); one linking phrase may join one or
// more source concepts to one or more targets, so that a proposition
// "A causes B and C" is one phrase with two targets. Appearances give each
// node its position and size: x and y are the centre of the node's box
// (CmapTools' own files put boxes flush with the left and top of the
// canvas at x = width/2: the centre, not the corner), in pixels, which
// Khareeta takes as points, y down.

// MaxCXLSize bounds what ReadCXL reads (64 MiB).
const MaxCXLSize = 64 << 20

// maxCXLNodes bounds the concepts, linking phrases and connections of one
// map, so that a crafted file cannot make an import explode.
const maxCXLNodes = 500_000

const (
	cxlNS     = "http://cmap.ihmc.us/xml/cmap/"
	dcNS      = "http://purl.org/dc/elements/1.1/"
	dctermsNS = "http://purl.org/dc/terms/"
)

// cxlNamespace makes stable UUIDs for CXL ids that are not UUIDs, so that
// importing the same map twice gives the same ids.
var cxlNamespace = uuid.MustParse("b3c7c1a0-6a43-5f0e-9c5e-4b4d41504358")

// CXLOptions says how WriteCXLWith writes a map.
type CXLOptions struct {
	// Lang is the language of the labels written (CmapTools holds one per
	// node); empty means the project's language. A node with no text in
	// Lang falls back to another language.
	Lang string
	// Positions gives concepts' centres; concepts without one are placed
	// on a grid below the others.
	Positions map[string][2]float64
	// Title is the map's title ("": the project's title).
	Title string
}

// WriteCXL writes the concepts with the given ids (nil: all) and the
// relations among them as a CmapTools map, placing concepts on a grid.
func WriteCXL(w io.Writer, p *model.Project, ids []string) error {
	return WriteCXLWith(w, p, ids, CXLOptions{})
}

// WriteCXLWith writes a CmapTools map with options. Relations with the
// same source, type and linking phrase become one linking phrase with
// several targets. Each concept's box takes its kind's colour, and its
// description becomes the concept's long comment.
func WriteCXLWith(w io.Writer, p *model.Project, ids []string, opts CXLOptions) error {
	lang := opts.Lang
	if lang == "" {
		lang = p.Meta.Language
	}
	ix := model.NewIndex(p)
	concepts := selectConcepts(p, ix, ids)
	var cids []string
	for _, c := range concepts {
		cids = append(cids, c.ID)
	}
	pos := placeConcepts(cids, opts.Positions)

	// Group relations into propositions.
	type group struct {
		from, typ, phrase string
		rels              []*model.Relation
	}
	var groups []*group
	byKey := map[[3]string]*group{}
	for _, rid := range model.ViewRelations(p, cids) {
		r := ix.Relations[rid]
		phrase := r.Phrase.Get(lang)
		if strings.TrimSpace(phrase) == "" {
			phrase = model.DefaultPhrase(r.Type).Get(lang)
		}
		k := [3]string{r.From, r.Type, phrase}
		g := byKey[k]
		if g == nil {
			g = &group{from: r.From, typ: r.Type, phrase: phrase}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.rels = append(g.rels, r)
	}

	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<cmap xmlns=%q xmlns:dc=%q xmlns:dcterms=%q>\n", cxlNS, dcNS, dctermsNS)
	b.WriteString("  <res-meta>\n")
	title := opts.Title
	if title == "" {
		title = p.Meta.Title.Get(lang)
	}
	writeElem(&b, "    ", "dc:title", title)
	if d := p.Meta.Description.Get(lang); d != "" {
		writeElem(&b, "    ", "dc:description", d)
	}
	writeElem(&b, "    ", "dc:language", lang)
	writeElem(&b, "    ", "dc:format", "x-cmap/x-storable")
	writeElem(&b, "    ", "dcterms:created", time.Now().UTC().Format("2006-01-02T15:04:05Z"))
	b.WriteString("  </res-meta>\n  <map>\n    <concept-list>\n")
	for _, c := range concepts {
		b.WriteString("      <concept")
		attr(&b, "id", c.ID)
		attr(&b, "label", c.Label.Get(lang))
		if d := c.Description.Get(lang); d != "" {
			attr(&b, "long-comment", d)
		}
		b.WriteString("/>\n")
	}
	b.WriteString("    </concept-list>\n    <linking-phrase-list>\n")
	lpID := func(g *group) string { return "lp-" + g.rels[0].ID }
	for _, g := range groups {
		b.WriteString("      <linking-phrase")
		attr(&b, "id", lpID(g))
		attr(&b, "label", g.phrase)
		b.WriteString("/>\n")
	}
	b.WriteString("    </linking-phrase-list>\n    <connection-list>\n")
	for _, g := range groups {
		// The source's connection, then one per target named by the
		// relation's own id, so that a re-import keeps the relation ids.
		fmt.Fprintf(&b, "      <connection id=\"cs-%s\" from-id=\"%s\" to-id=\"%s\"/>\n", xmlAttr(g.rels[0].ID), xmlAttr(g.from), xmlAttr(lpID(g)))
		for _, r := range g.rels {
			fmt.Fprintf(&b, "      <connection id=\"%s\" from-id=\"%s\" to-id=\"%s\"/>\n", xmlAttr(r.ID), xmlAttr(lpID(g)), xmlAttr(r.To))
		}
	}
	b.WriteString("    </connection-list>\n    <concept-appearance-list>\n")
	for _, c := range concepts {
		xy := roundPoint(pos[c.ID])
		w, h := boxSize(c.Label.Get(lang))
		fmt.Fprintf(&b, "      <concept-appearance id=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"",
			xmlAttr(c.ID), num(xy[0]), num(xy[1]), num(w), num(h))
		if k := ix.Kinds[c.Kind]; k != nil {
			if rgb, ok := parseHex(k.Color); ok {
				fmt.Fprintf(&b, " background-color=\"%d,%d,%d,255\"", rgb[0], rgb[1], rgb[2])
			}
		}
		b.WriteString("/>\n")
	}
	b.WriteString("    </concept-appearance-list>\n    <linking-phrase-appearance-list>\n")
	for _, g := range groups {
		// Between the source and the middle of the targets.
		a := pos[g.from]
		var tx, ty float64
		for _, r := range g.rels {
			tx += pos[r.To][0]
			ty += pos[r.To][1]
		}
		n := float64(len(g.rels))
		w, _ := boxSize(g.phrase)
		fmt.Fprintf(&b, "      <linking-phrase-appearance id=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"14\"/>\n",
			xmlAttr(lpID(g)), num((a[0]+tx/n)/2), num((a[1]+ty/n)/2), num(w-20))
	}
	b.WriteString("    </linking-phrase-appearance-list>\n  </map>\n</cmap>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// selectConcepts returns the concepts with the given ids in project order
// (all when ids is nil); unknown ids are skipped.
func selectConcepts(p *model.Project, ix *model.Index, ids []string) []model.Concept {
	if ids == nil {
		return p.Concepts
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []model.Concept
	for _, c := range p.Concepts {
		if want[c.ID] {
			out = append(out, c)
		}
	}
	return out
}

// placeConcepts returns a centre for every concept: the given position,
// or a place on a grid under the positioned ones.
func placeConcepts(ids []string, given map[string][2]float64) map[string][2]float64 {
	out := make(map[string][2]float64, len(ids))
	var missing []string
	maxY := math.Inf(-1)
	for _, id := range ids {
		if xy, ok := given[id]; ok && !math.IsNaN(xy[0]) && !math.IsNaN(xy[1]) && !math.IsInf(xy[0], 0) && !math.IsInf(xy[1], 0) {
			out[id] = xy
			maxY = math.Max(maxY, xy[1])
		} else {
			missing = append(missing, id)
		}
	}
	cols := int(math.Ceil(math.Sqrt(float64(len(missing)))))
	if cols < 1 {
		cols = 1
	}
	top := 80.0
	if !math.IsInf(maxY, -1) {
		top = maxY + 160
	}
	for i, id := range missing {
		out[id] = [2]float64{120 + float64(i%cols)*240, top + float64(i/cols)*140}
	}
	return out
}

// num writes a number rounded to a whole one (never "-0").
func num(f float64) string { return strconv.FormatFloat(math.Round(f)+0, 'f', -1, 64) }

func xmlAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func attr(b *bytes.Buffer, name, value string) {
	fmt.Fprintf(b, " %s=\"%s\"", name, xmlAttr(value))
}

func writeElem(b *bytes.Buffer, indent, name, text string) {
	fmt.Fprintf(b, "%s<%s>", indent, name)
	xml.EscapeText(b, []byte(text))
	fmt.Fprintf(b, "</%s>\n", name)
}

func parseHex(c string) ([3]int, bool) {
	if len(c) != 7 || c[0] != '#' {
		return [3]int{}, false
	}
	v, err := strconv.ParseUint(c[1:], 16, 32)
	if err != nil {
		return [3]int{}, false
	}
	return [3]int{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}, true
}

// The parts of a CXL file an import reads; everything else is ignored.
type cxlDoc struct {
	XMLName xml.Name `xml:"cmap"`
	Meta    struct {
		Title       []string `xml:"title"`
		Description []string `xml:"description"`
		Language    []string `xml:"language"`
	} `xml:"res-meta"`
	Map struct {
		Concepts    []cxlNode `xml:"concept-list>concept"`
		Phrases     []cxlNode `xml:"linking-phrase-list>linking-phrase"`
		Connections []struct {
			ID   string `xml:"id,attr"`
			From string `xml:"from-id,attr"`
			To   string `xml:"to-id,attr"`
		} `xml:"connection-list>connection"`
		ConceptLooks []cxlLook `xml:"concept-appearance-list>concept-appearance"`
	} `xml:"map"`
}

type cxlNode struct {
	ID          string `xml:"id,attr"`
	Label       string `xml:"label,attr"`
	LongComment string `xml:"long-comment,attr"`
}

type cxlLook struct {
	ID         string `xml:"id,attr"`
	X          string `xml:"x,attr"`
	Y          string `xml:"y,attr"`
	Background string `xml:"background-color,attr"`
}

// ReadCXL reads a CmapTools map as a project (see ReadCXLLayout).
func ReadCXL(r io.Reader) (*model.Project, error) {
	p, _, err := ReadCXLLayout(r, nil)
	return p, err
}

// ReadCXLLayout reads a CmapTools map: its concepts (with the kind whose
// colour matches the concept's background, among kinds or, when nil, the
// built-in kinds; "concept" otherwise), one relation per source and target
// of each linking phrase (typed by matching the phrase against the known
// relation types, else "related-to"), direct concept-to-concept
// connections as relations without a phrase, and the map's title. Labels
// go to Arabic when they hold Arabic letters, else to English. It also
// returns each concept's centre. Ids that are UUIDs are kept; others are
// turned into stable UUIDs. A position that is not a finite number, or is
// beyond ±model.MaxCoordinate, makes the whole file an error naming the
// element and the value.
func ReadCXLLayout(r io.Reader, kinds []model.Kind) (*model.Project, map[string][2]float64, error) {
	rd, err := readCXL(r, kinds)
	if err != nil {
		return nil, nil, err
	}
	return rd.p, rd.placed, nil
}

func readCXL(r io.Reader, kinds []model.Kind) (*mapRead, error) {
	if kinds == nil {
		kinds = model.BuiltinKinds()
	}
	rd := newMapRead(kinds)
	if err := rd.readCXL(r); err != nil {
		return nil, err
	}
	return rd, nil
}

func (rd *mapRead) readCXL(r io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(r, MaxCXLSize+1))
	if err != nil {
		return fmt.Errorf("read CXL: %w", err)
	}
	if len(data) > MaxCXLSize {
		return fmt.Errorf("CXL file is larger than %d MiB", MaxCXLSize>>20)
	}
	var doc cxlDoc
	if err := decodeXML("CXL", "is this a CmapTools .cxl file?", data, &doc); err != nil {
		return err
	}
	m := &doc.Map
	if n := len(m.Concepts) + len(m.Phrases) + len(m.Connections); n > maxCXLNodes {
		return fmt.Errorf("CXL: %d nodes and connections, more than %d", n, maxCXLNodes)
	}
	p := rd.p
	byColor, shared := kindColors(p.Kinds)
	looks := map[string]cxlLook{}
	for _, l := range m.ConceptLooks {
		looks[l.ID] = l
	}
	newID := func(kind, id string) string { return stableID(cxlNamespace, kind, id) }
	hasKind := map[string]bool{}
	for _, k := range p.Kinds {
		hasKind[k.ID] = true
	}
	defKind := defaultKind(p.Kinds)
	text := textOf
	conceptOf := map[string]string{} // CXL id → concept id
	seen := map[string]bool{}
	for _, c := range m.Concepts {
		if c.ID == "" {
			return errors.New("CXL: a concept has no id")
		}
		if seen[c.ID] {
			return fmt.Errorf("CXL: id %q is used twice", c.ID)
		}
		seen[c.ID] = true
		con := model.Concept{ID: newID("concept", c.ID), Kind: defKind, Label: text(c.Label), Description: text(c.LongComment)}
		if con.Label.Empty() {
			con.Label = model.Text{model.English: "?"}
			rd.noLabel[con.ID] = true
		}
		if l, ok := looks[c.ID]; ok {
			if rgb, ok := parseCXLColor(l.Background); ok {
				if k, ok := byColor[rgb]; ok {
					con.Kind = k
					rd.kindSet[con.ID] = !shared[rgb]
				}
			}
			if l.X != "" || l.Y != "" {
				x, err := coordinate("x", l.X)
				if err == nil {
					var y float64
					y, err = coordinate("y", l.Y)
					rd.placed[con.ID] = [2]float64{x, y}
				}
				if err != nil {
					return fmt.Errorf("CXL concept-appearance %q: %v", l.ID, err)
				}
			}
		}
		if err := model.ValidateConcept(con, func(k string) bool { return hasKind[k] }); err != nil {
			return fmt.Errorf("CXL concept %q: %w", c.ID, err)
		}
		conceptOf[c.ID] = con.ID
		p.Concepts = append(p.Concepts, con)
	}
	phrases := map[string]cxlNode{}
	for _, lp := range m.Phrases {
		if lp.ID == "" {
			return errors.New("CXL: a linking phrase has no id")
		}
		if seen[lp.ID] {
			return fmt.Errorf("CXL: id %q is used twice", lp.ID)
		}
		seen[lp.ID] = true
		phrases[lp.ID] = lp
	}
	// Sources and targets of each linking phrase, in file order.
	type prop struct {
		from    []string
		to      []string
		toConns []string
	}
	props := map[string]*prop{}
	var order []string
	propOf := func(id string) *prop {
		if props[id] == nil {
			props[id] = &prop{}
			order = append(order, id)
		}
		return props[id]
	}
	var direct [][3]string // concept → concept connections: id, from, to
	for _, cn := range m.Connections {
		_, fromC := conceptOf[cn.From]
		_, toC := conceptOf[cn.To]
		_, fromL := phrases[cn.From]
		_, toL := phrases[cn.To]
		switch {
		case fromC && toL:
			pr := propOf(cn.To)
			pr.from = append(pr.from, cn.From)
		case fromL && toC:
			pr := propOf(cn.From)
			pr.to = append(pr.to, cn.To)
			pr.toConns = append(pr.toConns, cn.ID)
		case fromC && toC:
			direct = append(direct, [3]string{cn.ID, cn.From, cn.To})
		case fromL && toL:
			return fmt.Errorf("CXL: connection %q joins two linking phrases", cn.ID)
		default:
			return fmt.Errorf("CXL: connection %q refers to a missing node (%q → %q)", cn.ID, cn.From, cn.To)
		}
	}
	relSeen := map[string]bool{}
	addRel := func(id, from, to, phrase string) error {
		r := model.Relation{ID: id, From: conceptOf[from], To: conceptOf[to], Type: "related-to", Phrase: text(phrase)}
		if t, ok := relationTypeOf(phrase); ok {
			r.Type = t
		}
		if relSeen[r.ID] {
			r.ID = uuid.NewSHA1(cxlNamespace, []byte("relation\x00"+r.ID+"\x00"+from+"\x00"+to)).String()
		}
		relSeen[r.ID] = true
		if err := model.ValidateRelation(r, func(string) bool { return true }); err != nil {
			return fmt.Errorf("CXL proposition: %w", err)
		}
		p.Relations = append(p.Relations, r)
		return nil
	}
	for _, lid := range order {
		pr, lp := props[lid], phrases[lid]
		for _, f := range pr.from {
			for i, t := range pr.to {
				var id string
				if len(pr.from) == 1 && model.ValidID(pr.toConns[i]) {
					id = pr.toConns[i] // written by Khareeta: the relation's own id
				} else {
					id = newID("relation", lid+"\x00"+f+"\x00"+t)
				}
				if err := addRel(id, f, t, lp.Label); err != nil {
					return err
				}
			}
		}
	}
	for _, d := range direct {
		if err := addRel(newID("relation", "direct\x00"+d[0]+"\x00"+d[1]+"\x00"+d[2]), d[1], d[2], ""); err != nil {
			return err
		}
	}
	p.Meta.Language = mapLanguage(first(doc.Meta.Language), p)
	p.Meta.Title = text(first(doc.Meta.Title))
	p.Meta.Description = text(first(doc.Meta.Description))
	rd.name = strings.TrimSpace(first(doc.Meta.Title))
	if p.Meta.Title.Empty() {
		p.Meta.Title = model.T("خريطة مستوردة", "Imported map")
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("CXL: %w", err)
	}
	return nil
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// parseCXLColor reads CmapTools' "r,g,b,a" colours.
func parseCXLColor(s string) ([3]int, bool) {
	parts := strings.Split(s, ",")
	if len(parts) < 3 {
		return [3]int{}, false
	}
	var rgb [3]int
	for i := 0; i < 3; i++ {
		v, err := strconv.Atoi(strings.TrimSpace(parts[i]))
		if err != nil || v < 0 || v > 255 {
			return [3]int{}, false
		}
		rgb[i] = v
	}
	return rgb, true
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// relationTypeOf finds the relation type whose default phrase (in any
// language) is phrase, ignoring diacritics, case and spacing.
func relationTypeOf(phrase string) (string, bool) {
	f := model.Fold(strings.TrimSpace(phrase))
	if f == "" {
		return "", false
	}
	for _, rt := range model.RelationTypes() {
		for _, ph := range rt.Phrase {
			if model.Fold(ph) == f {
				return rt.ID, true
			}
		}
		if rt.ID == f {
			return rt.ID, true
		}
	}
	return "", false
}
