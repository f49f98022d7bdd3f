package app

import (
	"fmt"
	"io"
	"strings"

	"github.com/khareeta/khareeta/internal/biblio"
	"github.com/khareeta/khareeta/internal/interop"
	"github.com/khareeta/khareeta/internal/model"
)

// ErrUnknownFormat is wrapped when no format of the table (interop.Formats)
// fits a name or a file name.
var ErrUnknownFormat = interop.ErrUnknownFormat

// FormatNames lists the names of the formats that can be imported
// (reading) or exported.
func FormatNames(reading bool) []string { return interop.FormatNames(reading) }

// DataExportOptions says what ExportFile writes.
type DataExportOptions struct {
	// Format is a name of the format table; "" picks the format from the
	// output's extension.
	Format string
	// View limits the export to a view (id or name, model.FindView): the
	// concepts it shows, or the sources they and their relations cite.
	View string
}

// DataExport says what ExportFile wrote.
type DataExport struct {
	Format string // the format's name
	What   string // in a few words: "32 sources", "20 concepts, 31 relations"
}

// ExportFile writes the project file at project (read without writing to
// it) to out in a format of the table: the whole project as JSON, its
// references as BibTeX, RIS or CSL-JSON, or its map as CXL, GraphML or
// CSV. Out "-" writes to stdout. A file is written whole or not at all and
// never over a project (WriteOutput).
func ExportFile(project, out string, stdout io.Writer, o DataExportOptions) (*DataExport, error) {
	f, err := outputFormat(o.Format, out)
	if err != nil {
		return nil, err
	}
	if o.View != "" && f.Holds == interop.HoldsProject {
		return nil, fmt.Errorf("a view does not apply to the %s format, which holds the whole project", f.Name)
	}
	p, err := LoadFile(project)
	if err != nil {
		return nil, err
	}
	var v *model.View
	if o.View != "" {
		if v, err = model.FindView(p, o.View); err != nil {
			return nil, err
		}
	}
	var res *DataExport
	write := func(w io.Writer) error {
		res, err = exportData(w, p, v, f)
		return err
	}
	if out == "-" {
		err = write(stdout)
	} else {
		err = WriteOutput(out, write)
	}
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", out, err)
	}
	return res, nil
}

// outputFormat picks the format named, or the one out's extension says.
func outputFormat(name, out string) (interop.Format, error) {
	if name != "" {
		return interop.FormatNamed(name, false)
	}
	if out == "-" {
		return interop.Format{}, fmt.Errorf("%w: writing to standard output needs a format name (%s)", ErrUnknownFormat, strings.Join(FormatNames(false), ", "))
	}
	return interop.FormatForWrite(out)
}

// exportData writes p, or what view v selects of it, in format f.
func exportData(w io.Writer, p *model.Project, v *model.View, f interop.Format) (*DataExport, error) {
	res := &DataExport{Format: f.Name}
	var sel interop.Selection
	switch f.Holds {
	case interop.HoldsProject:
		res.What = fmt.Sprintf("the project: %d concepts, %d relations, %d sources, %d citations, %d views",
			len(p.Concepts), len(p.Relations), len(p.Sources), len(p.Citations), len(p.Views))
	case interop.HoldsSources:
		sel.Sources = biblio.ViewSources(p, v)
		res.What = fmt.Sprintf("%d sources", len(sel.Sources))
		if len(sel.Sources) == 1 {
			res.What = "1 source"
		}
	case interop.HoldsMap:
		sel.Concepts, sel.Positions = mapOf(p, v)
		if v != nil {
			sel.Name = v.Name.Get(p.Meta.Language)
		}
		n, r := len(p.Concepts), len(p.Relations)
		if sel.Concepts != nil {
			n, r = len(sel.Concepts), len(model.ViewRelations(p, sel.Concepts))
		}
		res.What = fmt.Sprintf("%d concepts, %d relations", n, r)
	}
	if err := f.Write(w, p, sel); err != nil {
		return nil, err
	}
	return res, nil
}

// mapOf returns the concepts a view shows (nil: the whole project) and
// their centres where Khareeta draws them (PlacesOf: the stored positions,
// else the view's layout), so CmapTools, yEd, Gephi and Obsidian open the
// map as Khareeta shows it. Without any (no layout within a minute) the
// formats fall back to a grid.
func mapOf(p *model.Project, v *model.View) ([]string, map[string][2]float64) {
	var ids []string
	view := AllConcepts
	if v != nil {
		view = v.ID
		ids = model.ViewConcepts(p, model.NewIndex(p), *v)
	}
	places := PlacesOf(p, view)
	if places == nil {
		return ids, nil
	}
	pos := make(map[string][2]float64, len(places))
	for id, at := range places {
		pos[id] = [2]float64{at.X, at.Y}
	}
	return ids, pos
}

// BibliographyOptions says what BibliographyFile writes.
type BibliographyOptions struct {
	View   string // only the sources a view rests on (id or name); "" all
	Format string // text, markdown or html (a whole page); "" is text
}

// BibliographyFile writes the reference list (APA 7th; Arabic entries
// first, see package biblio) of the project file at project, or of one of
// its views, to out ("-": stdout). A file is written whole or not at all
// and never over a project (WriteOutput).
func BibliographyFile(project, out string, stdout io.Writer, o BibliographyOptions) error {
	format, err := biblio.ParseFormat(o.Format)
	if err != nil {
		return err
	}
	p, err := LoadFile(project)
	if err != nil {
		return err
	}
	var v *model.View
	if o.View != "" {
		if v, err = model.FindView(p, o.View); err != nil {
			return err
		}
	}
	srcs := biblio.ViewSources(p, v)
	write := func(w io.Writer) error {
		if format == biblio.HTML {
			return biblio.WriteHTMLDocument(w, referencesTitle(p, v), srcs)
		}
		return biblio.Write(w, srcs, format)
	}
	if out == "" || out == "-" {
		return write(stdout)
	}
	if err := WriteOutput(out, write); err != nil {
		return fmt.Errorf("write the reference list to %s: %w", out, err)
	}
	return nil
}

// referencesTitle is the title of a reference list page: "References:" (or
// "المراجع:") and the project's title, with the view's name.
func referencesTitle(p *model.Project, v *model.View) string {
	title := p.Meta.Title.Get(p.Meta.Language)
	if v != nil {
		title += " — " + v.Name.Get(p.Meta.Language)
	}
	if p.Meta.Language == model.Arabic {
		return "المراجع: " + title
	}
	return "References: " + title
}
