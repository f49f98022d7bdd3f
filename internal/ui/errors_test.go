package ui

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestRefusedFilesExplained opens refused files from the app: each gets a
// message saying what the file is and what to do, and the project stays open.
func TestRefusedFilesExplained(t *testing.T) {
	g := newTestGUI(t)
	orig := g.ses.Path()
	good, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	newer := append([]byte(nil), good...)
	binary.BigEndian.PutUint32(newer[60:64], 999)
	folder := filepath.Join(dir, "folder.kmap")
	os.Mkdir(folder, 0o755)
	for _, c := range []struct{ path, key, phrase string }{
		{write("x.kmap", []byte("junk")), "refused.notproject", "is not a Khareeta project"},
		{write("newer.kmap", newer), "refused.newer", "newer version of Khareeta"},
		{write("half.kmap", good[:len(good)/2+100]), "refused.damaged", "is damaged"},
		{filepath.Join(dir, "gone.kmap"), "refused.notfound", "moved, renamed or deleted"},
		{folder, "refused.folder", "is a folder"},
	} {
		g.openPath(c.path)
		if g.ses == nil || g.ses.Path() != orig {
			t.Fatalf("%s: the open project changed", c.path)
		}
		msg := ""
		walk(g.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if b, ok := o.(*bidiText); ok {
				msg += b.Text() + "\n"
			}
		})
		if !strings.Contains(msg, c.phrase) || !strings.Contains(msg, filepath.Base(c.path)) || !strings.Contains(msg, "Details:") {
			t.Errorf("%s: message %q", filepath.Base(c.path), msg)
		}
		g.closeTopDialog()
	}
}
