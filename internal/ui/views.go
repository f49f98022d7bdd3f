package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// viewsList is the sidebar's list of views: the built-in "all concepts" and
// the project's views, with buttons to add, edit and delete them.
type viewsList struct {
	g    *gui
	obj  fyne.CanvasObject
	list *keyList
	ids  []string // "" is all concepts
}

func newViewsList(g *gui) *viewsList {
	v := &viewsList{g: g}
	v.list = g.newList(
		func() int { return len(v.ids) },
		func() fyne.CanvasObject {
			name := newBidiText("")
			name.truncate = true
			name.align = alignAuto
			count := newBidiText("")
			count.colorName = theme.ColorNamePlaceHolder
			count.size = theme.CaptionTextSize()
			if rtl() {
				return container.NewBorder(nil, nil, count, nil, name)
			}
			return container.NewBorder(nil, nil, nil, count, name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(v.ids) {
				return
			}
			c := o.(*fyne.Container)
			name, count := c.Objects[0].(*bidiText), c.Objects[1].(*bidiText)
			vw := g.viewByID(v.ids[i])
			name.SetText(vw.Name.Get(uiLang()))
			// The view on the map is in bold and the accent colour (the
			// list keeps no selection, so that a click always opens).
			current := v.ids[i] == g.viewID && g.neigh == ""
			if current != name.bold {
				name.bold = current
				name.colorName = ""
				if current {
					name.colorName = theme.ColorNamePrimary
				}
				name.Refresh()
			}
			p := g.ses.Project()
			count.SetText(strconv.Itoa(len(model.ViewConcepts(p, g.ses.Index(), vw))))
		},
	)
	v.list.OnSelected = func(i widget.ListItemID) {
		v.list.Unselect(i)
		if i < len(v.ids) {
			g.setView(v.ids[i])
		}
	}
	v.list.onKey = func(k *fyne.KeyEvent) bool {
		switch k.Name {
		case fyne.KeyDelete:
			g.deleteCurrentView()
		case fyne.KeyF2:
			g.editCurrentView()
		default:
			return false
		}
		return true
	}
	add := g.tips.button(tr("views.new"), theme.ContentAddIcon(), tr("view.newview"), func() { g.viewDialog("") })
	edit := g.tips.button("", theme.DocumentCreateIcon(), tr("view.editview"), g.editCurrentView)
	del := g.tips.button("", theme.DeleteIcon(), tr("view.delview"), g.deleteCurrentView)
	bar := container.NewHBox(joinDir[fyne.CanvasObject](add, edit, del)...)
	var top fyne.CanvasObject = bar
	if rtl() {
		top = container.NewBorder(nil, nil, nil, bar)
	}
	v.obj = container.NewBorder(top, nil, nil, nil, v.list)
	return v
}

func (v *viewsList) refresh() {
	v.ids = []string{""}
	for _, vw := range v.g.ses.Project().Views {
		v.ids = append(v.ids, vw.ID)
	}
	v.list.Refresh()
}

// viewByID returns a project view, or the built-in view of all concepts for "".
func (g *gui) viewByID(id string) model.View {
	if id != "" && g.ses != nil {
		if v, ok := g.ses.Index().Views[id]; ok {
			return *v
		}
	}
	return model.View{Name: model.T(messages["views.all"][1], messages["views.all"][0])}
}

// currentView is the view the map shows: the chosen view, or the
// neighbourhood of a concept.
func (g *gui) currentView() model.View {
	if g.neigh != "" {
		label := g.conceptLabel(g.neigh)
		return model.View{
			Name:   model.T("جوار "+label, "Neighbourhood of "+label),
			Focus:  g.neigh,
			Depth:  1,
			Layout: model.LayoutSettings{Engine: "dot", Direction: g.defaultDirection()},
		}
	}
	return g.viewByID(g.viewID)
}

// defaultDirection flows maps the way the labels read.
func (g *gui) defaultDirection() string {
	if g.labelLang() == model.Arabic {
		return "RL"
	}
	return "LR"
}

func (g *gui) editCurrentView() {
	if _, ok := g.ses.Index().Views[g.viewID]; ok {
		g.viewDialog(g.viewID)
	}
}

func (g *gui) deleteCurrentView() {
	v, ok := g.ses.Index().Views[g.viewID]
	if !ok {
		return
	}
	id := v.ID
	msg := newBidiWrap(tr("del.view", v.Name.Get(uiLang())) + "\n" + tr("del.undo"))
	g.formDialog(plainKey(tr("view.delview")), tr("dlg.delete"), sized(msg, 380), fyne.Size{}, func() bool {
		if err := g.ses.DeleteView(id); err != nil {
			g.showError(err)
		}
		return true
	})
}

// viewDialog creates (id "") or edits a view: names, kinds, focus and
// depth, layout engine and direction.
func (g *gui) viewDialog(id string) {
	if g.ses == nil {
		return
	}
	p := g.ses.Project()
	var v model.View
	if old, ok := g.ses.Index().Views[id]; ok {
		v = *old
	} else {
		v = model.View{Layout: model.LayoutSettings{Engine: "dot", Direction: g.defaultDirection()}}
	}
	nameAr, nameEn := g.newEntry(), g.newEntry()
	nameAr.SetText(v.Name[model.Arabic])
	nameEn.SetText(v.Name[model.English])
	prevAr := previewFor(nameAr)

	var kindChecks []fyne.CanvasObject
	checks := map[string]*widget.Check{}
	for _, k := range model.SortedKinds(p) {
		c := widget.NewCheck(k.Name.Get(uiLang()), nil)
		for _, x := range v.Kinds {
			if x == k.ID {
				c.SetChecked(true)
			}
		}
		checks[k.ID] = c
		kindChecks = append(kindChecks, c)
	}
	kinds := container.NewGridWithColumns(3, kindChecks...)

	focus := newConceptPicker(g, v.Focus)
	focus.entry.SetPlaceHolder(tr("views.find"))
	useSel := widget.NewButton(tr("views.selected"), func() {
		if g.selConcept != "" {
			focus.set(g.selConcept)
		}
	})
	depth := widget.NewSelect([]string{"1", "2", "3", "4", "5"}, nil)
	d := v.Depth
	if d <= 0 {
		d = 1
	}
	depth.SetSelected(strconv.Itoa(min(d, 5)))
	engine := widget.NewSelect(model.Engines, nil)
	engine.SetSelected(orDefault(v.Layout.Engine, "dot"))
	dirLabels := map[string]string{}
	var dirOpts []string
	for _, d := range model.Directions {
		l := tr("dir." + d)
		dirLabels[l] = d
		dirOpts = append(dirOpts, l)
	}
	direction := widget.NewSelect(dirOpts, nil)
	direction.SetSelected(tr("dir." + orDefault(v.Layout.Direction, "TB")))

	form := newForm(
		formRow(tr("views.name.ar"), container.NewVBox(nameAr, prevAr)),
		formRow(tr("views.name.en"), nameEn),
		formRow(tr("views.kinds"), kinds),
		formRow(tr("views.focus"), container.NewVBox(focus.obj, useSel)),
		formRow(tr("views.depth"), depth),
		formRow(tr("views.engine"), engine),
		formRow(tr("views.dir"), direction),
	)
	title := tr("views.new")
	if id != "" {
		title = tr("views.edit")
	}
	base := g.editBase(app.ViewEntity, v.ID)
	var dlg *dialog.CustomDialog
	dlg = g.formDialog(title, tr("dlg.save"), form, fyne.NewSize(640, 560), func() bool {
		v.Name = model.T(nameAr.Text, nameEn.Text)
		if v.Name.Empty() {
			v.Name = model.T("عرض", "View")
		}
		v.Kinds = nil
		for _, k := range model.SortedKinds(p) {
			if checks[k.ID].Checked {
				v.Kinds = append(v.Kinds, k.ID)
			}
		}
		v.Focus = focus.id
		v.Depth, _ = strconv.Atoi(depth.Selected)
		v.Layout.Engine = engine.Selected
		v.Layout.Direction = dirLabels[direction.Selected]
		return g.saveChecked(&base, func(base string) error {
			saved, err := g.ses.SaveView(v, base)
			if err == nil {
				g.setView(saved.ID)
			}
			return err
		}, func() { dlg.Hide() })
	})
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
