package model

import (
	"errors"
	"fmt"
	"strings"
)

// Finding a concept or a view by what a user types: one rule for both, used
// by every command and dialog that takes a name.
//
//  1. the id, exactly;
//  2. else the label (a view's name) equal to the text, in any language;
//  3. else the label equal after Fold (hamza forms, diacritics, taa
//     marbuta, case and spacing do not matter).
//
// The first step that matches decides: one match is the answer, several are
// an *AmbiguousError listing them (name one by its id). A label that only
// contains the text is never taken — a map that grows would silently change
// what a name means — but up to five such labels are suggested when nothing
// matches.

// ErrNotFound is wrapped by FindConcept and FindView when nothing matches.
var ErrNotFound = errors.New("not found")

// Candidate is one of the records an ambiguous or failed look-up names.
type Candidate struct {
	ID    string
	Label string // in the language asked for
	Kind  string // a concept's kind; "" for views
}

// String renders a candidate as "label (kind) id", or "label id" for a view.
func (c Candidate) String() string {
	if c.Kind != "" {
		return fmt.Sprintf("%s (%s) %s", c.Label, c.Kind, c.ID)
	}
	return fmt.Sprintf("%s %s", c.Label, c.ID)
}

// AmbiguousError is returned when a name matches several concepts or views.
type AmbiguousError struct {
	What       string // "concepts" or "views"
	Query      string
	Candidates []Candidate
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q matches %d %s; name one by its id:", e.Query, len(e.Candidates), e.What)
	for _, c := range e.Candidates {
		b.WriteString("\n  " + c.String())
	}
	return b.String()
}

// NotFoundError is returned when nothing has the id or name asked for. It
// wraps ErrNotFound.
type NotFoundError struct {
	What  string // "concept" or "view"
	Query string
	// Near lists up to five records whose folded label contains the query.
	Near []Candidate
	// All lists every view's name when a view was asked for (nil for
	// concepts).
	All []string
}

func (e *NotFoundError) Error() string {
	var b strings.Builder
	if e.What == "view" {
		fmt.Fprintf(&b, "no view named %q", e.Query)
		if len(e.All) == 0 {
			b.WriteString(": the project has no views")
		} else {
			fmt.Fprintf(&b, " (views: %s)", strings.Join(e.All, ", "))
		}
	} else {
		fmt.Fprintf(&b, "no concept has the id or label %q", e.Query)
	}
	if len(e.Near) > 0 {
		b.WriteString("; did you mean:")
		for _, c := range e.Near {
			b.WriteString("\n  " + c.String())
		}
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrNotFound) hold.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// FindConcept returns the concept q names (see the rule above), with labels
// of candidates in lang ("" for the project's language).
func FindConcept(p *Project, q, lang string) (*Concept, error) {
	if lang == "" {
		lang = p.Meta.Language
	}
	i, err := find(strings.TrimSpace(q), "concept", len(p.Concepts),
		func(i int) string { return p.Concepts[i].ID },
		func(i int) Text { return p.Concepts[i].Label },
		func(i int) Candidate {
			c := &p.Concepts[i]
			return Candidate{ID: c.ID, Label: c.Label.Get(lang), Kind: c.Kind}
		}, nil)
	if err != nil {
		return nil, err
	}
	return &p.Concepts[i], nil
}

// FindView returns the view q names (see the rule above), by its id or its
// name in any language.
func FindView(p *Project, q string) (*View, error) {
	lang := p.Meta.Language
	cand := func(i int) Candidate { return Candidate{ID: p.Views[i].ID, Label: p.Views[i].Name.Get(lang)} }
	i, err := find(strings.TrimSpace(q), "view", len(p.Views),
		func(i int) string { return p.Views[i].ID },
		func(i int) Text { return p.Views[i].Name },
		cand, func() []string {
			names := make([]string, len(p.Views))
			for i := range p.Views {
				names[i] = fmt.Sprintf("%q", cand(i).Label)
			}
			return names
		})
	if err != nil {
		return nil, err
	}
	return &p.Views[i], nil
}

// find applies the look-up rule to n records.
func find(q, what string, n int, id func(int) string, label func(int) Text, cand func(int) Candidate, all func() []string) (int, error) {
	if q != "" {
		for i := 0; i < n; i++ {
			if id(i) == q {
				return i, nil
			}
		}
	}
	fq := Fold(q)
	var exact, folded, near []int
	for i := 0; i < n; i++ {
		isExact, isFolded, isNear := false, false, false
		for _, l := range label(i) {
			if l == "" {
				continue
			}
			if strings.TrimSpace(l) == q {
				isExact = true
			}
			switch f := Fold(l); {
			case fq == "":
			case f == fq:
				isFolded = true
			case strings.Contains(f, fq):
				isNear = true
			}
		}
		switch {
		case isExact:
			exact = append(exact, i)
		case isFolded:
			folded = append(folded, i)
		case isNear && len(near) < 5:
			near = append(near, i)
		}
	}
	if q != "" {
		for _, set := range [][]int{exact, append(exact, folded...)} {
			switch {
			case len(set) == 1:
				return set[0], nil
			case len(set) > 1:
				e := &AmbiguousError{What: what + "s", Query: q}
				for _, i := range set {
					e.Candidates = append(e.Candidates, cand(i))
				}
				return -1, e
			}
		}
	}
	e := &NotFoundError{What: what, Query: q}
	for _, i := range near {
		e.Near = append(e.Near, cand(i))
	}
	if all != nil {
		e.All = all()
	}
	return -1, e
}
