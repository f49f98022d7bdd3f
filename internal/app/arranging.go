package app

import (
	"context"
	"fmt"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// Arranging is a whole-view arrangement ("Tidy up", "Lay out again") in
// three steps, so that a window never waits for Graphviz: Prepare* reads
// what it needs from the session on the caller's goroutine, Run lays the
// view out on any goroutine (it may take long, and can be abandoned by
// cancelling ctx), and Apply stores the result as one edit (one undo step)
// on the caller's goroutine again. TidyView and LayOutView do all three.
type Arranging struct {
	s     *Session
	edit  string
	view  string
	fresh bool // every place of the view replaced (LayOutAgain)
	run   func(ctx context.Context) (map[string]Point, error)
	at    map[string]Point
}

// Run computes the arrangement (Graphviz); it touches no session state.
func (a *Arranging) Run(ctx context.Context) error {
	at, err := a.run(ctx)
	if err != nil {
		return err
	}
	a.at = at
	return ctx.Err()
}

// Apply stores what Run computed as one edit.
func (a *Arranging) Apply() error {
	if a.at == nil {
		return fmt.Errorf("%s: nothing computed", a.edit)
	}
	if a.fresh {
		return a.s.LayOutAgain(a.view, a.at)
	}
	ops, err := a.s.placeOps(a.edit, a.view, a.at, false, nil)
	if err != nil || len(ops) == 0 {
		return err
	}
	return a.s.apply(a.edit, ops...)
}

// viewToArrange returns the view an arrangement lays out (view AllConcepts:
// the map of all concepts).
func (s *Session) viewToArrange(edit, view string) (model.View, error) {
	if err := s.checkView(edit, view); err != nil {
		return model.View{}, err
	}
	if view == AllConcepts {
		return model.View{Name: model.T("كل المفاهيم", "all concepts")}, nil
	}
	return *s.ix.Views[view], nil
}

// PrepareTidy prepares "Tidy up": the view laid out again with Graphviz
// around the concepts placed by hand (pinned), which stay exactly where
// they are; the others take their new places, not pinned.
func (s *Session) PrepareTidy(view string) (*Arranging, error) {
	v, err := s.viewToArrange(EditTidy, view)
	if err != nil {
		return nil, err
	}
	p := s.Snapshot()
	at := map[string]text.Point{}
	pinned := map[string]bool{}
	for id, pos := range s.ix.PositionsOn(view) {
		at[id] = text.Point{X: pos.X, Y: pos.Y}
		pinned[id] = pos.Pinned
	}
	return &Arranging{s: s, edit: EditTidy, view: view, run: func(ctx context.Context) (map[string]Point, error) {
		res, err := layout.Tidy(ctx, p, v, at, pinned)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EditTidy, err)
		}
		free := make(map[string]Point, len(res))
		for id, q := range res {
			if !pinned[id] {
				free[id] = Point{q.X, q.Y}
			}
		}
		return free, nil
	}}, nil
}

// PrepareLayOutAgain prepares "Lay out again": Graphviz lays out every
// concept the view shows afresh, and those places replace all of the
// view's positions (those placed by hand too).
func (s *Session) PrepareLayOutAgain(view string) (*Arranging, error) {
	v, err := s.viewToArrange(EditLayOutAgain, view)
	if err != nil {
		return nil, err
	}
	p := s.Snapshot()
	return &Arranging{s: s, edit: EditLayOutAgain, view: view, fresh: true, run: func(ctx context.Context) (map[string]Point, error) {
		scene, err := layout.Build(ctx, p, v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EditLayOutAgain, err)
		}
		return sceneCentres(scene), nil
	}}, nil
}
