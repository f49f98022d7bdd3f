package model

import (
	"slices"
	"time"
)

// Content comparisons: whether putting a record would change anything, and
// whether two copies of a record (in two files being merged) agree. Every
// field is compared explicitly, except the Updated time; texts and lists
// that are nil or empty compare equal, and times compare as instants. The
// tests change each field of each type in turn, so a field added to a type
// and forgotten here fails them.

// Same reports whether k and o hold the same content.
func (k Kind) Same(o Kind) bool {
	return k.ID == o.ID && k.Name.Equal(o.Name) && k.Color == o.Color && k.Shape == o.Shape &&
		k.BuiltIn == o.BuiltIn && k.Order == o.Order
}

// Same reports whether c and o hold the same content (Updated aside).
func (c Concept) Same(o Concept) bool {
	return c.ID == o.ID && c.Kind == o.Kind && c.Label.Equal(o.Label) && c.Description.Equal(o.Description) &&
		c.Notes == o.Notes && sameTime(c.Created, o.Created)
}

// Same reports whether r and o hold the same content (Updated aside).
func (r Relation) Same(o Relation) bool {
	return r.ID == o.ID && r.From == o.From && r.To == o.To && r.Type == o.Type && r.Phrase.Equal(o.Phrase) &&
		r.Notes == o.Notes && sameTime(r.Created, o.Created)
}

// Same reports whether s and o hold the same content (Updated aside).
func (s Source) Same(o Source) bool {
	return s.ID == o.ID && s.Key == o.Key && s.Type == o.Type && slices.Equal(s.Authors, o.Authors) &&
		slices.Equal(s.Editors, o.Editors) && s.Issued == o.Issued && s.Title == o.Title &&
		s.ContainerTitle == o.ContainerTitle && s.Publisher == o.Publisher && s.PublisherPlace == o.PublisherPlace &&
		s.Volume == o.Volume && s.Issue == o.Issue && s.Pages == o.Pages && s.Number == o.Number &&
		s.DOI == o.DOI && s.URL == o.URL && s.Language == o.Language && s.Accessed == o.Accessed &&
		s.Note == o.Note && sameTime(s.Created, o.Created)
}

// Same reports whether c and o hold the same content (Updated aside).
func (c Citation) Same(o Citation) bool {
	return c.ID == o.ID && c.Source == o.Source && c.Concept == o.Concept && c.Relation == o.Relation &&
		c.Locator == o.Locator && c.Quote == o.Quote && c.Note == o.Note && sameTime(c.Created, o.Created)
}

// Same reports whether v and o hold the same content (Updated aside).
func (v View) Same(o View) bool {
	return v.ID == o.ID && v.Name.Equal(o.Name) && v.Description.Equal(o.Description) &&
		slices.Equal(v.Concepts, o.Concepts) && slices.Equal(v.Kinds, o.Kinds) && v.Focus == o.Focus &&
		v.Depth == o.Depth && v.Layout == o.Layout && sameTime(v.Created, o.Created)
}

// Same reports whether m and o hold the same content.
func (m Meta) Same(o Meta) bool {
	return m.Title.Equal(o.Title) && m.Description.Equal(o.Description) && m.Language == o.Language
}

// SameEntity reports whether a and b are records of the same type with the
// same content (see the Same methods); two nils are the same.
func SameEntity(a, b Entity) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case Kind:
		y, ok := b.(Kind)
		return ok && x.Same(y)
	case Concept:
		y, ok := b.(Concept)
		return ok && x.Same(y)
	case Relation:
		y, ok := b.(Relation)
		return ok && x.Same(y)
	case Source:
		y, ok := b.(Source)
		return ok && x.Same(y)
	case Citation:
		y, ok := b.(Citation)
		return ok && x.Same(y)
	case View:
		y, ok := b.(View)
		return ok && x.Same(y)
	case Position:
		y, ok := b.(Position)
		return ok && x.Same(y)
	case Meta:
		y, ok := b.(Meta)
		return ok && x.Same(y)
	}
	return false
}

func sameTime(a, b time.Time) bool { return a.Equal(b) }
