package app

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// EntityKind is model.EntityType, under the name the user interface uses.
type EntityKind = model.EntityType

// Entity types, as the user interface spells them (see model.EntityType).
const (
	MetaEntity     = model.EntityMeta
	KindEntity     = model.EntityKind
	SourceEntity   = model.EntitySource
	ConceptEntity  = model.EntityConcept
	RelationEntity = model.EntityRelation
	CitationEntity = model.EntityCitation
	ViewEntity     = model.EntityView
	PositionEntity = model.EntityPosition
)

// Ref names one entity (the project's meta has the id "").
type Ref struct {
	Kind EntityKind
	ID   string
}

// Change is one committed edit: the state of every entity it touched before
// and after. Undo puts the before-state back, redo the after-state, each in
// one transaction, and each only while nobody else has changed those
// entities since (a *ConflictError otherwise). A nil state means the entity
// did not exist.
type Change struct {
	// Name describes the edit for menus ("Undo: delete concept").
	Name   string
	refs   []Ref
	before map[Ref]model.Entity
	after  map[Ref]model.Entity
	// vers holds the versions the file has for refs in the state this
	// change left it in (after-state once applied or redone, before-state
	// once undone): anything else means someone else changed them since.
	vers map[Ref]string
}

// Refs lists what the change touched.
func (c *Change) Refs() []Ref { return append([]Ref(nil), c.refs...) }

// op is one step of an edit: put an entity, or delete one.
type op struct {
	put model.Entity
	del Ref
}

func refOf(e model.Entity) Ref { return Ref{e.EntityType(), e.EntityID()} }

// vkey is the key of a ref in the session's version map (store.Versions's).
func vkey(r Ref) string {
	if r.Kind == MetaEntity {
		return store.MetaID
	}
	return r.ID
}

// ConflictError is returned by an edit (or undo, redo) that would overwrite
// what someone else changed since the session read it, or since the editor
// started from it (the base version passed to Save*): nothing was written.
// Mine is the state the edit would have written (nil: a deletion), Theirs
// the state in the file now (nil: deleted there). To keep Mine anyway, save
// it again with Current as the base version.
type ConflictError struct {
	Edit   string // the edit's name (EditChangeConcept …, "undo …")
	Ref    Ref
	Mine   model.Entity
	Theirs model.Entity
	// Base is the version the edit started from; Current the file's.
	Base, Current string
}

func (e *ConflictError) Error() string {
	what := describe(e.Ref, e.Theirs, e.Mine)
	var how string
	switch {
	case e.Theirs == nil:
		how = "was deleted by someone else"
	case e.Base == "":
		how = "was added by someone else"
	default:
		how = "was changed by someone else"
	}
	return fmt.Sprintf("%s: %s %s since you started; nothing was saved", e.Edit, what, how)
}

// Unwrap makes errors.Is(err, store.ErrConflict) hold.
func (e *ConflictError) Unwrap() error { return store.ErrConflict }

// describe names an entity for messages: its type and label (the first
// state that has one).
func describe(r Ref, states ...model.Entity) string {
	if r.Kind == MetaEntity {
		return "the project's title and description"
	}
	for _, st := range states {
		if st != nil && r.Kind != RelationEntity && r.Kind != CitationEntity { // those are named by their ends
			if name := model.Describe(st, "", nil); name != "" {
				return fmt.Sprintf("%s %q", r.Kind, name)
			}
		}
	}
	return string(r.Kind) + " " + r.ID
}

// current returns the entity r names in the in-memory project, or nil.
func (s *Session) current(r Ref) model.Entity {
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
	case PositionEntity:
		if i, ok := s.places[r.ID]; ok {
			return s.proj.Positions[i]
		}
	}
	return nil
}

// cascadeRefs lists what deleting r also deletes or changes (model.CascadeOf
// over q: the session's index, or a transaction for the file's own state).
func cascadeRefs(r Ref, q model.Referrers) ([]Ref, error) {
	c, err := model.CascadeOf(r.Kind, r.ID, q)
	if err != nil {
		return nil, err
	}
	var out []Ref
	for _, id := range c.Relations {
		out = append(out, Ref{RelationEntity, id})
	}
	for _, id := range c.Citations {
		out = append(out, Ref{CitationEntity, id})
	}
	for _, id := range c.Views {
		out = append(out, Ref{ViewEntity, id})
	}
	for _, id := range c.Positions {
		out = append(out, Ref{PositionEntity, id})
	}
	return out, nil
}

// read returns the entity r names as the transaction sees it, or nil.
func read(tx *store.Tx, r Ref) (model.Entity, error) {
	v, err := tx.Get(r.Kind, r.ID)
	if errors.Is(err, store.ErrNoSuchItem) {
		return nil, nil
	}
	return v, err
}

// versionsOf reads the file's versions of refs in the transaction.
func versionsOf(tx *store.Tx, refs []Ref) (map[Ref]string, error) {
	out := make(map[Ref]string, len(refs))
	for _, r := range refs {
		v, err := tx.VersionOf(r.Kind, r.ID)
		if err != nil {
			return nil, err
		}
		out[r] = v
	}
	return out, nil
}

// expect returns a *ConflictError unless r has version base in the file.
func expect(tx *store.Tx, edit string, r Ref, base string, mine model.Entity) error {
	cur, err := tx.VersionOf(r.Kind, r.ID)
	if err != nil || cur == base {
		return err
	}
	theirs, err := read(tx, r)
	if err != nil {
		return err
	}
	return &ConflictError{Edit: edit, Ref: r, Mine: mine, Theirs: theirs, Base: base, Current: cur}
}

// apply runs an edit's steps in one transaction and records it for undo.
// Every entity it touches is read in that transaction (what a deletion
// takes with it too), and must still have the version the session shows
// (or, for the entities in bases, the version an editor started from):
// otherwise someone else changed it, and apply returns a *ConflictError
// without writing anything. Views that only lose a deleted concept or kind
// are changed from their state in the transaction.
func (s *Session) apply(name string, ops ...op) error { return s.applyFrom(name, nil, ops...) }

func (s *Session) applyFrom(name string, bases map[Ref]string, ops ...op) error {
	return s.applyAs(Edited, name, bases, ops...)
}

// applyAs is apply for an edit (kind Edited: an undo step) or a change
// that is none (Arranged).
func (s *Session) applyAs(kind EventKind, name string, bases map[Ref]string, ops ...op) error {
	var ch *Change
	foreign, err := s.update(func(tx *store.Tx) error {
		ch = &Change{Name: name, before: map[Ref]model.Entity{}, after: map[Ref]model.Entity{}}
		seen := map[Ref]bool{}
		mine := map[Ref]model.Entity{}
		checked := map[Ref]bool{}
		add := func(r Ref, check bool) {
			if !seen[r] {
				seen[r] = true
				ch.refs = append(ch.refs, r)
			}
			checked[r] = checked[r] || check
		}
		for _, o := range ops {
			if o.put != nil {
				r := refOf(o.put)
				add(r, true)
				mine[r] = o.put
				continue
			}
			add(o.del, true)
			deps, err := cascadeRefs(o.del, tx)
			if err != nil {
				return err
			}
			for _, d := range deps {
				// Views only lose the id, and positions follow their concept
				// or view: both are taken as they are now.
				add(d, d.Kind != ViewEntity && d.Kind != PositionEntity)
			}
		}
		for _, r := range ch.refs {
			if checked[r] {
				base, ok := bases[r]
				if !ok {
					base = s.vers[vkey(r)]
				}
				if err := expect(tx, name, r, base, mine[r]); err != nil {
					return err
				}
			}
			v, err := read(tx, r)
			if err != nil {
				return err
			}
			ch.before[r] = v
		}
		for _, o := range ops {
			var err error
			if o.put != nil {
				err = tx.Put(o.put)
			} else {
				err = tx.Delete(o.del.Kind, o.del.ID)
			}
			if err != nil {
				return err
			}
		}
		return ch.readAfter(tx)
	})
	if err != nil {
		return s.failed(name, foreign, err)
	}
	s.committed(ch, foreign, kind)
	return nil
}

// readAfter reads, in the transaction that wrote them, the states and
// versions the change leaves its refs in.
func (ch *Change) readAfter(tx *store.Tx) error {
	for _, r := range ch.refs {
		v, err := read(tx, r)
		if err != nil {
			return err
		}
		ch.after[r] = v
	}
	var err error
	ch.vers, err = versionsOf(tx, ch.refs)
	return err
}

// failed finishes an edit that wrote nothing: when the file had changed
// underneath, the session reads it again so that it shows what is there.
func (s *Session) failed(name string, foreign bool, err error) error {
	if foreign {
		if rerr := s.reload(nil); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	var ce *ConflictError
	if errors.As(err, &ce) {
		return err // it names the edit already
	}
	return fmt.Errorf("%s: %w", name, err)
}

// committed records a committed change: in the in-memory project, or, when
// another program had changed the file too, by reading it again (the
// change stays undoable: undo checks versions).
func (s *Session) committed(ch *Change, foreign bool, kind EventKind) {
	for r, v := range ch.vers {
		s.setVersion(r, v)
	}
	// The versions written are those the other changes on the stacks left
	// too, when they touch the same entities.
	for _, stack := range [][]*Change{s.undo, s.redo} {
		for _, c := range stack {
			if c == ch {
				continue
			}
			for r, v := range ch.vers {
				if _, ok := c.vers[r]; ok {
					c.vers[r] = v
				}
			}
		}
	}
	switch kind {
	case Edited:
		s.undo = append(s.undo, ch)
		s.redo = nil
	case Undone:
		s.undo = s.undo[:len(s.undo)-1]
		s.redo = append(s.redo, ch)
	case Redone:
		s.redo = s.redo[:len(s.redo)-1]
		s.undo = append(s.undo, ch)
	}
	if foreign {
		if err := s.reload(ch); err == nil {
			return
		}
	}
	state := ch.after
	if kind == Undone {
		state = ch.before
	}
	s.install(ch.refs, state)
	s.notify(Event{Kind: kind, Change: ch})
}

func (s *Session) setVersion(r Ref, v string) {
	if v == "" {
		delete(s.vers, vkey(r))
	} else {
		s.vers[vkey(r)] = v
	}
}

// setState makes the file hold exactly the given state of ch's refs, in the
// transaction: it deletes what should be absent (dependents first) and puts
// the rest (dependencies first). Every ref must still have the version ch
// left it in, and a deletion may not take anything ch does not name (a
// relation someone else added to a concept being removed): otherwise a
// *ConflictError.
func setState(tx *store.Tx, edit string, ch *Change, state map[Ref]model.Entity) error {
	named := map[Ref]bool{}
	for _, r := range ch.refs {
		named[r] = true
		if err := expect(tx, edit, r, ch.vers[r], state[r]); err != nil {
			return err
		}
	}
	sorted := append([]Ref(nil), ch.refs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Kind.Rank() < sorted[j].Kind.Rank() })
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
		deps, err := cascadeRefs(r, tx)
		if err != nil {
			return err
		}
		for _, d := range deps {
			if !named[d] && d.Kind != ViewEntity && d.Kind != PositionEntity {
				theirs, err := read(tx, d)
				if err != nil {
					return err
				}
				cur, _ := tx.VersionOf(d.Kind, d.ID)
				return &ConflictError{Edit: edit, Ref: d, Theirs: theirs, Current: cur}
			}
		}
		if err := tx.Delete(r.Kind, r.ID); err != nil {
			return err
		}
	}
	for _, r := range sorted {
		if v := state[r]; v != nil {
			if err := tx.Put(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// install copies a state into the in-memory project and rebuilds the index.
func (s *Session) install(refs []Ref, state map[Ref]model.Entity) {
	p := s.proj
	for _, r := range refs {
		v := state[r]
		switch r.Kind {
		case MetaEntity:
			if v != nil {
				p.Meta = v.(model.Meta)
			}
		case KindEntity:
			p.Kinds = setIn(p.Kinds, r.ID, v, model.Kind.EntityID)
			p.Kinds = model.SortedKinds(p)
		case SourceEntity:
			p.Sources = setIn(p.Sources, r.ID, v, model.Source.EntityID)
		case ConceptEntity:
			p.Concepts = setIn(p.Concepts, r.ID, v, model.Concept.EntityID)
		case RelationEntity:
			p.Relations = setIn(p.Relations, r.ID, v, model.Relation.EntityID)
		case CitationEntity:
			p.Citations = setIn(p.Citations, r.ID, v, model.Citation.EntityID)
		case ViewEntity:
			p.Views = setIn(p.Views, r.ID, v, model.View.EntityID)
		case PositionEntity:
			p.Positions = setIn(p.Positions, r.ID, v, model.Position.EntityID)
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

// Undo reverts the last edit in one transaction. When someone else changed
// what the edit touched since, it returns a *ConflictError and changes
// nothing (the edit stays on the undo stack).
func (s *Session) Undo() error {
	if len(s.undo) == 0 {
		return ErrNothingToUndo
	}
	return s.step(s.undo[len(s.undo)-1], "undo "+s.undo[len(s.undo)-1].Name, Undone)
}

// Redo applies the last undone edit again in one transaction (with the
// same check as Undo).
func (s *Session) Redo() error {
	if len(s.redo) == 0 {
		return ErrNothingToUndo
	}
	return s.step(s.redo[len(s.redo)-1], "redo "+s.redo[len(s.redo)-1].Name, Redone)
}

// step undoes (kind Undone) or redoes (Redone) ch.
func (s *Session) step(ch *Change, name string, kind EventKind) error {
	state := ch.after
	if kind == Undone {
		state = ch.before
	}
	var vers map[Ref]string
	foreign, err := s.update(func(tx *store.Tx) error {
		if err := setState(tx, name, ch, state); err != nil {
			return err
		}
		var err error
		vers, err = versionsOf(tx, ch.refs)
		return err
	})
	if err != nil {
		return s.failed(name, foreign, err)
	}
	ch.vers = vers
	s.committed(ch, foreign, kind)
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
