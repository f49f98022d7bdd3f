package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/khareeta/khareeta/assets"
)

// messages holds every user-visible string of the interface in English and
// Arabic, keyed by a stable id. The strings live in assets/translations
// (en.json, ar.json and PART.en.json, PART.ar.json): flat JSON objects from id to text, in the format
// Fyne's lang package reads, so that translators edit data, not Go. They
// are registered with lang (Fyne's own dialogs use them) and read here too,
// because the interface language is the user's choice in Settings, not only
// the system's locale that lang follows. Texts are fmt formats (%s, %d).
var messages = loadMessages()

// loadMessages reads the embedded translations; an Arabic text that is
// missing falls back to the English one.
func loadMessages() map[string][2]string {
	en, ar := readTranslations("en"), readTranslations("ar")
	out := make(map[string][2]string, len(en))
	for k, v := range en {
		out[k] = [2]string{v, ar[k]}
	}
	return out
}

// readTranslations reads the files of assets/translations for one
// language: LANG.json and PART.LANG.json (a part per feature, e.g.
// canvas.en.json, so that features add strings without touching the same
// lines), but not fyne.LANG.json, which holds Fyne's own strings. A value
// may be a string or, as go-i18n writes plural forms, an object whose
// "other" is the text. The files are embedded and tested (a key in two
// files is an error), so a broken one is a programming error.
func readTranslations(lang string) map[string]string {
	entries, err := assets.Translations.ReadDir("translations")
	if err != nil {
		panic("ui: translations: " + err.Error())
	}
	out := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if name != lang+".json" && (!strings.HasSuffix(name, "."+lang+".json") || strings.HasPrefix(name, "fyne.")) {
			continue
		}
		b, err := assets.Translations.ReadFile("translations/" + name)
		if err != nil {
			panic("ui: translations: " + err.Error())
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			panic("ui: translations/" + name + ": " + err.Error())
		}
		for k, v := range raw {
			var s string
			if json.Unmarshal(v, &s) != nil {
				var forms struct{ Other string }
				if err := json.Unmarshal(v, &forms); err != nil {
					panic(fmt.Sprintf("ui: translations/%s: %q: %v", name, k, err))
				}
				s = forms.Other
			}
			if _, dup := out[k]; dup {
				panic(fmt.Sprintf("ui: translations/%s: %q is also in another file", name, k))
			}
			out[k] = s
		}
	}
	return out
}

var (
	langMu  sync.RWMutex
	curLang = "en"
)

// setLang switches the interface language ("ar" or "en").
func setLang(l string) {
	langMu.Lock()
	if l != "ar" {
		l = "en"
	}
	curLang = l
	langMu.Unlock()
}

// uiLang returns the interface language.
func uiLang() string {
	langMu.RLock()
	defer langMu.RUnlock()
	return curLang
}

// rtl reports whether the interface is right-to-left.
func rtl() bool { return uiLang() == "ar" }

// tr returns the message with the given key in the interface language,
// formatted with args when there are any. Unknown keys come back as they are.
func tr(key string, args ...any) string {
	m, ok := messages[key]
	s := key
	if ok {
		s = m[0]
		if uiLang() == "ar" && m[1] != "" {
			s = m[1]
		}
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// The same files give Fyne's own widgets and dialogs their texts (they
// follow the system locale); fyne.ar.json holds Fyne's strings in Arabic.
func init() {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fyne.LogError("translations", err)
	}
}

// joinDir joins interface parts in reading order: for Arabic the first part
// goes to the right, which a left-to-right container gives by reversing.
func joinDir[T any](items ...T) []T {
	if !rtl() {
		return items
	}
	out := make([]T, len(items))
	for i, it := range items {
		out[len(items)-1-i] = it
	}
	return out
}

// plainKey strips the trailing ellipsis of a menu label (for dialog titles).
func plainKey(s string) string { return strings.TrimSuffix(s, "…") }

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
