package render

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// benchProject builds a map of n concepts with the sample's Arabic labels
// and kinds, shaped like a concept map: a spanning tree (each concept
// hangs off one of the six before it) plus 40% more relations between
// nearby concepts.
func benchProject(b testing.TB, n int) *model.Project {
	b.Helper()
	s, err := data.Sample()
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewSource(int64(n)))
	p := &model.Project{Meta: s.Meta, Kinds: s.Kinds}
	for i := 0; i < n; i++ {
		c := s.Concepts[i%len(s.Concepts)]
		c.ID = fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		p.Concepts = append(p.Concepts, c)
	}
	types := model.RelationTypes()
	rel := func(a, c int) {
		p.Relations = append(p.Relations, model.Relation{
			ID: fmt.Sprintf("10000000-0000-4000-8000-%012d", len(p.Relations)), From: p.Concepts[a].ID, To: p.Concepts[c].ID,
			Type: types[r.Intn(len(types))].ID,
		})
	}
	for i := 1; i < n; i++ {
		rel(i-1-r.Intn(min(i, 6)), i)
	}
	for k := 0; k < n*2/5; k++ {
		a := r.Intn(n)
		c := a + 1 + r.Intn(min(n/5+1, 12))
		if c < n {
			rel(a, c)
		}
	}
	return p
}

var benchSizes = []int{50, 200}

// BenchmarkLayoutPNG is a fresh render as the CLI does it: shape every
// label with cold caches, lay out with Graphviz, paint and encode the PNG
// (2 pixels per point).
func BenchmarkLayoutPNG(b *testing.B) {
	for _, n := range benchSizes {
		p := benchProject(b, n)
		b.Run("nodes="+strconv.Itoa(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sh, err := text.NewShaper()
				if err != nil {
					b.Fatal(err)
				}
				sc, err := layout.Build(context.Background(), p, model.View{}, layout.WithShaper(sh))
				if err != nil {
					b.Fatal(err)
				}
				if err := PNG(io.Discard, sc, WithShaper(sh)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLayout is the layout alone (cold text caches, Graphviz), the
// part a re-render skips.
func BenchmarkLayout(b *testing.B) {
	for _, n := range benchSizes {
		p := benchProject(b, n)
		b.Run("nodes="+strconv.Itoa(n), func(b *testing.B) {
			var sc *layout.Scene
			for i := 0; i < b.N; i++ {
				sh, err := text.NewShaper()
				if err != nil {
					b.Fatal(err)
				}
				if sc, err = layout.Build(context.Background(), p, model.View{}, layout.WithShaper(sh)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(sc.Width*sc.Height*4/1e6, "Mpx@2x")
		})
	}
}

// BenchmarkNativeDotLayout runs Debian's dot on the graph our layout gives
// Graphviz (same sizes, attributes and engine), writing its JSON (layout
// only, as ours reads): the baseline for BenchmarkLayout. It includes
// starting the process, as `khareeta render` does.
func BenchmarkNativeDotLayout(b *testing.B) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		b.Fatalf("graphviz (dot) is not installed: %v", err)
	}
	for _, n := range benchSizes {
		p := benchProject(b, n)
		graphs, err := layout.GraphvizInput(p, model.View{})
		if err != nil || len(graphs) != 1 {
			b.Fatalf("%d graphs: %v", len(graphs), err)
		}
		f := filepath.Join(b.TempDir(), "g.dot")
		if err := os.WriteFile(f, graphs[0], 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run("nodes="+strconv.Itoa(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if out, err := exec.Command(dot, "-Tjson", "-o", os.DevNull, f).CombinedOutput(); err != nil {
					b.Fatalf("dot: %v %s", err, out)
				}
			}
		})
	}
}

// BenchmarkNativeDotPNG runs Debian's dot -Tpng (Pango text, 144 dpi, as
// our 2 pixels per point) on the DOT we write for the same view: the
// baseline for BenchmarkLayoutPNG.
func BenchmarkNativeDotPNG(b *testing.B) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		b.Skip("graphviz (dot) not installed")
	}
	for _, n := range benchSizes {
		p := benchProject(b, n)
		sc, err := layout.Build(context.Background(), p, model.View{})
		if err != nil {
			b.Fatal(err)
		}
		f := filepath.Join(b.TempDir(), "g.dot")
		if err := ToFile(f, sc); err != nil {
			b.Fatal(err)
		}
		b.Run("nodes="+strconv.Itoa(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if out, err := exec.Command(dot, "-Tpng", "-Gdpi=144", "-o", os.DevNull, f).CombinedOutput(); err != nil {
					b.Fatalf("dot: %v %s", err, out)
				}
			}
		})
	}
}

// BenchmarkRerender renders an already laid-out scene (warm glyph caches,
// as in the GUI exporting what it shows).
func BenchmarkRerender(b *testing.B) {
	for _, n := range benchSizes {
		p := benchProject(b, n)
		sc, err := layout.Build(context.Background(), p, model.View{})
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range []struct {
			name string
			w    Writer
		}{{"svg", SVG}, {"pdf", PDF}, {"png", PNG}, {"dot", DOT}} {
			b.Run("nodes="+strconv.Itoa(n)+"/format="+f.name, func(b *testing.B) {
				var buf bytes.Buffer
				for i := 0; i < b.N; i++ {
					buf.Reset()
					if err := f.w(&buf, sc); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(buf.Len()), "bytes")
			})
		}
	}
}
