package ui

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/assets"
)

// TestTranslationsComplete: both files hold the same ids, every text is
// there in both languages, and a text's formatting verbs are the same in
// both (a translator who drops a %s would garble the message).
func TestTranslationsComplete(t *testing.T) {
	en, ar := readTranslations("en"), readTranslations("ar")
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)
	for k, e := range en {
		a, ok := ar[k]
		if !ok {
			t.Errorf("%q has no Arabic text", k)
			continue
		}
		if strings.TrimSpace(e) == "" || strings.TrimSpace(a) == "" {
			t.Errorf("%q: empty text", k)
		}
		ve, va := verbs.FindAllString(e, -1), verbs.FindAllString(a, -1)
		slices.Sort(ve)
		slices.Sort(va)
		if !slices.Equal(ve, va) {
			t.Errorf("%q: verbs %v in English, %v in Arabic", k, ve, va)
		}
	}
	for k := range ar {
		if _, ok := en[k]; !ok {
			t.Errorf("%q is in ar.json only", k)
		}
	}
	// Fyne's lang reads every file of the folder.
	entries, err := assets.Translations.ReadDir("translations")
	if err != nil || len(entries) < 3 {
		t.Fatalf("translations folder: %v %v", entries, err)
	}
	for _, e := range entries {
		b, _ := assets.Translations.ReadFile("translations/" + e.Name())
		if !json.Valid(b) {
			t.Errorf("%s is not valid JSON", e.Name())
		}
	}
	setLang("ar")
	defer setLang("en")
	if got := tr("menu.file"); got != "ملف" {
		t.Errorf("tr(menu.file) in Arabic = %q", got)
	}
}
