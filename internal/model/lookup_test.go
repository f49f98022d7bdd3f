package model

import (
	"errors"
	"strings"
	"testing"
)

func lookupProject() *Project {
	c := func(id, ar, en, kind string) Concept { return Concept{ID: id, Kind: kind, Label: T(ar, en)} }
	return &Project{
		Meta: Meta{Language: Arabic},
		Concepts: []Concept{
			c("c1", "الإرهاب", "Terrorism", "threat"),
			c("c2", "الإرهاب الإلكتروني", "Cyber terrorism", "threat"),
			c("c3", "الشباب", "Youth", "opportunity"),
			c("c4", "الشباب", "Youth employment", "recommendation"),
			c("c5", "الأمن", "", "pillar"),
			c("c6", "الامن", "", "pillar"),
			c("c7", "التماسك الاجتماعي", "Social cohesion", "pillar"),
		},
		Views: []View{
			{ID: "v1", Name: T("التهديدات", "Threats")},
			{ID: "v2", Name: T("الكل", "All")},
			{ID: "v3", Name: T("الكل", "Everything")},
		},
	}
}

func TestFindConceptRule(t *testing.T) {
	p := lookupProject()
	for _, tc := range []struct{ q, want string }{
		{"c7", "c7"},        // id
		{"  c7 ", "c7"},     // id, trimmed
		{"الإرهاب", "c1"},   // exact label, although c2 contains it
		{"terrorism", "c1"}, // folded (case)
		{"التماسك الاجتماعى", "c7"}, // folded (alef maqsura)
		{"Youth employment", "c4"},  // exact label in another language
		{"الأمن", "c5"},             // exact wins over a folded twin
		{"الامن", "c6"},             // exact wins over a folded twin
		{"Social  cohesion", "c7"},  // folded spacing
		{"Cyber terrorism", "c2"},
	} {
		c, err := FindConcept(p, tc.q, "")
		if err != nil || c.ID != tc.want {
			t.Errorf("FindConcept(%q) = %v, %v; want %s", tc.q, c, err, tc.want)
		}
	}
	// Two exact matches: ambiguous, listing both with kind and id.
	_, err := FindConcept(p, "الشباب", "en")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 || !strings.Contains(err.Error(), "matches 2 concepts") ||
		!strings.Contains(err.Error(), "Youth (opportunity) c3") || !strings.Contains(err.Error(), "Youth employment (recommendation) c4") {
		t.Errorf("ambiguous: %v", err)
	}
	// Two folded matches and no exact one: ambiguous.
	if _, err := FindConcept(p, "الآمن", ""); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("folded twins: %v", err)
	}
	// A part of a label is never taken, even when only one label contains it; it is suggested.
	_, err = FindConcept(p, "الإلكتروني", "")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "did you mean") || !strings.Contains(err.Error(), "c2") {
		t.Errorf("partial: %v", err)
	}
	if _, err := FindConcept(p, "", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("empty: %v", err)
	}
}

func TestFindViewRule(t *testing.T) {
	p := lookupProject()
	for _, q := range []string{"v1", "Threats", "threats", " التهديدات "} {
		if v, err := FindView(p, q); err != nil || v.ID != "v1" {
			t.Errorf("FindView(%q) = %v, %v", q, v, err)
		}
	}
	if _, err := FindView(p, "الكل"); err == nil || !strings.Contains(err.Error(), "matches 2 views") || !strings.Contains(err.Error(), "v3") {
		t.Errorf("ambiguous view: %v", err)
	}
	_, err := FindView(p, "nothing")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `no view named "nothing" (views: "التهديدات", "الكل", "الكل")`) {
		t.Errorf("missing view: %v", err)
	}
	if _, err := FindView(&Project{}, "x"); err == nil || !strings.Contains(err.Error(), "has no views") {
		t.Errorf("no views: %v", err)
	}
}
