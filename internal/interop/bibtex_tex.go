package interop

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file decodes LaTeX markup in field values to Unicode text.

// texAccents maps LaTeX accent commands to combining marks.
var texAccents = map[string]rune{
	`"`: 0x0308, `'`: 0x0301, "`": 0x0300, "^": 0x0302, "~": 0x0303, "=": 0x0304, ".": 0x0307,
	"u": 0x0306, "v": 0x030C, "H": 0x030B, "c": 0x0327, "k": 0x0328, "r": 0x030A, "d": 0x0323,
	"b": 0x0331, "t": 0x0361,
}

// texSymbols maps LaTeX symbol commands to their text.
var texSymbols = map[string]string{
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
	"textquotedblleft": "“", "textquotedblright": "”", "textasciitilde": "~", "textasciicircum": "^",
	"textbackslash": `\`, "textbar": "|", "textless": "<", "textgreater": ">", "textunderscore": "_",
	"textdollar": "$", "textbraceleft": "{", "textbraceright": "}", "S": "§", "P": "¶", "textsection": "§",
	"copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "dag": "†",
	"ddag": "‡", "ldots": "…", "dots": "…", "textellipsis": "…", "textdegree": "°", "guillemotleft": "«",
	"guillemotright": "»", "guillemetleft": "«", "guillemetright": "»", "textquotesingle": "'",
	"textperiodcentered": "·", "textbullet": "•", "pounds": "£", "textsterling": "£", "texteuro": "€",
	"euro": "€", "textexclamdown": "¡", "textquestiondown": "¿", "quad": " ", "qquad": " ", "textnbsp": "\u00a0",
	"nobreakspace": "\u00a0", "textminus": "−", "textpm": "±", "texttimes": "×", "textdiv": "÷",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "textasteriskcentered": "*", "textpercent": "%",
	"textampersand": "&", "textnumero": "№", "textordfeminine": "ª", "textordmasculine": "º",
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "kappa": "κ", "lambda": "λ",
	"mu": "μ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "chi": "χ", "omega": "ω",
	"Delta": "Δ", "Sigma": "Σ", "Omega": "Ω", "times": "×", "pm": "±", "leq": "≤", "geq": "≥", "to": "→",
}

// texDec decodes LaTeX markup to Unicode text.
type texDec struct {
	s     string
	i     int
	depth int
}

// texToText decodes a BibTeX field value: accents and commands become
// Unicode, braces go, "--" and "---" become dashes, "~" a no-break space,
// white space collapses. The result is NFC.
func texToText(s string) string {
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "{}\\~-$`'") {
		return strings.TrimSpace(collapseSpace(s))
	}
	d := &texDec{s: s}
	out := d.run(false)
	return strings.TrimSpace(collapseSpace(norm.NFC.String(out)))
}

// texToLines decodes like texToText but keeps line breaks (for notes):
// blanks collapse within each line.
func texToLines(s string) string {
	if s == "" {
		return ""
	}
	d := &texDec{s: s}
	lines := strings.Split(norm.NFC.String(d.run(false)), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(collapseSpace(l))
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// run decodes until the end, or until the '}' closing the current group when inGroup.
func (d *texDec) run(inGroup bool) string {
	var b strings.Builder
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch c {
		case '{':
			d.i++
			if d.depth > 200 {
				continue // absurd nesting: treat braces as plain grouping
			}
			d.depth++
			b.WriteString(d.run(true))
			d.depth--
		case '}':
			d.i++
			if inGroup {
				return b.String()
			}
		case '\\':
			b.WriteString(d.command())
		case '~':
			d.i++
			b.WriteRune(0xA0)
		case '$':
			d.i++ // math shift: keep the math text, drop the delimiters
		case '-':
			if strings.HasPrefix(d.s[d.i:], "---") {
				b.WriteString("—")
				d.i += 3
			} else if strings.HasPrefix(d.s[d.i:], "--") {
				b.WriteString("–")
				d.i += 2
			} else {
				b.WriteByte('-')
				d.i++
			}
		case '`':
			if strings.HasPrefix(d.s[d.i:], "``") {
				b.WriteString("“")
				d.i += 2
			} else {
				b.WriteString("‘")
				d.i++
			}
		case '\'':
			if strings.HasPrefix(d.s[d.i:], "''") {
				b.WriteString("”")
				d.i += 2
			} else {
				b.WriteByte('\'')
				d.i++
			}
		default:
			_, n := utf8.DecodeRuneInString(d.s[d.i:])
			b.WriteString(d.s[d.i : d.i+n])
			d.i += n
		}
	}
	return b.String()
}

// command decodes the control sequence at d.i (which is a backslash).
func (d *texDec) command() string {
	d.i++ // the backslash
	if d.i >= len(d.s) {
		return ""
	}
	c := d.s[d.i]
	if !isASCIILetter(c) {
		d.i++
		name := string(c)
		if acc, ok := texAccents[name]; ok {
			return d.accent(acc)
		}
		switch c {
		case '\\':
			return " "
		case ',', ';', ' ', ':':
			return " "
		case '-', '/', '@':
			return ""
		}
		if c >= 0x80 {
			// a backslash before a multi-byte rune: keep the rune
			d.i--
			_, n := utf8.DecodeRuneInString(d.s[d.i:])
			r := d.s[d.i : d.i+n]
			d.i += n
			return r
		}
		return name // \& \% \$ \# \_ \{ \} and anything else: the character itself
	}
	st := d.i
	for d.i < len(d.s) && isASCIILetter(d.s[d.i]) {
		d.i++
	}
	name := d.s[st:d.i]
	// TeX swallows blanks after a control word
	for d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t' || d.s[d.i] == '\n' || d.s[d.i] == '\r') {
		d.i++
	}
	if acc, ok := texAccents[name]; ok && len(name) == 1 {
		return d.accent(acc)
	}
	if sym, ok := texSymbols[name]; ok {
		if d.i+1 < len(d.s) && d.s[d.i] == '{' && d.s[d.i+1] == '}' {
			d.i += 2 // "\textendash{}"
		}
		return sym
	}
	if name == "href" {
		d.group() // the URL
		return d.group()
	}
	// \textit{…}, \emph{…}, \url{…} and unknown commands: keep the argument text
	if d.i < len(d.s) && d.s[d.i] == '{' {
		return d.group()
	}
	return ""
}

// group decodes a following "{…}" group, or returns "" when none follows.
func (d *texDec) group() string {
	if d.i < len(d.s) && d.s[d.i] == '{' {
		d.i++
		if d.depth > 200 {
			return ""
		}
		d.depth++
		s := d.run(true)
		d.depth--
		return s
	}
	return ""
}

// accent applies a combining mark to the next character or group.
func (d *texDec) accent(mark rune) string {
	for d.i < len(d.s) && d.s[d.i] == ' ' {
		d.i++
	}
	var arg string
	switch {
	case d.i >= len(d.s):
		return string(mark)
	case d.s[d.i] == '{':
		arg = d.group()
	case d.s[d.i] == '\\':
		arg = d.command()
	default:
		_, n := utf8.DecodeRuneInString(d.s[d.i:])
		arg = d.s[d.i : d.i+n]
		d.i += n
	}
	if arg == "" {
		return string(mark)
	}
	r, n := utf8.DecodeRuneInString(arg)
	switch r {
	case 'ı':
		r = 'i'
	case 'ȷ':
		r = 'j'
	}
	return string(r) + string(mark) + arg[n:]
}
