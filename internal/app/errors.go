package app

import (
	"errors"
	"os"

	"github.com/khareeta/khareeta/internal/store"
)

// ErrReadOnly is in the chain of an edit refused because the project is
// open read-only (Session.ReadOnly says why).
var ErrReadOnly = store.ErrReadOnly

// Refusal says why a project file could not be opened, in terms a person
// can act on. The store's errors (internal/store/errors.go) say what is
// wrong with the file; a Refusal groups them by what the person can do.
type Refusal int

// The reasons a file is refused.
const (
	RefusedOther        Refusal = iota // none of the below: the error says what
	RefusedNotFound                    // no file at that path (moved, renamed, deleted)
	RefusedFolder                      // the path is a folder
	RefusedNoPermission                // the file or its folder may not be read or written
	RefusedNotProject                  // not an SQLite file, or SQLite but not Khareeta's
	RefusedNewer                       // made by a newer Khareeta
	RefusedDamaged                     // truncated or corrupt
	RefusedForeign                     // holds database objects Khareeta did not create
	RefusedTooLarge                    // beyond Khareeta's size limits
	RefusedLocked                      // another program is writing it
)

// ClassifyOpen says why opening path failed with err.
func ClassifyOpen(path string, err error) Refusal {
	switch {
	case err == nil:
		return RefusedOther
	case errors.Is(err, store.ErrNotFound) || errors.Is(err, os.ErrNotExist):
		return RefusedNotFound
	case errors.Is(err, store.ErrBusy):
		return RefusedLocked
	case errors.Is(err, store.ErrReadOnly) || errors.Is(err, os.ErrPermission):
		return RefusedNoPermission
	case errors.Is(err, store.ErrNewer):
		return RefusedNewer
	case errors.Is(err, store.ErrTruncated) || errors.Is(err, store.ErrCorrupt):
		return RefusedDamaged
	case errors.Is(err, store.ErrUntrusted):
		return RefusedForeign
	case errors.Is(err, store.ErrTooLarge):
		return RefusedTooLarge
	case errors.Is(err, store.ErrNotSQLite) || errors.Is(err, store.ErrNotKhareeta):
		if st, serr := os.Stat(path); serr == nil && st.IsDir() {
			return RefusedFolder
		}
		return RefusedNotProject
	}
	return RefusedOther
}

// KeptCopy returns where a copy of a refused file was kept, when the
// store's error says so (an error in the chain with a KeptCopy() string
// method that returns a path), else "".
func KeptCopy(err error) string {
	var k interface{ KeptCopy() string }
	if errors.As(err, &k) {
		return k.KeptCopy()
	}
	return ""
}
