package app

import (
	"encoding/binary"
	"errors"
	"io"
	"os"

	"github.com/khareeta/khareeta/internal/fsx"
	"github.com/khareeta/khareeta/internal/store"
)

// ErrOutputIsProject is wrapped by WriteOutput when the output file is a
// Khareeta project: exports, reference lists and rendered maps never
// overwrite a project, whatever its extension.
var ErrOutputIsProject = errors.New("it is a Khareeta project file; choose another output file")

// IsProjectFile reports whether the file at path is (or starts like) a
// Khareeta project: an SQLite database whose application id is Khareeta's,
// whatever the file's name. A missing or unreadable file is not one.
func IsProjectFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	var h [72]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return false
	}
	return string(h[:16]) == "SQLite format 3\x00" && binary.BigEndian.Uint32(h[68:72]) == store.ApplicationID
}

// WriteOutput writes an output file (an export, a reference list, a map)
// through fn, whole or not at all and keeping the permissions of the file
// it replaces (see fsx.WriteFile). It refuses to replace a Khareeta
// project (ErrOutputIsProject), so `bibliography p.kmap -o p.kmap` cannot
// turn a project into text.
func WriteOutput(path string, fn func(w io.Writer) error) error {
	if IsProjectFile(path) {
		return ErrOutputIsProject // the caller names the file
	}
	return fsx.WriteFile(path, fn)
}

// writeFileAtomic writes data with WriteOutput.
func writeFileAtomic(path string, data []byte) error {
	return WriteOutput(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
