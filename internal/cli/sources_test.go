package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/interop"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// runSources runs a command line with stdin and returns its status and output.
func runSources(stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runSources("", args...)
	if code != 0 {
		t.Fatalf("khareeta %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func loadFile(t *testing.T, path string) *model.Project {
	t.Helper()
	s, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func fixture(name string) string { return filepath.Join("..", "interop", "testdata", name) }

// Project JSON: export → import into a new file → export again gives identical JSON.
func TestProjectJSONRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.kmap"), filepath.Join(dir, "b.kmap")
	mustRun(t, "new", a, "--sample")
	out1 := filepath.Join(dir, "one.json")
	mustRun(t, "export", a, "-o", out1)
	msg := mustRun(t, "import", b, "--from", out1)
	if !strings.Contains(msg, "created") {
		t.Errorf("import into a missing file should say it created it: %s", msg)
	}
	out2 := filepath.Join(dir, "two.json")
	mustRun(t, "export", "-o", out2, b) // flags before the file work too
	j1, _ := os.ReadFile(out1)
	j2, _ := os.ReadFile(out2)
	if !bytes.Equal(j1, j2) || !interop.IsProjectJSON(j1) {
		t.Errorf("project JSON differs after a round trip (%d vs %d bytes)", len(j1), len(j2))
	}
	// importing the same JSON again replaces by id: nothing doubles
	mustRun(t, "import", b, "--from", out1)
	if p := loadFile(t, b); len(p.Sources) != len(loadFile(t, a).Sources) {
		t.Errorf("re-import doubled sources: %d", len(p.Sources))
	}
	// stdout needs a format
	if code, _, errs := runSources("", "export", a, "-o", "-"); code == 0 || !strings.Contains(errs, "--format") {
		t.Errorf("export to - without --format: %d %s", code, errs)
	}
	code, out, _ := runSources("", "export", a, "-o", "-", "--format", "json")
	if code != 0 || !bytes.Equal([]byte(out), j1) {
		t.Errorf("export to stdout differs from the file")
	}
	if code, _, errs := runSources("", "export", a, "-o", filepath.Join(dir, "x.json"), "--view", "anything"); code == 0 || !strings.Contains(errs, "whole project") {
		t.Errorf("--view with project JSON should fail: %s", errs)
	}
}

// The sample's references export to BibTeX, RIS and CSL-JSON and import back
// into an empty project with nothing lost.
func TestSampleReferencesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join(dir, "sample.kmap")
	mustRun(t, "new", sample, "--sample")
	want := loadFile(t, sample).Sources
	if len(want) < 30 {
		t.Fatalf("sample has %d sources", len(want))
	}
	for _, ext := range []string{".bib", ".ris", ".csl.json"} {
		t.Run(ext, func(t *testing.T) {
			refs := filepath.Join(dir, "refs"+ext)
			msg := mustRun(t, "export", sample, "-o", refs)
			if !strings.Contains(msg, "32 sources") && !strings.Contains(msg, " sources to ") {
				t.Errorf("export message: %s", msg)
			}
			empty := filepath.Join(dir, "empty"+ext+".kmap")
			mustRun(t, "new", empty)
			msg = mustRun(t, "import", empty, "--from", refs)
			if !strings.Contains(msg, " 0 merged, 0 rejected") {
				t.Errorf("import summary: %s", msg)
			}
			got := loadFile(t, empty).Sources
			if len(got) != len(want) {
				t.Fatalf("%d sources back, want %d", len(got), len(want))
			}
			byKey := map[string]model.Source{}
			for _, s := range got {
				byKey[s.Key] = s
			}
			for _, w := range want {
				g, ok := byKey[w.Key]
				if !ok {
					t.Errorf("source %q lost", w.Key)
					continue
				}
				if ext == ".csl.json" && g.ID != w.ID {
					t.Errorf("%s: id not kept", w.Key)
				}
				g.ID, w.ID = "", ""
				g.Created, g.Updated = w.Created, w.Updated
				if gj, wj := sourceJSON(g), sourceJSON(w); gj != wj {
					t.Errorf("%s changed:\n got %s\nwant %s", w.Key, gj, wj)
				}
			}
			// importing the same file again merges everything, adds nothing
			msg = mustRun(t, "import", empty, "--from", refs)
			if !strings.Contains(msg, ": 0 added, 32 merged, 0 rejected") {
				t.Errorf("second import: %s", msg)
			}
			if n := len(loadFile(t, empty).Sources); n != len(want) {
				t.Errorf("second import left %d sources", n)
			}
		})
	}
}

func sourceJSON(s model.Source) string {
	var b bytes.Buffer
	p := &model.Project{Sources: []model.Source{s}}
	_ = interop.ExportSources(&b, p.Sources, interop.CSLJSON)
	return b.String()
}

func TestImportReferencesReport(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "p.kmap")
	mustRun(t, "new", f, "--lang", "en")
	out := mustRun(t, "import", f, "--from", fixture("mendeley.bib"))
	for _, s := range []string{"imported", "(bibtex)", "6 added, 0 merged, 2 rejected", "rejected line 48: entry Broken2020", "rejected line 60: entry NoTitle2018: no title"} {
		if !strings.Contains(out, s) {
			t.Errorf("summary lacks %q:\n%s", s, out)
		}
	}
	// Zotero's RIS holds Caballero-Anthony (same DOI) and others; the chapter etc. are new
	out = mustRun(t, "import", f, "--from", fixture("zotero.ris"))
	if !strings.Contains(out, "6 added, 1 merged, 2 rejected") || !strings.Contains(out, "(same DOI); filled url, language, accessed") {
		t.Errorf("RIS summary:\n%s", out)
	}
	p := loadFile(t, f)
	if len(p.Sources) != 12 {
		t.Errorf("%d sources", len(p.Sources))
	}
	for _, s := range p.Sources {
		if s.Key == "Caballero-Anthony2015" && (s.Accessed != "2024-03-02" || s.Issued != "2015") {
			t.Errorf("merge did not fill, or overwrote: %+v", s)
		}
	}
	// dry run writes nothing
	before, _ := os.ReadFile(f)
	out = mustRun(t, "import", f, "--from", fixture("zotero.json"), "--dry-run")
	after, _ := os.ReadFile(f)
	if !strings.HasPrefix(out, "dry run") || !bytes.Equal(before, after) {
		t.Errorf("dry run: %s (file changed: %v)", out, !bytes.Equal(before, after))
	}
	// CSL-JSON from standard input
	code, out, errs := runSources(string(mustRead(t, fixture("zotero.json"))), "import", f, "--from", "-", "--format", "csl")
	if code != 0 || !strings.Contains(out, "(csl-json)") {
		t.Errorf("stdin import: %d %s %s", code, out, errs)
	}
	// into a missing file: a clear error
	code, _, errs = runSources("", "import", filepath.Join(dir, "missing.kmap"), "--from", fixture("zotero.bib"))
	if code != 1 || !strings.Contains(errs, "khareeta new") {
		t.Errorf("missing project: %d %s", code, errs)
	}
	code, _, errs = runSources("", "import", f, "--from", filepath.Join(dir, "refs.txt"))
	if code != 1 {
		t.Errorf("unreadable input: %d %s", code, errs)
	}
	os.WriteFile(filepath.Join(dir, "refs.txt"), []byte("x"), 0o644)
	code, _, errs = runSources("", "import", f, "--from", filepath.Join(dir, "refs.txt"))
	if code != 1 || !strings.Contains(errs, "--format") {
		t.Errorf("unknown extension: %d %s", code, errs)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImportIsOneTransaction(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "p.kmap")
	mustRun(t, "new", f)
	before := mustRead(t, f)
	// a source the parser accepts but the store refuses would roll everything back;
	// a project JSON that fails validation must leave the file as it was
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"format":"khareeta-project","version":1,"project":{"meta":{"title":{},"language":"xx"}}}`), 0o644)
	if code, _, _ := runSources("", "import", f, "--from", bad); code != 1 {
		t.Errorf("invalid project JSON accepted")
	}
	if !bytes.Equal(before, mustRead(t, f)) {
		t.Error("failed import changed the file")
	}
	if _, err := os.Stat(filepath.Join(dir, "new.kmap")); err == nil {
		t.Error("unexpected file")
	}
	if code, _, _ := runSources("", "import", filepath.Join(dir, "new.kmap"), "--from", bad); code != 1 {
		t.Error("invalid JSON into a new file accepted")
	}
	if _, err := os.Stat(filepath.Join(dir, "new.kmap")); err == nil {
		t.Error("a failed import left a new file behind")
	}
}

func TestBibliographyCommand(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "s.kmap")
	mustRun(t, "new", f, "--sample")
	out := mustRun(t, "bibliography", f)
	golden := mustRead(t, filepath.Join("..", "biblio", "testdata", "sample_apa.txt"))
	if out != string(golden) {
		t.Errorf("bibliography differs from the hand-written list:\n%s", out)
	}
	md := mustRun(t, "bibliography", f, "--format", "markdown")
	if !strings.Contains(md, "*Review of International Studies*, *17*(4), 313–326.") {
		t.Errorf("markdown: %s", md)
	}
	page := filepath.Join(dir, "refs.html")
	mustRun(t, "bibliography", f, "--format", "html", "-o", page)
	h := string(mustRead(t, page))
	if !strings.HasPrefix(h, "<!DOCTYPE html>") || !strings.Contains(h, `lang="ar" dir="rtl"`) || !strings.Contains(h, "المراجع") {
		t.Errorf("html page: %.300s", h)
	}
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Views) > 0 {
		name := p.Views[0].Name.Get("en")
		vout := mustRun(t, "bibliography", f, "--view", name)
		if n := strings.Count(vout, "\n"); n == 0 || n >= strings.Count(out, "\n") {
			t.Errorf("view %q lists %d references of %d", name, n, strings.Count(out, "\n"))
		}
		refs := filepath.Join(dir, "view.ris")
		mustRun(t, "export", f, "-o", refs, "--view", name)
		if c := strings.Count(string(mustRead(t, refs)), "ER  - "); c != strings.Count(vout, "\n") {
			t.Errorf("view export has %d records, bibliography %d lines", c, strings.Count(vout, "\n"))
		}
	}
	if code, _, errs := runSources("", "bibliography", f, "--view", "no such view"); code != 1 || !strings.Contains(errs, "no view named") {
		t.Errorf("unknown view: %d %s", code, errs)
	}
	if code, _, _ := runSources("", "bibliography", f, "--format", "pdf"); code != 1 {
		t.Error("pdf accepted")
	}
}

// BenchmarkImportCommand measures `khareeta import` end to end: parse,
// merge against the project, and one store transaction writing every source.
func BenchmarkImportCommand(b *testing.B) {
	base, err := data.Sample()
	if err != nil {
		b.Fatal(err)
	}
	srcs := make([]model.Source, 10000)
	for i := range srcs {
		s := base.Sources[i%len(base.Sources)]
		s.ID = model.NewID()
		s.Key = s.Key + "-" + itoa(i)
		s.Title = s.Title + " " + itoa(i)
		if s.DOI != "" {
			s.DOI += "." + itoa(i)
		}
		s.Authors = append([]model.Name(nil), s.Authors...)
		srcs[i] = s
	}
	dir := b.TempDir()
	n := 0
	for _, ext := range []string{".bib", ".ris", ".csl.json"} {
		f, _ := interop.BibFormatForPath("x" + ext)
		var buf bytes.Buffer
		if err := interop.ExportSources(&buf, srcs, f); err != nil {
			b.Fatal(err)
		}
		in := filepath.Join(dir, "refs"+ext)
		if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run("format="+strings.TrimPrefix(ext, ".")+"/entries=10000", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				n++
				proj := filepath.Join(dir, "p"+itoa(n)+ext+".kmap")
				if code, _, errs := runSources("", "new", proj); code != 0 {
					b.Fatal(errs)
				}
				b.StartTimer()
				code, out, errs := runSources("", "import", proj, "--from", in)
				if code != 0 || !strings.Contains(out, "10000 added") {
					b.Fatal(out, errs)
				}
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
