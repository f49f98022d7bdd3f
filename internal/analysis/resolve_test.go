package analysis

import (
	"errors"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestResolve(t *testing.T) {
	b := newBuilder()
	b.c("Terrorism", "threat", "الإرهاب")
	b.c("Youth", "opportunity", "الشباب")
	b.c("Youth programme", "recommendation", "الشباب")
	b.c("Security", "pillar", "الأمن المجتمعي")
	p := b.p
	p.Meta.Language = model.Arabic

	for _, q := range []string{b.ids["Terrorism"], "الإرهاب", "الارهاب", "الإِرْهَاب", "  terrorism ", "TERRORISM"} {
		c, err := Resolve(p, q, "")
		if err != nil || c.ID != b.ids["Terrorism"] {
			t.Errorf("Resolve(%q) = %v, %v", q, c, err)
		}
	}
	if c, err := Resolve(p, "Youth", ""); err != nil || c.Kind != "opportunity" {
		t.Errorf("English label: %v, %v", c, err)
	}

	_, err := Resolve(p, "الشباب", "")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Fatalf("ambiguous label: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"matches 2 concepts", "الشباب (opportunity) " + b.ids["Youth"], "الشباب (recommendation) " + b.ids["Youth programme"]} {
		if !strings.Contains(msg, want) {
			t.Errorf("ambiguity message lacks %q:\n%s", want, msg)
		}
	}
	// English labels tell the two apart.
	if c, err := Resolve(p, "youth programme", ""); err != nil || c.Kind != "recommendation" {
		t.Errorf("%v, %v", c, err)
	}

	_, err = Resolve(p, "الأمن", "")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "did you mean") || !strings.Contains(err.Error(), "الأمن المجتمعي (pillar)") {
		t.Errorf("no exact match: %v", err)
	}
	if strings.HasSuffix(err.Error(), "not found") {
		t.Errorf("message repeats the sentinel: %v", err)
	}
	if _, err := Resolve(p, "xyz", ""); !errors.Is(err, ErrNotFound) || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("nothing: %v", err)
	}
	if _, err := Resolve(p, "  ", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("blank: %v", err)
	}
}

func TestResolveView(t *testing.T) {
	b := newBuilder()
	b.p.Views = []model.View{
		{ID: b.id("v1"), Name: model.T("التهديدات", "Threats")},
		{ID: b.id("v2"), Name: model.T("الكل", "All")},
		{ID: b.id("v3"), Name: model.T("الكل", "Everything")},
	}
	for _, q := range []string{b.id("v1"), "التهديدات", "threats"} {
		if v, err := ResolveView(b.p, q); err != nil || v.ID != b.id("v1") {
			t.Errorf("ResolveView(%q) = %v, %v", q, v, err)
		}
	}
	if _, err := ResolveView(b.p, "الكل"); err == nil || !strings.Contains(err.Error(), "matches 2 views") {
		t.Errorf("ambiguous view: %v", err)
	}
	if _, err := ResolveView(b.p, "none"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing view: %v", err)
	}
}
