package model

import "time"

// EntityType names a type of record a project holds. It is the one
// spelling of entity types: the store (tables, tombstones, merge reports),
// the app (edits, undo) and the user interface all use it. Its values are
// stable: they are written in files (tombstones) and merge reports.
type EntityType string

// The entity types, as written in tombstones and merge reports.
const (
	EntityMeta     EntityType = "meta" // the project's title, description and language
	EntityKind     EntityType = "kind"
	EntityConcept  EntityType = "concept"
	EntityRelation EntityType = "relation"
	EntitySource   EntityType = "source"
	EntityCitation EntityType = "citation"
	EntityView     EntityType = "view"
	// EntityPosition is where a view shows a concept (Position).
	EntityPosition EntityType = "position"
)

// EntityTypes lists every entity type in dependency order: a record only
// refers to records of types listed before its own (a relation to
// concepts, a citation to a source and a concept or relation, a view to
// kinds and concepts, a position to a concept and a view). Puts run in
// this order, deletions in reverse.
var EntityTypes = []EntityType{EntityMeta, EntityKind, EntityConcept, EntityRelation, EntitySource, EntityCitation, EntityView, EntityPosition}

// Rank is the type's position in EntityTypes (-1 for an unknown type).
func (t EntityType) Rank() int {
	for i, x := range EntityTypes {
		if x == t {
			return i
		}
	}
	return -1
}

// Valid reports whether t is one of EntityTypes.
func (t EntityType) Valid() bool { return t.Rank() >= 0 }

// Entity is a record of a project: a Kind, Concept, Relation, Source,
// Citation, View, Position or the project's Meta (all as values).
type Entity interface {
	// EntityType says which type of record it is.
	EntityType() EntityType
	// EntityID is the record's id ("" for the project's Meta).
	EntityID() string
	// Modified is the record's Updated time (zero for the Meta).
	Modified() time.Time
}

// EntityType implements Entity.
func (Meta) EntityType() EntityType { return EntityMeta }

// EntityID implements Entity: the project's meta has no id.
func (Meta) EntityID() string { return "" }

// EntityType implements Entity.
func (Kind) EntityType() EntityType { return EntityKind }

// EntityID implements Entity.
func (k Kind) EntityID() string { return k.ID }

// EntityType implements Entity.
func (Concept) EntityType() EntityType { return EntityConcept }

// EntityID implements Entity.
func (c Concept) EntityID() string { return c.ID }

// EntityType implements Entity.
func (Relation) EntityType() EntityType { return EntityRelation }

// EntityID implements Entity.
func (r Relation) EntityID() string { return r.ID }

// EntityType implements Entity.
func (Source) EntityType() EntityType { return EntitySource }

// EntityID implements Entity.
func (s Source) EntityID() string { return s.ID }

// EntityType implements Entity.
func (Citation) EntityType() EntityType { return EntityCitation }

// EntityID implements Entity.
func (c Citation) EntityID() string { return c.ID }

// EntityType implements Entity.
func (View) EntityType() EntityType { return EntityView }

// EntityID implements Entity.
func (v View) EntityID() string { return v.ID }

// Modified implements Entity: the project's meta has no time.
func (Meta) Modified() time.Time { return time.Time{} }

// Modified implements Entity: kinds have no time.
func (Kind) Modified() time.Time { return time.Time{} }

// Modified implements Entity.
func (c Concept) Modified() time.Time { return c.Updated }

// Modified implements Entity.
func (r Relation) Modified() time.Time { return r.Updated }

// Modified implements Entity.
func (s Source) Modified() time.Time { return s.Updated }

// Modified implements Entity.
func (c Citation) Modified() time.Time { return c.Updated }

// Modified implements Entity.
func (v View) Modified() time.Time { return v.Updated }
