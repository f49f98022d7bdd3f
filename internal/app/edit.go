package app

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// EntityKind names a kind of entity an edit touches.
type EntityKind int

// Entity kinds, in the order their puts must run (a relation needs its
// concepts, a citation its source and target, a view its kinds and concepts).
const (
	MetaEntity EntityKind = iota
	KindEntity
	SourceEntity
	ConceptEntity
	RelationEntity
	CitationEntity
	ViewEntity
)

// Ref names one entity.
type Ref struct {
	Kind EntityKind
	ID   string
}

// Change is one committed edit: the state of every entity it touched before
// and after. Undo puts the before-state back, redo the after-state, each in
// one transaction. A nil state means the entity did not exist.
type Change struct {
	// Name describes the edit for menus ("Undo: delete concept").
	Name   string
	refs   []Ref
	before map[Ref]any
	after  map[Ref]any
}

// Refs lists what the change touched.
func (c *Change) Refs() []Ref { return append([]Ref(nil), c.refs...) }

// op is one step of an edit: put an entity, or delete one.
type op struct {
	put any // model.Kind, Source, Concept, Relation, Citation, View or Meta
	del Ref
}

func refOf(v any) Ref {
	switch x := v.(type) {
	case model.Meta:
		return Ref{MetaEntity, ""}
	case model.Kind:
		return Ref{KindEntity, x.ID}
	case model.Source:
		return Ref{SourceEntity, x.ID}
	case model.Concept:
		return Ref{ConceptEntity, x.ID}
	case model.Relation:
		return Ref{RelationEntity, x.ID}
	case model.Citation:
		return Ref{CitationEntity, x.ID}
	case model.View:
		return Ref{ViewEntity, x.ID}
	}
	panic(fmt.Sprintf("app: not an entity: %T", v))
}

// current returns the entity r names in the in-memory project, or nil.
func (s *Session) current(r Ref) any {
	switch r.Kind {
	case MetaEntity:
		return s.proj.Meta
	case KindEntity:
		if k, ok := s.ix.Kinds[r.ID]; ok {
			return *k
		}
	case SourceEntity:
		if x, ok := s.ix.Sources[r.ID]; ok {
			return *x
		}
	case ConceptEntity:
		if x, ok := s.ix.Concepts[r.ID]; ok {
			return *x
		}
	case RelationEntity:
		if x, ok := s.ix.Relations[r.ID]; ok {
			return *x
		}
	case CitationEntity:
		if i, ok := s.cites[r.ID]; ok {
			return s.proj.Citations[i]
		}
	case ViewEntity:
		if x, ok := s.ix.Views[r.ID]; ok {
			return *x
		}
	}
	return nil
}

// cascade lists what deleting r also deletes or changes in the store (see
// store.Tx.Delete*): a concept's relations and citations and the views that
// name it; a relation's citations; a source's citations; the views that
// list a kind.
func (s *Session) cascade(r Ref) []Ref {
	var out []Ref
	cites := func(target string) {
		for _, i := range s.ix.CitationsOf[target] {
			out = append(out, Ref{CitationEntity, s.proj.Citations[i].ID})
		}
	}
	switch r.Kind {
	case ConceptEntity:
		rels := append(append([]string(nil), s.ix.Out[r.ID]...), s.ix.In[r.ID]...)
		for _, id := range rels {
			out = append(out, Ref{RelationEntity, id})
			cites(id)
		}
		cites(r.ID)
		for _, v := range s.proj.Views {
			if v.Focus == r.ID || contains(v.Concepts, r.ID) {
				out = append(out, Ref{ViewEntity, v.ID})
			}
		}
	case RelationEntity:
		cites(r.ID)
	case SourceEntity:
		for _, c := range s.proj.Citations {
			if c.Source == r.ID {
				out = append(out, Ref{CitationEntity, c.ID})
			}
		}
	case KindEntity:
		for _, v := range s.proj.Views {
			if contains(v.Kinds, r.ID) {
				out = append(out, Ref{ViewEntity, v.ID})
			}
		}
	}
	return out
}

func contains(list []string, id string) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

// read returns the entity r names as the transaction sees it, or nil.
func read(tx *store.Tx, r Ref) (any, error) {
	var v any
	var err error
	switch r.Kind {
	case MetaEntity:
		v, err = tx.Meta()
	case KindEntity:
		v, err = tx.Kind(r.ID)
	case SourceEntity:
		v, err = tx.Source(r.ID)
	case ConceptEntity:
		v, err = tx.Concept(r.ID)
	case RelationEntity:
		v, err = tx.Relation(r.ID)
	case CitationEntity:
		v, err = tx.Citation(r.ID)
	case ViewEntity:
		v, err = tx.View(r.ID)
	}
	if errors.Is(err, store.ErrNoSuchItem) {
		return nil, nil
	}
	return v, err
}

func put(tx *store.Tx, v any) error {
	switch x := v.(type) {
	case model.Meta:
		return tx.SetMeta(x)
	case model.Kind:
		return tx.PutKind(x)
	case model.Source:
		return tx.PutSource(x)
	case model.Concept:
		return tx.PutConcept(x)
	case model.Relation:
		return tx.PutRelation(x)
	case model.Citation:
		return tx.PutCitation(x)
	case model.View:
		return tx.PutView(x)
	}
	return fmt.Errorf("app: cannot put %T", v)
}

func del(tx *store.Tx, r Ref) error {
	switch r.Kind {
	case KindEntity:
		return tx.DeleteKind(r.ID)
	case SourceEntity:
		return tx.DeleteSource(r.ID)
	case ConceptEntity:
		return tx.DeleteConcept(r.ID)
	case RelationEntity:
		return tx.DeleteRelation(r.ID)
	case CitationEntity:
		return tx.DeleteCitation(r.ID)
	case ViewEntity:
		return tx.DeleteView(r.ID)
	}
	return fmt.Errorf("app: cannot delete %v", r)
}

// update runs fn in one store transaction with the file stamp held, so the
// watcher does not mistake our own write for another program's.
func (s *Session) update(fn func(tx *store.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.st.Update(fn)
	if st, serr := statFile(s.Path()); serr == nil {
		s.stamp = st
	}
	return err
}

// apply runs an edit's steps in one transaction and records it for undo.
func (s *Session) apply(name string, ops ...op) error {
	var refs []Ref
	seen := map[Ref]bool{}
	add := func(r Ref) {
		if !seen[r] {
			seen[r] = true
			refs = append(refs, r)
		}
	}
	for _, o := range ops {
		if o.put != nil {
			add(refOf(o.put))
		} else {
			add(o.del)
			for _, c := range s.cascade(o.del) {
				add(c)
			}
		}
	}
	ch := &Change{Name: name, refs: refs, before: map[Ref]any{}, after: map[Ref]any{}}
	for _, r := range refs {
		ch.before[r] = s.current(r)
	}
	err := s.update(func(tx *store.Tx) error {
		for _, o := range ops {
			var err error
			if o.put != nil {
				err = put(tx, o.put)
			} else {
				err = del(tx, o.del)
			}
			if err != nil {
				return err
			}
		}
		for _, r := range refs {
			v, err := read(tx, r)
			if err != nil {
				return err
			}
			ch.after[r] = v
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	s.install(ch.refs, ch.after)
	s.undo = append(s.undo, ch)
	s.redo = nil
	s.notify(Event{Kind: Edited, Change: ch})
	return nil
}

// setState makes the store hold exactly the given state of the refs: it
// deletes what should be absent (dependents first) and puts the rest
// (dependencies first), all in one transaction.
func (s *Session) setState(refs []Ref, state map[Ref]any) error {
	sorted := append([]Ref(nil), refs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Kind < sorted[j].Kind })
	return s.update(func(tx *store.Tx) error {
		for i := len(sorted) - 1; i >= 0; i-- {
			r := sorted[i]
			if state[r] != nil {
				continue
			}
			if v, err := read(tx, r); err != nil {
				return err
			} else if v == nil {
				continue // already gone (e.g. by a cascade)
			}
			if err := del(tx, r); err != nil {
				return err
			}
		}
		for _, r := range sorted {
			if v := state[r]; v != nil {
				if err := put(tx, v); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// install copies a state into the in-memory project and rebuilds the index.
func (s *Session) install(refs []Ref, state map[Ref]any) {
	p := s.proj
	for _, r := range refs {
		v := state[r]
		switch r.Kind {
		case MetaEntity:
			if v != nil {
				p.Meta = v.(model.Meta)
			}
		case KindEntity:
			p.Kinds = setIn(p.Kinds, r.ID, v, func(k model.Kind) string { return k.ID })
			sort.SliceStable(p.Kinds, func(i, j int) bool {
				if p.Kinds[i].Order != p.Kinds[j].Order {
					return p.Kinds[i].Order < p.Kinds[j].Order
				}
				return p.Kinds[i].ID < p.Kinds[j].ID
			})
		case SourceEntity:
			p.Sources = setIn(p.Sources, r.ID, v, func(x model.Source) string { return x.ID })
		case ConceptEntity:
			p.Concepts = setIn(p.Concepts, r.ID, v, func(x model.Concept) string { return x.ID })
		case RelationEntity:
			p.Relations = setIn(p.Relations, r.ID, v, func(x model.Relation) string { return x.ID })
		case CitationEntity:
			p.Citations = setIn(p.Citations, r.ID, v, func(x model.Citation) string { return x.ID })
		case ViewEntity:
			p.Views = setIn(p.Views, r.ID, v, func(x model.View) string { return x.ID })
		}
	}
	s.reindex()
}

// setIn replaces, appends or removes the element with the given id.
func setIn[T any](list []T, id string, v any, idOf func(T) string) []T {
	for i := range list {
		if idOf(list[i]) == id {
			if v == nil {
				return append(list[:i:i], list[i+1:]...)
			}
			list[i] = v.(T)
			return list
		}
	}
	if v == nil {
		return list
	}
	return append(list, v.(T))
}

// CanUndo reports whether there is an edit to undo, and its name.
func (s *Session) CanUndo() (string, bool) {
	if len(s.undo) == 0 {
		return "", false
	}
	return s.undo[len(s.undo)-1].Name, true
}

// CanRedo reports whether there is an undone edit to redo, and its name.
func (s *Session) CanRedo() (string, bool) {
	if len(s.redo) == 0 {
		return "", false
	}
	return s.redo[len(s.redo)-1].Name, true
}

// ErrNothingToUndo is returned by Undo and Redo when their stack is empty.
var ErrNothingToUndo = errors.New("nothing to undo or redo")

// Undo reverts the last edit in one transaction.
func (s *Session) Undo() error {
	if len(s.undo) == 0 {
		return ErrNothingToUndo
	}
	ch := s.undo[len(s.undo)-1]
	if err := s.setState(ch.refs, ch.before); err != nil {
		return fmt.Errorf("undo %s: %w", ch.Name, err)
	}
	s.undo = s.undo[:len(s.undo)-1]
	s.redo = append(s.redo, ch)
	s.install(ch.refs, ch.before)
	s.notify(Event{Kind: Undone, Change: ch})
	return nil
}

// Redo applies the last undone edit again in one transaction.
func (s *Session) Redo() error {
	if len(s.redo) == 0 {
		return ErrNothingToUndo
	}
	ch := s.redo[len(s.redo)-1]
	if err := s.setState(ch.refs, ch.after); err != nil {
		return fmt.Errorf("redo %s: %w", ch.Name, err)
	}
	s.redo = s.redo[:len(s.redo)-1]
	s.undo = append(s.undo, ch)
	s.install(ch.refs, ch.after)
	s.notify(Event{Kind: Redone, Change: ch})
	return nil
}

func now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

func stampNew(id *string, created, updated *time.Time) {
	if *id == "" {
		*id = model.NewID()
	}
	t := now()
	if created.IsZero() {
		*created = t
	}
	*updated = t
}
