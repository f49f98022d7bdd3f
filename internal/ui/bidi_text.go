package ui

import (
	"strings"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// Strings that mix the interface's language with project text, built so
// that each part keeps its direction wherever the line breaks.

// uiMark is the implicit direction mark of the interface language: LRM in
// English, RLM in Arabic.
func uiMark() string {
	if rtl() {
		return "\u200f"
	}
	return "\u200e"
}

// unbreakable joins a short note so that lines do not break inside it:
// no-break spaces, and a no-break hyphen in page ranges.
func unbreakable(s string) string {
	return strings.NewReplacer(" ", "\u00a0", "-", "\u2011").Replace(s)
}

// withPageNote writes a label followed by the pages it is cited on, e.g.
// «شح المياه  (p. 112-114)». The note is in the interface's language and
// direction: fenced by its direction marks, its brackets stay the right way
// round beside a label of the other direction, and it never breaks across
// lines.
func withPageNote(label string, pages []string) string {
	if len(pages) == 0 {
		return label
	}
	sep := ", "
	if rtl() {
		sep = "، "
	}
	note := unbreakable("(" + tr("det.page", strings.Join(pages, sep)) + ")")
	return label + "  " + uiMark() + note + uiMark()
}

// labelDir is the paragraph direction of text written in a label language.
func labelDir(lang string) text.Dir {
	if lang == model.Arabic || lang == "fa" || lang == "ur" || lang == "he" || lang == "ckb" {
		return text.RTL
	}
	return text.LTR
}
