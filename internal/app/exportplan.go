package app

import (
	"image"
	"math"
	"strings"
	"unicode"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/render"
)

// Targets lists the targets a map can be laid out for (layout.TargetNames),
// "width=N" last.
func Targets() []string { return append([]string(nil), layout.TargetNames...) }

// Styles lists the print styles (layout.Styles), without the kinds' own
// colours ("").
func Styles() []string { return []string{"colorblind", "grayscale", "high-contrast"} }

// FitPlan describes, before anything is written, how a view goes on a
// target: the sheet's size, how many sheets, and the smallest text.
type FitPlan struct {
	Target string
	Screen bool // an image first (slides, width=N); else paper
	// The sheet in pixels (the PNG) and in millimetres (the PDF page).
	WidthPx, HeightPx  int
	WidthMM, HeightMM  float64
	Concepts           int
	Readable           bool    // the whole map can be read on one sheet
	MinText            float64 // the smallest text on the one sheet, in points
	MinTextPx          float64 // the same in pixels of the PNG
	Need               float64 // the smallest text the target allows, in points
	Minimum            string  // the smallest sheet the map is readable on (when not Readable)
	Sheets             int     // sheets written: 1, or an overview and the pages of a split
	PageCols, PageRows int     // the split's pages (when not Readable)
	PageMinText        float64 // the smallest text on the split's pages, in points
}

// Plan describes r (see FitPlan).
func (r *FitResult) Plan() FitPlan {
	f := r.Fit
	t := f.Target
	pl := FitPlan{Target: t.Name, Screen: t.Screen, Concepts: len(r.Scene.Nodes), Readable: !r.Split,
		MinText: f.SheetMinText(), Need: t.MinText, Sheets: len(r.Sheets)}
	ppp := t.PixelsPerPoint
	if ppp == 0 {
		ppp = 2
	}
	pl.WidthPx, pl.HeightPx = int(math.Round(f.Width*ppp)), int(math.Round(f.Height*ppp))
	pl.WidthMM, pl.HeightMM = f.Width/72*25.4, f.Height/72*25.4
	pl.MinTextPx = pl.MinText * ppp
	if r.Split {
		pl.Minimum = f.Minimum(r.Scene)
		pl.PageCols, pl.PageRows = f.Cols, f.Rows
		pl.PageMinText = f.MinText * f.PageScale
	}
	return pl
}

// KindsShown lists the kinds of the concepts on r's map with how many of
// each, in the order they first appear.
func (r *FitResult) KindsShown() (kinds []string, count map[string]int) {
	count = map[string]int{}
	for _, n := range r.Scene.Nodes {
		if count[n.Kind] == 0 {
			kinds = append(kinds, n.Kind)
		}
		count[n.Kind]++
	}
	return kinds, count
}

// ConceptsShown lists the concepts on r's map (ids).
func (r *FitResult) ConceptsShown() []string {
	ids := make([]string, 0, len(r.Scene.Nodes))
	for _, n := range r.Scene.Nodes {
		ids = append(ids, n.ConceptID)
	}
	return ids
}

// SheetFiles returns the files writing n sheets to path makes: path itself
// for a PDF or a single PNG, else OUT-1.png, OUT-2.png, … (render.SheetFiles).
func SheetFiles(path string, n int) []string { return render.SheetFiles(path, n) }

// StepImage paints step k of the presentation (k = len(Steps): the whole
// view) as an image of the target's size (1920×1080 for a 16:9 slide).
func (pr *Presentation) StepImage(k int) (image.Image, error) {
	k = max(0, min(k, len(pr.Sheets)-1))
	return render.SheetImage(&pr.Sheets[k])
}

// ExportFileName is the file name an export of a view is offered under:
// "PROJECT — VIEW.ext" ("PROJECT.ext" when the view has no name of its own
// or is named like the project), made safe for every file system: no path
// separators, no characters Windows refuses, no control characters, no
// leading or trailing dots and spaces, at most 120 characters before the
// extension.
func ExportFileName(project, view, ext string) string {
	project, view = cleanName(project), cleanName(view)
	name := project
	switch {
	case view == "" || view == project:
	case project == "":
		name = view
	default:
		name = project + " — " + view
	}
	if r := []rune(name); len(r) > 120 {
		name = strings.TrimRight(string(r[:120]), " .")
	}
	if name == "" {
		name = "map"
	}
	return name + ext
}

// cleanName removes from s what a file name may not hold.
func cleanName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteRune(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	out = strings.Trim(out, " .")
	if up := strings.ToUpper(out); up == "CON" || up == "PRN" || up == "AUX" || up == "NUL" {
		out = "_" + out
	}
	return out
}
