package interop

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16, little- or big-endian, with or without a BOM.
func utf16Bytes(s string, big, bom bool) []byte {
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	out := make([]byte, 0, 2*len(u))
	for _, c := range u {
		if big {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

// UTF-16 with a byte-order mark (Windows "Unicode" exports) reads like
// UTF-8; without one it is a clear error, not garbled entries.
func TestImportUTF16(t *testing.T) {
	for _, c := range []struct {
		file   string
		format BibFormat
	}{{"zotero.bib", BibTeX}, {"zotero.ris", RIS}, {"zotero.json", CSLJSON}} {
		text := string(readFixture(t, c.file))
		want, wantRep, err := ImportSources(strings.NewReader(text), c.format)
		if err != nil || len(want) == 0 {
			t.Fatalf("%s as UTF-8: %v", c.file, err)
		}
		for _, big := range []bool{false, true} {
			order := map[bool]string{false: "LE", true: "BE"}[big]
			got, rep, err := ImportSources(bytes.NewReader(utf16Bytes(text, big, true)), c.format)
			if err != nil {
				t.Errorf("%s in UTF-16 %s with BOM: %v", c.file, order, err)
				continue
			}
			sameSources(t, c.file+" UTF-16 "+order, got, want)
			if len(rep.Rejected) != len(wantRep.Rejected) {
				t.Errorf("%s UTF-16 %s: rejected %v, want %v", c.file, order, rep.Rejected, wantRep.Rejected)
			}
			_, _, err = ImportSources(bytes.NewReader(utf16Bytes(text, big, false)), c.format)
			if !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "UTF-16") || !strings.Contains(err.Error(), "save it as UTF-8") {
				t.Errorf("%s in UTF-16 %s without BOM: err %v, want a clear encoding error", c.file, order, err)
			}
		}
	}
}

func TestBibText(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []byte
		want string
		err  string
	}{
		{"plain", []byte("abc"), "abc", ""},
		{"utf-8 bom", []byte("\xef\xbb\xbfالأمن"), "الأمن", ""},
		{"utf-16le arabic", utf16Bytes("@book{k, title={الأمن}}", false, true), "@book{k, title={الأمن}}", ""},
		{"utf-16be", utf16Bytes("TY  - JOUR", true, true), "TY  - JOUR", ""},
		{"utf-16 odd length", append(utf16Bytes("ab", false, true), 'x'), "", "odd number of bytes"},
		{"utf-32", []byte{0xFF, 0xFE, 0, 0, 'a', 0, 0, 0}, "", "UTF-32"},
		{"binary", []byte("PK\x03\x04\x00\x00\x08\x00zip"), "", "NUL byte at offset 4"},
		{"no bom le", utf16Bytes("@article{a, title={b}}", false, false), "", "UTF-16 (little-endian) without a byte-order mark"},
		{"no bom be", utf16Bytes("@article{a, title={b}}", true, false), "", "UTF-16 (big-endian) without a byte-order mark"},
		{"latin-1", []byte("@book{a, title={Caf\xe9}}\n@book{b,\n title={M\xfcller}}"), "", "unsupported text encoding: line 1 is not UTF-8 text (Latin-1 or Windows-1252?)"},
	} {
		got, err := bibText(c.in)
		switch {
		case c.err == "" && (err != nil || string(got) != c.want):
			t.Errorf("%s: got %q, %v; want %q", c.name, got, err, c.want)
		case c.err != "" && (err == nil || !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: err %v, want one containing %q", c.name, err, c.err)
		}
	}
}
