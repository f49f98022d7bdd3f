package cli

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// termWriter is the one guard between user text and a terminal: every
// message and report a command prints goes through it (Main wraps Stdout
// and Stderr), so a label cannot move the cursor, recolour the screen,
// retitle the window or reverse the text that follows it.
//
// It shows escaped, as \u001B or \u202E: the C0 controls but newline and
// tab, DEL and the C1 controls, and the explicit bidi embeddings, overrides
// and isolates (U+202A–U+202E, U+2066–U+2069). Bytes that are not UTF-8
// are shown as \xNN. The escapes are JSON escapes too, so JSON output
// stays valid and decodes to the same text. The implicit marks (LRM, RLM,
// ALM) and joiners that Arabic and Persian need pass unchanged.
//
// A file written to standard output with `-o -` bypasses it: its bytes are
// the file's.
type termWriter struct {
	w       io.Writer
	pending []byte // the start of a character split across writes
	buf     []byte
}

func newTermWriter(w io.Writer) *termWriter { return &termWriter{w: w} }

// Write escapes p and writes it; it reports len(p) on success.
func (t *termWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(t.pending) > 0 {
		p = append(t.pending, p...)
		t.pending = nil
	}
	t.buf = t.buf[:0]
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(p[i:]) {
				t.pending = append(t.pending, p[i:]...)
				break
			}
			t.buf = fmt.Appendf(t.buf, `\x%02X`, p[i])
			i++
			continue
		}
		if unsafeRune(r) {
			t.buf = fmt.Appendf(t.buf, `\u%04X`, r)
		} else {
			t.buf = append(t.buf, p[i:i+size]...)
		}
		i += size
	}
	if _, err := t.w.Write(t.buf); err != nil {
		return 0, err
	}
	return n, nil
}

// Flush writes what is left of a character cut short at the end.
func (t *termWriter) Flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	var b []byte
	for _, c := range t.pending {
		b = fmt.Appendf(b, `\x%02X`, c)
	}
	t.pending = nil
	_, err := t.w.Write(b)
	return err
}

// unsafeRune reports whether r must not reach a terminal as is.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || (r >= 0x7F && r <= 0x9F):
		return true
	case (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069):
		return true
	}
	return false
}
