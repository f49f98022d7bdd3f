package interop

import (
	"strings"
	"unicode"

	"github.com/khareeta/khareeta/internal/model"
)

// This file splits BibTeX name lists ("A and B and {World Bank}") into
// model.Names: "Family, Given", "Given von Family", "{Institution}".

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
