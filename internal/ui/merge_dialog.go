package ui

import (
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
)

// mergeFileDialog asks for a colleague's copy of the project (a .kmap file)
// and merges it into the open one (File → Merge a colleague's file…).
func (g *gui) mergeFileDialog() {
	if g.ses == nil {
		return
	}
	g.pickFile(tr("fd.merge"), []string{app.FileExt}, func(path string) { g.mergeFrom(path) })
}

// mergeDialog shows what merging a file would do, lets the user settle
// every conflict with their version or the colleague's, and commits the
// merge as one undoable edit.
type mergeDialog struct {
	g       *gui
	path    string
	rep     *app.MergeReport
	choices map[string]*widget.RadioGroup // by conflict id
	chosen  map[string]app.Side           // kept across re-previews
	body    *fyne.Container
	note    *bidiText
	dlg     *dialog.CustomDialog
}

// mergeFrom previews merging path into the open project and shows the
// merge dialog; it returns nil when the preview failed (the error is shown).
func (g *gui) mergeFrom(path string) *mergeDialog {
	rep, err := g.ses.PreviewMerge(path, nil)
	if err != nil {
		if refusalMessage(path, err) != "" {
			g.showOpenError(path, err)
		} else {
			g.showError(err)
		}
		return nil
	}
	m := &mergeDialog{g: g, path: path, rep: rep, chosen: map[string]app.Side{}, body: container.NewVBox()}
	m.note = para("")
	m.note.colorName = theme.ColorNamePrimary
	m.fill()
	m.dlg = g.formDialog(tr("mg.title", filepath.Base(path)), tr("mg.do"), container.NewVScroll(m.body), fyne.NewSize(860, 660), m.commit)
	return m
}

var mergeTypes = []string{"meta", "kind", "concept", "relation", "source", "citation", "view"}

// fill lays out the summary and the conflicts of m.rep.
func (m *mergeDialog) fill() {
	b := m.body
	b.RemoveAll()
	rep := m.rep
	a, u, d, c := rep.Counts()
	if a+u+d+len(rep.Conflicts) == 0 {
		b.Add(para(tr("mg.nothing")))
		b.Refresh()
		return
	}
	head := para(tr("mg.summary", a, u, d, c))
	head.bold = true
	b.Add(head)
	b.Add(m.note)

	// Counts by type: type | added | updated | deleted | conflicts.
	cell := func(s string) fyne.CanvasObject {
		t := newBidiText(s)
		t.align = alignCenter
		return t
	}
	grid := container.NewGridWithColumns(5, joinDir(fyne.CanvasObject(caption("")), cell(tr("mg.added")), cell(tr("mg.updated")),
		cell(tr("mg.deleted")), cell(tr("mg.conflicts")))...)
	for _, typ := range mergeTypes {
		tr_ := rep.Types[typ]
		if tr_ == nil {
			continue
		}
		nc := 0
		for _, x := range rep.Conflicts {
			if x.Entity == typ {
				nc++
			}
		}
		if len(tr_.Added)+len(tr_.Updated)+len(tr_.Deleted)+nc == 0 {
			continue
		}
		name := newBidiText(tr("ent." + typ))
		name.align = alignUI
		for _, o := range joinDir[fyne.CanvasObject](name, cell(strconv.Itoa(len(tr_.Added))), cell(strconv.Itoa(len(tr_.Updated))),
			cell(strconv.Itoa(len(tr_.Deleted))), cell(strconv.Itoa(nc))) {
			grid.Add(o)
		}
	}
	b.Add(grid)

	// What changes, item by item (folded away).
	items := container.NewVBox()
	for _, kind := range []string{"added", "updated", "deleted"} {
		for _, typ := range mergeTypes {
			tr_ := rep.Types[typ]
			if tr_ == nil {
				continue
			}
			list := map[string][]app.MergeItem{"added": tr_.Added, "updated": tr_.Updated, "deleted": tr_.Deleted}[kind]
			for i, it := range list {
				if i == 100 {
					items.Add(caption(tr("del.andmore", len(list)-100)))
					break
				}
				what := caption(tr("mg."+kind) + " · " + tr("ent."+typ))
				label := para(displayArrows(it.Label))
				label.align = alignAuto
				items.Add(container.NewBorder(nil, nil, dirLeft(what), dirRight(what), label))
			}
		}
	}
	if len(items.Objects) > 0 {
		acc := widget.NewAccordion(widget.NewAccordionItem(tr("mg.items"), items))
		b.Add(acc)
	}

	// The conflict resolver.
	m.choices = map[string]*widget.RadioGroup{}
	if len(rep.Conflicts) > 0 {
		b.Add(section(tr("mg.resolve", len(rep.Conflicts))))
		b.Add(caption(tr("mg.resolve.t")))
		mine := widget.NewButton(tr("mg.allmine"), func() { m.setAll(app.Mine) })
		theirs := widget.NewButton(tr("mg.alltheirs"), func() { m.setAll(app.Theirs) })
		b.Add(container.NewHBox(joinDir[fyne.CanvasObject](mine, theirs)...))
	}
	for _, cf := range rep.Conflicts {
		b.Add(m.conflictCard(cf))
	}
	b.Refresh()
}

func (m *mergeDialog) setAll(side app.Side) {
	for id, r := range m.choices {
		r.SetSelected(sideLabel(side))
		m.chosen[id] = side
	}
}

func sideLabel(s app.Side) string {
	if s == app.Theirs {
		return tr("mg.theirs")
	}
	return tr("mg.mine")
}

// conflictCard shows one conflict: what it is about, why, both values of
// every differing field, and the choice.
func (m *mergeDialog) conflictCard(cf app.MergeConflict) fyne.CanvasObject {
	box := container.NewVBox()
	// The label is a paragraph of its own, so it reads in its own direction.
	box.Add(caption(tr("ent." + cf.Entity)))
	title := para(displayArrows(cf.Label))
	title.align = alignAuto
	title.bold = true
	box.Add(title)
	// The store's reason is in English: the Arabic text says it without it.
	why := tr("mg.why." + cf.Kind)
	if uiLang() != "ar" && cf.Reason != "" {
		why += " (" + cf.Reason + ")"
	}
	box.Add(caption(why))
	diffs := make([]fieldDiff, len(cf.Fields))
	for i, f := range cf.Fields {
		diffs[i] = fieldDiff{f.Field, f.Mine, f.Theirs}
	}
	rows := fieldTable(diffs, cf.MineDeleted, cf.TheirsDeleted)
	box.Add(rows)
	if cf.Kind == app.ConflictBlocked {
		box.Add(caption(tr("mg.blocked")))
	} else {
		r := widget.NewRadioGroup([]string{tr("mg.mine"), tr("mg.theirs")}, nil)
		r.Horizontal = true
		id := cf.ID
		if side, ok := m.chosen[id]; ok {
			r.SetSelected(sideLabel(side))
		}
		r.OnChanged = func(s string) {
			switch s {
			case tr("mg.mine"):
				m.chosen[id] = app.Mine
			case tr("mg.theirs"):
				m.chosen[id] = app.Theirs
			default:
				delete(m.chosen, id)
			}
		}
		m.choices[id] = r
		box.Add(container.NewHBox(joinDir[fyne.CanvasObject](r)...))
	}
	bg := canvasCard()
	return container.NewStack(bg, container.NewPadded(box))
}

// displayArrows replaces the arrows of store labels ("A — phrase → B"),
// which the bundled fonts lack, with mirrored arrowheads that point the
// same way in either direction of reading.
func displayArrows(s string) string {
	return strings.NewReplacer("→", "›", "←", "‹").Replace(s)
}

// canvasCard is the background of a card, as citations have in the details.
func canvasCard() fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	return bg
}

// fieldName translates a merge field name ("label.ar", "container_title").
func fieldName(f string) string {
	base, lang, _ := strings.Cut(f, ".")
	name := base
	if k := "fld." + base; tr(k) != k {
		name = tr(k)
	}
	if lang == "ar" || lang == "en" {
		name += " (" + tr("lang."+lang) + ")"
	} else if lang != "" {
		name += " (" + lang + ")"
	}
	return name
}

// commit runs the merge with the chosen sides. A choice can uncover
// conflicts that depend on it: then the dialog shows them and stays open.
func (m *mergeDialog) commit() bool {
	g := m.g
	resolve := map[string]app.Side{}
	for id, s := range m.chosen {
		resolve[id] = s
	}
	probe, err := g.ses.PreviewMerge(m.path, resolve)
	if err != nil {
		g.showError(err)
		return false
	}
	shown := map[string]bool{}
	for _, c := range m.rep.Conflicts {
		shown[c.ID] = true
	}
	fresh := 0
	for _, c := range probe.Unresolved() {
		if !shown[c.ID] && c.Kind != app.ConflictBlocked {
			fresh++
		}
	}
	if fresh > 0 {
		m.rep = probe
		m.fill()
		m.note.SetText(tr("mg.more", fresh))
		return false
	}
	// Hide first: Fyne drops the dialogs shown above one that hides.
	if m.dlg != nil {
		m.dlg.Hide()
	}
	rep, err := g.ses.Merge(m.path, resolve)
	if err != nil {
		g.showError(err)
		return false
	}
	a, u, d, open := rep.Counts()
	msg := tr("mg.done", a, u, d)
	if open > 0 {
		msg += " " + tr("mg.open", open)
	}
	if g.status != nil {
		g.status.flash(msg)
	}
	body := container.NewVBox(para(msg))
	if rep.Written {
		body.Add(caption(tr("del.undo")))
	}
	g.infoDialog(tr("mg.result"), body, fyne.NewSize(560, 0))
	return false
}

// fieldDiff is one field of a record in two states.
type fieldDiff struct{ Field, Mine, Theirs string }

// fieldTable shows two states of a record field by field: the field's name,
// the user's value and the other side's (a deleted side says so).
func fieldTable(fields []fieldDiff, mineDeleted, theirsDeleted bool) *fyne.Container {
	head := func(s string) fyne.CanvasObject {
		t := newBidiText(s)
		t.bold = true
		t.align = alignUI
		return t
	}
	rows := container.NewGridWithColumns(3, joinDir(head(tr("mg.field")), head(tr("mg.mine.v")), head(tr("mg.theirs.v")))...)
	val := func(s string, deleted bool) fyne.CanvasObject {
		if deleted {
			t := para(tr("mg.isdeleted"))
			t.colorName = theme.ColorNameError
			return t
		}
		if s == "" {
			t := para("—")
			t.colorName = theme.ColorNamePlaceHolder
			return t
		}
		return para(s)
	}
	for i, f := range fields {
		if i == 30 {
			rows.Add(caption(tr("del.andmore", len(fields)-30)))
			break
		}
		for _, o := range joinDir(fyne.CanvasObject(caption(fieldName(f.Field))), val(f.Mine, mineDeleted), val(f.Theirs, theirsDeleted)) {
			rows.Add(o)
		}
	}
	if len(fields) == 0 && (mineDeleted || theirsDeleted) {
		for _, o := range joinDir(fyne.CanvasObject(caption("")), val("", mineDeleted), val("", theirsDeleted)) {
			rows.Add(o)
		}
	}
	return rows
}
