package store

// Merging two copies of a project by UUID. See docs/merge.md for the design;
// in short: every record carries a random version id, and the versions
// table lists every version a record ever had in this file. Comparing the
// two current versions with the other side's history tells, per record,
// which side is newer, or that both changed (a conflict).

import (
	"errors"
	"fmt"
	"os"

	"github.com/khareeta/khareeta/internal/model"
)

// Side names one of the two files of a merge.
type Side string

// The two sides of a merge.
const (
	Mine   Side = "mine"
	Theirs Side = "theirs"
)

// MergeOptions says how Merge runs.
type MergeOptions struct {
	// DryRun computes and reports the merge without writing anything.
	DryRun bool
	// Resolve chooses a side for conflicts, by entity id (MetaID for the
	// project's title, description and language). Conflicts it does not
	// name stay unresolved: MINE keeps its own state for them.
	Resolve map[string]Side
	// Before and After, when set, run inside the merge's write transaction
	// (never in a dry run, nor when the merge writes nothing), just before
	// and just after the merge writes, with the report as planned. A caller
	// that keeps a copy of the project reads there the state of the records
	// the report names, before and after; an error aborts the whole merge.
	Before, After func(tx *Tx, rep *MergeReport) error
}

// MergeReport says what a merge did (or, in a dry run, would do).
type MergeReport struct {
	Mine   string `json:"mine"`
	Theirs string `json:"theirs"`
	DryRun bool   `json:"dry_run"`
	// Written reports whether MINE was changed (false in a dry run and when
	// there was nothing to bring in).
	Written bool `json:"written"`
	// Types holds the added, updated and deleted items per entity type:
	// kind, concept, relation, source, citation, view, position, meta.
	Types map[string]*TypeReport `json:"types"`
	// Conflicts lists every conflict, resolved or not, in a stable order.
	Conflicts []Conflict `json:"conflicts"`
	// History counts the version ids MINE learns from THEIRS (rows of its
	// change history, see the file format); bounded by MergeHistoryPerRecord.
	History int `json:"history"`
	// Moves lists the positions moved on both sides since the copies
	// diverged: not conflicts; the later move was kept (MovedBothReason).
	Moves []Move `json:"moves"`
}

// TypeReport lists what a merge changes in one entity type.
type TypeReport struct {
	Added     []Item `json:"added"`
	Updated   []Item `json:"updated"`
	Deleted   []Item `json:"deleted"`
	Conflicts int    `json:"conflicts"` // unresolved conflicts of this type
}

// Item names one changed entity.
type Item struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Kinds of merge conflicts.
const (
	// ConflictEdit: both sides changed the item since the copies diverged.
	ConflictEdit = "edit"
	// ConflictDelete: one side deleted the item, the other changed it.
	ConflictDelete = "delete"
	// ConflictDependency: one side deleted the item, and an item the other
	// side added or changed still uses it.
	ConflictDependency = "dependency"
	// ConflictBlocked: an item from THEIRS uses an item deleted in MINE
	// whose conflict is unresolved; it follows that conflict's resolution.
	ConflictBlocked = "blocked"
)

// Conflict is an item both sides changed in incompatible ways. Nothing of
// either side is dropped: until it is resolved, MINE keeps its own state.
type Conflict struct {
	Entity        string      `json:"entity"` // kind, concept, relation, source, citation, view, meta
	ID            string      `json:"id"`
	Label         string      `json:"label"`
	Kind          string      `json:"kind"` // ConflictEdit, ConflictDelete, ConflictDependency, ConflictBlocked
	Reason        string      `json:"reason"`
	MineDeleted   bool        `json:"mine_deleted,omitempty"`
	TheirsDeleted bool        `json:"theirs_deleted,omitempty"`
	Fields        []FieldDiff `json:"fields"`
	// UsedBy lists the items that still use an item one side deleted.
	UsedBy []string `json:"used_by,omitempty"`
	// Needs lists the conflicts a blocked item waits on.
	Needs []string `json:"needs,omitempty"`
	// Resolution is "mine" or "theirs" when MergeOptions.Resolve chose a
	// side, "deleted" when a resolution deleted an item this one needs,
	// and empty while unresolved.
	Resolution string `json:"resolution,omitempty"`
}

// Resolved reports whether the conflict was settled in this merge.
func (c Conflict) Resolved() bool { return c.Resolution != "" }

// FieldDiff is one field whose value differs between the sides. A deleted
// side shows empty values.
type FieldDiff struct {
	Field  string `json:"field"`
	Mine   string `json:"mine"`
	Theirs string `json:"theirs"`
}

// Counts sums the report: items added, updated, deleted, and unresolved conflicts.
func (r *MergeReport) Counts() (added, updated, deleted, conflicts int) {
	for _, t := range r.Types {
		added += len(t.Added)
		updated += len(t.Updated)
		deleted += len(t.Deleted)
	}
	for _, c := range r.Conflicts {
		if !c.Resolved() {
			conflicts++
		}
	}
	return
}

// Unresolved returns the conflicts still open.
func (r *MergeReport) Unresolved() []Conflict {
	var out []Conflict
	for _, c := range r.Conflicts {
		if !c.Resolved() {
			out = append(out, c)
		}
	}
	return out
}

// entityTypes lists the entity types kept in tables (all but the meta), in
// dependency order.
var entityTypes = func() []model.EntityType {
	var out []model.EntityType
	for _, t := range model.EntityTypes {
		if _, ok := tableOf[t]; ok {
			out = append(out, t)
		}
	}
	return out
}()

// Bounds on the history (versions and tombstones) Merge reads from THEIRS,
// relative to the records it holds, so that a crafted file can neither
// exhaust memory nor bloat MINE with history rows: at most
// MergeHistoryPerRecord per record (live or deleted) on average, plus
// MergeHistoryAllowance, and never more than MaxMergeHistory.
const (
	MergeHistoryPerRecord = 100
	MergeHistoryAllowance = 100_000
	MaxMergeHistory       = 4 * MaxRows
)

// Merge brings the project file at theirsPath into mine, in one
// transaction: items only THEIRS has are added, items changed only on one
// side since the copies diverged take that change, deletions propagate,
// and items changed on both sides are reported as conflicts (kept as MINE
// has them unless opts.Resolve chooses a side). THEIRS is opened read-only
// and never modified; it must pass the same checks as any opened file, and
// every record taken from it is validated before it is written. With
// opts.DryRun nothing is written. MINE's own records are not checked
// against the model's rules as a whole (a merge reads only those whose
// versions differ); each record the merge writes is.
func Merge(mine *Store, theirsPath string, opts MergeOptions) (*MergeReport, error) {
	if mine.readOnly && !opts.DryRun {
		return nil, fmt.Errorf("merge into %s: %w: opened read-only", mine.path, ErrReadOnly)
	}
	wrap := func(err error) error { return fmt.Errorf("merge %s into %s: %w", theirsPath, mine.path, err) }
	// THEIRS is checked and read while MINE is read in its transaction:
	// the two loads run on two cores.
	type loaded struct {
		f   *theirsFile
		err error
	}
	ch := make(chan loaded, 1)
	go func() {
		f, err := openTheirs(theirsPath)
		ch <- loaded{f, err}
	}()
	var th *loaded
	defer func() {
		if th == nil {
			x := <-ch
			th = &x
		}
		if th.f != nil {
			th.f.close()
		}
	}()
	rep := &MergeReport{Mine: mine.path, Theirs: theirsPath, DryRun: opts.DryRun}
	if a, err := os.Stat(mine.path); err == nil {
		if b, err := os.Stat(theirsPath); err == nil && os.SameFile(a, b) {
			return nil, wrap(errors.New("THEIRS is the same file as MINE"))
		}
	}
	run := func(tx *Tx) error {
		my, err := loadSide(tx, 0, false)
		x := <-ch
		th = &x
		if th.err != nil {
			return th.err
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", mine.path, err)
		}
		pl, err := newPlan(my, th.f.side, opts.Resolve)
		if err != nil {
			return err
		}
		pl.report(rep)
		if pl.err != nil {
			return pl.err
		}
		if opts.DryRun || !pl.writes() {
			return nil
		}
		if opts.Before != nil {
			if err := opts.Before(tx, rep); err != nil {
				return err
			}
		}
		if err := pl.apply(tx); err != nil {
			return err
		}
		rep.Written = true
		if opts.After != nil {
			return opts.After(tx, rep)
		}
		return nil
	}
	var err error
	if opts.DryRun {
		err = mine.View(run)
	} else {
		err = mine.update(run, updateOptions{anyRules: true})
	}
	if err != nil {
		return nil, wrap(err)
	}
	return rep, nil
}
