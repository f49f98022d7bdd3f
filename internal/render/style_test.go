package render

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// kindsProject has one concept of each built-in kind, in a chain.
func kindsProject() *model.Project {
	p := &model.Project{Meta: model.Meta{Language: "ar"}, Kinds: model.BuiltinKinds()}
	for i, k := range p.Kinds {
		p.Concepts = append(p.Concepts, model.Concept{ID: fmt.Sprintf("c%d", i), Kind: k.ID, Label: model.T(k.Name.Get("ar"), k.Name.Get("en"))})
		if i > 0 {
			p.Relations = append(p.Relations, model.Relation{ID: fmt.Sprintf("r%d", i), From: fmt.Sprintf("c%d", i-1), To: fmt.Sprintf("c%d", i), Type: "supports"})
		}
	}
	return p
}

// linear converts an sRGB channel to linear light.
func linear(v uint8) float64 {
	c := float64(v) / 255
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// deuteranopia simulates full deuteranopia (Machado, Oliveira & Fernandes
// 2009, severity 1) on a colour, in linear RGB.
func deuteranopia(c color.NRGBA) [3]float64 {
	r, g, b := linear(c.R), linear(c.G), linear(c.B)
	return [3]float64{
		clamp01(0.367322*r + 0.860646*g - 0.227968*b),
		clamp01(0.280085*r + 0.672501*g + 0.047413*b),
		clamp01(-0.011820*r + 0.042940*g + 0.968881*b),
	}
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// lab converts linear RGB (sRGB primaries, D65) to CIELAB.
func lab(rgb [3]float64) [3]float64 {
	x := 0.4124*rgb[0] + 0.3576*rgb[1] + 0.1805*rgb[2]
	y := 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
	z := 0.0193*rgb[0] + 0.1192*rgb[1] + 0.9505*rgb[2]
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	fx, fy, fz := f(x/0.95047), f(y), f(z/1.08883)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

func deltaE(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// fillSample returns the colour the PNG shows inside a node, between its
// label and its border (the median of a few pixels).
func fillSample(img image.Image, n *layout.Node, s float64) color.NRGBA {
	var rs, gs, bs []int
	c := n.Rect.Center()
	for _, dy := range []float64{-2, 0, 2} {
		for _, x := range []float64{(n.Rect.Min.X + n.LabelRect.Min.X) / 2, (n.Rect.Max.X + n.LabelRect.Max.X) / 2} {
			q := color.NRGBAModel.Convert(img.At(int(x*s), int((c.Y+dy)*s))).(color.NRGBA)
			rs, gs, bs = append(rs, int(q.R)), append(gs, int(q.G)), append(bs, int(q.B))
		}
	}
	med := func(v []int) uint8 {
		for i := range v {
			for j := i + 1; j < len(v); j++ {
				if v[j] < v[i] {
					v[i], v[j] = v[j], v[i]
				}
			}
		}
		return uint8(v[len(v)/2])
	}
	return color.NRGBA{med(rs), med(gs), med(bs), 255}
}

// TestColourBlindStyle renders one concept of every kind, simulates
// deuteranopia on the rendered image and requires the kinds' fills to stay
// apart (CIELAB ΔE ≥ 10 between every two kinds) in the colorblind style.
// It reports the same figure for the default colours.
func TestColourBlindStyle(t *testing.T) {
	p := kindsProject()
	for _, style := range []string{"color", "colorblind"} {
		sc, err := layout.Build(context.Background(), p, model.View{}, layout.Style(style))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := PNG(&buf, sc, Scale(2)); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		var seen [][3]float64
		var kinds []string
		for i := range sc.Nodes {
			n := &sc.Nodes[i]
			c := fillSample(img, n, 2)
			if d := math.Abs(float64(c.R)-float64(n.Fill.R)) + math.Abs(float64(c.G)-float64(n.Fill.G)); d > 12 {
				t.Fatalf("%s: node %s shows %v, its fill is %v", style, n.Kind, c, n.Fill)
			}
			seen = append(seen, lab(deuteranopia(c)))
			kinds = append(kinds, n.Kind)
		}
		worst, wa, wb := math.Inf(1), "", ""
		for i := range seen {
			for j := i + 1; j < len(seen); j++ {
				if d := deltaE(seen[i], seen[j]); d < worst {
					worst, wa, wb = d, kinds[i], kinds[j]
				}
			}
		}
		t.Logf("%s: under deuteranopia the closest kinds are %s and %s, ΔE %.1f", style, wa, wb, worst)
		if style == "colorblind" && worst < 10 {
			t.Errorf("colorblind style: %s and %s differ by ΔE %.1f under deuteranopia (want ≥ 10)", wa, wb, worst)
		}
	}
}

// TestPrintStyles: in grayscale and high contrast every kind keeps a
// distinct (shape, pattern) pair, the pattern is drawn (dark pixels
// between label and border) and the label keeps a plain background.
func TestPrintStyles(t *testing.T) {
	p := kindsProject()
	for _, style := range []string{"grayscale", "high-contrast"} {
		sc, err := layout.Build(context.Background(), p, model.View{}, layout.Style(style), layout.Legend(true))
		if err != nil {
			t.Fatal(err)
		}
		pairs := map[string]string{}
		for _, n := range sc.Nodes {
			key := n.Shape + "/" + n.Pattern
			if other, ok := pairs[key]; ok {
				t.Errorf("%s: kinds %s and %s look alike (%s)", style, other, n.Kind, key)
			}
			pairs[key] = n.Kind
			if n.Fill.R != n.Fill.G || n.Fill.G != n.Fill.B {
				t.Errorf("%s: kind %s is filled in colour %v", style, n.Kind, n.Fill)
			}
		}
		img, err := Image(sc, Scale(2))
		if err != nil {
			t.Fatal(err)
		}
		for i := range sc.Nodes {
			n := &sc.Nodes[i]
			if n.Pattern == "" {
				continue
			}
			// between the label box and the border: some dark pattern pixels
			band := text.Rect{Min: text.Point{X: n.Rect.Min.X + 3, Y: n.LabelRect.Max.Y + 4}, Max: text.Point{X: n.Rect.Max.X - 3, Y: n.Rect.Max.Y - 3}}
			dark, total := 0, 0
			for y := int(band.Min.Y * 2); y < int(band.Max.Y*2); y++ {
				for x := int(band.Min.X * 2); x < int(band.Max.X*2); x++ {
					if InsideOutlineAt(n, float64(x)/2, float64(y)/2) {
						total++
						if lum(img.At(x, y)) < 128 {
							dark++
						}
					}
				}
			}
			if total > 0 && dark*20 < total {
				t.Errorf("%s: kind %s pattern %s: %d dark pixels of %d", style, n.Kind, n.Pattern, dark, total)
			}
			// the label's box stays plain: only glyph pixels are dark
			lr := n.LabelRect
			edge := color.NRGBAModel.Convert(img.At(int((lr.Min.X-1)*2), int(lr.Center().Y*2))).(color.NRGBA)
			if lum(edge) < lum(n.Fill)-12 {
				t.Errorf("%s: kind %s: pattern under the label (luminance %.0f beside it, fill %.0f)", style, n.Kind, lum(edge), lum(n.Fill))
			}
		}
	}
}

// InsideOutlineAt reports whether (x, y) is inside node n's outline.
func InsideOutlineAt(n *layout.Node, x, y float64) bool {
	return layout.InsideOutline(n, text.Point{X: x, Y: y})
}
