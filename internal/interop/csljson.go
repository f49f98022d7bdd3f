package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// ReadCSLJSON reads CSL-JSON as Zotero, Mendeley, Better BibTeX and
// citeproc tools write it: an array of items (a single item object is
// accepted too) with "type", "author"/"editor" names (family/given with
// particles and suffix, or literal), "issued"/"accessed" as date-parts,
// raw or literal, numbers or strings for volume/issue/page, "DOI", "URL",
// "citation-key". An item's "id" becomes the source id when it is one of our
// UUIDs and the citation key otherwise (unless it looks like a URI). An item
// that is not an object or has no title is skipped and reported with its
// line. See ImportSources.
func ReadCSLJSON(r io.Reader) ([]model.Source, ImportReport, error) {
	return ImportSources(r, CSLJSON)
}

// flexString accepts a JSON string or number (CSL allows both for numeric variables).
type flexString string

// UnmarshalJSON takes a string or a number (as its text); null and booleans give "".
func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	switch b[0] {
	case '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		*f = flexString(b)
	case 't', 'f':
		*f = ""
	default:
		return fmt.Errorf("expected a string or a number, found %s", clip(string(b), 20))
	}
	return nil
}

type cslName struct {
	Family              flexString `json:"family,omitempty"`
	Given               flexString `json:"given,omitempty"`
	Literal             flexString `json:"literal,omitempty"`
	DroppingParticle    flexString `json:"dropping-particle,omitempty"`
	NonDroppingParticle flexString `json:"non-dropping-particle,omitempty"`
	Suffix              flexString `json:"suffix,omitempty"`
}

type cslDate struct {
	DateParts [][]flexString `json:"date-parts,omitempty"`
	Raw       flexString     `json:"raw,omitempty"`
	Literal   flexString     `json:"literal,omitempty"`
}

// cslItem is the part of a CSL item Khareeta holds. Other variables are ignored.
type cslItem struct {
	ID             flexString `json:"id"`
	Type           flexString `json:"type"`
	CitationKey    flexString `json:"citation-key,omitempty"`
	Author         []cslName  `json:"author,omitempty"`
	Editor         []cslName  `json:"editor,omitempty"`
	Issued         *cslDateJS `json:"issued,omitempty"`
	Title          flexString `json:"title,omitempty"`
	ContainerTitle flexString `json:"container-title,omitempty"`
	Publisher      flexString `json:"publisher,omitempty"`
	PublisherPlace flexString `json:"publisher-place,omitempty"`
	Volume         flexString `json:"volume,omitempty"`
	Issue          flexString `json:"issue,omitempty"`
	Page           flexString `json:"page,omitempty"`
	Number         flexString `json:"number,omitempty"`
	DOI            flexString `json:"DOI,omitempty"`
	URL            flexString `json:"URL,omitempty"`
	Language       flexString `json:"language,omitempty"`
	Accessed       *cslDateJS `json:"accessed,omitempty"`
	Note           flexString `json:"note,omitempty"`
}

// cslDateJS is a CSL date: an object, or (as some tools write it) a plain string.
type cslDateJS struct{ cslDate }

// UnmarshalJSON takes a CSL date object, or a plain string kept as raw.
func (d *cslDateJS) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		d.Raw = flexString(s)
		return nil
	}
	if string(b) == "null" {
		return nil
	}
	return json.Unmarshal(b, &d.cslDate)
}

// hasParts reports whether the date-parts hold anything.
func (d *cslDateJS) hasParts() bool {
	for _, p := range d.DateParts {
		for _, v := range p {
			if strings.TrimSpace(string(v)) != "" {
				return true
			}
		}
	}
	return false
}

// partsText writes the date-parts as the file gave them: [[2020, 13]].
func (d *cslDateJS) partsText() string {
	var b strings.Builder
	b.WriteByte('[')
	for i, p := range d.DateParts {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('[')
		for j, v := range p {
			if j > 0 {
				b.WriteString(", ")
			}
			if _, err := strconv.Atoi(string(v)); err == nil {
				b.WriteString(string(v))
			} else {
				b.WriteString(strconv.Quote(string(v)))
			}
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String()
}

// String returns the date in the model's form ("2016-05-04"), or the raw
// or literal text when the date-parts are missing or out of range.
func (d *cslDateJS) String() string {
	if d == nil {
		return ""
	}
	if len(d.DateParts) > 0 && len(d.DateParts[0]) > 0 {
		p := d.DateParts[0]
		atoi := func(i int) (int, bool) {
			if i >= len(p) {
				return 0, true
			}
			s := strings.TrimSpace(string(p[i]))
			if s == "" {
				return 0, true
			}
			n, err := strconv.Atoi(s)
			return n, err == nil && n >= 0
		}
		y, oky := atoi(0)
		m, okm := atoi(1)
		dd, okd := atoi(2)
		if oky && okm && okd && y > 0 && y <= 9999 && m <= 12 && dd <= 31 && (m > 0 || dd == 0) {
			return formatDate(y, m, dd)
		}
	}
	if d.Raw != "" {
		return normDate(string(d.Raw))
	}
	return strings.TrimSpace(string(d.Literal))
}

// parseCSLJSON reads a whole CSL-JSON file: an array of items or one item.
// Broken items are rejected, kept items that lost a value get a warning;
// err is for what stops the file as a whole (syntax, encoding, not CSL).
func parseCSLJSON(data []byte) ([]model.Source, []Rejected, []Warning, error) {
	data, err := bibText(data)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("CSL-JSON: %w", err)
	}
	li := newLineIndex(data)
	dec := json.NewDecoder(bytes.NewReader(data))
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("CSL-JSON: syntax error on line %d: %w", li.line(int(se.Offset)), err)
		}
		return fmt.Errorf("CSL-JSON: %w", err)
	}
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, nil, nil, fmt.Errorf("CSL-JSON: the file is empty (%w)", ErrNoEntries)
		}
		return nil, nil, nil, syntax(err)
	}
	var out []model.Source
	var rej []Rejected
	var warn []Warning
	one := func(raw json.RawMessage, off int) {
		line := li.line(off)
		s, key, lost, err := cslSource(raw)
		if err != nil {
			rej = append(rej, Rejected{Line: line, Key: key, Reason: err.Error()})
			return
		}
		out = append(out, s)
		for _, l := range lost {
			warn = append(warn, Warning{Line: line, Key: key, Msg: l})
		}
	}
	switch tok {
	case json.Delim('['):
		for dec.More() {
			off := int(dec.InputOffset())
			// InputOffset is just past the previous token; skip to the item itself
			for off < len(data) && (data[off] == ',' || data[off] == ' ' || data[off] == '\n' || data[off] == '\r' || data[off] == '\t') {
				off++
			}
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, nil, nil, syntax(err)
			}
			one(raw, off)
		}
		if _, err := dec.Token(); err != nil {
			return nil, nil, nil, syntax(err)
		}
	case json.Delim('{'):
		// a single item: decode it again from the start
		dec = json.NewDecoder(bytes.NewReader(data))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, nil, syntax(err)
		}
		if IsProjectJSON(data) {
			return nil, nil, nil, fmt.Errorf("CSL-JSON: this is a Khareeta project file, not CSL-JSON (import it as a project)")
		}
		one(raw, 0)
	default:
		return nil, nil, nil, fmt.Errorf("CSL-JSON: expected an array of items, found %v", tok)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			return nil, nil, nil, fmt.Errorf("CSL-JSON: unexpected data after the items")
		}
		return nil, nil, nil, syntax(err)
	}
	return out, rej, warn, nil
}

// cslSource reads one item. lost says what of a kept item was not read.
func cslSource(raw json.RawMessage) (s model.Source, key string, lost []string, err error) {
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return s, "", nil, fmt.Errorf("item is not a JSON object")
	}
	var it cslItem
	if err := json.Unmarshal(raw, &it); err != nil {
		var probe struct {
			ID flexString `json:"id"`
		}
		_ = json.Unmarshal(raw, &probe)
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return s, string(probe.ID), nil, fmt.Errorf("field %q has the wrong type (%s)", te.Field, te.Value)
		}
		if f := cslBadField(raw); f != "" {
			return s, string(probe.ID), nil, fmt.Errorf("field %q: %v", f, err)
		}
		return s, string(probe.ID), nil, fmt.Errorf("bad item: %v", err)
	}
	id := strings.TrimSpace(string(it.ID))
	s.Key = strings.TrimSpace(string(it.CitationKey))
	switch {
	case model.ValidID(id):
		s.ID = id
	case s.Key == "" && id != "" && !strings.Contains(id, "://") && !strings.ContainsAny(id, " \t") && !isDigits(id) && !strings.HasPrefix(id, "ITEM-") && !strings.HasPrefix(id, "item-"):
		s.Key = id
	}
	key = s.Key
	if key == "" {
		key = id
	}
	typ := strings.TrimSpace(string(it.Type))
	if typ != "" && !cslTypes[typ] {
		lost = append(lost, fmt.Sprintf("type %q is not a CSL type; read as \"document\"", clip(typ, 30)))
	}
	if typ == "" || !cslTypes[typ] {
		typ = "document"
	}
	s.Type = typ
	s.Authors = cslNames(it.Author)
	s.Editors = cslNames(it.Editor)
	s.Issued = it.Issued.String()
	s.Title = string(it.Title)
	s.ContainerTitle = string(it.ContainerTitle)
	s.Publisher = string(it.Publisher)
	s.PublisherPlace = string(it.PublisherPlace)
	s.Volume = string(it.Volume)
	s.Issue = string(it.Issue)
	s.Pages = string(it.Page)
	s.Number = string(it.Number)
	s.DOI = normDOI(string(it.DOI))
	s.URL = string(it.URL)
	s.Language = normLanguage(string(it.Language))
	s.Accessed = it.Accessed.String()
	s.Note = string(it.Note)
	for _, d := range []struct {
		name string
		date *cslDateJS
		got  string
	}{{"issued", it.Issued, s.Issued}, {"accessed", it.Accessed, s.Accessed}} {
		if d.got == "" && d.date != nil && d.date.hasParts() {
			lost = append(lost, fmt.Sprintf("%s: date-parts %s are not a date; left empty", d.name, clip(d.date.partsText(), 40)))
		}
	}
	if err := finish(&s); err != nil {
		return s, key, nil, err
	}
	return s, key, lost, nil
}

func cslNames(ns []cslName) []model.Name {
	var out []model.Name
	for _, n := range ns {
		if n.Literal != "" {
			out = append(out, model.Name{Literal: string(n.Literal)})
			continue
		}
		fam := string(n.Family)
		if p := strings.TrimSpace(string(n.NonDroppingParticle)); p != "" {
			sep := " "
			if strings.HasSuffix(p, "'") || strings.HasSuffix(p, "’") || strings.HasSuffix(p, "-") {
				sep = ""
			}
			fam = p + sep + fam
		}
		given := string(n.Given)
		if p := strings.TrimSpace(string(n.DroppingParticle)); p != "" {
			given = strings.TrimSpace(given + " " + p)
		}
		if sfx := strings.TrimSpace(string(n.Suffix)); sfx != "" {
			if given != "" {
				given += ", " + sfx
			} else {
				given = sfx
			}
		}
		out = append(out, model.Name{Family: fam, Given: given})
	}
	return out
}

// cslOut is the item WriteCSLJSON writes: the CSL variables in a stable order.
type cslOut struct {
	ID             string      `json:"id"`
	Type           string      `json:"type"`
	CitationKey    string      `json:"citation-key,omitempty"`
	Author         []cslName   `json:"author,omitempty"`
	Editor         []cslName   `json:"editor,omitempty"`
	Issued         *cslDateOut `json:"issued,omitempty"`
	Title          string      `json:"title"`
	ContainerTitle string      `json:"container-title,omitempty"`
	Publisher      string      `json:"publisher,omitempty"`
	PublisherPlace string      `json:"publisher-place,omitempty"`
	Volume         string      `json:"volume,omitempty"`
	Issue          string      `json:"issue,omitempty"`
	Page           string      `json:"page,omitempty"`
	Number         string      `json:"number,omitempty"`
	DOI            string      `json:"DOI,omitempty"`
	URL            string      `json:"URL,omitempty"`
	Language       string      `json:"language,omitempty"`
	Accessed       *cslDateOut `json:"accessed,omitempty"`
	Note           string      `json:"note,omitempty"`
}

// cslDateOut is a date as WriteCSLJSON writes it: numeric date-parts, or raw.
type cslDateOut struct {
	DateParts [][]int `json:"date-parts,omitempty"`
	Raw       string  `json:"raw,omitempty"`
}

// WriteCSLJSON writes sources as a CSL-JSON array (indented UTF-8) in the
// order given: "id" is the source's UUID, "citation-key" its key, dates are
// date-parts (a date Khareeta cannot parse, such as "n.d.", goes in "raw").
// Zotero, citeproc-js, pandoc and ReadCSLJSON read it back.
func WriteCSLJSON(w io.Writer, sources []model.Source) error {
	items := make([]cslOut, 0, len(sources))
	for _, s := range sources {
		items = append(items, cslOut{
			ID: s.ID, Type: s.Type, CitationKey: s.Key,
			Author: cslNamesOut(s.Authors), Editor: cslNamesOut(s.Editors),
			Issued: cslDateFor(s.Issued), Title: s.Title, ContainerTitle: s.ContainerTitle,
			Publisher: s.Publisher, PublisherPlace: s.PublisherPlace, Volume: s.Volume, Issue: s.Issue,
			Page: s.Pages, Number: s.Number, DOI: s.DOI, URL: s.URL, Language: s.Language,
			Accessed: cslDateFor(s.Accessed), Note: s.Note,
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(items); err != nil {
		return fmt.Errorf("encode CSL-JSON: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write CSL-JSON: %w", err)
	}
	return nil
}

func cslNamesOut(ns []model.Name) []cslName {
	var out []cslName
	for _, n := range ns {
		if n.Literal != "" {
			out = append(out, cslName{Literal: flexString(n.Literal)})
		} else {
			out = append(out, cslName{Family: flexString(n.Family), Given: flexString(n.Given)})
		}
	}
	return out
}

func cslDateFor(s string) *cslDateOut {
	if s == "" {
		return nil
	}
	y, m, d, ok := parseDate(s)
	if !ok || formatDate(y, m, d) != s {
		return &cslDateOut{Raw: s}
	}
	parts := []int{y}
	if m > 0 {
		parts = append(parts, m)
		if d > 0 {
			parts = append(parts, d)
		}
	}
	return &cslDateOut{DateParts: [][]int{parts}}
}

// cslBadField names the first field of an item that does not decode on its
// own, to point the user at it.
func cslBadField(raw json.RawMessage) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	var it cslItem
	for _, k := range []string{"id", "type", "citation-key", "author", "editor", "issued", "title", "container-title",
		"publisher", "publisher-place", "volume", "issue", "page", "number", "DOI", "URL", "language", "accessed", "note"} {
		v, ok := m[k]
		if !ok {
			continue
		}
		one, _ := json.Marshal(map[string]json.RawMessage{k: v})
		if json.Unmarshal(one, &it) != nil {
			return k
		}
	}
	return ""
}
