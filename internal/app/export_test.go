package app_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/cli"
)

// TestExportMatchesRender checks that the GUI's export writes, byte for
// byte, the file `khareeta render` writes with the equivalent flags.
func TestExportMatchesRender(t *testing.T) {
	dir := t.TempDir()
	s, err := app.CreateSample(filepath.Join(dir, "sample.kmap"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := s.Project()
	view := p.Views[0].ID
	cases := []struct {
		name string
		opts app.ExportOptions
	}{
		{"view.svg", app.ExportOptions{ViewID: view, Legend: true, Title: "التهديدات (2016)", Sources: true, Lang: "ar"}},
		{"all.dot", app.ExportOptions{Lang: "en"}},
		{"focus.png", app.ExportOptions{ViewID: view, Focus: p.Concepts[3].ID, Depth: 1, Scale: 1}},
		{"view.pdf", app.ExportOptions{ViewID: view, Page: "a4", Legend: true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gui := filepath.Join(dir, "gui-"+tc.name)
			if _, err := app.Export(context.Background(), p, gui, tc.opts); err != nil {
				t.Fatal(err)
			}
			cmd := filepath.Join(dir, "cli-"+tc.name)
			var stderr bytes.Buffer
			env := &cli.Env{Stdin: bytes.NewReader(nil), Stdout: io.Discard, Stderr: &stderr}
			if code := cli.Main(tc.opts.Args(s.Path(), cmd), env); code != 0 {
				t.Fatalf("khareeta %v: exit %d: %s", tc.opts.Args(s.Path(), cmd), code, stderr.String())
			}
			a, _ := os.ReadFile(gui)
			b, _ := os.ReadFile(cmd)
			if len(a) == 0 {
				t.Fatal("empty export")
			}
			if filepath.Ext(tc.name) == ".pdf" {
				// PDFs carry a creation date; compare without it.
				a, b = stripPDFDates(a), stripPDFDates(b)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("export (%d bytes) differs from khareeta render (%d bytes); command: %s", len(a), len(b), tc.opts.CommandLine(s.Path(), cmd))
			}
		})
	}
}

func stripPDFDates(b []byte) []byte {
	for _, key := range [][]byte{[]byte("/CreationDate ("), []byte("/ModDate (")} {
		for i := bytes.Index(b, key); i >= 0; {
			j := bytes.IndexByte(b[i+len(key):], ')')
			if j < 0 {
				break
			}
			b = append(b[:i+len(key)], b[i+len(key)+j:]...)
			next := bytes.Index(b[i+len(key):], key)
			if next < 0 {
				break
			}
			i += len(key) + next
		}
	}
	return b
}

// The desktop app's exports never replace a project either, and keep the
// permissions of a file they replace (issue 14, cases 1 and 17).
func TestExportsNeverOverwriteAProject(t *testing.T) {
	dir := t.TempDir()
	s, err := app.CreateSample(filepath.Join(dir, "sample.kmap"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	project, _ := os.ReadFile(s.Path())
	for _, name := range []string{"map.png", "refs.bib"} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, project, 0o644)
		var err error
		if name == "map.png" {
			_, err = app.Export(context.Background(), s.Project(), path, app.ExportOptions{})
		} else {
			_, err = s.ExportSources(path, "")
		}
		if !errors.Is(err, app.ErrOutputIsProject) {
			t.Errorf("%s: %v", name, err)
		}
		if b, _ := os.ReadFile(path); !bytes.Equal(b, project) {
			t.Errorf("%s was overwritten", name)
		}
	}
	priv := filepath.Join(dir, "priv.svg")
	os.WriteFile(priv, []byte("old"), 0o600)
	if _, err := app.Export(context.Background(), s.Project(), priv, app.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(priv); fi.Mode().Perm() != 0o600 {
		t.Errorf("priv.svg is now %v", fi.Mode().Perm())
	}
}
