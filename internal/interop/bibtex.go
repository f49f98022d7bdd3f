package interop

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/khareeta/khareeta/internal/model"
)

// ReadBibTeX reads BibTeX or BibLaTeX as Zotero (with or without Better
// BibTeX), Mendeley, JabRef and EndNote write it: @string macros and #
// concatenation, {…} and "…" values, LaTeX accents and commands ({\"u},
// \'e, \textendash …) decoded to Unicode, braces that protect case removed,
// "{{UNDP}}" or "{World Bank}" authors read as institutions. A malformed entry
// is skipped and reported with its line. See ImportSources.
func ReadBibTeX(r io.Reader) ([]model.Source, ImportReport, error) {
	return ImportSources(r, BibTeX)
}

type bibParser struct {
	data   []byte
	pos    int
	li     lineIndex
	macros map[string]string
}

type bibEntry struct {
	typ, key string
	line     int
	fields   map[string]string // lower-case name → raw (undecoded) value
}

type bibError struct {
	msg string
}

func (e bibError) Error() string { return e.msg }

var monthMacros = map[string]string{
	"jan": "1", "feb": "2", "mar": "3", "apr": "4", "may": "5", "jun": "6",
	"jul": "7", "aug": "8", "sep": "9", "oct": "10", "nov": "11", "dec": "12",
}

func parseBibTeX(data []byte) ([]model.Source, []Rejected) {
	data = trimBOM(data)
	p := &bibParser{data: data, li: newLineIndex(data), macros: map[string]string{}}
	var out []model.Source
	var rej []Rejected
	for {
		at := p.nextAt()
		if at < 0 {
			break
		}
		e, ok, err := p.entry(at)
		if err != nil {
			rej = append(rej, Rejected{Line: p.li.line(at), Key: e.key, Reason: err.Error()})
			p.resync(at)
			continue
		}
		if !ok {
			continue
		}
		s, err := e.source()
		if err != nil {
			rej = append(rej, Rejected{Line: e.line, Key: e.key, Reason: err.Error()})
			continue
		}
		out = append(out, s)
	}
	return out, rej
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// nextAt moves to the next '@' and returns its offset, or -1.
func (p *bibParser) nextAt() int {
	for p.pos < len(p.data) {
		if p.data[p.pos] == '@' {
			at := p.pos
			p.pos++
			return at
		}
		p.pos++
	}
	return -1
}

// resync skips past a broken entry: to the next line that starts with '@'
// (after optional blanks) following the line the entry started on.
func (p *bibParser) resync(at int) {
	i := at
	for i < len(p.data) && p.data[i] != '\n' {
		i++
	}
	for i < len(p.data) {
		// i is at a '\n'
		j := i + 1
		for j < len(p.data) && (p.data[j] == ' ' || p.data[j] == '\t' || p.data[j] == '\r') {
			j++
		}
		if j < len(p.data) && p.data[j] == '@' {
			p.pos = j
			return
		}
		i = j
		for i < len(p.data) && p.data[i] != '\n' {
			i++
		}
	}
	p.pos = len(p.data)
}

func (p *bibParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			p.pos++
		default:
			return
		}
	}
}

func isIdentByte(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', '\v', '{', '}', '(', ')', ',', '=', '"', '#', '%', '\'':
		return false
	}
	return true
}

func (p *bibParser) ident() string {
	start := p.pos
	for p.pos < len(p.data) && isIdentByte(p.data[p.pos]) {
		p.pos++
	}
	return string(p.data[start:p.pos])
}

// entry parses the entry whose '@' is at offset at. ok is false for things
// that are not data entries (@comment, @preamble, @string, a stray '@').
func (p *bibParser) entry(at int) (e bibEntry, ok bool, err error) {
	e.line = p.li.line(at)
	p.skipSpace()
	typ := strings.ToLower(p.ident())
	if typ == "" {
		return e, false, nil // a stray '@' in free text
	}
	p.skipSpace()
	if p.pos >= len(p.data) || (p.data[p.pos] != '{' && p.data[p.pos] != '(') {
		return e, false, nil // "@name" in free text, not an entry
	}
	open := p.data[p.pos]
	closeC := byte('}')
	if open == '(' {
		closeC = ')'
	}
	p.pos++
	switch typ {
	case "comment":
		if open == '{' {
			if _, err := p.braced(); err != nil {
				return e, false, bibError{"@comment is not closed"}
			}
		}
		return e, false, nil
	case "preamble":
		if _, err := p.value(); err != nil {
			return e, false, err
		}
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == closeC {
			p.pos++
		}
		return e, false, nil
	case "string":
		p.skipSpace()
		name := strings.ToLower(p.ident())
		p.skipSpace()
		if name == "" || p.pos >= len(p.data) || p.data[p.pos] != '=' {
			return e, false, bibError{"@string needs name = value"}
		}
		p.pos++
		v, err := p.value()
		if err != nil {
			return e, false, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != closeC {
			return e, false, bibError{"@string is not closed"}
		}
		p.pos++
		p.macros[name] = v
		return e, false, nil
	}
	e.typ = typ
	e.fields = map[string]string{}
	// the key: everything up to ',' (or the closing delimiter for an empty entry)
	p.skipSpace()
	ks := p.pos
	for p.pos < len(p.data) && p.data[p.pos] != ',' && p.data[p.pos] != closeC && p.data[p.pos] != '\n' && p.data[p.pos] != '=' {
		p.pos++
	}
	if p.pos < len(p.data) && p.data[p.pos] == '=' {
		p.pos = ks // no key: "@article{title = …"
	} else {
		e.key = strings.TrimSpace(string(p.data[ks:p.pos]))
		p.skipSpace()
		if p.pos >= len(p.data) {
			return e, false, bibError{"entry is not closed (missing " + string(closeC) + ")"}
		}
		if p.data[p.pos] == closeC {
			p.pos++
			return e, true, nil
		}
		if p.data[p.pos] != ',' {
			return e, false, bibError{fmt.Sprintf("expected ',' after the citation key, found %q", p.data[p.pos])}
		}
		p.pos++
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return e, false, bibError{"entry is not closed (missing " + string(closeC) + ")"}
		}
		c := p.data[p.pos]
		if c == closeC {
			p.pos++
			return e, true, nil
		}
		if c == '@' {
			return e, false, bibError{"entry is not closed before the next @"}
		}
		fl := p.li.line(p.pos)
		name := strings.ToLower(p.ident())
		if name == "" {
			return e, false, bibError{fmt.Sprintf("line %d: expected a field name, found %q", fl, c)}
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '=' {
			return e, false, bibError{fmt.Sprintf("line %d: field %q has no '='", fl, name)}
		}
		p.pos++
		v, err := p.value()
		if err != nil {
			return e, false, bibError{fmt.Sprintf("line %d: field %q: %v", fl, name, err)}
		}
		if _, dup := e.fields[name]; !dup {
			e.fields[name] = v
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return e, false, bibError{"entry is not closed (missing " + string(closeC) + ")"}
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case closeC:
			p.pos++
			return e, true, nil
		default:
			return e, false, bibError{fmt.Sprintf("line %d: expected ',' or %q after field %q, found %q", p.li.line(p.pos), closeC, name, p.data[p.pos])}
		}
	}
}

// value parses a field value: parts in braces, quotes, numbers or macro
// names joined by '#'. It returns the raw text with outer delimiters removed.
func (p *bibParser) value() (string, error) {
	var b strings.Builder
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return "", bibError{"value is missing"}
		}
		switch c := p.data[p.pos]; {
		case c == '{':
			p.pos++
			s, err := p.braced()
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case c == '"':
			p.pos++
			s, err := p.quoted()
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case c >= '0' && c <= '9':
			st := p.pos
			for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
				p.pos++
			}
			b.Write(p.data[st:p.pos])
		default:
			name := p.ident()
			if name == "" {
				return "", bibError{fmt.Sprintf("unexpected %q in value", c)}
			}
			low := strings.ToLower(name)
			if v, ok := p.macros[low]; ok {
				b.WriteString(v)
			} else if m, ok := monthMacros[low]; ok {
				b.WriteString(m)
			} else {
				b.WriteString(name) // an undefined macro stands for its name
			}
		}
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == '#' {
			p.pos++
			continue
		}
		return b.String(), nil
	}
}

// braced reads up to the '}' that closes an already consumed '{' and
// returns the text between, inner braces included.
func (p *bibParser) braced() (string, error) {
	start := p.pos
	depth := 1
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case '\n':
			if p.entryStartsAfter(p.pos) {
				return "", bibError{fmt.Sprintf("unbalanced braces: the '{' on line %d is not closed before the next entry", p.li.line(start-1))}
			}
		case '\\':
			p.pos++ // an escaped brace does not count
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				s := string(p.data[start:p.pos])
				p.pos++
				return s, nil
			}
		}
		p.pos++
	}
	return "", bibError{fmt.Sprintf("unbalanced braces: the '{' on line %d is never closed", p.li.line(start-1))}
}

// entryStartsAfter reports whether the line after the newline at nl opens
// an entry ("@article{", "  @book ("): a value does not run into the next
// entry, so a brace or quote left open ends there and the damage stays in
// one entry.
func (p *bibParser) entryStartsAfter(nl int) bool {
	i := nl + 1
	for i < len(p.data) && (p.data[i] == ' ' || p.data[i] == '\t') {
		i++
	}
	if i >= len(p.data) || p.data[i] != '@' {
		return false
	}
	i++
	st := i
	for i < len(p.data) && isASCIILetter(p.data[i]) {
		i++
	}
	if i == st {
		return false
	}
	for i < len(p.data) && (p.data[i] == ' ' || p.data[i] == '\t') {
		i++
	}
	return i < len(p.data) && (p.data[i] == '{' || p.data[i] == '(')
}

// quoted reads up to the '"' that closes an already consumed '"', at brace depth 0.
func (p *bibParser) quoted() (string, error) {
	start := p.pos
	depth := 0
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case '\n':
			if p.entryStartsAfter(p.pos) {
				return "", bibError{fmt.Sprintf("the quote on line %d is not closed before the next entry", p.li.line(start-1))}
			}
		case '\\':
			p.pos++
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return "", bibError{fmt.Sprintf("unbalanced braces in the quoted value on line %d", p.li.line(start))}
			}
		case '"':
			if depth == 0 {
				s := string(p.data[start:p.pos])
				p.pos++
				return s, nil
			}
		}
		p.pos++
	}
	return "", bibError{fmt.Sprintf("the quote on line %d is never closed", p.li.line(start-1))}
}

var bibTypes = map[string]string{
	"article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
	"inproceedings": "paper-conference", "conference": "paper-conference", "proceedings": "book",
	"collection": "book", "mvbook": "book", "techreport": "report", "report": "report", "manual": "report",
	"phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis", "unpublished": "manuscript",
	"online": "webpage", "www": "webpage", "electronic": "webpage", "webpage": "webpage",
	"booklet": "pamphlet", "dataset": "dataset", "software": "software", "patent": "patent",
	"misc": "document", "periodical": "periodical", "standard": "standard", "legislation": "legislation",
}

func (e bibEntry) get(names ...string) string {
	for _, n := range names {
		if v, ok := e.fields[n]; ok && strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// source turns a parsed entry into a validated model.Source.
func (e bibEntry) source() (model.Source, error) {
	var s model.Source
	typ, ok := bibTypes[e.typ]
	if !ok {
		typ = "document"
	}
	sub := strings.ToLower(strings.TrimSpace(texToText(e.get("entrysubtype"))))
	ftype := strings.ToLower(strings.TrimSpace(texToText(e.get("type"))))
	switch {
	case e.typ == "article" && (sub == "newspaper" || sub == "magazine"):
		typ = "article-" + sub
	case cslTypes[ftype] && (e.typ == "misc" || e.typ == "article"):
		typ = ftype
	case e.typ == "misc" && e.get("urldate") != "" && e.get("url", "howpublished") != "":
		typ = "webpage"
	}
	s.Type = typ
	s.Key = e.key
	s.Authors = parseBibNames(e.get("author"))
	s.Editors = parseBibNames(e.get("editor"))
	s.Title = texToText(e.get("title"))
	s.ContainerTitle = texToText(e.get("journal", "journaltitle", "booktitle", "maintitle"))
	if strings.HasPrefix(typ, "article") {
		s.Publisher = texToText(e.get("publisher"))
	} else {
		s.Publisher = texToText(e.get("publisher", "institution", "school", "organization"))
	}
	s.PublisherPlace = texToText(e.get("address", "location"))
	s.Volume = texToText(e.get("volume"))
	if strings.HasPrefix(typ, "article") {
		if iss := e.get("issue"); iss != "" {
			s.Issue = texToText(iss)
			s.Number = texToText(e.get("number"))
		} else {
			s.Issue = texToText(e.get("number"))
		}
	} else {
		s.Number = texToText(e.get("number"))
		s.Issue = texToText(e.get("issue"))
	}
	s.Pages = texToText(strings.ReplaceAll(e.get("pages"), "--", "-"))
	s.DOI = normDOI(texVerbatim(e.get("doi")))
	s.URL = texVerbatim(e.get("url"))
	if s.URL == "" {
		if hp := e.get("howpublished"); strings.Contains(hp, `\url{`) {
			s.URL = texVerbatim(commandArg(hp, `\url{`))
		}
	}
	s.Language = normLanguage(texToText(e.get("langid", "language")))
	s.Accessed = normDate(texToText(e.get("urldate")))
	s.Note = texToLines(e.get("note"))
	if d := texToText(e.get("date")); d != "" {
		s.Issued = normDate(d)
	} else if y := texToText(e.get("year")); y != "" {
		s.Issued = y
		if m := strings.TrimSpace(texToText(e.get("month"))); m != "" {
			if mm, ok := monthNumber(m); ok {
				if yy, _, _, ok := parseDate(y); ok {
					s.Issued = formatDate(yy, mm, 0)
				}
			}
		}
	}
	if err := finish(&s); err != nil {
		return s, err
	}
	return s, nil
}

func monthNumber(m string) (int, bool) {
	m = strings.ToLower(strings.TrimSpace(m))
	if v, ok := monthMacros[m]; ok {
		m = v
	} else if len(m) >= 3 {
		if v, ok := monthMacros[m[:3]]; ok {
			m = v
		}
	}
	n := 0
	for _, c := range m {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
		if n > 12 {
			return 0, false
		}
	}
	return n, n >= 1
}

func commandArg(s, cmd string) string {
	i := strings.Index(s, cmd)
	if i < 0 {
		return ""
	}
	rest := s[i+len(cmd):]
	depth := 1
	for j, c := range rest {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return rest[:j]
			}
		}
	}
	return rest
}

// texVerbatim reads a URL or DOI field: outer braces gone, the escapes
// people add for BibTeX (\_ \% \& \#) undone, nothing else decoded.
func texVerbatim(s string) string {
	s = strings.TrimSpace(s)
	for strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && balanced(s[1:len(s)-1]) {
		s = s[1 : len(s)-1]
	}
	if strings.HasPrefix(s, `\url{`) {
		s = commandArg(s, `\url{`)
	}
	r := strings.NewReplacer(`\_`, "_", `\%`, "%", `\&`, "&", `\#`, "#", `\~`, "~", `\$`, "$")
	return strings.TrimSpace(r.Replace(s))
}

func balanced(s string) bool {
	d := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			d++
		case '}':
			d--
			if d < 0 {
				return false
			}
		}
	}
	return d == 0
}

// splitTop splits s on sep at brace depth 0.
func splitTop(s string, isSep func(s string, i int) int) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
			continue
		case '{':
			depth++
			continue
		case '}':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			if n := isSep(s, i); n > 0 {
				parts = append(parts, s[start:i])
				i += n - 1
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

// sepAnd matches " and " (any case, any white space around it).
func sepAnd(s string, i int) int {
	if !isSpaceByte(s[i]) {
		return 0
	}
	j := i
	for j < len(s) && isSpaceByte(s[j]) {
		j++
	}
	if j+3 >= len(s) || !strings.EqualFold(s[j:j+3], "and") || !isSpaceByte(s[j+3]) {
		return 0
	}
	k := j + 3
	for k < len(s) && isSpaceByte(s[k]) {
		k++
	}
	return k - i
}

func sepComma(s string, i int) int {
	if s[i] == ',' {
		return 1
	}
	return 0
}

func sepSpace(s string, i int) int {
	if isSpaceByte(s[i]) {
		return 1
	}
	return 0
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// parseBibNames splits a BibTeX name list ("A and B and {World Bank}").
func parseBibNames(raw string) []model.Name {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil
	}
	var out []model.Name
	for _, part := range splitTop(raw, sepAnd) {
		part = strings.TrimSpace(part)
		if part == "" || strings.EqualFold(part, "others") {
			continue
		}
		out = append(out, parseBibName(part))
	}
	return out
}

// parseBibName reads one name: "{Institution}", "Family, Given",
// "von Family, Jr, Given" or "Given von Family".
func parseBibName(s string) model.Name {
	if len(s) >= 2 && s[0] == '{' && s[len(s)-1] == '}' && balanced(s[1:len(s)-1]) && wholeGroup(s) {
		return model.Name{Literal: texToText(s[1 : len(s)-1])}
	}
	parts := splitTop(s, sepComma)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	switch len(parts) {
	case 1:
		var toks []string
		for _, t := range splitTop(parts[0], sepSpace) {
			if t = strings.TrimSpace(t); t != "" {
				toks = append(toks, t)
			}
		}
		if len(toks) == 0 {
			return model.Name{}
		}
		if len(toks) == 1 {
			return model.Name{Family: texToText(toks[0])}
		}
		cut := len(toks) - 1
		for i := 1; i < len(toks)-1; i++ {
			if startsLower(toks[i]) {
				cut = i
				break
			}
		}
		return model.Name{Given: texToText(strings.Join(toks[:cut], " ")), Family: texToText(strings.Join(toks[cut:], " "))}
	case 2:
		return model.Name{Family: texToText(parts[0]), Given: texToText(parts[1])}
	default:
		given := texToText(strings.Join(parts[2:], ", "))
		if jr := texToText(parts[1]); jr != "" {
			if given != "" {
				given += ", " + jr
			} else {
				given = jr
			}
		}
		return model.Name{Family: texToText(parts[0]), Given: given}
	}
}

// wholeGroup reports whether s, starting with '{', is one brace group.
func wholeGroup(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return true
}

func startsLower(tok string) bool {
	for _, r := range tok {
		if r == '{' || r == '\\' {
			return false // braced or a command: not a von particle
		}
		return unicode.IsLower(r)
	}
	return false
}

// --- LaTeX to Unicode ---

var texAccents = map[string]rune{
	`"`: 0x0308, `'`: 0x0301, "`": 0x0300, "^": 0x0302, "~": 0x0303, "=": 0x0304, ".": 0x0307,
	"u": 0x0306, "v": 0x030C, "H": 0x030B, "c": 0x0327, "k": 0x0328, "r": 0x030A, "d": 0x0323,
	"b": 0x0331, "t": 0x0361,
}

var texSymbols = map[string]string{
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
	"textquotedblleft": "“", "textquotedblright": "”", "textasciitilde": "~", "textasciicircum": "^",
	"textbackslash": `\`, "textbar": "|", "textless": "<", "textgreater": ">", "textunderscore": "_",
	"textdollar": "$", "textbraceleft": "{", "textbraceright": "}", "S": "§", "P": "¶", "textsection": "§",
	"copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "dag": "†",
	"ddag": "‡", "ldots": "…", "dots": "…", "textellipsis": "…", "textdegree": "°", "guillemotleft": "«",
	"guillemotright": "»", "guillemetleft": "«", "guillemetright": "»", "textquotesingle": "'",
	"textperiodcentered": "·", "textbullet": "•", "pounds": "£", "textsterling": "£", "texteuro": "€",
	"euro": "€", "textexclamdown": "¡", "textquestiondown": "¿", "quad": " ", "qquad": " ", "textnbsp": "\u00a0",
	"nobreakspace": "\u00a0", "textminus": "−", "textpm": "±", "texttimes": "×", "textdiv": "÷",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "textasteriskcentered": "*", "textpercent": "%",
	"textampersand": "&", "textnumero": "№", "textordfeminine": "ª", "textordmasculine": "º",
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "kappa": "κ", "lambda": "λ",
	"mu": "μ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "chi": "χ", "omega": "ω",
	"Delta": "Δ", "Sigma": "Σ", "Omega": "Ω", "times": "×", "pm": "±", "leq": "≤", "geq": "≥", "to": "→",
}

// texDec decodes LaTeX markup to Unicode text.
type texDec struct {
	s     string
	i     int
	depth int
}

// texToText decodes a BibTeX field value: accents and commands become
// Unicode, braces go, "--" and "---" become dashes, "~" a no-break space,
// white space collapses. The result is NFC.
func texToText(s string) string {
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "{}\\~-$`'") {
		return strings.TrimSpace(collapseSpace(s))
	}
	d := &texDec{s: s}
	out := d.run(false)
	return strings.TrimSpace(collapseSpace(norm.NFC.String(out)))
}

// texToLines decodes like texToText but keeps line breaks (for notes):
// blanks collapse within each line.
func texToLines(s string) string {
	if s == "" {
		return ""
	}
	d := &texDec{s: s}
	lines := strings.Split(norm.NFC.String(d.run(false)), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(collapseSpace(l))
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// run decodes until the end, or until the '}' closing the current group when inGroup.
func (d *texDec) run(inGroup bool) string {
	var b strings.Builder
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch c {
		case '{':
			d.i++
			if d.depth > 200 {
				continue // absurd nesting: treat braces as plain grouping
			}
			d.depth++
			b.WriteString(d.run(true))
			d.depth--
		case '}':
			d.i++
			if inGroup {
				return b.String()
			}
		case '\\':
			b.WriteString(d.command())
		case '~':
			d.i++
			b.WriteRune(0xA0)
		case '$':
			d.i++ // math shift: keep the math text, drop the delimiters
		case '-':
			if strings.HasPrefix(d.s[d.i:], "---") {
				b.WriteString("—")
				d.i += 3
			} else if strings.HasPrefix(d.s[d.i:], "--") {
				b.WriteString("–")
				d.i += 2
			} else {
				b.WriteByte('-')
				d.i++
			}
		case '`':
			if strings.HasPrefix(d.s[d.i:], "``") {
				b.WriteString("“")
				d.i += 2
			} else {
				b.WriteString("‘")
				d.i++
			}
		case '\'':
			if strings.HasPrefix(d.s[d.i:], "''") {
				b.WriteString("”")
				d.i += 2
			} else {
				b.WriteByte('\'')
				d.i++
			}
		default:
			_, n := utf8.DecodeRuneInString(d.s[d.i:])
			b.WriteString(d.s[d.i : d.i+n])
			d.i += n
		}
	}
	return b.String()
}

// command decodes the control sequence at d.i (which is a backslash).
func (d *texDec) command() string {
	d.i++ // the backslash
	if d.i >= len(d.s) {
		return ""
	}
	c := d.s[d.i]
	if !isASCIILetter(c) {
		d.i++
		name := string(c)
		if acc, ok := texAccents[name]; ok {
			return d.accent(acc)
		}
		switch c {
		case '\\':
			return " "
		case ',', ';', ' ', ':':
			return " "
		case '-', '/', '@':
			return ""
		}
		if c >= 0x80 {
			// a backslash before a multi-byte rune: keep the rune
			d.i--
			_, n := utf8.DecodeRuneInString(d.s[d.i:])
			r := d.s[d.i : d.i+n]
			d.i += n
			return r
		}
		return name // \& \% \$ \# \_ \{ \} and anything else: the character itself
	}
	st := d.i
	for d.i < len(d.s) && isASCIILetter(d.s[d.i]) {
		d.i++
	}
	name := d.s[st:d.i]
	// TeX swallows blanks after a control word
	for d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t' || d.s[d.i] == '\n' || d.s[d.i] == '\r') {
		d.i++
	}
	if acc, ok := texAccents[name]; ok && len(name) == 1 {
		return d.accent(acc)
	}
	if sym, ok := texSymbols[name]; ok {
		if d.i+1 < len(d.s) && d.s[d.i] == '{' && d.s[d.i+1] == '}' {
			d.i += 2 // "\textendash{}"
		}
		return sym
	}
	if name == "href" {
		d.group() // the URL
		return d.group()
	}
	// \textit{…}, \emph{…}, \url{…} and unknown commands: keep the argument text
	if d.i < len(d.s) && d.s[d.i] == '{' {
		return d.group()
	}
	return ""
}

// group decodes a following "{…}" group, or returns "" when none follows.
func (d *texDec) group() string {
	if d.i < len(d.s) && d.s[d.i] == '{' {
		d.i++
		if d.depth > 200 {
			return ""
		}
		d.depth++
		s := d.run(true)
		d.depth--
		return s
	}
	return ""
}

// accent applies a combining mark to the next character or group.
func (d *texDec) accent(mark rune) string {
	for d.i < len(d.s) && d.s[d.i] == ' ' {
		d.i++
	}
	var arg string
	switch {
	case d.i >= len(d.s):
		return string(mark)
	case d.s[d.i] == '{':
		arg = d.group()
	case d.s[d.i] == '\\':
		arg = d.command()
	default:
		_, n := utf8.DecodeRuneInString(d.s[d.i:])
		arg = d.s[d.i : d.i+n]
		d.i += n
	}
	if arg == "" {
		return string(mark)
	}
	r, n := utf8.DecodeRuneInString(arg)
	switch r {
	case 'ı':
		r = 'i'
	case 'ȷ':
		r = 'j'
	}
	return string(r) + string(mark) + arg[n:]
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// --- writing ---

// WriteBibTeX writes sources as BibTeX (UTF-8, BibLaTeX-compatible) in the
// order given. Sources without a citation key get one made from the first
// author and year ("booth1991", "undp1994"; "ref2020" for Arabic names),
// unique within the file. Round trip through ReadBibTeX keeps every field.
func WriteBibTeX(w io.Writer, sources []model.Source) error {
	bw := bufio.NewWriter(w)
	keys := bibKeys(sources)
	for i, s := range sources {
		if i > 0 {
			bw.WriteByte('\n')
		}
		writeBibEntry(bw, s, keys[i])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write BibTeX: %w", err)
	}
	return nil
}

var bibTypeOut = map[string]string{
	"article-journal": "article", "article-newspaper": "article", "article-magazine": "article",
	"book": "book", "chapter": "incollection", "paper-conference": "inproceedings", "report": "techreport",
	"thesis": "phdthesis", "manuscript": "unpublished", "webpage": "online", "pamphlet": "booklet",
	"dataset": "dataset", "software": "software", "patent": "patent",
}

func writeBibEntry(w *bufio.Writer, s model.Source, key string) {
	typ, ok := bibTypeOut[s.Type]
	if !ok {
		typ = "misc"
	}
	article := strings.HasPrefix(s.Type, "article")
	fmt.Fprintf(w, "@%s{%s,\n", typ, key)
	field := func(name, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %s = {%s},\n", name, v)
		}
	}
	field("author", bibNames(s.Authors))
	field("editor", bibNames(s.Editors))
	field("title", protectCase(texEscape(s.Title)))
	switch {
	case article:
		field("journal", texEscape(s.ContainerTitle))
	default:
		field("booktitle", texEscape(s.ContainerTitle))
	}
	switch {
	case s.Type == "article-newspaper" || s.Type == "article-magazine":
		field("entrysubtype", strings.TrimPrefix(s.Type, "article-"))
	case typ == "misc" && (s.Type != "document" || (s.Accessed != "" && s.URL != "")):
		field("type", s.Type) // a @misc with urldate and url would otherwise read back as a webpage
	}
	if y, m, d, ok := parseDate(s.Issued); ok {
		field("year", fmt.Sprintf("%04d", y))
		if m > 0 {
			fmt.Fprintf(w, "  month = %s,\n", [...]string{"", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}[m])
			field("date", formatDate(y, m, d))
		}
	} else {
		field("year", texEscape(s.Issued))
	}
	field("volume", texEscape(s.Volume))
	if article {
		if s.Number != "" {
			field("issue", texEscape(s.Issue))
			field("number", texEscape(s.Number))
		} else {
			field("number", texEscape(s.Issue))
		}
	} else {
		field("number", texEscape(s.Number))
		field("issue", texEscape(s.Issue))
	}
	field("pages", bibPagesOut(texEscape(s.Pages)))
	switch s.Type {
	case "report":
		field("institution", texEscape(s.Publisher))
	case "thesis":
		field("school", texEscape(s.Publisher))
	default:
		field("publisher", texEscape(s.Publisher))
	}
	field("address", texEscape(s.PublisherPlace))
	field("doi", verbatimOut(s.DOI))
	field("url", verbatimOut(s.URL))
	field("urldate", texEscape(s.Accessed))
	field("langid", texEscape(s.Language))
	field("note", texEscape(s.Note))
	w.WriteString("}\n")
}

// bibPagesOut writes a plain "75-95" range as "75--95".
func bibPagesOut(p string) string {
	if i := strings.IndexByte(p, '-'); i > 0 && strings.Count(p, "-") == 1 && i < len(p)-1 {
		return p[:i] + "--" + p[i+1:]
	}
	return p
}

func verbatimOut(s string) string {
	return strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C").Replace(s)
}

func bibNames(ns []model.Name) string {
	parts := make([]string, 0, len(ns))
	for _, n := range ns {
		switch {
		case n.Literal != "":
			parts = append(parts, "{"+texEscape(n.Literal)+"}")
		case n.Given == "":
			f := namePart(n.Family)
			if strings.ContainsAny(n.Family, " \t") && !strings.HasPrefix(f, "{") {
				f += "," // "van der Berg," keeps the whole as the family name
			}
			parts = append(parts, f)
		case n.Family == "":
			parts = append(parts, "{}, "+namePart(n.Given))
		default:
			parts = append(parts, namePart(n.Family)+", "+namePart(n.Given))
		}
	}
	return strings.Join(parts, " and ")
}

// namePart escapes one part of a name, bracing it when it holds a comma or
// the word "and" that would split it.
func namePart(s string) string {
	e := texEscape(s)
	if strings.Contains(s, ",") || len(splitTop(" "+e+" ", sepAnd)) > 1 {
		return "{" + e + "}"
	}
	return e
}

// texEscape escapes the characters BibTeX and LaTeX treat specially; other
// Unicode (Arabic, accented Latin) is written as UTF-8.
func texEscape(s string) string {
	if !strings.ContainsAny(s, "\\{}&%$#_~^\u00a0-`'") {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{', '}', '&', '%', '$', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case 0xA0:
			b.WriteByte('~')
		case '-', '`', '\'':
			b.WriteRune(r)
			// keep "--", "``" and "''" from turning into dashes and quotes
			if i+1 < len(s) && rune(s[i+1]) == r {
				b.WriteString("{}")
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// protectCase braces words (after the first) that hold a capital letter,
// so BibTeX styles that lower-case titles keep "Iraq" and "UNDP".
func protectCase(s string) string {
	words := strings.Split(s, " ")
	for i := 1; i < len(words); i++ {
		w := words[i]
		if strings.ContainsAny(w, `\{}`) {
			continue
		}
		if strings.IndexFunc(w, unicode.IsUpper) >= 0 {
			words[i] = "{" + w + "}"
		}
	}
	return strings.Join(words, " ")
}

// bibKeys returns a citation key for each source: its own, or one made up
// and kept unique within the file.
func bibKeys(sources []model.Source) []string {
	used := map[string]bool{}
	for _, s := range sources {
		if s.Key != "" {
			used[strings.ToLower(s.Key)] = true
		}
	}
	keys := make([]string, len(sources))
	for i, s := range sources {
		if s.Key != "" {
			keys[i] = bibKeyClean(s.Key)
			continue
		}
		base := makeKey(s)
		k := base
		for n := 0; used[strings.ToLower(k)]; n++ {
			k = base + suffix(n)
		}
		used[strings.ToLower(k)] = true
		keys[i] = k
	}
	return keys
}

// bibKeyClean replaces the characters that would end or break a key.
func bibKeyClean(k string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune(",{}()=\"#%'\\@", r) {
			return '_'
		}
		return r
	}, k)
}

func suffix(n int) string {
	s := ""
	for n >= 0 {
		s = string(rune('a'+n%26)) + s
		n = n/26 - 1
	}
	return s
}

// makeKey builds "family" + year from the first author (ASCII letters only).
func makeKey(s model.Source) string {
	var base string
	names := s.Authors
	if len(names) == 0 {
		names = s.Editors
	}
	if len(names) > 0 {
		n := names[0]
		if n.Literal != "" {
			words := strings.Fields(n.Literal)
			if len(words) > 1 {
				var ini strings.Builder
				for _, w := range words {
					r, _ := utf8.DecodeRuneInString(w)
					if unicode.IsUpper(r) {
						ini.WriteRune(r)
					}
				}
				base = asciiKey(ini.String())
			}
			if len(base) < 2 {
				base = asciiKey(n.Literal)
			}
		} else {
			base = asciiKey(n.Family)
		}
	}
	if base == "" {
		base = "ref"
	}
	if len(base) > 24 {
		base = base[:24]
	}
	y := s.Year()
	if _, _, _, ok := parseDate(y); !ok {
		y = "nd"
	}
	return base + y
}

func asciiKey(s string) string {
	f := model.Fold(s)
	var b strings.Builder
	for _, r := range f {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
