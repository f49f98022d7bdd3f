package interop

import (
	"fmt"
	"strings"
)

// This file reads BibTeX values and expands @string macros, with bounds:
// a 1 KB file of macros that double at each level (@string{s1 = s0 # s0},
// … s40) would otherwise ask for 2^40 times its first string.

// Bounds on macro expansion. A value built with macros may hold at most
// maxBibValue bytes, and all macro substitutions in one file together at
// most maxBibExpansion: a real bibliography uses a few hundred short
// macros (journal names, months) a few thousand times. Sizes are checked
// before anything is allocated.
const (
	maxBibValue     = 1 << 20
	maxBibExpansion = 16 << 20
)

// MacroLimitError is the error of a BibTeX file whose @string macros
// expand past the bounds: one value over 1 MiB, or more than 16 MiB of
// macro text in the whole file. Nothing of such a file is imported.
type MacroLimitError struct {
	Line  int    // where the value is
	Where string // `@string s17` or `field "title" of entry k`
	Size  int64  // bytes the expansion would need (at least)
	Limit int64  // the bound it passes
	Total bool   // the bound is the file's total, not one value's
}

func (e *MacroLimitError) Error() string {
	if e.Total {
		return fmt.Sprintf("line %d: with %s, @string macro expansion in this file would produce %s, more than the %s a file may (a large macro used many times?); nothing was imported",
			e.Line, e.Where, byteSize(e.Size), byteSize(e.Limit))
	}
	return fmt.Sprintf("line %d: %s would be %s after @string macro expansion, more than the %s a value may hold (do macros double at each level?); nothing was imported",
		e.Line, e.Where, byteSize(e.Size), byteSize(e.Limit))
}

func byteSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// bibLimits are the bounds of macro expansion: bytes in one value built
// with macros, bytes all substitutions in a file may produce.
type bibLimits struct{ value, total int64 }

// defaultBibLimits are the bounds imports use; tests pass smaller ones.
var defaultBibLimits = bibLimits{value: maxBibValue, total: maxBibExpansion}

// bibMacros holds a file's @string macros and what expanding them has
// produced so far.
type bibMacros struct {
	defs   map[string]string
	used   int64 // bytes produced by substitutions in the file so far
	limits bibLimits
}

func newBibMacros(l bibLimits) bibMacros { return bibMacros{defs: map[string]string{}, limits: l} }

func (m *bibMacros) define(name, v string) { m.defs[name] = v }

// lookup returns the text of a macro, counting it against the file's
// budget; ok is false for an undefined macro.
func (m *bibMacros) lookup(low string) (v string, ok bool) {
	if v, ok = m.defs[low]; !ok {
		v, ok = monthMacros[low]
	}
	if ok {
		m.used += int64(len(v))
	}
	return v, ok
}

// where names the value being read, for errors.
func (p *bibParser) where() string {
	switch {
	case strings.HasPrefix(p.field, "@"):
		return p.field
	case p.key != "":
		return fmt.Sprintf("field %q of entry %s", p.field, p.key)
	}
	return fmt.Sprintf("field %q", p.field)
}

// value parses a field value: parts in braces, quotes, numbers or macro
// names joined by '#'. It returns the raw text with outer delimiters
// removed. An undefined macro stands for its own name, as in BibTeX, with
// a warning; a value that macros make too large is a *MacroLimitError.
func (p *bibParser) value() (string, error) {
	var b strings.Builder
	macro := false
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return "", bibError{"value is missing"}
		}
		var part string
		switch c := p.data[p.pos]; {
		case c == '{':
			p.pos++
			s, err := p.braced()
			if err != nil {
				return "", err
			}
			part = s
		case c == '"':
			p.pos++
			s, err := p.quoted()
			if err != nil {
				return "", err
			}
			part = s
		case c >= '0' && c <= '9':
			st := p.pos
			for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
				p.pos++
			}
			part = string(p.data[st:p.pos])
		default:
			at := p.pos
			name := p.ident()
			if name == "" {
				return "", bibError{fmt.Sprintf("unexpected %q in value", c)}
			}
			v, ok := p.macros.lookup(strings.ToLower(name))
			if !ok {
				v = name
				in := p.field
				if !strings.HasPrefix(in, "@") {
					in = fmt.Sprintf("field %q", in)
				}
				p.warnf(p.li.line(at), "undefined macro %q in %s is read as the text %q (define it with @string, or put the value in braces)", name, in, name)
			} else {
				macro = true
				if p.macros.used > p.macros.limits.total {
					return "", &MacroLimitError{Line: p.li.line(at), Where: p.where(), Size: p.macros.used, Limit: p.macros.limits.total, Total: true}
				}
			}
			part = v
		}
		// checked before the text is copied, so a refused value costs nothing
		if size := int64(b.Len()) + int64(len(part)); macro && size > p.macros.limits.value {
			return "", &MacroLimitError{Line: p.li.line(p.pos), Where: p.where(), Size: size, Limit: p.macros.limits.value}
		}
		b.WriteString(part)
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == '#' {
			p.pos++
			continue
		}
		return b.String(), nil
	}
}
