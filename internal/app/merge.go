package app

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// EditMergeFile is the edit name of merging a colleague's file.
const EditMergeFile = "merge file"

// PreviewMerge reports what merging the project file at theirs into this
// one would do with the given conflict resolutions (by entity id, see
// store.MergeOptions), without writing anything.
func (s *Session) PreviewMerge(theirs string, resolve map[string]store.Side) (*store.MergeReport, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
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
	var ch *Change
	foreign := false
	s.mu.Lock()
	rep, err := func() (*store.MergeReport, error) {
		var err error
		if foreign, err = s.reopenIfReplaced(); err != nil {
			return nil, err
		}
		return store.Merge(s.st, theirs, store.MergeOptions{Resolve: resolve,
			Before: func(tx *store.Tx, rep *store.MergeReport) error {
				changed, err := s.sawDataVersion(tx)
				if err != nil {
					return err
				}
				foreign = foreign || changed
				if ch, err = mergeChange(rep); err != nil {
					return err
				}
				for _, r := range ch.refs {
					if ch.before[r], err = read(tx, r); err != nil {
						return err
					}
				}
				return nil
			},
			After: func(tx *store.Tx, rep *store.MergeReport) error { return ch.readAfter(tx) },
		})
	}()
	s.mu.Unlock()
	if err != nil {
		if foreign {
			s.reload(nil)
		}
		return nil, err
	}
	if !rep.Written {
		return rep, nil
	}
	if len(ch.refs) == 0 {
		// Only the merge history changed: nothing to undo.
		if foreign {
			if err := s.reload(nil); err != nil {
				return rep, fmt.Errorf("merge %s: read the merged project: %w", filepath.Base(theirs), err)
			}
		}
		return rep, nil
	}
	s.committed(ch, foreign, Edited)
	return rep, nil
}

// mergeChange builds the undoable edit of a merge from its report: the
// items it lists as added, updated or deleted, in dependency order (their
// states are read in the merge's transaction).
func mergeChange(rep *store.MergeReport) (*Change, error) {
	ch := &Change{Name: EditMergeFile, before: map[Ref]model.Entity{}, after: map[Ref]model.Entity{}}
	seen := map[Ref]bool{}
	for typ, tr := range rep.Types {
		k := model.EntityType(typ)
		if !k.Valid() {
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
			return ch.refs[i].Kind.Rank() < ch.refs[j].Kind.Rank()
		}
		return ch.refs[i].ID < ch.refs[j].ID
	})
	return ch, nil
}
