package analysis

import (
	"errors"
	"fmt"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// ErrNotFound is wrapped by Resolve and ResolveView when nothing matches.
var ErrNotFound = errors.New("not found")

// notFound is an error that says what was looked for and wraps ErrNotFound
// without repeating it in the message.
type notFound struct{ msg string }

func (e notFound) Error() string { return e.msg }
func (e notFound) Unwrap() error { return ErrNotFound }

// AmbiguousError is returned when a label matches several concepts or views.
type AmbiguousError struct {
	Query      string
	Candidates []Ref
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q matches %d concepts; name one by its id:", e.Query, len(e.Candidates))
	for _, c := range e.Candidates {
		fmt.Fprintf(&b, "\n  %s (%s) %s", c.Label, c.Kind, c.ID)
	}
	return b.String()
}

// Resolve finds the concept that q names: the concept whose id is q, else
// the one whose label, in any language, equals q after model.Fold. Several
// matching concepts give an *AmbiguousError listing them (labels in lang);
// none gives an error wrapping ErrNotFound that suggests up to five concepts
// whose folded label contains q.
func Resolve(p *model.Project, q, lang string) (*model.Concept, error) {
	return newResolver(p, lang).resolve(q)
}

// resolver folds the labels of a project once, on first need, for several
// look-ups.
type resolver struct {
	p      *model.Project
	lang   string
	folded [][]string // folded labels by concept index
}

func newResolver(p *model.Project, lang string) *resolver {
	if lang == "" {
		lang = p.Meta.Language
	}
	return &resolver{p: p, lang: lang}
}

func (rs *resolver) resolve(q string) (*model.Concept, error) {
	p := rs.p
	q = strings.TrimSpace(q)
	for i := range p.Concepts {
		if p.Concepts[i].ID == q {
			return &p.Concepts[i], nil
		}
	}
	fq := model.Fold(q)
	if fq == "" {
		return nil, notFound{"empty concept name"}
	}
	if rs.folded == nil {
		rs.folded = make([][]string, len(p.Concepts))
		for i := range p.Concepts {
			for _, l := range p.Concepts[i].Label {
				if l != "" {
					rs.folded[i] = append(rs.folded[i], model.Fold(l))
				}
			}
		}
	}
	var exact, near []*model.Concept
	for i := range p.Concepts {
		c := &p.Concepts[i]
		match, contains := false, false
		for _, fl := range rs.folded[i] {
			if fl == fq {
				match = true
				break
			}
			if strings.Contains(fl, fq) {
				contains = true
			}
		}
		if match {
			exact = append(exact, c)
		} else if contains && len(near) < 5 {
			near = append(near, c)
		}
	}
	ref := func(c *model.Concept) Ref { return Ref{ID: c.ID, Label: c.Label.Get(rs.lang), Kind: c.Kind} }
	switch len(exact) {
	case 1:
		return exact[0], nil
	case 0:
		msg := fmt.Sprintf("no concept has the id or label %q", q)
		if len(near) > 0 {
			var s []string
			for _, c := range near {
				r := ref(c)
				s = append(s, fmt.Sprintf("%s (%s) %s", r.Label, r.Kind, r.ID))
			}
			msg += "; did you mean:\n  " + strings.Join(s, "\n  ")
		}
		return nil, notFound{msg}
	}
	e := &AmbiguousError{Query: q}
	for _, c := range exact {
		e.Candidates = append(e.Candidates, ref(c))
	}
	return nil, e
}

// ResolveView finds the view that q names: by id, else by its name in any
// language after model.Fold. Several matches or none are errors.
func ResolveView(p *model.Project, q string) (*model.View, error) {
	q = strings.TrimSpace(q)
	for i := range p.Views {
		if p.Views[i].ID == q {
			return &p.Views[i], nil
		}
	}
	fq := model.Fold(q)
	var found []*model.View
	for i := range p.Views {
		for _, n := range p.Views[i].Name {
			if n != "" && model.Fold(n) == fq {
				found = append(found, &p.Views[i])
				break
			}
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		var names []string
		for _, v := range p.Views {
			names = append(names, v.Name.Get(p.Meta.Language))
		}
		return nil, notFound{fmt.Sprintf("no view has the id or name %q (views: %s)", q, strings.Join(names, ", "))}
	}
	var s []string
	for _, v := range found {
		s = append(s, fmt.Sprintf("%s %s", v.Name.Get(p.Meta.Language), v.ID))
	}
	return nil, fmt.Errorf("%q matches %d views; name one by its id: %s", q, len(found), strings.Join(s, "; "))
}
