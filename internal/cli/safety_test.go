package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// TestMain lets the tests run this very binary as the command line in a
// separate process (KHAREETA_CLI_CHILD=1), for the concurrency and
// permission cases that need real processes.
func TestMain(m *testing.M) {
	if os.Getenv("KHAREETA_CLI_CHILD") == "1" {
		os.Exit(Main(os.Args[1:], nil))
	}
	os.Exit(m.Run())
}

func sampleFile(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	mustRun(t, "new", path, "--sample")
	return path
}

// Issue 14, case 1: an output never lands on a project file, whatever its
// name; overwriting any other file keeps its permissions (case 17).
func TestOutputNeverOverwritesAProject(t *testing.T) {
	dir := t.TempDir()
	p := sampleFile(t, dir, "p.kmap")
	b := sampleFile(t, dir, "b.kmap")
	disguised := filepath.Join(dir, "notes.dat") // a project, whatever its extension
	os.WriteFile(disguised, mustRead(t, b), 0o644)
	pngProject := filepath.Join(dir, "map.png")
	os.WriteFile(pngProject, mustRead(t, b), 0o644)
	for _, args := range [][]string{
		{"bibliography", p, "-o", p},
		{"bibliography", p, "--format", "html", "-o", b},
		{"export", p, "--format", "csv", "-o", b},
		{"export", p, "--format", "json", "-o", disguised},
		{"export", p, "-o", b, "--format", "bibtex"},
		{"render", p, "-o", pngProject},
	} {
		target := args[len(args)-1]
		for i, a := range args {
			if a == "-o" {
				target = args[i+1]
			}
		}
		before := mustRead(t, target)
		code, _, errs := runSources("", args...)
		if code != 1 || !strings.Contains(errs, "it is a Khareeta project file; choose another output file") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
		if !bytes.Equal(before, mustRead(t, target)) {
			t.Errorf("%v changed the project %s", args, target)
		}
	}
	if probs := store.Check(p); len(probs) != 0 {
		t.Errorf("project after the refusals: %v", probs)
	}

	// Any other existing file keeps its permissions.
	for _, args := range [][]string{
		{"export", p, "-o", "priv.txt", "--format", "ris"},
		{"bibliography", p, "-o", "priv.txt"},
		{"render", p, "-o", "priv.svg"},
		{"export", p, "-o", "priv.csv"},
	} {
		for i, a := range args {
			if strings.HasPrefix(a, "priv.") {
				args[i] = filepath.Join(dir, a)
				os.WriteFile(args[i], []byte("old"), 0o600)
			}
		}
		mustRun(t, args...)
		for _, a := range args {
			if strings.HasPrefix(filepath.Base(a), "priv.") {
				fi, err := os.Stat(a)
				if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() < 10 {
					t.Errorf("%v: %v %v (%d bytes)", args, err, fi.Mode().Perm(), fi.Size())
				}
			}
		}
	}
}

// contentOf is a project with update times cleared and lists sorted by id,
// for comparing what a round trip kept.
func contentOf(t *testing.T, path string) map[string]string {
	t.Helper()
	p := loadFile(t, path)
	out := map[string]string{}
	add := func(id string, v any) {
		b, _ := json.Marshal(v)
		out[id] = string(b)
	}
	for _, c := range p.Concepts {
		c.Updated = time.Time{}
		add(c.ID, c)
	}
	for _, r := range p.Relations {
		r.Updated = time.Time{}
		add(r.ID, r)
	}
	for _, s := range p.Sources {
		s.Updated = time.Time{}
		add(s.ID, s)
	}
	for _, c := range p.Citations {
		add(c.ID, c)
	}
	for _, k := range p.Kinds {
		add(k.ID, k)
	}
	for _, v := range p.Views {
		add(v.ID, v)
	}
	return out
}

func diffContent(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	n := 0
	for id, b := range before {
		if a := after[id]; a != b {
			if n++; n <= 5 {
				t.Errorf("%s changed %s:\n before %s\n  after %s", what, id, b, a)
			}
		}
	}
	if n > 5 {
		t.Errorf("%s: %d records changed in all", what, n)
	}
	if len(after) != len(before) {
		t.Errorf("%s: %d records, before %d", what, len(after), len(before))
	}
}

// Issue 14, case 2: exporting to a lossier format and importing it back
// into the project changes nothing: not the English labels, notes and
// phrases CXL does not hold, nor the relation types it does not carry.
func TestRoundTripsThroughLossyFormatsKeepEverything(t *testing.T) {
	dir := t.TempDir()
	p := sampleFile(t, dir, "p.kmap")
	orig := loadFile(t, p)
	var en, notes, rnotes, phrases int
	for _, c := range orig.Concepts {
		if c.Label[model.English] != "" {
			en++
		}
		if c.Notes != "" {
			notes++
		}
	}
	for _, r := range orig.Relations {
		if r.Notes != "" {
			rnotes++
		}
		if r.Phrase[model.English] != "" {
			phrases++
		}
	}
	if en < 100 || notes < 20 || rnotes < 20 || phrases < 100 {
		t.Fatalf("the sample lacks what this test needs: %d English labels, %d notes, %d relation notes, %d English phrases", en, notes, rnotes, phrases)
	}
	before := contentOf(t, p)
	for _, ext := range []string{".cxl", ".csv", ".relations.csv", ".bib", ".ris", ".csl.json"} {
		out := filepath.Join(dir, "p"+ext)
		mustRun(t, "export", p, "-o", out)
		dry := mustRun(t, "import", p, "--from", out, "--dry-run")
		if strings.Contains(dry, " changed") && !strings.Contains(dry, " 0 changed") {
			t.Errorf("dry run of %s back into its project would change records: %s", ext, dry)
		}
		msg := mustRun(t, "import", p, "--from", out)
		diffContent(t, "import of "+ext, before, contentOf(t, p))
		if ext == ".cxl" && !strings.Contains(msg, "concepts 0 added, 0 changed, 128 unchanged; relations 0 added, 0 changed, 225 unchanged") {
			t.Errorf("CXL import summary: %s", msg)
		}
	}

	// A label edited in CmapTools (the map's language, Arabic) changes that
	// label only: the English label, the notes and the kind stay.
	cxl := filepath.Join(dir, "p.cxl")
	c := orig.Concepts[5]
	b := bytes.Replace(mustRead(t, cxl), []byte(`label="`+xmlEsc(c.Label[model.Arabic])+`"`), []byte(`label="تسمية جديدة"`), 1)
	os.WriteFile(cxl, b, 0o644)
	mustRun(t, "import", p, "--from", cxl)
	after := loadFile(t, p)
	for _, x := range after.Concepts {
		if x.ID != c.ID {
			continue
		}
		if x.Label[model.Arabic] != "تسمية جديدة" || x.Label[model.English] != c.Label[model.English] || x.Notes != c.Notes || x.Kind != c.Kind {
			t.Errorf("edited concept: %+v, was %+v", x, c)
		}
	}
	if probs := store.Check(p); len(probs) != 0 {
		t.Errorf("%v", probs)
	}
}

func xmlEsc(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Issue 14, case 3: importing an old export over newer edits says how many
// and which (dry run), refuses, and replaces them only with --replace-newer.
func TestImportRefusesToRevertNewerEdits(t *testing.T) {
	dir := t.TempDir()
	p := sampleFile(t, dir, "f.kmap")
	old := filepath.Join(dir, "old-export.json")
	mustRun(t, "export", p, "-o", old)
	ses, err := app.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range ses.Project().Concepts[:50] {
		c.Label = c.Label.Clone()
		c.Label[model.English] = "edited " + string(rune('A'+i%26))
		if _, err := ses.SaveConcept(c); err != nil {
			t.Fatal(err)
		}
	}
	ses.Close()
	edited := mustRead(t, p)

	dry := mustRun(t, "import", p, "--from", old, "--dry-run")
	if !strings.Contains(dry, "concepts 0 added, 50 changed, 78 unchanged") ||
		!strings.Contains(dry, "50 records changed here after the file's copies; the import refuses to replace them without --replace-newer") ||
		strings.Count(dry, "\n  concept ") != 50 {
		t.Errorf("dry run:\n%s", dry)
	}
	code, out, errs := runSources("", "import", p, "--from", old)
	if code != 1 || !strings.Contains(errs, "50 records in the project were changed after the copies in") ||
		!strings.Contains(errs, "nothing was written") || !strings.Contains(errs, "--replace-newer") || !strings.Contains(errs, "… and 40 more") {
		t.Errorf("import over newer edits: exit %d\n%s%s", code, out, errs)
	}
	if !bytes.Equal(edited, mustRead(t, p)) {
		t.Fatal("a refused import changed the file")
	}
	msg := mustRun(t, "import", p, "--from", old, "--replace-newer")
	if !strings.Contains(msg, "replaced 50 records changed here after the file's copies") {
		t.Errorf("--replace-newer: %s", msg)
	}
	for _, c := range loadFile(t, p).Concepts {
		if strings.HasPrefix(c.Label[model.English], "edited ") {
			t.Fatalf("--replace-newer kept %v", c.Label)
		}
	}
	// Importing the same file again now replaces nothing newer.
	if msg := mustRun(t, "import", p, "--from", old); strings.Contains(msg, "replaced") {
		t.Errorf("second import: %s", msg)
	}
}

// Issue 14, case 16: labels with terminal escape sequences and bidi
// overrides are shown escaped by every command that prints them; JSON
// output stays valid and decodes to the same text.
func TestTerminalOutputEscapesControls(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.kmap")
	s, err := store.Create(path, model.Meta{Language: model.English, Title: model.T("", "hostile \x1b]0;pwned\x07")})
	if err != nil {
		t.Fatal(err)
	}
	red := "\x1b[2J\x1b[31mred\x1b[0m"
	rlo := "abc\u202Egnp.exe"
	c1 := model.Concept{ID: model.NewID(), Kind: "threat", Label: model.T("", red)}
	c2 := model.Concept{ID: model.NewID(), Kind: "pillar", Label: model.T("", rlo)}
	if err := s.Update(func(tx *store.Tx) error {
		if err := tx.PutConcept(c1); err != nil {
			return err
		}
		if err := tx.PutConcept(c2); err != nil {
			return err
		}
		return tx.PutRelation(model.Relation{ID: model.NewID(), From: c1.ID, To: c2.ID, Type: "weakens", Phrase: model.T("", "\u2067x\u2069")})
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, args := range [][]string{{"check", path}, {"analyze", path}, {"stats", path}, {"path", path, c1.ID, c2.ID}, {"analyze", path, "--view", "\x1b[5mnone"}} {
		_, out, errs := runSources("", args...)
		all := out + errs
		if strings.ContainsAny(all, "\x1b\x07\u202E\u2067\u2069") {
			t.Errorf("%s printed a raw control or bidi override:\n%q", args[0], all)
		}
		if !strings.Contains(all, `\u001B`) && !strings.Contains(all, `\u202E`) && !strings.Contains(all, `\x1b`) {
			t.Errorf("%s shows no escape:\n%s", args[0], all)
		}
	}
	_, out, _ := runSources("", "analyze", path, "--json")
	var rep app.AnalysisReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("analyze --json is no longer JSON: %v\n%s", err, out)
	}
	found := false
	for _, x := range rep.Structure.Degree {
		found = found || x.Concept.Label == rlo
	}
	if !found || rep.Title != "hostile \x1b]0;pwned\x07" {
		t.Errorf("JSON does not decode to the labels: %q %+v", rep.Title, rep.Structure.Degree)
	}
	// A file written to standard output keeps its bytes.
	_, data, _ := runSources("", "export", path, "-o", "-", "--format", "json")
	if !strings.Contains(data, "\u202E") {
		t.Error("export -o - escaped the file's content")
	}
}

// Issue 14, case 17 (the command line's side): a file the user may not
// read is reported as unreadable, not as "cannot be written", even by
// commands that only read.
func TestUnreadableFileSaysSo(t *testing.T) {
	dir, err := os.MkdirTemp("", "khareeta-perm-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	p := sampleFile(t, dir, "secret.kmap")
	os.Chmod(p, 0o600)
	for _, cmd := range []string{"stats", "check", "analyze", "render", "export", "bibliography"} {
		args := []string{cmd, p}
		switch cmd {
		case "render":
			args = append(args, "-o", filepath.Join(dir, "tmp", "out.svg"))
		case "export":
			args = append(args, "-o", filepath.Join(dir, "tmp", "out.json"))
		}
		code, out, errs := asOtherUser(t, dir, args...)
		if code != 1 || !strings.Contains(errs, "permission denied: you may not read this file") || strings.Contains(out+errs, "cannot be written") {
			t.Errorf("%s of an unreadable file: exit %d\n%s%s", cmd, code, out, errs)
		}
	}
}

// asOtherUser runs the command line in a process that may not read the
// files the test made: as the user nobody when the test runs as root
// (root reads every file), else in this process on files made unreadable.
func asOtherUser(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	if os.Getuid() != 0 {
		os.Chmod(args[1], 0)
		defer os.Chmod(args[1], 0o600)
		return runSources("", args...)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "khareeta-test")
	if _, err := os.Stat(bin); err != nil {
		if err := os.WriteFile(bin, mustRead(t, self), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tmp := filepath.Join(dir, "tmp") // the child's own temporary folder
	os.Mkdir(tmp, 0o777)
	os.Chmod(tmp, 0o777)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "KHAREETA_CLI_CHILD=1", "HOME="+tmp, "TMPDIR="+tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}
