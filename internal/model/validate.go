package model

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits on sizes that keep a crafted project from exhausting memory or
// making a map unreadable. They are generous for real work.
const (
	MaxLabelLen = 5000   // runes in one label
	MaxTextLen  = 100000 // runes in a description, note or quote
)

var (
	slugRE  = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// ErrInvalid is wrapped by every validation error, so callers can test with errors.Is.
var ErrInvalid = errors.New("invalid")

// Problem is one validation finding.
type Problem struct {
	What string // "concept 3f2…", "relation …"
	Msg  string
}

func (p Problem) String() string { return p.What + ": " + p.Msg }

// Problems is a list of validation findings; as an error it names them all.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Unwrap lets errors.Is(err, ErrInvalid) hold for Problems.
func (ps Problems) Unwrap() error { return ErrInvalid }

// Err returns ps as an error, or nil when it is empty.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// named gives the problems found about one record, listed without a
// subject, the record's name (computed only when there are problems).
func (ps Problems) named(what func() string) error {
	if len(ps) == 0 {
		return nil
	}
	w := what()
	for i := range ps {
		if ps[i].What == "" {
			ps[i].What = w
		}
	}
	return ps
}

func (ps *Problems) add(what, format string, args ...any) {
	*ps = append(*ps, Problem{What: what, Msg: fmt.Sprintf(format, args...)})
}

func checkText(ps *Problems, what, field string, t Text, limit int) {
	for lang, s := range t {
		if !utf8.ValidString(s) {
			ps.add(what, "%s (%s) is not valid UTF-8", field, lang)
		} else if n := utf8.RuneCountInString(s); n > limit {
			ps.add(what, "%s (%s) has %d characters, more than %d", field, lang, n, limit)
		}
		if lang == "" || len(lang) > 35 {
			ps.add(what, "%s has an invalid language tag %q", field, lang)
		}
	}
}

func checkString(ps *Problems, what, field, s string, limit int) {
	if !utf8.ValidString(s) {
		ps.add(what, "%s is not valid UTF-8", field)
	} else if n := utf8.RuneCountInString(s); n > limit {
		ps.add(what, "%s has %d characters, more than %d", field, n, limit)
	}
}

func checkID(ps *Problems, what, id string) {
	if !ValidID(id) {
		ps.add(what, "id %q is not a UUID", id)
	}
}

// ValidateKind checks a kind on its own.
func ValidateKind(k Kind) error {
	var ps Problems
	what := func() string { return fmt.Sprintf("kind %q", k.ID) }
	if !slugRE.MatchString(k.ID) {
		ps.add("", "id must be lower-case letters, digits, '-' or '_' (at most 64)")
	}
	if k.Name.Empty() {
		ps.add("", "name is empty")
	}
	checkText(&ps, "", "name", k.Name, 200)
	if !colorRE.MatchString(k.Color) {
		ps.add("", "colour %q is not of the form #rrggbb", k.Color)
	}
	if !slices.Contains(Shapes, k.Shape) {
		ps.add("", "unknown shape %q (known: %s)", k.Shape, strings.Join(Shapes, ", "))
	}
	return ps.named(what)
}

// ValidateConcept checks a concept against the kinds that exist.
func ValidateConcept(c Concept, kindExists func(string) bool) error {
	var ps Problems
	what := func() string {
		if l := c.Label.Get(""); l != "" {
			return fmt.Sprintf("concept %q", short(l))
		}
		return "concept " + c.ID
	}
	checkID(&ps, "", c.ID)
	if c.Label.Empty() {
		ps.add("", "label is empty")
	}
	checkText(&ps, "", "label", c.Label, MaxLabelLen)
	checkText(&ps, "", "description", c.Description, MaxTextLen)
	checkString(&ps, "", "notes", c.Notes, MaxTextLen)
	if !kindExists(c.Kind) {
		ps.add("", "unknown kind %q", c.Kind)
	}
	return ps.named(what)
}

// ValidateRelation checks a relation against the concepts that exist.
func ValidateRelation(r Relation, conceptExists func(string) bool) error {
	var ps Problems
	what := func() string { return "relation " + r.ID }
	checkID(&ps, "", r.ID)
	if !conceptExists(r.From) {
		ps.add("", "refers to a missing concept %q (from)", r.From)
	}
	if !conceptExists(r.To) {
		ps.add("", "refers to a missing concept %q (to)", r.To)
	}
	if !slugRE.MatchString(r.Type) {
		ps.add("", "type %q must be a lower-case slug like \"weakens\"", r.Type)
	}
	checkText(&ps, "", "linking phrase", r.Phrase, MaxLabelLen)
	checkString(&ps, "", "notes", r.Notes, MaxTextLen)
	return ps.named(what)
}

// ValidateSource checks a source on its own.
func ValidateSource(s Source) error {
	var ps Problems
	what := func() string {
		if s.Title != "" {
			return fmt.Sprintf("source %q", short(s.Title))
		}
		return "source " + s.ID
	}
	checkID(&ps, "", s.ID)
	if strings.TrimSpace(s.Title) == "" {
		ps.add("", "title is empty")
	}
	if strings.TrimSpace(s.Type) == "" {
		ps.add("", "type is empty")
	}
	for _, f := range []string{s.Key, s.Type, s.Issued, s.Title, s.ContainerTitle, s.Publisher, s.PublisherPlace, s.Volume, s.Issue, s.Pages, s.Number, s.DOI, s.URL, s.Language, s.Accessed} {
		checkString(&ps, "", "a field", f, MaxLabelLen)
	}
	checkString(&ps, "", "note", s.Note, MaxTextLen)
	for _, n := range append(append([]Name{}, s.Authors...), s.Editors...) {
		if n.Literal == "" && n.Family == "" && n.Given == "" {
			ps.add("", "has an author or editor with no name")
		}
	}
	return ps.named(what)
}

// ValidateCitation checks a citation against the sources, concepts and relations that exist.
func ValidateCitation(c Citation, sourceExists, conceptExists, relationExists func(string) bool) error {
	var ps Problems
	what := func() string { return "citation " + c.ID }
	checkID(&ps, "", c.ID)
	if !sourceExists(c.Source) {
		ps.add("", "refers to a missing source %q", c.Source)
	}
	switch {
	case c.Concept != "" && c.Relation != "":
		ps.add("", "backs both a concept and a relation; it must back exactly one")
	case c.Concept != "":
		if !conceptExists(c.Concept) {
			ps.add("", "refers to a missing concept %q", c.Concept)
		}
	case c.Relation != "":
		if !relationExists(c.Relation) {
			ps.add("", "refers to a missing relation %q", c.Relation)
		}
	default:
		ps.add("", "backs nothing; it needs a concept or a relation")
	}
	checkString(&ps, "", "locator", c.Locator, 200)
	checkString(&ps, "", "quote", c.Quote, MaxTextLen)
	checkString(&ps, "", "note", c.Note, MaxTextLen)
	return ps.named(what)
}

// ValidateView checks a view against the kinds and concepts that exist.
func ValidateView(v View, kindExists, conceptExists func(string) bool) error {
	var ps Problems
	what := func() string {
		if n := v.Name.Get(""); n != "" {
			return fmt.Sprintf("view %q", short(n))
		}
		return "view " + v.ID
	}
	checkID(&ps, "", v.ID)
	if v.Name.Empty() {
		ps.add("", "name is empty")
	}
	checkText(&ps, "", "name", v.Name, 500)
	for _, k := range v.Kinds {
		if !kindExists(k) {
			ps.add("", "unknown kind %q", k)
		}
	}
	for _, c := range v.Concepts {
		if !conceptExists(c) {
			ps.add("", "refers to a missing concept %q", c)
		}
	}
	if v.Focus != "" && !conceptExists(v.Focus) {
		ps.add("", "focus is a missing concept %q", v.Focus)
	}
	if v.Depth < 0 || v.Depth > 100 {
		ps.add("", "depth %d is out of range 0..100", v.Depth)
	}
	if v.Layout.Engine != "" && !slices.Contains(Engines, v.Layout.Engine) {
		ps.add("", "unknown layout engine %q (known: %s)", v.Layout.Engine, strings.Join(Engines, ", "))
	}
	if v.Layout.Direction != "" && !slices.Contains(Directions, v.Layout.Direction) {
		ps.add("", "unknown direction %q (known: %s)", v.Layout.Direction, strings.Join(Directions, ", "))
	}
	return ps.named(what)
}

// Validate checks a whole project: every entity and every reference between them.
func (p *Project) Validate() error {
	var ps Problems
	kinds := make(map[string]bool, len(p.Kinds))
	concepts := make(map[string]bool, len(p.Concepts))
	relations := make(map[string]bool, len(p.Relations))
	sources := make(map[string]bool, len(p.Sources))
	seen := make(map[string]string, len(p.Concepts)+len(p.Relations)+len(p.Sources)+len(p.Citations)+len(p.Views))
	dup := func(id, what string) {
		if prev, ok := seen[id]; ok {
			ps.add(what, "id %s is used twice (also by a %s)", id, prev)
		}
		seen[id] = what
	}
	collect := func(err error) {
		var more Problems
		if errors.As(err, &more) {
			ps = append(ps, more...)
		}
	}
	if p.Meta.Language != Arabic && p.Meta.Language != English {
		ps.add("project", "primary language %q must be \"ar\" or \"en\"", p.Meta.Language)
	}
	for _, k := range p.Kinds {
		if kinds[k.ID] {
			ps.add(fmt.Sprintf("kind %q", k.ID), "defined twice")
		}
		kinds[k.ID] = true
		collect(ValidateKind(k))
	}
	for _, c := range p.Concepts {
		dup(c.ID, "concept")
		concepts[c.ID] = true
	}
	for _, r := range p.Relations {
		dup(r.ID, "relation")
		relations[r.ID] = true
	}
	for _, s := range p.Sources {
		dup(s.ID, "source")
		sources[s.ID] = true
	}
	for _, c := range p.Citations {
		dup(c.ID, "citation")
	}
	views := make(map[string]bool, len(p.Views))
	for _, v := range p.Views {
		dup(v.ID, "view")
		views[v.ID] = true
	}
	for _, x := range p.Positions {
		dup(x.ID, "position")
	}
	has := func(m map[string]bool) func(string) bool { return func(id string) bool { return m[id] } }
	for _, c := range p.Concepts {
		collect(ValidateConcept(c, has(kinds)))
	}
	for _, r := range p.Relations {
		collect(ValidateRelation(r, has(concepts)))
	}
	for _, s := range p.Sources {
		collect(ValidateSource(s))
	}
	for _, c := range p.Citations {
		collect(ValidateCitation(c, has(sources), has(concepts), has(relations)))
	}
	for _, v := range p.Views {
		collect(ValidateView(v, has(kinds), has(concepts)))
	}
	for _, x := range p.Positions {
		collect(ValidatePosition(x, has(concepts), has(views)))
	}
	return ps.Err()
}

func short(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
