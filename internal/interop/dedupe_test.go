package interop

import (
	"reflect"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

func TestMergeSources(t *testing.T) {
	booth := model.Source{ID: model.NewID(), Key: "booth1991", Type: "article-journal", Authors: N(P("Booth", "Ken")), Issued: "1991",
		Title: "Security and emancipation", ContainerTitle: "Review of International Studies"}
	taai := model.Source{ID: model.NewID(), Type: "article-journal", Authors: N(P("الطائي", "خليل إسماعيل")), Issued: "2020",
		Title: "العدالة الاجتماعية والأمن المجتمعي في العراق: قراءة في التحديات", DOI: "10.1234/ABC"}
	undp := model.Source{ID: model.NewID(), Type: "report", Authors: N(I("United Nations Development Programme")), Issued: "1994",
		Title: "Human development report 1994", Publisher: "UNDP"}
	existing := []model.Source{booth, taai, undp}
	before := cloneSource(booth)

	incoming := []model.Source{
		// same key (other case), fills volume, conflicts on title and container
		{Key: "BOOTH1991", Type: "article-journal", Title: "Security & emancipation", Volume: "17", ContainerTitle: "RIS"},
		// same DOI given as a URL, fills pages
		{Type: "article-journal", Title: "عنوان آخر", DOI: "https://doi.org/10.1234/abc", Pages: "75-95"},
		// same title+year+first author after folding (diacritics, hamza, case, punctuation)
		{Type: "report", Authors: N(I("united nations development programme")), Issued: "1994-05", Title: "Human Development Report, 1994!", PublisherPlace: "New York"},
		// new
		{Type: "book", Authors: N(P("Kaldor", "Mary")), Issued: "1999", Title: "New and old wars"},
		// duplicate of the new one within the same file
		{Type: "book", Authors: N(P("Kaldor", "M.")), Issued: "1999", Title: "New and Old Wars", Publisher: "Polity Press"},
		// same id as an existing source
		{ID: undp.ID, Type: "report", Title: "Anything", Number: "1994"},
		// different year: not a duplicate
		{Type: "book", Authors: N(P("Kaldor", "Mary")), Issued: "2012", Title: "New and old wars"},
	}
	res := MergeSources(existing, incoming)
	if !reflect.DeepEqual(booth, before) {
		t.Error("MergeSources changed its input")
	}
	if len(res.Added) != 2 || res.Added[0].Issued != "1999" || res.Added[1].Issued != "2012" {
		t.Fatalf("added: %s", jsonOf(res.Added))
	}
	if res.Added[0].Publisher != "Polity Press" {
		t.Errorf("in-file duplicate did not fill the added source: %+v", res.Added[0])
	}
	for _, s := range res.Added {
		if !model.ValidID(s.ID) {
			t.Errorf("added source without id")
		}
	}
	type m struct {
		into, reason string
		filled       []string
		conflicts    []string
	}
	var got []m
	for _, x := range res.Merges {
		got = append(got, m{x.Into, x.Reason, x.Filled, x.Conflicts})
	}
	want := []m{
		{booth.ID, SameKey, []string{"volume"}, []string{"title", "container_title"}},
		{taai.ID, SameDOI, []string{"pages"}, []string{"title"}},
		{undp.ID, SameRecord, []string{"publisher_place"}, []string{"issued"}},
		{res.Added[0].ID, SameRecord, []string{"publisher"}, []string{"authors"}},
		{undp.ID, SameID, []string{"number"}, []string{"title"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merges:\n got %+v\nwant %+v", got, want)
	}
	if len(res.Updated) != 3 || res.Updated[0].Volume != "17" || res.Updated[1].Pages != "75-95" ||
		res.Updated[2].PublisherPlace != "New York" || res.Updated[2].Number != "1994" {
		t.Errorf("updated: %s", jsonOf(res.Updated))
	}
	// title conflict on a "same title" match is impossible; the DOI match kept the existing title
	if res.Updated[1].Title != taai.Title {
		t.Error("merge overwrote a filled field")
	}
}

func TestMergeIntoFillsNames(t *testing.T) {
	dst := model.Source{Title: "T"}
	filled, conflicts := MergeInto(&dst, model.Source{Title: "t", Authors: N(P("A", "B")), Editors: N(I("E"))})
	if !reflect.DeepEqual(filled, []string{"authors", "editors"}) || conflicts != nil || len(dst.Authors) != 1 {
		t.Errorf("filled %v conflicts %v dst %+v", filled, conflicts, dst)
	}
}

func TestDuplicates(t *testing.T) {
	a := model.Source{ID: "a", Title: "Same Title", Issued: "2020", Authors: N(P("Smith", "J."))}
	b := model.Source{ID: "b", Title: "Other", DOI: "10.1/x"}
	c := model.Source{ID: "c", Title: "same title.", Issued: "2020-01", Authors: N(P("SMITH", "John"))}
	d := model.Source{ID: "d", Title: "Third", DOI: "doi:10.1/X"}
	e := model.Source{ID: "e", Title: "Alone"}
	got := Duplicates([]model.Source{a, b, c, d, e})
	if want := [][]string{{"a", "c"}, {"b", "d"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Duplicates = %v, want %v", got, want)
	}
	if RecordKey(model.Source{}) != "" {
		t.Error("untitled record has a key")
	}
	if RecordKey(model.Source{Title: "الأمن المجتمعي", Authors: N(P("الطائي", ""))}) != RecordKey(model.Source{Title: "الأَمْن  المُجتمعيّ:", Authors: N(P("الطّائي", ""))}) {
		t.Error("Arabic diacritics or punctuation change the record key")
	}
}

func TestFoldDuplicate(t *testing.T) {
	keep := model.Source{ID: model.NewID(), Type: "book", Title: "Kept"}
	drop := model.Source{ID: model.NewID(), Type: "book", Title: "Dropped", Publisher: "Polity"}
	other := model.Source{ID: model.NewID(), Type: "book", Title: "Other"}
	p := &model.Project{Sources: []model.Source{keep, drop, other}, Citations: []model.Citation{
		{ID: "c1", Source: drop.ID, Concept: "x", Locator: "5"}, {ID: "c2", Source: other.ID, Concept: "x"}, {ID: "c3", Source: drop.ID, Relation: "r"}}}
	k, moved, err := FoldDuplicate(p, keep.ID, drop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if k.ID != keep.ID || k.Title != "Kept" || k.Publisher != "Polity" {
		t.Errorf("kept %+v", k)
	}
	if len(moved) != 2 || moved[0].ID != "c1" || moved[0].Source != keep.ID || moved[0].Locator != "5" || moved[1].ID != "c3" {
		t.Errorf("moved %+v", moved)
	}
	if p.Citations[0].Source != drop.ID || p.Sources[0].Publisher != "" {
		t.Error("FoldDuplicate changed the project")
	}
	if _, _, err := FoldDuplicate(p, keep.ID, keep.ID); err == nil {
		t.Error("merging a source into itself")
	}
	if _, _, err := FoldDuplicate(p, keep.ID, "nope"); err == nil {
		t.Error("missing source accepted")
	}
}
