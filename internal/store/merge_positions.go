package store

// Merge: positions (see merge.go). A position is merged by its id like any
// record, with two differences, because where a concept sits on a map is
// not a question worth asking anyone:
//
//   - moved (or moved and removed) on both sides since the copies diverged,
//     it is not a conflict: the later move wins (by the position's Updated
//     time, or the tombstone's time; equal times: the greater version, so
//     both directions agree), and the report lists it under Moves;
//   - it follows its concept and its view: when either does not stay, the
//     position goes too (MINE's is deleted, THEIRS' is not taken), and it
//     never holds a concept or a view back (it is not a dependency).

import (
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

// Move is a position moved on both sides since the copies diverged: not a
// conflict; the later move was kept.
type Move struct {
	ID    string `json:"id"`
	Label string `json:"label"` // "concept label @ view name" (model.Describe)
	// Kept is the side whose move was later and stays: "mine" or "theirs".
	Kept Side `json:"kept"`
}

// MovedBothReason is what a Move means, for people.
const MovedBothReason = "moved on both sides, kept the later move"

// laterMove decides a position both sides changed differently: the later
// state wins (see the top of this file).
func (pl *plan) laterMove(d *decision) {
	m, t := d.m, d.t
	mt, tt := pl.placedAt(m), pl.placedAt(t)
	theirs := tt.After(mt) || (tt.Equal(mt) && t.version > m.version)
	d.union = true
	if theirs {
		d.final, d.from = t, Theirs
	} else {
		d.final = m
	}
	if live(m) && live(t) {
		pl.moves = append(pl.moves, d)
	}
}

// placedAt is when a position was last placed (or removed).
func (pl *plan) placedAt(r *rec) time.Time {
	if r.dead {
		t, _ := parseTime(r.deleted)
		return t
	}
	if p, ok := pl.val(r).(model.Position); ok {
		return p.Updated
	}
	return time.Time{}
}

// followPosition settles a position THEIRS deleted together with a record
// MINE changed (a delete conflict, root): while the conflict is open MINE
// keeps the position as it is; when MINE is chosen it is kept under a new
// version, so THEIRS takes it back. No conflict is listed for it.
func (pl *plan) followPosition(d, root *decision) {
	if root.conflict.Resolution == string(Mine) {
		pl.settle(d, d.m, Mine)
		return
	}
	d.final, d.from, d.union = d.m, "", false
}

// dropStrandedPositions runs once the other records are settled: a
// position whose concept or view does not stay goes with them.
func (pl *plan) dropStrandedPositions() {
	for _, d := range pl.checkSet() {
		if d.typ != model.EntityPosition || !live(d.final) {
			continue
		}
		for _, id := range pl.refs(d.final) {
			if live(pl.final(id)) {
				continue
			}
			switch {
			case !live(d.m): // THEIRS' position: not taken
				d.final, d.from, d.union = d.m, "", false
			case d.t != nil && d.t.dead: // THEIRS deleted it too: its tombstone
				d.final, d.from, d.union = d.t, "", true
			default: // deleted here, under a new version
				pl.settle(d, nil, "")
			}
			break
		}
	}
}

// moveReport lists the positions moved on both sides.
func (pl *plan) moveReport() []Move {
	out := []Move{}
	for _, d := range pl.moves {
		if !live(d.final) { // its concept or view went: the move no longer matters
			continue
		}
		kept := Mine
		if d.final == d.t {
			kept = Theirs
		}
		out = append(out, Move{ID: d.id, Label: pl.label(d), Kept: kept})
	}
	return out
}
