package interop

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
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
	macros bibMacros
	warn   []Warning
	// found counts the things that look like BibTeX: entries, @string,
	// @comment and @preamble, whole or broken.
	found int
	// key and field say where a value being read is, for warnings.
	key, field string
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

// parseBibTeX reads a whole BibTeX file. Broken entries are rejected, kept
// entries that lost something get a warning; err is for what stops the
// file as a whole: an encoding it cannot read, macros that expand past
// their limits (see bibMacros), or nothing that looks like BibTeX at all.
func parseBibTeX(data []byte) ([]model.Source, []Rejected, []Warning, error) {
	return parseBibTeXLimits(data, defaultBibLimits)
}

// parseBibTeXLimits is parseBibTeX with the given bounds on macro expansion.
func parseBibTeXLimits(data []byte, limits bibLimits) ([]model.Source, []Rejected, []Warning, error) {
	data, err := bibText(data)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("BibTeX: %w", err)
	}
	p := &bibParser{data: data, li: newLineIndex(data), macros: newBibMacros(limits)}
	var out []model.Source
	var rej []Rejected
	for {
		at := p.nextAt()
		if at < 0 {
			break
		}
		e, ok, err := p.entry(at)
		var le *MacroLimitError
		if errors.As(err, &le) {
			return nil, nil, nil, fmt.Errorf("BibTeX: %w", err)
		}
		if err != nil {
			rej = append(rej, Rejected{Line: p.li.line(at), Key: e.key, Reason: err.Error()})
			p.resync(at)
			continue
		}
		if !ok {
			continue
		}
		p.strayAfter(e)
		s, err := e.source()
		if err != nil {
			rej = append(rej, Rejected{Line: e.line, Key: e.key, Reason: err.Error()})
			continue
		}
		out = append(out, s)
	}
	if p.found == 0 {
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, nil, nil, fmt.Errorf("BibTeX: the file is empty (%w)", ErrNoEntries)
		}
		return nil, nil, nil, fmt.Errorf("BibTeX: %w: nothing looks like an entry (@article{key, title = {…}}); is it a bibliography in another format? Khareeta reads .bib, .ris and CSL .json", ErrNoEntries)
	}
	return out, rej, p.warn, nil
}

// warnf records a warning about the entry being read.
func (p *bibParser) warnf(line int, format string, args ...any) {
	p.warn = append(p.warn, Warning{Line: line, Key: p.key, Msg: fmt.Sprintf(format, args...)})
}

// strayAfter warns when the text between the end of entry e and the next
// entry holds fields ("}, year = {2020}}"): a '}' too many closed e early
// and BibTeX, which treats text between entries as a comment, would drop
// them without a word. Prose between entries is left alone.
func (p *bibParser) strayAfter(e bibEntry) {
	end := len(p.data)
	if i := bytes.IndexByte(p.data[p.pos:], '@'); i >= 0 {
		end = p.pos + i // where the parser looks for the next entry
	}
	var lines []string
	for _, l := range strings.Split(string(p.data[p.pos:end]), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "%") {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return
	}
	stray := strings.Join(lines, " ")
	names := strayFields(stray)
	if len(names) == 0 && !strings.ContainsAny(stray[:1], "})") {
		return // a comment in prose, or a comma between entries
	}
	p.key = e.key
	msg := fmt.Sprintf("the entry is closed here, before %q, which is not read (one '}' too many?)", clip(stray, 60))
	if len(names) > 0 {
		msg += "; fields lost: " + strings.Join(names, ", ")
	}
	p.warnf(p.li.line(p.pos-1), "%s", msg)
}

// strayFields names the "name = value" fields in text outside any entry.
func strayFields(s string) []string {
	var names []string
	for _, m := range strayFieldRE.FindAllStringSubmatch(s, -1) {
		names = append(names, strings.ToLower(m[1]))
	}
	return names
}

var strayFieldRE = regexp.MustCompile(`(?:^|[\s,{}])([A-Za-z][A-Za-z0-9_:-]*)\s*=\s*[{"0-9A-Za-z]`)

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
	p.found++
	p.key, p.field = "", ""
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
		p.field = "@preamble"
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
		p.field = "@string " + name
		v, err := p.value()
		if err != nil {
			return e, false, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != closeC {
			return e, false, bibError{"@string is not closed"}
		}
		p.pos++
		p.macros.define(name, v)
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
		p.key = e.key
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
		p.field = name
		v, err := p.value()
		var le *MacroLimitError
		if errors.As(err, &le) {
			return e, false, err
		}
		if err != nil {
			return e, false, bibError{fmt.Sprintf("line %d: field %q: %v", fl, name, err)}
		}
		if old, dup := e.fields[name]; !dup {
			e.fields[name] = v
		} else if strings.TrimSpace(old) != strings.TrimSpace(v) {
			p.warnf(fl, "field %q is given twice; the second value %q is not read", name, clip(strings.TrimSpace(v), 40))
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
