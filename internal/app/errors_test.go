package app

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// keptCopyErr stands for a store error that says where it kept a copy.
type keptCopyErr struct{ path string }

func (e keptCopyErr) Error() string    { return "damaged; copy at " + e.path }
func (e keptCopyErr) KeptCopy() string { return e.path }
func (e keptCopyErr) Unwrap() error    { return store.ErrCorrupt }

// TestClassifyOpen opens real refused files and checks the reason each
// error is put under; the reasons that need another program or another
// user (a lock, a permission) are checked on the store's sentinels.
func TestClassifyOpen(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.kmap")
	st, err := store.Create(good, model.Meta{Language: model.Arabic})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	newer := append([]byte(nil), goodBytes...)
	binary.BigEndian.PutUint32(newer[60:64], 999)
	sqliteHeader := append([]byte("SQLite format 3\x00"), make([]byte, 4080)...)
	binary.BigEndian.PutUint16(sqliteHeader[16:18], 4096)
	folder := filepath.Join(dir, "folder.kmap")
	os.Mkdir(folder, 0o755)
	files := []struct {
		path string
		want Refusal
	}{
		{filepath.Join(dir, "gone.kmap"), RefusedNotFound},
		{folder, RefusedFolder},
		{write("junk.kmap", []byte("these are not the bytes of a project")), RefusedNotProject},
		{write("other.sqlite", sqliteHeader), RefusedNotProject},
		{write("newer.kmap", newer), RefusedNewer},
		{write("half.kmap", goodBytes[:len(goodBytes)/2+100]), RefusedDamaged},
	}
	for _, f := range files {
		_, err := OpenVerified(f.path, "")
		if err == nil {
			t.Fatalf("%s opened", f.path)
		}
		if got := ClassifyOpen(f.path, err); got != f.want {
			t.Errorf("%s: %v put under %d, want %d", filepath.Base(f.path), err, got, f.want)
		}
	}
	for _, c := range []struct {
		err  error
		want Refusal
	}{
		{fmt.Errorf("open project x: %w", store.ErrBusy), RefusedLocked},
		{fmt.Errorf("open project x: %w: permission denied", store.ErrReadOnly), RefusedNoPermission},
		{fmt.Errorf("open project x: %w", store.ErrUntrusted), RefusedForeign},
		{fmt.Errorf("open project x: %w", store.ErrTooLarge), RefusedTooLarge},
		{fmt.Errorf("open project x: %w", keptCopyErr{"/tmp/x.kmap.damaged"}), RefusedDamaged},
	} {
		if got := ClassifyOpen("x", c.err); got != c.want {
			t.Errorf("%v put under %d, want %d", c.err, got, c.want)
		}
	}
	if got := KeptCopy(fmt.Errorf("open: %w", keptCopyErr{"/tmp/x.kmap.damaged"})); got != "/tmp/x.kmap.damaged" {
		t.Errorf("kept copy %q", got)
	}
}
