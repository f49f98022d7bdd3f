package app

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/khareeta/khareeta/internal/interop"
	"github.com/khareeta/khareeta/internal/model"
)

// Where an import of a map file (CXL, GraphML, JSON Canvas) keeps the places
// the file gives its concepts (see mapPlaces).

// drawnOn returns where Khareeta draws a view of base now (PlacesOf), once.
func (im *importer) drawnOn(base *model.Project, view string) map[string]Point {
	if im.drawn == nil {
		im.drawn = map[string]map[string]Point{}
	}
	if d, ok := im.drawn[view]; ok {
		return d
	}
	d := PlacesOf(base, view)
	im.drawn[view] = d
	return d
}

// drawnAs reports whether every concept of order is where Khareeta draws it
// on view, at the map formats' precision of a whole point.
func (im *importer) drawnAs(base *model.Project, view string, in *interop.Incoming, order []string) bool {
	if im.known == nil {
		im.known = map[string]bool{}
		for _, c := range base.Concepts {
			im.known[c.ID] = true
		}
	}
	for _, id := range order {
		if !im.known[id] { // a concept the project lacks is drawn nowhere yet
			return false
		}
	}
	drawn := im.drawnOn(base, view)
	for _, id := range order {
		at, ok := drawn[id]
		if !ok || roundTo(at) != roundTo(Point{in.Placed[id][0], in.Placed[id][1]}) {
			return false
		}
	}
	return true
}

// mapPlaces decides what the places a map file gives its concepts
// (interop.Incoming.Placed) become, reading base (the project before the
// import):
//
//   - into a new project they are its map of all concepts' positions;
//   - into an existing one they go to the view named like the map (its
//     name, else the file's name without its extension; a view of that
//     name, in any language), which then also shows the map's concepts it
//     did not; else, for a map named like the project, to the map of all
//     concepts; else to the project's map (all concepts, then each view)
//     that draws every concept of the map where the file has it (a map
//     exported and imported back under another name); else to a new view
//     of that name listing the map's concepts;
//   - a map whose every concept is where Khareeta draws it there now
//     (PlacesOf, at the format's precision of a whole point: a map exported
//     from this project and imported back) changes nothing; otherwise all
//     its places are stored, pinned (the arrangement was made by hand),
//     except those equal to the view's stored positions.
//
// It returns the view to put (new or showing more concepts; nil for none)
// and the positions to put, and counts them in the result.
func (im *importer) mapPlaces(base *model.Project, in *interop.Incoming) (*model.View, []model.Position, error) {
	if len(in.Placed) == 0 {
		return nil, nil, nil
	}
	var order []string // the map's placed concepts, in file order
	for _, c := range in.Project.Concepts {
		if _, ok := in.Placed[c.ID]; ok {
			order = append(order, c.ID)
		}
	}
	if im.res.Created {
		im.res.PlacedOn = "all concepts"
		out := make([]model.Position, len(order))
		for i, id := range order {
			xy := in.Placed[id]
			out[i] = model.NewPosition(AllConcepts, id, xy[0], xy[1], true)
		}
		im.res.Positions.Added = len(out)
		return nil, out, nil
	}
	target, view, err := im.targetView(base, in, order)
	if err != nil {
		return nil, nil, err
	}
	ix := model.NewIndex(base)
	if view == nil && im.drawnAs(base, target, in, order) { // an existing view, drawn just so
		im.res.Positions.Unchanged = len(order)
		return nil, nil, nil
	}
	im.res.PlacedOn = "all concepts"
	switch {
	case view != nil:
		im.res.PlacedOn = view.Name.Get(base.Meta.Language)
	case target != AllConcepts:
		im.res.PlacedOn = ix.Views[target].Name.Get(base.Meta.Language)
	}
	var out []model.Position
	for _, id := range order {
		xy := in.Placed[id]
		p := model.NewPosition(target, id, xy[0], xy[1], true)
		if old, ok := ix.Position(target, id); ok {
			if roundTo(Point{old.X, old.Y}) == roundTo(Point{p.X, p.Y}) {
				im.res.Positions.Unchanged++
				continue
			}
			im.res.Positions.Changed++
		} else {
			im.res.Positions.Added++
		}
		out = append(out, p)
	}
	return view, out, nil
}

// targetView finds where an existing project keeps a map's places (see
// mapPlaces): the view's id (AllConcepts for the map of all concepts) and
// the view to put, when one is made or must show more concepts.
func (im *importer) targetView(base *model.Project, in *interop.Incoming, order []string) (string, *model.View, error) {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(im.o.From), filepath.Ext(im.o.From))
		if im.o.From == "-" || name == "" {
			name = "Imported map"
		}
	}
	ix := model.NewIndex(base)
	v, err := model.FindView(base, name)
	switch {
	case err == nil:
		if shows(base, ix, *v, order) {
			return v.ID, nil, nil
		}
		nv := *v
		nv.Concepts = append([]string(nil), v.Concepts...)
		shown := map[string]bool{}
		for _, id := range model.ViewConcepts(base, ix, *v) {
			shown[id] = true
		}
		for _, id := range order {
			if !shown[id] {
				nv.Concepts = append(nv.Concepts, id)
			}
		}
		im.res.Views.Changed++
		return v.ID, &nv, nil
	case !errors.Is(err, model.ErrNotFound):
		return "", nil, fmt.Errorf("place the map's concepts: %w", err)
	}
	for _, t := range base.Meta.Title {
		if model.Fold(t) == model.Fold(name) {
			return AllConcepts, nil, nil
		}
	}
	// A map named otherwise (a JSON Canvas has no name: its file's is taken)
	// that is one of the project's maps drawn just as Khareeta draws it
	// (exported and imported back) goes back to that map.
	if im.drawnAs(base, AllConcepts, in, order) {
		return AllConcepts, nil, nil
	}
	for _, v := range base.Views {
		if shows(base, ix, v, order) && im.drawnAs(base, v.ID, in, order) {
			return v.ID, nil, nil
		}
	}
	label := model.Text{model.English: name}
	if hasArabicLetters(name) {
		label = model.Text{model.Arabic: name}
	}
	nv := model.View{ID: model.NewID(), Name: label, Concepts: append([]string(nil), order...), Created: now()}
	im.res.Views.Added++
	return nv.ID, &nv, nil
}

// shows reports whether view v of base shows every concept of ids.
func shows(base *model.Project, ix *model.Index, v model.View, ids []string) bool {
	shown := map[string]bool{}
	for _, id := range model.ViewConcepts(base, ix, v) {
		shown[id] = true
	}
	for _, id := range ids {
		if !shown[id] {
			return false
		}
	}
	return true
}

// roundTo rounds a place to whole points, the precision the map formats write.
func roundTo(p Point) Point { return Point{math.Round(p.X), math.Round(p.Y)} }

// hasArabicLetters reports whether s holds Arabic letters.
func hasArabicLetters(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}
