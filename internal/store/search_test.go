package store

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

// bruteSearch is what Search must return, by reading every text: each word
// of the folded query is a substring of the folded text; concepts first,
// then sources, then citations; labels and titles before other fields;
// then in index order (the order of the SQL the FTS5 search used).
func bruteSearch(t testing.TB, s *Store, query string, limit int) []Hit {
	t.Helper()
	if limit <= 0 {
		limit = 50
	}
	words := strings.Fields(model.Fold(query))
	if len(words) == 0 {
		return nil
	}
	q := `SELECT docid, entity, id, field, text FROM search_docs`
	if v, _ := s.SchemaVersionOf(); v < 4 {
		q = `SELECT d.docid, d.entity, d.id, d.field, c.c0 FROM search_docs d JOIN search_content c ON c.id = d.docid`
	}
	rows, err := s.db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type doc struct {
		docid int64
		rank  [2]int
		hit   Hit
	}
	var found []doc
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.docid, &d.hit.Entity, &d.hit.ID, &d.hit.Field, &d.hit.Text); err != nil {
			t.Fatal(err)
		}
		all := true
		for _, w := range words {
			all = all && strings.Contains(d.hit.Text, w)
		}
		if !all {
			continue
		}
		switch d.hit.Entity {
		case "concept":
			d.rank[0] = 0
		case "source":
			d.rank[0] = 1
		default:
			d.rank[0] = 2
		}
		if d.hit.Field != "label" && d.hit.Field != "title" {
			d.rank[1] = 1
		}
		found = append(found, d)
	}
	sort.Slice(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.rank != b.rank {
			return a.rank[0] < b.rank[0] || a.rank[0] == b.rank[0] && a.rank[1] < b.rank[1]
		}
		return a.docid < b.docid
	})
	var hits []Hit
	for i := 0; i < len(found) && i < limit; i++ {
		hits = append(hits, found[i].hit)
	}
	return hits
}

// searchQueries lists the queries the search is checked with: every
// Arabic letter (and its hamza, alef and taa marbuta forms), Latin
// letters and digits, pairs of them (most match nothing), three-letter
// pieces of the project's own texts and made-up ones, words with
// diacritics, tatweel and alef variants, accented Latin, several words,
// and characters that meant something to LIKE or FTS5.
func searchQueries(t testing.TB, s *Store) []string {
	arabic := []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهويءةىأإآؤئ")
	latin := []rune("abcdefghijklmnopqrstuvwxyz0123456789")
	var qs []string
	for _, r := range arabic {
		qs = append(qs, string(r))
	}
	for _, r := range latin {
		qs = append(qs, string(r), strings.ToUpper(string(r)))
	}
	some := []rune("الملنتيوهعرسظضغأةى")
	for _, a := range some {
		for _, b := range some {
			qs = append(qs, string([]rune{a, b}))
		}
	}
	someLatin := []rune("etaoinsrxqzc1")
	for _, a := range someLatin {
		for _, b := range someLatin {
			qs = append(qs, string([]rune{a, b}))
		}
	}
	// Three- and four-letter pieces of real texts, and random ones.
	q := `SELECT text FROM search_docs ORDER BY docid`
	if v, _ := s.SchemaVersionOf(); v < 4 {
		q = `SELECT c0 FROM search_content ORDER BY id`
	}
	rows, err := s.db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(7))
	i := 0
	for rows.Next() {
		var text string
		rows.Scan(&text)
		if i++; i%37 != 0 {
			continue
		}
		r := []rune(text)
		for _, n := range []int{3, 4} {
			if len(r) >= n {
				at := rng.Intn(len(r) - n + 1)
				qs = append(qs, string(r[at:at+n]))
			}
		}
	}
	rows.Close()
	for k := 0; k < 60; k++ {
		qs = append(qs, string([]rune{arabic[rng.Intn(len(arabic))], arabic[rng.Intn(len(arabic))], arabic[rng.Intn(len(arabic))]}))
		qs = append(qs, string([]rune{latin[rng.Intn(len(latin))], latin[rng.Intn(len(latin))], latin[rng.Intn(len(latin))]}))
	}
	qs = append(qs,
		"الأمن", "الامن", "الْأَمْنُ", "إرهاب", "الإرهاب", "آمن", "أمن", "ٱلأمن", "العدالة", "العداله", "عدالة",
		"الـــامـــن", "مؤسسات", "المؤسسات", "مسؤول", "هيئة", "هيىه", "على", "علي", "١٥٠٠", "۱۵۰۰", "1500",
		"Security", "SÉCURITÉ", "sécurité", "Trust  law", "ال ال", "الامن التنمية", "اقتباس عن الشباب", "وصف الهويه والحوار",
		"ظظ", "zq", "%", "_", "a%", `"`, `"ال"`, "ال*", "NEAR", "AND", "OR", "ـ", "\u200fالامن\u200f", "ﻻ", "ﷲ",
		"", "   ", "ً", "ال ظظ", "ا ل م",
	)
	return qs
}

// compareSearch checks Search against the brute-force scan for every query,
// with the default limit and with no effective limit.
func compareSearch(t *testing.T, s *Store, qs []string) {
	t.Helper()
	bad := 0
	for _, q := range qs {
		all := bruteSearch(t, s, q, 1<<20)
		for _, limit := range []int{0, 7, 1 << 20} {
			got, err := s.Search(q, limit)
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			want := all
			if n := limit; n <= 0 {
				want = all[:min(50, len(all))]
			} else {
				want = all[:min(n, len(all))]
			}
			if len(got) == 0 && len(want) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				if bad++; bad <= 10 {
					t.Errorf("search %q (limit %d): %d hits, want %d", q, limit, len(got), len(want))
				}
			}
		}
	}
}

// checkGramsMatchTexts checks that search_grams holds exactly the grams
// of the texts in search_docs, as a rebuild would write them.
func checkGramsMatchTexts(t *testing.T, s *Store) {
	t.Helper()
	want := gramSets{}
	rows, err := s.db.Query(`SELECT docid, entity, field, text FROM search_docs`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var docid int64
		var entity, field, text string
		rows.Scan(&docid, &entity, &field, &text)
		want.add(docid, searchClass(entity, field), text)
	}
	rows.Close()
	got := map[gramKey][]byte{}
	rows, err = s.db.Query(`SELECT gram, class, chunk, docs FROM search_grams`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k gramKey
		var docs []byte
		rows.Scan(&k.gram, &k.class, &k.chunk, &docs)
		got[k] = docs
	}
	rows.Close()
	if len(got) != len(want) {
		t.Errorf("search_grams has %d rows, the texts give %d", len(got), len(want))
	}
	n := 0
	for ck, b := range want {
		k := gramKey{gramString(ck.code), int(ck.class), int(ck.chunk)}
		if g, ok := got[k]; !ok || string(g) != string(b.encode()) {
			if n++; n <= 5 {
				t.Errorf("search_grams row %+v: %x, want %x", k, g, b.encode())
			}
		}
	}
}

// TestSearchEqualsAScanOfTheTexts: on the bundled sample project and a
// synthetic one, created in bulk and then edited record by record, the
// gram index finds exactly what reading every text finds, in the same
// order, for a thousand queries of one, two, three and more letters.
func TestSearchEqualsAScanOfTheTexts(t *testing.T) {
	sample, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	big := synth.Project(synth.Sizes{Concepts: 600, Relations: 900, Sources: 120, Citations: 1000}, 3)
	for name, p := range map[string]*model.Project{"sample": sample, "synthetic": big} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name+".kmap")
			s, err := CreateProject(path, p)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			qs := searchQueries(t, s)
			if len(qs) < 800 {
				t.Fatalf("only %d queries", len(qs))
			}
			compareSearch(t, s, qs)
			checkGramsMatchTexts(t, s)

			// Edits one by one: relabel (diacritics, alef forms, Latin
			// accents), delete (their citations go too), add.
			rng := rand.New(rand.NewSource(11))
			loaded, err := s.Load()
			if err != nil {
				t.Fatal(err)
			}
			labels := []string{"الأَمْنُ المُجْتَمَعِيّ", "إصلاح المؤسسات", "ظظ جديد", "Sécurité ÉTAT", "مسؤولية هيئة", "ﷲ ﻻ", "ـالتـنـمـيـة"}
			err = s.Update(func(tx *Tx) error {
				for i := 0; i < 40; i++ {
					c := loaded.Concepts[rng.Intn(len(loaded.Concepts))]
					c.Label = model.T(labels[i%len(labels)]+fmt.Sprint(i), "label "+fmt.Sprint(i))
					if err := tx.PutConcept(c); err != nil {
						return err
					}
				}
				for i := 0; i < 10; i++ {
					if err := tx.DeleteConcept(loaded.Concepts[len(loaded.Concepts)-1-i].ID); err != nil {
						return err
					}
				}
				for i := 0; i < 25; i++ {
					c := model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T(labels[i%len(labels)], ""),
						Description: model.T("وصف جديد "+fmt.Sprint(i), "")}
					if err := tx.PutConcept(c); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			compareSearch(t, s, append(qs, labels...))
			checkGramsMatchTexts(t, s)
		})
	}
}

// A real schema-3 file (testdata/v3-small.kmap, made by the previous
// release) is searched as it is when opened read-only (by reading its
// texts), and opened for writing it is migrated to schema 4 in one
// transaction: records and versions kept, texts moved out of FTS5, grams
// built; both find the same.
func TestMigrationFromARealVersion3File(t *testing.T) {
	orig, err := os.ReadFile(filepath.Join("testdata", "v3-small.kmap"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v3.kmap")
	os.WriteFile(path, orig, 0o644)
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := ro.SchemaVersionOf(); v != 3 {
		t.Fatalf("the fixture has schema %d", v)
	}
	before, err := ro.Load()
	if err != nil {
		t.Fatal(err)
	}
	var vers map[string]string
	ro.View(func(tx *Tx) error { vers, err = tx.Versions(); return err })
	qs := searchQueries(t, ro)
	compareSearch(t, ro, qs)
	old := map[string][]Hit{}
	for _, q := range qs {
		if old[q], err = ro.Search(q, 1000); err != nil {
			t.Fatal(err)
		}
	}
	ro.Close()
	if string(orig) != string(fileBytes(t, path)) {
		t.Fatal("reading the v3 file changed it")
	}

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersionOf(); v != SchemaVersion {
		t.Fatalf("schema %d after opening", v)
	}
	after, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) || len(after.Concepts) != 8 || len(after.Positions) != 8 {
		t.Fatal("the records changed in the migration")
	}
	var vers2 map[string]string
	s.View(func(tx *Tx) error { vers2, err = tx.Versions(); return err })
	if !reflect.DeepEqual(vers, vers2) {
		t.Error("the migration changed versions")
	}
	checkGramsMatchTexts(t, s)
	compareSearch(t, s, qs)
	for _, q := range qs {
		got, err := s.Search(q, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, old[q]) {
			t.Errorf("search %q after the migration: %v, before: %v", q, got, old[q])
		}
	}
	found := 0
	for _, h := range old {
		found += len(h)
	}
	if found == 0 {
		t.Error("no query found anything in the v3 file")
	}
	if p := Check(path); len(p) != 0 {
		t.Fatal(p)
	}
}

// TestGramsOfAWord: the grams a word needs are the word itself up to two
// letters, else its distinct pairs; a text's grams skip white space.
func TestGramsOfAWord(t *testing.T) {
	if g := wordGrams("ال"); !reflect.DeepEqual(g, []string{"ال"}) {
		t.Error(g)
	}
	if g := wordGrams("الال"); !reflect.DeepEqual(g, []string{"ال", "لا"}) {
		t.Error(g)
	}
	var got []string
	eachGram("اب ج\u2029د", func(code uint64) { got = append(got, gramString(code)) })
	if want := []string{"ا", "ب", "اب", "ج", "د"}; !reflect.DeepEqual(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
	for _, g := range got {
		if !utf8.ValidString(g) {
			t.Errorf("gram %q", g)
		}
	}
}
