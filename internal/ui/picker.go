package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/model"
)

// searchPicker chooses one record by typing part of its name: the one
// picker of the forms (a relation's target, a view's focus, a path's ends,
// a citation's source). What it searches and how a row reads come from its
// maker.
type searchPicker struct {
	g        *gui
	obj      fyne.CanvasObject
	entry    *keyEntry
	chosen   *bidiText
	list     *keyList
	listBox  *fyne.Container
	hits     []string
	id       string
	exclude  string                  // never offered (a relation's own start)
	onChange func(id string)         // after every choice
	find     func(q string) []string // the ids matching q, best first
	row      func(id string) string  // one line of the list
	name     func(id string) string  // the chosen record; id "" too
	always   bool                    // the list stays shown when nothing is typed
}

// pickerSpec is what a picker searches and how it shows it.
type pickerSpec struct {
	placeholder string
	find        func(q string) []string
	row, name   func(id string) string
	clearable   bool      // a button chooses nothing
	always      bool      // list shown with an empty query (the query "" finds all)
	listSize    fyne.Size // the list's area
	chosen      *bidiText // how the choice is shown (one line or wrapped)
}

func newSearchPicker(g *gui, id string, spec pickerSpec) *searchPicker {
	p := &searchPicker{g: g, find: spec.find, row: spec.row, name: spec.name, always: spec.always, chosen: spec.chosen}
	p.entry = g.newEntry()
	p.entry.SetPlaceHolder(spec.placeholder)
	p.chosen.bold = true
	p.chosen.align = alignAuto
	p.list = g.newList(func() int { return len(p.hits) },
		func() fyne.CanvasObject {
			t := newBidiText("")
			t.truncate = true
			t.align = alignAuto
			return t
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.hits) {
				o.(*bidiText).SetText(p.row(p.hits[i]))
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.hits) {
			p.set(p.hits[i])
		}
		p.list.UnselectAll()
		p.entry.SetText("") // done: the query goes away
	}
	p.entry.OnChanged = p.apply
	p.entry.OnSubmitted = func(string) {
		if len(p.hits) > 0 {
			p.set(p.hits[0])
			p.entry.SetText("")
		}
	}
	chosenRow := fyne.CanvasObject(p.chosen)
	if spec.clearable {
		clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { p.set("") })
		clear.Importance = widget.LowImportance
		if rtl() {
			chosenRow = container.NewBorder(nil, nil, clear, nil, p.chosen)
		} else {
			chosenRow = container.NewBorder(nil, nil, nil, clear, p.chosen)
		}
	}
	p.listBox = container.NewGridWrap(spec.listSize, p.list)
	p.obj = container.NewVBox(chosenRow, p.entry, previewFor(p.entry), p.listBox)
	p.apply("")
	p.set(id)
	return p
}

// apply lists what matches q.
func (p *searchPicker) apply(q string) {
	p.hits = p.hits[:0]
	if q != "" || p.always {
		for _, id := range p.find(q) {
			if id != p.exclude {
				p.hits = append(p.hits, id)
			}
		}
	}
	p.list.Refresh()
	if len(p.hits) > 0 || p.always {
		p.listBox.Show()
	} else {
		p.listBox.Hide()
	}
}

func (p *searchPicker) set(id string) {
	p.id = id
	p.chosen.SetText(p.name(id))
	if p.onChange != nil {
		p.onChange(id)
	}
}

// newConceptPicker chooses a concept by typing part of its label (the
// project's search: labels in every language, folded).
func newConceptPicker(g *gui, id string) *searchPicker {
	return newSearchPicker(g, id, pickerSpec{
		placeholder: tr("rel.search"),
		find: func(q string) []string {
			hits, _ := g.ses.Search(q, 30)
			return hits
		},
		row: func(id string) string {
			return g.conceptLabel(id) + "  ·  " + g.kindName(g.ses.Index().Concepts[id].Kind)
		},
		name: func(id string) string {
			if id == "" {
				return tr("views.nofocus")
			}
			return g.conceptLabel(id)
		},
		clearable: true,
		listSize:  fyne.NewSize(420, 150),
		chosen:    newBidiText(""),
	})
}

// newSourcePicker chooses a source by typing part of its title, authors or
// year; with nothing typed it lists them all.
func newSourcePicker(g *gui, id string) *searchPicker {
	return newSearchPicker(g, id, pickerSpec{
		placeholder: tr("cit.search"),
		find: func(q string) []string {
			q = model.Fold(q)
			var ids []string
			for _, s := range g.ses.Project().Sources {
				hay := s.Title + " " + s.Issued
				for _, a := range s.Authors {
					hay += " " + a.String()
				}
				if q == "" || strings.Contains(model.Fold(hay), q) {
					ids = append(ids, s.ID)
				}
			}
			return ids
		},
		row: func(id string) string {
			s := g.ses.Index().Sources[id]
			return sourceShort(s) + " — " + s.Title
		},
		name: func(id string) string {
			if s, ok := g.ses.Index().Sources[id]; ok {
				return sourceShort(s) + " — " + s.Title
			}
			return "—"
		},
		always:   true,
		listSize: fyne.NewSize(460, 170),
		chosen:   newBidiWrap(""),
	})
}
