package store

// Helpers of the merge tests.

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

var mergeSizes = synth.Sizes{Concepts: 60, Relations: 120, Sources: 10, Citations: 80}

// baseFile makes a project file to copy: a small synthetic project with a
// view, the first ten concepts placed on the map of all concepts and the
// view's two on the view.
func baseFile(t testing.TB, dir string, n synth.Sizes) string {
	t.Helper()
	path := filepath.Join(dir, "base.kmap")
	s, err := Create(path, model.Meta{Language: "ar", Title: model.T("الأساس", "Base")})
	if err != nil {
		t.Fatal(err)
	}
	p := synth.Project(n, 3)
	p.Meta = model.Meta{Language: "ar", Title: model.T("الأساس", "Base")}
	p.Views = append(p.Views, model.View{ID: model.NewID(), Name: model.T("عرض", "A view"),
		Concepts: []string{p.Concepts[0].ID, p.Concepts[1].ID}, Focus: p.Concepts[0].ID, Depth: 1})
	for i := 0; i < 10 && i < len(p.Concepts); i++ {
		p.Positions = append(p.Positions, model.NewPosition("", p.Concepts[i].ID, float64(100*i), 50, i%2 == 0))
	}
	v := p.Views[len(p.Views)-1]
	for i, c := range v.Concepts {
		p.Positions = append(p.Positions, model.NewPosition(v.ID, c, float64(200*i), 80, true))
	}
	if err := s.ImportProject(p); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

func copyOf(t testing.TB, src, name string) string {
	t.Helper()
	dst := filepath.Join(filepath.Dir(src), name)
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func edit(t testing.TB, path string, fn func(tx *Tx) error) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func mergeFiles(t testing.TB, mine, theirs string, opts MergeOptions) *MergeReport {
	t.Helper()
	s, err := Open(mine)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err := Merge(s, theirs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// content loads a project with every list sorted by id, so that two files
// holding the same records in a different insertion order compare equal.
func content(t testing.TB, path string) *model.Project {
	t.Helper()
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(p.Kinds, func(i, j int) bool { return p.Kinds[i].ID < p.Kinds[j].ID })
	sort.Slice(p.Concepts, func(i, j int) bool { return p.Concepts[i].ID < p.Concepts[j].ID })
	sort.Slice(p.Relations, func(i, j int) bool { return p.Relations[i].ID < p.Relations[j].ID })
	sort.Slice(p.Sources, func(i, j int) bool { return p.Sources[i].ID < p.Sources[j].ID })
	sort.Slice(p.Citations, func(i, j int) bool { return p.Citations[i].ID < p.Citations[j].ID })
	sort.Slice(p.Views, func(i, j int) bool { return p.Views[i].ID < p.Views[j].ID })
	sort.Slice(p.Positions, func(i, j int) bool { return p.Positions[i].ID < p.Positions[j].ID })
	return p
}

func sameProject(t testing.TB, what string, a, b *model.Project) {
	t.Helper()
	if reflect.DeepEqual(a, b) {
		return
	}
	diff := func(name string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s: %s differ", what, name)
		}
	}
	diff("meta", a.Meta, b.Meta)
	diff("kinds", a.Kinds, b.Kinds)
	diff("sources", a.Sources, b.Sources)
	diff("citations", a.Citations, b.Citations)
	diff("views", a.Views, b.Views)
	diff("relations", a.Relations, b.Relations)
	diff("positions", a.Positions, b.Positions)
	if len(a.Concepts) != len(b.Concepts) {
		t.Errorf("%s: %d concepts vs %d", what, len(a.Concepts), len(b.Concepts))
	} else {
		for i := range a.Concepts {
			if !reflect.DeepEqual(a.Concepts[i], b.Concepts[i]) {
				t.Errorf("%s: concept differs:\n%+v\n%+v", what, a.Concepts[i], b.Concepts[i])
				break
			}
		}
	}
	if !t.Failed() {
		t.Errorf("%s: projects differ", what)
	}
}

// cpuTime returns the CPU time (user + system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func openRaw(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func fileBytes(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func relabel(id, ar string) func(tx *Tx) error {
	return func(tx *Tx) error {
		c, err := tx.Concept(id)
		if err != nil {
			return err
		}
		c.Label = c.Label.Clone()
		c.Label["ar"] = ar
		c.Updated = time.Now().UTC()
		return tx.PutConcept(c)
	}
}

func counts(r *MergeReport) string {
	a, u, d, c := r.Counts()
	return fmt.Sprintf("added %d, updated %d, deleted %d, conflicts %d", a, u, d, c)
}
