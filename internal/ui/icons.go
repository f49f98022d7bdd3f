package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Icons Fyne's theme lacks, drawn in its style (24×24, one colour, themed).
var (
	linkSVG  = fyne.NewStaticResource("link.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1zM8 13h8v-2H8v2zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5z"/></svg>`))
	quoteSVG = fyne.NewStaticResource("quote.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M6 17h3l2-4V7H5v6h3zm8 0h3l2-4V7h-6v6h3z"/></svg>`))
	mapSVG   = fyne.NewStaticResource("map.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><g fill="#000"><circle cx="6" cy="6" r="3"/><circle cx="18" cy="8" r="3"/><circle cx="10" cy="18" r="3"/><path d="M7.3 7.6l1.9 7.6 1.9-.5-1.9-7.6zM8.6 5.4l6.6 1.4.4-1.9-6.6-1.4zM12.2 16.6l4.6-6.4-1.6-1.2-4.6 6.4z"/></g></svg>`))
)

func linkIcon() fyne.Resource  { return theme.NewThemedResource(linkSVG) }
func quoteIcon() fyne.Resource { return theme.NewThemedResource(quoteSVG) }
func mapIcon() fyne.Resource   { return theme.NewThemedResource(mapSVG) }

// backIcon points back in the reading direction (right in Arabic).
func backIcon() fyne.Resource {
	if rtl() {
		return theme.NavigateNextIcon()
	}
	return theme.NavigateBackIcon()
}
