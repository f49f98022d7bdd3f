package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold normalises text for Arabic-aware search: it applies NFKC (so Arabic
// presentation forms become letters), removes Arabic diacritics (harakat,
// tanwin, shadda, sukun, superscript alef), tatweel and bidi controls, folds
// alef forms (أ إ آ ٱ) to ا, alef maqsura ى to ي, taa marbuta ة to ه, the
// hamza carriers ؤ ئ to و ي, Persian/Urdu yeh and kaf to Arabic ones, Arabic-Indic
// digits to ASCII digits, lower-cases Latin, strips Latin accents and
// collapses white space.
func Fold(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640,
			r >= 0x06D6 && r <= 0x06ED:
			continue // harakat, superscript alef, tatweel, Quranic marks
		case r == 0x200E || r == 0x200F || r == 0x061C || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200C || r == 0x200D || r == 0xFEFF:
			continue // bidi and joiner controls
		case unicode.Is(unicode.Mn, r):
			continue // Latin accents after NFKD
		}
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			r = 'ا'
		case 'ى', 'ی', 'ئ':
			r = 'ي'
		case 'ة':
			r = 'ه'
		case 'ؤ':
			r = 'و'
		case 'ک':
			r = 'ك'
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
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}
