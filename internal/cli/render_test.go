package cli

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestRenderEachSampleViewEachFormat(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.kmap")
	if code, out, errs := run(t, "new", path, "--sample"); code != 0 {
		t.Fatalf("new: %d %s %s", code, out, errs)
	}
	views := []string{"Threats and the pillars they weaken", "توصيات تعالج التهديدات", "الفرص", "The department's case"}
	for i, v := range views {
		for _, ext := range []string{"png", "svg", "pdf", "dot"} {
			out := filepath.Join(dir, "v"+string(rune('0'+i))+"."+ext)
			args := []string{"render", path, "-o", out, "--view", v, "--legend", "--sources", "--title", v}
			if ext == "pdf" {
				args = append(args, "--page", "a4")
			}
			code, stdout, stderr := run(t, args...)
			if code != 0 {
				t.Fatalf("render %s to %s: exit %d\n%s%s", v, ext, code, stdout, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil || len(b) == 0 {
				t.Fatalf("%s: %v (%d bytes)", out, err, len(b))
			}
			switch ext {
			case "png":
				if _, err := png.Decode(bytes.NewReader(b)); err != nil {
					t.Errorf("%s: %v", out, err)
				}
			case "svg":
				if !bytes.HasPrefix(b, []byte("<?xml")) || !bytes.Contains(b, []byte("</svg>")) {
					t.Errorf("%s: not an SVG document", out)
				}
			case "pdf":
				if !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Errorf("%s: not a PDF", out)
				}
			case "dot":
				if !bytes.HasPrefix(b, []byte("digraph")) {
					t.Errorf("%s: not a DOT graph", out)
				}
				if dot, err := exec.LookPath("dot"); err == nil {
					if msg, err := exec.Command(dot, "-Tcanon", "-o", os.DevNull, out).CombinedOutput(); err != nil {
						t.Errorf("native dot rejects %s: %v\n%s", out, err, msg)
					}
				}
			}
		}
	}
}

func TestRenderOptionsAndErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.kmap")
	if code, _, errs := run(t, "new", path, "--sample"); code != 0 {
		t.Fatalf("new: %s", errs)
	}
	ok := [][]string{
		{"--kinds", "threat,pillar", "--layout", "neato"},
		{"--focus", "الإرهاب", "--depth", "2", "--direction", "LR", "--lang", "en"},
		{"--layout", "sfdp", "--scale", "1"},
		{"--layout", "circo", "--kinds", "opportunity,recommendation"},
	}
	for i, extra := range ok {
		out := filepath.Join(dir, "ok"+string(rune('a'+i))+".png")
		code, stdout, stderr := run(t, append([]string{"render", path, "-o", out}, extra...)...)
		if code != 0 || !strings.Contains(stdout, "wrote") {
			t.Errorf("render %v: exit %d\n%s%s", extra, code, stdout, stderr)
		}
	}
	bad := []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(dir, "x.jpg")}, "unknown output format"},
		{[]string{"-o", filepath.Join(dir, "noext")}, "extension"},
		{[]string{}, "no output file"},
		{[]string{"-o", filepath.Join(dir, "x.png"), "--view", "no such view"}, "no view"},
		{[]string{"-o", filepath.Join(dir, "x.png"), "--kinds", "dragons"}, "unknown kind"},
		{[]string{"-o", filepath.Join(dir, "x.png"), "--focus", "zzzz nothing like this"}, "no concept"},
		{[]string{"-o", filepath.Join(dir, "x.png"), "--layout", "spring"}, "unknown layout engine"},
		{[]string{"-o", filepath.Join(dir, "x.png"), "--direction", "UP"}, "unknown direction"},
		{[]string{"-o", filepath.Join(dir, "x.png"), "--scale", "0"}, "scale"},
		{[]string{"-o", filepath.Join(dir, "x.pdf"), "--page", "letter"}, "a4 or a3"},
	}
	for _, tc := range bad {
		code, _, stderr := run(t, append([]string{"render", path}, tc.args...)...)
		if code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("render %v: exit %d, stderr %q; want an error with %q", tc.args, code, stderr, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.png")); err == nil {
		t.Error("a failed render left an output file")
	}
	code, _, stderr := run(t, "render", filepath.Join(dir, "missing.kmap"), "-o", filepath.Join(dir, "y.png"))
	if code == 0 || stderr == "" {
		t.Errorf("missing project file: exit %d %q", code, stderr)
	}
}
