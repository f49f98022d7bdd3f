package store

// Merge, stage 3: the report, for people (see merge.go).

import (
	"sort"

	"github.com/khareeta/khareeta/internal/model"
)

// report fills rep from the plan.
func (pl *plan) report(rep *MergeReport) {
	rep.Types = map[string]*TypeReport{}
	for _, t := range model.EntityTypes {
		rep.Types[string(t)] = &TypeReport{Added: []Item{}, Updated: []Item{}, Deleted: []Item{}}
	}
	rep.Conflicts = []Conflict{}
	rep.History = len(pl.newHist)
	rep.Moves = pl.moveReport()
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

// label names a record for people (model.Describe): its final state, else
// MINE's, else THEIRS', in MINE's language; the records it names are looked
// up on either side.
func (pl *plan) label(d *decision) string {
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
	find := func(typ model.EntityType, id string) model.Entity {
		for _, s := range []*mergeSide{pl.my, pl.their} {
			if x := s.recs[id]; live(x) && x.typ == typ {
				return pl.val(x)
			}
		}
		return nil
	}
	if l := model.Describe(pl.val(r), pl.my.meta.Language, find); l != "" {
		return l
	}
	return d.id
}

// diffFields lists the fields whose values differ, MINE's order first.
// When one side is deleted, every non-empty field of the other is listed.
func diffFields(mf, tf []model.Field) []FieldDiff {
	tv := map[string]string{}
	for _, f := range tf {
		tv[f.Name] = f.Value
	}
	mv := map[string]string{}
	out := []FieldDiff{}
	for _, f := range mf {
		mv[f.Name] = f.Value
		if f.Value != tv[f.Name] {
			out = append(out, FieldDiff{Field: f.Name, Mine: f.Value, Theirs: tv[f.Name]})
		}
	}
	for _, f := range tf {
		if _, ok := mv[f.Name]; !ok && f.Value != "" {
			out = append(out, FieldDiff{Field: f.Name, Mine: "", Theirs: f.Value})
		}
	}
	return out
}
