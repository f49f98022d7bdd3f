package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// P and I build names for expected values.
func P(family, given string) model.Name { return model.Name{Family: family, Given: given} }
func I(literal string) model.Name       { return model.Name{Literal: literal} }
func N(ns ...model.Name) []model.Name   { return ns }

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func importFixture(t *testing.T, name string) ([]model.Source, ImportReport) {
	t.Helper()
	f, ok := BibFormatForPath(name)
	if !ok {
		t.Fatalf("no format for %s", name)
	}
	srcs, rep, err := ImportSources(bytes.NewReader(readFixture(t, name)), f)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	for _, s := range srcs {
		if !model.ValidID(s.ID) {
			t.Errorf("%s: source %q has no valid id: %q", name, s.Title, s.ID)
		}
		if err := model.ValidateSource(s); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	return srcs, rep
}

// stripIDs clears what an import makes up (ids), so sources compare by content.
func stripIDs(ss []model.Source) []model.Source {
	out := make([]model.Source, len(ss))
	for i, s := range ss {
		s.ID = ""
		s.Created, s.Updated = model.Source{}.Created, model.Source{}.Updated
		out[i] = s
	}
	return out
}

func jsonOf(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// sameSources compares got and want field by field and reports every difference.
func sameSources(t *testing.T, what string, got, want []model.Source) {
	t.Helper()
	got, want = stripIDs(got), stripIDs(want)
	if len(got) != len(want) {
		t.Errorf("%s: got %d sources, want %d\n%s", what, len(got), len(want), jsonOf(got))
		return
	}
	for i := range want {
		g, w := jsonOf(got[i]), jsonOf(want[i])
		if g != w {
			t.Errorf("%s: source %d differs\n got: %s\nwant: %s", what, i, g, w)
		}
	}
}

func rejectedLines(rep ImportReport) []int {
	var ls []int
	for _, r := range rep.Rejected {
		ls = append(ls, r.Line)
	}
	return ls
}

func containsAll(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s: %q does not contain %q", what, s, sub)
		}
	}
}

// wholeFileError reports whether err is one of the reasons a bibliography
// import refuses a whole file: an encoding it cannot read, nothing in the
// format, macros past their bounds.
func wholeFileError(err error) bool {
	var le *MacroLimitError
	return errors.Is(err, ErrEncoding) || errors.Is(err, ErrNoEntries) || errors.As(err, &le)
}
