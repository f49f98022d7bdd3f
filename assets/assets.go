// Package assets embeds the files Khareeta ships inside its binary: the
// bundled fonts (with their licence) that every map is drawn with, so output
// looks the same on every machine.
//
// It exposes plain bytes and imports nothing but the standard library, so the
// text and render packages can use it and the GUI can wrap the bytes as
// fyne.Resource values without this package importing Fyne.
package assets

import "embed"

// Bundled fonts: Noto Sans Arabic for Arabic-script text (Arabic, Persian,
// Kurdish, Urdu letters) and Noto Sans for Latin, Greek and Cyrillic text and
// digits, each in regular and bold. They are licensed under the SIL Open Font
// License 1.1; see FontLicense.
var (
	//go:embed fonts/NotoSansArabic-Regular.ttf
	ArabicRegular []byte
	//go:embed fonts/NotoSansArabic-Bold.ttf
	ArabicBold []byte
	//go:embed fonts/NotoSans-Regular.ttf
	LatinRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	LatinBold []byte
)

// FontLicense is the text of fonts/OFL.txt: the copyright notices of the
// bundled fonts and the SIL Open Font License they are distributed under.
//
//go:embed fonts/OFL.txt
var FontLicense string

// Font names, as the bundled fonts call themselves; the DOT writer uses them
// so that native Graphviz picks the same fonts when they are installed.
const (
	ArabicFamily = "Noto Sans Arabic"
	LatinFamily  = "Noto Sans"
)

// Translations holds the interface's strings (translations/en.json,
// ar.json: message id → text) and Fyne's own strings in Arabic
// (fyne.ar.json), in the JSON format Fyne's lang package reads.
//
//go:embed translations
var Translations embed.FS
