package app

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/khareeta/khareeta/internal/model"
)

// Positions on maps: where each view (and the map of all concepts, view
// "") shows each concept. These are the use cases the map canvas calls;
// each is one edit (one transaction, one undo step), checked against the
// versions the session shows like every edit (a *ConflictError when
// someone else changed what it touches).
//
// Coordinates are the centre of a concept's box in points (1/72 inch), x to
// the right and y down, on the view's canvas: the coordinates of a layout's
// scene (layout.Scene, Node.Rect.Center). They are stored rounded to a
// hundredth of a point and must be finite and within ±model.MaxCoordinate.

// Edit names of the position use cases (see the Edit* names in commands.go).
const (
	EditMoveConcepts = "move concepts"   // MoveConcepts: placed by hand (pinned)
	EditLayOut       = "lay out"         // StoreLayout: a layout's places for concepts not placed by hand
	EditLayOutAgain  = "lay out again"   // LayOutAgain: every place of the view replaced
	EditClearPlaces  = "clear positions" // ClearPositions
	EditTidy         = "tidy up"         // TidyView: laid out again around the concepts placed by hand
)

// Point is a concept's centre on a map, in points, y down.
type Point struct{ X, Y float64 }

// AllConcepts is the view id of the map of all concepts (the app's "All
// concepts"), which keeps positions like any view.
const AllConcepts = ""

// Positions returns the stored positions of a view (AllConcepts for the map
// of all concepts) by concept id: a copy the caller may keep. Concepts the
// view shows without a position are absent (lay them out, StoreLayout).
func (s *Session) Positions(view string) map[string]model.Position {
	on := s.ix.PositionsOn(view)
	out := make(map[string]model.Position, len(on))
	for id, p := range on {
		out[id] = *p
	}
	return out
}

// Placed returns the stored centres of a view's concepts by concept id (see
// Positions), for drawing.
func (s *Session) Placed(view string) map[string]Point {
	on := s.ix.PositionsOn(view)
	out := make(map[string]Point, len(on))
	for id, p := range on {
		out[id] = Point{p.X, p.Y}
	}
	return out
}

// MoveConcept moves one concept on a view to a place the user chose (see
// MoveConcepts).
func (s *Session) MoveConcept(view, concept string, to Point) error {
	return s.MoveConcepts(view, map[string]Point{concept: to})
}

// MoveConcepts places concepts on a view where the user put them (a drag,
// a nudge, a selection moved together): pinned, so layouts keep them. One
// edit, one undo step.
func (s *Session) MoveConcepts(view string, to map[string]Point) error {
	ops, err := s.placeOps(EditMoveConcepts, view, to, true, nil)
	if err != nil || len(ops) == 0 {
		return err
	}
	return s.apply(EditMoveConcepts, ops...)
}

// StoreLayout records the places a layout computed for a view's concepts,
// not pinned. A concept the user placed (pinned) keeps its place; others
// take the layout's. One edit, one undo step; nothing when nothing changes.
func (s *Session) StoreLayout(view string, at map[string]Point) error {
	keep := map[string]bool{}
	for id, p := range s.ix.PositionsOn(view) {
		if p.Pinned {
			keep[id] = true
		}
	}
	ops, err := s.placeOps(EditLayOut, view, at, false, keep)
	if err != nil || len(ops) == 0 {
		return err
	}
	return s.apply(EditLayOut, ops...)
}

// RecordLayout stores the places a drawing gave concepts of a view that
// had no position (DrawnMap.Unstored), not pinned, so that the next
// drawing (after an edit) puts them in the same places without Graphviz.
// Drawing a view is not an edit: no undo step (the event is Arranged), and
// nothing when the session is read-only. Concepts that have a position
// keep it; unknown concepts are skipped.
func (s *Session) RecordLayout(view string, at map[string]Point) error {
	if ro, _ := s.ReadOnly(); ro || len(at) == 0 {
		return nil
	}
	if _, ok := s.ix.Views[view]; view != AllConcepts && !ok {
		return nil // the view was deleted meanwhile
	}
	fresh := make(map[string]Point, len(at))
	for id, p := range at {
		if _, placed := s.ix.Position(view, id); !placed && s.ix.Concepts[id] != nil {
			fresh[id] = p
		}
	}
	ops, err := s.placeOps(EditLayOut, view, fresh, false, nil)
	if err != nil || len(ops) == 0 {
		return err
	}
	return s.applyAs(Arranged, EditLayOut, nil, ops...)
}

// LayOutAgain replaces every place of a view by the places a fresh layout
// computed (not pinned): concepts at names get those, the view's other
// positions are removed. "Lay out again": one edit, one undo step.
func (s *Session) LayOutAgain(view string, at map[string]Point) error {
	ops, err := s.placeOps(EditLayOutAgain, view, at, false, nil)
	if err != nil {
		return err
	}
	ops = append(ops, s.clearOps(view, at)...)
	if len(ops) == 0 {
		return nil
	}
	return s.apply(EditLayOutAgain, ops...)
}

// TidyView lays a view out again with Graphviz (neato) keeping every
// concept the user placed by hand (pinned) where it is: the others get new
// places (not pinned) around them. "Tidy up": one edit, one undo step;
// nothing when nothing moves. ctx bounds the Graphviz run.
func (s *Session) TidyView(ctx context.Context, view string) error {
	a, err := s.PrepareTidy(view)
	if err != nil {
		return err
	}
	if err := a.Run(ctx); err != nil {
		return err
	}
	return a.Apply()
}

// ClearPositions removes every position of a view: it is laid out afresh
// when next shown. One edit, one undo step.
func (s *Session) ClearPositions(view string) error {
	if err := s.checkView(EditClearPlaces, view); err != nil {
		return err
	}
	ops := s.clearOps(view, nil)
	if len(ops) == 0 {
		return nil
	}
	return s.apply(EditClearPlaces, ops...)
}

// AddConceptAt adds a concept and places it on a view where the user
// double-clicked (pinned), in one edit (one transaction, one undo step).
// A view that would not show it (one listing concepts or kinds that do not
// include it) gets it in its concept list. links are added with it: a
// relation whose From or To is empty is given the new concept's id there
// (drag from a concept to empty space, then create). A view with a focus
// shows the new concept only once it is linked within the view's depth.
func (s *Session) AddConceptAt(view string, c model.Concept, at Point, links ...model.Relation) (model.Concept, []model.Relation, error) {
	if err := s.checkView(EditAddConcept, view); err != nil {
		return c, nil, err
	}
	c.Label, c.Description = trimText(c.Label), trimText(c.Description)
	stampNew(&c.ID, &c.Created, &c.Updated)
	ops := []op{{put: c}}
	for i := range links {
		r := &links[i]
		if r.From == "" {
			r.From = c.ID
		}
		if r.To == "" {
			r.To = c.ID
		}
		r.Phrase = trimText(r.Phrase)
		stampNew(&r.ID, &r.Created, &r.Updated)
		ops = append(ops, op{put: *r})
	}
	if view != AllConcepts {
		v := *s.ix.Views[view]
		if !showsKind(v, c.Kind) {
			v.Concepts = append(append([]string(nil), v.Concepts...), c.ID)
			v.Updated = now()
			ops = append(ops, op{put: v})
		}
	}
	p, err := position(EditAddConcept, view, c.ID, at, true)
	if err != nil {
		return c, nil, err
	}
	ops = append(ops, op{put: p})
	if err := s.apply(EditAddConcept, ops...); err != nil {
		return c, nil, err
	}
	saved := make([]model.Relation, len(links))
	for i, r := range links {
		saved[i] = *s.ix.Relations[r.ID]
	}
	return *s.ix.Concepts[c.ID], saved, nil
}

// showsKind reports whether a view shows every concept of a kind without
// naming it (all concepts, or the kind listed, and no focus).
func showsKind(v model.View, kind string) bool {
	if v.Focus != "" {
		return false
	}
	if len(v.Concepts) == 0 && len(v.Kinds) == 0 {
		return true
	}
	for _, k := range v.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// checkView refuses a view the project does not have.
func (s *Session) checkView(edit, view string) error {
	if view == AllConcepts {
		return nil
	}
	if _, ok := s.ix.Views[view]; !ok {
		return fmt.Errorf("%s: no view %s", edit, view)
	}
	return nil
}

// placeOps makes the puts that place concepts on a view, in a stable order
// (by concept id): one per concept whose position would change; skip names
// concepts left as they are.
func (s *Session) placeOps(edit, view string, at map[string]Point, pinned bool, skip map[string]bool) ([]op, error) {
	if err := s.checkView(edit, view); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(at))
	for id := range at {
		if !skip[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	t := now()
	var ops []op
	for _, id := range ids {
		if _, ok := s.ix.Concepts[id]; !ok {
			return nil, fmt.Errorf("%s: no concept %s", edit, id)
		}
		p, err := position(edit, view, id, at[id], pinned)
		if err != nil {
			return nil, err
		}
		if old, ok := s.ix.Position(view, id); ok && old.Same(p) {
			continue
		}
		p.Updated = t
		ops = append(ops, op{put: p})
	}
	return ops, nil
}

// clearOps makes the deletions of a view's positions but those of keep.
func (s *Session) clearOps(view string, keep map[string]Point) []op {
	var ids []string
	for id, p := range s.ix.PositionsOn(view) {
		if _, ok := keep[id]; !ok {
			ids = append(ids, p.ID)
		}
	}
	sort.Strings(ids)
	ops := make([]op, len(ids))
	for i, id := range ids {
		ops[i] = op{del: Ref{PositionEntity, id}}
	}
	return ops
}

// position makes the position of concept on view at a point rounded to a
// hundredth of a point, refusing coordinates no map can hold.
func position(edit, view, concept string, at Point, pinned bool) (model.Position, error) {
	for _, v := range []struct {
		name string
		v    float64
	}{{"x", at.X}, {"y", at.Y}} {
		if err := model.CheckCoordinate(v.v); err != nil {
			return model.Position{}, fmt.Errorf("%s: concept %s: %s %w", edit, concept, v.name, err)
		}
	}
	round := func(v float64) float64 { return math.Round(v*100) / 100 }
	return model.NewPosition(view, concept, round(at.X), round(at.Y), pinned), nil
}
