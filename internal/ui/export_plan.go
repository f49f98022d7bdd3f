package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// buildOffer makes what the dialog offers when the view cannot be read on
// one sheet: split it into pages, show only some kinds, or one concept's
// neighbourhood (with a button that keeps that as a view). Cancel is the
// dialog's own button.
func (f *exportForm) buildOffer() {
	f.choice = widget.NewRadioGroup([]string{tr("exp.offer.split"), tr("exp.offer.kinds"), tr("exp.offer.neigh")}, func(string) {
		f.showChoice()
		f.replanNarrow()
	})
	f.kindBox = container.NewVBox()
	f.focus = widget.NewSelect(nil, func(string) { f.replanNarrow() })
	f.saveView = widget.NewButtonWithIcon(tr("exp.offer.saveview"), theme.ContentAddIcon(), f.saveAsView)
	head := para(tr("exp.offer.head"))
	head.bold = true
	f.offer = container.NewVBox(head, f.choice, f.kindBox, f.focus, f.saveView)
	f.offer.Hide()
	f.kindBox.Hide()
	f.focus.Hide()
	f.saveView.Hide()
}

// resetOffer forgets the choice made for another view or target.
func (f *exportForm) resetOffer() {
	f.base, f.res = nil, nil
	f.choice.Selected = ""
	f.choice.Refresh()
	f.kindIDs, f.kindCheck = nil, nil
	f.kindBox.Objects = nil
	f.focusIDs = nil
	f.focus.Options = nil
	f.focus.ClearSelected()
	f.showChoice()
	f.offer.Hide()
}

func (f *exportForm) choiceIndex() int {
	for i, o := range f.choice.Options {
		if o == f.choice.Selected {
			return i
		}
	}
	return -1
}

// showChoice shows the fields of the chosen way out.
func (f *exportForm) showChoice() {
	c := f.choiceIndex()
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(f.kindBox, c == choiceKinds)
	show(f.focus, c == choiceNeigh)
	show(f.saveView, c == choiceKinds || c == choiceNeigh)
}

// chosenKinds lists the kinds ticked.
func (f *exportForm) chosenKinds() []string {
	var ks []string
	for i, c := range f.kindCheck {
		if c.Checked {
			ks = append(ks, f.kindIDs[i])
		}
	}
	return ks
}

// fillOffer lists the kinds and the concepts of the view as planned.
func (f *exportForm) fillOffer() {
	g := f.g
	if f.base == nil || len(f.kindIDs) > 0 {
		return
	}
	kinds, count := f.base.KindsShown()
	order := map[string]int{}
	for i, k := range model.SortedKinds(g.ses.Project()) {
		order[k.ID] = i
	}
	sortBy(kinds, func(k string) int { return order[k] })
	f.kindIDs = kinds
	f.kindBox.Objects = nil
	for _, k := range kinds {
		c := widget.NewCheck(tr("exp.offer.kind", g.kindName(k), count[k]), func(bool) { f.replanNarrow() })
		f.kindCheck = append(f.kindCheck, c)
		f.kindBox.Add(c)
	}
	f.focusIDs = f.base.ConceptsShown()
	labels := make([]string, len(f.focusIDs))
	for i, id := range f.focusIDs {
		labels[i] = g.conceptLabel(id)
	}
	f.focus.Options = labels
	f.focus.PlaceHolder = tr("exp.offer.pick")
	f.focus.Refresh()
}

// sortBy sorts xs by key, stably.
func sortBy(xs []string, key func(string) int) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && key(xs[j]) < key(xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// replan lays the view out for the target off the window's goroutine and
// shows the plan; a plan asked for later replaces one still running.
func (f *exportForm) replan() {
	f.base = nil
	f.replanNarrow()
}

// replanNarrow plans again what the offer's choice narrows the view to,
// keeping the plan of the view itself.
func (f *exportForm) replanNarrow() {
	g := f.g
	f.updateCmd()
	f.gen++
	gen := f.gen
	if f.formatName() == "SVG" {
		f.planProg.Hide()
		f.plan.SetText(tr("exp.plan.svg"))
		f.offer.Hide()
		f.res, f.planErr = nil, nil
		f.refreshButtons()
		return
	}
	base := f.options(false)
	narrow := f.options(true)
	choice := f.choiceIndex()
	if f.cancel != nil {
		f.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.planProg.Show()
	f.planProg.Start()
	f.plan.SetText(tr("exp.plan.working"))
	f.exportBtn.Disable()
	p := g.ses.Snapshot()
	haveBase := f.base
	f.g.runAsync(func() {
		b, err := haveBase, error(nil)
		if b == nil {
			b, err = app.PlanFit(ctx, p, withSplit(base))
		}
		r := b
		if err == nil && choice >= 0 && b.Split {
			if choice == choiceSplit {
				r = b
			} else if narrowOK(narrow) {
				r, err = app.PlanFit(ctx, p, withSplit(narrow))
			} else {
				r = nil
			}
		}
		g.do(func() {
			if gen != f.gen {
				return
			}
			f.planProg.Stop()
			f.planProg.Hide()
			f.base, f.res, f.planErr = b, r, err
			if err != nil {
				f.base, f.res = nil, nil
			}
			f.showPlan()
		})
	})
}

// withSplit plans a split rather than failing, so the plan can say how
// many pages it would take.
func withSplit(o app.ExportOptions) app.ExportOptions {
	o.NoSplit = false
	return o
}

// narrowOK reports whether the narrowing chosen names something to draw.
func narrowOK(o app.ExportOptions) bool { return len(o.Kinds) > 0 || o.Focus != "" }

// showPlan writes the plan: the size and pages, the smallest label, and
// when the view cannot be read on one sheet, why and what can be done.
func (f *exportForm) showPlan() {
	defer f.refreshButtons()
	if f.planErr != nil {
		f.plan.SetText(tr("exp.plan.error", f.planErr.Error()))
		f.offer.Hide()
		return
	}
	if f.base == nil {
		return
	}
	b := f.base.Plan()
	if b.Readable {
		f.offer.Hide()
		f.plan.SetText(planFits(b, f.formatName()))
		return
	}
	f.fillOffer()
	f.offer.Show()
	lines := []string{tr("exp.plan.toosmall", targetName(b.Target), b.MinText, b.MinTextPx, b.Need, ltr(b.Minimum))}
	switch c := f.choiceIndex(); {
	case c == choiceSplit:
		if f.formatName() == "PDF" {
			lines = append(lines, tr("exp.plan.splitpdf", b.Sheets-1, b.PageCols, b.PageRows, b.PageMinText, b.Sheets))
		} else {
			files := app.SheetFiles(f.file.Text, b.Sheets)
			lines = append(lines, tr("exp.plan.splitpng", b.Sheets-1, b.PageCols, b.PageRows, b.PageMinText,
				ltr(filepath.Base(files[0])), ltr(filepath.Base(files[len(files)-1]))))
		}
	case c >= 0 && f.res == nil:
		lines = append(lines, tr("exp.plan.pick"))
	case c >= 0:
		r := f.res.Plan()
		if r.Readable {
			lines = append(lines, tr("exp.plan.narrowed", r.Concepts)+" "+planFits(r, f.formatName()))
		} else {
			lines = append(lines, tr("exp.plan.stilltoo", r.Concepts, r.MinText, r.Need))
		}
	default:
		lines = append(lines, tr("exp.plan.choose"))
	}
	f.plan.SetText(strings.Join(lines, "\n"))
}

// planFits describes a plan that can be read on one sheet.
func planFits(pl app.FitPlan, format string) string {
	size := fmt.Sprintf("%d×%d px", pl.WidthPx, pl.HeightPx)
	if format == "PDF" || !pl.Screen {
		size = fmt.Sprintf("%.0f×%.0f mm", pl.WidthMM, pl.HeightMM)
		if format == "PNG" {
			size += fmt.Sprintf(" (%d×%d px)", pl.WidthPx, pl.HeightPx)
		}
	}
	if format == "PDF" {
		return tr("exp.plan.fitspaper", targetName(pl.Target), ltr(size), pl.Concepts, pl.MinText, pl.Need)
	}
	return tr("exp.plan.fits", targetName(pl.Target), ltr(size), pl.Concepts, pl.MinText, pl.MinTextPx, pl.Need)
}

// targetName is a target's name in the interface language.
func targetName(t string) string {
	if strings.HasPrefix(t, "width=") {
		return tr("tg.width", strings.TrimPrefix(t, "width="))
	}
	return tr("tg." + t)
}

// canExport reports whether what the dialog would write can be read:
// the view fits, a split is chosen, or a narrowing fits.
func (f *exportForm) canExport() bool {
	if f.formatName() == "SVG" {
		return true
	}
	if f.base == nil || f.planErr != nil {
		return false
	}
	if !f.base.Split {
		return true
	}
	switch f.choiceIndex() {
	case choiceSplit:
		return true
	case choiceKinds, choiceNeigh:
		return f.res != nil && !f.res.Split
	}
	return false
}

func (f *exportForm) refreshButtons() {
	if f.canExport() {
		f.exportBtn.Enable()
	} else {
		f.exportBtn.Disable()
	}
	f.updateCmd()
}

// saveAsView keeps the narrowing chosen as a view of the project (one
// undoable edit) and chooses it in the dialog.
func (f *exportForm) saveAsView() {
	g := f.g
	o := f.options(true)
	if !narrowOK(o) {
		return
	}
	base := f.viewTitle()
	v := model.View{Layout: g.currentView().Layout}
	if len(o.Kinds) > 0 {
		shown := map[string]bool{}
		for _, k := range o.Kinds {
			shown[k] = true
		}
		var names []string
		for _, k := range o.Kinds {
			names = append(names, g.kindName(k))
		}
		for _, n := range f.base.Scene.Nodes {
			if shown[n.Kind] {
				v.Concepts = append(v.Concepts, n.ConceptID)
			}
		}
		v.Name = nameIn(g.labelLang(), base+" — "+strings.Join(names, "، "))
	} else {
		v.Focus, v.Depth = o.Focus, 1
		v.Name = nameIn(g.labelLang(), tr("exp.offer.neighname", g.conceptLabel(o.Focus)))
	}
	saved, err := g.ses.SaveView(v)
	if err != nil {
		g.showError(err)
		return
	}
	// the new view is chosen; its plan is made afresh
	f.viewIDs = append(f.viewIDs, saved.ID)
	f.view.Options = append(f.view.Options, saved.Name.Get(g.labelLang()))
	f.view.SetSelectedIndex(len(f.viewIDs) - 1)
	g.status.flash(tr("exp.offer.saved", saved.Name.Get(g.labelLang())))
}

// nameIn is a name in one language of the project.
func nameIn(lang, s string) model.Text {
	if lang == model.English {
		return model.T("", s)
	}
	return model.T(s, "")
}
