package model

import (
	"sort"
	"strings"
)

// Languages the application knows by name. Any BCP 47 tag may be used as a
// key of Text; these two are the ones every project carries.
const (
	Arabic  = "ar"
	English = "en"
)

// Text is a short text in several languages, keyed by language tag
// ("ar", "en", …). A missing key and an empty string mean the same thing.
type Text map[string]string

// T builds a Text from Arabic and English strings, leaving out empty ones.
func T(ar, en string) Text {
	t := Text{}
	if ar != "" {
		t[Arabic] = ar
	}
	if en != "" {
		t[English] = en
	}
	return t
}

// Get returns the text in lang, or falls back to the other languages in a
// fixed order (Arabic, English, then the rest sorted) when lang is empty.
func (t Text) Get(lang string) string {
	if s := strings.TrimSpace(t[lang]); s != "" {
		return t[lang]
	}
	for _, l := range t.Langs() {
		if s := strings.TrimSpace(t[l]); s != "" {
			return t[l]
		}
	}
	return ""
}

// Empty reports whether no language has a non-blank text.
func (t Text) Empty() bool {
	for _, s := range t {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// Langs lists the languages that have a text: Arabic first, English second,
// the others sorted.
func (t Text) Langs() []string {
	var out, rest []string
	for l, s := range t {
		if s == "" {
			continue
		}
		switch l {
		case Arabic, English:
		default:
			rest = append(rest, l)
		}
	}
	if t[Arabic] != "" {
		out = append(out, Arabic)
	}
	if t[English] != "" {
		out = append(out, English)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// Clone returns a copy of t that shares nothing with it; empty entries are dropped.
func (t Text) Clone() Text {
	if t == nil {
		return nil
	}
	c := make(Text, len(t))
	for k, v := range t {
		if v != "" {
			c[k] = v
		}
	}
	return c
}

// Equal reports whether a and b hold the same non-empty texts.
func (t Text) Equal(o Text) bool {
	n := 0
	for k, v := range t {
		if v == "" {
			continue
		}
		n++
		if o[k] != v {
			return false
		}
	}
	for _, v := range o {
		if v != "" {
			n--
		}
	}
	return n == 0
}
