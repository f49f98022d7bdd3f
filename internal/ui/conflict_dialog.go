package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// An editor (a dialog on one record) remembers the version of the record it
// opened on and saves against it. When someone else (another program, a
// colleague's copy put in place, the command line) changed or deleted the
// record meanwhile, the session refuses the save with a *app.ConflictError
// and writes nothing; saveChecked then shows both versions and lets the user
// choose. Nothing is ever overwritten without being shown.

// editBase is the version of the record an editor opened on ("" for a new
// record: nobody else can have it).
func (g *gui) editBase(kind app.EntityKind, id string) string {
	if id == "" {
		return ""
	}
	return g.ses.VersionOf(app.Ref{Kind: kind, ID: id})
}

// saveChecked runs save against *base. It returns whether the editor may
// close. On a conflict it shows the conflict and returns false: choosing to
// overwrite saves again against the version now in the file (and closes the
// editor through closeEditor), keeping theirs closes the editor without
// saving, going back leaves the editor open as it was.
func (g *gui) saveChecked(base *string, save func(base string) error, closeEditor func()) bool {
	err := save(*base)
	var ce *app.ConflictError
	switch {
	case err == nil:
		return true
	case errors.As(err, &ce):
		g.conflictDialog(ce, func() {
			*base = ce.Current
			if err := save(*base); err != nil {
				g.showError(err)
				return
			}
			closeEditor()
		}, closeEditor)
	default:
		g.showError(err)
	}
	return false
}

// conflictDialog shows what someone else did to the record the user is
// saving, their version beside the user's, field by field.
func (g *gui) conflictDialog(ce *app.ConflictError, overwrite, keepTheirs func()) {
	ix := g.ses.Index()
	find := func(t model.EntityType, id string) model.Entity {
		switch t {
		case model.EntityConcept:
			if c := ix.Concepts[id]; c != nil {
				return *c
			}
		case model.EntitySource:
			if s := ix.Sources[id]; s != nil {
				return *s
			}
		case model.EntityView:
			if v := ix.Views[id]; v != nil {
				return *v
			}
		}
		return nil
	}
	name := ""
	for _, st := range []model.Entity{ce.Mine, ce.Theirs} {
		if st != nil && name == "" {
			name = model.Describe(st, g.labelLang(), find)
		}
	}
	deleted := ce.Theirs == nil
	msg := tr("cf.changed", name)
	if deleted {
		msg = tr("cf.deleted", name)
	}
	head := newBidiWrap(displayArrows(msg))
	head.align = alignUI
	body := container.NewVBox(head, widget.NewSeparator(), fieldTable(diffFields(ce.Mine, ce.Theirs), ce.Mine == nil, deleted))
	var d *dialog.CustomDialog
	mineLabel := tr("cf.mine")
	if deleted {
		mineLabel = tr("cf.restore")
	}
	mine := widget.NewButtonWithIcon(mineLabel, theme.DocumentSaveIcon(), func() { d.Hide(); overwrite() })
	mine.Importance = widget.HighImportance
	theirs := widget.NewButtonWithIcon(tr("cf.theirs"), theme.ContentUndoIcon(), func() { d.Hide(); keepTheirs() })
	back := widget.NewButtonWithIcon(tr("cf.back"), theme.NavigateBackIcon(), func() { d.Hide() })
	d = g.newDialog(tr("cf.title"), container.NewVScroll(body))
	g.topDialog().buttons["cancel"] = back
	g.topDialog().buttons["confirm"] = mine
	d.SetButtons(joinDir[fyne.CanvasObject](back, theirs, mine))
	d.Show()
	d.Resize(fyne.NewSize(720, 460))
}

// diffFields lists the fields whose values differ between two states of a
// record (a missing state has none).
func diffFields(mine, theirs model.Entity) []fieldDiff {
	values := func(e model.Entity) ([]string, map[string]string) {
		if e == nil {
			return nil, nil
		}
		var order []string
		m := map[string]string{}
		for _, f := range model.Fields(e) {
			order = append(order, f.Name)
			m[f.Name] = f.Value
		}
		return order, m
	}
	mo, mv := values(mine)
	to, tv := values(theirs)
	var out []fieldDiff
	seen := map[string]bool{}
	for _, name := range append(mo, to...) {
		if seen[name] {
			continue
		}
		seen[name] = true
		if mv[name] != tv[name] {
			out = append(out, fieldDiff{name, mv[name], tv[name]})
		}
	}
	return out
}
