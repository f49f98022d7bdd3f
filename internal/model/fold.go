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
//
// Text made only of ASCII, the basic Arabic block and bidi controls (nearly
// every label) takes a fast path that maps rune by rune; fold_test.go checks
// it agrees with the full path on every rune of that alphabet.
func Fold(s string) string { return foldFast(s) }

// foldFast is Fold for ASCII and basic Arabic (U+0600–U+06FF but the four
// compatibility letters U+0675–U+0678) plus bidi controls: there the two
// Unicode normalisations foldFull runs reduce to a few known
// decompositions. Anything else goes to foldFull.
func foldFast(s string) string {
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
			return foldFull(s)
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

// foldFull is Fold for any text.
func foldFull(s string) string {
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
