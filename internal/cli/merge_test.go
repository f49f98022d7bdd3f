package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

func mergeCopy(t *testing.T, src, name string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(filepath.Dir(src), name)
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func mergeEdit(t *testing.T, path string, fn func(tx *store.Tx) error) {
	t.Helper()
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func TestMergeCommand(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.kmap")
	s, err := store.Create(base, model.Meta{Language: "ar", Title: model.T("مشترك", "Shared")})
	if err != nil {
		t.Fatal(err)
	}
	a := model.Concept{ID: model.NewID(), Kind: "threat", Label: model.T("السلاح المنفلت", "Uncontrolled weapons")}
	b := model.Concept{ID: model.NewID(), Kind: "pillar", Label: model.T("الركيزة الأمنية", "Security pillar")}
	if err := s.Update(func(tx *store.Tx) error {
		if err := tx.PutConcept(a); err != nil {
			return err
		}
		return tx.PutConcept(b)
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	mine, theirs := mergeCopy(t, base, "mine.kmap"), mergeCopy(t, base, "theirs.kmap")
	relabel := func(c model.Concept, ar string) func(tx *store.Tx) error {
		return func(tx *store.Tx) error {
			c.Label = model.T(ar, c.Label["en"])
			return tx.PutConcept(c)
		}
	}
	added := model.Concept{ID: model.NewID(), Kind: "opportunity", Label: model.T("فرصة جديدة", "")}
	mergeEdit(t, theirs, func(tx *store.Tx) error {
		if err := tx.PutConcept(added); err != nil {
			return err
		}
		return relabel(a, "السلاح خارج الدولة")(tx)
	})
	mergeEdit(t, mine, relabel(a, "السلاح غير المنضبط"))

	// Dry run: reports the conflict field by field, exits 1, writes nothing.
	before, _ := os.ReadFile(mine)
	code, out, errs := run(t, "merge", mine, theirs, "--dry-run")
	if code != 1 || !strings.Contains(out, "label.ar") || !strings.Contains(out, "السلاح غير المنضبط") ||
		!strings.Contains(out, "السلاح خارج الدولة") || !strings.Contains(out, "changed on both sides") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errs)
	}
	if after, _ := os.ReadFile(mine); string(after) != string(before) {
		t.Fatal("--dry-run wrote to MINE")
	}

	// JSON: added/updated/deleted per type, conflicts with both values.
	code, out, errs = run(t, "merge", mine, theirs, "--json")
	if code != 1 {
		t.Fatalf("json: exit %d %s", code, errs)
	}
	var rep store.MergeReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(rep.Types["concept"].Added) != 1 || rep.Types["concept"].Added[0].ID != added.ID || len(rep.Conflicts) != 1 ||
		rep.Conflicts[0].ID != a.ID || rep.Conflicts[0].Fields[0].Theirs != "السلاح خارج الدولة" || !rep.Written {
		t.Errorf("report: %+v", rep)
	}

	// Settling the conflict by id.
	code, out, errs = run(t, "merge", mine, theirs, "--resolve", a.ID+"=theirs")
	if code != 0 || !strings.Contains(out, "Settled") {
		t.Fatalf("resolve: exit %d\n%s\n%s", code, out, errs)
	}
	// Now nothing is left to bring in.
	code, out, _ = run(t, "merge", mine, theirs)
	if code != 0 || !strings.Contains(out, "Nothing to bring in") {
		t.Errorf("second merge: exit %d\n%s", code, out)
	}
	// --prefer settles every conflict one way; THEIRS then takes MINE's result.
	mergeEdit(t, theirs, relabel(b, "تعديل منهم"))
	mergeEdit(t, mine, relabel(b, "تعديل مني"))
	if code, out, errs := run(t, "merge", mine, theirs, "--prefer", "mine"); code != 0 {
		t.Fatalf("prefer: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := run(t, "merge", theirs, mine); code != 0 {
		t.Fatalf("back: exit %d\n%s\n%s", code, out, errs)
	}
	st, _ := store.OpenReadOnly(theirs)
	p, _ := st.Load()
	st.Close()
	for _, c := range p.Concepts {
		if c.ID == b.ID && c.Label["ar"] != "تعديل مني" {
			t.Errorf("THEIRS after taking MINE's resolution: %v", c.Label)
		}
	}
	// Bad arguments.
	if code, _, errs := run(t, "merge", mine, theirs, "--resolve", "x=both"); code != 2 || !strings.Contains(errs, "neither mine nor theirs") {
		t.Errorf("bad --resolve: %d %s", code, errs)
	}
	if code, _, errs := run(t, "merge", mine, filepath.Join(dir, "none.kmap")); code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing THEIRS: %d %s", code, errs)
	}
}

// TestMergeNamesEveryDeletedRecord: a merge that deletes records lists each
// one by name, not only in the counts (issue 14, case 7).
func TestMergeNamesEveryDeletedRecord(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.kmap")
	s, err := store.Create(base, model.Meta{Language: "ar", Title: model.T("مشترك", "Shared")})
	if err != nil {
		t.Fatal(err)
	}
	a := model.Concept{ID: model.NewID(), Kind: "threat", Label: model.T("السلاح المنفلت", "Uncontrolled weapons")}
	b := model.Concept{ID: model.NewID(), Kind: "pillar", Label: model.T("الركيزة الأمنية", "Security pillar")}
	r := model.Relation{ID: model.NewID(), From: a.ID, To: b.ID, Type: "weakens"}
	if err := s.Update(func(tx *store.Tx) error {
		for _, c := range []model.Concept{a, b} {
			if err := tx.PutConcept(c); err != nil {
				return err
			}
		}
		return tx.PutRelation(r)
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	mine, theirs := mergeCopy(t, base, "mine.kmap"), mergeCopy(t, base, "theirs.kmap")
	mergeEdit(t, theirs, func(tx *store.Tx) error { return tx.DeleteConcept(a.ID) })
	for _, args := range [][]string{{"--dry-run"}, {}} {
		code, out, errs := run(t, append([]string{"merge", mine, theirs}, args...)...)
		if code != 0 {
			t.Fatalf("merge %v: %d %s", args, code, errs)
		}
		for _, want := range []string{"السلاح المنفلت", a.ID, r.ID, "concepts (1)", "relations (1)"} {
			if !strings.Contains(out, want) {
				t.Errorf("merge %v output lacks %q:\n%s", args, want, out)
			}
		}
	}
}
