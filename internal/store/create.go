package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

// Creating files atomically. A new project is built beside its path under a
// temporary name (".NAME.khareeta-new-PID-RANDOM") and put in place whole
// with a hard link (which, unlike a rename, never replaces a file that
// appeared meanwhile), so that a program killed while creating it, or a
// full disk, leaves either nothing or a whole project at the path. Leftover
// temporary files of programs that died are removed by the next Create in
// the folder.

// buildingPragmas are how a file is written while it is built under its
// temporary name. synchronous(OFF): nothing is flushed to disk until
// publish syncs the whole file once, before linking it into place (a crash
// before that leaves only the temporary file, which the next Create in the
// folder removes); the journal stays, so that a failed transaction still
// rolls back. cache_size: a small page cache (2 MiB), so that a large
// project is written out as it is built rather than held in memory until
// the connection closes, where freeing tens of thousands of cached pages
// one by one cost more than writing them (0.5 s CPU of the 10,000-concept
// project's creation).
var buildingPragmas = []string{"synchronous(OFF)", "cache_size(-2048)"}

// Create makes a new project file at path with the built-in kinds. It
// refuses to overwrite an existing file.
//
// The file is built under a temporary name and appears at path, whole, when
// the first Update after Create commits (so that Create followed by
// ImportProject, or by one Update filling it, is atomic), or at Close, or at
// Publish, whichever comes first; until then Path is where it will be. When
// an Update fails before that, Close removes the unfinished file: nothing
// appears at path.
func Create(path string, meta model.Meta) (*Store, error) {
	return create(path, meta, nil)
}

// CreateProject makes a new project file at path holding p (its meta, kinds
// and every record) and puts it in place whole: a failure (an invalid
// project, a full disk) or a kill leaves nothing at path. It refuses to
// overwrite an existing file.
func CreateProject(path string, p *model.Project) (*Store, error) {
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("create project %s: %w", path, err)
	}
	s, err := create(path, p.Meta, p)
	if err != nil {
		return nil, err
	}
	if err := s.Publish(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func create(path string, meta model.Meta, p *model.Project) (*Store, error) {
	wrap := func(err error) error { return fmt.Errorf("create project %s: %w", path, err) }
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if meta.Language == "" {
		meta.Language = model.Arabic
	}
	if _, err := os.Lstat(path); err == nil {
		return nil, wrap(ErrExists)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, wrap(err)
	}
	sweepBuilding(path)
	tmp, err := newBuildingFile(path)
	if err != nil {
		return nil, wrap(err)
	}
	ok := false
	defer func() {
		if !ok {
			removeFile(tmp)
		}
	}()
	db, err := openDB(tmp, false, buildingPragmas...)
	if err != nil {
		return nil, wrap(err)
	}
	s := &Store{db: db, path: tmp, validated: true}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		db.Close()
		return nil, wrap(classify(err))
	}
	if err := s.migrate(0); err != nil {
		db.Close()
		return nil, wrap(err)
	}
	err = s.update(func(tx *Tx) error {
		if meta.Title.Empty() {
			meta.Title = model.T("مشروع جديد", "New project")
		}
		if err := tx.SetMeta(meta); err != nil {
			return err
		}
		if _, err := tx.tx.Exec(`INSERT INTO meta(key, value) VALUES ('project_id', ?)`, model.NewID()); err != nil {
			return classify(err)
		}
		for _, k := range model.BuiltinKinds() {
			if err := tx.PutKind(k); err != nil {
				return err
			}
		}
		if p != nil {
			return tx.PutProject(p)
		}
		return nil
	}, updateOptions{checked: true})
	if err != nil {
		db.Close()
		return nil, wrap(err)
	}
	s.path, s.building = path, tmp
	ok = true
	return s, nil
}

// Publish puts a file made by Create in place now (it is done at the first
// Update or at Close otherwise). It does nothing for any other store.
func (s *Store) Publish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.building == "" {
		return nil
	}
	return s.publish(true)
}

// publish links the temporary file at s.path, removes the temporary name,
// and (with reopen) opens the database again at its final path, so that its
// journal is named after it. s.mu is held; the database is closed.
func (s *Store) publish(reopen bool) error {
	tmp := s.building
	s.building = ""
	if reopen {
		if err := s.db.Close(); err != nil {
			removeFile(tmp)
			return fmt.Errorf("create project %s: %w", s.path, err)
		}
	}
	if err := syncFile(tmp); err != nil { // built with synchronous(OFF): make it durable before it appears
		removeFile(tmp)
		return fmt.Errorf("create project %s: %w", s.path, err)
	}
	err := os.Link(tmp, s.path)
	if err != nil && !errors.Is(err, os.ErrExist) {
		// A file system without hard links: rename, after checking that
		// nothing appeared at the path meanwhile.
		if _, serr := os.Lstat(s.path); serr == nil {
			err = os.ErrExist
		} else {
			err = os.Rename(tmp, s.path)
		}
	}
	removeFile(tmp)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			err = ErrExists
		}
		return fmt.Errorf("create project %s: %w", s.path, err)
	}
	syncDir(filepath.Dir(s.path))
	if reopen {
		db, err := openDB(s.path, false)
		if err != nil {
			return fmt.Errorf("open the new project %s: %w", s.path, err)
		}
		s.db = db
	}
	s.identify()
	return nil
}

// buildingPrefix is the start of the temporary names of new projects at path.
func buildingPrefix(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".khareeta-new-")
}

// newBuildingFile creates an empty temporary file beside path (with the
// permissions of a new file: 0644 less the umask).
func newBuildingFile(path string) (string, error) {
	for i := 0; ; i++ {
		name := fmt.Sprintf("%s%d-%d", buildingPrefix(path), os.Getpid(), time.Now().UnixNano()%1e9+int64(i))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) && i < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		return name, f.Close()
	}
}

// sweepBuilding removes the temporary files left beside path by programs
// that died while creating it.
func sweepBuilding(path string) {
	matches, _ := filepath.Glob(buildingPrefix(path) + "*")
	for _, m := range matches {
		if strings.HasSuffix(m, "-journal") {
			continue // removed with its file
		}
		rest := strings.TrimPrefix(m, buildingPrefix(path))
		if pid, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0]); err == nil && !alive(pid) {
			removeFile(m)
		}
	}
}

// removeFile removes a database file and its journal.
func removeFile(path string) {
	os.Remove(path + "-journal")
	os.Remove(path)
}

// alive reports whether a process with the given id is running.
func alive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// syncFile flushes a file's contents to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	return errors.Join(err, f.Close())
}

// syncDir makes a new directory entry durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
