package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/khareeta/khareeta/internal/app"
)

// exportCmd is `khareeta export`.
type exportCmd struct {
	Out string
	app.DataExportOptions
}

func (c *exportCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Out, "o", "", "the output file (- for standard output, with --format); its extension picks the format:\n"+
		"  .json      the whole project in Khareeta's JSON format (export → import gives identical JSON)\n"+
		"  .csl.json  the references as CSL-JSON (or any name with --format csl)\n"+
		"  .bib .ris  the references as BibTeX or RIS\n"+
		"  .cxl       the map for CmapTools; .graphml for yEd and Gephi; .canvas for Obsidian (JSON Canvas),\n"+
		"             with the concepts where Khareeta draws them (the view's positions, else its layout)\n"+
		"  .csv       the concepts as a spreadsheet; .relations.csv the relations\n"+
		"an existing file keeps its permissions; a Khareeta project is never overwritten")
	fs.StringVar(&c.View, "view", "", "only this view (name in any language, or id): its concepts, or the sources they cite")
	fs.StringVar(&c.Format, "format", "", "the output format, overriding the extension: "+strings.Join(app.FormatNames(false), ", "))
}

func (c *exportCmd) Run(env *Env, args []string) error {
	if c.Out == "" {
		return errors.New("-o is required: the output file")
	}
	res, err := app.ExportFile(args[0], c.Out, env.Data(), c.DataExportOptions)
	if err != nil {
		return formatHint(err)
	}
	if c.Out != "-" {
		fmt.Fprintf(env.Stdout, "wrote %s to %s (%s)\n", res.What, c.Out, res.Format)
	}
	return nil
}

// formatHint adds how to name a format to an error saying none fits.
func formatHint(err error) error {
	if errors.Is(err, app.ErrUnknownFormat) {
		return fmt.Errorf("%w; use --format", err)
	}
	return err
}

// importCmd is `khareeta import`.
type importCmd struct{ app.ImportOptions }

func (c *importCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.From, "from", "", "the file to import (- for standard input, with --format)\n"+
		"  .json      Khareeta project JSON ({\"format\":\"khareeta-project\",…}): the whole project;\n"+
		"             FILE is created when it does not exist, records with the same ids are replaced\n"+
		"             (records changed here after the file's copies only with --replace-newer)\n"+
		"  .json      otherwise CSL-JSON (as Zotero exports it), also .csl.json\n"+
		"  .bib .ris  BibTeX / BibLaTeX and RIS (Zotero, Mendeley, EndNote)\n"+
		"  .cxl .csv  a CmapTools map, a spreadsheet of concepts or of relations: a concept or relation\n"+
		"             the project has changes only in what the file carries (CXL: labels, descriptions\n"+
		"             and phrases in the file's language, kinds by colour, ends; CSV: its columns)\n"+
		"  .graphml   a yEd or Gephi graph; .canvas an Obsidian canvas (JSON Canvas); like CXL, with places:\n"+
		"             into a new FILE they are its map of all concepts; into an existing one, the view named\n"+
		"             like the map (else a new view of that name) keeps them, pinned, unless the map is\n"+
		"             drawn just as Khareeta draws that view\n"+
		"references go into an existing FILE: duplicates (same DOI, citation key, or title + year +\n"+
		"first author) are merged into the source already there, filling its empty fields; a malformed\n"+
		"entry is reported with its line and skipped; all of it is one transaction")
	fs.StringVar(&c.Format, "format", "", "the input format when the extension does not say it: "+strings.Join(app.FormatNames(true), ", "))
	fs.BoolVar(&c.DryRun, "dry-run", false, "report what would be imported without writing anything")
	fs.BoolVar(&c.ReplaceNewer, "replace-newer", false, "let a project JSON replace records changed here after the file's copies")
}

func (c *importCmd) Run(env *Env, args []string) error {
	if c.From == "" {
		return errors.New("--from is required: the file to import")
	}
	if c.From == "-" {
		var err error
		if c.Data, err = io.ReadAll(io.LimitReader(env.Stdin, app.MaxImportSize+1)); err != nil {
			return fmt.Errorf("read standard input: %w", err)
		}
	}
	res, err := app.ImportFile(args[0], c.ImportOptions)
	var ne *app.NewerError
	if errors.As(err, &ne) {
		return fmt.Errorf("%w\nRun with --dry-run to list them, or --replace-newer to replace them", err)
	}
	if err != nil {
		return formatHint(err)
	}
	for _, col := range res.Ignored {
		fmt.Fprintf(env.Stderr, "warning: column %q was not understood and is left out\n", col)
	}
	for _, x := range res.Skipped {
		fmt.Fprintf(env.Stderr, "warning: %s is left out\n", x)
	}
	w := env.Stdout
	prefix := ""
	if res.DryRun {
		prefix = "dry run (nothing written): "
	}
	if res.Holds == app.HoldsSources {
		warned := ""
		if n := len(res.Bib.Warnings); n > 0 {
			warned = fmt.Sprintf(", %d %s", n, plural(n, "warning", "warnings"))
		}
		fmt.Fprintf(w, "%simported %s (%s) into %s: %d added, %d merged, %d rejected%s\n",
			prefix, res.From, res.Bib.Format, filepath.Base(res.Path), res.Sources.Added, len(res.Merges), len(res.Bib.Rejected), warned)
		for _, r := range res.Bib.Rejected {
			fmt.Fprintf(w, "  rejected %s\n", r)
		}
		for _, x := range res.Bib.Warnings {
			fmt.Fprintf(w, "  warning %s\n", x)
		}
		for _, m := range res.Merges {
			fmt.Fprintf(w, "  merged %q into %q (%s)", clip(m.From.Title, 50), clip(res.Titles[m.Into], 50), m.Reason)
			if len(m.Filled) > 0 {
				fmt.Fprintf(w, "; filled %s", strings.Join(m.Filled, ", "))
			}
			if len(m.Conflicts) > 0 {
				fmt.Fprintf(w, "; kept the existing %s", strings.Join(m.Conflicts, ", "))
			}
			fmt.Fprintln(w)
		}
		return nil
	}
	verb := "imported " + res.From + " (" + res.Format + ") into " + res.Path
	switch {
	case res.DryRun && !res.Created:
		verb = "would import " + res.From + " (" + res.Format + ") into " + res.Path
	case res.Created && res.DryRun:
		verb = "would create " + res.Path + " and import " + res.From + " (" + res.Format + ")"
	case res.Created:
		verb = "created " + res.Path + " and imported " + res.From + " (" + res.Format + ")"
	}
	var parts []string
	for _, n := range []struct {
		name string
		c    app.ImportCounts
	}{{"concepts", res.Concepts}, {"relations", res.Relations}, {"sources", res.Sources}, {"citations", res.Citations}, {"views", res.Views}, {"positions", res.Positions}} {
		if n.c != (app.ImportCounts{}) {
			parts = append(parts, fmt.Sprintf("%s %d added, %d changed, %d unchanged", n.name, n.c.Added, n.c.Changed, n.c.Unchanged))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing")
	}
	fmt.Fprintf(w, "%s%s: %s\n", prefix, verb, strings.Join(parts, "; "))
	if res.PlacedOn != "" {
		fmt.Fprintf(w, "the map's places are kept on %s\n", res.PlacedOn)
	}
	if len(res.Newer) > 0 {
		if res.DryRun {
			fmt.Fprintf(w, "%d %s changed here after the file's copies; the import refuses to replace them without --replace-newer:\n", len(res.Newer), plural(len(res.Newer), "record", "records"))
		} else {
			fmt.Fprintf(w, "replaced %d %s changed here after the file's copies:\n", len(res.Newer), plural(len(res.Newer), "record", "records"))
		}
		for _, r := range res.Newer {
			fmt.Fprintf(w, "  %s\n", r)
		}
	}
	return nil
}

// bibliographyCmd is `khareeta bibliography`.
type bibliographyCmd struct {
	Out string
	app.BibliographyOptions
}

func (c *bibliographyCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.View, "view", "", "only the sources cited in this view (name in any language, or id)")
	fs.StringVar(&c.Format, "format", "text", "text (one reference per line), markdown, or html (a complete page)")
	fs.StringVar(&c.Out, "o", "", "write to this file instead of standard output (a Khareeta project is never overwritten)")
}

func (c *bibliographyCmd) Run(env *Env, args []string) error {
	return app.BibliographyFile(args[0], c.Out, env.Stdout, c.BibliographyOptions)
}

// clip shortens s to n characters and an ellipsis.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
