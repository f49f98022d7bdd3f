package layout

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// Styles are the looks a map can be drawn in:
//   - "color": each kind in its own colour (the project's), a pale fill and
//     a light outline in the kind's hue, black text (see fillLuma);
//   - "colorblind": the kinds in the Okabe–Ito palette, whose colours stay
//     apart for readers with red–green colour blindness;
//   - "grayscale": grey fills and a pattern per kind around the label, for
//     printing without colour (kinds differ by shape and pattern);
//   - "high-contrast": white fills, black borders and text, thick lines,
//     and the patterns, for projectors and weak eyesight.
var Styles = []string{"color", "colorblind", "grayscale", "high-contrast"}

// Patterns are the patterns nodes can carry (Node.Pattern), in the order
// kinds get them in the grayscale and high-contrast styles.
var Patterns = []string{"", "hatch", "dots", "backhatch", "hlines", "cross", "vlines", "grid"}

// Style draws the map in one of Styles ("" is "color"). Unknown styles make
// Build fail.
func Style(name string) Option {
	return func(c *config) { c.style = strings.ToLower(strings.TrimSpace(name)) }
}

// okabeIto is the Okabe–Ito palette (Okabe & Ito 2008), without black, in
// the order of the built-in kinds (pillars sky blue, threats vermillion,
// opportunities green, recommendations yellow …). okabeShare is how much
// of each colour the fill keeps (the rest white): chosen so that, under a
// simulation of deuteranopia, every two kinds differ by ΔE ≥ 18 (CIELAB)
// while black text keeps a contrast of 7:1 or more.
var okabeShare = []float64{0.65, 0.45, 0.9, 0.25, 0.7, 0.2, 0.75, 0.7}

var okabeIto = []color.NRGBA{
	{0x56, 0xb4, 0xe9, 255}, // sky blue
	{0xd5, 0x5e, 0x00, 255}, // vermillion
	{0x00, 0x9e, 0x73, 255}, // bluish green
	{0xf0, 0xe4, 0x42, 255}, // yellow
	{0xcc, 0x79, 0xa7, 255}, // reddish purple
	{0x99, 0x99, 0x99, 255}, // grey
	{0xe6, 0x9f, 0x00, 255}, // orange
	{0x00, 0x72, 0xb2, 255}, // blue
}

// kindLook is how the nodes of one kind are drawn.
type kindLook struct {
	fill, stroke, text color.NRGBA
	strokeWidth        float64
	pattern            string
}

// looks returns the look of every kind of p in style (kind id → look);
// kinds a project lacks get the look of "concept".
type looks struct {
	byKind   map[string]kindLook
	fallback kindLook
	edge     color.NRGBA
	edgeText color.NRGBA
	edgeW    float64
}

func checkStyle(name string) error {
	if name == "" {
		return nil
	}
	for _, s := range Styles {
		if s == name {
			return nil
		}
	}
	return fmt.Errorf("unknown style %q (use one of %s)", name, strings.Join(Styles, ", "))
}

func looksFor(p *model.Project, style string) looks {
	black := color.NRGBA{0, 0, 0, 255}
	ls := looks{byKind: map[string]kindLook{}, edge: color.NRGBA{0x4d, 0x4d, 0x4d, 255}, edgeText: color.NRGBA{0x22, 0x22, 0x22, 255}, edgeW: 1.1}
	ls.fallback = plainLook(color.NRGBA{0xe5, 0xe5, 0xe5, 255})
	if style == "high-contrast" {
		ls.edge, ls.edgeText, ls.edgeW = black, black, 1.6
	}
	for i, k := range model.SortedKinds(p) {
		var l kindLook
		switch style {
		case "colorblind":
			c, share := okabeIto[i%len(okabeIto)], 0.5
			if i < len(okabeShare) {
				share = okabeShare[i]
			}
			l = kindLook{fill: mix(c, share), stroke: darken(c, 0.55), text: black, strokeWidth: 1.4}
		case "grayscale":
			g := uint8(250 - 14*(i%6))
			l = kindLook{fill: color.NRGBA{g, g, g, 255}, stroke: color.NRGBA{0x20, 0x20, 0x20, 255}, text: black, strokeWidth: 1.3, pattern: Patterns[i%len(Patterns)]}
		case "high-contrast":
			l = kindLook{fill: color.NRGBA{255, 255, 255, 255}, stroke: black, text: black, strokeWidth: 2.4, pattern: Patterns[i%len(Patterns)]}
		default:
			l = plainLook(parseColor(k.Color, color.NRGBA{0xe5, 0xe5, 0xe5, 255}))
		}
		ls.byKind[k.ID] = l
	}
	if l, ok := ls.byKind[model.KindConcept]; ok {
		ls.fallback = l
	}
	return ls
}

// The default style draws every kind at the same two lightnesses, whatever
// its colour: the fill at fillLuma and the outline at outlineLuma (Rec. 709
// luma of the sRGB values, 0–255, as ImageMagick's grey conversion
// computes it), in the kind's hue, with black text.
//
// Why so light. A reader's eye, a photocopier and OCR alike first split a
// page into ink and paper; Tesseract does it with one global (Otsu)
// threshold, which on our maps falls between 165 and 190. Anything darker
// is ink. A dark outline closed around a short label (الفساد, الجريمة) then
// becomes one blob with the word inside it, which Tesseract drops as a
// frame-with-content: single words in the earlier darker outline (luma
// ≈ 100) were read back at 0.3–0.6, and the map at 0.93. An outline at
// outlineLuma stays paper, so the label reads as plain text (every label
// of the sample read back at 1.00, slide and A4). The fill must stay well
// clear of the threshold too: fills of luma ≈ 220, over a fifth of a page,
// pull Otsu's threshold above themselves and every label is lost in a
// black shape; at 234 the threshold stays put even with twice the area.
// Black text on the fill keeps a contrast above 15:1. The kinds stay
// apart by shape and hue; the high-contrast style keeps black outlines for
// readers who need them.
const (
	fillLuma    = 234
	outlineLuma = 200
)

// plainLook is the default style's look of a kind of colour c.
func plainLook(c color.NRGBA) kindLook {
	return kindLook{fill: atLuma(c, fillLuma), stroke: atLuma(c, outlineLuma), text: color.NRGBA{0, 0, 0, 255}, strokeWidth: 1.5}
}

// luma is c's Rec. 709 luma (0–255) on its sRGB values.
func luma(c color.NRGBA) float64 {
	return 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)
}

// atLuma returns c at luma target: mixed with white when darker, scaled
// towards black when lighter, so its hue is kept.
func atLuma(c color.NRGBA, target float64) color.NRGBA {
	l := luma(c)
	switch {
	case l < target:
		return mix(c, (255-target)/(255-l))
	case l > target:
		f := target / l
		return color.NRGBA{uint8(float64(c.R)*f + 0.5), uint8(float64(c.G)*f + 0.5), uint8(float64(c.B)*f + 0.5), c.A}
	}
	return c
}

func (ls looks) of(kind string) kindLook {
	if l, ok := ls.byKind[kind]; ok {
		return l
	}
	return ls.fallback
}

// mix keeps share of c and fills the rest with white.
func mix(c color.NRGBA, share float64) color.NRGBA {
	m := func(v uint8) uint8 { return uint8(float64(v)*share + 255*(1-share) + 0.5) }
	return color.NRGBA{m(c.R), m(c.G), m(c.B), c.A}
}
