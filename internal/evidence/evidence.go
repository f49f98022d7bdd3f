// Package evidence checks that a knowledge map rests on its sources:
// concepts and relations without a citation (UncitedClaims, the one rule
// for them, which package analysis reports too), sources never cited,
// citations without a locator, and page locators that fall outside the
// cited source's page range.
//
// Check is a pure function over a model.Project: `khareeta check` prints
// its findings and the GUI lists them with click-through to the ID. It
// imports only internal/model.
package evidence

import (
	"fmt"
	"github.com/khareeta/khareeta/internal/biblio"
	"strconv"
	"strings"
	"unicode"

	"github.com/khareeta/khareeta/internal/model"
)

// Kinds of finding, in the order Check reports them.
const (
	UncitedConcept  = "uncited-concept"      // ID is the concept's
	UncitedRelation = "uncited-relation"     // ID is the relation's
	UnusedSource    = "unused-source"        // ID is the source's
	NoLocator       = "no-locator"           // ID is the citation's
	OutOfRange      = "locator-out-of-range" // ID is the citation's
)

// Finding is one evidence problem: what kind it is, the id of the concept,
// relation, source or citation it is about, and a message in English that
// names the thing by its label (in the project's primary language).
type Finding struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Message string `json:"message"`
}

// String renders the finding as "kind: message".
func (f Finding) String() string { return f.Kind + ": " + f.Message }

// Check returns the evidence findings of p, grouped by kind in the order of
// the Kind constants and, within a kind, in project order. It never
// changes p. A locator that is not a page or page range ("المبحث الأول",
// "chap. 3", "para. 4") and a source whose pages are unknown or not numeric
// are not range-checked.
func Check(p *model.Project) []Finding {
	lang := p.Meta.Language
	ix := model.NewIndex(p)
	var out []Finding
	concepts, relations := Claims(p)
	u := UncitedClaims(p, concepts, relations)
	for _, i := range u.Concepts {
		c := concepts[i]
		out = append(out, Finding{UncitedConcept, c.ID, fmt.Sprintf("concept %s (%s) has no citation", quote(c.Label.Get(lang)), c.Kind)})
	}
	for _, i := range u.Relations {
		r := relations[i]
		out = append(out, Finding{UncitedRelation, r.ID, "relation " + relationText(ix, *r, lang) + " has no citation"})
	}
	cited := map[string]bool{}
	for _, c := range p.Citations {
		cited[c.Source] = true
	}
	for _, s := range p.Sources {
		if !cited[s.ID] {
			out = append(out, Finding{UnusedSource, s.ID, fmt.Sprintf("source %s is never cited", sourceText(s))})
		}
	}
	for _, c := range p.Citations {
		if strings.TrimSpace(c.Locator) == "" {
			out = append(out, Finding{NoLocator, c.ID, fmt.Sprintf("citation of %s for %s has no locator (page)", sourceName(ix, c.Source), targetText(ix, c, lang))})
		}
	}
	for _, c := range p.Citations {
		s, ok := ix.Sources[c.Source]
		if !ok || strings.TrimSpace(c.Locator) == "" {
			continue
		}
		lo, hi, ok := PageSpan(s.Pages)
		if !ok {
			continue
		}
		clo, chi, ok := PageSpan(c.Locator)
		if !ok || (clo >= lo && chi <= hi) {
			continue
		}
		out = append(out, Finding{OutOfRange, c.ID, fmt.Sprintf("citation of %s for %s is at %s, outside the source's pages %s",
			sourceName(ix, c.Source), targetText(ix, c, lang), quote(c.Locator), s.Pages)})
	}
	return out
}

// Counts tallies findings by kind.
func Counts(fs []Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Kind]++
	}
	return m
}

// PageSpan reads a page locator or a source's page range — "24", "p. 24",
// "pp. 313-365", "53–69", "313-65" (313 to 365), "ص 24", "ص ص. 22-23",
// "٢٤", "6-7, 13", "24f" — and returns the lowest and highest page. ok is
// false when s names no pages or names something other than pages
// ("المبحث الأول", "chap. 3", "xii").
func PageSpan(s string) (lo, hi int, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, false
	}
	// digits in any script become ASCII; dashes become '-'
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r == '–' || r == '—' || r == '‒' || r == '−':
			return '-'
		}
		return r
	}, s)
	low := strings.ToLower(s)
	// page markers: pages, page, pp., p., ص ص., صفحة, ص., ff., f.
	for _, m := range []string{"pages", "page", "pp.", "pp", "p.", "p:", "صفحات", "صفحة", "ص ص.", "ص.ص.", "ص ص", "ص.", "ص:", "ص"} {
		low = strings.ReplaceAll(low, m, " ")
	}
	var nums [][2]int
	i := 0
	rs := []rune(low)
	readNum := func() (int, string, bool) {
		st := i
		for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
			i++
		}
		if i == st || i-st > 7 {
			return 0, "", false
		}
		n, err := strconv.Atoi(string(rs[st:i]))
		return n, string(rs[st:i]), err == nil
	}
	for i < len(rs) {
		r := rs[i]
		switch {
		case r >= '0' && r <= '9':
			a, as, okA := readNum()
			if !okA {
				return 0, 0, false
			}
			b := a
			// "24f", "24ff": the page and what follows; count the page
			for i < len(rs) && rs[i] == 'f' {
				i++
			}
			j := i
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
			if j < len(rs) && rs[j] == '-' {
				j++
				for j < len(rs) && rs[j] == ' ' {
					j++
				}
				if j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
					i = j
					e, es, okE := readNum()
					if !okE {
						return 0, 0, false
					}
					if e < a && len(es) < len(as) {
						// "313-65" means 313 to 365
						e, _ = strconv.Atoi(as[:len(as)-len(es)] + es)
					}
					b = e
				}
			}
			if b < a {
				a, b = b, a
			}
			nums = append(nums, [2]int{a, b})
		case r == ' ' || r == ',' || r == '،' || r == ';' || r == '؛' || r == '-' || r == '.' || r == ':' || r == '(' || r == ')' || r == '&' || r == '+':
			i++
		case r == 'و' && len(nums) > 0:
			i++ // "24 و 30"
		case r == 'p' && (i+1 == len(rs) || rs[i+1] == ' ' || (rs[i+1] >= '0' && rs[i+1] <= '9')):
			i++ // "p 24", "p24"
		case unicode.IsLetter(r):
			return 0, 0, false
		default:
			i++
		}
	}
	if len(nums) == 0 {
		return 0, 0, false
	}
	lo, hi = nums[0][0], nums[0][1]
	for _, n := range nums[1:] {
		lo, hi = min(lo, n[0]), max(hi, n[1])
	}
	return lo, hi, true
}

func quote(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) > 60 {
		s = string(r[:60]) + "…"
	} else {
		s = string(r)
	}
	return "\"" + s + "\""
}

func relationText(ix *model.Index, r model.Relation, lang string) string {
	label := func(id string) string {
		if c, ok := ix.Concepts[id]; ok {
			return quote(c.Label.Get(lang))
		}
		return id
	}
	phrase := r.Phrase.Get(lang)
	if strings.TrimSpace(phrase) == "" {
		phrase = model.DefaultPhrase(r.Type).Get(lang)
	}
	return label(r.From) + " " + phrase + " " + label(r.To)
}

// sourceText names a source in a finding: its short name (biblio.ShortName,
// the one convention of lists and pickers) and its title; a source without
// names by its title and year.
func sourceText(s model.Source) string {
	if len(s.Authors)+len(s.Editors) == 0 {
		if y := s.Year(); y != "" {
			return fmt.Sprintf("%s (%s)", quote(s.Title), y)
		}
		return quote(s.Title)
	}
	return biblio.ShortName(s) + ", " + quote(s.Title)
}

func sourceName(ix *model.Index, id string) string {
	if s, ok := ix.Sources[id]; ok {
		return sourceText(*s)
	}
	return "missing source " + id
}

func targetText(ix *model.Index, c model.Citation, lang string) string {
	if c.Concept != "" {
		if k, ok := ix.Concepts[c.Concept]; ok {
			return "concept " + quote(k.Label.Get(lang))
		}
		return "missing concept " + c.Concept
	}
	if r, ok := ix.Relations[c.Relation]; ok {
		return "relation " + relationText(ix, *r, lang)
	}
	return "missing relation " + c.Relation
}
