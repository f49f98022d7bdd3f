package model

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// Position is where a map shows a concept: the centre of the concept's box
// on one view, in points (1/72 inch), x to the right and y down, on the
// view's own canvas (the same coordinates a layout's scene uses).
//
// A position is a record like the others (versioned, merged by id, carried
// by Khareeta JSON). Its id is derived from the view and the concept
// (PositionID), so two copies of a file that place the same concept on the
// same view agree on the record and merge it as one: the later move wins.
type Position struct {
	// ID is PositionID(View, Concept); Validate refuses any other.
	ID string `json:"id"`
	// View is the view's id; "" is the map of all concepts (the app's
	// "All concepts"), which keeps positions like any view.
	View    string `json:"view,omitempty"`
	Concept string `json:"concept"`
	// X and Y are the centre of the concept's box, in points, y down.
	X float64 `json:"x"`
	Y float64 `json:"y"`
	// Pinned marks a place the user chose (moved by hand, or taken from a
	// map someone arranged by hand): layouts keep it. Positions a layout
	// computed are not pinned.
	Pinned bool `json:"pinned,omitempty"`
	// Updated is when the concept was last placed there: of two moves made
	// on two copies, the later one wins when they are merged.
	Updated time.Time `json:"updated"`
}

// MaxCoordinate bounds a position's coordinates (in points: about 350 m of
// paper): a larger or non-finite value is a mistake or a crafted file.
const MaxCoordinate = 1_000_000

// positionSpace makes position ids from a view and a concept id.
var positionSpace = uuid.MustParse("6f1c2b8e-3d4a-5e6f-8a9b-4b4d41505053")

// PositionID is the id of the position of concept on view ("" for the map
// of all concepts): the same in every copy of a project, so that copies
// that place a concept on a view hold one record for it.
func PositionID(view, concept string) string {
	return uuid.NewSHA1(positionSpace, []byte(view+"\x00"+concept)).String()
}

// NewPosition returns the position of concept on view at (x, y), with its id.
func NewPosition(view, concept string, x, y float64, pinned bool) Position {
	return Position{ID: PositionID(view, concept), View: view, Concept: concept, X: x, Y: y, Pinned: pinned}
}

// EntityType implements Entity.
func (Position) EntityType() EntityType { return EntityPosition }

// EntityID implements Entity.
func (p Position) EntityID() string { return p.ID }

// Modified implements Entity.
func (p Position) Modified() time.Time { return p.Updated }

// Same reports whether p and o hold the same content (Updated aside).
func (p Position) Same(o Position) bool {
	return p.ID == o.ID && p.View == o.View && p.Concept == o.Concept && p.X == o.X && p.Y == o.Y && p.Pinned == o.Pinned
}

// CheckCoordinate returns an error naming the value when v cannot be a
// coordinate: not a finite number, or beyond ±MaxCoordinate points.
func CheckCoordinate(v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > MaxCoordinate {
		return errors.New(coordinateProblem(v))
	}
	return nil
}

// ValidatePosition checks a position against the concepts and views that
// exist (the view "" always does).
func ValidatePosition(p Position, conceptExists, viewExists func(string) bool) error {
	var ps Problems
	what := func() string {
		where := "the map of all concepts"
		if p.View != "" {
			where = "view " + p.View
		}
		return fmt.Sprintf("position of concept %s on %s", p.Concept, where)
	}
	checkID(&ps, "", p.ID)
	if ValidID(p.ID) && p.ID != PositionID(p.View, p.Concept) {
		ps.add("", "id %s is not the one its view and concept give (%s)", p.ID, PositionID(p.View, p.Concept))
	}
	if !conceptExists(p.Concept) {
		ps.add("", "refers to a missing concept %q", p.Concept)
	}
	if p.View != "" && !viewExists(p.View) {
		ps.add("", "refers to a missing view %q", p.View)
	}
	for _, c := range []struct {
		name string
		v    float64
	}{{"x", p.X}, {"y", p.Y}} {
		if err := CheckCoordinate(c.v); err != nil {
			ps.add("", "%s %v", c.name, err)
		}
	}
	return ps.named(what)
}

// coordinateProblem says what is wrong with a coordinate CheckCoordinate refuses.
func coordinateProblem(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("%v is not a finite number", v)
	}
	return fmt.Sprintf("%s is beyond ±%d points", strconv.FormatFloat(v, 'g', -1, 64), MaxCoordinate)
}

// PositionsOn returns the positions of a view ("" for the map of all
// concepts) by concept id; nil when the view has none.
func (ix *Index) PositionsOn(view string) map[string]*Position { return ix.Positions[view] }

// Position returns the position of concept on view, if there is one.
func (ix *Index) Position(view, concept string) (*Position, bool) {
	p, ok := ix.Positions[view][concept]
	return p, ok
}

// PositionsOf implements Referrers over the index: the positions of a
// concept (on every view) or of a view.
func (ix *Index) PositionsOf(t EntityType, id string) ([]string, error) {
	var out []string
	for _, p := range ix.project.Positions {
		if (t == EntityConcept && p.Concept == id) || (t == EntityView && p.View == id) {
			out = append(out, p.ID)
		}
	}
	return out, nil
}
