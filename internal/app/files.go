package app

import (
	"fmt"
	"os"
	"sort"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/evidence"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// Use cases on a project file by its path, without a Session: what the
// command line does in one go (the desktop app keeps a Session open).

// Stats counts what a project holds (per kind, and the totals).
type Stats = store.Stats

// EvidenceFinding is one evidence problem (see package evidence).
type EvidenceFinding = evidence.Finding

// ErrNotFound is wrapped by the use cases below when the project file does
// not exist.
var ErrNotFound = store.ErrNotFound

// LoadFile reads a whole project file without writing to it: the store's
// read-only open, with every check of an ordinary open.
func LoadFile(path string) (*model.Project, error) {
	s, err := store.OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Load()
}

// NewOptions says what NewFile creates.
type NewOptions struct {
	Sample bool   // fill the file with the bundled sample project
	Lang   string // the primary language, "ar" or "en" ("" for Arabic)
	Title  string // the title, in Lang ("" for none, or the sample's)
}

// NewFile creates a project file at path (which must not exist) and
// returns what it holds.
func NewFile(path string, o NewOptions) (Stats, error) {
	meta := model.Meta{Language: o.Lang}
	if meta.Language == "" {
		meta.Language = model.Arabic
	}
	if o.Title != "" {
		if meta.Language == model.English {
			meta.Title = model.T("", o.Title)
		} else {
			meta.Title = model.T(o.Title, "")
		}
	}
	var p *model.Project
	if o.Sample {
		var err error
		if p, err = data.Sample(); err != nil {
			return Stats{}, fmt.Errorf("read the bundled sample: %w", err)
		}
		if !meta.Title.Empty() {
			p.Meta.Title = meta.Title
		}
		meta = p.Meta
	}
	s, err := store.Create(path, meta)
	if err != nil {
		return Stats{}, err
	}
	defer s.Close()
	if p != nil {
		if err := s.ImportProject(p); err != nil {
			s.Close()
			os.Remove(path)
			return Stats{}, fmt.Errorf("write the sample into %s: %w", path, err)
		}
	}
	return s.Stats()
}

// StatsOf counts what the project file at path holds and returns the
// project too (for its title and kinds).
func StatsOf(path string) (Stats, *model.Project, error) {
	s, err := store.OpenReadOnly(path)
	if err != nil {
		return Stats{}, nil, err
	}
	defer s.Close()
	st, err := s.Stats()
	if err != nil {
		return st, nil, err
	}
	p, err := s.Load()
	return st, p, err
}

// CheckReport is what CheckFile found.
type CheckReport struct {
	// Problems lists what makes the file unsound (store.Check); empty when
	// it is sound, and then the rest is filled.
	Problems      []string
	SchemaVersion int
	// Evidence lists evidence findings, sorted by kind (stable within one).
	Evidence []EvidenceFinding
}

// Sound reports whether the file passed every check of the store.
func (r *CheckReport) Sound() bool { return len(r.Problems) == 0 }

// CheckFile examines a project file without changing it: integrity,
// schema, references (store.Check), then the evidence (evidence.Check).
// An error means the file could not be examined at all.
func CheckFile(path string) (*CheckReport, error) {
	problems, err := store.CheckFile(path) // an error: the check could not be done
	if err != nil {
		return nil, err
	}
	r := &CheckReport{Problems: problems}
	if !r.Sound() {
		return r, nil
	}
	s, err := store.OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		return nil, err
	}
	r.SchemaVersion, _ = s.SchemaVersionOf()
	r.Evidence = evidence.Check(p)
	sort.SliceStable(r.Evidence, func(i, j int) bool { return r.Evidence[i].Kind < r.Evidence[j].Kind })
	return r, nil
}
