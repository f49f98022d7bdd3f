package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// FileExt is the extension of Khareeta project files.
const FileExt = ".kmap"

// EventKind says what happened to a session.
type EventKind int

// Things that happen to an open project.
const (
	Edited   EventKind = iota // an edit was committed
	Undone                    // an edit was undone
	Redone                    // an undone edit was redone
	Reloaded                  // the file changed on disk and was read again
	// Arranged: positions a drawing gave concepts were stored
	// (RecordLayout); not an edit, nothing to undo.
	Arranged
)

// Event tells listeners that the project changed.
type Event struct {
	Kind EventKind
	// Change is the edit done, undone or redone (nil for Reloaded).
	Change *Change
}

// Touches reports whether the event may have changed entities of the given
// kind (always true for a reload).
func (e Event) Touches(k EntityKind) bool {
	if e.Change == nil {
		return true
	}
	for _, r := range e.Change.refs {
		if r.Kind == k {
			return true
		}
	}
	return false
}

// Session is one open project: the store, an in-memory copy of the project
// kept in step with every edit, the version of every record in that copy,
// and the undo and redo stacks. Its methods are meant to be called from one
// goroutine (the UI's); only the file watcher runs on its own goroutine.
//
// Every edit is a read-modify-write in one transaction: the records it
// touches are read in that transaction and must still have the versions the
// session shows (or the version an editor started from, see VersionOf), or
// the edit is refused with a *ConflictError. Another program's change to the
// file is noticed by SQLite's data_version, read in every write transaction
// and by the watcher, which the session's own writes cannot mask; a file
// replaced on disk (moved or copied over the path) is noticed by its
// identity and opened afresh.
type Session struct {
	st     *store.Store
	proj   *model.Project
	ix     *model.Index
	cites  map[string]int    // citation id → index into proj.Citations
	places map[string]int    // position id → index into proj.Positions
	vers   map[string]string // record id (store.MetaID for the meta) → version shown

	undo, redo []*Change
	listeners  []func(Event)

	// mu guards st (swapped when the file was replaced) and dataVersion
	// against the watcher; it is held across writes.
	mu          sync.Mutex
	dataVersion int64 // SQLite's data_version when the session last read or wrote the file
	reported    int64 // the data_version the watcher last reported
	// replacedReported: the watcher reported that another file is at the path.
	replacedReported bool
	stop             chan struct{}

	fingerprint string // the file's store.Fingerprint after Close
}

// Open opens a project file for editing and loads it.
func Open(path string) (*Session, error) { return OpenVerified(path, "") }

// OpenVerified opens a project file this app closed before with the given
// Fingerprint: if nobody has changed the file since, the page-by-page
// integrity scan is skipped (big projects open several times faster).
func OpenVerified(path, fingerprint string) (*Session, error) {
	st, err := store.OpenVerified(path, fingerprint)
	if err != nil {
		return nil, err
	}
	return newSession(st)
}

// Create makes a new, empty project file and opens it.
func Create(path string, meta model.Meta) (*Session, error) {
	st, err := store.Create(path, meta)
	if err != nil {
		return nil, err
	}
	if err := st.Publish(); err != nil {
		st.Close()
		return nil, err
	}
	return newSession(st)
}

// CreateSample writes a new project file at path holding the bundled sample
// project (a copy: the embedded original is never touched) and opens it.
func CreateSample(path string) (*Session, error) {
	p, err := data.Sample()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create sample project %s: %w", path, err)
	}
	st, err := store.CreateProject(path, p) // whole or not at all
	if err != nil {
		return nil, fmt.Errorf("write the sample project into %s: %w", path, err)
	}
	return newSession(st)
}

func newSession(st *store.Store) (*Session, error) {
	s := &Session{st: st}
	if err := s.load(); err != nil {
		st.Close()
		return nil, err
	}
	return s, nil
}

func (s *Session) reindex() {
	s.ix = model.NewIndex(s.proj)
	s.cites = make(map[string]int, len(s.proj.Citations))
	for i, c := range s.proj.Citations {
		s.cites[c.ID] = i
	}
	s.places = make(map[string]int, len(s.proj.Positions))
	for i, x := range s.proj.Positions {
		s.places[x.ID] = i
	}
}

// Path returns the project file's path.
func (s *Session) Path() string { return s.st.Path() }

// Project returns the current project. It is shared: treat it as read-only
// and do not keep it across edits.
func (s *Session) Project() *model.Project { return s.proj }

// Index returns look-ups into the current project (rebuilt after each edit).
func (s *Session) Index() *model.Index { return s.ix }

// Close stops watching the file and closes the store.
func (s *Session) Close() error {
	s.StopWatching()
	err := s.st.Close()
	if err == nil && !s.st.ReadOnly() {
		s.fingerprint, _ = store.Fingerprint(s.st.Path())
	}
	return err
}

// Fingerprint is the file's fingerprint as Close left it ("" before Close):
// remember it to open the file with OpenVerified next time.
func (s *Session) Fingerprint() string { return s.fingerprint }

// Subscribe registers fn to be called after every edit, undo, redo or reload.
func (s *Session) Subscribe(fn func(Event)) { s.listeners = append(s.listeners, fn) }

func (s *Session) notify(e Event) {
	for _, fn := range s.listeners {
		fn(e)
	}
}

// Reload reads the project again from the file (after another program
// changed it); when the path now names another file (moved or copied over
// it), that file is opened instead. The undo history is cleared, since its
// edits may no longer apply to what is on disk.
func (s *Session) Reload() error { return s.reload(nil) }

// reload is Reload keeping one change (just committed) undoable.
func (s *Session) reload(keep *Change) error {
	s.mu.Lock()
	_, err := s.reopenIfReplaced()
	if err == nil {
		err = s.load()
	}
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("reload %s: %w", s.Path(), err)
	}
	undo, redo := s.undo, s.redo
	s.undo, s.redo = nil, nil
	switch {
	case keep == nil:
	case len(undo) > 0 && undo[len(undo)-1] == keep:
		s.undo = []*Change{keep}
	case len(redo) > 0 && redo[len(redo)-1] == keep:
		s.redo = []*Change{keep}
	}
	s.notify(Event{Kind: Reloaded})
	return nil
}

// load reads the project, the versions of its records and the file's
// data_version in one snapshot.
func (s *Session) load() error {
	snap, err := s.st.Snapshot()
	if err != nil {
		return err
	}
	s.proj, s.vers, s.dataVersion, s.reported = snap.Project, snap.Versions, snap.DataVersion, snap.DataVersion
	s.reindex()
	return nil
}

// reopenIfReplaced opens the file at the session's path afresh when it is
// no longer the file the store opened (s.mu held). The store of the old
// file, which SQLite no longer lets anyone write, is closed.
func (s *Session) reopenIfReplaced() (bool, error) {
	replaced, err := s.st.Replaced()
	if err != nil || !replaced {
		return false, err
	}
	st, err := store.Open(s.st.Path())
	if err != nil {
		return false, fmt.Errorf("another file was put in place of the project: %w", err)
	}
	s.st.Close()
	s.st, s.replacedReported = st, false
	return true, nil
}

// VersionOf returns the version of the entity r names as the session shows
// it ("" when it does not exist). An editor (a dialog) remembers it when it
// opens and passes it to Save* as the base: if someone else changes the
// entity while the editor is open, the save returns a *ConflictError
// instead of overwriting their change.
func (s *Session) VersionOf(r Ref) string { return s.vers[vkey(r)] }

// ReadOnly reports whether the project can only be read, and why (the
// file or its folder cannot be written, or it breaks Khareeta's rules).
func (s *Session) ReadOnly() (bool, error) {
	if !s.st.ReadOnly() {
		return false, nil
	}
	return true, s.st.ReadOnlyReason()
}

// SaveCopyAs writes the whole project to a new file at path (which must not
// exist yet). The session stays on its own file.
func (s *Session) SaveCopyAs(path string) error {
	if filepath.Ext(path) == "" {
		path += FileExt
	}
	p, err := s.st.Load()
	if err != nil {
		return fmt.Errorf("save a copy as %s: %w", path, err)
	}
	st, err := store.CreateProject(path, p) // whole or not at all
	if err != nil {
		return fmt.Errorf("save a copy: %w", err)
	}
	return st.Close()
}

// Search returns the ids of concepts whose label or description matches
// query (Arabic-aware, see store.Search), without duplicates, best first: a
// label equal to the query, then labels starting with it, then labels
// containing it, then the rest; shorter labels first within each group.
func (s *Session) Search(query string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = 200
	}
	hits, err := s.st.Search(query, max(limit*3, 500))
	if err != nil {
		return nil, err
	}
	q := model.Fold(query)
	type ranked struct {
		id         string
		rank, size int
	}
	seen := map[string]bool{}
	var rs []ranked
	for _, h := range hits {
		if h.Entity != "concept" || seen[h.ID] {
			continue
		}
		c, ok := s.ix.Concepts[h.ID]
		if !ok {
			continue
		}
		seen[h.ID] = true
		r := ranked{id: h.ID, rank: 3, size: 1 << 30}
		for _, l := range c.Label {
			f := model.Fold(l)
			rank := 3
			switch {
			case f == q:
				rank = 0
			case strings.HasPrefix(f, q):
				rank = 1
			case strings.Contains(f, q):
				rank = 2
			}
			if rank < r.rank || (rank == r.rank && len(f) < r.size) {
				r.rank, r.size = rank, len(f)
			}
		}
		rs = append(rs, r)
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].rank != rs[j].rank {
			return rs[i].rank < rs[j].rank
		}
		return rs[i].size < rs[j].size
	})
	out := make([]string, 0, min(limit, len(rs)))
	for _, r := range rs {
		if len(out) == limit {
			break
		}
		out = append(out, r.id)
	}
	return out, nil
}

// ExternalChange describes what the watcher saw.
type ExternalChange int

// What may happen to the file behind the app's back.
const (
	FileChanged ExternalChange = iota + 1 // another program wrote it, or put another file in its place
	FileGone                              // it was deleted or moved away
)

// update runs fn in one write transaction with s.mu held. foreign reports
// whether another program had changed the file since the session last read
// or wrote it (SQLite's data_version, read inside the transaction, so it
// cannot be masked by this write), or had put another file in its place
// (then the new file is opened and fn runs on it). After a foreign change
// the caller must read the project again.
func (s *Session) update(fn func(tx *store.Tx) error) (foreign bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if foreign, err = s.reopenIfReplaced(); err != nil {
		return foreign, err
	}
	err = s.st.Update(func(tx *store.Tx) error {
		changed, err := s.sawDataVersion(tx)
		if err != nil {
			return err
		}
		foreign = foreign || changed
		return fn(tx)
	})
	return foreign, err
}

// sawDataVersion reads the file's data_version in a write transaction
// (s.mu held) and reports whether another program committed since the
// session last looked.
func (s *Session) sawDataVersion(tx *store.Tx) (bool, error) {
	dv, err := tx.DataVersion()
	if err != nil || dv == s.dataVersion {
		return false, err
	}
	s.dataVersion = dv
	return true, nil
}

// external says what changed on disk since the session last looked:
// FileGone, FileChanged (another program committed, or another file is at
// the path) or 0. A change is reported once.
func (s *Session) external() (ExternalChange, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	replaced, err := s.st.Replaced()
	switch {
	case errors.Is(err, store.ErrNotFound):
		return FileGone, nil
	case err != nil:
		return 0, err
	case replaced:
		if s.replacedReported {
			return 0, nil
		}
		s.replacedReported = true
		return FileChanged, nil
	}
	dv, err := s.st.DataVersion()
	if err != nil {
		return 0, err
	}
	if dv != s.dataVersion && dv != s.reported {
		s.reported = dv
		return FileChanged, nil
	}
	return 0, nil
}

// Watch polls the project file every interval and calls fn (on the
// watcher's goroutine) when another program changed, replaced or removed
// it. Writes made through this session are not reported, and cannot hide
// another program's. Call StopWatching (or Close) to stop.
func (s *Session) Watch(interval time.Duration, fn func(ExternalChange)) {
	s.StopWatching()
	stop := make(chan struct{})
	s.stop = stop
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		var last ExternalChange
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			c, err := s.external()
			if err != nil {
				continue
			}
			if c == FileChanged || c == FileGone && last != FileGone {
				fn(c)
			}
			last = c
		}
	}()
}

// StopWatching stops the watcher started by Watch, if any.
func (s *Session) StopWatching() {
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
}

// CheckExternal compares the file with what the session last wrote or read
// and reports a change made by another program (the watcher's test, done
// once and synchronously).
func (s *Session) CheckExternal() (ExternalChange, error) { return s.external() }

// Snapshot returns a copy of the project that later edits do not change,
// for work done on another goroutine (laying out a map, exporting).
// Entities are copied by value; their maps and slices are shared but never
// modified in place by the session.
func (s *Session) Snapshot() *model.Project {
	p := *s.proj
	p.Kinds = append([]model.Kind(nil), p.Kinds...)
	p.Concepts = append([]model.Concept(nil), p.Concepts...)
	p.Relations = append([]model.Relation(nil), p.Relations...)
	p.Sources = append([]model.Source(nil), p.Sources...)
	p.Citations = append([]model.Citation(nil), p.Citations...)
	p.Views = append([]model.View(nil), p.Views...)
	p.Positions = append([]model.Position(nil), p.Positions...)
	return &p
}
