package store

// Merging two copies of a project by UUID. See docs/merge.md for the design;
// in short: every record carries a random version id, and the versions
// table lists every version a record ever had in this file. Comparing the
// two current versions with the other side's history tells, per record,
// which side is newer, or that both changed (a conflict).

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

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
	// kind, concept, relation, source, citation, view, meta.
	Types map[string]*TypeReport `json:"types"`
	// Conflicts lists every conflict, resolved or not, in a stable order.
	Conflicts []Conflict `json:"conflicts"`
	// History counts the version ids MINE learns from THEIRS (rows of its
	// change history, see the file format); bounded by MergeHistoryPerRecord.
	History int `json:"history"`
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
// opts.DryRun nothing is written.
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
		err = mine.Update(run)
	}
	if err != nil {
		return nil, wrap(err)
	}
	return rep, nil
}

// theirsFile is the other file, open in a read transaction for the whole
// merge so that every record read from it comes from one snapshot.
type theirsFile struct {
	st   *Store
	tx   *Tx
	side *mergeSide
	tmp  string // a temporary upgraded copy to remove, if any
}

func (f *theirsFile) close() {
	if f.tx != nil {
		f.tx.close()
		f.tx.tx.Rollback()
	}
	f.st.Close()
	if f.tmp != "" {
		os.RemoveAll(f.tmp)
	}
}

// openTheirs opens the other file read-only and reads its versions. A file
// of an older schema is copied to a temporary file and upgraded there, so
// the original is never touched.
func openTheirs(path string) (f *theirsFile, err error) {
	st, err := OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	if st.oversized { // rules.go: its texts are too long to read at all
		st.Close()
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, st.invalid)
	}
	f = &theirsFile{st: st}
	defer func() {
		if err != nil {
			f.close()
			f = nil
		}
	}()
	v, err := st.SchemaVersionOf()
	if err != nil {
		return f, err
	}
	if v < SchemaVersion {
		st.Close()
		if f.tmp, err = tempDir(mergePrefix); err != nil {
			return f, err
		}
		tmp := filepath.Join(f.tmp, "theirs.kmap")
		if err := copyFile(path, tmp); err != nil {
			return f, fmt.Errorf("copy an older file to upgrade it: %w", err)
		}
		if f.st, err = Open(tmp); err != nil {
			return f, err
		}
	}
	sqlTx, err := f.st.db.Begin()
	if err != nil {
		return f, classify(err)
	}
	f.tx = &Tx{tx: sqlTx, now: time.Now().UTC()}
	f.side, err = loadSide(f.tx, MaxMergeHistory, true)
	return f, err
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// rec is the state of one record on one side: live or deleted. Its
// content (val) is read only when the merge needs it.
type rec struct {
	typ     model.EntityType
	id      string
	version string
	dead    bool
	deleted string // the tombstone's time
	val     any    // *model.Kind, *model.Concept, … or *model.Meta, once read
}

func live(r *rec) bool { return r != nil && !r.dead }

// hrow is one row of the versions table.
type hrow struct{ id, v string }

func (a hrow) less(b hrow) bool { return a.id < b.id || (a.id == b.id && a.v < b.v) }

// mergeSide is what a merge knows about one file: every record's version
// (by id: ids are unique across entity types), every version each id ever
// had, and a transaction to read contents from.
type mergeSide struct {
	tx        *Tx
	recs      map[string]*rec
	hist      []hrow // sorted by id, then version (the table's key order)
	projectID string
	meta      *model.Meta
	views     []*rec // live views (few; read whole)
	validate  bool   // validate every record read (THEIRS is untrusted)
}

func (s *mergeSide) inHistory(id, v string) bool {
	r := hrow{id, v}
	i := sort.Search(len(s.hist), func(i int) bool { return !s.hist[i].less(r) })
	return i < len(s.hist) && s.hist[i] == r
}

// value returns the content of a live record, reading it on first use.
func (s *mergeSide) value(r *rec) (any, error) {
	if !live(r) {
		return nil, nil
	}
	if r.val != nil {
		return r.val, nil
	}
	var v any
	var err error
	yes := func(string) bool { return true } // references are checked by the plan
	switch r.typ {
	case model.EntityConcept:
		var x model.Concept
		if x, err = s.tx.Concept(r.id); err == nil {
			v = &x
			if s.validate {
				err = model.ValidateConcept(x, yes)
			}
		}
	case model.EntityRelation:
		var x model.Relation
		if x, err = s.tx.Relation(r.id); err == nil {
			v = &x
			if s.validate {
				err = model.ValidateRelation(x, yes)
			}
		}
	case model.EntitySource:
		var x model.Source
		if x, err = s.tx.Source(r.id); err == nil {
			v = &x
			if s.validate {
				err = model.ValidateSource(x)
			}
		}
	case model.EntityCitation:
		var x model.Citation
		if x, err = s.tx.Citation(r.id); err == nil {
			v = &x
			if s.validate {
				err = model.ValidateCitation(x, yes, yes, yes)
			}
		}
	default:
		err = fmt.Errorf("no content for %s %s", r.typ, r.id)
	}
	if err != nil {
		if errors.Is(err, model.ErrInvalid) {
			return nil, fmt.Errorf("%w: THEIRS holds an invalid %s (run khareeta check on it): %v", ErrCorrupt, r.typ, err)
		}
		return nil, err
	}
	r.val = v
	return v, nil
}

// loadSide reads every record's version, the tombstones and the history
// (kinds, views and the meta whole; other contents are read on demand).
// limit > 0 bounds the history rows read; validate checks every record
// read against the model's rules.
func loadSide(tx *Tx, limit int, validate bool) (*mergeSide, error) {
	if limit > 0 {
		if err := historyBound(tx, limit); err != nil {
			return nil, err
		}
	}
	s := &mergeSide{tx: tx, recs: map[string]*rec{}, validate: validate}
	for _, typ := range entityTypes {
		rows, err := tx.Query(`SELECT id, version FROM ` + tableOf[typ])
		if err != nil {
			return nil, classify(err)
		}
		for rows.Next() {
			var id, v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return nil, classify(err)
			}
			if prev := s.recs[id]; prev != nil {
				rows.Close()
				return nil, fmt.Errorf("%w: id %s names both a %s and a %s", ErrCorrupt, id, prev.typ, typ)
			}
			s.recs[id] = &rec{typ: typ, id: id, version: v}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, classify(err)
		}
	}
	kinds, err := getAll(tx, "kinds", `SELECT `+kindCols+` FROM kinds`, scanKind)
	if err != nil {
		return nil, err
	}
	for i := range kinds {
		if validate {
			if err := model.ValidateKind(kinds[i]); err != nil {
				return nil, fmt.Errorf("%w: an invalid kind (run khareeta check on it): %v", ErrCorrupt, err)
			}
		}
		s.recs[kinds[i].ID].val = &kinds[i]
	}
	views, err := getAll(tx, "views", `SELECT `+viewCols+` FROM views`, scanView)
	if err != nil {
		return nil, err
	}
	yes := func(string) bool { return true }
	for i := range views {
		if validate {
			if err := model.ValidateView(views[i], yes, yes); err != nil {
				return nil, fmt.Errorf("%w: an invalid view (run khareeta check on it): %v", ErrCorrupt, err)
			}
		}
		r := s.recs[views[i].ID]
		r.val = &views[i]
		s.views = append(s.views, r)
	}
	rows, err := tx.Query(`SELECT id, entity, version, deleted FROM tombstones`)
	if err != nil {
		return nil, classify(err)
	}
	for rows.Next() {
		var id, name, v, when string
		if err := rows.Scan(&id, &name, &v, &when); err != nil {
			rows.Close()
			return nil, classify(err)
		}
		typ := model.EntityType(name)
		if _, ok := tableOf[typ]; !ok {
			rows.Close()
			return nil, fmt.Errorf("%w: a tombstone of an unknown entity type %q", ErrCorrupt, name)
		}
		if prev := s.recs[id]; prev == nil { // a live record wins over a stale tombstone
			s.recs[id] = &rec{typ: typ, id: id, version: v, dead: true, deleted: when}
		} else if prev.typ != typ {
			rows.Close()
			return nil, fmt.Errorf("%w: id %s names both a %s and a deleted %s", ErrCorrupt, id, prev.typ, typ)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	rows, err = tx.Query(`SELECT entity_id, version FROM versions ORDER BY entity_id, version`)
	if err != nil {
		return nil, classify(err)
	}
	for rows.Next() {
		var id, v string
		if err := rows.Scan(&id, &v); err != nil {
			rows.Close()
			return nil, classify(err)
		}
		s.hist = append(s.hist, hrow{id, v})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	m, err := readMeta(tx)
	if err != nil {
		return nil, err
	}
	if validate {
		var ps model.Problems
		if m.Language != model.Arabic && m.Language != model.English {
			ps = append(ps, model.Problem{What: "project", Msg: fmt.Sprintf("primary language %q must be \"ar\" or \"en\"", m.Language)})
		}
		if err := ps.Err(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
	}
	s.meta = &m
	var mv string
	tx.queryRow(`SELECT value FROM meta WHERE key = ?`, metaVersionKey).Scan(&mv)
	tx.queryRow(`SELECT value FROM meta WHERE key = 'project_id'`).Scan(&s.projectID)
	s.recs[MetaID] = &rec{typ: model.EntityMeta, id: MetaID, version: mv, val: &m}
	return s, nil
}

// historyBound refuses a file whose history is out of proportion to its
// records (see MergeHistoryPerRecord).
func historyBound(tx *Tx, limit int) error {
	var records, history, tombstones int
	q := `SELECT (SELECT count(*) FROM versions), (SELECT count(*) FROM tombstones)`
	for _, t := range entityTypes {
		q += `, (SELECT count(*) FROM ` + tableOf[t] + `)`
	}
	counts := make([]int, 2+len(entityTypes))
	dest := make([]any, len(counts))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := tx.queryRow(q).Scan(dest...); err != nil {
		return fmt.Errorf("count the history: %w", classify(err))
	}
	history, tombstones = counts[0], counts[1]
	for _, n := range counts[2:] {
		records += n
	}
	records += tombstones
	bound := min(limit, MergeHistoryPerRecord*records+MergeHistoryAllowance)
	if history+tombstones > bound {
		return fmt.Errorf("%w: its history holds %d rows for %d records (at most %d per record, plus %d, are taken in): it was made or changed by another program; ask its author for a fresh copy",
			ErrTooLarge, history+tombstones, records, MergeHistoryPerRecord, MergeHistoryAllowance)
	}
	return nil
}

// decision is what the merge does with one record. Records with the same
// version on both sides (almost all of them) get no decision: they stay as
// they are, and only their histories are joined.
type decision struct {
	id    string
	typ   model.EntityType
	m, t  *rec // the record in MINE and THEIRS (nil: never there)
	final *rec // the record after the merge (m itself when MINE keeps its state)
	// from says whose content final carries when it must be written:
	// Theirs (take their content), Mine (MINE's content under a new
	// version), or "" (nothing to write).
	from Side
	// union joins THEIRS' history of the record to MINE's.
	union bool
	// fixed marks a state the user chose, or a deletion cascading from one;
	// the dependency check does not turn it back into a conflict.
	fixed    bool
	conflict *Conflict
}

// plan is a whole merge, decided before anything is written.
type plan struct {
	my, their *mergeSide
	resolve   map[string]Side
	decisions map[string]*decision
	order     []*decision // by type (dependency order), then id
	now       string
	err       error // the first error reading a record's content
	referrers map[string][]string
	newHist   []hrow // versions MINE learns from THEIRS
}

func newPlan(my, their *mergeSide, resolve map[string]Side) (*plan, error) {
	pl := &plan{my: my, their: their, resolve: resolve, decisions: map[string]*decision{},
		now: fmtTime(time.Now().UTC()), referrers: map[string][]string{}}
	for id, t := range their.recs {
		m := my.recs[id]
		switch {
		case m == nil:
			pl.add(&decision{id: id, typ: t.typ, t: t})
		case m.typ != t.typ:
			return nil, fmt.Errorf("id %s is a %s in MINE but a %s in THEIRS; these files cannot be merged by id", id, m.typ, t.typ)
		case m.version != t.version || m.version == "":
			pl.add(&decision{id: id, typ: t.typ, m: m, t: t})
		}
	}
	pl.sort(pl.order)
	for _, d := range pl.order {
		pl.decide(d)
	}
	pl.followDeleteConflicts()
	pl.checkReferences()
	pl.sort(pl.order)
	pl.joinHistories()
	return pl, pl.err
}

func (pl *plan) add(d *decision) *decision {
	pl.decisions[d.id] = d
	pl.order = append(pl.order, d)
	return d
}

// decision returns the decision on id, making one (MINE keeps its state)
// for a record both sides hold in the same version. It is nil for an id
// neither side has.
func (pl *plan) decision(id string) *decision {
	if d := pl.decisions[id]; d != nil {
		return d
	}
	m := pl.my.recs[id]
	if m == nil {
		return nil
	}
	t := pl.their.recs[id]
	return pl.add(&decision{id: id, typ: m.typ, m: m, t: t, final: m, union: t != nil})
}

// final returns the state id has after the merge.
func (pl *plan) final(id string) *rec {
	if d := pl.decisions[id]; d != nil {
		return d.final
	}
	return pl.my.recs[id]
}

func (pl *plan) sort(ds []*decision) {
	sort.Slice(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.typ != b.typ {
			return a.typ.Rank() < b.typ.Rank()
		}
		return a.id < b.id
	})
}

// val returns a record's content from the side that holds it, or nil (for a
// deleted record, or after a read error, which pl.err then holds).
func (pl *plan) val(r *rec) any {
	if !live(r) {
		return nil
	}
	if r.val != nil {
		return r.val
	}
	s := pl.my
	if pl.their.recs[r.id] == r {
		s = pl.their
	}
	v, err := s.value(r)
	if err != nil && pl.err == nil {
		pl.err = err
	}
	return v
}

// sameContent reports whether two records hold the same content, ignoring
// their Updated times (two deleted records are the same).
func (pl *plan) sameContent(a, b *rec) bool {
	if a.dead || b.dead {
		return a.dead && b.dead
	}
	av, bv := pl.val(a), pl.val(b)
	if av == nil || bv == nil {
		return false
	}
	if am, ok := av.(*model.Meta); ok {
		return sameMeta(*am, *bv.(*model.Meta))
	}
	return same(av, bv)
}

// decide applies the version rules to one record.
func (pl *plan) decide(d *decision) {
	m, t := d.m, d.t
	if m == nil { // only THEIRS has it (live or deleted): take it whole
		d.final, d.from, d.union = t, Theirs, true
		return
	}
	if m.typ == model.EntityKind && live(m) && t.dead && m.val.(*model.Kind).BuiltIn {
		d.final = m // built-in kinds are never deleted
		return
	}
	vm, vt := m.version, t.version
	if vm == vt && pl.sameContent(m, t) { // only the meta of old files gets here
		d.final, d.union = m, true
		return
	}
	// An empty version is the meta of a file made before meta was
	// versioned: it is older than any version.
	mineNewer := vt == "" || pl.my.inHistory(m.id, vt)
	theirsNewer := vm == "" || pl.their.inHistory(t.id, vm)
	switch {
	case mineNewer && !theirsNewer:
		d.final, d.union = m, true
	case theirsNewer && !mineNewer:
		d.final, d.from, d.union = t, Theirs, true
	case pl.sameContent(m, t):
		// Both made the same change (or both deleted): not a conflict. Both
		// directions keep the greater version id, so they agree.
		d.union = true
		if vt > vm {
			d.final, d.from = t, Theirs
		} else {
			d.final = m
		}
	default:
		kind, reason := ConflictEdit, "changed on both sides"
		switch {
		case m.dead:
			kind, reason = ConflictDelete, "deleted in MINE, changed in THEIRS"
		case t.dead:
			kind, reason = ConflictDelete, "deleted in THEIRS, changed in MINE"
		}
		pl.conflict(d, kind, reason)
	}
}

// followDeleteConflicts keeps with a record what THEIRS deleted with it.
// When THEIRS deleted a record that MINE changed (a delete conflict), the
// records THEIRS deleted because they used it (a concept's relations and
// citations, a relation's citations, a source's citations) follow that
// conflict instead of being deleted by their versions: while it is open
// MINE keeps them as they are; when MINE is chosen they are kept under a
// new version (so that THEIRS takes them back); when THEIRS is chosen they
// go with it. Each is listed as a blocked conflict naming the one it
// follows. Decisions are in dependency order, so a citation of a relation
// of the concept follows too.
func (pl *plan) followDeleteConflicts() {
	kept := map[string]*decision{} // id → the delete conflict it follows
	for _, d := range pl.order {
		if c := d.conflict; c != nil && c.Kind == ConflictDelete && live(d.m) && !live(d.t) && c.Resolution != string(Theirs) {
			kept[d.id] = d
			continue
		}
		if d.conflict != nil || !live(d.m) || d.t == nil || !d.t.dead || live(d.final) {
			continue // not a deletion of MINE's record decided by versions
		}
		for _, id := range pl.refs(d.m) {
			root := kept[id]
			if root == nil {
				continue
			}
			if r := kept[root.id]; r != nil {
				root = r
			}
			kept[d.id] = root
			pl.conflict(d, ConflictBlocked, "deleted in THEIRS together with an item MINE changed; it follows that conflict")
			d.conflict.Needs = append(d.conflict.Needs, root.id)
			if root.conflict.Resolution == string(Mine) {
				d.conflict.Resolution = string(Mine)
				pl.settle(d, d.m, Mine)
			}
			break
		}
	}
}

// conflict records a conflict on d, applying the user's resolution if any;
// without one, MINE keeps its state.
func (pl *plan) conflict(d *decision, kind, reason string) {
	c := &Conflict{Entity: string(d.typ), ID: d.id, Kind: kind, Reason: reason,
		MineDeleted: !live(d.m), TheirsDeleted: !live(d.t)}
	c.Fields = diffFields(fieldsOf(pl.val(d.m)), fieldsOf(pl.val(d.t)))
	d.conflict = c
	side, ok := pl.resolve[d.id]
	if !ok || (side != Mine && side != Theirs) || kind == ConflictBlocked {
		d.final, d.from, d.union, d.fixed = d.m, "", false, false
		return
	}
	c.Resolution = string(side)
	chosen := d.m
	if side == Theirs {
		chosen = d.t
	}
	pl.settle(d, chosen, side)
}

// settle gives d the state chosen by the user (or a cascading deletion,
// chosen == nil) under a new version that supersedes both sides' versions.
func (pl *plan) settle(d *decision, chosen *rec, side Side) {
	f := &rec{typ: d.typ, id: d.id, version: newVersion(), dead: true, deleted: pl.now}
	if live(chosen) {
		f.dead, f.deleted, f.val = false, "", pl.val(chosen)
	}
	d.final, d.from, d.union, d.fixed = f, side, true, true
	if f.dead {
		d.from = ""
	}
}

// refs lists the ids a live record's content refers to.
func (pl *plan) refs(r *rec) []string {
	switch v := pl.val(r).(type) {
	case *model.Concept:
		return []string{v.Kind}
	case *model.Relation:
		return []string{v.From, v.To}
	case *model.Citation:
		out := []string{v.Source}
		if v.Concept != "" {
			out = append(out, v.Concept)
		}
		if v.Relation != "" {
			out = append(out, v.Relation)
		}
		return out
	case *model.View:
		out := append(append([]string(nil), v.Kinds...), v.Concepts...)
		if v.Focus != "" {
			out = append(out, v.Focus)
		}
		return out
	}
	return nil
}

// mineReferrers lists MINE's live records whose content refers to id.
func (pl *plan) mineReferrers(id string) []string {
	if out, ok := pl.referrers[id]; ok {
		return out
	}
	var out []string
	query := func(q string) {
		ids, err := pl.my.tx.ids(q, id)
		if err != nil && pl.err == nil {
			pl.err = err
		}
		out = append(out, ids...)
	}
	if m := pl.my.recs[id]; m != nil {
		switch m.typ {
		case model.EntityKind:
			query(`SELECT id FROM concepts WHERE kind = ?1`)
		case model.EntityConcept:
			query(`SELECT id FROM relations WHERE source_id = ?1 OR target_id = ?1`)
			query(`SELECT id FROM citations WHERE concept_id = ?1`)
		case model.EntityRelation:
			query(`SELECT id FROM citations WHERE relation_id = ?1`)
		case model.EntitySource:
			query(`SELECT id FROM citations WHERE source_id = ?1`)
		}
	}
	for _, v := range pl.my.views {
		for _, r := range pl.refs(v) {
			if r == id {
				out = append(out, v.id)
				break
			}
		}
	}
	pl.referrers[id] = out
	return out
}

// checkSet lists the live records whose references may be broken: those
// whose content changes, MINE's records that use a record being deleted,
// and every view.
func (pl *plan) checkSet() []*decision {
	seen := map[*decision]bool{}
	var out []*decision
	add := func(d *decision) {
		if d != nil && !seen[d] && live(d.final) {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, v := range pl.my.views {
		add(pl.decision(v.id))
	}
	for _, d := range append([]*decision(nil), pl.order...) {
		if d.final != d.m {
			add(d)
		}
		if live(d.m) && !live(d.final) {
			for _, id := range pl.mineReferrers(d.id) {
				add(pl.decision(id))
			}
		}
	}
	pl.sort(out)
	return out
}

// checkReferences makes the merged state whole: no record that stays may
// use a record that goes. A deletion decided by versions that would strand
// a record of the other side becomes a dependency conflict; a record of
// THEIRS that needs a record deleted in MINE under an open conflict waits
// for it (blocked); a deletion the user chose cascades. It repeats until
// nothing changes (each step only moves records to MINE's state or to
// deleted, so it ends).
func (pl *plan) checkReferences() {
	for changed := true; changed && pl.err == nil; {
		changed = false
		for _, d := range pl.checkSet() {
			if !live(d.final) {
				continue
			}
			for _, id := range pl.refs(d.final) {
				if live(pl.final(id)) {
					continue
				}
				rd := pl.decision(id)
				step := true
				switch {
				case rd != nil && rd.fixed:
					// The user chose to delete what d needs: d goes too.
					if d.conflict != nil {
						d.conflict.Resolution = "deleted"
					}
					pl.settle(d, nil, "")
				case rd != nil && rd.conflict == nil && (live(rd.m) || live(rd.t)):
					// A deletion decided by versions strands d: a conflict.
					reason := "deleted in THEIRS, still used in MINE"
					if !live(rd.m) {
						reason = "deleted in MINE, still used in THEIRS"
					}
					pl.conflict(rd, ConflictDependency, reason)
				case d.final != d.m:
					// d comes from THEIRS and needs what MINE deleted under an
					// open conflict: it waits, MINE keeps its state.
					pl.conflict(d, ConflictBlocked, "needs an item deleted in MINE whose conflict is open")
					d.conflict.Needs = append(d.conflict.Needs, id)
				default:
					step = false // MINE's own state is inconsistent here; leave it
				}
				if step {
					changed = true
					break // d changed: look at it again in the next pass
				}
			}
		}
	}
	// Name, for every dependency conflict, the records that use the item.
	var changing []string
	for _, x := range pl.order {
		if live(x.final) && x.final != x.m {
			changing = append(changing, x.id)
		}
	}
	for _, d := range append([]*decision(nil), pl.order...) {
		if d.conflict == nil || d.conflict.Kind != ConflictDependency {
			continue
		}
		for _, id := range append(append([]string(nil), pl.mineReferrers(d.id)...), changing...) {
			x := pl.final(id)
			if !live(x) || id == d.id {
				continue
			}
			for _, r := range pl.refs(x) {
				if r == d.id {
					d.conflict.UsedBy = append(d.conflict.UsedBy, id)
					break
				}
			}
		}
	}
}

// joinHistories finds the versions THEIRS knows and MINE does not, for
// every record whose history MINE takes in (not for open conflicts: MINE
// learning THEIRS' version would settle them silently). Both histories are
// sorted, so one pass over each suffices.
func (pl *plan) joinHistories() {
	mh, th := pl.my.hist, pl.their.hist
	i := 0
	for _, r := range th {
		for i < len(mh) && mh[i].less(r) {
			i++
		}
		if i < len(mh) && mh[i] == r {
			continue
		}
		ok := false
		if d := pl.decisions[r.id]; d != nil {
			ok = d.union
		} else {
			ok = pl.my.recs[r.id] != nil && pl.their.recs[r.id] != nil
		}
		if ok {
			pl.newHist = append(pl.newHist, r)
		}
	}
}

// writes reports whether applying the plan changes MINE at all.
func (pl *plan) writes() bool {
	if len(pl.newHist) > 0 {
		return true
	}
	for _, d := range pl.order {
		if d.final != d.m {
			return true
		}
	}
	return false
}

// report fills rep from the plan.
func (pl *plan) report(rep *MergeReport) {
	rep.Types = map[string]*TypeReport{}
	for _, t := range model.EntityTypes {
		rep.Types[string(t)] = &TypeReport{Added: []Item{}, Updated: []Item{}, Deleted: []Item{}}
	}
	rep.Conflicts = []Conflict{}
	rep.History = len(pl.newHist)
	for _, d := range pl.order {
		tr := rep.Types[string(d.typ)]
		if d.conflict != nil {
			c := *d.conflict
			c.Label = pl.label(d)
			c.UsedBy, c.Needs = sortedSet(c.UsedBy), sortedSet(c.Needs)
			rep.Conflicts = append(rep.Conflicts, c)
			if !c.Resolved() {
				tr.Conflicts++
			}
		}
		if d.final == d.m {
			continue
		}
		switch {
		case !live(d.m) && live(d.final):
			tr.Added = append(tr.Added, Item{ID: d.id, Label: pl.label(d)})
		case live(d.m) && !live(d.final):
			tr.Deleted = append(tr.Deleted, Item{ID: d.id, Label: pl.label(d)})
		case live(d.m) && live(d.final) && !pl.sameContent(d.m, d.final):
			tr.Updated = append(tr.Updated, Item{ID: d.id, Label: pl.label(d)})
		}
	}
}

func sortedSet(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	s = append([]string(nil), s...)
	sort.Strings(s)
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

// label names a record for people: a concept's label, a relation as
// "from — phrase → to", a source's title ….
func (pl *plan) label(d *decision) string {
	lang := pl.my.meta.Language
	r := d.final
	if !live(r) {
		r = d.m
	}
	if !live(r) {
		r = d.t
	}
	if !live(r) {
		return d.id
	}
	find := func(typ model.EntityType, id string) any {
		for _, s := range []*mergeSide{pl.my, pl.their} {
			if x := s.recs[id]; live(x) && x.typ == typ {
				return pl.val(x)
			}
		}
		return nil
	}
	conceptLabel := func(id string) string {
		if c, ok := find(model.EntityConcept, id).(*model.Concept); ok {
			return c.Label.Get(lang)
		}
		return id
	}
	switch v := pl.val(r).(type) {
	case *model.Kind:
		return v.Name.Get(lang)
	case *model.Concept:
		return v.Label.Get(lang)
	case *model.Relation:
		phrase := v.Phrase.Get(lang)
		if phrase == "" {
			phrase = v.Type
		}
		return conceptLabel(v.From) + " — " + phrase + " → " + conceptLabel(v.To)
	case *model.Source:
		return v.Title
	case *model.Citation:
		if src, ok := find(model.EntitySource, v.Source).(*model.Source); ok {
			if v.Locator != "" {
				return src.Title + ", " + v.Locator
			}
			return src.Title
		}
	case *model.View:
		return v.Name.Get(lang)
	case *model.Meta:
		return v.Title.Get(lang)
	}
	return d.id
}

// field is one named value of a record, for conflict listings.
type field struct{ name, value string }

func textFields(name string, t model.Text) []field {
	var out []field
	for _, l := range t.Langs() {
		out = append(out, field{name + "." + l, t[l]})
	}
	return out
}

func namesString(ns []model.Name) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = n.String()
	}
	return strings.Join(s, "; ")
}

// fieldsOf lists the user-visible fields of a live record (not its
// creation and update times).
func fieldsOf(val any) []field {
	switch v := val.(type) {
	case *model.Kind:
		f := textFields("name", v.Name)
		return append(f, field{"color", v.Color}, field{"shape", v.Shape}, field{"order", strconv.Itoa(v.Order)}, field{"builtin", strconv.FormatBool(v.BuiltIn)})
	case *model.Concept:
		f := []field{{"kind", v.Kind}}
		f = append(f, textFields("label", v.Label)...)
		f = append(f, textFields("description", v.Description)...)
		return append(f, field{"notes", v.Notes})
	case *model.Relation:
		f := []field{{"from", v.From}, {"to", v.To}, {"type", v.Type}}
		f = append(f, textFields("phrase", v.Phrase)...)
		return append(f, field{"notes", v.Notes})
	case *model.Source:
		return []field{{"key", v.Key}, {"type", v.Type}, {"authors", namesString(v.Authors)}, {"editors", namesString(v.Editors)},
			{"issued", v.Issued}, {"title", v.Title}, {"container_title", v.ContainerTitle}, {"publisher", v.Publisher},
			{"publisher_place", v.PublisherPlace}, {"volume", v.Volume}, {"issue", v.Issue}, {"pages", v.Pages},
			{"number", v.Number}, {"doi", v.DOI}, {"url", v.URL}, {"language", v.Language}, {"accessed", v.Accessed}, {"note", v.Note}}
	case *model.Citation:
		return []field{{"source", v.Source}, {"concept", v.Concept}, {"relation", v.Relation}, {"locator", v.Locator}, {"quote", v.Quote}, {"note", v.Note}}
	case *model.View:
		f := textFields("name", v.Name)
		f = append(f, textFields("description", v.Description)...)
		return append(f, field{"concepts", strings.Join(v.Concepts, ", ")}, field{"kinds", strings.Join(v.Kinds, ", ")},
			field{"focus", v.Focus}, field{"depth", strconv.Itoa(v.Depth)}, field{"layout.engine", v.Layout.Engine}, field{"layout.direction", v.Layout.Direction})
	case *model.Meta:
		f := textFields("title", v.Title)
		f = append(f, textFields("description", v.Description)...)
		return append(f, field{"language", v.Language})
	}
	return nil
}

// diffFields lists the fields whose values differ, MINE's order first.
// When one side is deleted, every non-empty field of the other is listed.
func diffFields(mf, tf []field) []FieldDiff {
	tv := map[string]string{}
	for _, f := range tf {
		tv[f.name] = f.value
	}
	mv := map[string]string{}
	out := []FieldDiff{}
	for _, f := range mf {
		mv[f.name] = f.value
		if f.value != tv[f.name] {
			out = append(out, FieldDiff{Field: f.name, Mine: f.value, Theirs: tv[f.name]})
		}
	}
	for _, f := range tf {
		if _, ok := mv[f.name]; !ok && f.value != "" {
			out = append(out, FieldDiff{Field: f.name, Mine: "", Theirs: f.value})
		}
	}
	return out
}

// apply writes the plan in the transaction, in an order that keeps every
// reference valid at each step.
func (pl *plan) apply(tx *Tx) error {
	byType := map[model.EntityType][]*decision{}
	for _, d := range pl.order {
		byType[d.typ] = append(byType[d.typ], d)
	}
	deletes := func(types ...model.EntityType) error {
		for _, typ := range types {
			for _, d := range byType[typ] {
				if live(d.m) && !live(d.final) {
					if err := tx.mergeDelete(d.m, d.final); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	puts := func(types ...model.EntityType) error {
		for _, typ := range types {
			for _, d := range byType[typ] {
				if live(d.final) && d.final != d.m {
					if pl.val(d.final) == nil {
						return fmt.Errorf("merge: no content for %s %s: %v", d.typ, d.id, pl.err)
					}
					if err := tx.mergePut(d); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	steps := []func() error{
		func() error { return deletes(model.EntityView, model.EntityCitation, model.EntityRelation) },
		func() error { return puts(model.EntityKind, model.EntityConcept, model.EntitySource) },
		func() error { return puts(model.EntityRelation, model.EntityCitation) },
		func() error { return deletes(model.EntityConcept, model.EntitySource, model.EntityKind) },
		func() error { return puts(model.EntityView) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	for _, d := range pl.order {
		// Deletions MINE never had, or had under another version, are
		// recorded so they reach the files merged from this one.
		if !live(d.final) && d.final != d.m && !live(d.m) {
			if err := tx.recordTombstone(d.final); err != nil {
				return err
			}
		}
		if d.typ == model.EntityMeta && d.final != d.m {
			if err := tx.mergeMeta(d.final); err != nil {
				return err
			}
		}
	}
	for _, r := range pl.newHist {
		if _, err := tx.exec(`INSERT OR IGNORE INTO versions(entity_id, version) VALUES (?, ?)`, r.id, r.v); err != nil {
			return fmt.Errorf("record the history of %s: %w", r.id, classify(err))
		}
	}
	peer := pl.their.projectID
	if peer == "" {
		peer = "unknown"
	}
	if _, err := tx.exec(`INSERT INTO merges(peer, merged) VALUES (?, ?) ON CONFLICT(peer) DO UPDATE SET merged = excluded.merged`, peer, pl.now); err != nil {
		return fmt.Errorf("record the merge: %w", classify(err))
	}
	return nil
}

// mergePut writes the final content of d under its final version.
func (tx *Tx) mergePut(d *decision) error {
	f := d.final
	table := tableOf[f.typ]
	var before string
	tx.queryRow(`SELECT version FROM `+table+` WHERE id = ?`, f.id).Scan(&before)
	var err error
	var updated string
	switch v := f.val.(type) {
	case *model.Kind:
		err = tx.PutKind(*v)
	case *model.Concept:
		err, updated = tx.PutConcept(*v), fmtTime(v.Updated)
	case *model.Relation:
		err, updated = tx.PutRelation(*v), fmtTime(v.Updated)
	case *model.Source:
		err, updated = tx.PutSource(*v), fmtTime(v.Updated)
	case *model.Citation:
		err, updated = tx.PutCitation(*v), fmtTime(v.Updated)
	case *model.View:
		err, updated = tx.PutView(*v), fmtTime(v.Updated)
	default:
		return fmt.Errorf("merge: cannot write a %T", f.val)
	}
	if err != nil {
		return fmt.Errorf("merge %s %s: %w", f.typ, f.id, err)
	}
	// Put* recorded a version of its own when it changed the row; the
	// merged row carries the final version instead.
	var after string
	if err := tx.queryRow(`SELECT version FROM `+table+` WHERE id = ?`, f.id).Scan(&after); err != nil {
		return fmt.Errorf("merge %s %s: %w", f.typ, f.id, classify(err))
	}
	if after != before {
		if _, err := tx.exec(`DELETE FROM versions WHERE entity_id = ? AND version = ?`, f.id, after); err != nil {
			return classify(err)
		}
	}
	q := `UPDATE ` + table + ` SET version = ? WHERE id = ?`
	args := []any{f.version, f.id}
	if updated != "" && d.from == Theirs {
		q = `UPDATE ` + table + ` SET version = ?, updated = ? WHERE id = ?`
		args = []any{f.version, updated, f.id}
	}
	if _, err := tx.exec(q, args...); err != nil {
		return fmt.Errorf("merge %s %s: %w", f.typ, f.id, classify(err))
	}
	if _, err := tx.exec(`INSERT OR IGNORE INTO versions(entity_id, version) VALUES (?, ?)`, f.id, f.version); err != nil {
		return classify(err)
	}
	if _, err := tx.exec(`DELETE FROM tombstones WHERE id = ?`, f.id); err != nil {
		return classify(err)
	}
	return nil
}

// dependents counts the rows that still refer to a record about to be deleted.
var dependents = map[model.EntityType]string{
	model.EntityConcept:  `SELECT (SELECT count(*) FROM relations WHERE source_id = ?1 OR target_id = ?1) + (SELECT count(*) FROM citations WHERE concept_id = ?1)`,
	model.EntityRelation: `SELECT count(*) FROM citations WHERE relation_id = ?1`,
	model.EntitySource:   `SELECT count(*) FROM citations WHERE source_id = ?1`,
	model.EntityKind:     `SELECT count(*) FROM concepts WHERE kind = ?1`,
}

// mergeDelete deletes MINE's live record m and records the final tombstone.
// Unlike Delete*, it never cascades: the plan has already decided the fate
// of every dependent, and a dependent left here would be a bug.
func (tx *Tx) mergeDelete(m, final *rec) error {
	if q, ok := dependents[m.typ]; ok {
		var n int
		if err := tx.queryRow(q, m.id).Scan(&n); err != nil {
			return classify(err)
		}
		if n > 0 {
			return fmt.Errorf("merge: %s %s is still used by %d records; nothing was written", m.typ, m.id, n)
		}
	}
	if _, err := tx.exec(`DELETE FROM `+tableOf[m.typ]+` WHERE id = ?`, m.id); err != nil {
		return fmt.Errorf("merge: delete %s %s: %w", m.typ, m.id, classify(err))
	}
	if m.typ == model.EntityConcept || m.typ == model.EntitySource || m.typ == model.EntityCitation {
		if err := tx.unindex(m.id); err != nil {
			return err
		}
	}
	return tx.recordTombstone(final)
}

func (tx *Tx) recordTombstone(f *rec) error {
	when := f.deleted
	if when == "" {
		when = fmtTime(tx.now)
	}
	if _, err := tx.exec(`INSERT INTO tombstones(id, entity, version, deleted) VALUES (?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET entity = excluded.entity, version = excluded.version, deleted = excluded.deleted`,
		f.id, f.typ, f.version, when); err != nil {
		return fmt.Errorf("merge: record the deletion of %s %s: %w", f.typ, f.id, classify(err))
	}
	if _, err := tx.exec(`INSERT OR IGNORE INTO versions(entity_id, version) VALUES (?, ?)`, f.id, f.version); err != nil {
		return classify(err)
	}
	return nil
}

// mergeMeta writes the project's title, description and language with
// their final version (without minting one, as SetMeta would).
func (tx *Tx) mergeMeta(f *rec) error {
	m := f.val.(*model.Meta)
	for k, v := range map[string]string{
		"title": toJSONText(m.Title), "description": toJSONText(m.Description), "language": m.Language,
	} {
		if _, err := tx.exec(`INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return fmt.Errorf("merge the project %s: %w", k, classify(err))
		}
	}
	if f.version == "" {
		return nil
	}
	return tx.setMetaVersion(f.version)
}
