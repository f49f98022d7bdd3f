package app

import (
	"fmt"
	"path/filepath"
	"reflect"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// EditMergeFile is the edit name of merging a colleague's file.
const EditMergeFile = "merge file"

// PreviewMerge reports what merging the project file at theirs into this
// one would do with the given conflict resolutions (by entity id, see
// store.MergeOptions), without writing anything.
func (s *Session) PreviewMerge(theirs string, resolve map[string]store.Side) (*store.MergeReport, error) {
	return store.Merge(s.st, theirs, store.MergeOptions{DryRun: true, Resolve: resolve})
}

// Merge brings the project file at theirs into this one (see store.Merge):
// one transaction, recorded as one edit that Undo reverts and Redo applies
// again. Conflicts resolve names a side for are settled that way; the
// others keep this file's state and stay open for the next merge.
//
// Undo puts back the state every touched item had before the merge, as an
// ordinary edit: the merge history the file learned stays, so merging the
// same file again afterwards treats the undone items as edited here (their
// added items as deleted here) rather than offering them again.
func (s *Session) Merge(theirs string, resolve map[string]store.Side) (*store.MergeReport, error) {
	s.mu.Lock()
	rep, err := store.Merge(s.st, theirs, store.MergeOptions{Resolve: resolve})
	if st, serr := statFile(s.Path()); serr == nil {
		s.stamp = st
	}
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if !rep.Written {
		return rep, nil
	}
	after, err := s.st.Load()
	if err != nil {
		// The merge is committed; the session cannot show it until reloaded.
		return rep, fmt.Errorf("merge %s: read the merged project: %w", filepath.Base(theirs), err)
	}
	ch := diffProjects(EditMergeFile, s.proj, after)
	s.proj = after
	s.reindex()
	if len(ch.refs) == 0 {
		// Only the merge history changed: nothing to undo.
		return rep, nil
	}
	s.undo = append(s.undo, ch)
	s.redo = nil
	s.notify(Event{Kind: Edited, Change: ch})
	return rep, nil
}

// diffProjects returns a change holding the before and after state of every
// entity that differs between two projects, in the put order of EntityKind.
func diffProjects(name string, a, b *model.Project) *Change {
	ch := &Change{Name: name, before: map[Ref]any{}, after: map[Ref]any{}}
	add := func(r Ref, before, after any) {
		ch.refs = append(ch.refs, r)
		ch.before[r] = before
		ch.after[r] = after
	}
	if !reflect.DeepEqual(a.Meta, b.Meta) {
		add(Ref{MetaEntity, ""}, a.Meta, b.Meta)
	}
	diffList(KindEntity, a.Kinds, b.Kinds, func(x model.Kind) string { return x.ID }, add)
	diffList(SourceEntity, a.Sources, b.Sources, func(x model.Source) string { return x.ID }, add)
	diffList(ConceptEntity, a.Concepts, b.Concepts, func(x model.Concept) string { return x.ID }, add)
	diffList(RelationEntity, a.Relations, b.Relations, func(x model.Relation) string { return x.ID }, add)
	diffList(CitationEntity, a.Citations, b.Citations, func(x model.Citation) string { return x.ID }, add)
	diffList(ViewEntity, a.Views, b.Views, func(x model.View) string { return x.ID }, add)
	return ch
}

func diffList[T any](k EntityKind, a, b []T, idOf func(T) string, add func(r Ref, before, after any)) {
	old := make(map[string]int, len(a))
	for i, x := range a {
		old[idOf(x)] = i
	}
	seen := make(map[string]bool, len(b))
	for _, y := range b {
		id := idOf(y)
		seen[id] = true
		i, ok := old[id]
		switch {
		case !ok:
			add(Ref{k, id}, nil, y)
		case !reflect.DeepEqual(a[i], y):
			add(Ref{k, id}, a[i], y)
		}
	}
	for _, x := range a {
		if id := idOf(x); !seen[id] {
			add(Ref{k, id}, x, nil)
		}
	}
}
