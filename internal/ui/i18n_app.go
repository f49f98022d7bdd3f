package ui

import "strings"

// appMessages are the strings added for issue 10 (keys, errors, the map's
// layouts), merged into messages at start-up.
var appMessages = map[string][2]string{
	"sc.enter":   {"Confirm the dialog (Ctrl+Enter also from a multi-line field)", "تأكيد الحوار (Ctrl+Enter من الحقول متعددة الأسطر أيضاً)"},
	"sc.escape":  {"Close the dialog; else clear the search, the marks and the selection", "إغلاق الحوار، وإلا مسح البحث والتمييز والتحديد"},
	"sc.mapkeys": {"On the map (after a click on it): move and zoom", "على الخريطة (بعد النقر عليها): التحريك والتكبير"},
}

func init() {
	for k, v := range appMessages {
		if _, dup := messages[k]; !dup {
			messages[k] = v
		}
	}
}

// Translate returns an interface message in lang ("ar" or "en"), without
// a trailing ellipsis (as dialog titles show it); the end-to-end test uses
// it to know the titles it reads on screen.
func Translate(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m[0]
	if lang == "ar" && m[1] != "" {
		s = m[1]
	}
	return strings.TrimSuffix(s, "…")
}
