package model

import (
	"math/rand"
	"testing"
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

func TestFoldFastAgreesWithFull(t *testing.T) {
	alpha := foldAlphabet()
	for _, r := range alpha {
		s := string(r)
		if got, want := foldFast(s), foldFull(s); got != want {
			t.Errorf("foldFast(%U) = %q, foldFull = %q", r, got, want)
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
		if got, want := foldFast(s), foldFull(s); got != want {
			t.Fatalf("foldFast(%q) = %q, foldFull = %q", s, got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	labels := []string{"الأَمْنُ المُجْتَمَعِيّ في العراق", "تصاعد نشاط الخلايا الارهابية", "Community security (UNDP, 1994)", "إعادة بنـــاء الثقة ٢٠٠٣"}
	for _, f := range []struct {
		name string
		fn   func(string) string
	}{{"full", foldFull}, {"fast", foldFast}} {
		b.Run(f.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, l := range labels {
					f.fn(l)
				}
			}
		})
	}
}
