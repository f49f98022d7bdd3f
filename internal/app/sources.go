package app

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/khareeta/khareeta/internal/biblio"
	"github.com/khareeta/khareeta/internal/evidence"
	"github.com/khareeta/khareeta/internal/interop"
	"github.com/khareeta/khareeta/internal/model"
)

// Edit names of the sources manager (see the Edit* constants in commands.go).
const (
	EditImportSources = "import sources"
	EditMergeSources  = "merge sources"
)

// SourceImport says what importing a bibliography file did (or, from
// PreviewImportSources, would do).
type SourceImport struct {
	Path   string
	Format interop.BibFormat
	// Read counts the entries the file held that were accepted.
	Read int
	// Rejected lists malformed entries, skipped, with their lines.
	Rejected []interop.Rejected
	// Warnings lists entries kept but read in part (a field lost to a
	// stray '}', an undefined macro read as its name), with their lines.
	Warnings []interop.Warning
	// Added are the new sources, Updated the existing ones that gained
	// fields, Merges one record per incoming entry folded into a source
	// instead of being added (see interop.MergeSources).
	Added   []model.Source
	Updated []model.Source
	Merges  []interop.Merge
	// Titles gives the title of every source an entry was merged into.
	Titles map[string]string
	// Written is true once the import is in the project file.
	Written bool
}

// Counts returns the summary numbers: added, merged, rejected.
func (r *SourceImport) Counts() (added, merged, rejected int) {
	return len(r.Added), len(r.Merges), len(r.Rejected)
}

// planImport reads a bibliography file and folds it into the session's
// sources, as `khareeta import` does (the bibliography entries of the
// format table).
func (s *Session) planImport(path string) (*SourceImport, error) {
	name := filepath.Base(path)
	if _, ok := interop.BibFormatForPath(path); !ok {
		return nil, fmt.Errorf("import %s: %w (want .bib, .ris or .json)", name, ErrNotBibliography)
	}
	data, err := readInput(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	f, err := interop.FormatForRead(path, data)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	if f.Holds != HoldsSources {
		return nil, fmt.Errorf("import %s: this is a whole Khareeta project in JSON, not a bibliography", name)
	}
	in, err := f.Read(data, s.proj)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	out := &SourceImport{Path: path, Format: in.Report.Format, Read: in.Report.Read, Rejected: in.Report.Rejected,
		Warnings: in.Report.Warnings, Added: in.Sources.Added, Updated: in.Sources.Updated, Merges: in.Sources.Merges,
		Titles: mergedInto(s.proj, in)}
	if out.Format == "" {
		out.Format = f.Bib
	}
	return out, nil
}

// mergedInto gives the title of every source an imported entry was folded
// into, by id.
func mergedInto(base *model.Project, in *interop.Incoming) map[string]string {
	titles := map[string]string{}
	if base != nil {
		for _, x := range base.Sources {
			titles[x.ID] = x.Title
		}
	}
	for _, x := range in.Sources.Added {
		titles[x.ID] = x.Title
	}
	out := map[string]string{}
	for _, m := range in.Sources.Merges {
		out[m.Into] = titles[m.Into]
	}
	return out
}

// PreviewImportSources reads a BibTeX, RIS or CSL-JSON file (by its
// extension) and reports what importing it would add and merge, without
// writing anything.
func (s *Session) PreviewImportSources(path string) (*SourceImport, error) {
	return s.planImport(path)
}

// ImportSources imports a BibTeX, RIS or CSL-JSON file (by its extension)
// into the project: duplicates of existing sources (same id, DOI, citation
// key, or title, year and first author) fill their empty fields instead of
// being added, malformed entries are skipped and reported. Everything is
// written in one transaction and undone as one edit. A file that brings
// nothing new records no edit.
func (s *Session) ImportSources(path string) (*SourceImport, error) {
	r, err := s.planImport(path)
	if err != nil {
		return nil, err
	}
	var ops []op
	t := now()
	for _, u := range r.Updated {
		u.Updated = t
		ops = append(ops, op{put: u})
	}
	for _, a := range r.Added {
		if a.Created.IsZero() {
			a.Created = t
		}
		a.Updated = t
		ops = append(ops, op{put: a})
	}
	if len(ops) == 0 {
		return r, nil
	}
	if err := s.apply(EditImportSources, ops...); err != nil {
		return nil, fmt.Errorf("import %s (nothing was written): %w", filepath.Base(path), err)
	}
	r.Written = true
	return r, nil
}

// ExportSources writes the sources of a view (viewID "": of the whole
// project) to path, as BibTeX, RIS or CSL-JSON by its extension, and
// returns how many it wrote. The file is replaced whole or not at all and
// never over a project (WriteOutput).
func (s *Session) ExportSources(path, viewID string) (int, error) {
	format, ok := interop.BibFormatForPath(path)
	if !ok {
		return 0, fmt.Errorf("export %s: %w (want .bib, .ris or .json)", filepath.Base(path), ErrNotBibliography)
	}
	f, err := interop.FormatNamed(string(format), false)
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", filepath.Base(path), err)
	}
	var v *model.View
	if viewID != "" {
		x, ok := s.ix.Views[viewID]
		if !ok {
			return 0, fmt.Errorf("export %s: no view %s", filepath.Base(path), viewID)
		}
		v = x
	}
	n := len(biblio.ViewSources(s.proj, v))
	if err := WriteOutput(path, func(w io.Writer) error {
		_, err := exportData(w, s.proj, v, f)
		return err
	}); err != nil {
		return 0, fmt.Errorf("export %s: %w", filepath.Base(path), err)
	}
	return n, nil
}

// SourceUse is what a source supports: its citations, and the concepts and
// relations they back (ids, in project order, without repeats).
type SourceUse struct {
	Citations []model.Citation
	Concepts  []string
	Relations []string
}

// SourceUses lists what the source with the given id supports.
func (s *Session) SourceUses(id string) SourceUse {
	var u SourceUse
	cs, rs := map[string]bool{}, map[string]bool{}
	for _, c := range s.proj.Citations {
		if c.Source != id {
			continue
		}
		u.Citations = append(u.Citations, c)
		if c.Concept != "" {
			cs[c.Concept] = true
		}
		if c.Relation != "" {
			rs[c.Relation] = true
		}
	}
	for _, c := range s.proj.Concepts {
		if cs[c.ID] {
			u.Concepts = append(u.Concepts, c.ID)
		}
	}
	for _, r := range s.proj.Relations {
		if rs[r.ID] {
			u.Relations = append(u.Relations, r.ID)
		}
	}
	return u
}

// CitationCounts returns the number of citations of every cited source.
func (s *Session) CitationCounts() map[string]int {
	n := map[string]int{}
	for _, c := range s.proj.Citations {
		n[c.Source]++
	}
	return n
}

// SearchSources returns the ids of the sources whose title, authors,
// editors, year, container, publisher, key or DOI contain query after
// model.Fold (Arabic-aware), in reference-list order (biblio.Sort). An
// empty query lists every source.
func (s *Session) SearchSources(query string) []string {
	q := model.Fold(strings.TrimSpace(query))
	var keep []model.Source
	for _, x := range s.proj.Sources {
		if q == "" || strings.Contains(model.Fold(sourceHaystack(x)), q) {
			keep = append(keep, x)
		}
	}
	ids := make([]string, 0, len(keep))
	for _, e := range biblio.Sort(keep) {
		ids = append(ids, e.Source.ID)
	}
	return ids
}

func sourceHaystack(x model.Source) string {
	var b strings.Builder
	for _, f := range []string{x.Title, x.Issued, x.ContainerTitle, x.Publisher, x.Key, x.DOI, x.Note} {
		b.WriteString(f)
		b.WriteByte(' ')
	}
	for _, n := range append(append([]model.Name(nil), x.Authors...), x.Editors...) {
		b.WriteString(n.String())
		b.WriteByte(' ')
	}
	return b.String()
}

// DuplicateSources groups the sources that look like the same record (same
// DOI, citation key, or title, year and first author): each group starts
// with the source to keep. See interop.Duplicates.
func (s *Session) DuplicateSources() [][]string {
	return interop.Duplicates(s.proj.Sources)
}

// MergeSources folds the sources dropIDs into keepID as one edit: keep's
// empty fields are filled from each dropped source in turn, their citations
// move to keep, and the dropped sources are deleted. It returns the kept
// source as saved.
func (s *Session) MergeSources(keepID string, dropIDs ...string) (model.Source, error) {
	if _, ok := s.ix.Sources[keepID]; !ok {
		return model.Source{}, fmt.Errorf("%s: no source %s", EditMergeSources, keepID)
	}
	if len(dropIDs) == 0 {
		return model.Source{}, fmt.Errorf("%s: nothing to merge into %s", EditMergeSources, keepID)
	}
	// Plan on a scratch copy so each fold sees the previous ones.
	p := s.Snapshot()
	moved := map[string]model.Citation{}
	var keep model.Source
	for _, drop := range dropIDs {
		if drop == keepID {
			return model.Source{}, fmt.Errorf("%s: cannot merge a source into itself", EditMergeSources)
		}
		if _, ok := s.ix.Sources[drop]; !ok {
			return model.Source{}, fmt.Errorf("%s: no source %s", EditMergeSources, drop)
		}
		k, mv, err := interop.FoldDuplicate(p, keepID, drop)
		if err != nil {
			return model.Source{}, fmt.Errorf("%s: %w", EditMergeSources, err)
		}
		keep = k
		for _, c := range mv {
			moved[c.ID] = c
		}
		for i := range p.Sources {
			if p.Sources[i].ID == keepID {
				p.Sources[i] = k
			}
		}
		p.Sources = setIn(p.Sources, drop, nil, func(x model.Source) string { return x.ID })
		for i := range p.Citations {
			if c, ok := moved[p.Citations[i].ID]; ok {
				p.Citations[i] = c
			}
		}
	}
	keep.Updated = now()
	ops := []op{{put: keep}}
	ids := make([]string, 0, len(moved))
	for id := range moved {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	t := now()
	for _, id := range ids {
		c := moved[id]
		c.Updated = t
		ops = append(ops, op{put: c})
	}
	for _, drop := range dropIDs {
		ops = append(ops, op{del: Ref{SourceEntity, drop}})
	}
	if err := s.apply(EditMergeSources, ops...); err != nil {
		return model.Source{}, err
	}
	return *s.ix.Sources[keepID], nil
}

// Bibliography returns the formatted reference list (APA 7th, Arabic
// entries first; see package biblio) of the sources a view rests on, or of
// every source when viewID is "".
func (s *Session) Bibliography(viewID string, f biblio.Format) string {
	var v *model.View
	if viewID != "" {
		v = s.ix.Views[viewID]
	}
	return biblio.String(biblio.ViewSources(s.proj, v), f)
}

// Reference formats one source as an APA reference.
func (s *Session) Reference(id string, f biblio.Format) string {
	src, ok := s.ix.Sources[id]
	if !ok {
		return ""
	}
	return biblio.Reference(*src, f)
}

// EvidenceFindings returns the evidence problems of the whole project:
// uncited concepts and relations, unused sources, citations without a
// locator and locators outside their source's pages (see evidence.Check).
func (s *Session) EvidenceFindings() []evidence.Finding {
	return evidence.Check(s.proj)
}

// ErrNotBibliography is returned for file names that are not .bib, .ris or
// .json (CSL-JSON).
var ErrNotBibliography = errors.New("not a bibliography file")
