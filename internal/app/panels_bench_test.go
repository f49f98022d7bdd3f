package app

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/khareeta/khareeta/internal/store"
)

// BenchmarkSourcesPanel measures what the sources manager recomputes after
// an edit of sources or citations on the benchmark project (2,000 sources,
// 20,000 citations): the sorted list, the citation counts and the
// duplicate groups.
func BenchmarkSourcesPanel(b *testing.B) {
	path := filepath.Join(b.TempDir(), "p.kmap")
	writeBenchmark(b, path)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.SearchSources("")
		s.CitationCounts()
		s.DuplicateSources()
	}
}

// BenchmarkInsights measures the insights panel's analysis and the coverage
// matrix of the benchmark project.
func BenchmarkInsights(b *testing.B) {
	path := filepath.Join(b.TempDir(), "p.kmap")
	writeBenchmark(b, path)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Run("insights", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.Insights("", ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("matrix", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.CoverageMatrix("", ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMergeFile merges two copies of the benchmark project with 1,000
// concept edits on each side through the session (store.Merge plus the
// reload and the before/after states of the undoable edit).
func BenchmarkMergeFile(b *testing.B) {
	dir := b.TempDir()
	base := filepath.Join(dir, "base.kmap")
	writeBenchmark(b, base)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		mine, theirs := filepath.Join(dir, fmt.Sprint("mine", i, ".kmap")), filepath.Join(dir, fmt.Sprint("theirs", i, ".kmap"))
		copyFileB(b, base, mine)
		copyFileB(b, base, theirs)
		edit := func(path string, from int) {
			st, err := store.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			p, err := st.Load()
			if err != nil {
				b.Fatal(err)
			}
			err = st.Update(func(tx *store.Tx) error {
				for _, c := range p.Concepts[from : from+1000] {
					c.Notes = "edited " + path
					if err := tx.PutConcept(c); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			st.Close()
		}
		edit(mine, 0)
		edit(theirs, 5000)
		s, err := Open(mine)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := s.Merge(theirs, nil)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if _, u, _, _ := rep.Counts(); u != 1000 {
			b.Fatalf("%d updated, want 1000", u)
		}
		if refs := s.undo[len(s.undo)-1].Refs(); len(refs) != 1000 {
			b.Fatalf("the merge edit holds %d entities, want 1000", len(refs))
		}
		s.Close()
		b.StartTimer()
	}
}

func copyFileB(b *testing.B, from, to string) {
	b.Helper()
	st, err := store.OpenReadOnly(from)
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	data, err := readAll(from)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeFileAtomic(to, data); err != nil {
		b.Fatal(err)
	}
}

func readAll(path string) ([]byte, error) { return os.ReadFile(path) }
