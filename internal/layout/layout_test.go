package layout

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
	"github.com/khareeta/khareeta/internal/text"
)

// shapesProject has one kind per shape, awkward labels, a self-loop, a
// cycle and parallel relations.
func shapesProject() *model.Project {
	p := &model.Project{Meta: model.Meta{Language: "ar"}}
	labels := []string{
		"الأمن المجتمعي (UNDP, 2016)",
		"تعدد مصادر القرار وتفاوت مستويات التدريب وغياب التنسيق في المؤسسة الأمنية",
		"Community security",
		"ئاسایشی کۆمەڵایەتی",
		"امنیت اجتماعی پایدار",
		"😀 emoji 👩‍👩‍👧",
		"ctrl\x00\x1b\u202Eoverride\u202C",
		strings.Repeat("نص طويل جدا ", 420),
		"لا",
		"",
		"x",
	}
	for i, shape := range model.Shapes {
		k := model.Kind{ID: "k-" + shape, Name: model.T("نوع "+shape, "kind "+shape), Color: fmt.Sprintf("#%02x%02xc0", 80+i*15, 200-i*10), Shape: shape, Order: i}
		p.Kinds = append(p.Kinds, k)
		for j := 0; j < 2; j++ {
			id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i*2+j)
			l := labels[(i*2+j)%len(labels)]
			p.Concepts = append(p.Concepts, model.Concept{ID: id, Kind: k.ID, Label: model.T(l, fmt.Sprintf("concept %s %d", shape, j))})
		}
	}
	n := len(p.Concepts)
	rel := func(a, b int, typ string) {
		p.Relations = append(p.Relations, model.Relation{
			ID: fmt.Sprintf("10000000-0000-4000-8000-%012d", len(p.Relations)), From: p.Concepts[a].ID, To: p.Concepts[b].ID, Type: typ,
		})
	}
	for i := 0; i+1 < n; i++ {
		rel(i, i+1, []string{"weakens", "supports", "causes", "related-to"}[i%4])
	}
	rel(n-1, 0, "causes") // closes a cycle
	rel(3, 3, "strengthens")
	rel(1, 2, "threatens") // parallel to 1→2
	rel(5, 9, "unknown-type")
	return p
}

// checkGeometry tests the promises of a scene: labels inside their nodes,
// nodes apart, edges from border to border.
func checkGeometry(t *testing.T, name string, sc *Scene, labelsOffNodes bool) {
	t.Helper()
	// Graphviz clips edges at node borders; at the sharp corners of
	// diamonds its clip lands up to about 3 points off the outline.
	const tol = 3.5
	for i := range sc.Nodes {
		n := &sc.Nodes[i]
		if len(n.Outline) == 0 {
			t.Errorf("%s: node %d has no outline", name, i)
			continue
		}
		lr := n.LabelRect.Inset(0.5)
		if !n.Rect.ContainsRect(lr, 0.5) {
			t.Errorf("%s: node %d (%s) label %v outside its box %v", name, i, n.Shape, n.LabelRect, n.Rect)
		}
		for _, c := range []text.Point{lr.Min, lr.Max, {X: lr.Min.X, Y: lr.Max.Y}, {X: lr.Max.X, Y: lr.Min.Y}} {
			if !InsideOutline(n, c) {
				t.Errorf("%s: node %d (%s): label corner %v outside the shape", name, i, n.Shape, c)
				break
			}
		}
	}
	for i := range sc.Nodes {
		for j := i + 1; j < len(sc.Nodes); j++ {
			if outlinesOverlap(&sc.Nodes[i], &sc.Nodes[j]) {
				t.Errorf("%s: nodes %d (%s) and %d (%s) overlap: %v %v", name, i, sc.Nodes[i].Shape, j, sc.Nodes[j].Shape, sc.Nodes[i].Rect, sc.Nodes[j].Rect)
			}
		}
	}
	for i := range sc.Edges {
		e := &sc.Edges[i]
		from, to := sc.NodeByID(e.From), sc.NodeByID(e.To)
		if from < 0 || to < 0 {
			t.Errorf("%s: edge %d joins unknown nodes", name, i)
			continue
		}
		if len(e.Path) == 0 {
			t.Errorf("%s: edge %d has no path", name, i)
			continue
		}
		start := e.Path[0].P[0]
		if d := DistToOutline(&sc.Nodes[from], start); d > tol {
			t.Errorf("%s: edge %d starts %.2f pt from its tail's border", name, i, d)
		}
		if d := DistToOutline(&sc.Nodes[to], e.Tip); d > tol {
			t.Errorf("%s: edge %d ends %.2f pt from its head's border", name, i, d)
		}
		if len(e.Arrow) == 0 {
			t.Errorf("%s: edge %d has no arrowhead", name, i)
		}
		if labelsOffNodes && e.Label != nil {
			for j := range sc.Nodes {
				if sc.Nodes[j].Rect.Inset(1).Overlaps(e.LabelRect.Inset(1)) {
					t.Errorf("%s: label of edge %d overlaps node %d", name, i, j)
				}
			}
		}
	}
	all := text.RectXYWH(0, 0, sc.Width, sc.Height)
	for i := range sc.Nodes {
		if !all.ContainsRect(sc.Nodes[i].Rect, 0.5) {
			t.Errorf("%s: node %d outside the scene", name, i)
		}
	}
}

// outlinesOverlap reports whether two node shapes share area.
func outlinesOverlap(a, b *Node) bool {
	if !a.Rect.Overlaps(b.Rect) {
		return false
	}
	pa, pb := a.Outline.Flatten(0.5), b.Outline.Flatten(0.5)
	for _, p := range pa {
		for _, q := range p {
			if insidePath(b.Outline, q) && distToPath(b.Outline, q) > 0.5 {
				return true
			}
		}
	}
	for _, p := range pb {
		for _, q := range p {
			if insidePath(a.Outline, q) && distToPath(a.Outline, q) > 0.5 {
				return true
			}
		}
	}
	for _, p := range pa {
		for _, q := range pb {
			for i := 0; i+1 < len(p); i++ {
				for j := 0; j+1 < len(q); j++ {
					if properCross(p[i], p[i+1], q[j], q[j+1]) {
						return true
					}
				}
			}
		}
	}
	return false
}

func properCross(a, b, c, d text.Point) bool {
	d1, d2 := cross(a, b, c), cross(a, b, d)
	d3, d4 := cross(c, d, a), cross(c, d, b)
	const eps = 1e-3
	return (d1 > eps && d2 < -eps || d1 < -eps && d2 > eps) && (d3 > eps && d4 < -eps || d3 < -eps && d4 > eps)
}

func TestGeometryAllShapesAndEngines(t *testing.T) {
	p := shapesProject()
	for _, eng := range model.Engines {
		dirs := []string{"TB"}
		if eng == "dot" {
			dirs = model.Directions
		}
		for _, dir := range dirs {
			name := eng + "/" + dir
			sc, err := Build(context.Background(), p, model.View{}, Engine(eng), Direction(dir), Legend(true), Title("خريطة الاختبار"))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(sc.Nodes) != len(p.Concepts) || len(sc.Edges) != len(p.Relations) {
				t.Fatalf("%s: %d nodes, %d edges; want %d, %d", name, len(sc.Nodes), len(sc.Edges), len(p.Concepts), len(p.Relations))
			}
			checkGeometry(t, name, sc, eng == "dot")
		}
	}
}

func TestGeometrySampleViews(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range p.Views {
		for _, lang := range []string{"ar", "en"} {
			name := v.Name.Get("en") + "/" + lang
			sc, err := Build(context.Background(), p, v, Lang(lang), Legend(true),
				CitedSources("", func(cs, rs []string) []string { return CitedSourceLines(p, cs, rs) }))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(sc.Nodes) == 0 {
				t.Errorf("%s: empty", name)
			}
			checkGeometry(t, name, sc, true)
			if len(sc.Legend) == 0 || sc.LegendRect.Empty() {
				t.Errorf("%s: no legend", name)
			}
		}
	}
}

func TestHitTesting(t *testing.T) {
	p := shapesProject()
	sc, err := Build(context.Background(), p, model.View{})
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range sc.Nodes {
		c := n.LabelRect.Center()
		if got := sc.NodeAt(c.X, c.Y); got != i {
			t.Errorf("NodeAt(centre of node %d) = %d", i, got)
		}
	}
	if got := sc.NodeAt(-10, -10); got != -1 {
		t.Errorf("NodeAt outside = %d", got)
	}
	for i, e := range sc.Edges {
		if e.Label != nil {
			c := e.LabelRect.Center()
			if got := sc.EdgeAt(c.X, c.Y, 2); got != i {
				t.Errorf("EdgeAt(label of edge %d) = %d", i, got)
			}
		}
	}
}

func TestSelectionAndErrors(t *testing.T) {
	p := shapesProject()
	ctx := context.Background()
	_, err := Build(ctx, p, model.View{}, Kinds("nope"))
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown kind: %v", err)
	}
	_, err = Build(ctx, p, model.View{}, Focus("no such concept at all"))
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown focus: %v", err)
	}
	if _, err = Build(ctx, p, model.View{}, Engine("spring")); err == nil || !strings.Contains(err.Error(), "sfdp") {
		t.Errorf("unknown engine: %v", err)
	}
	if _, err = Build(ctx, p, model.View{}, Direction("up")); err == nil {
		t.Error("unknown direction accepted")
	}
	// two concepts share the label "الأمن المجتمعي (UNDP, 2016)" → ambiguous
	if _, err = Build(ctx, p, model.View{}, Focus("الامن المجتمعي (undp, 2016)")); err == nil || !strings.Contains(err.Error(), "by its id") {
		t.Errorf("ambiguous focus: %v", err)
	}
	// focus by folded label and depth
	ids, _, err := Select(p, model.View{}, Focus("CONCEPT hexagon 1"), Depth(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) < 2 || len(ids) > 5 {
		t.Errorf("focus depth 1 kept %d concepts", len(ids))
	}
	// kinds filter
	ids, rels, err := Select(p, model.View{}, Kinds("k-box", "k-ellipse"))
	if err != nil || len(ids) != 4 {
		t.Errorf("kinds filter: %d concepts, %v", len(ids), err)
	}
	for _, r := range rels {
		_ = r
	}
	// focus filtered out by kinds
	if _, _, err := Select(p, model.View{}, Kinds("k-box"), Focus(p.Concepts[5].ID)); !errors.Is(err, ErrNotFound) {
		t.Errorf("focus outside kinds: %v", err)
	}
}

func TestEmptyView(t *testing.T) {
	p := shapesProject()
	var warned []string
	sc, err := Build(context.Background(), p, model.View{Name: model.T("فارغ", "empty"), Kinds: []string{"k-box"}},
		Kinds("k-note"), Title("عنوان"), OnWarning(func(m string) { warned = append(warned, m) }))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Nodes) != 0 || len(sc.Notes) != 1 || len(warned) != 1 {
		t.Errorf("empty view: %d nodes, %d notes, warnings %q", len(sc.Nodes), len(sc.Notes), warned)
	}
	if sc.Width <= 0 || sc.Height <= 0 {
		t.Errorf("empty scene has size %gx%g", sc.Width, sc.Height)
	}
}

func TestLargeViewWarnsAndCancels(t *testing.T) {
	p := synth.Project(synth.Benchmark, 1)
	if _, err := Build(context.Background(), p, model.View{}); err == nil || !strings.Contains(err.Error(), "narrow") {
		t.Errorf("a view of %d concepts: %v", len(p.Concepts), err)
	}
	// a view of 3,000 concepts
	v := model.View{Kinds: []string{"no-such-kind"}}
	for _, c := range p.Concepts[:3000] {
		v.Concepts = append(v.Concepts, c.ID)
	}
	var warned []string
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := Build(ctx, p, v, LargeView(500), OnWarning(func(m string) { warned = append(warned, m) }))
	// It returns (with the deadline error) even though Graphviz keeps running in the background.
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("expected a deadline error, got %v", err)
	}
	if !strings.Contains(strings.Join(warned, "\n"), "sfdp") {
		t.Errorf("no sfdp warning: %q", warned)
	}
	// a later layout waits for the engine and then works
	small := shapesProject()
	sc, err := Build(context.Background(), small, model.View{}, Kinds("k-box"))
	if err != nil || len(sc.Nodes) != 2 {
		t.Fatalf("layout after a cancelled one: %v", err)
	}
	// an already cancelled context fails at once
	done, stop := context.WithCancel(context.Background())
	stop()
	if _, err := Build(done, small, model.View{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestCitedSourceLines(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	ids, rels, err := Select(p, p.Views[0])
	if err != nil {
		t.Fatal(err)
	}
	lines := CitedSourceLines(p, ids, rels)
	if len(lines) == 0 {
		t.Fatal("no cited sources in the first sample view")
	}
	for _, l := range lines {
		if !strings.Contains(l, "(") || !strings.HasSuffix(l, ".") {
			t.Errorf("odd source line %q", l)
		}
	}
	s := SourceLine(&model.Source{Title: "Human Development Report", Issued: "1994", Authors: []model.Name{{Literal: "UNDP"}}})
	if s != "UNDP (1994). Human Development Report." {
		t.Errorf("SourceLine = %q", s)
	}
}

func TestFitShape(t *testing.T) {
	// the label box's corners lie inside each polygon shape at any aspect
	for name, s := range shapeSpecs {
		if s.poly == nil {
			continue
		}
		for _, box := range [][2]float64{{40, 20}, {200, 20}, {60, 90}} {
			w, h := fitShape(s, box[0], box[1])
			yc := -s.dy * 2
			for _, y := range []float64{yc + box[1]/h, yc - box[1]/h} {
				lo, hi := spanAt(s.poly, y)
				if box[0]/w > math.Min(hi, -lo)+1e-9 {
					t.Errorf("%s %v: label wider than the shape at y=%.2f", name, box, y)
				}
			}
		}
	}
}

func TestConcurrentBuilds(t *testing.T) {
	p := shapesProject()
	errs := make(chan error, 6)
	for i := 0; i < 6; i++ {
		go func(i int) {
			eng := model.Engines[i%len(model.Engines)]
			sc, err := Build(context.Background(), p, model.View{}, Engine(eng))
			if err == nil && len(sc.Nodes) != len(p.Concepts) {
				err = fmt.Errorf("%s: %d nodes", eng, len(sc.Nodes))
			}
			errs <- err
		}(i)
	}
	for i := 0; i < 6; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
