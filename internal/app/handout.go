package app

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"strings"

	"github.com/khareeta/khareeta/internal/biblio"
	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
	"github.com/khareeta/khareeta/internal/text"
)

// HandoutOptions say which view a handout is made of (as for Export) and
// on what paper: "a4" (default) or "a3".
type HandoutOptions struct {
	ExportOptions
	Paper string
}

// Handout is what ExportHandout wrote: the map's pages (one, or an
// overview and the pages of a split), then the concepts with their
// descriptions and evidence, then the reference list.
type Handout struct {
	Scene    *layout.Scene
	MapPages int
	Sheets   []render.Sheet
	Sources  []model.Source
	File     string
	Warnings []string
}

// handoutWords are the handout's headings in the view's language.
type handoutWords struct {
	concepts, evidence, none, references, page string
}

func wordsFor(rtl bool) handoutWords {
	if rtl {
		return handoutWords{"المفاهيم", "الأدلة", "لا توجد أدلة مسجلة لهذا المفهوم.", "المراجع", "صفحة %d"}
	}
	return handoutWords{"Concepts", "Evidence", "No evidence is recorded for this concept.", "References", "page %d"}
}

// ExportHandout writes a handout of a view as a PDF: the map on the first
// page (split over pages when it cannot be read on one), then every concept
// of the view, kind by kind, with its description and its evidence (each
// source with page and quote), then the APA reference list of the sources
// cited. Text runs right to left for right-to-left views, is searchable and
// selectable, and the PDF embeds its fonts.
func ExportHandout(ctx context.Context, p *model.Project, path string, o HandoutOptions) (*Handout, error) {
	if strings.ToLower(filepath.Ext(path)) != ".pdf" {
		return nil, fmt.Errorf("export handout %s: a handout is a .pdf", filepath.Base(path))
	}
	h, err := PlanHandout(ctx, p, o)
	if err != nil {
		return nil, fmt.Errorf("export handout %s: %w", filepath.Base(path), err)
	}
	if _, err := writeSheets(path, h.Sheets, h.Scene.ViewName, h.Scene.Lang); err != nil {
		return nil, fmt.Errorf("export handout %s: %w", filepath.Base(path), err)
	}
	h.File = path
	return h, nil
}

// PlanHandout lays out a handout without writing it.
func PlanHandout(ctx context.Context, p *model.Project, o HandoutOptions) (*Handout, error) {
	paper := strings.ToLower(o.Paper)
	if paper == "" {
		paper = "a4"
	}
	if paper != "a4" && paper != "a3" {
		return nil, fmt.Errorf("handout paper %q: use a4 or a3", o.Paper)
	}
	// The map in the orientation that shows it larger.
	var best *FitResult
	for _, target := range []string{paper, paper + "-landscape"} {
		eo := o.ExportOptions
		eo.Fit, eo.NoSplit = target, false
		res, err := PlanFit(ctx, p, eo)
		if err != nil {
			return nil, err
		}
		if best == nil || better(res, best) {
			best = res
		}
	}
	sc := best.Scene
	h := &Handout{Scene: sc, MapPages: len(best.Sheets), Warnings: best.Warnings}
	h.Sheets = append(h.Sheets, best.Sheets...)
	rtl := sc.Dir == text.RTL
	words := wordsFor(rtl)
	// the view's name over the map
	first := &h.Sheets[0]
	if name := sc.ViewName; name != "" && !best.Split {
		blk := text.Default().Layout(name, text.Params{Size: 13, Bold: true, Dir: sc.Dir})
		x := first.Width - best.Fit.Target.Margin - blk.Width
		if !rtl {
			x = best.Fit.Target.Margin
		}
		first.Items = append(first.Items, render.Item{Class: "title", Text: blk, At: text.Point{X: x, Y: (first.At.Y - blk.Height) / 2}, Color: color.NRGBA{0x20, 0x20, 0x20, 255}})
	}

	paras, sources := handoutText(p, sc, words)
	h.Sources = sources
	t, _ := layout.ParseTarget(paper)
	dir := text.LTR
	if rtl {
		dir = text.RTL
	}
	pages, err := render.Flow(paras, render.PageSpec{Width: t.Width, Height: t.Height, Margin: 56.7, Dir: dir, Footer: words.page, FirstNumber: len(h.Sheets) + 1})
	if err != nil {
		return nil, err
	}
	h.Sheets = append(h.Sheets, pages...)
	return h, nil
}

// better reports whether a fits the map on fewer sheets than b, or as many
// at a larger scale.
func better(a, b *FitResult) bool {
	if len(a.Sheets) != len(b.Sheets) {
		return len(a.Sheets) < len(b.Sheets)
	}
	if a.Split {
		return a.Fit.PageScale > b.Fit.PageScale
	}
	return a.Fit.Scale > b.Fit.Scale
}

// handoutText returns the paragraphs of the concept pages and the
// reference list, and the sources they cite.
func handoutText(p *model.Project, sc *layout.Scene, words handoutWords) ([]render.Para, []model.Source) {
	ix := model.NewIndex(p)
	lang := sc.Lang
	gray := color.NRGBA{0x55, 0x55, 0x55, 255}
	accentText := color.NRGBA{0x1c, 0x4e, 0x80, 255}
	var paras []render.Para
	paras = append(paras, render.Para{Text: words.concepts, Size: 16, Bold: true, KeepWithNext: true, Class: "heading"})
	steps, _ := layout.Steps(p, sc, nil)
	used := map[string]bool{}
	cite := func(ci int) string {
		c := p.Citations[ci]
		s := ix.Sources[c.Source]
		if s == nil {
			return ""
		}
		used[s.ID] = true
		ref := layout.SourceLine(s)
		if loc := strings.TrimSpace(c.Locator); loc != "" {
			// the locator in the source's own script, so that the line
			// reads in one direction
			if biblio.IsArabic(*s) {
				ref = strings.TrimSuffix(ref, ".") + "، ص " + loc + "."
			} else {
				ref = strings.TrimSuffix(ref, ".") + ", p. " + loc + "."
			}
		}
		return ref
	}
	for _, st := range steps {
		paras = append(paras, render.Para{Text: st.Title, Size: 13, Bold: true, Color: accentText, Before: 14, KeepWithNext: true, Rule: true, Class: "kind"})
		for _, id := range st.Concepts {
			c := ix.Concepts[id]
			if c == nil {
				continue
			}
			paras = append(paras, render.Para{Text: c.Label.Get(lang), Size: 12, Bold: true, Before: 10, KeepWithNext: true, Class: "concept"})
			if d := strings.TrimSpace(c.Description.Get(lang)); d != "" {
				paras = append(paras, render.Para{Text: d, Before: 3, Class: "description"})
			}
			cites := ix.CitationsOf[id]
			paras = append(paras, render.Para{Text: words.evidence, Size: 9.5, Bold: true, Color: gray, Before: 4, KeepWithNext: len(cites) > 0, Class: "evidence-heading"})
			if len(cites) == 0 {
				paras = append(paras, render.Para{Text: words.none, Size: 9.5, Color: gray, Indent: 12, Class: "evidence"})
			}
			for _, ci := range cites {
				ref := cite(ci)
				if ref == "" {
					continue
				}
				if q := strings.TrimSpace(p.Citations[ci].Quote); q != "" {
					paras = append(paras, render.Para{Text: "«" + q + "»", Size: 9.5, Indent: 12, Before: 3, KeepWithNext: true, Class: "quote"})
					paras = append(paras, render.Para{Text: "— " + ref, Size: 9, Color: gray, Indent: 24, Class: "evidence"})
				} else {
					paras = append(paras, render.Para{Text: ref, Size: 9, Color: gray, Indent: 12, Before: 3, Class: "evidence"})
				}
			}
		}
	}
	// the sources of the relations shown count too
	for _, e := range sc.Edges {
		for _, ci := range ix.CitationsOf[e.RelationID] {
			used[p.Citations[ci].Source] = true
		}
	}
	var sources []model.Source
	for _, s := range p.Sources {
		if used[s.ID] {
			sources = append(sources, s)
		}
	}
	if len(sources) > 0 {
		paras = append(paras, render.Para{Text: words.references, Size: 16, Bold: true, Before: 22, KeepWithNext: true, Class: "heading"})
		for _, e := range biblio.Sort(sources) {
			dir := text.LTR
			if e.Arabic {
				dir = text.RTL
			}
			paras = append(paras, render.Para{Text: e.Format(biblio.Text), Size: 10, Dir: dir, Before: 5, Class: "reference"})
		}
	}
	return paras, sources
}
