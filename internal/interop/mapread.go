package interop

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/khareeta/khareeta/internal/model"
)

// What the map formats (CmapTools CXL, GraphML, JSON Canvas) share: reading
// a map laid over a project so that only what the file carries changes,
// the places of its concepts, and the size of the box a concept is drawn in.

// mapRead is what a map reader found: the map as a project, and what an
// import into an existing project needs to know to change only what the
// file says.
type mapRead struct {
	p *model.Project
	// placed holds each concept's centre (points, y down) when the file
	// gives one.
	placed map[string][2]float64
	// name is the map's own name (a CXL title, a GraphML graph's name).
	name string
	// kindSet holds the concepts whose kind the file says (a kind id, or
	// the colour of exactly one kind); others got the default kind.
	kindSet map[string]bool
	// noLabel holds the concepts the file left without a label (given "?").
	noLabel map[string]bool
	// typeSet holds the relations whose type the file names.
	typeSet map[string]bool
}

func newMapRead(kinds []model.Kind) *mapRead {
	return &mapRead{p: &model.Project{Kinds: append([]model.Kind(nil), kinds...)}, placed: map[string][2]float64{},
		kindSet: map[string]bool{}, noLabel: map[string]bool{}, typeSet: map[string]bool{}}
}

// incoming lays what was read over base (nil for a new project): a concept
// or relation base has keeps everything the file does not carry.
func (rd *mapRead) incoming(base *model.Project) *Incoming {
	in := &Incoming{Project: rd.p, Placed: rd.placed, Name: rd.name}
	if base == nil {
		return in
	}
	ix := model.NewIndex(base)
	for i, c := range rd.p.Concepts {
		old, ok := ix.Concepts[c.ID]
		if !ok {
			continue
		}
		if rd.noLabel[c.ID] {
			c.Label = nil
		}
		if !rd.kindSet[c.ID] {
			c.Kind = ""
		}
		rd.p.Concepts[i] = overlayConcept(*old, c)
	}
	for i, r := range rd.p.Relations {
		if old, ok := ix.Relations[r.ID]; ok {
			o := overlayRelation(*old, r)
			if rd.typeSet[r.ID] {
				o.Type = r.Type
			}
			rd.p.Relations[i] = o
		}
	}
	rd.p.Kinds = nil // read with base's kinds: none is missing
	return in
}

// decodeXML decodes a map file's XML strictly (no entities beyond XML's
// own), a byte-order mark aside; errors start with what the file is and
// end with hint when it is not even the XML expected.
func decodeXML(what, hint string, data []byte, v any) error {
	dec := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	dec.Strict = true
	if err := dec.Decode(v); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("%s: XML error at line %d: %s", what, se.Line, se.Msg)
		}
		return fmt.Errorf("%s: %w (%s)", what, err, hint)
	}
	return nil
}

// kindColors finds kinds by colour: byColor maps an RGB colour to the
// first kind that has it; shared holds colours several kinds share.
func kindColors(kinds []model.Kind) (byColor map[[3]int]string, shared map[[3]int]bool) {
	byColor, shared = map[[3]int]string{}, map[[3]int]bool{}
	for _, k := range kinds {
		if rgb, ok := parseHex(k.Color); ok {
			if _, dup := byColor[rgb]; !dup {
				byColor[rgb] = k.ID
			} else {
				shared[rgb] = true
			}
		}
	}
	return byColor, shared
}

// defaultKind is the kind a concept gets when the file does not say:
// "concept", else the first kind.
func defaultKind(kinds []model.Kind) string {
	for _, k := range kinds {
		if k.ID == model.KindConcept {
			return k.ID
		}
	}
	if len(kinds) > 0 {
		return kinds[0].ID
	}
	return model.KindConcept
}

// textOf turns a label in one language into a Text: Arabic when it holds
// Arabic letters, else English; nil when it is blank.
func textOf(s string) model.Text {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if hasArabic(s) {
		return model.Text{model.Arabic: s}
	}
	return model.Text{model.English: s}
}

// mapLanguage picks a map's language: the one the file states ("ar…" is
// Arabic), else Arabic when most labels are.
func mapLanguage(stated string, p *model.Project) string {
	stated = strings.ToLower(strings.TrimSpace(stated))
	if strings.HasPrefix(stated, "ar") {
		return model.Arabic
	}
	if stated != "" {
		return model.English
	}
	var arabic, latin int
	for _, c := range p.Concepts {
		if c.Label[model.Arabic] != "" {
			arabic++
		} else {
			latin++
		}
	}
	if arabic >= latin && arabic > 0 {
		return model.Arabic
	}
	return model.English
}

// stableID keeps an id that is a UUID and turns any other into a UUID
// derived from it (the same on every import of the file).
func stableID(space uuid.UUID, kind, id string) string {
	if model.ValidID(id) {
		return id
	}
	return uuid.NewSHA1(space, []byte(kind+"\x00"+id)).String()
}

// coordinate reads one coordinate of a map file, refusing what no map can
// hold (not a number, not finite, beyond ±model.MaxCoordinate points); the
// error names the attribute and the value as the file has it.
func coordinate(name, raw string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, fmt.Errorf("%s %q is not a finite number", name, clip(raw, 40))
		}
		return 0, fmt.Errorf("%s %q is not a number", name, clip(raw, 40))
	}
	if err := model.CheckCoordinate(v); err != nil {
		return 0, fmt.Errorf("%s %q: %v", name, clip(raw, 40), err)
	}
	return v, nil
}

// centre returns the centre of a box given by its corner and size,
// refusing one no map can hold (a corner and a size each within bounds can
// still put the centre beyond them).
func centre(x, y, w, h float64) ([2]float64, error) {
	c := [2]float64{x + w/2, y + h/2}
	for i, name := range []string{"x", "y"} {
		if err := model.CheckCoordinate(c[i]); err != nil {
			return c, fmt.Errorf("the centre's %s %v", name, err)
		}
	}
	return c, nil
}

// boxSize is the size of the box a concept (or a linking phrase) is drawn
// in by the formats that carry one, from its label: wide enough for the
// label on one line, up to 320 points, then two lines. Sizes are even, so
// that a box's corner and centre are both whole numbers.
func boxSize(label string) (w, h float64) {
	n := float64(utf8.RuneCountInString(label))
	w, h = 30+8*n, 40
	if w > 320 {
		w, h = 320, 60
	}
	w = 2 * math.Ceil(w/2)
	return w, h
}

// roundPoint rounds a centre to whole points, as the map formats write it.
func roundPoint(xy [2]float64) [2]float64 { return [2]float64{math.Round(xy[0]), math.Round(xy[1])} }
