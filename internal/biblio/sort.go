package biblio

import (
	"sort"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/khareeta/khareeta/internal/model"
)

// Sort orders sources as a reference list: Arabic entries first, in Arabic
// collation, then all others in English collation. Within each group
// entries sort by author names (family name, then given names, author by
// author, so a single-author work comes before team works it begins), then
// by year (no date first), then by title; works without an author file
// under their title. In Arabic keys a leading definite article "ال" is
// ignored, as Arabic indexes do ("المركز" files under م). Works of the same
// authors in the same year get suffixes a, b, … (أ، ب، … for Arabic) in
// title order. The input is not changed.
func Sort(sources []model.Source) []Entry {
	var ar, la []Entry
	for _, s := range sources {
		e := Entry{Source: s, Arabic: IsArabic(s)}
		if e.Arabic {
			ar = append(ar, e)
		} else {
			la = append(la, e)
		}
	}
	sortGroup(ar, language.Arabic, true)
	sortGroup(la, language.English, false)
	return append(ar, la...)
}

var arabicLetters = []string{"أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ"}

type sortKey struct {
	names []string // family, given, family, given, … (or the title when there is no author)
	year  string   // "0000" for no date, "9999" for "in press"
	title string
	who   string // exact author key, for year suffixes
}

func keyOf(s model.Source, arabic bool) sortKey {
	var k sortKey
	ns := s.Authors
	if len(ns) == 0 {
		ns = s.Editors
	}
	for _, n := range ns {
		if n.Literal != "" {
			k.names = append(k.names, filing(n.Literal, arabic), "")
		} else {
			k.names = append(k.names, filing(n.Family, arabic), filing(n.Given, arabic))
		}
	}
	if len(k.names) == 0 {
		k.names = []string{filing(s.Title, arabic)}
	}
	k.who = model.Fold(strings.Join(k.names, "\x00"))
	if len(ns) == 0 {
		k.who = "\x01" + k.who // untitled-author works only pair with themselves
	}
	y, _, _, ok := dated(s.Issued)
	switch {
	case ok:
		k.year = y
	case strings.Contains(strings.ToLower(s.Issued), "press"), strings.Contains(s.Issued, "قيد النشر"):
		k.year = "9999"
	default:
		k.year = "0000"
	}
	k.title = filing(s.Title, arabic)
	return k
}

// alefs folds the hamza seats and madda on alef to a bare alef, as Arabic
// indexes file them.
var alefs = strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا", "ٱ", "ا")

// filing returns the form of s used for sorting: trimmed, and for Arabic
// with alef forms folded and without a leading "ال" on its first word.
func filing(s string, arabic bool) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "\"'“”‘’«»([{")
	if arabic {
		s = alefs.Replace(s)
		if strings.HasPrefix(s, "ال") && len([]rune(s)) > 3 {
			s = strings.TrimPrefix(s, "ال")
		}
	}
	return s
}

// sortGroup sorts es by keyOf, comparing with a loose collator (case,
// diacritics and hamza seats ignored: "smith" = "Smith", "Éclair" files
// under E, أ under ا) and breaking ties with a strict one.
func sortGroup(es []Entry, tag language.Tag, arabic bool) {
	loose, strict := collate.New(tag, collate.Loose), collate.New(tag)
	keys := make([]sortKey, len(es))
	for i := range es {
		keys[i] = keyOf(es[i].Source, arabic)
	}
	idx := make([]int, len(es))
	for i := range idx {
		idx[i] = i
	}
	cmp := func(a, b string) int { return loose.CompareString(a, b) }
	sort.SliceStable(idx, func(x, y int) bool {
		a, b := keys[idx[x]], keys[idx[y]]
		for i := 0; i < len(a.names) && i < len(b.names); i++ {
			if c := cmp(a.names[i], b.names[i]); c != 0 {
				return c < 0
			}
		}
		if len(a.names) != len(b.names) {
			return len(a.names) < len(b.names)
		}
		if a.year != b.year {
			return a.year < b.year
		}
		if c := cmp(a.title, b.title); c != 0 {
			return c < 0
		}
		for i := 0; i < len(a.names) && i < len(b.names); i++ {
			if c := strict.CompareString(a.names[i], b.names[i]); c != 0 {
				return c < 0
			}
		}
		if c := strict.CompareString(a.title, b.title); c != 0 {
			return c < 0
		}
		return a.title < b.title
	})
	sorted := make([]Entry, len(es))
	skeys := make([]sortKey, len(es))
	for i, j := range idx {
		sorted[i] = es[j]
		skeys[i] = keys[j]
	}
	copy(es, sorted)
	// year suffixes for runs of the same authors and year
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && skeys[j].who == skeys[i].who && skeys[j].year == skeys[i].year && skeys[i].year != "9999" {
			j++
		}
		if j-i > 1 {
			for n := i; n < j; n++ {
				es[n].Suffix = letter(n-i, arabic)
			}
		}
		i = j
	}
}

func letter(n int, arabic bool) string {
	if arabic {
		if n < len(arabicLetters) {
			return arabicLetters[n]
		}
		return arabicLetters[n%len(arabicLetters)] + arabicLetters[n/len(arabicLetters)%len(arabicLetters)]
	}
	s := ""
	for n >= 0 {
		s = string(rune('a'+n%26)) + s
		n = n/26 - 1
	}
	return s
}
