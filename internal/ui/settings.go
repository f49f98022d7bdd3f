package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// setLanguage switches the interface language and rebuilds the window
// (the Arabic interface mirrors the layout).
func (g *gui) setLanguage(l string) {
	g.set.Language = l
	g.saveSettings()
	setLang(g.set.UILanguage())
	g.rebuild()
}

// setTheme switches between the system, light and dark themes.
func (g *gui) setTheme(mode string) {
	g.set.Theme = mode
	g.saveSettings()
	g.fa.Settings().SetTheme(khareetaTheme{mode: mode})
	g.rebuild()
}

// settingsDialog edits the interface language, label language and theme.
func (g *gui) settingsDialog() {
	langOpts := []string{tr("set.lang.sys"), "العربية", "English"}
	langVals := []string{"", "ar", "en"}
	lang := widget.NewRadioGroup(langOpts, nil)
	lang.SetSelected(langOpts[indexOf(langVals, g.set.Language)])
	labelOpts := []string{tr("set.labels.p"), "العربية", "English"}
	labels := widget.NewRadioGroup(labelOpts, nil)
	labels.SetSelected(labelOpts[indexOf(langVals, g.set.LabelLanguage)])
	themeVals := []string{app.ThemeSystem, app.ThemeLight, app.ThemeDark}
	themeOpts := []string{tr("theme.system"), tr("theme.light"), tr("theme.dark")}
	th := widget.NewRadioGroup(themeOpts, nil)
	cur := g.set.Theme
	if cur == "" {
		cur = app.ThemeSystem
	}
	th.SetSelected(themeOpts[indexOf(themeVals, cur)])
	lang.Horizontal, labels.Horizontal, th.Horizontal = true, true, true
	form := newForm(
		formRow(tr("set.lang"), lang),
		formRow(tr("set.labels"), labels),
		formRow(tr("set.theme"), th),
	)
	g.formDialog(tr("set.title"), tr("dlg.save"), form, fyne.Size{}, func() bool {
		g.set.Language = langVals[indexOf(langOpts, lang.Selected)]
		g.set.LabelLanguage = langVals[indexOf(labelOpts, labels.Selected)]
		g.set.Theme = themeVals[indexOf(themeOpts, th.Selected)]
		g.saveSettings()
		setLang(g.set.UILanguage())
		g.fa.Settings().SetTheme(khareetaTheme{mode: g.set.Theme})
		g.rebuild()
		return true
	})
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return 0
}

// projectDialog edits the project's title and primary language.
func (g *gui) projectDialog() {
	if g.ses == nil {
		return
	}
	m := g.ses.Project().Meta
	titleAr, titleEn := g.newEntry(), g.newEntry()
	titleAr.SetText(m.Title[model.Arabic])
	titleEn.SetText(m.Title[model.English])
	lang := widget.NewRadioGroup([]string{"العربية", "English"}, nil)
	if m.Language == model.English {
		lang.SetSelected("English")
	} else {
		lang.SetSelected("العربية")
	}
	form := newForm(
		formRow(tr("proj.title.ar"), container.NewVBox(titleAr, previewFor(titleAr))),
		formRow(tr("proj.title.en"), titleEn),
		formRow(tr("proj.lang"), lang),
	)
	g.formDialog(tr("proj.title"), tr("dlg.save"), form, fyne.NewSize(600, 320), func() bool {
		m.Title = model.T(titleAr.Text, titleEn.Text)
		m.Language = model.Arabic
		if lang.Selected == "English" {
			m.Language = model.English
		}
		if err := g.ses.SetMeta(m); err != nil {
			g.showError(err)
		}
		return true
	})
}

// aboutDialog shows the version, what Khareeta is and the font licence.
func (g *gui) aboutDialog() {
	icon := canvas.NewImageFromResource(iconResource)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	name := newBidiText("Khareeta — خريطة")
	name.size = 24
	name.bold = true
	name.align = alignCenter
	ver := newBidiText(tr("about.version", g.ver))
	ver.align = alignCenter
	tag := newBidiWrap(tr("app.tagline"))
	tag.align = alignCenter
	fonts := newBidiWrap(tr("about.fonts"))
	fonts.size = theme.CaptionTextSize()
	fonts.colorName = theme.ColorNamePlaceHolder
	fonts.align = alignCenter
	box := container.NewVBox(container.NewCenter(icon), name, ver, tag, fonts)
	if g.ses != nil {
		f := newBidiWrap(tr("about.file") + " " + ltr(g.ses.Path()))
		f.size = theme.CaptionTextSize()
		f.align = alignCenter
		box.Add(f)
	}
	g.infoDialog(tr("help.about"), sized(box, 440), fyne.Size{})
}

// shortcutsDialog lists the keyboard shortcuts.
func (g *gui) shortcutsDialog() {
	rows := [][2]string{
		{"Ctrl+N", tr("edit.newc")}, {"Ctrl+E / F2", tr("edit.editc")}, {"Ctrl+L", tr("edit.link")},
		{"Ctrl+K", tr("edit.cite")}, {"Delete", tr("edit.delete")}, {"Ctrl+Z", tr("edit.undo")},
		{"Ctrl+Shift+Z / Ctrl+Y", tr("edit.redo")}, {"Ctrl+F", tr("edit.find")},
		{"Enter / Ctrl+Enter", tr("sc.enter")}, {"Esc", tr("sc.escape")}, {"Alt+←", tr("view.back")},
		{"← ↑ → ↓  + −", tr("sc.mapkeys")},
		{"Ctrl+= / Ctrl+-", tr("view.zoomin") + " / " + tr("view.zoomout")}, {"Ctrl+0", tr("view.fit")},
		{"Ctrl+1", tr("view.actual")}, {"Ctrl+P", tr("file.export")}, {"Ctrl+O", tr("file.open")},
		{"Ctrl+Shift+N", tr("file.new")}, {"Ctrl+Shift+S", tr("file.copy")}, {"Ctrl+W", tr("file.close")},
		{"Ctrl+,", tr("edit.settings")}, {"Ctrl+Q", tr("file.quit")},
	}
	var form []row
	for _, r := range rows {
		k := newBidiText(r[0])
		k.bold = true
		form = append(form, row{label: k, field: newBidiText(plainKey(r[1]))})
	}
	g.infoDialog(tr("help.shortcuts"), newForm(form...), fyne.Size{})
}
