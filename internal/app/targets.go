package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
)

// buildFor lays out the view o names for the target named, with o's
// options and time limit, collecting warnings (and passing them to
// o.Warn).
func buildFor(ctx context.Context, p *model.Project, o ExportOptions, target string, warnings *[]string) (*layout.Scene, layout.Fit, error) {
	t, err := layout.ParseTarget(target)
	if err != nil {
		return nil, layout.Fit{}, err
	}
	v, eo, err := o.Resolve(p)
	if err != nil {
		return nil, layout.Fit{}, err
	}
	warn := func(msg string) {
		*warnings = append(*warnings, msg)
		if o.Warn != nil {
			o.Warn(msg)
		}
	}
	ctx, cancel := withTimeout(ctx, eo.Timeout)
	defer cancel()
	return layout.BuildFor(ctx, p, v, t, eo.layoutOptionsFor(p, v, warn)...)
}

// withTimeout bounds ctx by d when d > 0.
func withTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d > 0 {
		return context.WithTimeout(ctx, d)
	}
	return ctx, func() {}
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
	// Note tells what was drawn when the user did not say (RenderProject).
	Note string
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

// PlanFit lays out a view for the target o.Fit and returns the sheets to draw: one
// when the map can be read on one sheet, else an overview and the pages of
// a split (or a *layout.FitError with NoSplit). Nothing is written.
func PlanFit(ctx context.Context, p *model.Project, o ExportOptions) (*FitResult, error) {
	res := &FitResult{}
	sc, f, err := buildFor(ctx, p, o, o.Fit, &res.Warnings)
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

// ExportFit lays out a view for the target o.Fit and writes it to path
// (.pdf: one page per sheet; .png: one image, or OUT-1.png, OUT-2.png, …
// for a split). Each file is written whole or not at all, never over a
// project.
func ExportFit(ctx context.Context, p *model.Project, path string, o ExportOptions) (*FitResult, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".pdf" && ext != ".png" {
		return nil, fmt.Errorf("export %s for %s: slides and pages are written as .pdf or .png", filepath.Base(path), o.Fit)
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
	files, err := writeSheets(path, res.Sheets, title, res.Scene.Lang, render.OnWarning(func(m string) { res.Warnings = append(res.Warnings, m) }))
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

// writeSheets writes sheets to path by its extension (render.SheetFiles):
// one PDF with a page per sheet, or PNG images; each file whole or not at
// all, never over a project (WriteOutput). It returns the files written.
func writeSheets(path string, sheets []render.Sheet, title, lang string, opts ...render.Option) ([]string, error) {
	files := render.SheetFiles(path, len(sheets))
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		err := WriteOutput(path, func(w io.Writer) error { return render.WriteSheetsPDF(w, sheets, title, lang, opts...) })
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", filepath.Base(path), err)
		}
		return files, nil
	case ".png":
		for i := range sheets {
			if err := WriteOutput(files[i], func(w io.Writer) error { return render.WriteSheetPNG(w, &sheets[i], opts...) }); err != nil {
				return files[:i], fmt.Errorf("write %s: %w", filepath.Base(files[i]), err)
			}
		}
		return files, nil
	}
	return nil, fmt.Errorf("write %s: pages and slides are written as .pdf or .png", filepath.Base(path))
}
