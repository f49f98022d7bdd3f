package app

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
)

// RenderProject draws a view of the project file at project into out: it
// is `khareeta render`. Without a view it draws the project's first view,
// or every concept when all is set or the project has no view (Note says
// which). With o.Fit the map is laid out for that target and may be split
// (ExportFit); else it is drawn at its own size (Export). The project is
// read, never written.
func RenderProject(ctx context.Context, project, out string, o ExportOptions, all bool) (*FitResult, error) {
	if _, err := render.Format(filepath.Ext(out)); err != nil && o.Fit == "" {
		return nil, fmt.Errorf("export %s: %w", out, err) // before reading the project
	}
	p, note, err := loadForView(project, &o, all)
	if err != nil {
		return nil, err
	}
	if o.Fit != "" {
		res, err := ExportFit(ctx, p, out, o)
		if res != nil {
			res.Note = note
		}
		return res, err
	}
	sc, err := Export(ctx, p, out, o)
	if err != nil {
		return nil, err
	}
	return &FitResult{Scene: sc, Files: []string{out}, Note: note}, nil
}

// loadForView reads the project file for a command that draws a view and
// picks the view when none is named: the first view, or every concept
// with all (or when the project has no view). It returns a note saying
// which view it picked ("" when the user named it).
func loadForView(project string, o *ExportOptions, all bool) (*model.Project, string, error) {
	p, err := LoadFile(project)
	if err != nil {
		return nil, "", err
	}
	if o.ViewID != "" || all {
		return p, "", nil
	}
	v := DefaultView(p, false)
	if v.ID == "" {
		return p, "", nil
	}
	o.ViewID = v.ID
	return p, fmt.Sprintf("drew the project's first view, %q (--view NAME for another, --all for every concept)", v.Name.Get(p.Meta.Language)), nil
}

// PresentFile writes a presentation of a view of the project file at
// project (see ExportPresentation): `khareeta present`. Without a view it
// presents the first view (every concept with all).
func PresentFile(ctx context.Context, project, out string, o PresentOptions, all bool) (*Presentation, string, error) {
	p, note, err := loadForView(project, &o.ExportOptions, all)
	if err != nil {
		return nil, "", err
	}
	pr, err := ExportPresentation(ctx, p, out, o)
	return pr, note, err
}

// HandoutFile writes a handout of a view of the project file at project
// (see ExportHandout): `khareeta handout`.
func HandoutFile(ctx context.Context, project, out string, o HandoutOptions, all bool) (*Handout, string, error) {
	p, note, err := loadForView(project, &o.ExportOptions, all)
	if err != nil {
		return nil, "", err
	}
	h, err := ExportHandout(ctx, p, out, o)
	return h, note, err
}
