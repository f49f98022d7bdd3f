package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/khareeta/khareeta/internal/analysis"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// analysisFile writes a small Arabic project to a real file:
// الإرهاب —يُضعف→ التماسك ←يعزز— الاستراتيجية, الاستراتيجية —يعالج→ الإرهاب,
// السلاح المنفلت (a threat nothing addresses), الشباب (an unused opportunity).
func analysisFile(t *testing.T) (string, map[string]string) {
	t.Helper()
	ns := uuid.MustParse("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
	id := func(s string) string { return uuid.NewSHA1(ns, []byte(s)).String() }
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ids := map[string]string{}
	p := &model.Project{Meta: model.Meta{Title: model.T("خريطة الاختبار", "Test map"), Language: model.Arabic}, Kinds: model.BuiltinKinds()}
	for _, c := range []struct{ ar, en, kind string }{
		{"الإرهاب", "Terrorism", "threat"},
		{"السلاح المنفلت", "Uncontrolled weapons", "threat"},
		{"التماسك الاجتماعي", "Social cohesion", "pillar"},
		{"الاستراتيجية الوطنية", "National strategy", "recommendation"},
		{"الشباب", "Youth", "opportunity"},
		{"الشباب", "Youth employment", "recommendation"},
	} {
		ids[c.en] = id(c.en)
		p.Concepts = append(p.Concepts, model.Concept{ID: id(c.en), Kind: c.kind, Label: model.T(c.ar, c.en), Created: now, Updated: now})
	}
	for _, r := range [][3]string{
		{"Terrorism", "weakens", "Social cohesion"},
		{"Uncontrolled weapons", "weakens", "Social cohesion"},
		{"National strategy", "strengthens", "Social cohesion"},
		{"National strategy", "addresses", "Terrorism"},
	} {
		p.Relations = append(p.Relations, model.Relation{ID: id(r[0] + r[1] + r[2]), From: ids[r[0]], To: ids[r[2]], Type: r[1],
			Phrase: model.DefaultPhrase(r[1]), Created: now, Updated: now})
	}
	path := filepath.Join(t.TempDir(), "test.kmap")
	s, err := store.Create(path, p.Meta)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ImportProject(p); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

func runAnalysisCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestAnalyzeCommand(t *testing.T) {
	path, _ := analysisFile(t)
	code, out, errs := runAnalysisCLI("analyze", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"خريطة الاختبار\n6 concepts, 4 relations",
		"Gaps: 1 of 2 threats are addressed by no recommendation\n  - السلاح المنفلت — only offset by الاستراتيجية الوطنية (via التماسك الاجتماعي)",
		"الاستراتيجية الوطنية —يعالج→ الإرهاب (direct)",
		"Unused opportunities: 1 of 1 support no recommendation\n  - الشباب",
		"1. التماسك الاجتماعي: 2 direct, 0 through chains\n      direct: الإرهاب، السلاح المنفلت",
		"Concepts without a citation: 6 of 6",
		"Isolated concepts: 2",
		"Cycles: 0 groups of concepts that lead back to themselves\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	code, out, _ = runAnalysisCLI("analyze", "--json", path, "--lang", "en")
	if code != 0 {
		t.Fatal(code)
	}
	var rep analysis.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Coverage.Gaps) != 1 || rep.Coverage.Gaps[0].Threat.Label != "Uncontrolled weapons" {
		t.Errorf("JSON gaps = %+v", rep.Coverage.Gaps)
	}

	if code, _, errs := runAnalysisCLI("analyze", path, "--view", "nothing"); code != 1 || !strings.Contains(errs, "no view") {
		t.Errorf("unknown view: exit %d, %s", code, errs)
	}
	if code, _, errs := runAnalysisCLI("analyze", filepath.Join(t.TempDir(), "missing.kmap")); code != 1 || errs == "" {
		t.Errorf("missing file: exit %d, %s", code, errs)
	}
}

func TestPathCommand(t *testing.T) {
	path, ids := analysisFile(t)
	code, out, errs := runAnalysisCLI("path", path, "السلاح المنفلت", "الاستراتيجية الوطنيه")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "السلاح المنفلت —يُضعف→ التماسك الاجتماعي ←يعزز— الاستراتيجية الوطنية\n2 steps, 1 against the direction of the relations\n"
	if out != want {
		t.Errorf("path output:\n%s\nwant:\n%s", out, want)
	}

	code, out, _ = runAnalysisCLI("path", path, ids["Terrorism"], "social cohesion", "--json")
	var res analysis.PathResult
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || !res.Found || len(res.Steps) != 1 || !res.Steps[0].Relations[0].Forward {
		t.Errorf("JSON path: exit %d, %s", code, out)
	}

	// Two concepts are labelled الشباب: the error lists both.
	code, _, errs = runAnalysisCLI("path", path, "الشباب", "الإرهاب")
	if code != 1 || !strings.Contains(errs, "matches 2 concepts") || !strings.Contains(errs, "(opportunity) "+ids["Youth"]) ||
		!strings.Contains(errs, "(recommendation) "+ids["Youth employment"]) {
		t.Errorf("ambiguous label: exit %d, %s", code, errs)
	}
	code, out, _ = runAnalysisCLI("path", path, "Youth", "الإرهاب")
	if code != 1 || !strings.Contains(out, "no path between الشباب and الإرهاب") {
		t.Errorf("no path: exit %d, %s", code, out)
	}
	if code, _, _ := runAnalysisCLI("path", path, "الشباب"); code != 2 {
		t.Errorf("missing argument: exit %d", code)
	}
}
