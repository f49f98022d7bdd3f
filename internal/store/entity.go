package store

import (
	"fmt"
	"slices"

	"github.com/khareeta/khareeta/internal/model"
)

// Deleting records. What a deletion takes with it is decided by
// model.CascadeOf, over the transaction's own rows (Tx implements
// model.Referrers); the app decides the same over its in-memory copy.

// Delete deletes the record of type t with the given id and what goes with
// it (model.CascadeOf): the dependents are deleted first, each leaving a
// tombstone, and the views that named the record are changed. A kind still
// given to concepts, and a built-in kind, are refused.
func (tx *Tx) Delete(t model.EntityType, id string) error {
	table, ok := tableOf[t]
	if !ok {
		return fmt.Errorf("delete %s %s: not a kind of record that can be deleted", t, id)
	}
	if !tx.exists(table, id) {
		return fmt.Errorf("delete %s %s: %w", t, id, ErrNoSuchItem)
	}
	if t == model.EntityKind {
		k, err := tx.Kind(id)
		if err != nil {
			return err
		}
		if k.BuiltIn {
			return fmt.Errorf("delete kind %q: it is built in", id)
		}
		var n int
		if err := tx.queryRow(`SELECT count(*) FROM concepts WHERE kind = ?`, id).Scan(&n); err != nil {
			return fmt.Errorf("delete kind %q: %w", id, classify(err))
		}
		if n > 0 {
			return fmt.Errorf("delete kind %q: %d concepts still have it; give them another kind first", id, n)
		}
	}
	c, err := model.CascadeOf(t, id, tx)
	if err != nil {
		return err
	}
	for _, x := range c.Positions {
		if err := tx.deleteRow(model.EntityPosition, x); err != nil {
			return err
		}
	}
	for _, x := range c.Citations {
		if err := tx.deleteRow(model.EntityCitation, x); err != nil {
			return err
		}
	}
	for _, x := range c.Relations {
		if err := tx.deleteRow(model.EntityRelation, x); err != nil {
			return err
		}
	}
	if err := tx.deleteRow(t, id); err != nil {
		return err
	}
	for _, v := range c.Views {
		if err := tx.dropFromView(v, id); err != nil {
			return err
		}
	}
	return nil
}

// deleteRow deletes one row, its search entries and leaves its tombstone.
func (tx *Tx) deleteRow(t model.EntityType, id string) error {
	if _, err := tx.exec(`DELETE FROM `+tableOf[t]+` WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete %s %s: %w", t, id, classify(err))
	}
	if indexed(t) {
		if err := tx.unindex(id); err != nil {
			return err
		}
	}
	return tx.tombstone(t, id)
}

// indexed reports whether records of type t have search entries.
func indexed(t model.EntityType) bool {
	return t == model.EntityConcept || t == model.EntitySource || t == model.EntityCitation
}

// DeleteKind deletes a kind that no concept uses; built-in kinds cannot be deleted.
func (tx *Tx) DeleteKind(id string) error { return tx.Delete(model.EntityKind, id) }

// DeleteConcept deletes a concept with its relations and the citations of
// both, and removes it from views.
func (tx *Tx) DeleteConcept(id string) error { return tx.Delete(model.EntityConcept, id) }

// DeleteRelation deletes a relation and its citations.
func (tx *Tx) DeleteRelation(id string) error { return tx.Delete(model.EntityRelation, id) }

// DeleteSource deletes a source and the citations that name it.
func (tx *Tx) DeleteSource(id string) error { return tx.Delete(model.EntitySource, id) }

// DeleteCitation deletes a citation.
func (tx *Tx) DeleteCitation(id string) error { return tx.Delete(model.EntityCitation, id) }

// DeletePosition deletes a position (the concept stays; the view lays it
// out again).
func (tx *Tx) DeletePosition(id string) error { return tx.Delete(model.EntityPosition, id) }

// DeleteView deletes a view and its positions (the concepts it shows stay).
func (tx *Tx) DeleteView(id string) error { return tx.Delete(model.EntityView, id) }

// dropFromView removes a deleted concept or kind from a view that names it.
func (tx *Tx) dropFromView(viewID, id string) error {
	v, err := tx.View(viewID)
	if err != nil {
		return err
	}
	drop := func(x string) bool { return x == id }
	v.Concepts = slices.DeleteFunc(slices.Clone(v.Concepts), drop)
	v.Kinds = slices.DeleteFunc(slices.Clone(v.Kinds), drop)
	if v.Focus == id {
		v.Focus = ""
	}
	v.Updated = tx.now
	return tx.PutView(v)
}

func (tx *Tx) ids(query string, args ...any) ([]string, error) {
	rows, err := tx.tx.Query(query, args...)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, classify(err)
		}
		out = append(out, id)
	}
	return out, classify(rows.Err())
}

// RelationsAt implements model.Referrers: the relations from or to a concept.
func (tx *Tx) RelationsAt(concept string) ([]string, error) {
	return tx.ids(`SELECT id FROM relations WHERE source_id = ?1 OR target_id = ?1 ORDER BY rowid`, concept)
}

// CitationsBacking implements model.Referrers: the citations of a concept or relation.
func (tx *Tx) CitationsBacking(target string) ([]string, error) {
	return tx.ids(`SELECT id FROM citations WHERE concept_id = ?1 OR relation_id = ?1 ORDER BY rowid`, target)
}

// CitationsFrom implements model.Referrers: the citations of a source.
func (tx *Tx) CitationsFrom(source string) ([]string, error) {
	return tx.ids(`SELECT id FROM citations WHERE source_id = ? ORDER BY rowid`, source)
}

// ViewsNaming implements model.Referrers: the views that name a concept
// (listed or as focus) or list a kind.
func (tx *Tx) ViewsNaming(t model.EntityType, id string) ([]string, error) {
	switch t {
	case model.EntityConcept:
		return tx.ids(`SELECT id FROM views WHERE focus = ?1 OR EXISTS (SELECT 1 FROM json_each(views.concepts) WHERE value = ?1) ORDER BY position, rowid`, id)
	case model.EntityKind:
		return tx.ids(`SELECT id FROM views WHERE EXISTS (SELECT 1 FROM json_each(views.kinds) WHERE value = ?1) ORDER BY position, rowid`, id)
	}
	return nil, nil
}

// PositionsOf implements model.Referrers: the positions of a concept (on
// every view) or of a view.
func (tx *Tx) PositionsOf(t model.EntityType, id string) ([]string, error) {
	switch t {
	case model.EntityConcept:
		return tx.ids(`SELECT id FROM positions WHERE concept_id = ? ORDER BY rowid`, id)
	case model.EntityView:
		return tx.ids(`SELECT id FROM positions WHERE view_id = ? ORDER BY rowid`, id)
	}
	return nil, nil
}

// Put inserts or updates any record: a model.Kind, Concept, Relation,
// Source, Citation, View, Position or the project's model.Meta (as values).
func (tx *Tx) Put(e model.Entity) error {
	switch x := e.(type) {
	case model.Meta:
		return tx.SetMeta(x)
	case model.Kind:
		return tx.PutKind(x)
	case model.Concept:
		return tx.PutConcept(x)
	case model.Relation:
		return tx.PutRelation(x)
	case model.Source:
		return tx.PutSource(x)
	case model.Citation:
		return tx.PutCitation(x)
	case model.View:
		return tx.PutView(x)
	case model.Position:
		return tx.PutPosition(x)
	}
	return fmt.Errorf("save %T: not a record of a project", e)
}

// Get returns the record of type t with the given id (the id is ignored for
// model.EntityMeta) as a value; ErrNoSuchItem when there is none.
func (tx *Tx) Get(t model.EntityType, id string) (model.Entity, error) {
	var e model.Entity
	var err error
	switch t {
	case model.EntityMeta:
		e, err = tx.Meta()
	case model.EntityKind:
		e, err = tx.Kind(id)
	case model.EntityConcept:
		e, err = tx.Concept(id)
	case model.EntityRelation:
		e, err = tx.Relation(id)
	case model.EntitySource:
		e, err = tx.Source(id)
	case model.EntityCitation:
		e, err = tx.Citation(id)
	case model.EntityView:
		e, err = tx.View(id)
	case model.EntityPosition:
		e, err = tx.Position(id)
	default:
		return nil, fmt.Errorf("read %s %s: unknown entity type", t, id)
	}
	if err != nil {
		return nil, err
	}
	return e, nil
}
