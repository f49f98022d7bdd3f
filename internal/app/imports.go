package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/khareeta/khareeta/internal/interop"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// What a format holds (see interop.Holds).
type Holds = interop.Holds

// The three kinds of file the format table holds.
const (
	HoldsProject = interop.HoldsProject
	HoldsSources = interop.HoldsSources
	HoldsMap     = interop.HoldsMap
)

// ImportOptions says what ImportFile does.
type ImportOptions struct {
	// From names the file imported; it is read unless Data is set.
	From string
	// Data is the file's content when the caller read it (standard input).
	Data []byte
	// Format is a name of the format table; "" picks the format from
	// From's extension and content.
	Format string
	// DryRun reports what the import would do and writes nothing.
	DryRun bool
	// ReplaceNewer lets an import replace records that were changed here
	// after the copies the file holds (see NewerError).
	ReplaceNewer bool
}

// ImportCounts counts records by what an import does with them.
type ImportCounts struct {
	Added, Changed, Unchanged int
}

// NewerRecord is a record of the project changed after the copy an import
// brings, which the import would replace.
type NewerRecord struct {
	Entity string // "concept", "relation", "source", "citation", "view"
	ID     string
	Label  string
	Here   time.Time // when it was last changed in the project
	File   time.Time // the time of the copy in the file
}

// NewerError is returned by an import that would replace records changed
// after the file's copies, unless ImportOptions.ReplaceNewer is set.
// Nothing was written.
type NewerError struct {
	From    string
	Records []NewerRecord
}

func (e *NewerError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s in the project %s changed after the copies in %s and would be replaced; nothing was written:",
		len(e.Records), plural(len(e.Records), "record", "records"), plural(len(e.Records), "was", "were"), e.From)
	for i, r := range e.Records {
		if i == 10 {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Records)-i)
			break
		}
		b.WriteString("\n  " + r.String())
	}
	return b.String()
}

// String describes the record: `concept "label" (id): changed 2026-05-02 15:04, the file's copy is of 2026-04-30 09:12`.
func (r NewerRecord) String() string {
	const layout = "2006-01-02 15:04:05"
	return fmt.Sprintf("%s %q (%s): changed %s, the file's copy is of %s", r.Entity, r.Label, r.ID, r.Here.UTC().Format(layout), r.File.UTC().Format(layout))
}

// ImportResult says what ImportFile did or, in a dry run, would do.
type ImportResult struct {
	Path, From string
	Format     string // the format's name in the table
	Holds      Holds
	DryRun     bool
	Created    bool // the project file did not exist and was (or would be) created
	// Records by what the import does with them.
	Kinds, Concepts, Relations, Sources, Citations, Views, Positions ImportCounts
	// PlacedOn names where a map's positions went (see mapPlaces): "" when
	// the file gave none or they changed nothing, else the view's name, or
	// "all concepts" for the map of all concepts.
	PlacedOn string
	// Skipped lists what a map file held that is not a concept or a
	// relation and was left out (JSON Canvas groups).
	Skipped []string
	// Newer lists the records changed here after the file's copies that
	// the import replaced (with ReplaceNewer) or, in a dry run, would
	// replace.
	Newer []NewerRecord
	// References: the reader's report (entries read and rejected), the
	// entries folded into a source instead of being added, and the titles
	// of the sources they were folded into, by id.
	Bib    interop.ImportReport
	Merges []interop.Merge
	Titles map[string]string
	// Spreadsheets: the table read and the header columns left out.
	Table   string
	Ignored []string
}

// ImportFile imports a file of the format table into the project file at
// path: a whole project (Khareeta's JSON, replacing records by id), references
// (folded into the sources: a duplicate fills its empty fields) or a map
// (CXL, CSV: a record the project has changes only in the fields the
// format carries, see interop.Format.Carries). The project file is created
// for a project or a map when it does not exist.
//
// Everything is one transaction that reads the records it changes inside
// it, so a concurrent writer's change is never overwritten by a stale
// copy. An import of Khareeta's JSON that would replace records changed
// after the file's copies refuses with a *NewerError unless ReplaceNewer.
func ImportFile(path string, o ImportOptions) (*ImportResult, error) {
	data := o.Data
	if data == nil {
		var err error
		if data, err = readInput(o.From); err != nil {
			return nil, err
		}
	}
	f, err := inputFormat(o.Format, o.From, data)
	if err != nil {
		return nil, err
	}
	res := &ImportResult{Path: path, From: o.From, Format: f.Name, Holds: f.Holds, DryRun: o.DryRun}
	im := &importer{f: f, data: data, o: o, res: res}
	var create func() (model.Meta, error)
	switch f.Holds {
	case HoldsProject:
		p, err := f.Read(data, nil)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", o.From, err)
		}
		im.project = p.Project
		create = func() (model.Meta, error) { return p.Project.Meta, nil }
	case HoldsMap:
		create = func() (model.Meta, error) {
			in, err := f.Read(data, nil) // a bad file leaves no project behind
			if err != nil {
				return model.Meta{}, err
			}
			return in.Project.Meta, nil
		}
	}
	if err := im.run(path, create); err != nil {
		var ne *NewerError
		if errors.As(err, &ne) {
			return res, err
		}
		if res.Created || errors.Is(err, ErrNotFound) {
			return nil, err
		}
		return nil, fmt.Errorf("import %s into %s (nothing was written): %w", o.From, path, err)
	}
	return res, nil
}

// MaxImportSize is the largest file an import reads (the largest any
// reader of the format table takes).
const MaxImportSize = interop.MaxJSONSize

// readInput reads the file to import, up to MaxImportSize.
func readInput(from string) ([]byte, error) {
	fh, err := os.Open(from)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", from, err)
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, MaxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", from, err)
	}
	return data, nil
}

// inputFormat picks the format named, or the one from's name and data say.
func inputFormat(name, from string, data []byte) (interop.Format, error) {
	if name != "" {
		return interop.FormatNamed(name, true)
	}
	if from == "-" {
		return interop.Format{}, fmt.Errorf("%w: reading standard input needs a format name (%s)", ErrUnknownFormat, strings.Join(FormatNames(true), ", "))
	}
	return interop.FormatForRead(from, data)
}

// importer carries one import through its transaction.
type importer struct {
	f       interop.Format
	data    []byte
	o       ImportOptions
	res     *ImportResult
	project *model.Project // a whole project, read before the transaction
	// drawn caches where Khareeta draws each view (PlacesOf) during one step.
	drawn map[string]map[string]Point
	known map[string]bool // the concepts of the project before the import
}

// run opens the project file and runs the import's step in one
// transaction: a write transaction, or a read one for a dry run. When the
// file does not exist and create is set, the file is created with the meta
// create returns (a dry run only says so) and removed again if the import
// fails.
func (im *importer) run(path string, create func() (model.Meta, error)) error {
	open := store.Open
	if im.o.DryRun {
		open = store.OpenReadOnly
	}
	s, err := open(path)
	for attempt := 1; errors.Is(err, store.ErrBusy) && attempt < busyAttempts; attempt++ {
		s, err = open(path) // another program's long write keeps even readers out
	}
	if errors.Is(err, store.ErrNotFound) && create != nil {
		meta, err := create()
		if err != nil {
			return fmt.Errorf("import %s: %w", im.o.From, err)
		}
		im.res.Created = true
		if im.o.DryRun {
			return im.step(nil, nil)
		}
		if meta.Language == "" {
			meta.Language = model.Arabic
		}
		if s, err = store.Create(path, meta); err != nil {
			return err
		}
		if err := updateRetry(s, im.update); err != nil {
			s.Close()
			os.Remove(path) // leave nothing half-made behind
			return fmt.Errorf("import %s into %s: %w", im.o.From, path, err)
		}
		return s.Close()
	}
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w (create the project first: khareeta new %s)", err, path)
	}
	if err != nil {
		return err
	}
	if im.o.DryRun {
		err = s.View(im.update)
	} else {
		err = updateRetry(s, im.update)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return err
}

// updateRetry runs fn in a write transaction, again while another program
// holds the file's write lock for longer than the store waits (a large
// import): fn reads what it changes inside the transaction, so running it
// again later is safe.
func updateRetry(s *store.Store, fn func(tx *store.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := s.Update(fn)
		if !errors.Is(err, store.ErrBusy) || attempt == busyAttempts {
			return err
		}
	}
}

// busyAttempts bounds updateRetry: with the store's 5 s wait, a minute.
const busyAttempts = 12

// update reads the project as the transaction sees it and runs the step.
func (im *importer) update(tx *store.Tx) error {
	base, err := tx.Project()
	if err != nil {
		return err
	}
	return im.step(tx, base)
}

// step compares what the file brings with base and, unless this is a dry
// run (tx nil or read-only), writes it.
func (im *importer) step(tx *store.Tx, base *model.Project) error {
	write := !im.o.DryRun
	switch im.f.Holds {
	case HoldsProject:
		im.compareProject(base)
		if len(im.res.Newer) > 0 && !im.o.ReplaceNewer && write {
			return &NewerError{From: im.o.From, Records: im.res.Newer}
		}
		if !write {
			return nil
		}
		return tx.PutProject(im.project)
	case HoldsSources:
		in, err := im.f.Read(im.data, base)
		if err != nil {
			return err
		}
		im.noteSources(base, in)
		if !write {
			return nil
		}
		t := now()
		for _, u := range in.Sources.Updated {
			u.Updated = t
			if err := tx.PutSource(u); err != nil {
				return err
			}
		}
		for _, a := range in.Sources.Added {
			if err := tx.PutSource(a); err != nil {
				return err
			}
		}
		return nil
	}
	in, err := im.f.Read(im.data, base)
	if err != nil {
		return err
	}
	im.res.Table, im.res.Ignored, im.res.Skipped = string(in.Table), in.Ignored, in.Skipped
	if base == nil {
		base = &model.Project{Kinds: model.BuiltinKinds()}
	}
	view, places, err := im.mapPlaces(base, in)
	if err != nil {
		return err
	}
	kinds := changes(base.Kinds, in.Project.Kinds, func(k model.Kind) string { return k.ID }, &im.res.Kinds, nil)
	concepts := changes(base.Concepts, in.Project.Concepts, func(c model.Concept) string { return c.ID }, &im.res.Concepts,
		func(c *model.Concept) { c.Updated = time.Time{} })
	relations := changes(base.Relations, in.Project.Relations, func(r model.Relation) string { return r.ID }, &im.res.Relations,
		func(r *model.Relation) { r.Updated = time.Time{} })
	if !write {
		return nil
	}
	t := now()
	for _, k := range kinds {
		if _, err := tx.Kind(k.ID); err != nil {
			if err := tx.PutKind(k); err != nil {
				return err
			}
		}
	}
	for _, c := range concepts {
		c.Updated = t
		if err := tx.PutConcept(c); err != nil {
			return err
		}
	}
	for _, r := range relations {
		r.Updated = t
		if err := tx.PutRelation(r); err != nil {
			return err
		}
	}
	if view != nil {
		view.Updated = t
		if err := tx.PutView(*view); err != nil {
			return err
		}
	}
	for _, p := range places {
		p.Updated = t
		if err := tx.PutPosition(p); err != nil {
			return err
		}
	}
	return nil
}

// changes returns the records of in that base lacks or holds otherwise,
// counting added, changed and unchanged ones; stamp clears what does not
// count as a change (the update time).
func changes[T any](base, in []T, id func(T) string, c *ImportCounts, stamp func(*T)) []T {
	old := make(map[string]T, len(base))
	for _, x := range base {
		old[id(x)] = x
	}
	var out []T
	for _, x := range in {
		prev, ok := old[id(x)]
		switch {
		case !ok:
			c.Added++
		case sameContent(prev, x, stamp):
			c.Unchanged++
			continue
		default:
			c.Changed++
		}
		out = append(out, x)
	}
	return out
}

// sameContent reports whether a and b hold the same data apart from what
// stamp clears, comparing their JSON (so a nil and an empty text are the
// same, as they are in the file).
func sameContent[T any](a, b T, stamp func(*T)) bool {
	if stamp != nil {
		stamp(&a)
		stamp(&b)
	}
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// compareProject counts what a whole project brings against base and
// lists the records base changed after the file's copies.
func (im *importer) compareProject(base *model.Project) {
	if base == nil {
		base = &model.Project{}
	}
	p, r := im.project, im.res
	newer := func(entity, id, label string, here, file time.Time) {
		if here.After(file) {
			r.Newer = append(r.Newer, NewerRecord{Entity: entity, ID: id, Label: label, Here: here, File: file})
		}
	}
	lang := base.Meta.Language
	changes(base.Kinds, p.Kinds, func(k model.Kind) string { return k.ID }, &r.Kinds, nil)
	ix := model.NewIndex(base)
	for _, c := range changes(base.Concepts, p.Concepts, func(c model.Concept) string { return c.ID }, &r.Concepts,
		func(c *model.Concept) { c.Updated = time.Time{} }) {
		if old, ok := ix.Concepts[c.ID]; ok {
			newer("concept", c.ID, old.Label.Get(lang), old.Updated, c.Updated)
		}
	}
	for _, x := range changes(base.Relations, p.Relations, func(x model.Relation) string { return x.ID }, &r.Relations,
		func(x *model.Relation) { x.Updated = time.Time{} }) {
		if old, ok := ix.Relations[x.ID]; ok {
			label := old.Phrase.Get(lang)
			if from, ok := ix.Concepts[old.From]; ok {
				label = from.Label.Get(lang) + " → " + label
			}
			newer("relation", x.ID, label, old.Updated, x.Updated)
		}
	}
	for _, x := range changes(base.Sources, p.Sources, func(x model.Source) string { return x.ID }, &r.Sources,
		func(x *model.Source) { x.Updated = time.Time{} }) {
		if old, ok := ix.Sources[x.ID]; ok {
			newer("source", x.ID, old.Title, old.Updated, x.Updated)
		}
	}
	cites := map[string]model.Citation{}
	for _, c := range base.Citations {
		cites[c.ID] = c
	}
	for _, x := range changes(base.Citations, p.Citations, func(x model.Citation) string { return x.ID }, &r.Citations,
		func(x *model.Citation) { x.Updated = time.Time{} }) {
		if old, ok := cites[x.ID]; ok {
			newer("citation", x.ID, old.Locator, old.Updated, x.Updated)
		}
	}
	for _, x := range changes(base.Views, p.Views, func(x model.View) string { return x.ID }, &r.Views,
		func(x *model.View) { x.Updated = time.Time{} }) {
		if old, ok := ix.Views[x.ID]; ok {
			newer("view", x.ID, old.Name.Get(lang), old.Updated, x.Updated)
		}
	}
	find := func(t model.EntityType, id string) model.Entity {
		switch t {
		case model.EntityConcept:
			if c, ok := ix.Concepts[id]; ok {
				return *c
			}
		case model.EntityView:
			if v, ok := ix.Views[id]; ok {
				return *v
			}
		}
		return nil
	}
	olds := map[string]model.Position{}
	for _, x := range base.Positions {
		olds[x.ID] = x
	}
	for _, x := range changes(base.Positions, p.Positions, func(x model.Position) string { return x.ID }, &r.Positions,
		func(x *model.Position) { x.Updated = time.Time{} }) {
		if old, ok := olds[x.ID]; ok {
			newer("position", x.ID, model.Describe(old, lang, find), old.Updated, x.Updated)
		}
	}
}

// noteSources records what folding references into base's sources does.
func (im *importer) noteSources(base *model.Project, in *interop.Incoming) {
	r := im.res
	r.Bib, r.Merges = in.Report, in.Sources.Merges
	if r.Bib.Format == "" {
		r.Bib.Format = im.f.Bib
	}
	r.Sources.Added, r.Sources.Changed = len(in.Sources.Added), len(in.Sources.Updated)
	r.Titles = mergedInto(base, in)
}

// plural picks the word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
