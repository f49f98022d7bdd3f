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
// kept in step with every edit, and the undo and redo stacks. Its methods are
// meant to be called from one goroutine (the UI's); only the file watcher
// runs on its own goroutine and touches nothing but the file's stamp.
type Session struct {
	st    *store.Store
	proj  *model.Project
	ix    *model.Index
	cites map[string]int // citation id → index into proj.Citations

	undo, redo []*Change
	listeners  []func(Event)

	mu    sync.Mutex // guards stamp: held across writes so the watcher never sees our own writes as foreign
	stamp fileStamp
	stop  chan struct{}

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
	st, err := store.Create(path, p.Meta)
	if err != nil {
		return nil, err
	}
	if err := st.ImportProject(p); err != nil {
		st.Close()
		os.Remove(path)
		return nil, fmt.Errorf("write the sample project into %s: %w", path, err)
	}
	return newSession(st)
}

func newSession(st *store.Store) (*Session, error) {
	p, err := st.Load()
	if err != nil {
		st.Close()
		return nil, err
	}
	s := &Session{st: st, proj: p}
	s.reindex()
	s.stamp, _ = statFile(st.Path())
	return s, nil
}

func (s *Session) reindex() {
	s.ix = model.NewIndex(s.proj)
	s.cites = make(map[string]int, len(s.proj.Citations))
	for i, c := range s.proj.Citations {
		s.cites[c.ID] = i
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
// changed it). The undo history is cleared, since its edits may no longer
// apply to what is on disk.
func (s *Session) Reload() error {
	s.mu.Lock()
	p, err := s.st.Load()
	if err == nil {
		s.stamp, _ = statFile(s.st.Path())
	}
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("reload %s: %w", s.Path(), err)
	}
	s.proj = p
	s.reindex()
	s.undo, s.redo = nil, nil
	s.notify(Event{Kind: Reloaded})
	return nil
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
	st, err := store.Create(path, p.Meta)
	if err != nil {
		return fmt.Errorf("save a copy: %w", err)
	}
	if err := st.ImportProject(p); err != nil {
		st.Close()
		os.Remove(path)
		return fmt.Errorf("save a copy as %s: %w", path, err)
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

// fileStamp identifies a version of a file on disk.
type fileStamp struct {
	mod  time.Time
	size int64
}

func statFile(path string) (fileStamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, err
	}
	return fileStamp{fi.ModTime(), fi.Size()}, nil
}

// ExternalChange describes what the watcher saw.
type ExternalChange int

// What may happen to the file behind the app's back.
const (
	FileChanged ExternalChange = iota + 1 // another program wrote it
	FileGone                              // it was deleted or moved away
)

// Watch polls the project file every interval and calls fn (on the
// watcher's goroutine) when another program changed or removed it. Writes
// made through this session are not reported. Call StopWatching (or Close)
// to stop.
func (s *Session) Watch(interval time.Duration, fn func(ExternalChange)) {
	s.StopWatching()
	stop := make(chan struct{})
	s.stop = stop
	path := s.Path()
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		gone := false
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			s.mu.Lock()
			cur, err := statFile(path)
			known := s.stamp
			if err == nil {
				s.stamp = cur
			}
			s.mu.Unlock()
			switch {
			case errors.Is(err, os.ErrNotExist):
				if !gone {
					gone = true
					fn(FileGone)
				}
			case err != nil:
			case cur != known:
				gone = false
				fn(FileChanged)
			default:
				gone = false
			}
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
func (s *Session) CheckExternal() (ExternalChange, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := statFile(s.Path())
	if errors.Is(err, os.ErrNotExist) {
		return FileGone, nil
	}
	if err != nil {
		return 0, err
	}
	if cur != s.stamp {
		s.stamp = cur
		return FileChanged, nil
	}
	return 0, nil
}

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
	return &p
}
