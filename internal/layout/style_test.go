package layout

import (
	"image/color"
	"math"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// TestDefaultStyleLightness: whatever a kind's colour (built-in, black,
// white, saturated), the default style fills it at fillLuma and outlines it
// at outlineLuma, keeping its hue, with black text: light enough that OCR
// (and a photocopier) sees the outline as paper, so a short label inside a
// closed outline still reads as a word (see fillLuma).
func TestDefaultStyleLightness(t *testing.T) {
	p := &model.Project{Kinds: model.BuiltinKinds()}
	for i, c := range []string{"#000000", "#ffffff", "#ff0000", "#1f77b4", "#2ca02c", "#777777"} {
		p.Kinds = append(p.Kinds, model.Kind{ID: "custom" + string(rune('a'+i)), Color: c, Shape: "box", Order: 100 + i})
	}
	ls := looksFor(p, "")
	for _, k := range p.Kinds {
		l := ls.of(k.ID)
		if got := luma(l.fill); math.Abs(got-fillLuma) > 1.5 {
			t.Errorf("kind %s (%s): fill %v has luma %.1f, want %d", k.ID, k.Color, l.fill, got, fillLuma)
		}
		if got := luma(l.stroke); math.Abs(got-outlineLuma) > 1.5 {
			t.Errorf("kind %s (%s): outline %v has luma %.1f, want %d", k.ID, k.Color, l.stroke, got, outlineLuma)
		}
		if l.text != (color.NRGBA{0, 0, 0, 255}) {
			t.Errorf("kind %s: text %v, want black", k.ID, l.text)
		}
		// the hue survives: the strongest channel of the kind's colour stays
		// the strongest
		c := parseColor(k.Color, color.NRGBA{})
		if c.R != c.G || c.G != c.B {
			if strongest(c) != strongest(l.fill) || strongest(c) != strongest(l.stroke) {
				t.Errorf("kind %s (%s): fill %v / outline %v lost the hue", k.ID, k.Color, l.fill, l.stroke)
			}
		}
	}
}

func strongest(c color.NRGBA) int {
	switch {
	case c.R >= c.G && c.R >= c.B:
		return 0
	case c.G >= c.B:
		return 1
	}
	return 2
}
