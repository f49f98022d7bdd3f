package analysis

import (
	"math/rand"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/synth"
)

// foldAlphabet is every rune fold's fast path accepts, plus a few it does not.
func foldAlphabet() []rune {
	var rs []rune
	for r := rune(0); r < 0x80; r++ {
		rs = append(rs, r)
	}
	for r := rune(0x0600); r <= 0x06FF; r++ {
		rs = append(rs, r)
	}
	return append(rs, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0x200C, 0x200D, 0xFEFF,
		0xFEFB, 0xFDF2, 0x00E9, 0x00A0, 0x2003, 0x0301, 0xFB50)
}

func TestFoldAgreesWithModel(t *testing.T) {
	alpha := foldAlphabet()
	for _, r := range alpha {
		s := string(r)
		if got, want := fold(s), model.Fold(s); got != want {
			t.Errorf("fold(%U) = %q, model.Fold = %q", r, got, want)
		}
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		n := 1 + rng.Intn(12)
		rs := make([]rune, n)
		for k := range rs {
			if rng.Intn(4) == 0 {
				rs[k] = ' '
			} else {
				rs[k] = alpha[rng.Intn(len(alpha))]
			}
		}
		s := string(rs)
		if got, want := fold(s), model.Fold(s); got != want {
			t.Fatalf("fold(%q) = %q, model.Fold = %q", s, got, want)
		}
	}
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	p.Concepts = append(p.Concepts, synth.Project(synth.Sizes{Concepts: 2000}, 1).Concepts...)
	for _, c := range p.Concepts {
		for _, l := range c.Label {
			if got, want := fold(l), model.Fold(l); got != want {
				t.Errorf("fold(%q) = %q, model.Fold = %q", l, got, want)
			}
		}
	}
}

func BenchmarkFold(b *testing.B) {
	p := synth.Project(synth.Sizes{Concepts: 10000}, 1)
	for _, f := range []struct {
		name string
		fn   func(string) string
	}{{"model", model.Fold}, {"fast", fold}} {
		b.Run(f.name+"/labels=20000", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, c := range p.Concepts {
					for _, l := range c.Label {
						f.fn(l)
					}
				}
			}
		})
	}
}
