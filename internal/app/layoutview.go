package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// LayoutOptions says how LayOutView lays a view out: the flags of
// `khareeta layout`.
type LayoutOptions struct {
	// View is the view, by id or name (model.FindView); "" is the map of
	// all concepts.
	View string
	// Engine is the Graphviz engine; "" keeps the view's (else dot).
	Engine string
	// Fresh lays every concept out anew and replaces every position of the
	// view ("Lay out again"). Without it, concepts that have a position
	// keep it and only the others are placed.
	Fresh bool
	// Timeout bounds the Graphviz run (0: no limit).
	Timeout time.Duration
}

// LayoutResult says what LayOutView stored.
type LayoutResult struct {
	View string // the view's name, or "all concepts"
	// Engine is the Graphviz engine that ran; "" when none did (the
	// concepts without a place were placed near their neighbours).
	Engine  string
	Placed  int // concepts given a new position
	Kept    int // concepts that kept theirs
	Removed int // positions removed (Fresh: of concepts the view no longer shows)
}

// LayOutView lays a view out and stores its concepts' positions, as one
// edit (one undo step):
//
//   - Fresh: Graphviz lays out every concept the view shows, and those
//     places replace all of the view's positions (LayOutAgain);
//   - otherwise, a view with no positions yet is laid out by Graphviz; in a
//     view with some, every concept that has one keeps it, and each of the
//     others is placed near the concepts it is linked to without
//     overlapping any (an interim until layouts can keep some nodes
//     pinned); the new places are not pinned (StoreLayout).
func (s *Session) LayOutView(ctx context.Context, o LayoutOptions) (*LayoutResult, error) {
	p := s.Snapshot()
	viewID, view := AllConcepts, model.View{Name: model.T("كل المفاهيم", "all concepts")}
	res := &LayoutResult{View: "all concepts"}
	if o.View != "" {
		v, err := model.FindView(p, o.View)
		if err != nil {
			return nil, err
		}
		viewID, view, res.View = v.ID, *v, v.Name.Get(p.Meta.Language)
	}
	if o.Engine != "" && !slices.Contains(model.Engines, o.Engine) {
		return nil, fmt.Errorf("unknown layout engine %q (use one of %s)", o.Engine, strings.Join(model.Engines, ", "))
	}
	ix := model.NewIndex(p)
	shown := model.ViewConcepts(p, ix, view)
	stored := ix.PositionsOn(viewID)
	var missing []string
	for _, id := range shown {
		if _, ok := stored[id]; !ok {
			missing = append(missing, id)
		}
	}
	at := map[string]Point{}
	if o.Fresh || len(stored) == 0 {
		if o.Timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, o.Timeout)
			defer cancel()
		}
		var opts []layout.Option
		if o.Engine != "" {
			opts = append(opts, layout.Engine(o.Engine))
		}
		scene, err := layout.Build(ctx, p, view, opts...)
		if err != nil {
			return nil, fmt.Errorf("lay out %s: %w", res.View, err)
		}
		res.Engine, at = scene.Engine, sceneCentres(scene)
	} else {
		placed := make(map[string]text.Point, len(stored))
		for id, pos := range stored {
			placed[id] = text.Point{X: pos.X, Y: pos.Y}
		}
		// drawn as the map shows it: the others placed near their
		// neighbours, at their real sizes
		scene, err := layout.Build(ctx, p, view, layout.Fixed(placed))
		if err != nil {
			return nil, fmt.Errorf("lay out %s: %w", res.View, err)
		}
		all := scene.Centres()
		for _, id := range scene.Placed {
			at[id] = Point{all[id].X, all[id].Y}
		}
	}
	before := len(stored)
	var err error
	if o.Fresh {
		err = s.LayOutAgain(viewID, at)
		res.Placed = len(at)
		for id := range stored {
			if _, ok := at[id]; !ok {
				res.Removed++
			}
		}
	} else {
		err = s.StoreLayout(viewID, at)
		res.Placed, res.Kept = len(at), before
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// LayoutFile lays out a view of the project file at path and stores the
// positions (Session.LayOutView), in one transaction. ctx bounds the
// Graphviz run.
func LayoutFile(ctx context.Context, path string, o LayoutOptions) (*LayoutResult, error) {
	s, err := Open(path)
	if err != nil {
		return nil, err
	}
	res, err := s.LayOutView(ctx, o)
	if cerr := s.Close(); err == nil && cerr != nil {
		return nil, cerr
	}
	return res, err
}
