package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

func benchFile(b *testing.B, n synth.Sizes) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.kmap")
	s, err := Create(path, model.Meta{Language: "ar"})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.ImportProject(synth.Project(n, 1)); err != nil {
		b.Fatal(err)
	}
	s.Close()
	return path
}

// reportCPU reports the CPU time per operation (ms), steadier than wall
// time on a machine shared with other jobs. Use: defer reportCPU(b)().
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

func sizeName(n synth.Sizes) string {
	return fmt.Sprintf("concepts=%d", n.Concepts)
}

// BenchmarkCreate measures bulk creation of the benchmark project in one transaction.
func BenchmarkCreate(b *testing.B) {
	n := synth.Benchmark
	p := synth.Project(n, 1)
	b.Run(sizeName(n), func(b *testing.B) {
		defer reportCPU(b)()
		for i := 0; i < b.N; i++ {
			path := filepath.Join(b.TempDir(), fmt.Sprintf("c%d.kmap", i))
			s, err := Create(path, model.Meta{Language: "ar"})
			if err != nil {
				b.Fatal(err)
			}
			if err := s.ImportProject(p); err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
}

// BenchmarkOpen measures opening the benchmark project up to its first query.
func BenchmarkOpen(b *testing.B) {
	n := synth.Benchmark
	path := benchFile(b, n)
	b.Run(sizeName(n), func(b *testing.B) {
		defer reportCPU(b)()
		for i := 0; i < b.N; i++ {
			s, err := Open(path)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Stats(); err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
	fp, err := Fingerprint(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(sizeName(n)+"/verified", func(b *testing.B) {
		defer reportCPU(b)()
		for i := 0; i < b.N; i++ {
			s, err := OpenVerified(path, fp)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Stats(); err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
	b.Run(sizeName(n)+"/load", func(b *testing.B) {
		defer reportCPU(b)()
		for i := 0; i < b.N; i++ {
			s, err := Open(path)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Load(); err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
}

// BenchmarkSearch measures an Arabic search on the benchmark project.
func BenchmarkSearch(b *testing.B) {
	n := synth.Benchmark
	s, err := Open(benchFile(b, n))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	// The last two are too short for the trigram index: a common one (most
	// texts hold it) and a rare one (no text does: every text is read).
	for _, q := range []string{"المجتمعي", "الامن التنمية", "اقتباس عن الشباب", "ال", "ظظ"} {
		b.Run(sizeName(n)+"/q="+q, func(b *testing.B) {
			defer reportCPU(b)()
			for i := 0; i < b.N; i++ {
				if _, err := s.Search(q, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
