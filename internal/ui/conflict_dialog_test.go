package ui

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"

	_ "modernc.org/sqlite"
)

// editBehindTheBack changes a concept's Arabic description with another
// connection to the file, as the command line or a second window would.
func editBehindTheBack(t *testing.T, path, id, desc string) {
	t.Helper()
	other, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	err = other.Update(func(tx *store.Tx) error {
		v, err := tx.Get(model.EntityConcept, id)
		if err != nil {
			return err
		}
		c := v.(model.Concept)
		c.Description = c.Description.Clone()
		c.Description[model.Arabic] = desc
		return tx.PutConcept(c)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEditorConflictShowsBoth opens the concept editor, lets another program
// change the same concept, and saves: nothing is overwritten until the user
// has seen both versions and chosen (issue 14, case 5).
func TestEditorConflictShowsBoth(t *testing.T) {
	for _, tc := range []struct {
		name     string
		reload   bool   // the app noticed the other program before the save
		choice   string // the button pressed in the conflict dialog
		wantMine bool
	}{
		{"keep theirs", true, "cf.theirs", false},
		{"mine over theirs", true, "cf.mine", true},
		{"not yet noticed, keep theirs", false, "cf.theirs", false},
		{"back to the edit, then theirs", true, "cf.back", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newTestGUI(t)
			var id string
			for _, c := range g.ses.Project().Concepts {
				if c.Description[model.Arabic] != "" {
					id = c.ID
					break
				}
			}
			g.conceptDialog(id)
			dlg := topDialog(t, g)
			es := entries(dlg)
			es[0].SetText("تسمية من الحوار")

			editBehindTheBack(t, g.ses.Path(), id, "وصف من سطر الأوامر")
			if tc.reload {
				ch, err := g.ses.CheckExternal()
				if err != nil || ch != app.FileChanged {
					t.Fatalf("change not noticed: %v %v", ch, err)
				}
				g.onExternal(g.ses, ch)
			}
			tapButton(t, dlg, tr("dlg.save"))

			cf := topDialog(t, g)
			if cf == dlg {
				t.Fatal("the save went through: no conflict shown")
			}
			if !strings.Contains(pTexts(cf), "وصف من سطر الأوامر") {
				t.Error("the conflict does not show the other program's description")
			}
			if c := diskConcept(t, g.ses.Path(), id); c.Description[model.Arabic] != "وصف من سطر الأوامر" || c.Label[model.Arabic] == "تسمية من الحوار" {
				t.Fatalf("written before the user chose: %v / %v", c.Label, c.Description)
			}
			tapButton(t, cf, tr(tc.choice))
			if tc.choice == "cf.back" {
				if topDialog(t, g) != dlg {
					t.Fatal("back to the edit: the editor is not on top")
				}
				tapButton(t, dlg, tr("dlg.save"))
				tapButton(t, topDialog(t, g), tr("cf.theirs"))
			}
			if top := g.win.Canvas().Overlays().Top(); top != nil {
				t.Fatalf("a dialog is still open after choosing %s", tc.choice)
			}
			c := diskConcept(t, g.ses.Path(), id)
			gotMine := c.Label[model.Arabic] == "تسمية من الحوار"
			if gotMine != tc.wantMine {
				t.Fatalf("label on disk %q: want mine=%v", c.Label[model.Arabic], tc.wantMine)
			}
			if !tc.wantMine && c.Description[model.Arabic] != "وصف من سطر الأوامر" {
				t.Fatalf("their description lost: %q", c.Description[model.Arabic])
			}
			if got := g.ses.Index().Concepts[id].Label[model.Arabic]; got != c.Label[model.Arabic] {
				t.Fatalf("the app shows %q, the file holds %q", got, c.Label[model.Arabic])
			}
		})
	}
}

func diskConcept(t *testing.T, path, id string) model.Concept {
	t.Helper()
	for _, c := range diskProject(t, path).Concepts {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("concept %s not in the file", id)
	return model.Concept{}
}

// TestReadOnlyFileSaysSo opens a file another program broke (a kind's
// colour is not a colour): the window says it is read-only and why, and an
// edit is refused with that reason, nothing written.
func TestReadOnlyFileSaysSo(t *testing.T) {
	first := newTestGUI(t)
	path := first.ses.Path()
	first.closeSession()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE kinds SET color = 'notacolor' WHERE id = 'actor'`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	g := newTestGUIOn(t, path)
	if ro, _ := g.ses.ReadOnly(); !ro {
		t.Fatal("the broken file opened for writing")
	}
	if !strings.Contains(g.win.Title(), tr("ro.title.mark")) {
		t.Errorf("title %q does not say read-only", g.win.Title())
	}
	if !strings.Contains(g.status.file.Text(), tr("ro.status")) {
		t.Errorf("status %q does not say read-only", g.status.file.Text())
	}
	notice := topDialog(t, g)
	if !strings.Contains(pTexts(notice), "notacolor") {
		t.Errorf("the notice does not give the reason: %q", pTexts(notice))
	}
	tapButton(t, notice, tr("dlg.close"))

	var id string
	for _, c := range g.ses.Project().Concepts {
		id = c.ID
		break
	}
	g.conceptDialog(id)
	dlg := topDialog(t, g)
	entries(dlg)[0].SetText("لن يُحفظ")
	tapButton(t, dlg, tr("dlg.save"))
	if msg := pTexts(topDialog(t, g)); !strings.Contains(msg, "notacolor") || !strings.Contains(msg, "read-only") {
		t.Errorf("the refusal does not say why: %q", msg)
	}
	if c := diskConcept(t, path, id); c.Label[model.Arabic] == "لن يُحفظ" {
		t.Fatal("written to a read-only file")
	}
}
