package biblio

import (
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// ShortName names a source as APA's narrative in-text citation does, for
// lists, pickers and messages: "Booth (1991)", "Booth & Thompson (1991)",
// "Booth et al. (1991)", "World Bank (2020)", "Booth (n.d.)"; an Arabic
// source "الطائي (2020)", "الطائي ومعلقة (2020)", "الطائي وآخرون (2020)",
// "الطائي (د.ت.)". Editors stand in for missing authors, and the title
// (cut at 40 characters) for missing names. The year is Issued's year, the
// undated form, or Issued as written ("in press"). Whether a source is
// Arabic follows IsArabic, as in the reference list, not the language of
// the interface: an English work keeps "et al." in an Arabic window.
func ShortName(s model.Source) string {
	return Entry{Source: s, Arabic: IsArabic(s)}.ShortName()
}

// ShortName is the short name of the entry (see ShortName), with its year
// suffix, so a list sorted by Sort names "Booth (1991a)" and "Booth
// (1991b)" as the reference list does.
func (e Entry) ShortName() string {
	s := e.Source
	names := s.Authors
	if len(names) == 0 {
		names = s.Editors
	}
	var who string
	switch {
	case len(names) == 1:
		who = surname(names[0])
	case len(names) == 2 && e.Arabic:
		who = surname(names[0]) + " " + arAnd + surname(names[1])
	case len(names) == 2:
		who = surname(names[0]) + " & " + surname(names[1])
	case len(names) > 2 && e.Arabic:
		who = surname(names[0]) + " " + arAnd + "آخرون"
	case len(names) > 2:
		who = surname(names[0]) + " et al."
	}
	if strings.TrimSpace(who) == "" {
		who = strings.TrimSpace(s.Title)
		if r := []rune(who); len(r) > 40 {
			who = strings.TrimSpace(string(r[:40])) + "…"
		}
	}
	var year string
	if e.Arabic {
		year = arabicDate(s, e.Suffix)
	} else {
		year = citeYear(s, e.Suffix)
	}
	return strings.TrimSpace(who + " (" + year + ")")
}

// surname is the part of a name an in-text citation uses: an institution
// in full, else the family name, else the given name (a mononym).
func surname(n model.Name) string {
	switch {
	case strings.TrimSpace(n.Literal) != "":
		return strings.TrimSpace(n.Literal)
	case strings.TrimSpace(n.Family) != "":
		return strings.TrimSpace(n.Family)
	}
	return strings.TrimSpace(n.Given)
}

// citeYear is the year of an in-text citation of a Latin-script source:
// "1991", "1991a", "n.d.", "n.d.-a", "in press" (APA 7th, 8.10; no month
// or day, unlike the reference list's date for newspapers and web pages).
func citeYear(s model.Source, suffix string) string {
	if y, _, _, ok := dated(s.Issued); ok {
		return y + suffix
	}
	return apaDate(s, suffix)
}
