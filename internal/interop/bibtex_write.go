package interop

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khareeta/khareeta/internal/model"
)

// This file writes sources as BibTeX: entries, names, escapes and keys.

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
