package text

import (
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/text/unicode/bidi"
)

// visualOrder returns the indices of a line's runs (in logical order) in
// visual order, left to right, by the Unicode bidi algorithm's rule L2 over
// the runs' embedding levels.
//
// The wrapper of go-text orders runs by their direction alone, which loses
// the levels of numbers: in a left-to-right paragraph, digits after Arabic
// letters are Arabic numbers (rule W2) and digits after Hebrew letters stay
// European numbers (W7), and both sit a level above the right-to-left text
// around them (I1), so they belong to its reversed block. Ordered by
// direction, "Neighbourhood of الأمن 121" showed 121 on the right of the
// Arabic instead of on its left, and a sentence of Arabic labels with
// numbers inside Latin text came apart.
//
// Levels: the paragraph's level is 0 (left to right) or 1. A right-to-left
// run has level 1. A left-to-right run has level 2 in a right-to-left
// paragraph; in a left-to-right one, level 2 when it holds no strong
// left-to-right letter and the last strong letter before it is
// right-to-left (a number after Arabic or Hebrew), else 0. The truncation
// ellipsis (last run when trunc) keeps the paragraph's level.
func visualOrder(line shaping.Line, runes []rune, rtlPara, trunc bool) []int {
	levels := make([]int, len(line))
	maxLevel := 0
	for i, run := range line {
		switch {
		case trunc && i == len(line)-1:
			if rtlPara {
				levels[i] = 1
			}
		case run.Direction.Progression() == di.TowardTopLeft:
			levels[i] = 1
		case rtlPara:
			levels[i] = 2
		case !hasStrongLTR(runes, run.Runes.Offset, run.Runes.Count) && strongBeforeIsRTL(runes, run.Runes.Offset):
			levels[i] = 2
		}
		maxLevel = max(maxLevel, levels[i])
	}
	order := make([]int, len(line))
	for i := range order {
		order[i] = i
	}
	// L2: from the highest level down to the lowest odd level, reverse every
	// maximal sequence of runs at that level or above.
	for lev := maxLevel; lev >= 1; lev-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lev {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lev {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
}

// hasStrongLTR reports whether runes[off:off+n] holds a strong
// left-to-right character.
func hasStrongLTR(runes []rune, off, n int) bool {
	for i := off; i < off+n && i < len(runes); i++ {
		if p, _ := bidi.LookupRune(runes[i]); p.Class() == bidi.L {
			return true
		}
	}
	return false
}

// strongBeforeIsRTL reports whether the last strong character before
// runes[off] is right-to-left (false when there is none: the start of a
// left-to-right paragraph counts as left to right).
func strongBeforeIsRTL(runes []rune, off int) bool {
	for i := min(off, len(runes)) - 1; i >= 0; i-- {
		p, _ := bidi.LookupRune(runes[i])
		switch p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}
