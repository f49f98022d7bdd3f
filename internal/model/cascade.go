package model

import (
	"fmt"
	"slices"
)

// Referrers answers which records refer to a record. The in-memory Index
// and the store's transactions both implement it, so that what a deletion
// takes with it is decided once (CascadeOf) for the file and for the copy a
// program keeps in memory.
type Referrers interface {
	// RelationsAt lists the relations from or to a concept.
	RelationsAt(concept string) ([]string, error)
	// CitationsBacking lists the citations backing a concept or a relation.
	CitationsBacking(target string) ([]string, error)
	// CitationsFrom lists the citations of a source.
	CitationsFrom(source string) ([]string, error)
	// ViewsNaming lists the views that name a concept (in their concepts
	// or as their focus) or a kind (in their kinds).
	ViewsNaming(t EntityType, id string) ([]string, error)
	// PositionsOf lists the positions of a concept (on every view) or of a
	// view.
	PositionsOf(t EntityType, id string) ([]string, error)
}

// Cascade is what deleting a record takes with it.
type Cascade struct {
	// Relations are deleted with a concept (those from or to it).
	Relations []string
	// Citations are deleted: those of a deleted concept, relation or source.
	Citations []string
	// Views are changed: they stop naming a deleted concept or kind.
	Views []string
	// Positions are deleted: those of a deleted concept (on every view) or
	// of a deleted view. They follow their concept and view silently: no
	// one is asked about them.
	Positions []string
}

// CascadeOf decides what deleting the record of type t with the given id
// takes with it: a concept its relations, the citations of both, its place
// in views and its positions; a relation its citations; a source its
// citations; a kind (which no concept may still have) its place in views; a
// view its positions. Citations and positions take nothing. Lists are free
// of duplicates, in the order q gives them.
func CascadeOf(t EntityType, id string, q Referrers) (Cascade, error) {
	var c Cascade
	seen := map[string]bool{}
	add := func(list *[]string, ids []string) {
		for _, x := range ids {
			if !seen[x] {
				seen[x] = true
				*list = append(*list, x)
			}
		}
	}
	cites := func(target string) error {
		ids, err := q.CitationsBacking(target)
		add(&c.Citations, ids)
		return err
	}
	views := func() error {
		ids, err := q.ViewsNaming(t, id)
		add(&c.Views, ids)
		return err
	}
	positions := func() error {
		ids, err := q.PositionsOf(t, id)
		add(&c.Positions, ids)
		return err
	}
	var err error
	switch t {
	case EntityConcept:
		var rels []string
		if rels, err = q.RelationsAt(id); err != nil {
			break
		}
		add(&c.Relations, rels)
		for _, r := range c.Relations {
			if err = cites(r); err != nil {
				break
			}
		}
		if err == nil {
			err = cites(id)
		}
		if err == nil {
			err = views()
		}
		if err == nil {
			err = positions()
		}
	case EntityRelation:
		err = cites(id)
	case EntitySource:
		var ids []string
		ids, err = q.CitationsFrom(id)
		add(&c.Citations, ids)
	case EntityKind:
		err = views()
	case EntityView:
		err = positions()
	case EntityCitation, EntityPosition:
	default:
		err = fmt.Errorf("delete %s %s: not a kind of record that can be deleted", t, id)
	}
	if err != nil {
		return Cascade{}, err
	}
	return c, nil
}

// RelationsAt implements Referrers over the index.
func (ix *Index) RelationsAt(concept string) ([]string, error) {
	return append(append([]string(nil), ix.Out[concept]...), ix.In[concept]...), nil
}

// CitationsBacking implements Referrers over the index.
func (ix *Index) CitationsBacking(target string) ([]string, error) {
	var out []string
	for _, i := range ix.CitationsOf[target] {
		out = append(out, ix.project.Citations[i].ID)
	}
	return out, nil
}

// CitationsFrom implements Referrers over the index.
func (ix *Index) CitationsFrom(source string) ([]string, error) {
	var out []string
	for _, c := range ix.project.Citations {
		if c.Source == source {
			out = append(out, c.ID)
		}
	}
	return out, nil
}

// ViewsNaming implements Referrers over the index.
func (ix *Index) ViewsNaming(t EntityType, id string) ([]string, error) {
	var out []string
	for _, v := range ix.project.Views {
		if (t == EntityConcept && (v.Focus == id || slices.Contains(v.Concepts, id))) || (t == EntityKind && slices.Contains(v.Kinds, id)) {
			out = append(out, v.ID)
		}
	}
	return out, nil
}
