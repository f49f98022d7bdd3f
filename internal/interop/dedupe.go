package interop

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/khareeta/khareeta/internal/model"
)

// Reasons two sources are taken to be the same record, strongest first.
const (
	SameID     = "same id"
	SameDOI    = "same DOI"
	SameKey    = "same citation key"
	SameRecord = "same title, year and first author"
)

// Merge records that an incoming source was folded into another one
// instead of being added.
type Merge struct {
	Into      string       // id of the source kept (an existing one, or one added earlier in the same import)
	From      model.Source // the incoming record
	Reason    string       // SameID, SameDOI, SameKey or SameRecord
	Filled    []string     // fields of Into filled from From ("publisher", "authors", …)
	Conflicts []string     // fields where both had different values; Into's were kept
}

// MergeResult is the outcome of MergeSources.
type MergeResult struct {
	Added   []model.Source // new sources, ids assigned, in input order
	Updated []model.Source // existing sources that gained fields, in existing order
	Merges  []Merge        // one per incoming source that was not added
}

// MergeSources folds incoming sources into existing ones without touching
// either slice: an incoming source that matches an existing one (or one
// added before it in incoming) by id, DOI, citation key, or folded title +
// year + first author is merged into it, filling its empty fields; the rest
// are added. The result is deterministic and does no I/O, so the CLI import
// and the GUI's import dialog and "merge duplicates" share it.
func MergeSources(existing, incoming []model.Source) MergeResult {
	var res MergeResult
	pool := make([]model.Source, len(existing), len(existing)+len(incoming))
	copy(pool, existing)
	for i := range pool {
		pool[i] = cloneSource(pool[i])
	}
	nExisting := len(existing)
	changed := map[int]bool{}
	ix := newDupIndex()
	for i := range pool {
		ix.add(pool[i], i)
	}
	for _, in := range incoming {
		if j, why := ix.find(in); j >= 0 {
			filled, conflicts := MergeInto(&pool[j], in)
			if len(filled) > 0 {
				changed[j] = true
				ix.add(pool[j], j) // new DOI or key may now match later records
			}
			res.Merges = append(res.Merges, Merge{Into: pool[j].ID, From: in, Reason: why, Filled: filled, Conflicts: conflicts})
			continue
		}
		s := cloneSource(in)
		if !model.ValidID(s.ID) || ix.hasID(s.ID) {
			s.ID = model.NewID()
		}
		pool = append(pool, s)
		ix.add(s, len(pool)-1)
	}
	for i := 0; i < nExisting; i++ {
		if changed[i] {
			res.Updated = append(res.Updated, pool[i])
		}
	}
	res.Added = pool[nExisting:]
	if len(res.Added) == 0 {
		res.Added = nil
	}
	return res
}

// Duplicates groups the ids of sources that MergeSources would merge:
// each group lists the first source and then its duplicates, in input
// order; sources without a duplicate are left out. The GUI's "merge
// duplicates" offers these groups.
func Duplicates(sources []model.Source) [][]string {
	ix := newDupIndex()
	groups := map[int][]string{}
	var order []int
	for i, s := range sources {
		if j, _ := ix.find(s); j >= 0 {
			if len(groups[j]) == 0 {
				groups[j] = []string{sources[j].ID}
				order = append(order, j)
			}
			groups[j] = append(groups[j], s.ID)
			continue
		}
		ix.add(s, i)
	}
	out := make([][]string, 0, len(order))
	for _, j := range order {
		out = append(out, groups[j])
	}
	return out
}

// MergeInto fills dst's empty fields (and empty author or editor lists)
// from src and returns the names of the fields it filled and of those
// where both had different values (dst's are kept). Id and timestamps are
// not touched.
func MergeInto(dst *model.Source, src model.Source) (filled, conflicts []string) {
	fields := []struct {
		name     string
		dst, src *string
	}{
		{"key", &dst.Key, &src.Key}, {"type", &dst.Type, &src.Type}, {"issued", &dst.Issued, &src.Issued},
		{"title", &dst.Title, &src.Title}, {"container_title", &dst.ContainerTitle, &src.ContainerTitle},
		{"publisher", &dst.Publisher, &src.Publisher}, {"publisher_place", &dst.PublisherPlace, &src.PublisherPlace},
		{"volume", &dst.Volume, &src.Volume}, {"issue", &dst.Issue, &src.Issue}, {"pages", &dst.Pages, &src.Pages},
		{"number", &dst.Number, &src.Number}, {"doi", &dst.DOI, &src.DOI}, {"url", &dst.URL, &src.URL},
		{"language", &dst.Language, &src.Language}, {"accessed", &dst.Accessed, &src.Accessed}, {"note", &dst.Note, &src.Note},
	}
	for _, f := range fields {
		d, s := strings.TrimSpace(*f.dst), strings.TrimSpace(*f.src)
		switch {
		case s == "":
		case d == "":
			*f.dst = *f.src
			filled = append(filled, f.name)
		case !sameValue(f.name, d, s):
			conflicts = append(conflicts, f.name)
		}
	}
	names := []struct {
		name     string
		dst, src *[]model.Name
	}{{"authors", &dst.Authors, &src.Authors}, {"editors", &dst.Editors, &src.Editors}}
	for _, n := range names {
		switch {
		case len(*n.src) == 0:
		case len(*n.dst) == 0:
			*n.dst = append([]model.Name(nil), *n.src...)
			filled = append(filled, n.name)
		case !sameNames(*n.dst, *n.src):
			conflicts = append(conflicts, n.name)
		}
	}
	return filled, conflicts
}

func sameValue(field, a, b string) bool {
	switch field {
	case "doi":
		return strings.EqualFold(normDOI(a), normDOI(b))
	case "key":
		return strings.EqualFold(a, b)
	case "pages":
		return strings.NewReplacer("–", "-", "--", "-", " ", "").Replace(a) == strings.NewReplacer("–", "-", "--", "-", " ", "").Replace(b)
	}
	return a == b || foldWords(a) == foldWords(b)
}

func sameNames(a, b []model.Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if model.Fold(a[i].String()) != model.Fold(b[i].String()) {
			return false
		}
	}
	return true
}

func cloneSource(s model.Source) model.Source {
	s.Authors = append([]model.Name(nil), s.Authors...)
	s.Editors = append([]model.Name(nil), s.Editors...)
	return s
}

// dupIndex finds a source's earlier duplicate by id, DOI, key or record.
type dupIndex struct {
	id, doi, key, rec map[string]int
}

func newDupIndex() *dupIndex {
	return &dupIndex{id: map[string]int{}, doi: map[string]int{}, key: map[string]int{}, rec: map[string]int{}}
}

func (ix *dupIndex) add(s model.Source, i int) {
	put := func(m map[string]int, k string) {
		if k == "" {
			return
		}
		if _, ok := m[k]; !ok {
			m[k] = i
		}
	}
	put(ix.id, s.ID)
	put(ix.doi, doiKey(s.DOI))
	put(ix.key, strings.ToLower(strings.TrimSpace(s.Key)))
	put(ix.rec, RecordKey(s))
}

func (ix *dupIndex) hasID(id string) bool { _, ok := ix.id[id]; return ok }

func (ix *dupIndex) find(s model.Source) (int, string) {
	if s.ID != "" {
		if j, ok := ix.id[s.ID]; ok {
			return j, SameID
		}
	}
	if k := doiKey(s.DOI); k != "" {
		if j, ok := ix.doi[k]; ok {
			return j, SameDOI
		}
	}
	if k := strings.ToLower(strings.TrimSpace(s.Key)); k != "" {
		if j, ok := ix.key[k]; ok {
			return j, SameKey
		}
	}
	if k := RecordKey(s); k != "" {
		if j, ok := ix.rec[k]; ok {
			return j, SameRecord
		}
	}
	return -1, ""
}

func doiKey(doi string) string { return strings.ToLower(normDOI(doi)) }

// RecordKey is the normalised title + year + first author that identifies a
// record across files: model.Fold'ed, punctuation dropped. It is "" when
// the source has no title.
func RecordKey(s model.Source) string {
	t := foldWords(s.Title)
	if t == "" {
		return ""
	}
	var first string
	switch {
	case len(s.Authors) > 0:
		first = nameKey(s.Authors[0])
	case len(s.Editors) > 0:
		first = nameKey(s.Editors[0])
	}
	return t + "\x00" + s.Year() + "\x00" + first
}

func nameKey(n model.Name) string {
	if n.Literal != "" {
		return foldWords(n.Literal)
	}
	if n.Family != "" {
		return foldWords(n.Family)
	}
	return foldWords(n.Given)
}

// foldWords folds s and keeps only letters and digits, one space between words.
func foldWords(s string) string {
	f := model.Fold(s)
	var b strings.Builder
	sp := false
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if sp && b.Len() > 0 {
				b.WriteByte(' ')
			}
			sp = false
			b.WriteRune(r)
		} else {
			sp = true
		}
	}
	return b.String()
}

// FoldDuplicate plans the merge of source dropID into source keepID, for
// the GUI's "merge duplicates": keep comes back with its empty fields filled
// from drop (see MergeInto), and moved holds drop's citations re-pointed to
// keep. The caller puts keep and moved and deletes drop in one transaction.
// p is not changed.
func FoldDuplicate(p *model.Project, keepID, dropID string) (keep model.Source, moved []model.Citation, err error) {
	if keepID == dropID {
		return keep, nil, fmt.Errorf("merge sources: a source cannot be merged into itself")
	}
	var drop *model.Source
	found := false
	for i := range p.Sources {
		switch p.Sources[i].ID {
		case keepID:
			keep = cloneSource(p.Sources[i])
			found = true
		case dropID:
			drop = &p.Sources[i]
		}
	}
	if !found {
		return model.Source{}, nil, fmt.Errorf("merge sources: no source %s", keepID)
	}
	if drop == nil {
		return model.Source{}, nil, fmt.Errorf("merge sources: no source %s", dropID)
	}
	MergeInto(&keep, *drop)
	for _, c := range p.Citations {
		if c.Source == dropID {
			c.Source = keepID
			moved = append(moved, c)
		}
	}
	return keep, moved, nil
}
