package store

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
)

// The tests below re-run this test binary as a child process (selected by
// an environment variable) that writes to a project file, so that it can be
// killed with SIGKILL in the middle of a transaction, or race another
// writer process.
const (
	childEnv = "KHAREETA_STORE_CHILD" // "writer|PATH", "merger|PATH|THEIRS", "racer|PATH|N", "holder|PATH", creators (create_test.go)
)

// TestChildProcess is the child's body; it does nothing in a normal run.
func TestChildProcess(t *testing.T) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		t.Skip("only runs as a child of the crash and concurrency tests")
	}
	parts := strings.Split(spec, "|")
	out := bufio.NewWriter(os.Stdout)
	say := func(format string, args ...any) {
		fmt.Fprintf(out, format+"\n", args...)
		out.Flush()
	}
	fail := func(err error) {
		say("error %v", err)
		os.Exit(3)
	}
	if parts[0] == "checker" { // check a file with little room for files (rules_test.go)
		signal.Ignore(syscall.SIGXFSZ)
		lim := syscall.Rlimit{Cur: 64 << 10, Max: 64 << 10}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			fail(err)
		}
		problems, err := CheckFile(parts[1])
		say("problems %d", len(problems))
		say("noroom %v", errors.Is(err, ErrNoRoom))
		say("check %s", strings.Join(Check(parts[1]), " | "))
		return
	}
	if parts[0] == "unreadable" { // open a file this process may not read (rules_test.go)
		_, err := OpenReadOnly(parts[1])
		say("readonly %v %v", errors.Is(err, ErrUnreadable), err)
		_, err = Open(parts[1])
		say("open %v %v", errors.Is(err, ErrUnreadable), err)
		_, err = CheckFile(parts[1])
		say("check %v %v", errors.Is(err, ErrUnreadable), err)
		return
	}
	if parts[0] == "reader" { // open read-only (recovering a copy) and hold it until killed
		s, err := OpenReadOnly(parts[1])
		if err != nil {
			fail(err)
		}
		defer s.Close()
		say("ready")
		time.Sleep(time.Hour)
	}
	if parts[0] == "crafter" || parts[0] == "spiller" {
		// Raw SQLite, no Khareeta checks: start a transaction that removes
		// the file's trigger, with a tiny cache so that changed pages spill
		// into the file before commit, then wait to be killed. Rolling the
		// journal back restores the trigger.
		db, err := sql.Open("sqlite", parts[1])
		if err != nil {
			fail(err)
		}
		db.SetMaxOpenConns(1)
		qs := []string{"PRAGMA journal_mode = DELETE", "PRAGMA cache_size = 2", "BEGIN IMMEDIATE", "DROP TRIGGER evil",
			`INSERT INTO meta(key, value) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 3000)
			 SELECT 'pad' || i, hex(randomblob(200)) FROM n`}
		if parts[0] == "spiller" { // the same without the trigger: an ordinary interrupted write
			qs = append(qs[:3], qs[4:]...)
		}
		for _, q := range qs {
			if _, err := db.Exec(q); err != nil {
				fail(fmt.Errorf("%s: %w", q, err))
			}
		}
		say("ready")
		time.Sleep(time.Hour)
	}
	if create, ok := creators[parts[0]]; ok { // create_test.go
		say("ready")
		if err := create(parts[1]); err != nil {
			fail(err)
		}
		say("done")
		return
	}
	s, err := Open(parts[1])
	if err != nil {
		fail(err)
	}
	switch parts[0] {
	case "writer": // write forever, in big transactions, until killed
		say("ready")
		rng := rand.New(rand.NewSource(time.Now().UnixNano()))
		for i := 0; ; i++ {
			err := s.Update(func(tx *Tx) error {
				var ids []string
				for k := 0; k < 40; k++ {
					c := model.Concept{ID: model.NewID(), Kind: "concept",
						Label:       model.T(fmt.Sprintf("مفهوم %d-%d", i, k), fmt.Sprintf("concept %d-%d", i, k)),
						Description: model.T(strings.Repeat("وصف طويل ", 20), "")}
					if err := tx.PutConcept(c); err != nil {
						return err
					}
					ids = append(ids, c.ID)
				}
				for k := 1; k < len(ids); k++ {
					if err := tx.PutRelation(model.Relation{ID: model.NewID(), From: ids[k-1], To: ids[k], Type: "supports"}); err != nil {
						return err
					}
				}
				// Delete an older concept now and then (cascading relations).
				old, err := tx.ids(`SELECT id FROM concepts ORDER BY random() LIMIT 3`)
				if err != nil {
					return err
				}
				for _, id := range old[:rng.Intn(len(old)+1)] {
					if err := tx.DeleteConcept(id); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				fail(err)
			}
		}
	case "merger": // merge the same file in again and again
		say("ready")
		for {
			if _, err := Merge(s, parts[2], MergeOptions{}); err != nil {
				fail(err)
			}
			// A second edit so that the next merge has work again.
			if err := s.Update(func(tx *Tx) error {
				c := model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T("بين دمجين", "")}
				return tx.PutConcept(c)
			}); err != nil {
				fail(err)
			}
		}
	case "racer": // N small transactions, counting those that got through
		n, _ := strconv.Atoi(parts[2])
		ok, busy := 0, 0
		for i := 0; i < n; i++ {
			err := s.Update(func(tx *Tx) error {
				for k := 0; k < 5; k++ {
					if err := tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "actor", Label: model.T("متسابق", "racer")}); err != nil {
						return err
					}
				}
				return nil
			})
			switch {
			case err == nil:
				ok++
			case errors.Is(err, ErrBusy):
				busy++
			default:
				fail(err)
			}
		}
		say("done %d %d", ok, busy)
	case "holder": // hold a write transaction for a while
		err := s.Update(func(tx *Tx) error {
			if err := tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "actor", Label: model.T("ماسك", "holder")}); err != nil {
				return err
			}
			say("holding")
			time.Sleep(7 * time.Second) // longer than the 5 s busy timeout
			return nil
		})
		if err != nil {
			fail(err)
		}
		say("released")
	}
	s.Close()
}

// child starts this test binary as a child process running spec.
func child(t *testing.T, spec string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1", "-test.v=false")
	cmd.Env = append(os.Environ(), childEnv+"="+spec)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(stdout)
}

func expectLine(t *testing.T, sc *bufio.Scanner, prefix string) string {
	t.Helper()
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error ") {
			t.Fatalf("child: %s", line)
		}
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	t.Fatalf("child ended before saying %q", prefix)
	return ""
}

// TestKilledMidWrite kills a writing process with SIGKILL at random
// moments, 40 times; after each kill the file must pass Check and open, and
// every transaction must be whole (each adds 40 concepts in a chain of 39
// relations, so the counts stay consistent).
func TestKilledMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "crash.kmap")
	s, err := Create(path, model.Meta{Language: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	theirs := goodFile(t, dir)
	rng := rand.New(rand.NewSource(7))
	hot := 0
	for round := 0; round < 40; round++ {
		spec := "writer|" + path
		if round%5 == 4 {
			spec = "merger|" + path + "|" + theirs // kill merges too
		}
		cmd, sc := child(t, spec)
		expectLine(t, sc, "ready")
		time.Sleep(time.Duration(rng.Intn(300)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if _, err := os.Stat(path + "-journal"); err == nil {
			hot++ // killed mid-transaction: a hot journal is left for recovery
		}
		if p := Check(path); len(p) != 0 {
			t.Fatalf("round %d: Check after kill -9: %v", round, p)
		}
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: Open after kill -9: %v", round, err)
		}
		p, err := s.Load()
		if err != nil {
			t.Fatalf("round %d: Load: %v", round, err)
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		s.Close()
		if p := Check(path); len(p) != 0 {
			t.Fatalf("round %d: Check after reopening: %v", round, p)
		}
	}
	t.Logf("40 kills, %d of them left a hot journal (a transaction in flight)", hot)
}

// TestTwoProcessesWriting runs two writer processes at once on one file:
// each transaction either commits whole or fails with ErrBusy; none is
// lost or half-written, and the file checks clean. A process that holds a
// write for longer than the busy timeout makes the other get ErrBusy.
func TestTwoProcessesWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "race.kmap")
	s, err := Create(path, model.Meta{Language: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	const n = 40
	a, sa := child(t, fmt.Sprintf("racer|%s|%d", path, n))
	b, sb := child(t, fmt.Sprintf("racer|%s|%d", path, n))
	var okA, busyA, okB, busyB int
	fmt.Sscanf(expectLine(t, sa, "done"), "done %d %d", &okA, &busyA)
	fmt.Sscanf(expectLine(t, sb, "done"), "done %d %d", &okB, &busyB)
	a.Wait()
	b.Wait()
	t.Logf("writer A: %d committed, %d busy; writer B: %d committed, %d busy", okA, busyA, okB, busyB)
	if okA+busyA != n || okB+busyB != n {
		t.Fatalf("lost transactions: A %d+%d, B %d+%d of %d", okA, busyA, okB, busyB, n)
	}
	if p := Check(path); len(p) != 0 {
		t.Fatal(p)
	}
	st, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	stats, _ := st.Stats()
	st.Close()
	if want := 5 * (okA + okB); stats.Concepts != want {
		t.Errorf("%d concepts, want %d (5 per committed transaction)", stats.Concepts, want)
	}

	// One process holds a write; the other waits the busy timeout and then
	// gets a clear ErrBusy, and the file stays sound.
	h, sh := child(t, "holder|"+path)
	expectLine(t, sh, "holding")
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	err = s2.Update(func(tx *Tx) error {
		return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: "actor", Label: model.T("ينتظر", "")})
	})
	s2.Close()
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another program is writing") {
		t.Errorf("second writer: %v, want ErrBusy", err)
	}
	expectLine(t, sh, "released")
	h.Wait()
	if p := Check(path); len(p) != 0 {
		t.Fatal(p)
	}
}

// crashWithJournal kills writers on path until one leaves a hot journal.
func crashWithJournal(t *testing.T, path string) {
	t.Helper()
	rng := rand.New(rand.NewSource(11))
	for i := 0; i < 30; i++ {
		cmd, sc := child(t, "writer|"+path)
		expectLine(t, sc, "ready")
		time.Sleep(time.Duration(50+rng.Intn(200)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if hasHotJournal(path) {
			return
		}
	}
	t.Skip("no kill left a hot journal")
}

// TestRecoveryReadersDoNotWrite: after a crash, Check, OpenReadOnly and a
// merge from the file read the recovered state without touching the file
// or its journal; Open then recovers the file itself.
func TestRecoveryReadersDoNotWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "crashed.kmap")
	s, err := Create(path, model.Meta{Language: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	crashWithJournal(t, path)
	db, journal := hash(t, path), hash(t, path+"-journal")
	if p := Check(path); len(p) != 0 {
		t.Fatalf("Check: %v", p)
	}
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatalf("OpenReadOnly: %v", err)
	}
	p, err := ro.Load()
	if err != nil || p.Validate() != nil {
		t.Fatalf("Load: %v", err)
	}
	if ro.Path() != path {
		t.Errorf("Path() = %s, want the file, not the recovered copy", ro.Path())
	}
	ro.Close()
	mine := filepath.Join(dir, "mine.kmap")
	m, err := Create(mine, model.Meta{Language: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Merge(m, path, MergeOptions{})
	m.Close()
	if err != nil {
		t.Fatalf("Merge from a crashed file: %v", err)
	}
	if got := len(rep.Types["concept"].Added); got != len(p.Concepts) {
		t.Errorf("merged %d concepts, the recovered file has %d", got, len(p.Concepts))
	}
	if hash(t, path) != db || hash(t, path+"-journal") != journal {
		t.Fatal("a reader changed the crashed file or its journal")
	}
	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	p2, _ := s.Load()
	s.Close()
	if _, err := os.Stat(path + "-journal"); err == nil {
		t.Error("Open left the hot journal")
	}
	if len(p2.Concepts) != len(p.Concepts) || len(p2.Relations) != len(p.Relations) {
		t.Errorf("recovered in place: %d concepts, %d relations; in the copy: %d, %d", len(p2.Concepts), len(p2.Relations), len(p.Concepts), len(p.Relations))
	}
}

// TestRecoveryRefusesCraftedJournal: a journal whose rollback would bring
// back a trigger is refused, and neither the file nor the journal changes.
func TestRecoveryRefusesCraftedJournal(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	path := copyOf(t, goodFile(t, dir), "crafted.kmap")
	db := openRaw(t, path)
	if _, err := db.Exec(`CREATE TRIGGER evil AFTER INSERT ON concepts BEGIN DELETE FROM concepts; END`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	cmd, sc := child(t, "crafter|"+path)
	expectLine(t, sc, "ready")
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if !hasHotJournal(path) {
		t.Fatal("the crafted transaction left no hot journal")
	}
	before, journal := hash(t, path), hash(t, path+"-journal")
	for _, open := range []func(string) (*Store, error){Open, OpenReadOnly} {
		if s, err := open(path); err == nil {
			s.Close()
			t.Fatal("opened a file whose recovery restores a trigger")
		} else if !errors.Is(err, ErrUntrusted) || !strings.Contains(err.Error(), `trigger "evil"`) {
			t.Errorf("err = %v", err)
		}
	}
	if p := Check(path); len(p) == 0 || !strings.Contains(p[0], `trigger "evil"`) {
		t.Errorf("Check: %v", p)
	}
	if hash(t, path) != before || hash(t, path+"-journal") != journal {
		t.Fatal("the file or its journal changed")
	}
}
