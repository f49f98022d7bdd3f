package biblio

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khareeta/khareeta/internal/model"
)

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// latin formats s after APA 7th: Author, A. A., & Author, B. B. (Year).
// Title. Source. https://doi.org/…
func latin(s model.Source, suffix string) []seg {
	var b builder
	titleDone := false
	switch {
	case len(s.Authors) > 0:
		b.add(apaAuthors(s.Authors), plain)
	case len(s.Editors) > 0:
		b.add(apaAuthors(s.Editors), plain)
		if len(s.Editors) == 1 {
			b.add(" (Ed.)", plain)
		} else {
			b.add(" (Eds.)", plain)
		}
	default:
		// no author: the title moves to the author position
		latinTitle(&b, s)
		titleDone = true
	}
	b.stop()
	b.space()
	b.add("("+apaDate(s, suffix)+").", plain)
	if !titleDone {
		b.space()
		latinTitle(&b, s)
	}
	latinSource(&b, s)
	if l := linkOf(s); l != "" {
		b.space()
		b.add(l, link)
	}
	return b.segs
}

// apaDate is the date element: "2020", "2020a", "2020, May 4", "n.d.", "n.d.-a".
func apaDate(s model.Source, suffix string) string {
	y, m, d, ok := dated(s.Issued)
	if !ok {
		t := strings.TrimSpace(s.Issued)
		if t == "" || strings.EqualFold(t, "n.d.") || strings.EqualFold(t, "nd") {
			if suffix != "" {
				return "n.d.-" + suffix
			}
			return "n.d."
		}
		return t + suffix
	}
	out := y + suffix
	switch s.Type {
	case "article-newspaper", "article-magazine", "webpage", "post", "post-weblog", "broadcast", "speech", "interview":
		if mi, err := strconv.Atoi(m); err == nil && mi >= 1 && mi <= 12 {
			out += ", " + monthNames[mi]
			if di, err := strconv.Atoi(d); err == nil && di > 0 {
				out += " " + strconv.Itoa(di)
			}
		}
	}
	return out
}

func latinTitle(b *builder, s model.Source) {
	title := strings.TrimSpace(s.Title)
	if bookLike(s.Type) {
		b.add(title, emph)
		var desc []string
		if v := strings.TrimSpace(s.Volume); v != "" && !periodical(s.Type) {
			desc = append(desc, "Vol. "+v)
		}
		if n := strings.TrimSpace(s.Number); n != "" {
			switch {
			case isDigits(n) && s.Type == "report":
				desc = append(desc, "Report No. "+n)
			case isDigits(n):
				desc = append(desc, "No. "+n)
			default:
				desc = append(desc, n)
			}
		}
		if len(desc) > 0 {
			b.add(" ("+strings.Join(desc, ", ")+")", plain)
		}
		switch s.Type {
		case "thesis":
			if p := strings.TrimSpace(s.Publisher); p != "" {
				b.add(" [Thesis, "+p+"]", plain)
			} else {
				b.add(" [Thesis]", plain)
			}
		case "dataset":
			b.add(" [Data set]", plain)
		case "software":
			b.add(" [Computer software]", plain)
		case "manuscript":
			b.add(" [Unpublished manuscript]", plain)
		}
	} else {
		b.add(title, plain)
	}
	b.stop()
}

func latinSource(b *builder, s model.Source) {
	container := strings.TrimSpace(s.ContainerTitle)
	pages := latinPages(s.Pages)
	switch {
	case periodical(s.Type):
		if container == "" && pages == "" && s.Volume == "" && s.Issue == "" {
			return
		}
		b.space()
		b.add(container, emph)
		if v := strings.TrimSpace(s.Volume); v != "" {
			if container != "" {
				b.add(", ", plain)
			}
			b.add(v, emph)
		}
		if i := strings.TrimSpace(s.Issue); i != "" {
			if s.Volume == "" && container != "" {
				b.add(", ", plain)
			}
			b.add("("+i+")", plain)
		}
		if pages != "" {
			if b.lastRune() != 0 && container+s.Volume+s.Issue != "" {
				b.add(", ", plain)
			}
			b.add(pages, plain)
		}
		b.stop()
	case inContainer(s.Type):
		b.space()
		b.add("In ", plain)
		if len(s.Editors) > 0 {
			b.add(apaEditors(s.Editors), plain)
			if len(s.Editors) == 1 {
				b.add(" (Ed.), ", plain)
			} else {
				b.add(" (Eds.), ", plain)
			}
		}
		b.add(container, emph)
		var loc []string
		if v := strings.TrimSpace(s.Volume); v != "" {
			loc = append(loc, "Vol. "+v)
		}
		if pages != "" {
			if strings.ContainsAny(pages, "–-,") {
				loc = append(loc, "pp. "+pages)
			} else {
				loc = append(loc, "p. "+pages)
			}
		}
		if len(loc) > 0 {
			b.add(" ("+strings.Join(loc, ", ")+")", plain)
		}
		b.stop()
		latinPublisher(b, s)
	case s.Type == "thesis":
		// the university is in the bracket after the title
	case s.Type == "webpage":
		if container != "" && !sameAsAuthor(s, container) {
			b.space()
			b.add(container, plain)
			b.stop()
		} else {
			latinPublisher(b, s)
		}
	default:
		if container != "" {
			b.space()
			b.add(container, plain) // e.g. a report series
			b.stop()
		}
		latinPublisher(b, s)
	}
}

func latinPublisher(b *builder, s model.Source) {
	p := strings.TrimSpace(s.Publisher)
	if p == "" || sameAsAuthor(s, p) {
		return
	}
	b.space()
	b.add(p, plain)
	b.stop()
}

// latinPages writes ranges with an en dash: "313–326".
func latinPages(p string) string {
	p = strings.TrimSpace(p)
	if strings.Count(p, "-") == 1 && !strings.Contains(p, "--") {
		return strings.Replace(p, "-", "–", 1)
	}
	return strings.ReplaceAll(p, "--", "–")
}

// apaAuthors lists names as APA's reference list does: "Family, G. G.",
// commas between, "&" before the last; with 21 or more, the first 19, an
// ellipsis and the last.
func apaAuthors(ns []model.Name) string {
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = invertedName(n)
	}
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + ", & " + names[1]
	}
	if len(names) > 20 {
		return strings.Join(names[:19], ", ") + ", . . . " + names[len(names)-1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", & " + names[len(names)-1]
}

// apaEditors lists editors in the "In" element: "G. G. Family", "&" before the last.
func apaEditors(ns []model.Name) string {
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = directName(n)
	}
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " & " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", & " + names[len(names)-1]
}

func invertedName(n model.Name) string {
	switch {
	case n.Literal != "":
		return strings.TrimSpace(n.Literal)
	case n.Given == "":
		return strings.TrimSpace(n.Family)
	case n.Family == "":
		return strings.TrimSpace(n.Given)
	}
	ini, sfx := initials(n.Given)
	out := strings.TrimSpace(n.Family) + ", " + ini
	if sfx != "" {
		out += ", " + sfx
	}
	return out
}

func directName(n model.Name) string {
	switch {
	case n.Literal != "":
		return strings.TrimSpace(n.Literal)
	case n.Given == "":
		return strings.TrimSpace(n.Family)
	case n.Family == "":
		return strings.TrimSpace(n.Given)
	}
	ini, sfx := initials(n.Given)
	out := ini + " " + strings.TrimSpace(n.Family)
	if sfx != "" {
		out += ", " + sfx
	}
	return out
}

// initials turns given names into APA initials: "Hans Joachim" → "H. J.",
// "Anna-Lena" → "A.-L.", "H. J." stays; a suffix after a comma ("Jr.") is
// returned apart.
func initials(given string) (ini, suffix string) {
	if i := strings.Index(given, ","); i >= 0 {
		suffix = strings.TrimSpace(given[i+1:])
		given = given[:i]
	}
	var parts []string
	for _, w := range strings.Fields(given) {
		var hy []string
		for _, h := range strings.Split(w, "-") {
			r, _ := utf8.DecodeRuneInString(h)
			if r == utf8.RuneError || !unicode.IsLetter(r) {
				continue
			}
			hy = append(hy, string(unicode.ToUpper(r))+".")
		}
		if len(hy) > 0 {
			parts = append(parts, strings.Join(hy, "-"))
		}
	}
	return strings.Join(parts, " "), suffix
}
