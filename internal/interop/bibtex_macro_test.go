package interop

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// macroBomb returns a BibTeX file of levels @string macros that double at
// each level (s1 = s0 # s0, …) and one entry using the last: 1 KB of text
// asking for 16 × 2^levels bytes.
func macroBomb(levels int) string {
	var b strings.Builder
	b.WriteString(`@string{s0 = "xxxxxxxxxxxxxxxx"}` + "\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "@string{s%d = s%d # s%d}\n", i, i-1, i-1)
	}
	fmt.Fprintf(&b, "@book{bomb, title = s%d, year = 2020}\n", levels)
	return b.String()
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Macros that double at each level are refused with a clear error before
// they are expanded: the 40-level, 1 KB bomb once took all memory.
func TestBibTeXMacroBomb(t *testing.T) {
	in := macroBomb(40)
	if len(in) > 1200 {
		t.Fatalf("the bomb is %d bytes", len(in))
	}
	var err error
	var srcs int
	n := allocated(func() {
		var s []model.Source
		s, _, err = ImportSources(strings.NewReader(in), BibTeX)
		srcs = len(s)
	})
	var le *MacroLimitError
	if !errors.As(err, &le) || srcs != 0 {
		t.Fatalf("got %d sources, err %v; want a *MacroLimitError", srcs, err)
	}
	// s16 is 16 × 2^16 = 1 MiB, s17 the first over the bound
	if le.Line != 18 || le.Where != "@string s17" || le.Total || le.Limit != maxBibValue {
		t.Errorf("error %+v", le)
	}
	containsAll(t, "error", err.Error(), "BibTeX: line 18: @string s17 would be 2.0 MiB after @string macro expansion, more than the 1.0 MiB a value may hold", "nothing was imported")
	if n > 8<<20 {
		t.Errorf("refusing the bomb allocated %d MiB", n>>20)
	}
	t.Logf("refusing the 40-level bomb allocated %.1f MiB", float64(n)/(1<<20))
}

// Many uses of a large macro stop at the file's total bound.
func TestBibTeXMacroTotalBound(t *testing.T) {
	var b strings.Builder
	b.WriteString(macroBomb(15)) // s15: 512 KiB, within the bound for one value
	for i := range 40 {
		fmt.Fprintf(&b, "@misc{m%d, title = {T%d}, note = s15}\n", i, i)
	}
	_, _, err := ImportSources(strings.NewReader(b.String()), BibTeX)
	var le *MacroLimitError
	if !errors.As(err, &le) || !le.Total || le.Limit != maxBibExpansion || !strings.HasPrefix(le.Where, `field "note" of entry m`) {
		t.Fatalf("err %v (%+v), want the total bound", err, le)
	}
	containsAll(t, "error", err.Error(), "all macro expansions in a file may produce")
}

// Real use of macros, however frequent, stays far within the bounds.
func TestBibTeXMacrosWithinBounds(t *testing.T) {
	var b strings.Builder
	b.WriteString("@string{ir = {Review of International Studies}}\n@string{cup = {Cambridge University Press}}\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "@article{k%d, title = {T%d}, journal = ir, publisher = cup # { (UK)}, month = oct, year = %d}\n", i, i, 1950+i%70)
	}
	srcs, rep, err := ImportSources(strings.NewReader(b.String()), BibTeX)
	if err != nil || len(srcs) != 5000 || len(rep.Rejected)+len(rep.Warnings) != 0 {
		t.Fatalf("%d sources, %+v, %v", len(srcs), rep, err)
	}
	if s := srcs[4999]; s.ContainerTitle != "Review of International Studies" || s.Publisher != "Cambridge University Press (UK)" || s.Issued != "1979-10" {
		t.Errorf("last source %+v", s)
	}
}

// BenchmarkBibTeXMacroBomb measures what reading a doubling-macro file
// costs (B/op is the memory ceiling): levels=14 is below the 1 MiB bound
// (256 KiB), 16 at it, 40 the 1.2 KB bomb; uses=40 meets the bound on
// all expansions in a file (16 MiB).
func BenchmarkBibTeXMacroBomb(b *testing.B) {
	for _, levels := range []int{14, 16, 20, 40} {
		in := macroBomb(levels)
		b.Run(fmt.Sprintf("levels=%d", levels), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ImportSources(strings.NewReader(in), BibTeX)
			}
		})
	}
	// the total bound: 40 uses of a 512 KiB macro
	var in strings.Builder
	in.WriteString(macroBomb(15))
	for i := range 40 {
		fmt.Fprintf(&in, "@misc{m%d, title = {T%d}, note = s15}\n", i, i)
	}
	b.Run("uses=40", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ImportSources(strings.NewReader(in.String()), BibTeX)
		}
	})
}
