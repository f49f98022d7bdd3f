package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/khareeta/khareeta/internal/model"
)

// BibFormat names a bibliography exchange format.
type BibFormat string

// The bibliography formats Khareeta reads and writes.
const (
	BibTeX  BibFormat = "bibtex"   // .bib, as Zotero, Mendeley, JabRef and EndNote write it
	RIS     BibFormat = "ris"      // .ris, tagged lines "TY  - JOUR" … "ER  -"
	CSLJSON BibFormat = "csl-json" // .json / .csl.json, an array of CSL items as Zotero exports it
)

// ParseBibFormat accepts a bibliography format's name as a user types it
// ("bib", "bibtex", "ris", "csl", "csl-json", "csljson"; see Formats).
func ParseBibFormat(s string) (BibFormat, error) {
	if f, err := FormatNamed(s, true); err == nil && f.Holds == HoldsSources {
		return f.Bib, nil
	}
	return "", fmt.Errorf("unknown bibliography format %q (known: bibtex, ris, csl)", s)
}

// BibFormatForPath picks the bibliography format from a file name by the
// format table's extensions: .bib, .ris, .csl.json and .json (CSL-JSON; a
// caller that also accepts Khareeta's project JSON tells them apart with
// IsProjectJSON). ok is false for other extensions.
func BibFormatForPath(path string) (f BibFormat, ok bool) {
	best := 0
	for _, x := range formats {
		if n := extLen(path, x.Exts); x.Holds == HoldsSources && n > best {
			f, best = x.Bib, n
		}
	}
	return f, best > 0
}

// IsProjectJSON reports whether data is a JSON object whose "format" is
// Khareeta's project format ({"format":"khareeta-project",…}) rather than,
// say, a CSL-JSON array. It looks at the first value only and does not
// validate the rest.
func IsProjectJSON(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return false
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return false
		}
		if k == "format" {
			var v any
			if err := dec.Decode(&v); err != nil {
				return false
			}
			return v == JSONFormat
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// Rejected is an entry an importer skipped, with the line it starts on
// (1-based) and why.
type Rejected struct {
	Line   int
	Key    string // citation key or id, when the entry had one
	Reason string
}

// String renders the rejection as "line N: entry KEY: reason".
func (r Rejected) String() string {
	if r.Key != "" {
		return fmt.Sprintf("line %d: entry %s: %s", r.Line, r.Key, r.Reason)
	}
	return fmt.Sprintf("line %d: %s", r.Line, r.Reason)
}

// Warning is an entry an importer kept but read only in part (a field lost
// to a syntax error, an undefined macro read as its name), with the line
// (1-based) it concerns and what happened.
type Warning struct {
	Line int
	Key  string // citation key or id, when the entry had one
	Msg  string
}

// String renders the warning as "line N: entry KEY: message".
func (w Warning) String() string {
	return Rejected{Line: w.Line, Key: w.Key, Reason: w.Msg}.String()
}

// ImportReport says what an importer read: how many entries it accepted,
// which it rejected and what it kept only in part.
type ImportReport struct {
	Format   BibFormat
	Read     int        // entries accepted
	Rejected []Rejected // entries skipped, in file order
	Warnings []Warning  // accepted entries read only in part, in file order
}

// MaxBibSize bounds what the bibliography importers accept (64 MiB).
const MaxBibSize = 64 << 20

// ImportSources reads a bibliography in the given format. Every accepted
// source has a fresh UUID (unless the file carried one of ours, as CSL-JSON
// "id" or RIS "ID"), passes model.ValidateSource and keeps the file's order.
// A malformed entry is skipped and listed in the report with its line; err
// is only for failures that stop the whole file (I/O, a file too large, a
// JSON syntax error outside any entry, an encoding it cannot read, a file
// with nothing in that format, BibTeX macros past their bounds).
func ImportSources(r io.Reader, format BibFormat) ([]model.Source, ImportReport, error) {
	rep := ImportReport{Format: format}
	data, err := io.ReadAll(io.LimitReader(r, MaxBibSize+1))
	if err != nil {
		return nil, rep, fmt.Errorf("read %s: %w", format, err)
	}
	if len(data) > MaxBibSize {
		return nil, rep, fmt.Errorf("read %s: file is larger than %d MiB", format, MaxBibSize>>20)
	}
	var srcs []model.Source
	var rej []Rejected
	var warn []Warning
	switch format {
	case BibTeX:
		srcs, rej, warn, err = parseBibTeX(data)
	case RIS:
		srcs, rej, warn, err = parseRIS(data)
	case CSLJSON:
		srcs, rej, warn, err = parseCSLJSON(data)
	default:
		return nil, rep, fmt.Errorf("import: unknown bibliography format %q", format)
	}
	if err != nil {
		return nil, rep, err
	}
	rep.Read = len(srcs)
	rep.Rejected = rej
	rep.Warnings = warn
	return srcs, rep, nil
}

// ExportSources writes sources in the given format, in the order given.
func ExportSources(w io.Writer, sources []model.Source, format BibFormat) error {
	switch format {
	case BibTeX:
		return WriteBibTeX(w, sources)
	case RIS:
		return WriteRIS(w, sources)
	case CSLJSON:
		return WriteCSLJSON(w, sources)
	}
	return fmt.Errorf("export: unknown bibliography format %q", format)
}

// finish gives a parsed source an id (unless it carries a valid one) and a
// type, trims its fields and validates it.
func finish(s *model.Source) error {
	if !model.ValidID(s.ID) {
		s.ID = model.NewID()
	}
	trimSource(s)
	if s.Type == "" {
		s.Type = "document"
	}
	if s.Title == "" {
		return fmt.Errorf("no title")
	}
	if err := model.ValidateSource(*s); err != nil {
		return err
	}
	return nil
}

func trimSource(s *model.Source) {
	for _, f := range stringFields(s) {
		*f = strings.TrimSpace(collapseSpace(*f))
	}
	s.Note = strings.TrimSpace(s.Note)
	s.Authors = cleanNames(s.Authors)
	s.Editors = cleanNames(s.Editors)
}

// stringFields lists the single-line string fields of s (not Note).
func stringFields(s *model.Source) []*string {
	return []*string{&s.Key, &s.Type, &s.Issued, &s.Title, &s.ContainerTitle, &s.Publisher, &s.PublisherPlace,
		&s.Volume, &s.Issue, &s.Pages, &s.Number, &s.DOI, &s.URL, &s.Language, &s.Accessed}
}

func cleanNames(ns []model.Name) []model.Name {
	out := ns[:0]
	for _, n := range ns {
		n.Family = strings.TrimSpace(collapseSpace(n.Family))
		n.Given = strings.TrimSpace(collapseSpace(n.Given))
		n.Literal = strings.TrimSpace(collapseSpace(n.Literal))
		if n.Family == "" && n.Given == "" && n.Literal == "" {
			continue
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// collapseSpace turns runs of white space (including newlines and tabs)
// into one space; a no-break space is kept.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && r != 0xA0 && unicode.IsSpace(r) }) && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	sp := false
	for _, r := range s {
		if r != 0xA0 && unicode.IsSpace(r) {
			sp = true
			continue
		}
		if sp && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sp = false
		b.WriteRune(r)
	}
	return b.String()
}

// parseDate reads a date as the formats write it: "2016", "2016-05",
// "2016-05-04", "2016/05/04/", "2016/05//", "2016-5-4". It returns the
// parts it found (m or d 0 when absent); ok is false when s is not such a
// date.
func parseDate(s string) (y, m, d int, ok bool) {
	s = strings.TrimSpace(s)
	slashes := strings.Contains(s, "/")
	raw := strings.SplitN(strings.ReplaceAll(s, "/", "-"), "-", 4)
	if len(raw) == 4 && !slashes {
		return 0, 0, 0, false // RIS may add "/other info" after the day; ISO dates may not
	}
	if len(raw) > 3 {
		raw = raw[:3]
	}
	var nums [3]int
	for i, p := range raw {
		p = strings.TrimSpace(p)
		if i == 2 {
			// "20T10:00:00Z" or "20 10:00" (access times) keep the day
			if k := strings.IndexAny(p, "T "); k > 0 {
				p = p[:k]
			}
		}
		if p == "" {
			if i == 0 {
				return 0, 0, 0, false
			}
			break // "2016///": a missing month leaves the day meaningless
		}
		if i == 0 && len(p) != 4 {
			return 0, 0, 0, false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || (i > 0 && len(p) > 2) {
			return 0, 0, 0, false
		}
		nums[i] = n
	}
	y, m, d = nums[0], nums[1], nums[2]
	if m > 12 || d > 31 || (m == 0 && d != 0) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// formatDate writes y, m, d as the model holds dates: "2016", "2016-05", "2016-05-04".
func formatDate(y, m, d int) string {
	switch {
	case m == 0:
		return fmt.Sprintf("%04d", y)
	case d == 0:
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// normDate normalises a date string to the model's form when it is a date
// it understands and returns it unchanged otherwise ("n.d.", "2016/2017").
func normDate(s string) string {
	if y, m, d, ok := parseDate(s); ok {
		return formatDate(y, m, d)
	}
	return strings.TrimSpace(s)
}

var languageNames = map[string]string{
	"arabic": "ar", "العربية": "ar", "عربي": "ar", "ara": "ar", "arabe": "ar",
	"english": "en", "eng": "en", "en-us": "en-US", "en-gb": "en-GB", "american": "en-US", "british": "en-GB",
	"french": "fr", "français": "fr", "fre": "fr", "fra": "fr",
	"german": "de", "deutsch": "de", "ger": "de", "deu": "de", "ngerman": "de",
	"spanish": "es", "español": "es", "spa": "es",
	"turkish": "tr", "persian": "fa", "farsi": "fa", "urdu": "ur", "kurdish": "ku",
	"russian": "ru", "italian": "it", "portuguese": "pt", "chinese": "zh", "japanese": "ja",
}

// normLanguage maps common language names ("Arabic", "english", "العربية")
// to BCP 47 tags and leaves tags and unknown names as they are.
func normLanguage(s string) string {
	s = strings.TrimSpace(s)
	if t, ok := languageNames[strings.ToLower(s)]; ok {
		return t
	}
	return s
}

// normDOI strips resolver prefixes ("https://doi.org/", "doi:") from a DOI.
func normDOI(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"} {
		if strings.HasPrefix(low, p) {
			return strings.TrimSpace(s[len(p):])
		}
	}
	return s
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int

func newLineIndex(data []byte) lineIndex {
	li := lineIndex{0}
	for i, c := range data {
		if c == '\n' {
			li = append(li, i+1)
		}
	}
	return li
}

func (li lineIndex) line(off int) int {
	lo, hi := 0, len(li)
	for lo < hi {
		m := (lo + hi) / 2
		if li[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// cslTypes are the CSL 1.0.2 item types; a file naming one of them in a
// free "type" field gets it back.
var cslTypes = map[string]bool{
	"article": true, "article-journal": true, "article-magazine": true, "article-newspaper": true,
	"bill": true, "book": true, "broadcast": true, "chapter": true, "classic": true, "collection": true,
	"dataset": true, "document": true, "entry": true, "entry-dictionary": true, "entry-encyclopedia": true,
	"event": true, "figure": true, "graphic": true, "hearing": true, "interview": true, "legal_case": true,
	"legislation": true, "manuscript": true, "map": true, "motion_picture": true, "musical_score": true,
	"pamphlet": true, "paper-conference": true, "patent": true, "performance": true, "periodical": true,
	"personal_communication": true, "post": true, "post-weblog": true, "regulation": true, "report": true,
	"review": true, "review-book": true, "software": true, "song": true, "speech": true, "standard": true,
	"thesis": true, "treaty": true, "webpage": true,
}
