package store

// Merge, stage 2: planning, record by record (see merge.go).

import (
	"fmt"
	"sort"
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

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
	newHist   []hrow      // versions MINE learns from THEIRS
	moves     []*decision // positions moved on both sides (merge_positions.go)
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
	pl.dropStrandedPositions()
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
func (pl *plan) val(r *rec) model.Entity {
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
	return av != nil && bv != nil && model.SameEntity(av, bv)
}

// decide applies the version rules to one record.
func (pl *plan) decide(d *decision) {
	m, t := d.m, d.t
	if m == nil { // only THEIRS has it (live or deleted): take it whole
		d.final, d.from, d.union = t, Theirs, true
		return
	}
	if m.typ == model.EntityKind && live(m) && t.dead && m.val.(model.Kind).BuiltIn {
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
	case d.typ == model.EntityPosition:
		pl.laterMove(d) // never a conflict: merge_positions.go
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
			if d.typ == model.EntityPosition {
				pl.followPosition(d, root)
				break
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
	c.Fields = diffFields(model.Fields(pl.val(d.m)), model.Fields(pl.val(d.t)))
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
func (pl *plan) refs(r *rec) []string { return model.RefsOf(pl.val(r)) }

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
			query(`SELECT id FROM positions WHERE concept_id = ?1`)
		case model.EntityView:
			query(`SELECT id FROM positions WHERE view_id = ?1`)
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
			if !live(d.final) || d.typ == model.EntityPosition { // positions follow: dropStrandedPositions
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
			if !live(x) || id == d.id || x.typ == model.EntityPosition { // a position holds nothing back
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
