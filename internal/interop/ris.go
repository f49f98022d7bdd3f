package interop

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// ReadRIS reads RIS as Zotero, Mendeley and EndNote write it: "TY  - JOUR"
// … "ER  -" records with tags AU/A1 (authors), A2/ED (editors), PY/Y1/DA
// (dates), TI/T1 (title), T2/JF/JO/BT (container), PB, CY, VL, IS, SP, EP,
// DO, UR, LA, Y2 (accessed), N1 (note), M1 (number; SN too for reports,
// as Zotero writes it, unless it is an ISBN), A3 (a book's editors when no
// A2/ED is given) and ID (our id or a citation key; "Citation Key: …" in
// M2 or N1 also gives the key). A name without a comma is an institution.
// A record without TY, ER or a title is skipped and reported with its
// line. See ImportSources.
func ReadRIS(r io.Reader) ([]model.Source, ImportReport, error) {
	return ImportSources(r, RIS)
}

var risTypes = map[string]string{
	"JOUR": "article-journal", "EJOUR": "article-journal", "JFULL": "periodical", "ABST": "article-journal",
	"INPR": "article-journal", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter",
	"ECHAP": "chapter", "RPRT": "report", "THES": "thesis", "ELEC": "webpage", "WEB": "webpage",
	"BLOG": "post-weblog", "CONF": "paper-conference", "CPAPER": "paper-conference", "NEWS": "article-newspaper",
	"MGZN": "article-magazine", "UNPB": "manuscript", "MANSCPT": "manuscript", "GEN": "document",
	"DATA": "dataset", "COMP": "software", "PAT": "patent", "STAT": "legislation", "BILL": "bill",
	"CASE": "legal_case", "PAMP": "pamphlet", "MAP": "map", "SOUND": "song", "VIDEO": "motion_picture",
	"MPCT": "motion_picture", "ART": "graphic", "FIGURE": "figure", "HEAR": "hearing", "PCOMM": "personal_communication",
	"ENCYC": "entry-encyclopedia", "DICT": "entry-dictionary", "STAND": "standard", "GOVDOC": "report",
	"SER": "book", "CTLG": "document", "ICOMM": "personal_communication", "LEGAL": "legislation",
	"MULTI": "document", "MUSIC": "musical_score", "AGGR": "document", "ANCIENT": "classic", "CLSWK": "classic",
}

var risTypeOut = map[string]string{
	"article-journal": "JOUR", "periodical": "JFULL", "book": "BOOK", "chapter": "CHAP", "report": "RPRT",
	"thesis": "THES", "webpage": "ELEC", "post-weblog": "BLOG", "paper-conference": "CONF",
	"article-newspaper": "NEWS", "article-magazine": "MGZN", "manuscript": "UNPB", "document": "GEN",
	"dataset": "DATA", "software": "COMP", "patent": "PAT", "legislation": "STAT", "bill": "BILL",
	"legal_case": "CASE", "pamphlet": "PAMP", "map": "MAP", "song": "SOUND", "motion_picture": "MPCT",
	"graphic": "ART", "figure": "FIGURE", "hearing": "HEAR", "personal_communication": "PCOMM",
	"entry-encyclopedia": "ENCYC", "entry-dictionary": "DICT", "standard": "STAND", "musical_score": "MUSIC",
	"classic": "CLSWK",
}

type risTag struct {
	tag, val string
	line     int
}

// risLine splits "TY  - JOUR" into its tag and value; ok is false for a
// line that is not a tag line (a continuation or junk).
func risLine(l string) (tag, val string, ok bool) {
	if len(l) < 5 {
		// "ER  -" may lose its trailing blank
		if len(l) >= 2 && isRISTag(l[:2]) && strings.TrimSpace(l[2:]) == "-" {
			return l[:2], "", true
		}
		return "", "", false
	}
	if !isRISTag(l[:2]) {
		return "", "", false
	}
	// the standard is "TG  - value"; tolerate one or three blanks and a missing blank after '-'
	rest := l[2:]
	n := 0
	for n < len(rest) && rest[n] == ' ' {
		n++
	}
	if n < 1 || n > 3 || n >= len(rest) || rest[n] != '-' {
		return "", "", false
	}
	val = rest[n+1:]
	if val != "" && val[0] != ' ' {
		return "", "", false
	}
	return l[:2], strings.TrimSpace(val), true
}

func isRISTag(t string) bool {
	return t[0] >= 'A' && t[0] <= 'Z' && ((t[1] >= 'A' && t[1] <= 'Z') || (t[1] >= '0' && t[1] <= '9'))
}

// parseRIS reads a whole RIS file. Broken records are rejected, kept
// records that lost a value get a warning; err is for an encoding it
// cannot read or a file without a single "TY  -" line.
func parseRIS(data []byte) ([]model.Source, []Rejected, []Warning, error) {
	data, err := bibText(data)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("RIS: %w", err)
	}
	var out []model.Source
	var rej []Rejected
	var warn []Warning
	var rec []risTag
	inRec, found := false, false
	start := 0
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, "\r")
		lineNo := i + 1
		tag, val, ok := risLine(l)
		if !ok {
			if strings.TrimSpace(l) == "" {
				continue
			}
			if inRec && len(rec) > 0 {
				// a continuation line: long notes and abstracts wrap
				last := &rec[len(rec)-1]
				last.val = strings.TrimSpace(last.val + "\n" + strings.TrimSpace(l))
			} else {
				rej = append(rej, Rejected{Line: lineNo, Reason: fmt.Sprintf("text outside a record: %q", clip(l, 40))})
			}
			continue
		}
		switch tag {
		case "TY":
			found = true
			if inRec {
				rej = append(rej, Rejected{Line: start, Key: risKey(rec), Reason: "record has no ER line before the next TY"})
			}
			inRec, start, rec = true, lineNo, []risTag{{tag, val, lineNo}}
		case "ER":
			if !inRec {
				rej = append(rej, Rejected{Line: lineNo, Reason: "ER without a TY"})
				continue
			}
			s, err := risSource(rec)
			if err != nil {
				rej = append(rej, Rejected{Line: start, Key: risKey(rec), Reason: err.Error()})
			} else {
				out = append(out, s)
				warn = append(warn, risDropped(rec, start)...)
			}
			inRec, rec = false, nil
		default:
			if !inRec {
				rej = append(rej, Rejected{Line: lineNo, Reason: fmt.Sprintf("tag %s outside a record (no TY before it)", tag)})
				continue
			}
			rec = append(rec, risTag{tag, val, lineNo})
		}
	}
	if inRec {
		rej = append(rej, Rejected{Line: start, Key: risKey(rec), Reason: "record has no ER line (file ends inside it)"})
	}
	if !found {
		if len(strings.TrimSpace(string(data))) == 0 {
			return nil, nil, nil, fmt.Errorf("RIS: the file is empty (%w)", ErrNoEntries)
		}
		return nil, nil, nil, fmt.Errorf(`RIS: %w: no line starts a record ("TY  - JOUR"); is it a bibliography in another format? Khareeta reads .bib, .ris and CSL .json`, ErrNoEntries)
	}
	return out, rej, warn, nil
}

// risSingle are the tags risSource reads one value of (the first).
var risSingle = map[string]bool{
	"TY": true, "TI": true, "T1": true, "T2": true, "JF": true, "JO": true, "BT": true, "PB": true, "CY": true,
	"VL": true, "IS": true, "SP": true, "EP": true, "DO": true, "PY": true, "Y1": true, "DA": true, "Y2": true,
	"LA": true, "M1": true, "ID": true,
}

// risDropped warns about the second, different values of tags that hold
// one value: they are not read.
func risDropped(rec []risTag, start int) []Warning {
	var out []Warning
	first := map[string]string{}
	for _, t := range rec {
		if !risSingle[t.tag] || t.val == "" {
			continue
		}
		v, seen := first[t.tag]
		if !seen {
			first[t.tag] = t.val
			continue
		}
		if v != t.val {
			out = append(out, Warning{Line: t.line, Key: risKey(rec),
				Msg: fmt.Sprintf("%s is given again (the record starts on line %d); its second value %q is not read", t.tag, start, clip(t.val, 40))})
		}
	}
	return out
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func risKey(rec []risTag) string {
	for _, t := range rec {
		if t.tag == "ID" && !model.ValidID(t.val) {
			return t.val
		}
	}
	for _, t := range rec {
		if t.tag == "TI" || t.tag == "T1" {
			return fmt.Sprintf("%q", clip(t.val, 40))
		}
	}
	return ""
}

func risSource(rec []risTag) (model.Source, error) {
	var s model.Source
	first := map[string]string{}
	var notes []string
	var sp, ep, py, da string
	var a3 []model.Name // Zotero writes a book's editors as A3 (its A2 is the series editor)
	for _, t := range rec {
		if _, ok := first[t.tag]; !ok && t.val != "" {
			first[t.tag] = t.val
		}
		switch t.tag {
		case "AU", "A1":
			if t.val != "" {
				s.Authors = append(s.Authors, risName(t.val))
			}
		case "A2", "ED":
			if t.val != "" {
				s.Editors = append(s.Editors, risName(t.val))
			}
		case "A3":
			if t.val != "" {
				a3 = append(a3, risName(t.val))
			}
		case "N1":
			if t.val != "" {
				notes = append(notes, t.val)
			}
		}
	}
	get := func(tags ...string) string {
		for _, t := range tags {
			if v := first[t]; v != "" {
				return v
			}
		}
		return ""
	}
	ty := strings.ToUpper(get("TY"))
	typ, ok := risTypes[ty]
	if !ok {
		typ = "document"
	}
	if m3 := strings.ToLower(get("M3")); cslTypes[m3] && (ty == "GEN" || ty == "") {
		typ = m3
	}
	s.Type = typ
	if typ == "book" && len(s.Editors) == 0 {
		s.Editors = a3
	}
	s.Title = get("TI", "T1")
	if s.Title == "" && typ != "chapter" {
		s.Title = get("BT", "CT")
	}
	s.ContainerTitle = get("T2", "JF", "JO", "JA", "J2")
	if s.ContainerTitle == "" && typ == "chapter" {
		s.ContainerTitle = get("BT")
	}
	s.Publisher = get("PB")
	s.PublisherPlace = get("CY", "PP")
	s.Volume = get("VL")
	s.Issue = get("IS", "CP")
	s.Number = get("M1")
	if sn := get("SN"); s.Number == "" && typ == "report" && !looksLikeISBN(sn) {
		s.Number = sn // Zotero writes a report's number as SN
	}
	sp, ep = get("SP"), get("EP")
	switch {
	case sp != "" && ep != "" && sp != ep:
		s.Pages = sp + "-" + ep
	case sp != "":
		s.Pages = sp
	}
	s.DOI = normDOI(get("DO"))
	s.URL = get("UR", "L2")
	s.Language = normLanguage(get("LA"))
	s.Accessed = normDate(get("Y2"))
	s.Note = strings.Join(notes, "\n")
	py, da = get("PY", "Y1"), get("DA")
	switch {
	case da != "" && py != "":
		// DA usually carries the full date; trust it when it agrees with PY's year
		dy, _, _, okd := parseDate(da)
		yy, _, _, oky := parseDate(py)
		if okd && (!oky || dy == yy) {
			s.Issued = normDate(da)
		} else {
			s.Issued = normDate(py)
		}
	case py != "":
		s.Issued = normDate(py)
	case da != "":
		s.Issued = normDate(da)
	}
	if id := get("ID"); id != "" {
		if model.ValidID(id) {
			s.ID = id
		} else if !isDigits(id) {
			s.Key = id // EndNote's numeric record numbers are not citation keys
		}
	}
	if s.Key == "" {
		// Better BibTeX keeps the key in Zotero's Extra, which RIS carries as M2 (or a note)
		for _, t := range rec {
			if (t.tag == "M2" || t.tag == "N1") && strings.HasPrefix(t.val, "Citation Key: ") {
				s.Key = strings.TrimSpace(strings.TrimPrefix(strings.SplitN(t.val, "\n", 2)[0], "Citation Key: "))
				break
			}
		}
	}
	if err := finish(&s); err != nil {
		return s, err
	}
	return s, nil
}

// looksLikeISBN reports whether s is an ISBN or ISSN (digits, hyphens, X).
func looksLikeISBN(s string) bool {
	n := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9', c == 'X', c == 'x':
			n++
		case c == '-' || c == ' ':
		default:
			return false
		}
	}
	return n == 8 || n == 10 || n == 13
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// risName reads "Family, Given[, Suffix]"; a name with no comma is an
// institution ("World Bank", "المركز العراقي للدراسات الإستراتيجية").
func risName(v string) model.Name {
	parts := strings.SplitN(v, ",", 3)
	if len(parts) == 1 {
		return model.Name{Literal: strings.TrimSpace(v)}
	}
	n := model.Name{Family: strings.TrimSpace(parts[0]), Given: strings.TrimSpace(parts[1])}
	if len(parts) == 3 {
		if sfx := strings.TrimSpace(parts[2]); sfx != "" {
			if n.Given != "" {
				n.Given += ", " + sfx
			} else {
				n.Given = sfx
			}
		}
	}
	return n
}

// WriteRIS writes sources as RIS (UTF-8, CRLF line ends as the format
// asks) in the order given. Round trip through ReadRIS keeps every field:
// a family name alone is written "Family," so it does not read back as an
// institution, the citation key goes in ID, and a CSL type RIS has no tag
// for goes in M3 under GEN.
func WriteRIS(w io.Writer, sources []model.Source) error {
	bw := bufio.NewWriter(w)
	for _, s := range sources {
		writeRISRecord(bw, s)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write RIS: %w", err)
	}
	return nil
}

func writeRISRecord(w *bufio.Writer, s model.Source) {
	tag := func(t, v string) {
		if v == "" {
			return
		}
		// a value may not span lines in RIS
		v = strings.ReplaceAll(strings.ReplaceAll(v, "\r", ""), "\n", " ")
		fmt.Fprintf(w, "%s  - %s\r\n", t, v)
	}
	ty, ok := risTypeOut[s.Type]
	if !ok {
		ty = "GEN"
	}
	fmt.Fprintf(w, "TY  - %s\r\n", ty)
	if ty == "GEN" && s.Type != "document" {
		tag("M3", s.Type)
	}
	if s.Key != "" {
		tag("ID", s.Key)
	}
	for _, n := range s.Authors {
		tag("AU", risNameOut(n))
	}
	for _, n := range s.Editors {
		tag("A2", risNameOut(n))
	}
	tag("TI", s.Title)
	tag("T2", s.ContainerTitle)
	if strings.HasPrefix(s.Type, "article") {
		tag("JO", s.ContainerTitle)
	}
	if y, m, d, ok := parseDate(s.Issued); ok {
		tag("PY", fmt.Sprintf("%04d", y))
		if m > 0 {
			if d > 0 {
				tag("DA", fmt.Sprintf("%04d/%02d/%02d/", y, m, d))
			} else {
				tag("DA", fmt.Sprintf("%04d/%02d//", y, m))
			}
		}
	} else {
		tag("PY", s.Issued)
	}
	tag("PB", s.Publisher)
	tag("CY", s.PublisherPlace)
	tag("VL", s.Volume)
	tag("IS", s.Issue)
	tag("M1", s.Number)
	if i := strings.IndexByte(s.Pages, '-'); i > 0 && strings.Count(s.Pages, "-") == 1 && i < len(s.Pages)-1 && !strings.ContainsAny(s.Pages, ",;") {
		tag("SP", s.Pages[:i])
		tag("EP", s.Pages[i+1:])
	} else {
		tag("SP", s.Pages)
	}
	tag("DO", s.DOI)
	tag("UR", s.URL)
	tag("Y2", s.Accessed)
	tag("LA", s.Language)
	if s.Note != "" {
		// one N1 per line of the note, so it survives RIS's one-line values
		for _, l := range strings.Split(strings.ReplaceAll(s.Note, "\r\n", "\n"), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				tag("N1", l)
			}
		}
	}
	w.WriteString("ER  - \r\n\r\n")
}

func risNameOut(n model.Name) string {
	switch {
	case n.Literal != "":
		return strings.ReplaceAll(n.Literal, ",", "") // a comma would split it into family and given
	case n.Given == "":
		return n.Family + ","
	}
	return n.Family + ", " + n.Given
}
