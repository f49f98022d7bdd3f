package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

// brokenFile makes a sound project file whose records break the model's
// rules, written with raw SQL as another tool could.
func brokenFile(t *testing.T, name string, stmts ...string) string {
	t.Helper()
	path := copyOf(t, goodFile(t, t.TempDir()), name)
	db := openRaw(t, path)
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

// Case 12 of issue 14: a file whose records break the model's rules opens
// read-only with the reason and takes no write; one with texts too long for
// any field (here 1 MB labels) is not even read into memory, so nothing
// built from it (an export) takes gigabytes.
func TestFileBreakingTheRulesOpensReadOnly(t *testing.T) {
	rules := brokenFile(t, "rules.kmap",
		`UPDATE concepts SET label_ar = '', label_en = '', label_i18n = NULL WHERE rowid = 3`,
		`UPDATE kinds SET color = 'red' WHERE id = 'threat'`,
		fmt.Sprintf(`UPDATE concepts SET label_ar = '%s' WHERE rowid = 4`, strings.Repeat("ط", model.MaxLabelLen+10)))
	huge := brokenFile(t, "huge.kmap",
		`UPDATE concepts SET label_ar = printf('%.*c', 1000000, 'x') WHERE rowid <= 3`)
	before := map[string][32]byte{rules: hash(t, rules), huge: hash(t, huge)}

	for _, c := range []struct {
		path    string
		want    []string // the reason names these
		loads   bool     // Load reads the project
		hasSize bool
	}{
		{rules, []string{"label is empty", `colour "red"`, fmt.Sprintf("more than %d", model.MaxLabelLen)}, true, false},
		{huge, []string{"label_ar has 1000000 bytes"}, false, true},
	} {
		name := filepath.Base(c.path)
		s, err := Open(c.path)
		if err != nil {
			t.Fatalf("%s: Open: %v", name, err)
		}
		p, err := s.Load()
		if c.loads != (err == nil) {
			t.Fatalf("%s: Load: %v", name, err)
		}
		if !c.loads && (!errors.Is(err, ErrBreaksRules) || !strings.Contains(err.Error(), c.want[0])) {
			t.Errorf("%s: Load refused with %v", name, err)
		}
		if p != nil && len(p.Concepts) == 0 {
			t.Errorf("%s: loaded nothing", name)
		}
		reason := s.ReadOnlyReason()
		if !s.ReadOnly() || !errors.Is(reason, ErrBreaksRules) {
			t.Fatalf("%s: read-only %v, reason %v", name, s.ReadOnly(), reason)
		}
		for _, w := range c.want {
			if !strings.Contains(reason.Error(), w) {
				t.Errorf("%s: the reason does not say %q: %v", name, w, reason)
			}
		}
		err = s.Update(func(tx *Tx) error {
			return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T("جديد", "")})
		})
		if !errors.Is(err, ErrReadOnly) || !errors.Is(err, ErrBreaksRules) {
			t.Errorf("%s: a write was not refused with the reason: %v", name, err)
		}
		s.Close()
		// Written to without being read first: refused the same way.
		s, err = Open(c.path)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Update(func(tx *Tx) error { return nil })
		s.Close()
		if !errors.Is(err, ErrBreaksRules) {
			t.Errorf("%s: a write without a Load: %v", name, err)
		}
		// Read-only opens say why, and Check lists the problems.
		ro, err := OpenReadOnly(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ro.Load(); c.loads != (err == nil) || !errors.Is(ro.Invalid(), ErrBreaksRules) {
			t.Errorf("%s: read-only Load %v, Invalid %v", name, err, ro.Invalid())
		}
		ro.Close()
		problems, err := CheckFile(c.path)
		if err != nil || !strings.Contains(strings.Join(problems, "\n"), c.want[0]) {
			t.Errorf("%s: Check: %v %v", name, problems, err)
		}
		if hash(t, c.path) != before[c.path] {
			t.Errorf("%s: the file changed", name)
		}
	}
	// A merge does not read THEIRS' oversized texts either.
	mine := copyOf(t, goodFile(t, t.TempDir()), "mine.kmap")
	if _, err := mergeOnce(mine, huge); !errors.Is(err, ErrBreaksRules) {
		t.Errorf("merge from a file with 1 MB labels: %v", err)
	}
}

func mergeOnce(mine, theirs string) (*MergeReport, error) {
	s, err := Open(mine)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return Merge(s, theirs, MergeOptions{})
}

// Case 14 of issue 14, second half: a named pipe (or any file that is not
// an ordinary file) is refused at once; opening it would wait for a writer
// for ever.
func TestNamedPipeRefusedAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.kmap")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan []error, 1)
	go func() {
		var errs []error
		_, err := Open(path)
		errs = append(errs, err)
		_, err = OpenReadOnly(path)
		errs = append(errs, err)
		_, err = Fingerprint(path)
		errs = append(errs, err)
		problems, err := CheckFile(path)
		errs = append(errs, err, errors.New(strings.Join(problems, "; ")))
		done <- errs
	}()
	var errs []error
	select {
	case errs = <-done:
	case <-time.After(time.Minute): // a hang detector, not a speed limit
		t.Fatal("opening a named pipe hangs")
	}
	for i, err := range errs {
		if i == 3 {
			if err != nil {
				t.Errorf("Check could not check a pipe: %v", err)
			}
			continue
		}
		if !errors.Is(err, ErrNotSQLite) && i != 4 || err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("call %d: %v, want a refusal naming the pipe", i, err)
		}
	}
}

// runAsNobody runs this test binary as a child process of user nobody (the
// tests run as root here, and root reads any file).
func runAsNobody(t *testing.T, spec string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "store.test")
	in, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(out, in)
	in.Close()
	out.Close()
	for d := filepath.Dir(bin); d != "/"; d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	cmd := exec.Command(bin, "-test.run=^TestChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+spec, "TMPDIR=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, b)
	}
	return string(b)
}

// Case 17 of issue 14 (messages): a file the user may not read is said to
// be unreadable (not "cannot be written"), by every way of opening it.
func TestUnreadableFileSaysSo(t *testing.T) {
	dir := t.TempDir()
	path := copyOf(t, goodFile(t, dir), "private.kmap")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	var lines []string
	if os.Geteuid() == 0 {
		lines = strings.Split(runAsNobody(t, "unreadable|"+path), "\n")
	} else {
		_, e1 := OpenReadOnly(path)
		_, e2 := Open(path)
		_, e3 := CheckFile(path)
		for i, err := range []error{e1, e2, e3} {
			lines = append(lines, fmt.Sprintf("%d %v %v", i, errors.Is(err, ErrUnreadable), err))
		}
	}
	n := 0
	for _, l := range lines {
		f := strings.SplitN(l, " ", 3)
		if len(f) < 3 || (f[0] != "readonly" && f[0] != "open" && f[0] != "check" && len(f[0]) != 1) {
			continue
		}
		n++
		if f[1] != "true" || !strings.Contains(f[2], "cannot be read") || strings.Contains(f[2], "cannot be written") {
			t.Errorf("%s: %s", f[0], f[2])
		}
	}
	if n != 3 {
		t.Fatalf("child said: %q", lines)
	}
}

// Case 17 (messages): Check on a file whose interrupted write must be
// recovered in a copy, with no room for the copy, says that the check could
// not be done and why, not that the file is unsound.
func TestCheckWithoutRoomForTheCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	t.Setenv("TMPDIR", t.TempDir())
	path := spilledFile(t, t.TempDir())
	cmd, sc := child(t, "checker|"+path)
	got := map[string]string{}
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), " ", 2)
		if len(f) == 2 {
			got[f[0]] = f[1]
		}
	}
	cmd.Wait()
	if got["problems"] != "0" || got["noroom"] != "true" {
		t.Fatalf("CheckFile without room: %v", got)
	}
	if c := got["check"]; !strings.Contains(c, "could not check") || !strings.Contains(c, "no room") || !strings.Contains(c, "temp folder") {
		t.Errorf("Check says %q", c)
	}
	if p := Check(path); len(p) != 0 {
		t.Fatalf("with room: %v", p)
	}
}

// Case 12, on import: the same rules refuse a project whose texts are too
// long, whole, and the file is not changed.
func TestImportRefusesWhatBreaksTheRules(t *testing.T) {
	s := newStore(t)
	before := hash(t, s.Path())
	p := sampleEntities()
	p.Concepts[0].Label = model.T(strings.Repeat("ك", model.MaxLabelLen+1), "")
	err := s.ImportProject(p)
	if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), fmt.Sprintf("more than %d", model.MaxLabelLen)) {
		t.Fatalf("import of a 5001-character label: %v", err)
	}
	if hash(t, s.Path()) != before {
		t.Fatal("a refused import changed the file")
	}
}
