package app

import (
	"context"
	"time"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// Where Khareeta draws a view's concepts: at their stored positions; a
// concept without one near the concepts it is linked to (layout.PlaceNear);
// a view with no stored positions at all where Graphviz lays it out. The
// map pane, exports to images (layout.Fixed), exports to map formats (CXL,
// GraphML, JSON Canvas) all draw these places, imports compare a file's
// places with them, and `khareeta layout --keep-placed` stores them.

// layoutTimeout bounds the Graphviz run that lays out a view without
// stored positions for an export or an import's comparison.
const layoutTimeout = 60 * time.Second

// PlacesOf returns where Khareeta draws the concepts a view shows (view
// AllConcepts: every concept), by concept id: their stored positions,
// concepts without one placed near the concepts they are linked to; when
// the view has no stored positions, the centres a Graphviz layout gives
// them (nil when that layout fails: the formats then use a grid).
func PlacesOf(p *model.Project, view string) map[string]Point {
	ix := model.NewIndex(p)
	v := model.View{Name: model.T("", "all")}
	if view != AllConcepts {
		x, ok := ix.Views[view]
		if !ok {
			return nil
		}
		v = *x
	}
	shown := model.ViewConcepts(p, ix, v)
	stored := ix.PositionsOn(view)
	placed := make(map[string]text.Point, len(shown))
	var missing []string
	for _, id := range shown {
		if pos, ok := stored[id]; ok {
			placed[id] = text.Point{X: pos.X, Y: pos.Y}
		} else {
			missing = append(missing, id)
		}
	}
	if len(placed) == 0 && len(missing) > 0 {
		return laidOut(p, v)
	}
	for id, at := range layout.PlaceNear(ix, placed, missing) {
		placed[id] = at
	}
	return fromText(placed)
}

// laidOut lays a view out with Graphviz and returns its nodes' centres.
func laidOut(p *model.Project, v model.View, opts ...layout.Option) map[string]Point {
	ctx, cancel := context.WithTimeout(context.Background(), layoutTimeout)
	defer cancel()
	scene, err := layout.Build(ctx, p, v, opts...)
	if err != nil {
		return nil
	}
	return sceneCentres(scene)
}

// sceneCentres returns the centres of a scene's nodes by concept id, in
// map coordinates (what positions store: layout.Scene.Centres).
func sceneCentres(scene *layout.Scene) map[string]Point { return fromText(scene.Centres()) }

// storedPlaces returns the stored centres of a view's concepts (view
// AllConcepts: the map of all concepts) as the layout takes them
// (layout.Fixed); nil when the view has none.
func storedPlaces(p *model.Project, view string) map[string]text.Point {
	var out map[string]text.Point
	for i := range p.Positions {
		pos := &p.Positions[i]
		if pos.View != view {
			continue
		}
		if out == nil {
			out = map[string]text.Point{}
		}
		out[pos.Concept] = text.Point{X: pos.X, Y: pos.Y}
	}
	return out
}

// placedOptions returns the layout option that draws view v at its stored
// positions (none when it has none: Graphviz lays it out). A view without
// an id but with a focus (the app's neighbourhood of a concept) has no
// positions of its own.
func placedOptions(p *model.Project, v model.View) []layout.Option {
	if v.ID == "" && v.Focus != "" {
		return nil
	}
	if at := storedPlaces(p, v.ID); len(at) > 0 {
		return []layout.Option{layout.Fixed(at)}
	}
	return nil
}

func toText(at map[string]Point) map[string]text.Point {
	out := make(map[string]text.Point, len(at))
	for id, p := range at {
		out[id] = text.Point{X: p.X, Y: p.Y}
	}
	return out
}

func fromText(at map[string]text.Point) map[string]Point {
	out := make(map[string]Point, len(at))
	for id, p := range at {
		out[id] = Point{p.X, p.Y}
	}
	return out
}
