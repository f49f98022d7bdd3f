// Package synth builds deterministic synthetic projects for benchmarks and
// stress tests (e.g. 10,000 concepts, 30,000 relations, 2,000 sources and
// 20,000 citations). It does no I/O.
package synth

import (
	"fmt"
	"math/rand"
	"time"

	"github.com/google/uuid"
	"github.com/khareeta/khareeta/internal/model"
)

// Sizes says how many of each entity to make.
type Sizes struct {
	Concepts, Relations, Sources, Citations int
}

// Benchmark is the size the issues call "the benchmark project".
var Benchmark = Sizes{Concepts: 10000, Relations: 30000, Sources: 2000, Citations: 20000}

var words = []string{"الأمن", "المجتمعي", "التنمية", "العدالة", "الشباب", "الإعلام", "المؤسسات", "الثقة", "السلاح", "النزوح",
	"التماسك", "الهوية", "الإصلاح", "القانون", "الخدمات", "المشاركة", "الحوار", "التطرف", "الإرهاب", "المصالحة"}
var enWords = []string{"security", "community", "development", "justice", "youth", "media", "institutions", "trust", "weapons", "displacement",
	"cohesion", "identity", "reform", "law", "services", "participation", "dialogue", "extremism", "terrorism", "reconciliation"}

// Project returns a valid project of the given sizes; the same sizes and
// seed always give the same project (ids included).
func Project(n Sizes, seed int64) *model.Project {
	rng := rand.New(rand.NewSource(seed))
	ns := uuid.MustParse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	id := func(kind string, i int) string {
		return uuid.NewSHA1(ns, []byte(fmt.Sprintf("%d/%s/%d", seed, kind, i))).String()
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &model.Project{
		Meta:  model.Meta{Title: model.T("مشروع اصطناعي", "Synthetic project"), Language: model.Arabic},
		Kinds: model.BuiltinKinds(),
	}
	kinds := p.Kinds
	for i := 0; i < n.Concepts; i++ {
		a, b := rng.Intn(len(words)), rng.Intn(len(words))
		p.Concepts = append(p.Concepts, model.Concept{
			ID:          id("concept", i),
			Kind:        kinds[rng.Intn(len(kinds))].ID,
			Label:       model.T(fmt.Sprintf("%s %s %d", words[a], words[b], i), fmt.Sprintf("%s %s %d", enWords[a], enWords[b], i)),
			Description: model.T(fmt.Sprintf("وصف %s و%s", words[b], words[a]), ""),
			Created:     t0, Updated: t0,
		})
	}
	types := model.RelationTypes()
	for i := 0; i < n.Relations && n.Concepts > 1; i++ {
		from := rng.Intn(n.Concepts)
		to := rng.Intn(n.Concepts - 1)
		if to >= from {
			to++
		}
		rt := types[rng.Intn(len(types))]
		p.Relations = append(p.Relations, model.Relation{
			ID: id("relation", i), From: p.Concepts[from].ID, To: p.Concepts[to].ID,
			Type: rt.ID, Phrase: rt.Phrase.Clone(), Created: t0, Updated: t0,
		})
	}
	for i := 0; i < n.Sources; i++ {
		a := rng.Intn(len(enWords))
		p.Sources = append(p.Sources, model.Source{
			ID: id("source", i), Key: fmt.Sprintf("src%d", i), Type: "book",
			Authors: []model.Name{{Family: fmt.Sprintf("Author%d", i%97), Given: "A."}},
			Issued:  fmt.Sprint(1950 + i%75), Title: fmt.Sprintf("On %s and %s, volume %d", enWords[a], enWords[(a+3)%len(enWords)], i),
			Publisher: "Press", PublisherPlace: "Baghdad", Pages: "1-300", Language: "en",
			Created: t0, Updated: t0,
		})
	}
	for i := 0; i < n.Citations && n.Sources > 0 && n.Concepts > 0; i++ {
		c := model.Citation{ID: id("citation", i), Source: p.Sources[rng.Intn(n.Sources)].ID,
			Locator: fmt.Sprint(1 + rng.Intn(300)), Quote: fmt.Sprintf("اقتباس عن %s", words[rng.Intn(len(words))]),
			Created: t0, Updated: t0}
		if i%4 == 3 && len(p.Relations) > 0 {
			c.Relation = p.Relations[rng.Intn(len(p.Relations))].ID
		} else {
			c.Concept = p.Concepts[rng.Intn(n.Concepts)].ID
		}
		p.Citations = append(p.Citations, c)
	}
	p.Views = append(p.Views, model.View{ID: id("view", 0), Name: model.T("الكل", "Everything"), Created: t0, Updated: t0})
	return p
}
