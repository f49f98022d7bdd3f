// Package fsx writes files whole or not at all. It is a leaf: it imports
// only the standard library, so every package that writes a user's file
// (exports, reference lists, settings, rendered maps) can share it.
package fsx

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// NewFilePerm is the permission a new file is created with, before the
// user's umask (as os.Create does).
const NewFilePerm = 0o666

// WriteFile writes the file at path through fn, whole or not at all: fn
// writes (buffered) to a temporary file beside the target, in the same
// directory so that the rename is atomic; the temporary file is synced to
// disk, given the permission bits of the file it replaces (a new file gets
// NewFilePerm less the umask), and renamed over the target; then the
// directory is synced so the rename itself survives a crash. When fn or any
// step fails the target is untouched and the temporary file removed.
//
// A path that is a symbolic link is followed: the file it points to is
// replaced and the link stays. An existing target that is not a regular
// file (a directory, a device, a pipe) is refused.
func WriteFile(path string, fn func(w io.Writer) error) error {
	return Write(path, NewFilePerm, fn)
}

// Write is WriteFile with the permission a new file is created with
// (before the umask): 0600 for a file only its owner should read.
func Write(path string, newPerm fs.FileMode, fn func(w io.Writer) error) (err error) {
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	perm := fs.FileMode(0)
	keep := false
	switch fi, serr := os.Stat(target); {
	case serr == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("write %s: not a regular file", path)
	case serr == nil:
		perm, keep = fi.Mode().Perm(), true
	case !errors.Is(serr, fs.ErrNotExist):
		return fmt.Errorf("write %s: %w", path, serr)
	}
	dir := filepath.Dir(target)
	f, err := createTemp(dir, filepath.Base(target), newPerm)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := fn(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if keep {
		if err := f.Chmod(perm); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// WriteBytes writes data to path whole or not at all (see WriteFile).
func WriteBytes(path string, data []byte) error {
	return WriteFile(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// tempName is how temporary files are named beside their target: a dot,
// the target's name, a random part and ".tmp" (".map.png.3f9a….tmp"), so
// they are hidden and say what they were for.
func tempName(base string) string {
	var b [8]byte
	rand.Read(b[:])
	return "." + base + "." + hex.EncodeToString(b[:]) + ".tmp"
}

// createTemp creates a new temporary file for base in dir with perm, so
// that the umask applies as for any new file.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	for i := 0; ; i++ {
		f, err := os.OpenFile(filepath.Join(dir, tempName(base)), os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if err == nil || !errors.Is(err, fs.ErrExist) || i == 100 {
			return f, err
		}
	}
}

// syncDir flushes a directory's entries (the rename) to disk; file systems
// that cannot sync a directory are not an error.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
