package model

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestPositionIDIsTheSameInEveryCopy(t *testing.T) {
	v, c := NewID(), NewID()
	if PositionID(v, c) != PositionID(v, c) || !ValidID(PositionID(v, c)) {
		t.Fatal("PositionID is not a stable UUID")
	}
	if PositionID(v, c) == PositionID("", c) || PositionID(v, c) == PositionID(c, v) {
		t.Error("different views or concepts share a position id")
	}
	p := NewPosition(v, c, 10, 20, true)
	if p.ID != PositionID(v, c) || !p.Pinned || p.X != 10 || p.Y != 20 {
		t.Errorf("NewPosition: %+v", p)
	}
}

func TestValidatePositionNamesTheValue(t *testing.T) {
	c, v := NewID(), NewID()
	yes := func(string) bool { return true }
	if err := ValidatePosition(NewPosition(v, c, -MaxCoordinate, MaxCoordinate, false), yes, yes); err != nil {
		t.Fatalf("the largest coordinates: %v", err)
	}
	for _, tt := range []struct {
		p    Position
		want string
	}{
		{NewPosition(v, c, math.NaN(), 0, false), "x NaN is not a finite number"},
		{NewPosition(v, c, 0, math.Inf(1), false), "y +Inf is not a finite number"},
		{NewPosition(v, c, 1e300, 0, false), "x 1e+300 is beyond ±1000000 points"},
		{NewPosition(v, c, 0, -1000001, false), "y -1.000001e+06 is beyond"},
		{Position{ID: NewID(), View: v, Concept: c}, "is not the one its view and concept give"},
		{Position{ID: "x", View: v, Concept: c}, `id "x" is not a UUID`},
	} {
		err := ValidatePosition(tt.p, yes, yes)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "position of concept "+c) {
			t.Errorf("%+v: %v, want %q", tt.p, err, tt.want)
		}
	}
	no := func(string) bool { return false }
	if err := ValidatePosition(NewPosition("", c, 0, 0, false), yes, no); err != nil {
		t.Errorf("the map of all concepts needs no view: %v", err)
	}
	if err := ValidatePosition(NewPosition(v, c, 0, 0, false), no, no); err == nil ||
		!strings.Contains(err.Error(), "missing concept") || !strings.Contains(err.Error(), "missing view") {
		t.Errorf("missing references: %v", err)
	}
}

func TestPositionsFollowTheirConceptAndView(t *testing.T) {
	a, b := NewID(), NewID()
	v := View{ID: NewID(), Name: T("عرض", "")}
	p := &Project{
		Meta:     Meta{Title: T("م", ""), Language: Arabic},
		Kinds:    BuiltinKinds(),
		Concepts: []Concept{{ID: a, Kind: KindConcept, Label: T("أ", "")}, {ID: b, Kind: KindConcept, Label: T("ب", "")}},
		Views:    []View{v},
		Positions: []Position{NewPosition("", a, 1, 2, false), NewPosition(v.ID, a, 3, 4, true),
			NewPosition(v.ID, b, 5, 6, true)},
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(p)
	if got, ok := ix.Position(v.ID, b); !ok || got.X != 5 || len(ix.PositionsOn("")) != 1 || len(ix.PositionsOn(v.ID)) != 2 {
		t.Errorf("index: %+v %v", got, ix.Positions)
	}
	c, err := CascadeOf(EntityConcept, a, ix)
	if err != nil || !slices.Equal(c.Positions, []string{PositionID("", a), PositionID(v.ID, a)}) {
		t.Errorf("deleting a concept takes %v (%v)", c.Positions, err)
	}
	c, err = CascadeOf(EntityView, v.ID, ix)
	if err != nil || !slices.Equal(c.Positions, []string{PositionID(v.ID, a), PositionID(v.ID, b)}) {
		t.Errorf("deleting a view takes %v (%v)", c.Positions, err)
	}
	if c, err := CascadeOf(EntityPosition, PositionID("", a), ix); err != nil || len(c.Positions)+len(c.Views) != 0 {
		t.Errorf("deleting a position takes %+v (%v)", c, err)
	}
	// A project file's positions are checked like its other records.
	p.Positions = append(p.Positions, NewPosition(NewID(), a, math.Inf(-1), 0, false))
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "-Inf is not a finite number") || !strings.Contains(err.Error(), "missing view") {
		t.Errorf("a bad position in a project: %v", err)
	}
	if d := Describe(NewPosition(v.ID, a, 0, 0, false), Arabic, func(t EntityType, id string) Entity {
		if t == EntityView {
			return v
		}
		return p.Concepts[0]
	}); d != "أ @ عرض" {
		t.Errorf("Describe: %q", d)
	}
}
