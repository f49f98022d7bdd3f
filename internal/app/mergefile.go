package app

import (
	"strings"

	"github.com/khareeta/khareeta/internal/store"
)

// The merge report and choices (see store.Merge and the README's merge
// design), named here so that callers of app need not import store.
type (
	MergeReport   = store.MergeReport
	MergeConflict = store.Conflict
	MergeItem     = store.Item
	Side          = store.Side
	// MergeMove is a position moved on both sides: not a conflict, the
	// later move kept (MergeReport.Moves).
	MergeMove = store.Move
)

// MovedBothReason says what a MergeMove is, for people.
const MovedBothReason = store.MovedBothReason

// The sides of a merge, and the kind of conflict that waits for another.
const (
	Mine            = store.Mine
	Theirs          = store.Theirs
	ConflictBlocked = store.ConflictBlocked
)

// ParseSide reads "mine" or "theirs" (or "m", "t"), in any case.
func ParseSide(s string) (Side, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "mine", "m":
		return Mine, true
	case "theirs", "t":
		return Theirs, true
	}
	return "", false
}

// MergeFileOptions says how MergeFile runs.
type MergeFileOptions struct {
	DryRun bool // report what would happen, write nothing
	// Resolve settles conflicts by record id.
	Resolve map[string]Side
	// Prefer, when set, settles every other open conflict that way.
	Prefer Side
}

// MergeFile brings the project file theirs into the file mine by UUID, in
// one transaction (see store.Merge); theirs is never changed. With Prefer,
// the open conflicts are learnt first by dry runs (a resolution can
// uncover conflicts that depend on it) and then all settled in one merge.
func MergeFile(mine, theirs string, o MergeFileOptions) (*MergeReport, error) {
	var s *store.Store
	var err error
	if o.DryRun {
		s, err = store.OpenReadOnly(mine)
	} else {
		s, err = store.Open(mine)
	}
	if err != nil {
		return nil, err
	}
	defer s.Close()
	resolve := map[string]Side{}
	for id, side := range o.Resolve {
		resolve[id] = side
	}
	if o.Prefer != "" {
		for i := 0; i < 10; i++ {
			probe, err := store.Merge(s, theirs, store.MergeOptions{DryRun: true, Resolve: resolve})
			if err != nil {
				return nil, err
			}
			more := false
			for _, c := range probe.Unresolved() {
				if _, ok := resolve[c.ID]; !ok && c.Kind != ConflictBlocked {
					resolve[c.ID] = o.Prefer
					more = true
				}
			}
			if !more {
				break
			}
		}
	}
	return store.Merge(s, theirs, store.MergeOptions{DryRun: o.DryRun, Resolve: resolve})
}
