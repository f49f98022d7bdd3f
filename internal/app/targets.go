package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
)

// FitOptions say what to export for a target (a slide, a page, an image of
// a given width): the view and its options as for Export, plus the target.
type FitOptions struct {
	ExportOptions
	// Target is a layout target name: slide-16x9, slide-4x3, a4,
	// a4-landscape, a3, a3-landscape, poster or width=N.
	Target string
	// NoSplit makes a view that cannot be read on one sheet an error
	// (*layout.FitError, naming the smallest readable size) instead of a
	// split into pages.
	NoSplit bool
	// Style is one of layout.Styles ("" is colour): colorblind, grayscale,
	// high-contrast.
	Style string
}

// styledOptions returns the layout options of o with a print style.
func styledOptions(o ExportOptions, style string, p *model.Project, warn func(string)) []layout.Option {
	opts := o.LayoutOptions(p, warn)
	if style != "" {
		opts = append(opts, layout.Style(style))
	}
	return opts
}

// FitResult says what ExportFit wrote.
type FitResult struct {
	Scene *layout.Scene
	Fit   layout.Fit
	// Files are the files written: the PDF, or the PNG images (OUT.png,
	// or OUT-1.png, OUT-2.png, … for a split).
	Files []string
	// Split is set when the map did not fit one sheet legibly and was cut
	// into pages; Sheets[0] is then the overview and Pages describes the
	// others.
	Split  bool
	Sheets []render.Sheet
	Pages  []render.SplitPage
	// Warnings from the layout and the rendering.
	Warnings []string
}

// Summary is a one-line account of the export for the user.
func (r *FitResult) Summary() string {
	f := r.Fit
	if !r.Split {
		return fmt.Sprintf("wrote %s: %d concepts on %s, smallest text %.1f pt", strings.Join(r.Files, ", "), len(r.Scene.Nodes), f.Target.Name, f.SheetMinText())
	}
	return fmt.Sprintf("the map is too large to read on one %s (its smallest text would be %.1f pt); split into an overview and %d pages: %s",
		f.Target.Name, f.SheetMinText(), len(r.Sheets)-1, strings.Join(r.Files, ", "))
}

// PlanFit lays out a view for a target and returns the sheets to draw: one
// when the map can be read on one sheet, else an overview and the pages of
// a split (or a *layout.FitError with NoSplit). Nothing is written.
func PlanFit(ctx context.Context, p *model.Project, o FitOptions) (*FitResult, error) {
	t, err := layout.ParseTarget(o.Target)
	if err != nil {
		return nil, err
	}
	v, err := ViewOf(p, o.ViewID)
	if err != nil {
		return nil, err
	}
	res := &FitResult{}
	warn := func(msg string) { res.Warnings = append(res.Warnings, msg) }
	sc, f, err := layout.BuildFor(ctx, p, v, t, styledOptions(o.ExportOptions, o.Style, p, warn)...)
	if err != nil {
		return nil, err
	}
	res.Scene, res.Fit = sc, f
	if f.Readable {
		res.Sheets = []render.Sheet{render.SceneSheet(sc, f)}
		return res, nil
	}
	if o.NoSplit {
		return nil, layout.NewFitError(sc, f)
	}
	sheets, pages, err := render.Split(sc, f)
	if err != nil {
		return nil, err
	}
	res.Split, res.Sheets, res.Pages = true, sheets, pages
	return res, nil
}

// ExportFit lays out a view for a target and writes it to path (.pdf: one
// page per sheet; .png: one image, or OUT-1.png, OUT-2.png, … for a
// split). Each file is written whole or not at all.
func ExportFit(ctx context.Context, p *model.Project, path string, o FitOptions) (*FitResult, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".pdf" && ext != ".png" {
		return nil, fmt.Errorf("export %s for %s: slides and pages are written as .pdf or .png", filepath.Base(path), o.Target)
	}
	res, err := PlanFit(ctx, p, o)
	if err != nil {
		var fe *layout.FitError
		if errors.As(err, &fe) {
			return nil, err
		}
		return nil, fmt.Errorf("export %s: %w", filepath.Base(path), err)
	}
	title := res.Scene.ViewName
	files, err := render.WriteSheets(path, res.Sheets, title, res.Scene.Lang, render.OnWarning(func(m string) { res.Warnings = append(res.Warnings, m) }))
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", filepath.Base(path), err)
	}
	res.Files = files
	return res, nil
}

// DefaultView is the view `render` draws when none is named: the project's
// first view, or every concept when the project has no view or all is set
// (`render --all`).
func DefaultView(p *model.Project, all bool) model.View {
	if !all && len(p.Views) > 0 {
		return p.Views[0]
	}
	return model.View{Name: p.Meta.Title.Clone()}
}
