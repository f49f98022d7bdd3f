package interop

import (
	"fmt"
	"io"
	"strings"

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

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
