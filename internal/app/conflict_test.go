package app

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// otherProgram changes a concept's description in the file through its own
// store, as the command line does (read-modify-write in one transaction).
func otherProgram(t *testing.T, path, id, desc string) {
	t.Helper()
	if err := writeDescription(path, id, desc); err != nil {
		t.Fatal(err)
	}
}

func writeDescription(path, id, desc string) error {
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Update(func(tx *store.Tx) error {
		c, err := tx.Concept(id)
		if err != nil {
			return err
		}
		c.Description = model.T(desc, "")
		return tx.PutConcept(c)
	})
}

// Case 5 of issue 14: open Edit concept, let another program change that
// concept's description, save the dialog: the save must not empty the other
// program's description. The dialog passes the version it started from; the
// save is refused with both states, whether or not the session has reloaded
// meanwhile, and saving again on purpose (with the current version) works.
func TestDialogSaveAfterAnotherProgramsEdit(t *testing.T) {
	for _, reloaded := range []bool{false, true} {
		t.Run(fmt.Sprintf("reloaded=%v", reloaded), func(t *testing.T) {
			s := sample(t)
			id := s.Project().Concepts[0].ID
			// The dialog opens: a copy of the concept and its version.
			dialog := *s.Index().Concepts[id]
			base := s.VersionOf(Ref{ConceptEntity, id})
			if base == "" {
				t.Fatal("no version for a concept the session shows")
			}
			otherProgram(t, s.Path(), id, "وصف من سطر الأوامر")
			if reloaded {
				if c, _ := s.CheckExternal(); c != FileChanged {
					t.Fatalf("CheckExternal = %v after another program's write", c)
				}
				if err := s.Reload(); err != nil {
					t.Fatal(err)
				}
			}
			dialog.Label = model.T("تسمية من الحوار", "")
			dialog.Description = nil // the dialog's copy had no such description
			_, err := s.SaveConcept(dialog, base)
			var ce *ConflictError
			if !errors.As(err, &ce) || !errors.Is(err, store.ErrConflict) {
				t.Fatalf("save after another program's edit: %v, want a *ConflictError", err)
			}
			theirs, ok := ce.Theirs.(model.Concept)
			if !ok || theirs.Description.Get("ar") != "وصف من سطر الأوامر" || ce.Mine.(model.Concept).Label.Get("ar") != "تسمية من الحوار" {
				t.Fatalf("conflict states: mine %+v, theirs %+v", ce.Mine, ce.Theirs)
			}
			if got := conceptOnDisk(onDisk(t, s), id); got.Description.Get("ar") != "وصف من سطر الأوامر" {
				t.Fatalf("the other program's description became %q", got.Description.Get("ar"))
			}
			// The session shows what is on disk now.
			if got := s.Index().Concepts[id].Description.Get("ar"); got != "وصف من سطر الأوامر" {
				t.Errorf("session shows description %q after the conflict", got)
			}
			if _, ok := s.CanUndo(); ok {
				t.Error("a refused save is on the undo stack")
			}
			// Keeping mine on purpose: save with the current version.
			if _, err := s.SaveConcept(dialog, ce.Current); err != nil {
				t.Fatalf("save again on purpose: %v", err)
			}
			if got := conceptOnDisk(onDisk(t, s), id); got.Label.Get("ar") != "تسمية من الحوار" {
				t.Fatalf("label after keeping mine: %q", got.Label.Get("ar"))
			}
		})
	}
}

// Case 5, second half: another program writes, then the session saves
// something else before its watcher looks. Its own write must not hide the
// other program's: the session reloads, and a later edit of the concept the
// other program changed keeps that change. Without reloading, an edit from
// the stale copy is refused, not written.
func TestOwnWriteDoesNotMaskAnotherProgramsWrite(t *testing.T) {
	s := sample(t)
	p := s.Project()
	x, y := p.Concepts[0].ID, p.Concepts[1].ID
	var reloads int
	s.Subscribe(func(e Event) {
		if e.Kind == Reloaded {
			reloads++
		}
	})
	otherProgram(t, s.Path(), x, "وصف جديد")
	yc := *s.Index().Concepts[y]
	yc.Notes = "edit in the app"
	if _, err := s.SaveConcept(yc); err != nil {
		t.Fatal(err)
	}
	if reloads != 1 {
		t.Fatalf("%d reloads after a write racing another program's", reloads)
	}
	if got := s.Index().Concepts[x].Description.Get("ar"); got != "وصف جديد" {
		t.Fatalf("session shows %q, not the other program's description", got)
	}
	if c, _ := s.CheckExternal(); c != 0 {
		t.Errorf("the change was reported again after the reload: %v", c)
	}
	// The edit just made stays undoable.
	if name, ok := s.CanUndo(); !ok || name != EditChangeConcept {
		t.Errorf("CanUndo after the reload: %q %v", name, ok)
	}
	xc := *s.Index().Concepts[x]
	xc.Notes = "later edit"
	if _, err := s.SaveConcept(xc); err != nil {
		t.Fatal(err)
	}
	if got := conceptOnDisk(onDisk(t, s), x); got.Description.Get("ar") != "وصف جديد" || got.Notes != "later edit" {
		t.Fatalf("after a later edit: description %q, notes %q", got.Description.Get("ar"), got.Notes)
	}

	// A stale copy (taken before the other program's write) is refused.
	stale := *s.Index().Concepts[x]
	otherProgram(t, s.Path(), x, "وصف ثالث")
	stale.Notes = "from a stale copy"
	if _, err := s.SaveConcept(stale); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("save from a stale copy: %v", err)
	}
	if got := conceptOnDisk(onDisk(t, s), x); got.Description.Get("ar") != "وصف ثالث" {
		t.Fatalf("stale save reverted the description to %q", got.Description.Get("ar"))
	}
	// Undo refuses to revert what the other program changed since.
	xc = *s.Index().Concepts[x]
	xc.Notes = "to be undone"
	if _, err := s.SaveConcept(xc); err != nil {
		t.Fatal(err)
	}
	otherProgram(t, s.Path(), x, "وصف رابع")
	if err := s.Undo(); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("undo over another program's change: %v", err)
	}
	if got := conceptOnDisk(onDisk(t, s), x); got.Description.Get("ar") != "وصف رابع" || got.Notes != "to be undone" {
		t.Fatalf("after the refused undo: description %q, notes %q", got.Description.Get("ar"), got.Notes)
	}
}

// Undo of a deletion brings back exactly what it deleted, and refuses when
// another program made something depend on a concept the undo would delete.
func TestUndoRefusesToDeleteWhatOthersAdded(t *testing.T) {
	s := sample(t)
	c, err := s.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("جديد", "")})
	if err != nil {
		t.Fatal(err)
	}
	// Another program links a relation to the new concept.
	st, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	rid := model.NewID()
	err = st.Update(func(tx *store.Tx) error {
		return tx.PutRelation(model.Relation{ID: rid, From: s.Project().Concepts[0].ID, To: c.ID, Type: "supports"})
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Undoing "add concept" would delete that relation with it: refused.
	if err := s.Undo(); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("undo: %v, want a conflict", err)
	}
	if !relationOnDisk(onDisk(t, s), rid) {
		t.Fatal("the other program's relation was deleted")
	}
}

// Case 6 of issue 14: another file is moved over the project while the app
// has it open. The app notices, opens the new file (its content, not the
// old one's), and edits go to the new file.
func TestFileReplacedUnderTheSession(t *testing.T) {
	s := sample(t)
	dir := filepath.Dir(s.Path())
	other := filepath.Join(dir, "other.kmap")
	o, err := Create(other, model.Meta{Language: model.English, Title: model.T("", "Other")})
	if err != nil {
		t.Fatal(err)
	}
	oc, err := o.SaveConcept(model.Concept{Kind: model.KindActor, Label: model.T("", "only in the other file")})
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if err := os.Rename(other, s.Path()); err != nil { // mv other.kmap g.kmap
		t.Fatal(err)
	}
	got := make(chan ExternalChange, 8)
	s.Watch(10*time.Millisecond, func(c ExternalChange) { got <- c })
	if c := <-got; c != FileChanged {
		t.Fatalf("watcher saw %v", c)
	}
	s.StopWatching()
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Project().Concepts); n != 1 || s.Index().Concepts[oc.ID] == nil {
		t.Fatalf("after reload the session shows %d concepts, not the new file's", n)
	}
	if _, err := s.SaveConcept(model.Concept{Kind: model.KindActor, Label: model.T("", "added after the move")}); err != nil {
		t.Fatalf("edit after the file was replaced: %v", err)
	}
	if n := len(onDisk(t, s).Concepts); n != 2 {
		t.Fatalf("the new file has %d concepts, want 2", n)
	}
	if c, _ := s.CheckExternal(); c != 0 {
		t.Errorf("own edit on the new file reported as external: %v", c)
	}
	// Replaced again, and edited before any reload: the edit goes to the
	// file now at the path, and the session shows that file.
	o2, err := Create(other, model.Meta{Language: model.English})
	if err != nil {
		t.Fatal(err)
	}
	o2.Close()
	if err := os.Rename(other, s.Path()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveConcept(model.Concept{Kind: model.KindActor, Label: model.T("", "straight into the third file")}); err != nil {
		t.Fatalf("edit right after a second replacement: %v", err)
	}
	if n := len(onDisk(t, s).Concepts); n != 1 || len(s.Project().Concepts) != 1 {
		t.Fatalf("third file: %d concepts on disk, %d shown", n, len(s.Project().Concepts))
	}
}

// The concurrency tests re-run this test binary as a child process that
// changes a concept's description in the project file, as the command line
// does.
const childEnv = "KHAREETA_APP_CHILD" // "describe|PATH|ID|TEXT"

// TestChildProcess is the child's body; it does nothing in a normal run.
func TestChildProcess(t *testing.T) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		t.Skip("only runs as a child of the concurrency tests")
	}
	parts := strings.Split(spec, "|")
	st, err := store.Open(parts[1])
	if err == nil {
		fmt.Println("ready")
		time.Sleep(time.Duration(rand.Intn(25)) * time.Millisecond)
		err = st.Update(func(tx *store.Tx) error {
			c, err := tx.Concept(parts[2])
			if err != nil {
				return err
			}
			c.Description = model.T(parts[3], "")
			return tx.PutConcept(c)
		})
		st.Close()
	}
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("done")
	os.Exit(0)
}

// TestNoLostUpdatesWithAnotherProgram races the session against another
// process many times, at random offsets: the other process changes concept
// X's description while the session edits X's notes (from its in-memory
// copy) and other concepts. Every write that reported success must be in the
// file at the end: the session's edits are refused with a conflict (and
// redone from fresh state) rather than overwriting the other process.
func TestNoLostUpdatesWithAnotherProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	const runs = 30
	s := sample(t)
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	lost, conflicts := 0, 0
	for run := 0; run < runs; run++ {
		p := s.Project()
		x := p.Concepts[rng.Intn(len(p.Concepts))].ID
		desc := fmt.Sprintf("وصف %d", run)
		cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), childEnv+"="+strings.Join([]string{"describe", s.Path(), x, desc}, "|"))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		if !sc.Scan() || sc.Text() != "ready" {
			t.Fatalf("run %d: the other process said %q", run, sc.Text())
		}
		// Edit at a random moment around the other process's write.
		time.Sleep(time.Duration(rng.Intn(15)) * time.Millisecond)
		notes := fmt.Sprintf("notes %d", run)
		for attempt := 0; ; attempt++ {
			y := *s.Index().Concepts[p.Concepts[rng.Intn(len(p.Concepts))].ID]
			if y.ID != x {
				y.Notes = fmt.Sprintf("y %d", run)
				if _, err := s.SaveConcept(y); err != nil && !errors.Is(err, store.ErrConflict) {
					t.Fatal(err)
				}
			}
			c := *s.Index().Concepts[x]
			c.Notes = notes
			time.Sleep(time.Duration(rng.Intn(5)) * time.Millisecond) // the editor is open
			_, err := s.SaveConcept(c)
			if err == nil {
				break
			}
			if !errors.Is(err, store.ErrConflict) || attempt > 5 {
				t.Fatal(err)
			}
			conflicts++
		}
		if !sc.Scan() || sc.Text() != "done" {
			t.Fatalf("run %d: the other process said %q", run, sc.Text())
		}
		cmd.Wait()
		got := conceptOnDisk(onDisk(t, s), x)
		if got.Description.Get("ar") != desc {
			lost++
			t.Errorf("run %d: the other process's description was lost (%q)", run, got.Description.Get("ar"))
		}
		if got.Notes != notes {
			lost++
			t.Errorf("run %d: the session's notes were lost (%q)", run, got.Notes)
		}
	}
	t.Logf("lost updates in %d concurrent runs: %d (%d edits refused as conflicts and redone)", runs, lost, conflicts)
}

// Case 12 of issue 14, in the app: a file that breaks the model's rules
// opens read-only, says why, and refuses edits with that reason.
func TestSessionOnAFileBreakingTheRules(t *testing.T) {
	s := sample(t)
	path := s.Path()
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE kinds SET color = 'red' WHERE id = 'threat'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ro, why := s.ReadOnly()
	if !ro || !errors.Is(why, store.ErrBreaksRules) || !strings.Contains(why.Error(), `colour "red"`) {
		t.Fatalf("ReadOnly() = %v, %v", ro, why)
	}
	_, err = s.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("جديد", "")})
	if !errors.Is(err, store.ErrReadOnly) || !strings.Contains(err.Error(), `colour "red"`) {
		t.Fatalf("an edit of a file breaking the rules: %v", err)
	}
}
