package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

func TestInsightsPanelClickThroughAndShowOnMap(t *testing.T) {
	g := panelGUI(t, "ar")
	p := newInsightsPanel(g)
	pShow(g, p.obj, 420, 900)
	if len(p.items) == 0 {
		t.Fatal("no insights for the sample")
	}
	if got, want := p.info.Text(), tr("ins.counts", 15, 5, 0); !strings.HasPrefix(got, strings.Split(want, "·")[0]) {
		t.Errorf("counts line %q", got)
	}
	// The first item is a gap; tapping it selects its threat.
	gap := p.items[0]
	if gap.Kind != app.InsightGap {
		t.Fatalf("first insight is %s", gap.Kind)
	}
	p.list.Select(0)
	if g.selConcept != gap.Concept || g.ses.Index().Concepts[gap.Concept].Kind != model.KindThreat {
		t.Fatalf("tapping the gap selected %q, want its threat %q", g.selConcept, gap.Concept)
	}
	// The row's map button marks the gap.
	row := p.createRow()
	p.updateRow(0, row)
	_, subj, det, showBtn := insightRowParts(row)
	if subj.Text() != gap.Subject || det.Text() == "" {
		t.Errorf("row shows %q / %q", subj.Text(), det.Text())
	}
	test.Tap(&showBtn.Button)
	h := marksOf(g)
	if h == nil || h.Concepts[0] != gap.Concept {
		t.Fatalf("show on map marked %v", h)
	}
	// Selecting something else drops the marks.
	g.selectConcept(g.ses.Project().Concepts[0].ID, false)
	if marksOf(g) != nil {
		t.Error("marks kept after another selection")
	}

	// Evidence group: a citation without a page opens what it backs.
	p.group.SetSelected(tr("ins.g.evidence"))
	if len(p.items) != 5 {
		t.Fatalf("%d evidence findings, want 5", len(p.items))
	}
	for i, it := range p.items {
		if it.Kind == app.InsightNoLocator {
			p.list.Select(i)
			if g.selConcept == "" {
				t.Error("a citation finding selected nothing")
			}
			break
		}
	}

	// Path between a recommendation and the gap, marked on the map.
	rec := p.res.Report.Coverage.Recommendations[0].ID
	p.showPath(rec, gap.Concept)
	if !p.path.Visible() || !strings.Contains(p.path.Text(), g.conceptLabel(rec)) {
		t.Errorf("path text %q", p.path.Text())
	}
	if h := marksOf(g); h == nil || len(h.Relations) == 0 {
		t.Errorf("the path is not marked: %v", h)
	}

	// An edit refreshes the findings (small project).
	n := len(p.res.Items)
	if _, err := g.ses.SaveConcept(model.Concept{Kind: model.KindConcept, Label: model.T("مفهوم معزول", "")}); err != nil {
		t.Fatal(err)
	}
	if len(p.res.Items) <= n {
		t.Errorf("after adding an isolated concept %d insights, before %d", len(p.res.Items), n)
	}
}
