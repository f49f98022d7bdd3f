package app

import (
	"fmt"
	"path/filepath"
	"sort"

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
	ch, err := s.mergeChange(rep)
	if err != nil {
		// The merge is committed; read the whole project to show it.
		if rerr := s.Reload(); rerr != nil {
			return rep, fmt.Errorf("merge %s: read the merged project: %w", filepath.Base(theirs), err)
		}
		return rep, nil
	}
	if len(ch.refs) == 0 {
		// Only the merge history changed: nothing to undo.
		return rep, nil
	}
	s.install(ch.refs, ch.after)
	s.undo = append(s.undo, ch)
	s.redo = nil
	s.notify(Event{Kind: Edited, Change: ch})
	return rep, nil
}

// mergeTypes maps the entity types of a merge report to entity kinds.
var mergeTypes = map[string]EntityKind{
	"meta": MetaEntity, "kind": KindEntity, "source": SourceEntity, "concept": ConceptEntity,
	"relation": RelationEntity, "citation": CitationEntity, "view": ViewEntity,
}

// mergeChange builds the undoable edit of a committed merge: the items the
// report lists as added, updated or deleted, their state before (from the
// session) and after (read from the file in one read transaction), in the
// put order of EntityKind.
func (s *Session) mergeChange(rep *store.MergeReport) (*Change, error) {
	ch := &Change{Name: EditMergeFile, before: map[Ref]any{}, after: map[Ref]any{}}
	seen := map[Ref]bool{}
	for typ, tr := range rep.Types {
		k, ok := mergeTypes[typ]
		if !ok {
			return nil, fmt.Errorf("merge report names an unknown entity type %q", typ)
		}
		for _, list := range [][]store.Item{tr.Added, tr.Updated, tr.Deleted} {
			for _, it := range list {
				r := Ref{k, it.ID}
				if k == MetaEntity {
					r.ID = ""
				}
				if !seen[r] {
					seen[r] = true
					ch.refs = append(ch.refs, r)
				}
			}
		}
	}
	sort.Slice(ch.refs, func(i, j int) bool {
		if ch.refs[i].Kind != ch.refs[j].Kind {
			return ch.refs[i].Kind < ch.refs[j].Kind
		}
		return ch.refs[i].ID < ch.refs[j].ID
	})
	for _, r := range ch.refs {
		ch.before[r] = s.current(r)
	}
	err := s.st.View(func(tx *store.Tx) error {
		for _, r := range ch.refs {
			v, err := read(tx, r)
			if err != nil {
				return err
			}
			ch.after[r] = v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ch, nil
}
