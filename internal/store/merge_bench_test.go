package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

// BenchmarkMerge merges two copies of the benchmark project (10,000
// concepts) with 1,000 different edits on each side.
func BenchmarkMerge(b *testing.B) {
	n := synth.Benchmark
	dir := b.TempDir()
	base := filepath.Join(dir, "base.kmap")
	s, err := Create(base, model.Meta{Language: "ar"})
	if err != nil {
		b.Fatal(err)
	}
	p := synth.Project(n, 1)
	if err := s.ImportProject(p); err != nil {
		b.Fatal(err)
	}
	s.Close()
	mine, theirs := copyOf(b, base, "mine.kmap"), copyOf(b, base, "theirs.kmap")
	sideEdits := func(path string, off int) {
		edit(b, path, func(tx *Tx) error {
			for i := 0; i < 1000; i++ {
				k := off + 2*i
				switch i % 10 {
				case 0: // add a concept with a relation
					c := model.Concept{ID: model.NewID(), Kind: "concept", Label: model.T(fmt.Sprint("جديد ", k), "")}
					if err := tx.PutConcept(c); err != nil {
						return err
					}
					if err := tx.PutRelation(model.Relation{ID: model.NewID(), From: c.ID, To: p.Concepts[k].ID, Type: "supports"}); err != nil {
						return err
					}
				case 1: // delete a relation
					if err := tx.DeleteRelation(p.Relations[k].ID); err != nil {
						return err
					}
				default: // edit a concept
					if err := relabel(p.Concepts[k].ID, fmt.Sprint("معدّل ", k))(tx); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	sideEdits(mine, 0)
	sideEdits(theirs, 1)
	b.Run("concepts=10000/edits=1000+1000", func(b *testing.B) {
		var cpu time.Duration
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			into := copyOf(b, mine, "into.kmap")
			s, err := Open(into)
			if err != nil {
				b.Fatal(err)
			}
			c0 := cpuTime()
			b.StartTimer()
			rep, err := Merge(s, theirs, MergeOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			cpu += cpuTime() - c0
			s.Close()
			if ad, u, d, c := rep.Counts(); ad != 200 || u != 800 || d < 100 || c != 0 {
				b.Fatalf("report: %s", counts(rep))
			}
			os.Remove(into)
			b.StartTimer()
		}
		// CPU time shows the cost apart from other load on the machine.
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	// The dry run the GUI shows first, and a merge with nothing new (the
	// same file merged again).
	merged := copyOf(b, mine, "merged.kmap")
	mergeFiles(b, merged, theirs, MergeOptions{})
	for _, bc := range []struct {
		name, into string
		dry        bool
	}{{"dry-run", mine, true}, {"nothing-new", merged, false}} {
		b.Run("concepts=10000/"+bc.name, func(b *testing.B) {
			s, err := Open(bc.into)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				c0 := cpuTime()
				if _, err := Merge(s, theirs, MergeOptions{DryRun: bc.dry}); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c0
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
