package text

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// Sanitize makes a label safe to lay out: invalid UTF-8 becomes U+FFFD;
// CR LF, CR, NEL, U+2028 and U+2029 become "\n"; tabs and other spacing
// controls become spaces; every other C0/C1 control, the explicit bidi
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
// byte-order mark, interlinear annotation marks and non-characters are
// removed, so no label can reorder its neighbours or hide text. Lines are
// trimmed and blank lines at both ends are dropped. Zero-width joiners and
// non-joiners (needed by Persian) and the implicit marks LRM, RLM and ALM
// are kept.
func Sanitize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prevCR := false
	for _, r := range s {
		cr := r == '\r'
		switch {
		case r == '\n' && prevCR:
			// second half of CR LF: already written
		case r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == '\t' || r == 0x0B || r == 0x0C:
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7F && r <= 0x9F):
			// other controls: dropped
		case (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069):
			// explicit bidi formatting: neutralised
		case r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB) || (r >= 0xFDD0 && r <= 0xFDEF) || r&0xFFFE == 0xFFFE:
			// BOM, annotation marks, non-characters
		default:
			b.WriteRune(r)
		}
		prevCR = cr
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimFunc(l, unicode.IsSpace)
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// Dir is a paragraph direction.
type Dir uint8

// Paragraph directions. Auto takes the direction of the first strong
// character (Unicode bidi rules P2–P3), left-to-right when there is none.
const (
	Auto Dir = iota
	LTR
	RTL
)

// String returns "auto", "ltr" or "rtl".
func (d Dir) String() string {
	switch d {
	case LTR:
		return "ltr"
	case RTL:
		return "rtl"
	}
	return "auto"
}

// DetectDir returns the direction of the first strong character of s (RTL
// for Arabic and Hebrew letters, LTR for Latin and other left-to-right
// letters), or def when s has none.
func DetectDir(s string, def Dir) Dir {
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return LTR
		case bidi.R, bidi.AL:
			return RTL
		}
	}
	return def
}
