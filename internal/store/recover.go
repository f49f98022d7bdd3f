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

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Crash recovery. A program killed in the middle of a transaction leaves
// a "hot" rollback journal (FILE-journal) beside the project: the file
// itself may hold half-written pages, and SQLite restores them from the
// journal the next time a connection that may write opens it. A read-only
// connection cannot, and fails with SQLITE_READONLY_ROLLBACK. So:
//
//   - Open recovers first in a temporary copy of the file and its journal,
//     checks the recovered copy like any file, and only then lets SQLite
//     roll the real file back: a crafted journal cannot make Open write
//     anything that would not pass the checks.
//   - OpenReadOnly and Check work on the recovered copy and never touch
//     the file.

// hasHotJournal reports whether path has a journal that SQLite must roll
// back before the file can be read.
func hasHotJournal(path string) bool {
	st, err := os.Stat(path + "-journal")
	if err != nil || st.Size() == 0 {
		return false
	}
	db, err := openDB(path, true)
	if err != nil {
		return false
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&n)
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_READONLY_ROLLBACK
}

// recoveredCopy copies path and its journal into a new temporary folder
// and lets SQLite roll the copy back. The caller removes dir.
func recoveredCopy(path string) (copyPath, dir string, err error) {
	dir, err = tempDir(recoverPrefix)
	if err != nil {
		return "", "", fmt.Errorf("recover an interrupted write in a copy: %w", err)
	}
	copyPath = filepath.Join(dir, filepath.Base(path))
	if err = copyFile(path, copyPath); err == nil {
		err = copyFile(path+"-journal", copyPath+"-journal")
	}
	if err == nil {
		err = rollBack(copyPath)
	}
	if err != nil {
		os.RemoveAll(dir)
		if noRoom(err) {
			err = fmt.Errorf("%w in the temp folder %s for a copy of the file (free some space there, or set TMPDIR to a folder with room): %v", ErrNoRoom, os.TempDir(), err)
		}
		return "", "", fmt.Errorf("recover an interrupted write in a copy: %w", err)
	}
	return copyPath, dir, nil
}

// rollBack opens path for writing, which makes SQLite roll back its hot journal.
func rollBack(path string) error {
	db, err := openDB(path, false)
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
		return classify(err)
	}
	if hasHotJournal(path) {
		return fmt.Errorf("%w: SQLite could not roll back the interrupted write", ErrCorrupt)
	}
	return nil
}

// openRecovering opens a file that has a hot journal (see above).
func openRecovering(path string, readOnly bool) (*Store, error) {
	cp, dir, err := recoveredCopy(path)
	if errors.Is(err, os.ErrNotExist) && !hasHotJournal(path) {
		return open(path, readOnly, "") // another program recovered it meanwhile
	}
	if err != nil {
		return nil, err
	}
	s, err := open(cp, true, "")
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("after recovering an interrupted write: %w", err)
	}
	if readOnly {
		s.path, s.cleanup = path, func() { os.RemoveAll(dir) }
		return s.identify(), nil
	}
	s.Close()
	os.RemoveAll(dir)
	// The recovered copy passed every check: recover the file itself.
	if err := rollBack(path); err != nil {
		return nil, fmt.Errorf("recover an interrupted write: %w", err)
	}
	return open(path, false, "")
}

// checkRecovering checks a file that has a hot journal, on a recovered copy.
func checkRecovering(path string) ([]string, error) {
	cp, dir, err := recoveredCopy(path)
	if errors.Is(err, os.ErrNotExist) && !hasHotJournal(path) {
		return checkFile(path) // another program recovered it meanwhile
	}
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	return checkFile(cp)
}

// Temporary folders (recovered copies, upgraded copies of THEIRS for a
// merge) are named PREFIX-pPID-RANDOM in the temp folder. Each is removed
// after use; one left by a program that was killed is removed by the next
// program that makes one.
const (
	recoverPrefix = "khareeta-recover-"
	mergePrefix   = "khareeta-merge-"
)

// noRoom reports whether err says a disk (or the file size limit) is full.
func noRoom(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, ErrNoRoom)
}

// tempDir makes a temporary folder for this process, after removing those
// other processes of this program left when they died.
func tempDir(prefix string) (string, error) {
	sweepTemp(prefix)
	dir, err := os.MkdirTemp("", fmt.Sprintf("%sp%d-*", prefix, os.Getpid()))
	if err != nil {
		return "", fmt.Errorf("make a temporary folder in %s: %w", os.TempDir(), err)
	}
	return dir, nil
}

// sweepTemp removes the temporary folders named prefix… whose process is
// gone (and those of older builds, without a process id, after an hour).
func sweepTemp(prefix string) {
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) {
			continue
		}
		rest := strings.TrimPrefix(name, prefix)
		stale := false
		if strings.HasPrefix(rest, "p") {
			pid, err := strconv.Atoi(strings.SplitN(rest[1:], "-", 2)[0])
			stale = err == nil && !alive(pid)
		} else if fi, err := e.Info(); err == nil {
			stale = time.Since(fi.ModTime()) > time.Hour
		}
		if stale {
			os.RemoveAll(filepath.Join(os.TempDir(), name))
		}
	}
}
