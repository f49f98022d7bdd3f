package ui

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// colleagueCopy copies g's project file (as a colleague receives it by
// e-mail) and opens the copy.
func colleagueCopy(t *testing.T, g *gui) (*app.Session, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "colleague.kmap")
	in, err := os.Open(g.ses.Path())
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	in.Close()
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	o, err := app.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return o, path
}

func TestMergeDialogConflictResolvedThenUndone(t *testing.T) {
	g := panelGUI(t, "ar")
	theirs, theirsPath := colleagueCopy(t, g)
	x := g.ses.Project().Concepts[4]

	mine := x
	mine.Label = model.T("تسمية عندي (v1)", "")
	if _, err := g.ses.SaveConcept(mine); err != nil {
		t.Fatal(err)
	}
	their := *theirs.Index().Concepts[x.ID]
	their.Label = model.T("تسمية الزميل (v2)", "")
	if _, err := theirs.SaveConcept(their); err != nil {
		t.Fatal(err)
	}
	added, err := theirs.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("مفهوم أضافه الزميل", "")})
	if err != nil {
		t.Fatal(err)
	}
	theirs.Close()

	md := g.mergeFrom(theirsPath)
	if md == nil {
		t.Fatal("the merge preview failed")
	}
	d := pOverlay(t, g)
	s := pTexts(d)
	if !strings.Contains(s, tr("mg.summary", 1, 0, 0, 1)) {
		t.Fatalf("summary missing:\n%s", s)
	}
	// The resolver shows both values.
	if !strings.Contains(s, "تسمية عندي (v1)") || !strings.Contains(s, "تسمية الزميل (v2)") {
		t.Fatalf("the conflict does not show both labels:\n%s", s)
	}
	r := md.choices[x.ID]
	if r == nil {
		t.Fatalf("no choice for the conflict on %s", x.ID)
	}
	r.SetSelected(tr("mg.theirs"))
	test.Tap(pButton(t, d, tr("mg.do")))
	if res := pTexts(pOverlay(t, g)); !strings.Contains(res, tr("mg.done", 1, 1, 0)) {
		t.Fatalf("result:\n%s", res)
	}
	label := func(p *model.Project, id string) (string, bool) {
		for _, c := range p.Concepts {
			if c.ID == id {
				return c.Label.Get("ar"), true
			}
		}
		return "", false
	}
	disk := pDisk(t, g.ses.Path())
	if l, _ := label(disk, x.ID); l != "تسمية الزميل (v2)" {
		t.Errorf("after the merge the label is %q", l)
	}
	if _, ok := label(disk, added.ID); !ok {
		t.Error("the colleague's new concept was not added")
	}
	if name, _ := g.ses.CanUndo(); name != app.EditMergeFile {
		t.Fatalf("undo offers %q", name)
	}
	// One undo takes the whole merge back.
	g.undo()
	disk = pDisk(t, g.ses.Path())
	if l, _ := label(disk, x.ID); l != "تسمية عندي (v1)" {
		t.Errorf("after undo the label is %q", l)
	}
	if _, ok := label(disk, added.ID); ok {
		t.Error("undo left the colleague's concept")
	}
	g.redo()
	if l, _ := label(pDisk(t, g.ses.Path()), x.ID); l != "تسمية الزميل (v2)" {
		t.Errorf("after redo the label is %q", l)
	}
}

func TestMergeDialogAllMineLeavesNothingOpen(t *testing.T) {
	g := panelGUI(t, "en")
	theirs, theirsPath := colleagueCopy(t, g)
	x := g.ses.Project().Concepts[7]
	mine := x
	mine.Notes = "mine"
	if _, err := g.ses.SaveConcept(mine); err != nil {
		t.Fatal(err)
	}
	their := *theirs.Index().Concepts[x.ID]
	their.Notes = "theirs"
	if _, err := theirs.SaveConcept(their); err != nil {
		t.Fatal(err)
	}
	theirs.Close()
	md := g.mergeFrom(theirsPath)
	test.Tap(pButton(t, pOverlay(t, g), tr("mg.allmine")))
	if md.chosen[x.ID] != store.Mine {
		t.Fatalf("all mine chose %q", md.chosen[x.ID])
	}
	test.Tap(pButton(t, pOverlay(t, g), tr("mg.do")))
	// Settled with mine: the next merge has nothing left to ask.
	again, err := g.ses.PreviewMerge(theirsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(again.Unresolved()); n != 0 {
		t.Errorf("%d conflicts still open after choosing mine", n)
	}
}
