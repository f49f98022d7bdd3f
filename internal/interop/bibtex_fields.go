package interop

import (
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// This file maps a parsed BibTeX entry to a model.Source (the stage after
// bibtex.go's parser): entry types, field names, dates, URLs and DOIs.

// bibTypes maps BibTeX and BibLaTeX entry types to CSL types.
var bibTypes = map[string]string{
	"article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
	"inproceedings": "paper-conference", "conference": "paper-conference", "proceedings": "book",
	"collection": "book", "mvbook": "book", "techreport": "report", "report": "report", "manual": "report",
	"phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis", "unpublished": "manuscript",
	"online": "webpage", "www": "webpage", "electronic": "webpage", "webpage": "webpage",
	"booklet": "pamphlet", "dataset": "dataset", "software": "software", "patent": "patent",
	"misc": "document", "periodical": "periodical", "standard": "standard", "legislation": "legislation",
}

func (e bibEntry) get(names ...string) string {
	for _, n := range names {
		if v, ok := e.fields[n]; ok && strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// source turns a parsed entry into a validated model.Source.
func (e bibEntry) source() (model.Source, error) {
	var s model.Source
	typ, ok := bibTypes[e.typ]
	if !ok {
		typ = "document"
	}
	sub := strings.ToLower(strings.TrimSpace(texToText(e.get("entrysubtype"))))
	ftype := strings.ToLower(strings.TrimSpace(texToText(e.get("type"))))
	switch {
	case e.typ == "article" && (sub == "newspaper" || sub == "magazine"):
		typ = "article-" + sub
	case cslTypes[ftype] && (e.typ == "misc" || e.typ == "article"):
		typ = ftype
	case e.typ == "misc" && e.get("urldate") != "" && e.get("url", "howpublished") != "":
		typ = "webpage"
	}
	s.Type = typ
	s.Key = e.key
	s.Authors = parseBibNames(e.get("author"))
	s.Editors = parseBibNames(e.get("editor"))
	s.Title = texToText(e.get("title"))
	s.ContainerTitle = texToText(e.get("journal", "journaltitle", "booktitle", "maintitle"))
	if strings.HasPrefix(typ, "article") {
		s.Publisher = texToText(e.get("publisher"))
	} else {
		s.Publisher = texToText(e.get("publisher", "institution", "school", "organization"))
	}
	s.PublisherPlace = texToText(e.get("address", "location"))
	s.Volume = texToText(e.get("volume"))
	if strings.HasPrefix(typ, "article") {
		if iss := e.get("issue"); iss != "" {
			s.Issue = texToText(iss)
			s.Number = texToText(e.get("number"))
		} else {
			s.Issue = texToText(e.get("number"))
		}
	} else {
		s.Number = texToText(e.get("number"))
		s.Issue = texToText(e.get("issue"))
	}
	s.Pages = texToText(strings.ReplaceAll(e.get("pages"), "--", "-"))
	s.DOI = normDOI(texVerbatim(e.get("doi")))
	s.URL = texVerbatim(e.get("url"))
	if s.URL == "" {
		if hp := e.get("howpublished"); strings.Contains(hp, `\url{`) {
			s.URL = texVerbatim(commandArg(hp, `\url{`))
		}
	}
	s.Language = normLanguage(texToText(e.get("langid", "language")))
	s.Accessed = normDate(texToText(e.get("urldate")))
	s.Note = texToLines(e.get("note"))
	if d := texToText(e.get("date")); d != "" {
		s.Issued = normDate(d)
	} else if y := texToText(e.get("year")); y != "" {
		s.Issued = y
		if m := strings.TrimSpace(texToText(e.get("month"))); m != "" {
			if mm, ok := monthNumber(m); ok {
				if yy, _, _, ok := parseDate(y); ok {
					s.Issued = formatDate(yy, mm, 0)
				}
			}
		}
	}
	if err := finish(&s); err != nil {
		return s, err
	}
	return s, nil
}

func monthNumber(m string) (int, bool) {
	m = strings.ToLower(strings.TrimSpace(m))
	if v, ok := monthMacros[m]; ok {
		m = v
	} else if len(m) >= 3 {
		if v, ok := monthMacros[m[:3]]; ok {
			m = v
		}
	}
	n := 0
	for _, c := range m {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
		if n > 12 {
			return 0, false
		}
	}
	return n, n >= 1
}

func commandArg(s, cmd string) string {
	i := strings.Index(s, cmd)
	if i < 0 {
		return ""
	}
	rest := s[i+len(cmd):]
	depth := 1
	for j, c := range rest {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return rest[:j]
			}
		}
	}
	return rest
}

// texVerbatim reads a URL or DOI field: outer braces gone, the escapes
// people add for BibTeX (\_ \% \& \#) undone, nothing else decoded.
func texVerbatim(s string) string {
	s = strings.TrimSpace(s)
	for strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && balanced(s[1:len(s)-1]) {
		s = s[1 : len(s)-1]
	}
	if strings.HasPrefix(s, `\url{`) {
		s = commandArg(s, `\url{`)
	}
	r := strings.NewReplacer(`\_`, "_", `\%`, "%", `\&`, "&", `\#`, "#", `\~`, "~", `\$`, "$")
	return strings.TrimSpace(r.Replace(s))
}

func balanced(s string) bool {
	d := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			d++
		case '}':
			d--
			if d < 0 {
				return false
			}
		}
	}
	return d == 0
}
