package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/store"
)

// run runs the command line as main would and returns its exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestNewSampleStatsCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.kmap")
	if code, out, errs := run(t, "new", path, "--sample"); code != 0 {
		t.Fatalf("new: %d %s %s", code, out, errs)
	}
	code, out, errs := run(t, "stats", path, "--json")
	if code != 0 {
		t.Fatalf("stats: %d %s", code, errs)
	}
	var st struct {
		Kinds                                          map[string]int
		Concepts, Relations, Sources, Citations, Views int
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("stats --json is not JSON: %v\n%s", err, out)
	}
	// The counts of the studies, as the sample's completeness test states them.
	want := map[string]int{"study": 3, "pillar": 4, "threat": 25, "opportunity": 5, "conclusion": 5, "recommendation": 9, "concept": 52, "actor": 25}
	for k, n := range want {
		if st.Kinds[k] != n {
			t.Errorf("kind %s: %d concepts, want %d", k, st.Kinds[k], n)
		}
	}
	if st.Concepts != 128 || st.Relations != 225 || st.Sources != 32 || st.Citations != 475 || st.Views != 4 {
		t.Errorf("totals = %+v", st)
	}
	if code, out, _ := run(t, "check", path); code != 0 || !strings.Contains(out, "is sound") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	// The file is a plain SQLite database the sqlite3 tool reads.
	if sqlite3, err := exec.LookPath("sqlite3"); err == nil {
		b, err := exec.Command(sqlite3, path, "SELECT count(*) FROM concepts WHERE kind = 'pillar'").CombinedOutput()
		if err != nil || strings.TrimSpace(string(b)) != "4" {
			t.Errorf("sqlite3: %s %v", b, err)
		}
	}
}

func TestCheckFailsOnBadFiles(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.kmap")
	os.WriteFile(bad, []byte("not a database at all"), 0o644)
	code, out, _ := run(t, "check", bad)
	if code != 1 || !strings.Contains(out, "not an SQLite database") {
		t.Errorf("check of a text file: exit %d\n%s", code, out)
	}
	code, _, errs := run(t, "stats", filepath.Join(dir, "missing.kmap"))
	if code == 0 || !strings.Contains(errs, "no such file") {
		t.Errorf("stats of a missing file: exit %d, stderr %q", code, errs)
	}
}

func TestJSONRoundTripIsIdentical(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.kmap"), filepath.Join(dir, "b.kmap")
	ja, jb := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	for _, args := range [][]string{
		{"new", a, "--sample"},
		{"export", a, "-o", ja},
		{"new", b},
		{"import", b, "--from", ja},
		{"export", b, "-o", jb},
	} {
		if code, out, errs := run(t, args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errs)
		}
	}
	x, _ := os.ReadFile(ja)
	y, _ := os.ReadFile(jb)
	if !bytes.Equal(x, y) {
		t.Fatalf("export → import → export differs (%d vs %d bytes)", len(x), len(y))
	}
	if p := store.Check(b); len(p) != 0 {
		t.Errorf("imported file: %v", p)
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	for _, c := range commands {
		code, out, _ := run(t, c.Name, "--help")
		if code != 0 || !strings.Contains(out, "usage: khareeta "+c.Name) {
			t.Errorf("%s --help: exit %d\n%s", c.Name, code, out)
		}
	}
	if code, _, errs := run(t, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: exit %d %s", code, errs)
	}
}
