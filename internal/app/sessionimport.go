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

// ImportFile imports a file into the session's project with ImportFile
// (what `khareeta import` does: one transaction, read inside it) and reads
// the project again, so the window shows what the import brought. A dry
// run writes nothing and keeps the session as it is. The import is not an
// edit of the session: the undo history is cleared (like a reload), since
// its edits may no longer apply.
//
// The session's lock is held throughout, so its watcher does not report
// the import as another program's change.
func (s *Session) ImportFile(o ImportOptions) (*ImportResult, error) {
	s.mu.Lock()
	res, err := ImportFile(s.st.Path(), o)
	var lerr error
	if !o.DryRun && res != nil && err == nil {
		lerr = s.load()
	}
	s.mu.Unlock()
	if err != nil {
		return res, err
	}
	if lerr != nil {
		return res, fmt.Errorf("read %s again after the import: %w", filepath.Base(s.Path()), lerr)
	}
	if !o.DryRun {
		s.undo, s.redo = nil, nil
		s.notify(Event{Kind: Reloaded})
	}
	return res, nil
}
