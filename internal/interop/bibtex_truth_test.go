package interop

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// importBib imports a BibTeX text and fails the test on a whole-file error.
func importBib(t *testing.T, in string) ([]string, ImportReport) {
	t.Helper()
	srcs, rep, err := ImportSources(strings.NewReader(in), BibTeX)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	var titles []string
	for _, s := range srcs {
		titles = append(titles, s.Title+"|"+s.Issued)
	}
	return titles, rep
}

// oneWarning checks that rep holds exactly one warning, on line, for the
// entry key, and that its text holds each of subs.
func oneWarning(t *testing.T, rep ImportReport, line int, key string, subs ...string) {
	t.Helper()
	if len(rep.Warnings) != 1 {
		t.Fatalf("want one warning, got %d: %v", len(rep.Warnings), rep.Warnings)
	}
	w := rep.Warnings[0]
	if w.Line != line || w.Key != key {
		t.Errorf("warning %q is on line %d for %q, want line %d for %q", w, w.Line, w.Key, line, key)
	}
	containsAll(t, "warning", w.String(), subs...)
}

// A '}' too many closes an entry early: the fields after it are lost, and
// the report says so, naming the entry, the line and the fields.
func TestBibTeXExtraBraceWarns(t *testing.T) {
	t.Run("one line", func(t *testing.T) {
		got, rep := importBib(t, "@article{k, title={T}}}, year={2020}}\n")
		if strings.Join(got, ";") != "T|" {
			t.Errorf("read %v", got)
		}
		oneWarning(t, rep, 1, "k", "line 1: entry k:", "fields lost: year", "'}' too many")
	})
	t.Run("brace at the end of a line", func(t *testing.T) {
		in := "% header\n@book{ok, title={Fine}, year=1999}\n\n@article{k2,\n  title = {T}},\n  journal = {J},\n  year = 2020\n}\n@book{next, title={Next}}\n"
		got, rep := importBib(t, in)
		if strings.Join(got, ";") != "Fine|1999;T|;Next|" {
			t.Errorf("read %v", got)
		}
		oneWarning(t, rep, 5, "k2", `line 5: entry k2: the entry is closed here, before ", journal = {J}, year = 2020 }"`, "fields lost: journal, year")
	})
	t.Run("entries on one line", func(t *testing.T) {
		got, rep := importBib(t, "@book{a, title={A}} @book{b, title={B}}, @book{c, title={C}}\n")
		if len(got) != 3 || len(rep.Warnings) != 0 || len(rep.Rejected) != 0 {
			t.Errorf("read %v, warnings %v, rejected %v", got, rep.Warnings, rep.Rejected)
		}
	})
	t.Run("prose between entries is a comment", func(t *testing.T) {
		in := "This file was exported by JabRef.\n@book{a, title={A}}\nSee the notes below.\n% year = 2000 in a comment line\n@book{b, title={B}}\n"
		got, rep := importBib(t, in)
		if len(got) != 2 || len(rep.Warnings) != 0 || len(rep.Rejected) != 0 {
			t.Errorf("read %v, warnings %v, rejected %v", got, rep.Warnings, rep.Rejected)
		}
	})
}

// An undefined macro is read as its name, as BibTeX does, but not silently.
func TestBibTeXUndefinedMacroWarns(t *testing.T) {
	in := "@string{jir = {Journal of Iraqi Research}}\n" +
		"@article{k,\n  title = {T},\n  journal = jirr # { Quarterly},\n  month = mar,\n  year = 2020\n}\n" +
		"@book{b, title = {B}, publisher = jir}\n"
	got, rep := importBib(t, in)
	if strings.Join(got, ";") != "T|2020-03;B|" {
		t.Errorf("read %v", got)
	}
	oneWarning(t, rep, 4, "k", `line 4: entry k: undefined macro "jirr" in field "journal" is read as the text "jirr"`)
	// in a @string definition
	_, rep = importBib(t, "@string{a = b # {x}}\n@book{k, title = a}\n")
	oneWarning(t, rep, 1, "", `undefined macro "b" in @string a`)
}

// A field given twice keeps the first value and says the second is lost.
func TestBibTeXDuplicateFieldWarns(t *testing.T) {
	got, rep := importBib(t, "@misc{dup,\n title={First},\n title={Second}\n}\n")
	if strings.Join(got, ";") != "First|" {
		t.Errorf("read %v", got)
	}
	oneWarning(t, rep, 3, "dup", `field "title" is given twice`, `"Second" is not read`)
	_, rep = importBib(t, "@misc{same, title={A}, title={A}}\n")
	if len(rep.Warnings) != 0 {
		t.Errorf("the same value twice loses nothing: %v", rep.Warnings)
	}
}

// A file with nothing that looks like BibTeX is an error, not "0 added".
func TestBibTeXNothingRecognisableIsError(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 9))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	text := make([]byte, 4096) // random printable ASCII without '@': text, but nothing like an entry
	for i := range text {
		text[i] = byte(' ' + rng.IntN(95))
		if text[i] == '@' {
			text[i] = '#'
		}
	}
	high := make([]byte, 4096) // random bytes without NUL: not UTF-8
	for i := range high {
		high[i] = byte(1 + rng.IntN(255))
	}
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"random bytes", random, ErrEncoding},
		{"random bytes without NUL", high, ErrEncoding},
		{"random text", text, ErrNoEntries},
		{"empty", nil, ErrNoEntries},
		{"blank", []byte(" \n\t\n"), ErrNoEntries},
		{"prose", []byte("Dear colleague, here are my references: Booth 1991, Buzan 1991.\n"), ErrNoEntries},
		{"a RIS file", readFixture(t, "zotero.ris"), ErrNoEntries},
	} {
		srcs, rep, err := ImportSources(strings.NewReader(string(c.in)), BibTeX)
		if !errors.Is(err, c.want) || len(srcs) != 0 {
			t.Errorf("%s: got %d sources, %+v, err %v; want an error wrapping %v", c.name, len(srcs), rep, err, c.want)
		}
	}
	// a file of comments and macros only is BibTeX, with nothing to add
	srcs, rep, err := ImportSources(strings.NewReader("@comment{x}\n@string{a = {b}}\n"), BibTeX)
	if err != nil || len(srcs) != 0 || len(rep.Rejected) != 0 {
		t.Errorf("comments only: %v %+v %v", srcs, rep, err)
	}
	// a file whose only entry is broken reports it (not "nothing recognisable")
	_, rep, err = ImportSources(strings.NewReader("@article{k, title={T} year={2}}\n"), BibTeX)
	if err != nil || len(rep.Rejected) != 1 {
		t.Errorf("one broken entry: %+v %v", rep, err)
	}
}
