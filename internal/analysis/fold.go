package analysis

import (
	"strings"
	"unicode"

	"github.com/khareeta/khareeta/internal/model"
)

// fold is model.Fold with a fast path for text made only of ASCII and the
// basic Arabic block (U+0600–U+06FF but the four compatibility letters
// U+0675–U+0678) and bidi controls, which is nearly every label: there the
// two Unicode normalisations Fold runs reduce to a few known decompositions,
// so fold maps rune by rune without them. Anything else goes to model.Fold.
// fold_test.go checks that both agree on every rune of that alphabet and on
// random strings over it.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r < 0x80:
		case r >= 0x0600 && r <= 0x06FF && (r < 0x0675 || r > 0x0678):
		case r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200C || r == 0x200D || r == 0xFEFF:
			continue // bidi and joiner controls
		default:
			return model.Fold(s)
		}
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, r >= 0x06D6 && r <= 0x06ED, r == 0x061C:
			continue // harakat, superscript alef, tatweel, Quranic marks, ALM
		case r >= 0x0610 && r <= 0x061A:
			continue // Arabic marks (Mn)
		}
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ': // the first three decompose to alef + a removed mark
			r = 'ا'
		case 'ى', 'ی', 'ئ':
			r = 'ي'
		case 'ة':
			r = 'ه'
		case 'ؤ':
			r = 'و'
		case 'ک':
			r = 'ك'
		case 'ۀ': // U+06C0 = U+06D5 + hamza above
			r = 'ە'
		case 'ۂ': // U+06C2 = U+06C1 + hamza above
			r = 'ہ'
		case 'ۓ': // U+06D3 = U+06D2 + hamza above
			r = 'ے'
		}
		if r >= '٠' && r <= '٩' {
			r = '0' + (r - '٠')
		} else if r >= '۰' && r <= '۹' {
			r = '0' + (r - '۰')
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
