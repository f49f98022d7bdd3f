// Package biblio formats reference lists: APA 7th edition for Latin-script
// sources and the Arabic adaptation of APA that Arabic journals use for
// Arabic sources (Arabic comma and conjunction, full given names, place and
// publisher, "د.ت." for no date), Arabic entries first in Arabic collation,
// then the others in English collation. Output is plain text, Markdown or
// HTML.
//
// Everything here is a pure function of model values: the GUI (copyable
// list), exports (--sources) and `khareeta bibliography` share it. It
// imports only internal/model and golang.org/x/text.
package biblio

import (
	"fmt"
	"html"
	"io"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/khareeta/khareeta/internal/model"
)

// Format is an output format of a reference list.
type Format string

// The output formats.
const (
	Text     Format = "text"     // plain UTF-8, one reference per line, no emphasis
	Markdown Format = "markdown" // one paragraph per reference; *italic* (Latin) or **bold** (Arabic) titles
	HTML     Format = "html"     // one <p> per reference with lang and dir; <i> (Latin) or <b> (Arabic) titles
)

// ParseFormat accepts "text", "markdown" (or "md") and "html".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "txt", "plain", "":
		return Text, nil
	case "markdown", "md":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	}
	return "", fmt.Errorf("unknown bibliography format %q (known: text, markdown, html)", s)
}

// Entry is one reference of a sorted list.
type Entry struct {
	Source model.Source
	// Arabic says the entry is formatted and sorted as an Arabic publication.
	Arabic bool
	// Suffix tells apart works of the same authors in the same year:
	// "a", "b", … for Latin entries, "أ", "ب", … for Arabic ones; "" when
	// there is nothing to tell apart.
	Suffix string
}

// IsArabic reports whether a source is an Arabic-language publication: its
// language tag is Arabic ("ar", "ar-IQ", …), or it has no language and its
// title (or else its first author) is written in Arabic script.
func IsArabic(s model.Source) bool {
	if l := strings.ToLower(strings.TrimSpace(s.Language)); l != "" {
		return l == "ar" || strings.HasPrefix(l, "ar-") || strings.HasPrefix(l, "ar_")
	}
	if t := strings.TrimSpace(s.Title); t != "" {
		return arabicScript(t)
	}
	if len(s.Authors) > 0 {
		return arabicScript(s.Authors[0].String())
	}
	return false
}

// arabicScript reports whether most letters of s are Arabic.
func arabicScript(s string) bool {
	ar, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			ar++
		case unicode.IsLetter(r):
			other++
		}
	}
	return ar > 0 && ar >= other
}

// Reference formats one source on its own (no year suffix).
func Reference(s model.Source, f Format) string {
	return Entry{Source: s, Arabic: IsArabic(s)}.Format(f)
}

// Format renders the entry as one reference in f (no trailing newline; an
// HTML entry is one <p> element).
func (e Entry) Format(f Format) string {
	var segs []seg
	if e.Arabic {
		segs = arabic(e.Source, e.Suffix)
	} else {
		segs = latin(e.Source, e.Suffix)
	}
	return render(segs, f, e.Arabic, strings.TrimSpace(e.Source.Language))
}

// Write writes the sorted reference list of sources to w: in Text one
// reference per line, in Markdown one paragraph each, in HTML a <div
// class="references"> fragment (see WriteHTMLDocument for a whole page).
func Write(w io.Writer, sources []model.Source, f Format) error {
	_, err := io.WriteString(w, String(sources, f))
	return err
}

// String returns what Write writes.
func String(sources []model.Source, f Format) string {
	entries := Sort(sources)
	var b strings.Builder
	if f == HTML {
		b.WriteString("<div class=\"references\">\n")
	}
	for i, e := range entries {
		if i > 0 && f == Markdown {
			b.WriteByte('\n')
		}
		b.WriteString(e.Format(f))
		b.WriteByte('\n')
	}
	if f == HTML {
		b.WriteString("</div>\n")
	}
	return b.String()
}

// WriteHTMLDocument writes a complete UTF-8 HTML page holding the reference
// list, with hanging indents, titled title.
func WriteHTMLDocument(w io.Writer, title string, sources []model.Source) error {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title>\n<style>\n.references p { padding-inline-start: 2em; text-indent: -2em; margin: 0 0 .6em; }\n</style>\n</head>\n<body>\n<h1>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</h1>\n")
	b.WriteString(String(sources, HTML))
	b.WriteString("</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// ViewSources returns the sources a view's map rests on: those cited by its
// concepts or by relations between them, in project order. A nil view means
// the whole project: every source, cited or not.
func ViewSources(p *model.Project, v *model.View) []model.Source {
	if v == nil {
		return append([]model.Source(nil), p.Sources...)
	}
	ix := model.NewIndex(p)
	ids := model.ViewConcepts(p, ix, *v)
	targets := make(map[string]bool, len(ids))
	for _, id := range ids {
		targets[id] = true
	}
	for _, id := range model.ViewRelations(p, ids) {
		targets[id] = true
	}
	used := map[string]bool{}
	for _, c := range p.Citations {
		if targets[c.Target()] {
			used[c.Source] = true
		}
	}
	var out []model.Source
	for _, s := range p.Sources {
		if used[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// --- segments and rendering ---

type style int

const (
	plain style = iota
	emph        // italic in Latin entries, bold in Arabic ones
	link        // a URL
)

type seg struct {
	text  string
	style style
}

func render(segs []seg, f Format, arabic bool, lang string) string {
	var b strings.Builder
	if f == HTML {
		switch {
		case arabic:
			b.WriteString(`<p class="reference" lang="ar" dir="rtl">`)
		case lang != "":
			b.WriteString(`<p class="reference" lang="` + html.EscapeString(lang) + `" dir="ltr">`)
		default:
			b.WriteString(`<p class="reference" dir="ltr">`)
		}
	}
	for _, s := range segs {
		if s.text == "" {
			continue
		}
		switch f {
		case Markdown:
			switch s.style {
			case emph:
				mark := "*"
				if arabic {
					mark = "**"
				}
				b.WriteString(mark + mdEscape(s.text) + mark)
			case link:
				if href, ok := safeHref(s.text); ok {
					b.WriteString("<" + mdAutolink(href) + ">")
				} else {
					b.WriteString(mdEscape(s.text))
				}
			default:
				b.WriteString(mdEscape(s.text))
			}
		case HTML:
			switch s.style {
			case emph:
				tag := "i"
				if arabic {
					tag = "b"
				}
				b.WriteString("<" + tag + ">" + html.EscapeString(s.text) + "</" + tag + ">")
			case link:
				if href, ok := safeHref(s.text); ok {
					b.WriteString(`<a href="` + html.EscapeString(href) + `">` + html.EscapeString(s.text) + "</a>")
				} else {
					b.WriteString(html.EscapeString(s.text))
				}
			default:
				b.WriteString(html.EscapeString(s.text))
			}
		default:
			b.WriteString(s.text)
		}
	}
	if f == HTML {
		b.WriteString("</p>")
	}
	return b.String()
}

// mdSpecial escapes what would turn text into emphasis, code, HTML or a
// link; brackets alone are left as they are ("[Data set]").
var mdSpecial = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `](`, `]\(`, `<`, `\<`, `>`, `\>`)

// mdEntity matches what Markdown would decode as an entity ("&lt;",
// "&#60;"); its '&' is escaped so the text shows as written. A lone "&"
// ("Schmidt & Café") is left as it is.
var mdEntity = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// linkSchemes are the schemes a reference list links; any other URL
// (javascript:, data:, vbscript:, file:, a relative path) is shown as text.
var linkSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "doi": true}

// safeHref returns the address to link a URL field to, and false when it
// must not be a link: a scheme other than http, https, mailto or doi, a
// web address without a host, or text that does not parse as a URL (a
// control character, "java\tscript:"). A "doi:" URL links to doi.org.
func safeHref(u string) (string, bool) {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || !linkSchemes[strings.ToLower(p.Scheme)] {
		return "", false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		if p.Host == "" {
			return "", false
		}
	case "doi":
		if p.Opaque == "" {
			return "", false
		}
		return doiURL(u), true
	}
	return u, true
}

// mdAutolink makes a URL fit between < and > as a CommonMark autolink,
// which may hold no blank, '<' or '>': those are percent-encoded.
var mdAutolink = strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E").Replace

func mdEscape(s string) string {
	return mdEntity.ReplaceAllString(mdSpecial.Replace(s), `\$0`)
}

// builder collects segments and takes care of the spaces and full stops
// between elements.
type builder struct{ segs []seg }

func (b *builder) add(text string, st style) {
	if text != "" {
		b.segs = append(b.segs, seg{text, st})
	}
}

// last returns the text written so far, trimmed, for punctuation decisions.
func (b *builder) lastRune() rune {
	for i := len(b.segs) - 1; i >= 0; i-- {
		t := strings.TrimRightFunc(b.segs[i].text, unicode.IsSpace)
		if t != "" {
			r := []rune(t)
			return r[len(r)-1]
		}
	}
	return 0
}

// stop ends an element with a full stop unless it already ends with one (or ? !).
func (b *builder) stop() {
	switch b.lastRune() {
	case '.', '?', '!', '؟', 0:
		return
	}
	b.add(".", plain)
}

// space adds a space before the next element when something precedes it.
func (b *builder) space() {
	if len(b.segs) > 0 {
		b.add(" ", plain)
	}
}

// --- shared helpers ---

func trimStop(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ".")
}

func doiURL(doi string) string {
	d := strings.TrimSpace(doi)
	low := strings.ToLower(d)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if strings.HasPrefix(low, p) {
			d = strings.TrimSpace(d[len(p):])
			break
		}
	}
	return "https://doi.org/" + d
}

// link returns the DOI as a URL, or else the URL.
func linkOf(s model.Source) string {
	if strings.TrimSpace(s.DOI) != "" {
		return doiURL(s.DOI)
	}
	return strings.TrimSpace(s.URL)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// dated returns year, month, day of Issued, with ok false when Issued is
// not a date ("in press", "n.d.", "").
func dated(issued string) (y, m, d string, ok bool) {
	parts := strings.Split(strings.TrimSpace(issued), "-")
	if len(parts[0]) != 4 || !isDigits(parts[0]) || len(parts) > 3 {
		return "", "", "", false
	}
	y = parts[0]
	if len(parts) > 1 {
		m = parts[1]
	}
	if len(parts) > 2 {
		d = parts[2]
	}
	return y, m, d, true
}

// sameAsAuthor reports whether the publisher is the (institutional) author,
// which APA then leaves out.
// The publisher is also the author when it is the author's acronym
// ("UNDP" for United Nations Development Programme, "UNHCR" for United
// Nations High Commissioner for Refugees).
func sameAsAuthor(s model.Source, publisher string) bool {
	p := foldKey(publisher)
	for _, n := range s.Authors {
		if n.Literal == "" {
			continue
		}
		if foldKey(n.Literal) == p || isAcronymOf(strings.TrimSpace(publisher), n.Literal) {
			return true
		}
	}
	return false
}

// isAcronymOf reports whether acr (all capitals, at least two letters) is
// made of the initials of the capitalised words of name.
func isAcronymOf(acr, name string) bool {
	if len(acr) < 2 || strings.ToUpper(acr) != acr || strings.IndexFunc(acr, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return false
	}
	var ini []rune
	for _, w := range strings.Fields(name) {
		r := []rune(w)[0]
		if unicode.IsUpper(r) {
			ini = append(ini, r)
		}
	}
	return string(ini) == acr
}

func foldKey(s string) string {
	f := model.Fold(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, f)
}

// bookLike reports whether the title of a source of type t is the
// standalone work (set in italics), rather than a part of a container.
func bookLike(t string) bool {
	switch {
	case strings.HasPrefix(t, "article"), t == "chapter", t == "paper-conference", strings.HasPrefix(t, "entry"),
		t == "review", t == "review-book", t == "post", t == "post-weblog", t == "speech":
		return false
	}
	return true
}

// periodical reports whether the container of type t is a periodical.
func periodical(t string) bool {
	return strings.HasPrefix(t, "article") || t == "review" || t == "review-book"
}

func inContainer(t string) bool {
	return t == "chapter" || t == "paper-conference" || strings.HasPrefix(t, "entry")
}
