package render

import (
	"fmt"
	"image/color"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/text"
)

var accent = color.NRGBA{0xe0, 0x7a, 0x00, 255}

// StepSheets returns the sheets of a presentation of a laid-out view: one
// per step, where the concepts of the steps so far are drawn and the rest
// of the map faded (the concepts the step brings in outlined), then a last
// sheet with the whole view. Every sheet shows the map at the same place
// and scale (f), so nothing moves from one step to the next; a header
// names the step.
func StepSheets(sc *layout.Scene, f layout.Fit, steps []layout.Step, opts ...Option) ([]Sheet, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	t := f.Target
	size := t.MinText * 1.3
	rtl := sc.Dir == text.RTL
	header := func(sh *Sheet, s string) {
		blk := o.shaper.Layout(s, text.Params{Size: size, Bold: true, Dir: sc.Dir})
		x := t.Margin
		if rtl {
			x = sh.Width - t.Margin - blk.Width
		}
		y := (f.OriginY - blk.Height) / 2
		if y < 2 {
			y = 2
		}
		sh.Items = append(sh.Items, Item{Class: "step-title", Text: blk, At: text.Point{X: x, Y: y}, Color: markGray})
	}
	total := len(steps) + 1
	var sheets []Sheet
	for k, st := range steps {
		sh := SceneSheet(sc, f)
		sh.Fade = layout.Hidden(sc, steps, k)
		sh.Name = fmt.Sprintf("step %d", k+1)
		header(&sh, fmt.Sprintf("%d / %d — %s", k+1, total, st.Title))
		for _, id := range st.Concepts {
			i := sc.NodeByID(id)
			if i < 0 {
				continue
			}
			outline := sc.Nodes[i].Outline.Transform(f.Scale, text.Point{X: f.OriginX, Y: f.OriginY})
			sh.Items = append(sh.Items, Item{Class: "step-new", Path: outline, Stroke: accent, Width: 2.5})
		}
		sheets = append(sheets, sh)
	}
	whole := SceneSheet(sc, f)
	whole.Name = "whole view"
	name := sc.ViewName
	if name == "" {
		name = "Map"
		if rtl {
			name = "الخريطة"
		}
	}
	header(&whole, fmt.Sprintf("%d / %d — %s", total, total, name))
	sheets = append(sheets, whole)
	return sheets, nil
}
