package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// Issue 14, case 4: two imports into one file at the same time, from two
// processes: A (a 20,000-row spreadsheet that also relabels concept X)
// and B (a spreadsheet that changes X's description), B started 0–1.5 s
// after A. Each import reads what it changes inside its own transaction,
// so neither change is lost, whatever the order.
//
// The runs default to 8 (2 with -short); KHAREETA_RACE_RUNS sets another
// number, and KHAREETA_BIN runs another build of khareeta instead of this
// test binary.
func TestConcurrentImportsLoseNoUpdate(t *testing.T) {
	runs := 8
	if testing.Short() {
		runs = 2
	}
	if s := os.Getenv("KHAREETA_RACE_RUNS"); s != "" {
		runs, _ = strconv.Atoi(s)
	}
	dir := t.TempDir()
	template := filepath.Join(dir, "template.kmap")
	x := model.Concept{ID: model.NewID(), Kind: model.KindPillar, Label: model.T("الركيزة القديمة", "Old pillar")}
	s, err := store.Create(template, model.Meta{Language: model.Arabic, Title: model.T("سباق", "Race")})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.PutConcept(x) }); err != nil {
		t.Fatal(err)
	}
	s.Close()

	var a bytes.Buffer
	a.WriteString("id,kind,label_ar,label_en\n")
	fmt.Fprintf(&a, "%s,pillar,الركيزة من أ,Old pillar\n", x.ID)
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&a, ",concept,مفهوم %d,Concept %d\n", i, i)
	}
	csvA, csvB := filepath.Join(dir, "A.csv"), filepath.Join(dir, "B.csv")
	os.WriteFile(csvA, a.Bytes(), 0o644)
	os.WriteFile(csvB, []byte("id,description_en\n"+x.ID+",Description from B\n"), 0o644)

	bin, env := os.Getenv("KHAREETA_BIN"), os.Environ()
	if bin == "" {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		bin, env = self, append(env, "KHAREETA_CLI_CHILD=1")
	}
	start := func(path, from string) (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(bin, "import", path, "--from", from)
		cmd.Env = env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &out
	}
	lost, failed := 0, 0
	for run := 0; run < runs; run++ {
		path := filepath.Join(dir, "run"+strconv.Itoa(run)+".kmap")
		os.WriteFile(path, mustRead(t, template), 0o644)
		offset := time.Duration(rand.Int64N(int64(1500 * time.Millisecond)))
		ca, outA := start(path, csvA)
		time.Sleep(offset)
		cb, outB := start(path, csvB)
		errA, errB := ca.Wait(), cb.Wait()
		if errA != nil || errB != nil {
			failed++
			t.Errorf("run %d (B %v after A): A: %v %s\nB: %v %s", run, offset, errA, outA, errB, outB)
			continue
		}
		var got model.Concept
		for _, c := range loadFile(t, path).Concepts {
			if c.ID == x.ID {
				got = c
			}
		}
		if got.Label[model.Arabic] != "الركيزة من أ" || got.Description[model.English] != "Description from B" {
			lost++
			t.Errorf("run %d (B %v after A): X is %v / %v\nA: %sB: %s", run, offset, got.Label, got.Description, outA, strings.TrimSpace(outB.String()))
		}
		os.Remove(path)
	}
	t.Logf("lost updates in %d runs: %d (failed imports: %d)", runs, lost, failed)
}
