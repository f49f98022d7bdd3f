package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// A bibliography import says what it lost, refuses what it cannot read,
// and survives macro bombs (issue 14, item 9 and 10).
func TestImportReferencesTellsTheTruth(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "p.kmap")
	mustRun(t, "new", f, "--lang", "en")
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	// a '}' too many: the entry is kept without its year, with a warning
	out := mustRun(t, "import", f, "--from", write("brace.bib", []byte("@article{k, title={T}}}, year={2020}}\n")), "--dry-run")
	for _, s := range []string{"1 added, 0 merged, 0 rejected, 1 warning", "warning line 1: entry k:", "fields lost: year"} {
		if !strings.Contains(out, s) {
			t.Errorf("summary lacks %q:\n%s", s, out)
		}
	}
	out = mustRun(t, "import", f, "--from", write("macro.bib", []byte("@article{k2,\n title={U},\n journal = jir\n}\n")), "--dry-run")
	if !strings.Contains(out, `warning line 3: entry k2: undefined macro "jir" in field "journal"`) {
		t.Errorf("summary:\n%s", out)
	}

	// what cannot be read is an error, and nothing is written
	random := make([]byte, 2048)
	for i := range random {
		random[i] = byte(i*7919%251 + 1) // no NUL, not UTF-8
	}
	prose := "Dear colleague, the references: Booth (1991), Buzan (1991).\n"
	bomb := "@string{s0 = \"xxxxxxxxxxxxxxxx\"}\n"
	for i := 1; i <= 40; i++ {
		bomb += fmt.Sprintf("@string{s%d = s%d # s%d}\n", i, i-1, i-1)
	}
	bomb += "@book{bomb, title = s40, year = 2020}\n"
	for _, c := range []struct {
		file, data, want string
	}{
		{"random.bib", string(random), "BibTeX: unsupported text encoding: line 1 is not UTF-8 text"},
		{"random.ris", string(random), "RIS: unsupported text encoding"},
		{"random.json", string(random), "CSL-JSON: unsupported text encoding"},
		{"prose.bib", prose, "BibTeX: no bibliography entries: nothing looks like an entry"},
		{"prose.ris", prose, `RIS: no bibliography entries: no line starts a record ("TY  - JOUR")`},
		{"nobom.bib", string(utf16LE("@book{k, title={T}}")), "UTF-16 (little-endian) without a byte-order mark"},
		{"bomb.bib", bomb, "@string s17 would be 2.0 MiB after @string macro expansion"},
	} {
		code, out, errs := runSources("", "import", f, "--from", write(c.file, []byte(c.data)), "--dry-run")
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want an error saying %q", c.file, code, out, errs, c.want)
		}
	}

	// UTF-16 with a byte-order mark is read
	out = mustRun(t, "import", f, "--from", write("utf16.bib", append([]byte{0xFF, 0xFE}, utf16LE("@book{k, title={الأمن والمجتمع}, year=2020}")...)))
	if !strings.Contains(out, "1 added, 0 merged, 0 rejected\n") {
		t.Errorf("UTF-16 import:\n%s", out)
	}
	if p := loadFile(t, f); len(p.Sources) != 1 || p.Sources[0].Title != "الأمن والمجتمع" {
		t.Errorf("sources after the imports: %+v", p.Sources)
	}
}

func utf16LE(s string) []byte {
	var out []byte
	for _, c := range utf16.Encode([]rune(s)) {
		out = append(out, byte(c), byte(c>>8))
	}
	return out
}
