package store

import (
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"sort"
	"unicode"
	"unicode/utf8"
)

// The search index (schema 4). Every searched text (search_docs.text, folded
// by model.Fold) is indexed under its grams: each letter and each pair of
// adjacent letters, white space left out. A query word of one or two
// letters is one gram; a longer word is found among the texts holding all
// its pairs. Either way the candidates are then checked against the texts
// themselves, so a search finds exactly the texts holding every word (see
// Search).
//
// search_grams holds, for each gram, search class and chunk of 1024 docids,
// the set of docids whose text holds the gram: a list of 2-byte offsets
// while it has fewer than 64 members, else a 128-byte bitmap. The class is
// a text's place in the result order (concept labels first: searchClass),
// so that a search reads its results in order and stops at its limit.

const (
	chunkShift  = 10
	chunkSize   = 1 << chunkShift
	bitmapBytes = chunkSize / 8
)

// bitset is the docids of one chunk, by offset.
type bitset [chunkSize / 64]uint64

func (b *bitset) set(off int, on bool) {
	if on {
		b[off/64] |= 1 << (off % 64)
	} else {
		b[off/64] &^= 1 << (off % 64)
	}
}

func (b *bitset) and(o *bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

func (b *bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// encode is the stored form of b: offsets while few, else the bitmap.
func (b *bitset) encode() []byte {
	n := b.count()
	if n < bitmapBytes/2 {
		out := make([]byte, 0, 2*n)
		for i, w := range b {
			for w != 0 {
				t := bits.TrailingZeros64(w)
				out = binary.LittleEndian.AppendUint16(out, uint16(i*64+t))
				w &= w - 1
			}
		}
		return out
	}
	out := make([]byte, bitmapBytes)
	for i, w := range b {
		binary.LittleEndian.PutUint64(out[8*i:], w)
	}
	return out
}

// decodeBitset reads a stored set; a malformed one (a damaged file) is
// read as far as it makes sense, which at worst makes a search miss.
func decodeBitset(p []byte) *bitset {
	var b bitset
	if len(p) == bitmapBytes {
		for i := range b {
			b[i] = binary.LittleEndian.Uint64(p[8*i:])
		}
		return &b
	}
	for i := 0; i+1 < len(p); i += 2 {
		b.set(int(binary.LittleEndian.Uint16(p[i:])%chunkSize), true)
	}
	return &b
}

// searchClass is a text's rank in search results: concepts, then sources,
// then citations; within each, labels and titles before other fields.
func searchClass(entity, field string) int {
	rank := 2
	switch entity {
	case "concept":
		rank = 0
	case "source":
		rank = 1
	}
	if field == "label" || field == "title" {
		return 2 * rank
	}
	return 2*rank + 1
}

// gramKey is one row of search_grams.
type gramKey struct {
	gram         string
	class, chunk int
}

func gramLess(a, b gramKey) bool {
	if a.gram != b.gram {
		return a.gram < b.gram
	}
	if a.class != b.class {
		return a.class < b.class
	}
	return a.chunk < b.chunk
}

// eachGram calls fn with each letter and each pair of adjacent letters of
// text (repeats included), leaving out white space, as gram codes.
func eachGram(text string, fn func(code uint64)) {
	prev := rune(-1) // the previous letter, -1 after a space
	for _, r := range text {
		if unicode.IsSpace(r) {
			prev = -1
			continue
		}
		fn(uint64(r)<<21 | noRune)
		if prev >= 0 {
			fn(uint64(prev)<<21 | uint64(r))
		}
		prev = r
	}
}

// A gram code is a gram's letters, 21 bits each; a one-letter gram's
// second letter is noRune. (An invalid byte of a text is read as U+FFFD,
// as range reads it: a gram only narrows the texts a search checks.)
const noRune = 1<<21 - 1

// gramString is the gram a code stands for.
func gramString(code uint64) string {
	a, b := rune(code>>21), rune(code&noRune)
	if b == noRune {
		return string(a)
	}
	return string([]rune{a, b})
}

// wordGrams is the grams a text must hold to hold word: the word itself
// when it has one or two letters, else its pairs.
func wordGrams(word string) []string {
	if utf8.RuneCountInString(word) <= 2 {
		return []string{word}
	}
	var starts []int
	for i := range word {
		starts = append(starts, i)
	}
	starts = append(starts, len(word))
	seen := map[string]bool{}
	var out []string
	for k := 0; k+2 < len(starts); k++ {
		if g := word[starts[k]:starts[k+2]]; !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// gramSets collects the docids of grams, by row of search_grams.
type gramSets map[codeKey]*bitset

// codeKey is gramKey with the gram as a code (cheaper to hash).
type codeKey struct {
	code         uint64
	class, chunk int32
}

func (m gramSets) add(docid int64, class int, text string) {
	chunk, off := int32(docid>>chunkShift), int(docid&(chunkSize-1))
	eachGram(text, func(code uint64) {
		k := codeKey{code, int32(class), chunk}
		b := m[k]
		if b == nil {
			b = new(bitset)
			m[k] = b
		}
		b.set(off, true)
	})
}

// rows lists the sets as rows of search_grams, in key order.
func (m gramSets) rows() [][]any {
	type row struct {
		key gramKey
		set *bitset
	}
	list := make([]row, 0, len(m))
	for k, b := range m {
		list = append(list, row{gramKey{gramString(k.code), int(k.class), int(k.chunk)}, b})
	}
	sort.Slice(list, func(i, j int) bool { return gramLess(list[i].key, list[j].key) })
	rows := make([][]any, 0, len(list))
	for _, r := range list {
		rows = append(rows, []any{r.key.gram, r.key.class, r.key.chunk, r.set.encode()})
	}
	return rows
}

// gramChange is the docids a transaction added to (true) or removed from
// (false) one row of search_grams; the last change of a docid wins.
type gramChange map[int64]bool

// markGrams records that a text was added to or removed from the index;
// flushGrams writes the changes before the transaction commits.
func (tx *Tx) markGrams(docid int64, class int, text string, on bool) {
	if tx.grams == nil {
		tx.grams = map[gramKey]gramChange{}
	}
	chunk := int(docid >> chunkShift)
	eachGram(text, func(code uint64) {
		k := gramKey{gramString(code), class, chunk}
		c := tx.grams[k]
		if c == nil {
			c = gramChange{}
			tx.grams[k] = c
		}
		c[docid] = on
	})
}

// flushGrams applies the recorded changes to search_grams, one row at a
// time (read, change, write or delete).
func (tx *Tx) flushGrams() error {
	if len(tx.grams) == 0 {
		return nil
	}
	keys := make([]gramKey, 0, len(tx.grams))
	for k := range tx.grams {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return gramLess(keys[i], keys[j]) })
	for _, k := range keys {
		var stored []byte
		err := tx.queryRow(`SELECT docs FROM search_grams WHERE gram = ? AND class = ? AND chunk = ?`, k.gram, k.class, k.chunk).Scan(&stored)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("update the search index: %w", classify(err))
		}
		b := decodeBitset(stored)
		for docid, on := range tx.grams[k] {
			b.set(int(docid&(chunkSize-1)), on)
		}
		if b.count() == 0 {
			_, err = tx.exec(`DELETE FROM search_grams WHERE gram = ? AND class = ? AND chunk = ?`, k.gram, k.class, k.chunk)
		} else {
			_, err = tx.exec(`INSERT INTO search_grams(gram, class, chunk, docs) VALUES (?, ?, ?, ?)
				ON CONFLICT(gram, class, chunk) DO UPDATE SET docs = excluded.docs`, k.gram, k.class, k.chunk, b.encode())
		}
		if err != nil {
			return fmt.Errorf("update the search index: %w", classify(err))
		}
	}
	tx.grams = nil
	return nil
}

// rebuildGrams fills search_grams again from the texts of search_docs (the
// migration to schema 4 runs it in its transaction).
func rebuildGrams(tx *sql.Tx) error {
	wrap := func(err error) error { return fmt.Errorf("build the search index: %w", classify(err)) }
	if _, err := tx.Exec(`DELETE FROM search_grams`); err != nil {
		return wrap(err)
	}
	rows, err := tx.Query(`SELECT docid, entity, field, text FROM search_docs`)
	if err != nil {
		return wrap(err)
	}
	sets := gramSets{}
	for rows.Next() {
		var docid int64
		var entity, field, text string
		if err := rows.Scan(&docid, &entity, &field, &text); err != nil {
			rows.Close()
			return wrap(err)
		}
		sets.add(docid, searchClass(entity, field), text)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return wrap(err)
	}
	return insertRows(tx.Exec, searchGramRows, sets.rows())
}
