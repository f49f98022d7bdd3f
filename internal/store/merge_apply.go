package store

// Merge, stage 4: applying the plan in MINE's transaction (see merge.go).

import (
	"fmt"

	"github.com/khareeta/khareeta/internal/model"
)

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
		func() error {
			return deletes(model.EntityPosition, model.EntityView, model.EntityCitation, model.EntityRelation)
		},
		func() error { return puts(model.EntityKind, model.EntityConcept, model.EntitySource) },
		func() error { return puts(model.EntityRelation, model.EntityCitation) },
		func() error { return deletes(model.EntityConcept, model.EntitySource, model.EntityKind) },
		func() error { return puts(model.EntityView, model.EntityPosition) },
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
	before, err := tx.VersionOf(f.typ, f.id)
	if err != nil {
		return err
	}
	if f.val == nil || f.val.EntityType() != f.typ || f.typ == model.EntityMeta {
		return fmt.Errorf("merge: cannot write %s %s from %T", f.typ, f.id, f.val)
	}
	if err := tx.Put(f.val); err != nil {
		return fmt.Errorf("merge %s %s: %w", f.typ, f.id, err)
	}
	table := tableOf[f.typ]
	updated := fmtTime(f.val.Modified())
	// Put* recorded a version of its own when it changed the row; the
	// merged row carries the final version instead.
	after, err := tx.VersionOf(f.typ, f.id)
	if err != nil {
		return fmt.Errorf("merge %s %s: %w", f.typ, f.id, err)
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
	model.EntityConcept: `SELECT (SELECT count(*) FROM relations WHERE source_id = ?1 OR target_id = ?1) + (SELECT count(*) FROM citations WHERE concept_id = ?1)
		+ (SELECT count(*) FROM positions WHERE concept_id = ?1)`,
	model.EntityView:     `SELECT count(*) FROM positions WHERE view_id = ?1`,
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
	if indexed(m.typ) {
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
	m, ok := f.val.(model.Meta)
	if !ok {
		return fmt.Errorf("merge: the project meta from %T", f.val)
	}
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
