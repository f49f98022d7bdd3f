package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/khareeta/khareeta/assets"
	"github.com/khareeta/khareeta/internal/app"
)

// Fonts bundled with Khareeta, as Fyne resources. Fyne's own font (Noto
// Sans) has no Arabic letters, so the theme puts Noto Sans Arabic first and
// lets Fyne fall back to its Latin font for the rest: Arabic shows on every
// machine, whatever fonts are installed.
var (
	fontArabic     = fyne.NewStaticResource("NotoSansArabic-Regular.ttf", assets.ArabicRegular)
	fontArabicBold = fyne.NewStaticResource("NotoSansArabic-Bold.ttf", assets.ArabicBold)
)

// khareetaTheme is Fyne's default theme with a fixed light or dark variant
// (or the system's) and the bundled Arabic fonts.
type khareetaTheme struct {
	mode string // app.ThemeSystem, ThemeLight or ThemeDark
}

func (t khareetaTheme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.mode {
	case app.ThemeLight:
		return theme.VariantLight
	case app.ThemeDark:
		return theme.VariantDark
	}
	return v
}

func (t khareetaTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, t.variant(v))
}

func (t khareetaTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol || s.Italic {
		return theme.DefaultTheme().Font(s)
	}
	if s.Bold {
		return fontArabicBold
	}
	return fontArabic
}

func (t khareetaTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t khareetaTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// dark reports whether the theme currently paints dark.
func (t khareetaTheme) dark() bool {
	switch t.mode {
	case app.ThemeLight:
		return false
	case app.ThemeDark:
		return true
	}
	if a := fyne.CurrentApp(); a != nil {
		return a.Settings().ThemeVariant() == theme.VariantDark
	}
	return false
}

// iconResource is the application icon.
var iconResource = fyne.NewStaticResource("icon.png", assets.Icon)
