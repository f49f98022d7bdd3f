package app

import (
	"fmt"
	"path/filepath"

	"github.com/khareeta/khareeta/internal/interop"
)

// ImportFormat names the format of the table a file to import is in, and
// what it holds, from its name and content (as `khareeta import` picks it).
type ImportFormat struct {
	Name  string
	Holds Holds
	Help  string
}

// DetectImport reads the file at path and names its format (see
// interop.FormatForRead): a whole project, references or a map.
func DetectImport(path string) (ImportFormat, error) {
	data, err := readInput(path)
	if err != nil {
		return ImportFormat{}, err
	}
	f, err := interop.FormatForRead(path, data)
	if err != nil {
		return ImportFormat{}, fmt.Errorf("import %s: %w", filepath.Base(path), err)
	}
	return ImportFormat{Name: f.Name, Holds: f.Holds, Help: f.Help}, nil
}

// ImportExtensions lists the extensions of the files an import reads (the
// format table's readable formats), for a file dialog's filter.
func ImportExtensions() []string {
	var exts []string
	seen := map[string]bool{}
	for _, f := range interop.Formats() {
		if f.Read == nil {
			continue
		}
		for _, e := range f.Exts {
			// a file dialog filters by the last extension only
			e = filepath.Ext(e)
			if !seen[e] {
				seen[e] = true
				exts = append(exts, e)
			}
		}
	}
	return exts
}

// ImportFile imports a file into the session's project file with
// ImportFile (what `khareeta import` does: one transaction, read inside
// it). It may run off the window's goroutine: it does not touch the
// project the session shows. After an import that wrote, call Reload (on
// the window's goroutine) to read the project again; that clears the undo
// history, since its edits may no longer apply. A dry run writes nothing.
//
// The session's lock is held throughout, and the watcher is told of the
// import's write, so it does not report it as another program's change.
func (s *Session) ImportFile(o ImportOptions) (*ImportResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	res, err := ImportFile(s.st.Path(), o)
	if err == nil && !o.DryRun {
		if dv, derr := s.st.DataVersion(); derr == nil {
			s.reported = dv
		}
	}
	return res, err
}
