package model

import (
	"errors"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"الأَمْنُ المُجْتَمَعِيّ", "الامن المجتمعي"},
		{"إعادة بنـــاء", "اعاده بناء"},
		{"آفاق مستقبلية", "افاق مستقبليه"},
		{"مستوى", "مستوي"},
		{"مسؤولية", "مسووليه"},
		{"رئيس", "رييس"},
		{"عام ٢٠٠٣", "عام 2003"},
		{"  Community   Security ", "community security"},
		{"Caballero-Anthóny", "caballero-anthony"},
		{"\u202bنص\u202c", "نص"},
		{"ﻻ", "لا"}, // lam-alef presentation form
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextGetFallsBack(t *testing.T) {
	tx := T("أمن", "Security")
	if tx.Get("en") != "Security" || tx.Get("fr") != "أمن" || T("", "x").Get("ar") != "x" {
		t.Errorf("Get fallback wrong: %q %q", tx.Get("en"), tx.Get("fr"))
	}
	if !T("", "").Empty() || (Text{"ar": "  "}).Empty() == false {
		t.Error("Empty wrong")
	}
	if !tx.Equal(Text{"ar": "أمن", "en": "Security", "fr": ""}) || tx.Equal(T("أمن", "")) {
		t.Error("Equal wrong")
	}
}

func validProject() *Project {
	a := Concept{ID: NewID(), Kind: KindThreat, Label: T("تهديد", "Threat")}
	b := Concept{ID: NewID(), Kind: KindPillar, Label: T("ركيزة", "Pillar")}
	r := Relation{ID: NewID(), From: a.ID, To: b.ID, Type: "weakens"}
	s := Source{ID: NewID(), Type: "book", Title: "كتاب"}
	return &Project{
		Meta: Meta{Language: Arabic}, Kinds: BuiltinKinds(),
		Concepts: []Concept{a, b}, Relations: []Relation{r}, Sources: []Source{s},
		Citations: []Citation{{ID: NewID(), Source: s.ID, Concept: a.ID, Locator: "3"}},
		Views:     []View{{ID: NewID(), Name: T("كل شيء", ""), Kinds: []string{KindThreat}}},
	}
}

func TestValidate(t *testing.T) {
	if err := validProject().Validate(); err != nil {
		t.Fatalf("valid project: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(p *Project)
		want   string
	}{
		{"empty label", func(p *Project) { p.Concepts[0].Label = T(" ", "") }, "label is empty"},
		{"unknown kind", func(p *Project) { p.Concepts[0].Kind = "villain" }, `unknown kind "villain"`},
		{"relation to missing concept", func(p *Project) { p.Relations[0].To = NewID() }, "missing concept"},
		{"duplicate id", func(p *Project) { p.Concepts[1].ID = p.Concepts[0].ID }, "used twice"},
		{"citation of both", func(p *Project) { p.Citations[0].Relation = p.Relations[0].ID }, "exactly one"},
		{"citation of missing source", func(p *Project) { p.Citations[0].Source = NewID() }, "missing source"},
		{"view of unknown kind", func(p *Project) { p.Views[0].Kinds = []string{"nope"} }, `unknown kind "nope"`},
		{"bad engine", func(p *Project) { p.Views[0].Layout.Engine = "magic" }, "unknown layout engine"},
		{"bad colour", func(p *Project) { p.Kinds[0].Color = "red" }, "not of the form #rrggbb"},
		{"bad shape", func(p *Project) { p.Kinds[0].Shape = "star" }, "unknown shape"},
		{"invalid UTF-8", func(p *Project) { p.Concepts[0].Label = T("\xff\xfe", "") }, "not valid UTF-8"},
		{"huge label", func(p *Project) { p.Concepts[0].Label = T(strings.Repeat("ا", MaxLabelLen+1), "") }, "more than 5000"},
		{"bad language", func(p *Project) { p.Meta.Language = "xx" }, "primary language"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProject()
			tt.mutate(p)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid mentioning %q", err, tt.want)
			}
		})
	}
}

func TestViewConcepts(t *testing.T) {
	// a → b → c → d, e isolated; kinds: a,b threat; c,d pillar; e actor.
	ids := make([]string, 5)
	p := &Project{Meta: Meta{Language: Arabic}, Kinds: BuiltinKinds()}
	kinds := []string{KindThreat, KindThreat, KindPillar, KindPillar, KindActor}
	for i := range ids {
		ids[i] = NewID()
		p.Concepts = append(p.Concepts, Concept{ID: ids[i], Kind: kinds[i], Label: T(string(rune('a'+i)), "")})
	}
	for i := 0; i < 3; i++ {
		p.Relations = append(p.Relations, Relation{ID: NewID(), From: ids[i], To: ids[i+1], Type: "weakens"})
	}
	ix := NewIndex(p)
	got := func(v View) string {
		var s []string
		for _, id := range ViewConcepts(p, ix, v) {
			s = append(s, ix.Concepts[id].Label["ar"])
		}
		return strings.Join(s, "")
	}
	tests := []struct {
		name string
		v    View
		want string
	}{
		{"all", View{}, "abcde"},
		{"kinds", View{Kinds: []string{KindPillar}}, "cd"},
		{"kinds plus explicit", View{Kinds: []string{KindPillar}, Concepts: []string{ids[4]}}, "cde"},
		{"focus depth 1", View{Focus: ids[1], Depth: 1}, "abc"},
		{"focus depth 2", View{Focus: ids[0], Depth: 2}, "abc"},
		{"focus within kinds", View{Kinds: []string{KindThreat}, Focus: ids[1], Depth: 5}, "ab"},
	}
	for _, tt := range tests {
		if g := got(tt.v); g != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, g, tt.want)
		}
	}
	if n := len(ViewRelations(p, ViewConcepts(p, ix, View{Kinds: []string{KindThreat, KindPillar}}))); n != 3 {
		t.Errorf("relations among a..d = %d, want 3", n)
	}
}
