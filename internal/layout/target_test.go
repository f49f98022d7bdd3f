package layout

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
	"github.com/khareeta/khareeta/internal/text"
)

func TestParseTarget(t *testing.T) {
	cases := map[string][2]float64{
		"slide-16x9": {960, 540}, "slide-4x3": {720, 540}, "A4": {a4W, a4H}, "a4-landscape": {a4H, a4W},
		"a3": {a3W, a3H}, "a3-landscape": {a3H, a3W}, "poster": {0, 0}, "width=1600": {800, 0},
	}
	for name, size := range cases {
		tg, err := ParseTarget(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tg.Width != size[0] || tg.Height != size[1] {
			t.Errorf("%s: %gx%g, want %v", name, tg.Width, tg.Height, size)
		}
		if tg.Screen && tg.MinText*tg.PixelsPerPoint != 14 {
			t.Errorf("%s: smallest text %g px, want 14", name, tg.MinText*tg.PixelsPerPoint)
		}
		if !tg.Screen && tg.MinText != 8 {
			t.Errorf("%s: smallest text %g pt, want 8", name, tg.MinText)
		}
	}
	if tg, _ := ParseTarget("slide-16x9"); tg.Width*tg.PixelsPerPoint != 1920 || tg.Height*tg.PixelsPerPoint != 1080 {
		t.Error("a 16:9 slide is not 1920×1080 px")
	}
	for _, bad := range []string{"", "letter", "width=10", "width=abc", "width=99999"} {
		if _, err := ParseTarget(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestBuildForTargets lays out every sample view for every target: the
// geometry stays sound, a map that fits is readable on its sheet, and a
// split's pages cover the map with every concept whole on one of them.
func TestBuildForTargets(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range p.Views {
		for _, name := range []string{"slide-16x9", "slide-4x3", "a4", "a4-landscape", "a3", "a3-landscape", "poster", "width=1600"} {
			tg, _ := ParseTarget(name)
			label := v.Name.Get("en") + "/" + name
			sc, f, err := BuildFor(context.Background(), p, v, tg)
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			checkGeometry(t, label, sc, true)
			if f.Readable {
				if got := f.SheetMinText(); got < tg.MinText-1e-6 {
					t.Errorf("%s: readable with text of %.2f pt", label, got)
				}
				if sc.Width*f.Scale > f.Width+0.01 || sc.Height*f.Scale > f.Height+0.01 {
					t.Errorf("%s: map %gx%g at %g overflows the sheet %gx%g", label, sc.Width, sc.Height, f.Scale, f.Width, f.Height)
				}
				if tg.Width > 0 && tg.Height > 0 && (f.Width != tg.Width || f.Height != tg.Height) {
					t.Errorf("%s: sheet %gx%g", label, f.Width, f.Height)
				}
				continue
			}
			if name == "poster" {
				t.Errorf("%s: a poster is never split", label)
			}
			if f.PageScale*f.MinText < tg.MinText-1e-6 {
				t.Errorf("%s: pages at %.3f show text of %.2f pt", label, f.PageScale, f.PageScale*f.MinText)
			}
			pw := (tg.Width - 2*tg.Margin) / f.PageScale
			ph := (tg.Height - 2*tg.Margin) / f.PageScale
			if tg.Height == 0 {
				ph = (tg.Width*tg.MaxAspect - 2*tg.Margin) / f.PageScale
			}
			if f.XCuts[0] > 0.5 && sc.Dir == text.LTR || f.XCuts[len(f.XCuts)-1]+pw < sc.Width-0.5 || f.YCuts[len(f.YCuts)-1]+ph < sc.Height-0.5 {
				t.Errorf("%s: pages %v×%v do not cover the %gx%g map", label, f.XCuts, f.YCuts, sc.Width, sc.Height)
			}
			for _, n := range sc.Nodes {
				whole := false
				for _, x := range f.XCuts {
					for _, y := range f.YCuts {
						if text.RectXYWH(x, y, pw, ph).ContainsRect(n.Rect, 0.01) {
							whole = true
						}
					}
				}
				if !whole {
					t.Errorf("%s: concept %q is cut on every page", label, n.Label.Text)
				}
			}
			e := NewFitError(sc, f)
			if !errors.Is(e, ErrTooSmall) || !strings.Contains(e.Error(), e.Minimum) || e.Minimum == "" {
				t.Errorf("%s: fit error %v", label, e)
			}
		}
	}
}

// TestPackedNotStrip: the whole sample project is no longer a strip, and
// concepts without relations are gathered in a grid, not a column.
func TestPackedNotStrip(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Build(context.Background(), p, model.View{})
	if err != nil {
		t.Fatal(err)
	}
	if a := sc.Width / sc.Height; a > 3*math.Sqrt2 || a < math.Sqrt2/3 {
		t.Errorf("the whole project is a %.0fx%.0f strip", sc.Width, sc.Height)
	}
	t.Logf("whole project: %.0f×%.0f pt, %s", sc.Width, sc.Height, sc.Direction)
	// "Threats and the pillars they weaken" has threats with no relation
	// in the view: they sit in several columns and rows
	v := p.Views[0]
	sc, err = Build(context.Background(), p, v)
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{}
	for _, e := range sc.Edges {
		linked[e.From], linked[e.To] = true, true
	}
	xs, ys := map[int]bool{}, map[int]bool{}
	lone := 0
	for _, n := range sc.Nodes {
		if !linked[n.ConceptID] {
			lone++
			c := n.Rect.Center()
			xs[int(c.X/20)], ys[int(c.Y/20)] = true, true
		}
	}
	if lone < 2 {
		t.Fatalf("%d concepts without relations in view 0", lone)
	}
	if len(xs) < 2 || len(ys) > lone-1 && lone > 2 {
		t.Errorf("%d lone concepts in %d columns and %d rows", lone, len(xs), len(ys))
	}
	checkGeometry(t, "view 0 packed", sc, true)
}

// TestDenseBudget: a dense dot layout without a deadline stops at its
// time budget with a *BudgetError that advises sfdp; sfdp lays the same
// graph out.
func TestDenseBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out 400 concepts with sfdp (seconds); skipped with -short")
	}
	p := synth.Project(synth.Sizes{Concepts: 400, Relations: 800}, 1)
	if !Dense("dot", 400, 800) || !Dense("dot", 200, 300) || Dense("sfdp", 400, 800) || Dense("dot", 100, 200) || Dense("dot", 200, 280) {
		t.Error("Dense misjudges")
	}
	start := time.Now()
	_, err := Build(context.Background(), p, model.View{}, TimeBudget(2*time.Second))
	var be *BudgetError
	if !errors.As(err, &be) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "sfdp") {
		t.Fatalf("dense layout: %v", err)
	}
	t.Logf("bounded dot layout of 400/800 returned after %v: %v", time.Since(start).Round(time.Millisecond), err)
	start = time.Now()
	sc, err := Build(context.Background(), p, model.View{}, Engine("sfdp"))
	if err != nil {
		t.Fatalf("sfdp: %v", err)
	}
	t.Logf("sfdp on 400/800: %v", time.Since(start).Round(time.Millisecond))
	if len(sc.Nodes) != 400 {
		t.Errorf("sfdp placed %d concepts", len(sc.Nodes))
	}
}

func TestSteps(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	v := p.Views[0] // threats and pillars
	sc, err := Build(context.Background(), p, v)
	if err != nil {
		t.Fatal(err)
	}
	steps, err := Steps(p, sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 2 || steps[0].Title != "ركيزة" || steps[1].Title != "تهديد" {
		t.Fatalf("steps %+v", steps)
	}
	n := 0
	for _, st := range steps {
		n += len(st.Concepts)
	}
	if n != len(sc.Nodes) {
		t.Errorf("steps hold %d of %d concepts", n, len(sc.Nodes))
	}
	hidden := Hidden(sc, steps, 0)
	for _, id := range steps[0].Concepts {
		if hidden[id] {
			t.Error("a concept of step 1 is hidden at step 1")
		}
	}
	for _, id := range steps[1].Concepts {
		if !hidden[id] {
			t.Error("a concept of step 2 is shown at step 1")
		}
	}
	if len(Hidden(sc, steps, 1)) != 0 {
		t.Error("something is hidden at the last step")
	}
	// a user sequence: two threats by label first, the rest after
	a, b := steps[1].Concepts[0], steps[1].Concepts[1]
	seq, err := Steps(p, sc, [][]string{{a}, {p.Concepts[slices.IndexFunc(p.Concepts, func(c model.Concept) bool { return c.ID == b })].Label.Get("ar")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(seq) != 3 || seq[0].Concepts[0] != a || seq[1].Concepts[0] != b || len(seq[2].Concepts) != len(sc.Nodes)-2 {
		t.Errorf("sequence steps %+v", seq)
	}
	if _, err := Steps(p, sc, [][]string{{a}, {a}}); err == nil {
		t.Error("a concept in two steps was accepted")
	}
	recommendation := ""
	for _, c := range p.Concepts {
		if c.Kind == model.KindRecommendation {
			recommendation = c.ID
		}
	}
	if _, err := Steps(p, sc, [][]string{{recommendation}}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a concept outside the view: %v", err)
	}
}
