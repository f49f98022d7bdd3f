package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/biblio"
	"github.com/khareeta/khareeta/internal/model"
)

// bibFixture is shaped like a Zotero export: one new Arabic entry, one new
// English entry with an institutional author, one entry that repeats a
// sample source by its citation key (and brings a DOI it lacked), and one
// malformed entry.
const bibFixture = `% Exported by Zotero
@book{hamdani2019,
	title = {الهوية الوطنية والتماسك الاجتماعي},
	author = {الحمداني, علي},
	year = {2019},
	publisher = {دار الشؤون الثقافية},
	address = {بغداد},
	langid = {arabic},
}

@techreport{undpHDR2016,
	title = {Human Development Report 2016: {Human} Development for Everyone},
	author = {{United Nations Development Programme}},
	year = {2016},
	institution = {UNDP},
	address = {New York},
	doi = {10.18356/b6186701-en},
}

@article{yaseen,
	title = {تعزيز الأمن المجتمعي في العراق . . . الفرص والتحديات},
	author = {ياسين, دعاء منعم},
	doi = {10.1234/yaseen.2021},
}

@article{broken,
	title = {Missing the closing brace,
	year = 2020
`

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportSourcesSummaryAndUndo(t *testing.T) {
	s := sample(t)
	n0 := len(s.Project().Sources)
	path := writeFile(t, "refs.bib", bibFixture)

	pre, err := s.PreviewImportSources(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(onDisk(t, s).Sources); got != n0 {
		t.Fatalf("preview wrote: %d sources on disk, want %d", got, n0)
	}
	r, err := s.ImportSources(path)
	if err != nil {
		t.Fatal(err)
	}
	added, merged, rejected := r.Counts()
	if p0, p1, p2 := pre.Counts(); p0 != added || p1 != merged || p2 != rejected {
		t.Fatalf("preview %d/%d/%d, import %d/%d/%d", p0, p1, p2, added, merged, rejected)
	}
	if added != 2 || merged != 1 || rejected != 1 || !r.Written {
		t.Fatalf("added %d, merged %d, rejected %d (written %v), want 2, 1, 1: %+v", added, merged, rejected, r.Written, r.Rejected)
	}
	if r.Rejected[0].Line < 26 {
		t.Errorf("rejected entry at line %d, want the line of @article{broken", r.Rejected[0].Line)
	}
	m := r.Merges[0]
	if m.Reason == "" || r.Titles[m.Into] != "تعزيز الأمن المجتمعي في العراق . . . الفرص والتحديات" {
		t.Errorf("merge %+v into %q", m, r.Titles[m.Into])
	}
	disk := onDisk(t, s)
	if len(disk.Sources) != n0+2 || len(s.Project().Sources) != n0+2 {
		t.Fatalf("after import %d on disk, %d in memory, want %d", len(disk.Sources), len(s.Project().Sources), n0+2)
	}
	var yaseen model.Source
	for _, x := range disk.Sources {
		if x.Key == "yaseen" {
			yaseen = x
		}
	}
	if yaseen.DOI != "10.1234/yaseen.2021" {
		t.Errorf("the duplicate did not fill the DOI: %+v", yaseen)
	}
	if name, ok := s.CanUndo(); !ok || name != EditImportSources {
		t.Fatalf("undo offers %q", name)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	disk = onDisk(t, s)
	if len(disk.Sources) != n0 {
		t.Fatalf("after undo %d sources, want %d", len(disk.Sources), n0)
	}
	for _, x := range disk.Sources {
		if x.Key == "yaseen" && x.DOI != "" {
			t.Errorf("undo kept the filled DOI %q", x.DOI)
		}
	}
	// Importing the same file twice adds nothing the second time.
	if _, err := s.ImportSources(path); err != nil {
		t.Fatal(err)
	}
	r2, err := s.ImportSources(path)
	if err != nil {
		t.Fatal(err)
	}
	if a, m, _ := r2.Counts(); a != 0 || m != 3 {
		t.Errorf("second import: %d added, %d merged, want 0 and 3", a, m)
	}
}

func TestImportSourcesRefusesOtherFiles(t *testing.T) {
	s := sample(t)
	if _, err := s.ImportSources(writeFile(t, "notes.txt", "hello")); err == nil || !strings.Contains(err.Error(), "not a bibliography") {
		t.Errorf("importing a .txt: %v", err)
	}
	proj := writeFile(t, "proj.json", `{"format":"khareeta-project","version":1,"project":{}}`)
	if _, err := s.ImportSources(proj); err == nil || !strings.Contains(err.Error(), "whole Khareeta project") {
		t.Errorf("importing a project JSON: %v", err)
	}
}

// The sample's sources go out in each format and come back into an empty
// project with nothing lost.
func TestExportSourcesRoundTrip(t *testing.T) {
	s := sample(t)
	want := s.Project().Sources
	for _, ext := range []string{".bib", ".ris", ".json"} {
		out := filepath.Join(t.TempDir(), "refs"+ext)
		n, err := s.ExportSources(out, "")
		if err != nil {
			t.Fatal(err)
		}
		if n != len(want) {
			t.Fatalf("%s: wrote %d sources, want %d", ext, n, len(want))
		}
		empty, err := Create(filepath.Join(t.TempDir(), "empty.kmap"), model.Meta{Title: model.T("فارغ", ""), Language: model.Arabic})
		if err != nil {
			t.Fatal(err)
		}
		r, err := empty.ImportSources(out)
		if err != nil {
			t.Fatal(err)
		}
		if a, m, rj := r.Counts(); a != len(want) || m != 0 || rj != 0 {
			t.Fatalf("%s: import %d added, %d merged, %d rejected", ext, a, m, rj)
		}
		got := empty.Bibliography("", biblio.Text)
		if exp := s.Bibliography("", biblio.Text); got != exp {
			t.Errorf("%s: reference list differs after the round trip:\n%s\n---\n%s", ext, got, exp)
		}
		empty.Close()
	}
	// A view exports only the sources its concepts and relations cite.
	v := s.Project().Views[0]
	out := filepath.Join(t.TempDir(), "view.ris")
	n, err := s.ExportSources(out, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(biblio.ViewSources(s.Project(), &v)); n != want || n == 0 {
		t.Errorf("view export wrote %d sources, want %d", n, want)
	}
	if _, err := s.ExportSources(filepath.Join(t.TempDir(), "x.doc"), ""); err == nil {
		t.Error("exporting to .doc did not fail")
	}
}

func TestMergeDuplicateSources(t *testing.T) {
	s := sample(t)
	orig := s.Project().Sources[1] // ياسين
	dup := model.Source{Type: "article-journal", Key: "yaseen", Title: orig.Title, Authors: orig.Authors,
		DOI: "10.1234/yaseen.2021", ContainerTitle: "مجلة العلوم السياسية"}
	dup, err := s.SaveSource(dup)
	if err != nil {
		t.Fatal(err)
	}
	target := s.Project().Concepts[3].ID
	cit, err := s.SaveCitation(model.Citation{Source: dup.ID, Concept: target, Locator: "7"})
	if err != nil {
		t.Fatal(err)
	}
	var group []string
	for _, g := range s.DuplicateSources() {
		if g[0] == orig.ID {
			group = g
		}
	}
	if len(group) != 2 || group[1] != dup.ID {
		t.Fatalf("duplicate groups %v, want [%s %s]", s.DuplicateSources(), orig.ID, dup.ID)
	}
	usesBefore := len(s.SourceUses(orig.ID).Citations)
	kept, err := s.MergeSources(group[0], group[1:]...)
	if err != nil {
		t.Fatal(err)
	}
	if kept.DOI != dup.DOI || kept.ContainerTitle != dup.ContainerTitle {
		t.Errorf("kept source did not gain the duplicate's fields: %+v", kept)
	}
	disk := onDisk(t, s)
	for _, x := range disk.Sources {
		if x.ID == dup.ID {
			t.Fatal("the duplicate is still on disk")
		}
	}
	u := s.SourceUses(orig.ID)
	if len(u.Citations) != usesBefore+1 {
		t.Errorf("kept source has %d citations, want %d", len(u.Citations), usesBefore+1)
	}
	found := false
	for _, c := range disk.Citations {
		if c.ID == cit.ID {
			found = c.Source == orig.ID
		}
	}
	if !found {
		t.Error("the citation was not moved to the kept source on disk")
	}
	if !contains(u.Concepts, target) {
		t.Errorf("SourceUses concepts %v lack %s", u.Concepts, target)
	}
	if len(s.DuplicateSources()) != 0 {
		t.Errorf("duplicates left: %v", s.DuplicateSources())
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	disk = onDisk(t, s)
	back := false
	for _, c := range disk.Citations {
		if c.ID == cit.ID {
			back = c.Source == dup.ID
		}
	}
	if !back || len(disk.Sources) != len(s.Project().Sources) {
		t.Error("undo did not bring the duplicate and its citation back")
	}
	if _, err := s.MergeSources(orig.ID, orig.ID); err == nil {
		t.Error("merging a source into itself did not fail")
	}
}

func TestSearchSourcesAndUses(t *testing.T) {
	s := sample(t)
	all := s.SearchSources("")
	if len(all) != len(s.Project().Sources) {
		t.Fatalf("empty search gave %d of %d", len(all), len(s.Project().Sources))
	}
	// Arabic folding: a search without hamza finds "الأمن".
	hits := s.SearchSources("الامن المجتمعي")
	if len(hits) == 0 {
		t.Fatal("no source matches الامن المجتمعي")
	}
	for _, id := range hits {
		x := s.Index().Sources[id]
		if !strings.Contains(model.Fold(sourceHaystack(*x)), model.Fold("الامن المجتمعي")) {
			t.Errorf("hit %q does not contain the query", x.Title)
		}
	}
	counts := s.CitationCounts()
	total := 0
	for _, n := range counts {
		total += n
	}
	if total != len(s.Project().Citations) {
		t.Errorf("citation counts add to %d, want %d", total, len(s.Project().Citations))
	}
	if ref := s.Reference(all[0], biblio.Text); ref == "" {
		t.Error("empty reference")
	}
	if fs := s.EvidenceFindings(); len(fs) != 5 {
		t.Errorf("sample evidence findings: %d, want 5 (4 without a locator, 1 out of range)", len(fs))
	}
}
