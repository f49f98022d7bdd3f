package interop

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrNoEntries is wrapped by the error of an import whose file holds
// nothing in the format asked for (random bytes, a file of another kind):
// such a file is refused, not reported as "0 added".
var ErrNoEntries = errors.New("no bibliography entries")

// ErrEncoding is wrapped by the errors of textUTF8: the file is not text in
// an encoding Khareeta reads (UTF-8, or UTF-16 with a byte-order mark).
var ErrEncoding = errors.New("unsupported text encoding")

// textUTF8 returns a text file's content as UTF-8 without a byte-order
// mark. UTF-8 (with or without a BOM) is returned as it is; UTF-16 with a
// BOM, little- or big-endian (Windows "Unicode" files, EndNote and Excel
// exports), is decoded. UTF-32 and UTF-16 without a BOM (told by where its
// NUL bytes fall) are refused with an error that says what the file seems
// to be and how to save it instead, rather than read as garbage. Invalid
// UTF-8 is left to the caller, which can name the entry or row it is in.
func textUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return nil, fmt.Errorf("%w: the file is UTF-32; save it as UTF-8", ErrEncoding)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		if len(data)%2 != 0 {
			return nil, fmt.Errorf("%w: the file starts with a UTF-16 byte-order mark but has an odd number of bytes (cut short?)", ErrEncoding)
		}
		// ExpectBOM: the mark decides the byte order, little or big endian.
		out, _, err := transform.Bytes(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder(), data)
		if err != nil {
			return nil, fmt.Errorf("%w: the file is not valid UTF-16: %v", ErrEncoding, err)
		}
		return out, nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		if kind := utf16NoBOM(data); kind != "" {
			return nil, fmt.Errorf("%w: the file looks like UTF-16 (%s) without a byte-order mark; save it as UTF-8, or as UTF-16 with a byte-order mark", ErrEncoding, kind)
		}
	}
	return data, nil
}

// bibText is textUTF8 for bibliographies, which must be UTF-8 text
// throughout: a NUL byte means a binary file (a PDF, a Word document)
// given by mistake, and bytes that are not UTF-8 an older export in
// Latin-1 or Windows-1252, which would otherwise lose every entry with an
// accent while the others pass, or (in JSON) turn letters into U+FFFD.
func bibText(data []byte) ([]byte, error) {
	data, err := textUTF8(data)
	if err != nil {
		return nil, err
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("%w: the file holds a NUL byte at offset %d, so it is not a text file", ErrEncoding, i)
	}
	if line := firstNonUTF8Line(data); line > 0 {
		return nil, fmt.Errorf("%w: line %d is not UTF-8 text (Latin-1 or Windows-1252?); save the file as UTF-8", ErrEncoding, line)
	}
	return data, nil
}

// firstNonUTF8Line returns the 1-based line of the first byte of data that
// is not UTF-8, or 0 when all of it is.
func firstNonUTF8Line(data []byte) int {
	if utf8.Valid(data) {
		return 0
	}
	line := 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return line
}

// utf16NoBOM guesses whether data is UTF-16 without a byte-order mark from
// where its NUL bytes fall (the high bytes of ASCII characters: every odd
// offset in little-endian, every even one in big-endian) and returns
// "little-endian", "big-endian" or "".
func utf16NoBOM(data []byte) string {
	n := min(len(data), 4096) &^ 1
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case pairs == 0:
		return ""
	case odd*4 >= pairs && even*20 < odd:
		return "little-endian"
	case even*4 >= pairs && odd*20 < even:
		return "big-endian"
	}
	return ""
}
