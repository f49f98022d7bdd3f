package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/khareeta/khareeta/internal/biblio"
	"github.com/khareeta/khareeta/internal/interop"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// ImportFormat is a file format `khareeta import` reads into a project.
// This file registers the project JSON and the bibliography formats; other
// files of the package may register more (CSV, CXL) in their init.
type ImportFormat struct {
	Name string   // the --format name: "bibtex"
	Exts []string // file extensions, lower case with the dot: ".bib"
	// Sniff, when set, claims a file among formats that share an
	// extension (project JSON and CSL-JSON both use .json).
	Sniff func(data []byte) bool
	// Run imports data (read from the file named from) into the project
	// file at path. With dryRun it reports what it would do and writes nothing.
	Run func(env *Env, path, from string, data []byte, dryRun bool) error
}

// ExportFormat is a file format `khareeta export` writes.
type ExportFormat struct {
	Name string   // the --format name: "ris"
	Exts []string // file extensions, lower case with the dot: ".ris"
	// Write writes p, or only what view v selects when v is not nil.
	Write func(w io.Writer, p *model.Project, v *model.View) error
	// NoView says the format always holds the whole project.
	NoView bool
	// Describe says in a few words what was written ("32 sources").
	Describe func(p *model.Project, v *model.View) string
}

var (
	importFormats []ImportFormat
	exportFormats []ExportFormat
)

// RegisterImportFormat adds a format to `khareeta import`.
func RegisterImportFormat(f ImportFormat) { importFormats = append(importFormats, f) }

// RegisterExportFormat adds a format to `khareeta export`.
func RegisterExportFormat(f ExportFormat) { exportFormats = append(exportFormats, f) }

func init() {
	RegisterImportFormat(ImportFormat{Name: "project", Exts: []string{".json"}, Sniff: interop.IsProjectJSON, Run: importProjectJSON})
	RegisterImportFormat(ImportFormat{Name: "bibtex", Exts: []string{".bib", ".bibtex"}, Run: importBib(interop.BibTeX)})
	RegisterImportFormat(ImportFormat{Name: "ris", Exts: []string{".ris"}, Run: importBib(interop.RIS)})
	RegisterImportFormat(ImportFormat{Name: "csl", Exts: []string{".csl.json", ".json"}, Run: importBib(interop.CSLJSON)})

	RegisterExportFormat(ExportFormat{Name: "project", Exts: []string{".json"}, NoView: true,
		Write:    func(w io.Writer, p *model.Project, _ *model.View) error { return interop.WriteJSON(w, p) },
		Describe: describeProject})
	RegisterExportFormat(ExportFormat{Name: "bibtex", Exts: []string{".bib", ".bibtex"}, Write: exportBib(interop.BibTeX), Describe: describeSources})
	RegisterExportFormat(ExportFormat{Name: "ris", Exts: []string{".ris"}, Write: exportBib(interop.RIS), Describe: describeSources})
	RegisterExportFormat(ExportFormat{Name: "csl", Exts: []string{".csl.json"}, Write: exportBib(interop.CSLJSON), Describe: describeSources})

	Register(&Command{
		Name: "import", Args: "FILE --from IN [--format NAME] [--dry-run]", MinArgs: 1, MaxArgs: 1,
		Summary: "import a project JSON, or references (.bib, .ris, CSL .json), into a project file",
		Flags: func(fs *flag.FlagSet) {
			fs.String("from", "", "the file to import (- for standard input, with --format)\n"+
				"  .json      Khareeta project JSON ({\"format\":\"khareeta-project\",…}): the whole project;\n"+
				"             FILE is created when it does not exist, entities with the same ids are replaced\n"+
				"  .json      otherwise CSL-JSON (as Zotero exports it), also .csl.json\n"+
				"  .bib .ris  BibTeX / BibLaTeX and RIS (Zotero, Mendeley, EndNote)\n"+
				"references go into an existing FILE: duplicates (same DOI, citation key, or title + year +\n"+
				"first author) are merged into the source already there, filling its empty fields; a malformed\n"+
				"entry is reported with its line and skipped; all of it is one transaction")
			fs.String("format", "", "the input format when the extension does not say it: "+strings.Join(importFormatNames(), ", "))
			fs.Bool("dry-run", false, "report what would be imported without writing anything")
		},
		Run: runImport,
	})
	Register(&Command{
		Name: "export", Args: "FILE -o OUT [--view NAME] [--format NAME]", MinArgs: 1, MaxArgs: 1,
		Summary: "export the project (.json) or its references (.bib, .ris, .csl.json)",
		Flags: func(fs *flag.FlagSet) {
			fs.String("o", "", "the output file (- for standard output, with --format); its extension picks the format:\n"+
				"  .json      the whole project in Khareeta's JSON format (export → import gives identical JSON)\n"+
				"  .csl.json  the references as CSL-JSON (or any name with --format csl)\n"+
				"  .bib .ris  the references as BibTeX or RIS")
			fs.String("view", "", "with a bibliography format: only the sources cited in this view (name in any language, or id)")
			fs.String("format", "", "the output format, overriding the extension: "+strings.Join(exportFormatNames(), ", "))
		},
		Run: runExport,
	})
	Register(&Command{
		Name: "bibliography", Args: "FILE [--view NAME] [--format text|markdown|html] [-o OUT]", MinArgs: 1, MaxArgs: 1,
		Summary: "print the reference list (APA 7th; Arabic entries first, in Arabic order)",
		Flags: func(fs *flag.FlagSet) {
			fs.String("view", "", "only the sources cited in this view (name in any language, or id)")
			fs.String("format", "text", "text (one reference per line), markdown, or html (a complete page)")
			fs.String("o", "", "write to this file instead of standard output")
		},
		Run: runBibliography,
	})
}

func importFormatNames() []string {
	var ns []string
	seen := map[string]bool{}
	for _, f := range importFormats {
		if !seen[f.Name] {
			seen[f.Name] = true
			ns = append(ns, f.Name)
		}
	}
	sort.Strings(ns)
	return ns
}

func exportFormatNames() []string {
	var ns []string
	for _, f := range exportFormats {
		ns = append(ns, f.Name)
	}
	sort.Strings(ns)
	return ns
}

// formatAliases maps the names people type to registered format names.
var formatAliases = map[string]string{"bib": "bibtex", "biblatex": "bibtex", "csl-json": "csl", "csljson": "csl", "json": "project"}

func canonicalFormat(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if a, ok := formatAliases[name]; ok {
		return a
	}
	return name
}

// extLen returns the length of the longest of exts that path ends with
// (case-insensitive), 0 when none does; the longest match picks the format.
func extLen(path string, exts []string) int {
	low := strings.ToLower(path)
	best := 0
	for _, e := range exts {
		if strings.HasSuffix(low, e) && len(e) > best {
			best = len(e)
		}
	}
	return best
}

func pickImportFormat(name, from string, data []byte) (ImportFormat, error) {
	if name != "" {
		name = canonicalFormat(name)
		for _, f := range importFormats {
			if f.Name == name {
				return f, nil
			}
		}
		return ImportFormat{}, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(importFormatNames(), ", "))
	}
	if from == "-" {
		return ImportFormat{}, fmt.Errorf("reading standard input needs --format (%s)", strings.Join(importFormatNames(), ", "))
	}
	// the longest extension match; among equals, a format whose Sniff claims the data, then the first without Sniff
	best, bestLen := -1, 0
	for i, f := range importFormats {
		n := extLen(from, f.Exts)
		if n == 0 || n < bestLen {
			continue
		}
		if f.Sniff != nil && !f.Sniff(data) {
			continue
		}
		if n > bestLen || (best >= 0 && importFormats[best].Sniff == nil && f.Sniff != nil) {
			best, bestLen = i, n
		}
	}
	if best < 0 {
		return ImportFormat{}, fmt.Errorf("cannot tell the format of %s from its extension; use --format (%s)", from, strings.Join(importFormatNames(), ", "))
	}
	return importFormats[best], nil
}

func pickExportFormat(name, out string) (ExportFormat, error) {
	if name != "" {
		name = canonicalFormat(name)
		for _, f := range exportFormats {
			if f.Name == name {
				return f, nil
			}
		}
		return ExportFormat{}, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(exportFormatNames(), ", "))
	}
	if out == "-" {
		return ExportFormat{}, fmt.Errorf("writing to standard output needs --format (%s)", strings.Join(exportFormatNames(), ", "))
	}
	best, bestLen := -1, 0
	for i, f := range exportFormats {
		if n := extLen(out, f.Exts); n > bestLen {
			best, bestLen = i, n
		}
	}
	if best < 0 {
		return ExportFormat{}, fmt.Errorf("cannot tell the format of %s from its extension; use --format (%s)", out, strings.Join(exportFormatNames(), ", "))
	}
	return exportFormats[best], nil
}

func runImport(env *Env, fs *flag.FlagSet, args []string) error {
	from := sourcesFlag(fs, "from")
	if from == "" {
		return fmt.Errorf("--from is required: the file to import")
	}
	var data []byte
	var err error
	if from == "-" {
		data, err = io.ReadAll(io.LimitReader(env.Stdin, interop.MaxJSONSize+1))
	} else {
		data, err = os.ReadFile(from)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", from, err)
	}
	f, err := pickImportFormat(sourcesFlag(fs, "format"), from, data)
	if err != nil {
		return err
	}
	return f.Run(env, args[0], from, data, sourcesFlagBool(fs, "dry-run"))
}

// importProjectJSON imports a whole project in Khareeta's JSON format,
// creating the project file when it does not exist.
func importProjectJSON(env *Env, path, from string, data []byte, dryRun bool) error {
	p, err := interop.ReadJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("import %s: %w", from, err)
	}
	counts := fmt.Sprintf("%d concepts, %d relations, %d sources, %d citations, %d views",
		len(p.Concepts), len(p.Relations), len(p.Sources), len(p.Citations), len(p.Views))
	if dryRun {
		fmt.Fprintf(env.Stdout, "dry run: %s is a valid project (%s); nothing written\n", from, counts)
		return nil
	}
	s, err := store.Open(path)
	created := false
	if errors.Is(err, store.ErrNotFound) {
		s, err = store.Create(path, p.Meta)
		created = true
	}
	if err != nil {
		return err
	}
	if err := s.ImportProject(p); err != nil {
		s.Close()
		if created {
			os.Remove(path) // leave nothing half-made behind
		}
		return fmt.Errorf("import %s into %s: %w", from, path, err)
	}
	if err := s.Close(); err != nil {
		return err
	}
	verb := "imported"
	if created {
		verb = "created " + path + " and imported"
	}
	fmt.Fprintf(env.Stdout, "%s %s: %s\n", verb, from, counts)
	return nil
}

// importBib imports references in a bibliography format into an existing project.
func importBib(format interop.BibFormat) func(env *Env, path, from string, data []byte, dryRun bool) error {
	return func(env *Env, path, from string, data []byte, dryRun bool) error {
		srcs, rep, err := interop.ImportSources(bytes.NewReader(data), format)
		if err != nil {
			return fmt.Errorf("import %s: %w", from, err)
		}
		var s *store.Store
		if dryRun {
			s, err = store.OpenReadOnly(path)
		} else {
			s, err = store.Open(path)
		}
		if err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("%w (create the project first: khareeta new %s)", err, path)
			}
			return err
		}
		defer s.Close()
		p, err := s.Load()
		if err != nil {
			return err
		}
		res := interop.MergeSources(p.Sources, srcs)
		if !dryRun {
			now := time.Now().UTC()
			err = s.Update(func(tx *store.Tx) error {
				for _, u := range res.Updated {
					u.Updated = now
					if err := tx.PutSource(u); err != nil {
						return err
					}
				}
				for _, a := range res.Added {
					if err := tx.PutSource(a); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("import %s into %s (nothing was written): %w", from, path, err)
			}
		}
		writeImportSummary(env.Stdout, from, path, p, rep, res, dryRun)
		return nil
	}
}

func writeImportSummary(w io.Writer, from, path string, p *model.Project, rep interop.ImportReport, res interop.MergeResult, dryRun bool) {
	prefix := ""
	if dryRun {
		prefix = "dry run (nothing written): "
	}
	warned := ""
	switch n := len(rep.Warnings); n {
	case 0:
	case 1:
		warned = ", 1 warning"
	default:
		warned = fmt.Sprintf(", %d warnings", n)
	}
	fmt.Fprintf(w, "%simported %s (%s) into %s: %d added, %d merged, %d rejected%s\n",
		prefix, from, rep.Format, filepath.Base(path), len(res.Added), len(res.Merges), len(rep.Rejected), warned)
	for _, r := range rep.Rejected {
		fmt.Fprintf(w, "  rejected %s\n", r)
	}
	for _, x := range rep.Warnings {
		fmt.Fprintf(w, "  warning %s\n", x)
	}
	titles := map[string]string{}
	for _, s := range p.Sources {
		titles[s.ID] = s.Title
	}
	for _, s := range res.Added {
		titles[s.ID] = s.Title
	}
	for _, m := range res.Merges {
		fmt.Fprintf(w, "  merged %q into %q (%s)", clipTitle(m.From.Title), clipTitle(titles[m.Into]), m.Reason)
		if len(m.Filled) > 0 {
			fmt.Fprintf(w, "; filled %s", strings.Join(m.Filled, ", "))
		}
		if len(m.Conflicts) > 0 {
			fmt.Fprintf(w, "; kept the existing %s", strings.Join(m.Conflicts, ", "))
		}
		fmt.Fprintln(w)
	}
}

func clipTitle(s string) string {
	r := []rune(s)
	if len(r) > 50 {
		return string(r[:50]) + "…"
	}
	return s
}

func exportBib(format interop.BibFormat) func(w io.Writer, p *model.Project, v *model.View) error {
	return func(w io.Writer, p *model.Project, v *model.View) error {
		return interop.ExportSources(w, biblio.ViewSources(p, v), format)
	}
}

func describeSources(p *model.Project, v *model.View) string {
	n := len(biblio.ViewSources(p, v))
	if n == 1 {
		return "1 source"
	}
	return fmt.Sprintf("%d sources", n)
}

func describeProject(p *model.Project, _ *model.View) string {
	return fmt.Sprintf("the project: %d concepts, %d relations, %d sources, %d citations, %d views",
		len(p.Concepts), len(p.Relations), len(p.Sources), len(p.Citations), len(p.Views))
}

// loadProjectView opens a project read-only and finds the view named by
// --view (nil when the flag is empty).
func loadProjectView(path, view string) (*model.Project, *model.View, error) {
	s, err := store.OpenReadOnly(path)
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		return nil, nil, err
	}
	if view == "" {
		return p, nil, nil
	}
	v := biblio.FindView(p, view)
	if v == nil {
		var names []string
		for _, v := range p.Views {
			names = append(names, fmt.Sprintf("%q", v.Name.Get(p.Meta.Language)))
		}
		return nil, nil, fmt.Errorf("no view named %q in %s (views: %s)", view, path, strings.Join(names, ", "))
	}
	return p, v, nil
}

func runExport(env *Env, fs *flag.FlagSet, args []string) error {
	out := sourcesFlag(fs, "o")
	if out == "" {
		return fmt.Errorf("-o is required: the output file")
	}
	f, err := pickExportFormat(sourcesFlag(fs, "format"), out)
	if err != nil {
		return err
	}
	viewName := sourcesFlag(fs, "view")
	if viewName != "" && f.NoView {
		return fmt.Errorf("--view does not apply to the %s format, which holds the whole project", f.Name)
	}
	p, v, err := loadProjectView(args[0], viewName)
	if err != nil {
		return err
	}
	if err := writeOutput(env, out, func(w io.Writer) error { return f.Write(w, p, v) }); err != nil {
		return err
	}
	if out != "-" && f.Describe != nil {
		fmt.Fprintf(env.Stdout, "wrote %s to %s (%s)\n", f.Describe(p, v), out, f.Name)
	}
	return nil
}

func runBibliography(env *Env, fs *flag.FlagSet, args []string) error {
	format, err := biblio.ParseFormat(sourcesFlag(fs, "format"))
	if err != nil {
		return err
	}
	p, v, err := loadProjectView(args[0], sourcesFlag(fs, "view"))
	if err != nil {
		return err
	}
	srcs := biblio.ViewSources(p, v)
	out := sourcesFlag(fs, "o")
	if out == "" {
		out = "-"
	}
	return writeOutput(env, out, func(w io.Writer) error {
		if format == biblio.HTML {
			title := p.Meta.Title.Get(p.Meta.Language)
			if v != nil {
				title += " — " + v.Name.Get(p.Meta.Language)
			}
			if p.Meta.Language == model.Arabic {
				title = "المراجع: " + title
			} else {
				title = "References: " + title
			}
			return biblio.WriteHTMLDocument(w, title, srcs)
		}
		return biblio.Write(w, srcs, format)
	})
}

// writeOutput writes through fn to standard output ("-") or to a file
// that appears whole or not at all (a temporary file renamed into place).
func writeOutput(env *Env, path string, fn func(io.Writer) error) error {
	if path == "-" {
		return fn(env.Stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := fn(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// sourcesFlag returns a string flag's value.
func sourcesFlag(fs *flag.FlagSet, name string) string { return fs.Lookup(name).Value.String() }

// sourcesFlagBool returns a boolean flag's value.
func sourcesFlagBool(fs *flag.FlagSet, name string) bool {
	return fs.Lookup(name).Value.(flag.Getter).Get().(bool)
}
