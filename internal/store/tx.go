package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

// Tx is one transaction: every change a user action makes goes through one
// Tx, so that it is written whole or not at all.
type Tx struct {
	tx    *sql.Tx
	now   time.Time
	stmts map[string]*sql.Stmt
	grams map[gramKey]gramChange // search index changes not written yet (grams.go)
}

// stmt returns a prepared statement for q, prepared once per transaction.
func (tx *Tx) stmt(q string) (*sql.Stmt, error) {
	if st, ok := tx.stmts[q]; ok {
		return st, nil
	}
	st, err := tx.tx.Prepare(q)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[q] = st
	return st, nil
}

func (tx *Tx) exec(q string, args ...any) (sql.Result, error) {
	st, err := tx.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.Exec(args...)
}

// Query runs a query on the transaction (it makes Tx a querier).
func (tx *Tx) Query(q string, args ...any) (*sql.Rows, error) { return tx.tx.Query(q, args...) }

// QueryRow runs a one-row query with a cached statement.
func (tx *Tx) QueryRow(q string, args ...any) *sql.Row { return tx.queryRow(q, args...) }

func (tx *Tx) queryRow(q string, args ...any) *sql.Row {
	st, err := tx.stmt(q)
	if err != nil {
		return tx.tx.QueryRow(q, args...) // reports the same error on Scan
	}
	return st.QueryRow(args...)
}

func (tx *Tx) close() {
	for _, st := range tx.stmts {
		st.Close()
	}
}

// Update runs fn in one write transaction. If fn returns an error (or
// panics) nothing it did is written.
func (s *Store) Update(fn func(tx *Tx) error) error { return s.update(fn, updateOptions{}) }

// updateOptions change how update runs a write transaction.
type updateOptions struct {
	// checked turns SQLite's foreign-key checks off for the transaction:
	// every write in it checks its references in Go already (ImportProject:
	// the project as a whole, or each Put*), and the checks would look up
	// every parent row twice.
	checked bool
	// anyRules skips checking a store never read against the model's rules
	// (rules.go): a merge reads only the records whose versions differ,
	// and validates every record it writes.
	anyRules bool
}

// update is Update with options.
func (s *Store) update(fn func(tx *Tx) error, opts updateOptions) (err error) {
	if s.readOnly {
		if s.reason != nil {
			return fmt.Errorf("update %s: %w: %w", s.path, ErrReadOnly, s.reason)
		}
		return fmt.Errorf("update %s: %w: opened read-only", s.path, ErrReadOnly)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("update %s: %w", s.path, classify(err))
	}
	defer conn.Close()
	if opts.checked { // a pragma that only takes effect outside a transaction
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return fmt.Errorf("update %s: %w", s.path, classify(err))
		}
		defer conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	}
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("update %s: %w", s.path, classify(err))
	}
	committed := false
	defer func() {
		if !committed {
			sqlTx.Rollback()
		}
	}()
	t := &Tx{tx: sqlTx, now: time.Now().UTC()}
	defer t.close()
	if !s.validated && !opts.anyRules { // never read: check the model's rules before writing (rules.go)
		p, err := t.Project()
		if err != nil {
			return fmt.Errorf("update %s: %w", s.path, err)
		}
		if s.checkRead(p); s.readOnly {
			return fmt.Errorf("update %s: %w: %w", s.path, ErrReadOnly, s.reason)
		}
	}
	err = fn(t)
	if err == nil {
		err = t.flushGrams()
	}
	if err != nil {
		s.abandoned = s.building != ""
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		s.abandoned = s.building != ""
		return fmt.Errorf("update %s: %w", s.path, classify(err))
	}
	committed = true
	if s.building != "" { // a new file is whole now: put it in place (create.go)
		return s.publish(true)
	}
	return nil
}

// View runs fn in a read transaction: a consistent snapshot.
func (s *Store) View(fn func(tx *Tx) error) error {
	sqlTx, err := s.db.Begin()
	if err != nil {
		return fmt.Errorf("read %s: %w", s.path, classify(err))
	}
	defer sqlTx.Rollback()
	t := &Tx{tx: sqlTx, now: time.Now().UTC()}
	defer t.close()
	return fn(t)
}

func newVersion() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (tx *Tx) exists(table, id string) bool {
	var one int
	err := tx.queryRow(`SELECT 1 FROM `+table+` WHERE id = ?`, id).Scan(&one)
	return err == nil
}

func (tx *Tx) existsFn(table string) func(string) bool {
	return func(id string) bool { return tx.exists(table, id) }
}

// prior looks up the stored entity x would replace: existed says whether
// there is one, unchanged whether putting x would change nothing.
func prior[T interface{ Same(T) bool }](tx *Tx, x T, get func(string) (T, error), id string) (existed, unchanged bool) {
	old, err := get(id)
	if err != nil {
		return false, false
	}
	return true, old.Same(x)
}

// bump records a new version of an entity and clears any tombstone it had
// (an entity put back after deletion, e.g. by undo, lives again).
func (tx *Tx) bump(id, v string) error {
	if _, err := tx.exec(`INSERT INTO versions(entity_id, version) VALUES (?, ?)`, id, v); err != nil {
		return err
	}
	_, err := tx.exec(`DELETE FROM tombstones WHERE id = ?`, id)
	return err
}

// tombstone records the deletion of an entity so that it propagates on merge.
func (tx *Tx) tombstone(entity model.EntityType, id string) error {
	v := newVersion()
	if _, err := tx.exec(`INSERT INTO versions(entity_id, version) VALUES (?, ?)`, id, v); err != nil {
		return err
	}
	_, err := tx.exec(`INSERT INTO tombstones(id, entity, version, deleted) VALUES (?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted`,
		id, entity, v, fmtTime(tx.now))
	return err
}

func stamp(created, updated *time.Time, now time.Time) {
	if created.IsZero() {
		*created = now
	}
	if updated.IsZero() {
		*updated = now
	}
}

// SetMeta replaces the project's title, description and language.
func (tx *Tx) SetMeta(m model.Meta) error {
	if m.Language != model.Arabic && m.Language != model.English {
		return fmt.Errorf("set project language: %w: %q must be \"ar\" or \"en\"", model.ErrInvalid, m.Language)
	}
	if err := tx.trackMeta(m); err != nil { // merge.go: meta changes are versioned too
		return err
	}
	for k, v := range map[string]string{
		"title": toJSONText(m.Title), "description": toJSONText(m.Description), "language": m.Language,
	} {
		if _, err := tx.exec(`INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return fmt.Errorf("set project %s: %w", k, classify(err))
		}
	}
	return nil
}

// PutKind inserts or updates a kind.
func (tx *Tx) PutKind(k model.Kind) error {
	if err := model.ValidateKind(k); err != nil {
		return err
	}
	if _, unchanged := prior(tx, k, tx.Kind, k.ID); unchanged {
		return nil
	}
	ver := newVersion()
	_, err := tx.exec(kindRows.upsert(), kindValues(k, ver)...)
	if err != nil {
		return fmt.Errorf("save kind %q: %w", k.ID, classify(err))
	}
	return tx.bump(k.ID, ver)
}

// PutConcept inserts or updates a concept.
func (tx *Tx) PutConcept(c model.Concept) error {
	stamp(&c.Created, &c.Updated, tx.now)
	if err := model.ValidateConcept(c, tx.existsFn("kinds")); err != nil {
		return err
	}
	existed, unchanged := prior(tx, c, tx.Concept, c.ID)
	if unchanged {
		return nil
	}
	ver := newVersion()
	_, err := tx.exec(conceptRows.upsert(), conceptValues(c, ver)...)
	if err != nil {
		return fmt.Errorf("save concept %s: %w", c.ID, classify(err))
	}
	if err := tx.index(existed, c); err != nil {
		return err
	}
	return tx.bump(c.ID, ver)
}

// PutRelation inserts or updates a relation.
func (tx *Tx) PutRelation(r model.Relation) error {
	stamp(&r.Created, &r.Updated, tx.now)
	if err := model.ValidateRelation(r, tx.existsFn("concepts")); err != nil {
		return err
	}
	if _, unchanged := prior(tx, r, tx.Relation, r.ID); unchanged {
		return nil
	}
	ver := newVersion()
	_, err := tx.exec(relationRows.upsert(), relationValues(r, ver)...)
	if err != nil {
		return fmt.Errorf("save relation %s: %w", r.ID, classify(err))
	}
	return tx.bump(r.ID, ver)
}

// PutSource inserts or updates a source.
func (tx *Tx) PutSource(s model.Source) error {
	stamp(&s.Created, &s.Updated, tx.now)
	if err := model.ValidateSource(s); err != nil {
		return err
	}
	existed, unchanged := prior(tx, s, tx.Source, s.ID)
	if unchanged {
		return nil
	}
	ver := newVersion()
	_, err := tx.exec(sourceRows.upsert(), sourceValues(s, ver)...)
	if err != nil {
		return fmt.Errorf("save source %q: %w", s.Title, classify(err))
	}
	if err := tx.index(existed, s); err != nil {
		return err
	}
	return tx.bump(s.ID, ver)
}

// PutCitation inserts or updates a citation.
func (tx *Tx) PutCitation(c model.Citation) error {
	stamp(&c.Created, &c.Updated, tx.now)
	if err := model.ValidateCitation(c, tx.existsFn("sources"), tx.existsFn("concepts"), tx.existsFn("relations")); err != nil {
		return err
	}
	existed, unchanged := prior(tx, c, tx.Citation, c.ID)
	if unchanged {
		return nil
	}
	ver := newVersion()
	_, err := tx.exec(citationRows.upsert(), citationValues(c, ver)...)
	if err != nil {
		return fmt.Errorf("save citation %s: %w", c.ID, classify(err))
	}
	if err := tx.index(existed, c); err != nil {
		return err
	}
	return tx.bump(c.ID, ver)
}

// PutView inserts or updates a view.
func (tx *Tx) PutView(v model.View) error {
	stamp(&v.Created, &v.Updated, tx.now)
	if err := model.ValidateView(v, tx.existsFn("kinds"), tx.existsFn("concepts")); err != nil {
		return err
	}
	old, err := tx.View(v.ID)
	switch {
	case err == nil && old.Same(v):
		return nil
	case err != nil && !errors.Is(err, ErrNoSuchItem):
		return fmt.Errorf("save view %s: %w", v.ID, err)
	}
	pos := 0
	if err == nil { // it keeps its place
		err = tx.queryRow(`SELECT position FROM views WHERE id = ?`, v.ID).Scan(&pos)
	} else { // a new view goes last
		err = tx.queryRow(`SELECT coalesce(max(position), 0) + 1 FROM views`).Scan(&pos)
	}
	if err != nil {
		return fmt.Errorf("save view %s: %w", v.ID, classify(err))
	}
	ver := newVersion()
	_, err = tx.exec(viewRows.upsert(), viewValues(v, pos, ver)...)
	if err != nil {
		return fmt.Errorf("save view %s: %w", v.ID, classify(err))
	}
	return tx.bump(v.ID, ver)
}

// PutPosition inserts or updates a position: where a view shows a concept.
func (tx *Tx) PutPosition(p model.Position) error {
	if p.Updated.IsZero() {
		p.Updated = tx.now
	}
	if err := model.ValidatePosition(p, tx.existsFn("concepts"), tx.existsFn("views")); err != nil {
		return err
	}
	if _, unchanged := prior(tx, p, tx.Position, p.ID); unchanged {
		return nil
	}
	ver := newVersion()
	if _, err := tx.exec(positionRows.upsert(), positionValues(p, ver)...); err != nil {
		return fmt.Errorf("save position %s: %w", p.ID, classify(err))
	}
	return tx.bump(p.ID, ver)
}

// errNotFound wraps ErrNoSuchItem with what was looked for.
func errNotFound(what, id string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s %s: %w", what, id, ErrNoSuchItem)
	}
	return fmt.Errorf("read %s %s: %w", what, id, classify(err))
}
