package app

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
	"github.com/khareeta/khareeta/internal/synth"
)

// writeBenchmark writes the 10,000-concept benchmark project to path.
func writeBenchmark(tb testing.TB, path string) {
	tb.Helper()
	p := synth.Project(synth.Benchmark, 1)
	st, err := store.Create(path, p.Meta)
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	if err := st.ImportProject(p); err != nil {
		tb.Fatal(err)
	}
}

// TestWriteBenchmarkProject writes the benchmark project to the file named
// by KHAREETA_BENCH_OUT (for timing the desktop app on it); it is skipped
// otherwise.
func TestWriteBenchmarkProject(t *testing.T) {
	out := os.Getenv("KHAREETA_BENCH_OUT")
	if out == "" {
		t.Skip("set KHAREETA_BENCH_OUT to write the benchmark project")
	}
	os.Remove(out)
	writeBenchmark(t, out)
}

// BenchmarkOpen opens a project file and loads it into a session, as the
// desktop app does at start-up.
func BenchmarkOpen(b *testing.B) {
	for _, size := range []struct {
		name  string
		write func(testing.TB, string)
	}{
		{"concepts=128", func(tb testing.TB, path string) {
			s, err := CreateSample(path)
			if err != nil {
				tb.Fatal(err)
			}
			s.Close()
		}},
		{"concepts=10000", writeBenchmark},
	} {
		b.Run(size.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "p.kmap")
			size.write(b, path)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s, err := Open(path)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}

// BenchmarkEdit measures one edit (a transaction, the in-memory update and
// the index rebuild) on the benchmark project.
func BenchmarkEdit(b *testing.B) {
	path := filepath.Join(b.TempDir(), "p.kmap")
	writeBenchmark(b, path)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := s.Project().Concepts[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Notes = string(rune('a' + i%26))
		if _, err := s.SaveConcept(c); err != nil {
			b.Fatal(err)
		}
	}
}

var _ = model.Arabic
