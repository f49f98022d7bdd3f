package store

import (
	"errors"
	"math/rand"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

// createSizes is the project the creating children write: big enough that
// a kill at a random moment often lands in the middle of it.
var createSizes = synth.Sizes{Concepts: 1500, Relations: 3000, Sources: 100, Citations: 1500}

// creators are child-process bodies (see TestChildProcess) that create a
// project file at a path the ways the program does.
var creators = map[string]func(path string) error{
	"creator":   createThenImport,
	"projector": createProject,
	// Either way on a full disk: files may not grow beyond 256 KiB.
	"fullcreator": func(path string) error {
		signal.Ignore(syscall.SIGXFSZ)
		lim := syscall.Rlimit{Cur: 256 << 10, Max: 256 << 10}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			return err
		}
		err1 := createThenImport(path)
		err2 := createProject(path)
		if err1 == nil || err2 == nil {
			return errors.New("created a project on a full disk")
		}
		return nil
	},
}

// createThenImport creates a project as "new --sample" and "import
// NEW.kmap --from x.json" do: Create, then ImportProject, then Close.
func createThenImport(path string) error {
	s, err := Create(path, model.Meta{Language: model.Arabic})
	if err != nil {
		return err
	}
	if err := s.ImportProject(synth.Project(createSizes, 4)); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}

// createProject creates a project as the app's "new from the sample" and
// "save a copy" do: CreateProject.
func createProject(path string) error {
	s, err := CreateProject(path, synth.Project(createSizes, 4))
	if err != nil {
		return err
	}
	return s.Close()
}

// wholeOrNothing checks that path holds nothing or the whole project the
// creators write, and that no temporary file is left beside it after the
// next Create (which it runs, and removes).
func wholeOrNothing(t *testing.T, round int, path string) (whole bool) {
	t.Helper()
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return false
	}
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatalf("round %d: a killed creation left a file that does not open: %v", round, err)
	}
	st, err := s.Stats()
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if st.Concepts != createSizes.Concepts || st.Relations != createSizes.Relations || st.Citations != createSizes.Citations {
		t.Fatalf("round %d: a killed creation left a partial project: %+v", round, st)
	}
	return true
}

// leftovers lists the temporary files of new projects in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".khareeta-new-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// Case 8 of issue 14: killing a process while it creates a project (as
// "new --sample" and "import NEW.kmap" do, or as the app does) leaves
// nothing or the whole project at the path, never an empty or partial file,
// and the next creation at that path works; the temporary files of killed
// creations are removed by the next one.
func TestKilledWhileCreating(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "new.kmap")
	// How long one creation takes, to kill within it.
	start := time.Now()
	if err := createThenImport(path); err != nil {
		t.Fatal(err)
	}
	span := time.Since(start)
	os.Remove(path)
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	whole, nothing := 0, 0
	for round := 0; round < 24; round++ {
		mode := "creator"
		if round%3 == 2 {
			mode = "projector"
		}
		cmd, sc := child(t, mode+"|"+path)
		expectLine(t, sc, "ready")
		time.Sleep(time.Duration(rng.Int63n(int64(span) * 3 / 2)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if wholeOrNothing(t, round, path) {
			whole++
			os.Remove(path)
		} else {
			nothing++
		}
	}
	// The next creation works and sweeps the temporary files of the killed ones.
	if err := createThenImport(path); err != nil {
		t.Fatalf("create after the kills: %v", err)
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("temporary files left after the next creation: %v", l)
	}
	t.Logf("24 kills while creating: %d left the whole project, %d left nothing, none left a partial or empty file", whole, nothing)
}

// A full disk while creating leaves nothing at the path either.
func TestFullDiskWhileCreating(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "full.kmap")
	cmd, sc := child(t, "fullcreator|"+path)
	expectLine(t, sc, "done")
	cmd.Wait()
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a creation on a full disk left a file: %v", err)
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// A new file appears at its path only when whole: after Create alone the
// path is empty; a failed import leaves nothing; Create refuses a path that
// appeared meanwhile; new files get the usual permissions.
func TestCreateIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.kmap")
	s, err := Create(path, model.Meta{Language: model.Arabic})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("Create put an unfinished file at the path")
	}
	bad := synth.Project(synth.Sizes{Concepts: 3}, 1)
	bad.Concepts[1].Label = nil // invalid: the import fails
	if err := s.ImportProject(bad); err == nil {
		t.Fatal("imported an invalid project")
	}
	s.Close()
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a failed import into a new file left a file")
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Fatalf("temporary files left: %v", l)
	}
	// Another program creates the path while this one builds: refused, nothing lost.
	s, err = Create(path, model.Meta{Language: model.Arabic})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("someone else's"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *Tx) error {
		return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T("أ", "")})
	})
	if !errors.Is(err, ErrExists) {
		t.Fatalf("publishing over a file that appeared: %v", err)
	}
	s.Close()
	if b, _ := os.ReadFile(path); string(b) != "someone else's" {
		t.Fatal("the other program's file was replaced")
	}
	os.Remove(path)
	// An ordinary creation: the file is there after the first write, with
	// the permissions of a new file.
	s, err = CreateProject(path, synth.Project(synth.Sizes{Concepts: 5, Relations: 4}, 1))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	umask := syscall.Umask(0)
	syscall.Umask(umask)
	if want := os.FileMode(0o644 &^ umask); fi.Mode().Perm() != want {
		t.Errorf("new file mode %v, want %v", fi.Mode().Perm(), want)
	}
	if p := Check(path); len(p) != 0 {
		t.Fatal(p)
	}
}

// spilledFile makes a project file with a hot journal: a raw write killed
// in the middle of its transaction.
func spilledFile(t *testing.T, dir string) string {
	t.Helper()
	path := copyOf(t, goodFile(t, dir), "spilled.kmap")
	cmd, sc := child(t, "spiller|"+path)
	expectLine(t, sc, "ready")
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if !hasHotJournal(path) {
		t.Fatal("the killed write left no hot journal")
	}
	return path
}

// recoverCopies lists the recovered copies in the temp folder.
func recoverCopies(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), recoverPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// Case 8, last part: a program killed while it reads a crashed file (from
// a recovered copy in the temp folder) leaves the copy; the next recovery
// removes it, and every recovery removes its own copy after use.
func TestKilledRecoveryLeavesNoCopies(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // children inherit it
	path := spilledFile(t, t.TempDir())
	for i := 0; i < 3; i++ {
		cmd, sc := child(t, "reader|"+path)
		expectLine(t, sc, "ready")
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	// Each reader removed the copy of the one killed before it.
	if n := len(recoverCopies(t)); n != 1 {
		t.Fatalf("%d recovered copies after 3 killed readers, want 1 (the last one's)", n)
	}
	if p := Check(path); len(p) != 0 {
		t.Fatal(p)
	}
	if l := recoverCopies(t); len(l) != 0 {
		t.Fatalf("copies left after the next recovery: %v", l)
	}
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(recoverCopies(t)) != 1 {
		t.Fatal("a reader of a crashed file has no recovered copy")
	}
	s.Close()
	if l := recoverCopies(t); len(l) != 0 {
		t.Fatalf("copies left after Close: %v", l)
	}
}

// TestBuildingPragmas: a file being built is written without syncs and
// with a small page cache; once in place it is opened as every project is
// (journal, full syncs, the large cache).
func TestBuildingPragmas(t *testing.T) {
	s, err := Create(filepath.Join(t.TempDir(), "p.kmap"), model.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pragmas := func() (sync int, cache int, journal string) {
		s.db.QueryRow(`PRAGMA synchronous`).Scan(&sync)
		s.db.QueryRow(`PRAGMA cache_size`).Scan(&cache)
		s.db.QueryRow(`PRAGMA journal_mode`).Scan(&journal)
		return
	}
	if sy, c, j := pragmas(); sy != 0 || c != -2048 || j != "delete" {
		t.Errorf("while building: synchronous %d, cache_size %d, journal_mode %s", sy, c, j)
	}
	if err := s.Publish(); err != nil {
		t.Fatal(err)
	}
	if sy, c, j := pragmas(); sy != 2 || c != -65536 || j != "delete" {
		t.Errorf("in place: synchronous %d, cache_size %d, journal_mode %s", sy, c, j)
	}
}
