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
	containsAll(t, "error", err.Error(), `: with field "note" of entry m`, "@string macro expansion in this file would produce 16.", "more than the 16.0 MiB a file may")
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

// FuzzBibTeXMacros fuzzes the @string expander against a model of it,
// with bounds scaled down 256 times (4 KiB a value, 64 KiB a file) so that
// each run is fast; the unit tests above hold the real bounds. The
// input is a base text and a program: each byte pair (x, y) defines the
// next macro m_i = m_(x mod i) # m_(y mod i), or "undefinedmacro" # m_(y
// mod i) when x is 255. An entry uses the last macro as its note. The
// model computes each value's length and the file's running total of
// substitutions, so it knows, without expanding anything large, whether
// and where the parser must stop with a *MacroLimitError, and otherwise
// what the note holds and how many undefined-macro warnings there are.
func FuzzBibTeXMacros(f *testing.F) {
	bomb := []byte{}
	for k := range 40 {
		bomb = append(bomb, byte(k), byte(k)) // m_k+1 = m_k # m_k: the 40-level bomb
	}
	f.Add("xxxxxxxxxxxxxxxx", bomb)
	total := append([]byte{}, bomb[:14]...) // m7: 2 KiB
	for range 40 {
		total = append(total, 7, 0) // 40 values of 2 KiB: past the file's (scaled) bound
	}
	f.Add("xxxxxxxxxxxxxxxx", total)
	f.Add("Journal", []byte{255, 0, 0, 1, 1, 1})
	f.Add("", []byte{})
	limits := bibLimits{value: maxBibValue >> 8, total: maxBibExpansion >> 8}
	f.Fuzz(func(t *testing.T, base string, prog []byte) {
		base = strings.Map(func(r rune) rune {
			if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return r
			}
			return -1
		}, base)
		if base == "" {
			base = "x"
		}
		if len(base) > 64 {
			base = base[:64]
		}
		if len(prog) > 120 {
			prog = prog[:120]
		}
		const undef = "undefinedmacro"
		var file strings.Builder
		fmt.Fprintf(&file, "@string{m0 = {%s}}\n", base)
		lens := []int64{int64(len(base))}
		vals := []string{base} // "" once a value is too long to keep
		var used int64
		warnings := 0
		var wantErr *MacroLimitError
		// eval models bibParser.value over parts (a macro index, or -1 for undef)
		eval := func(where string, line int, parts []int) (int64, string) {
			var size int64
			macro, val := false, ""
			for _, m := range parts {
				n, v := int64(len(undef)), undef
				if m >= 0 {
					n, v, macro = lens[m], vals[m], true
					used += n
					if used > limits.total {
						wantErr = &MacroLimitError{Line: line, Where: where, Total: true}
						return 0, ""
					}
				} else {
					warnings++
				}
				size += n
				if macro && size > limits.value {
					wantErr = &MacroLimitError{Line: line, Where: where}
					return 0, ""
				}
				if size <= 1<<16 && (v != "" || n == 0) {
					val += v
				} else {
					val = ""
				}
			}
			return size, val
		}
		for k := 0; k+1 < len(prog) && wantErr == nil; k += 2 {
			i := k/2 + 1
			x, y := int(prog[k]), int(prog[k+1])%i
			a := x % i
			ref := "m" + fmt.Sprint(a)
			parts := []int{a, y}
			if x == 255 {
				ref, parts = undef, []int{-1, y}
			}
			fmt.Fprintf(&file, "@string{m%d = %s # m%d}\n", i, ref, y)
			n, v := eval(fmt.Sprintf("@string m%d", i), i+1, parts)
			lens, vals = append(lens, n), append(vals, v)
		}
		last := len(lens) - 1
		fmt.Fprintf(&file, "@misc{k, title = {T}, note = m%d}\n", last)
		var note int64
		var noteVal string
		if wantErr == nil {
			note, noteVal = eval(`field "note" of entry k`, last+2, []int{last})
		}

		srcs, rej, warn, err := parseBibTeXLimits([]byte(file.String()), limits)
		if testing.Verbose() {
			t.Logf("%d macros, want error %+v, note of %d bytes, %d warnings", len(lens), wantErr, note, warnings)
		}
		if wantErr != nil {
			var le *MacroLimitError
			if !errors.As(err, &le) || le.Where != wantErr.Where || le.Total != wantErr.Total || le.Line != wantErr.Line {
				t.Fatalf("err %v (%+v), want %+v\n%s", err, le, wantErr, clip(file.String(), 400))
			}
			return
		}
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		if len(warn) != warnings {
			t.Errorf("%d warnings, want %d: %v", len(warn), warnings, warn)
		}
		if note > model.MaxTextLen {
			if len(srcs) != 0 || len(rej) != 1 {
				t.Fatalf("a %d-byte note: %d sources, rejected %v", note, len(srcs), rej)
			}
			return
		}
		if len(srcs) != 1 || int64(len(srcs[0].Note)) != note || (noteVal != "" && srcs[0].Note != noteVal) {
			t.Fatalf("%d sources (rejected %v), want one with a note of %d bytes (%q…)", len(srcs), rej, note, clip(noteVal, 40))
		}
	})
}
