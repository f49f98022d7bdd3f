package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
)

// PresentOptions say how to present a view step by step: the view and its
// options as for Export (Fit is the target, default slide-16x9) and the
// steps.
type PresentOptions struct {
	ExportOptions
	// Sequence lists the steps as the user arranged them, each a list of
	// concepts (ids or labels); nil presents one kind after another in the
	// kinds' order (pillars → threats → … → recommendations).
	Sequence [][]string
}

// Presentation is a view laid out once for a target and divided into
// steps. A full-screen presenter shows Sheets[k] for step k (the last
// sheet is the whole view), or draws Scene itself with Hidden(k) faded.
type Presentation struct {
	Scene    *layout.Scene
	Fit      layout.Fit
	Steps    []layout.Step
	Sheets   []render.Sheet
	Files    []string
	Warnings []string
}

// Hidden returns the concepts and relations not yet shown at step k (the
// last step, len(Steps), shows everything).
func (pr *Presentation) Hidden(k int) map[string]bool {
	return layout.Hidden(pr.Scene, pr.Steps, k)
}

// Present lays out a view for presenting: every step shows the map at the
// same place and scale. A map whose text would be too small on the target
// is presented all the same, with a warning that names the smallest text.
func Present(ctx context.Context, p *model.Project, o PresentOptions) (*Presentation, error) {
	name := o.Fit
	if name == "" {
		name = "slide-16x9"
	}
	pr := &Presentation{}
	warn := func(msg string) {
		pr.Warnings = append(pr.Warnings, msg)
		if o.Warn != nil {
			o.Warn(msg)
		}
	}
	sc, f, err := buildFor(ctx, p, o.ExportOptions, name, &pr.Warnings)
	if err != nil {
		return nil, err
	}
	t := f.Target
	if len(sc.Nodes) == 0 {
		return nil, fmt.Errorf("present %q: the view shows no concepts", sc.ViewName)
	}
	if !f.Readable {
		// one sheet per step, not pages: keep the whole map in view
		f = layout.FitTo(sc, t)
		f.Readable = true
		warn(fmt.Sprintf("on %s the map's smallest text is %.1f pt, below the %.0f pt a reader needs: present a smaller view (by kind, or the neighbourhood of one concept) or choose a larger target", t.Name, f.SheetMinText(), t.MinText))
	}
	steps, err := layout.Steps(p, sc, o.Sequence)
	if err != nil {
		return nil, fmt.Errorf("present %q: %w", sc.ViewName, err)
	}
	sheets, err := render.StepSheets(sc, f, steps)
	if err != nil {
		return nil, err
	}
	pr.Scene, pr.Fit, pr.Steps, pr.Sheets = sc, f, steps, sheets
	return pr, nil
}

// ExportPresentation writes a presentation to path: a PDF with one page
// per step and the whole view last, or numbered PNG images (OUT-1.png, …).
func ExportPresentation(ctx context.Context, p *model.Project, path string, o PresentOptions) (*Presentation, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".pdf" && ext != ".png" {
		return nil, fmt.Errorf("export presentation %s: write a .pdf (one page per step) or .png images", filepath.Base(path))
	}
	pr, err := Present(ctx, p, o)
	if err != nil {
		return nil, fmt.Errorf("export presentation %s: %w", filepath.Base(path), err)
	}
	files, err := writeSheets(path, pr.Sheets, pr.Scene.ViewName, pr.Scene.Lang)
	if err != nil {
		return nil, fmt.Errorf("export presentation %s: %w", filepath.Base(path), err)
	}
	pr.Files = files
	return pr, nil
}
