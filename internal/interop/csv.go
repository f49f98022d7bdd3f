package interop

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khareeta/khareeta/internal/model"
)

// CSV for spreadsheet users: one table of concepts, or one of relations.
// Files may be UTF-8 with or without a byte-order mark (or UTF-16 with
// one, as Excel's "Unicode text" saves them), separated by commas,
// semicolons or tabs (found from the header), with English or Arabic
// headers ("المعرف,النوع,التسمية"). Errors name the spreadsheet row.

// CSVTable names what a CSV file holds.
type CSVTable string

// The two tables.
const (
	CSVConcepts  CSVTable = "concepts"
	CSVRelations CSVTable = "relations"
)

// MaxCSVSize bounds what ReadCSV reads (64 MiB); maxCSVRows bounds its rows.
const (
	MaxCSVSize = 64 << 20
	maxCSVRows = 1_000_000
)

// CSVOptions says how WriteCSV writes.
type CSVOptions struct {
	Table CSVTable // CSVConcepts (the default) or CSVRelations
	// IDs selects concepts (nil: all); the relations table holds the
	// relations among them.
	IDs []string
	// Comma separates fields: ',' (the default), ';' for spreadsheets set
	// to European locales, or '\t'.
	Comma rune
	// Lang is the language of the header: "ar" or "en" (default: the project's).
	Lang string
	// NoBOM leaves out the UTF-8 byte-order mark Excel needs to read UTF-8.
	NoBOM bool
}

// Column names, canonical (English) and Arabic, in the order written.
var (
	csvConceptCols  = []string{"id", "kind", "label_ar", "label_en", "description_ar", "description_en", "notes"}
	csvRelationCols = []string{"id", "from", "from_label", "to", "to_label", "type", "phrase_ar", "phrase_en", "notes"}
	csvArabicNames  = map[string]string{
		"id": "المعرف", "kind": "النوع", "label_ar": "التسمية بالعربية", "label_en": "التسمية بالإنجليزية",
		"description_ar": "الوصف بالعربية", "description_en": "الوصف بالإنجليزية", "notes": "ملاحظات",
		"from": "من", "from_label": "تسمية من", "to": "إلى", "to_label": "تسمية إلى", "type": "نوع العلاقة",
		"phrase_ar": "عبارة الربط بالعربية", "phrase_en": "عبارة الربط بالإنجليزية",
	}
)

// WriteCSV writes the concepts or the relations of p as CSV. ReadCSV reads
// back every string exactly, with one exception: a CR-LF pair inside a
// cell comes back as LF (CSV readers, ours and the spreadsheets', take it
// for a line break). Cells are quoted when they hold the separator, a
// quote, a line break, or leading or trailing white space (ReadCSV trims
// only unquoted cells), and protected from formula evaluation (see csvSafe).
func WriteCSV(w io.Writer, p *model.Project, opts CSVOptions) error {
	if opts.Table == "" {
		opts.Table = CSVConcepts
	}
	if opts.Comma == 0 {
		opts.Comma = ','
	}
	if opts.Lang == "" {
		opts.Lang = p.Meta.Language
	}
	var b bytes.Buffer
	if !opts.NoBOM {
		b.WriteString("\ufeff")
	}
	if !validComma(opts.Comma) {
		return fmt.Errorf("write CSV: %q cannot separate fields", opts.Comma)
	}
	cw := &csvWriter{b: &b, comma: opts.Comma}
	cols := csvConceptCols
	if opts.Table == CSVRelations {
		cols = csvRelationCols
	} else if opts.Table != CSVConcepts {
		return fmt.Errorf("write CSV: unknown table %q", opts.Table)
	}
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c
		if opts.Lang == model.Arabic {
			header[i] = csvArabicNames[c]
		}
	}
	cw.Write(header)
	ix := model.NewIndex(p)
	concepts := selectConcepts(p, ix, opts.IDs)
	if opts.Table == CSVConcepts {
		for _, c := range concepts {
			cw.Write(csvSafe([]string{c.ID, c.Kind, c.Label[model.Arabic], c.Label[model.English],
				c.Description[model.Arabic], c.Description[model.English], c.Notes}))
		}
	} else {
		var cids []string
		for _, c := range concepts {
			cids = append(cids, c.ID)
		}
		label := func(id string) string {
			if c := ix.Concepts[id]; c != nil {
				return c.Label.Get(opts.Lang)
			}
			return ""
		}
		for _, rid := range model.ViewRelations(p, cids) {
			r := ix.Relations[rid]
			cw.Write(csvSafe([]string{r.ID, r.From, label(r.From), r.To, label(r.To), r.Type,
				r.Phrase[model.Arabic], r.Phrase[model.English], r.Notes}))
		}
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func validComma(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && r != '\'' && r != utf8.RuneError && utf8.ValidRune(r)
}

// csvWriter writes RFC 4180 rows (CR-LF ends) as encoding/csv reads them.
// encoding/csv's own writer cannot be used: it leaves a cell with trailing
// blanks unquoted, drops a lone CR, and turns LF inside a cell into CR-LF.
type csvWriter struct {
	b     *bytes.Buffer
	comma rune
}

func (w *csvWriter) Write(row []string) {
	for i, f := range row {
		if i > 0 {
			w.b.WriteRune(w.comma)
		}
		if !w.needsQuotes(f) {
			w.b.WriteString(f)
			continue
		}
		w.b.WriteByte('"')
		w.b.WriteString(strings.ReplaceAll(f, `"`, `""`))
		w.b.WriteByte('"')
	}
	w.b.WriteString("\r\n")
}

func (w *csvWriter) needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if strings.ContainsRune(f, w.comma) || strings.ContainsAny(f, "\"\r\n") || f == `\.` {
		return true
	}
	first, _ := utf8.DecodeRuneInString(f)
	last, _ := utf8.DecodeLastRuneInString(f)
	return unicode.IsSpace(first) || unicode.IsSpace(last)
}

// csvSafe keeps spreadsheets from reading a cell as a formula (CSV
// injection: a map exported for students must not run =HYPERLINK(…) or
// =cmd|… when opened): a cell that begins with = + - @ TAB or CR gets a
// leading apostrophe, as OWASP advises. So that ReadCSV can remove the
// mark without ever eating a user's own apostrophe, a cell that begins
// with an apostrophe gets one more: ReadCSV removes one leading apostrophe
// exactly when the text after it would be marked. Protection is kept
// (rather than dropped for an exact file) because spreadsheets are where
// these files are opened; the mark is reversible, so nothing is lost.
func csvSafe(row []string) []string {
	for i, s := range row {
		s = strings.ReplaceAll(s, "\r\n", "\n") // read as LF anyway; normalised first so the mark stays right
		row[i] = s
		if needsQuoteMark(s) {
			row[i] = "'" + s
		}
	}
	return row
}

// needsQuoteMark reports whether csvSafe marks s.
func needsQuoteMark(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0]))
}

// CSVImport is what ReadCSV found.
type CSVImport struct {
	Table CSVTable
	// Concepts or Relations hold the new and changed records, in file
	// order. A row whose id names an existing record changes it (the
	// columns present replace its fields); other rows are new records.
	Concepts  []model.Concept
	Relations []model.Relation
	Comma     rune     // the separator found
	Ignored   []string // header columns not understood, left out
}

// CSVProblem is one problem of one row (Row 1 is the header, as a
// spreadsheet numbers it).
type CSVProblem struct {
	Row    int
	Column string
	Msg    string
}

func (p CSVProblem) String() string {
	if p.Column != "" {
		return fmt.Sprintf("row %d, column %q: %s", p.Row, p.Column, p.Msg)
	}
	return fmt.Sprintf("row %d: %s", p.Row, p.Msg)
}

// CSVError lists the problems of a CSV file (at most 50).
type CSVError struct{ Problems []CSVProblem }

func (e *CSVError) Error() string {
	s := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		s[i] = p.String()
	}
	return "CSV: " + strings.Join(s, "; ")
}

// Unwrap makes errors.Is(err, model.ErrInvalid) hold.
func (e *CSVError) Unwrap() error { return model.ErrInvalid }

// csvAliases maps header names (normalised by csvKey) to canonical columns.
// "type" and "النوع" mean a concept's kind in a concepts table and the
// relation type in a relations table.
var csvAliases = func() map[string]string {
	m := map[string]string{}
	add := func(col string, names ...string) {
		for _, n := range names {
			m[csvKey(n)] = col
		}
	}
	add("id", "id", "uuid", "identifier", "المعرف", "معرف", "الرقم التعريفي")
	add("kind", "kind", "category", "type", "النوع", "نوع", "الصنف", "الفئة")
	add("label", "label", "name", "concept", "title", "التسمية", "تسمية", "الاسم", "المفهوم", "العنوان")
	add("label_ar", "label_ar", "label ar", "label (ar)", "arabic label", "label arabic", "التسمية بالعربية", "التسمية العربية", "الاسم بالعربية", "التسمية (عربي)")
	add("label_en", "label_en", "label en", "label (en)", "english label", "label english", "التسمية بالإنجليزية", "التسمية الإنجليزية", "الاسم بالإنجليزية", "التسمية (إنجليزي)")
	add("description", "description", "الوصف", "وصف")
	add("description_ar", "description_ar", "description (ar)", "الوصف بالعربية", "الوصف العربي")
	add("description_en", "description_en", "description (en)", "الوصف بالإنجليزية", "الوصف الإنجليزي")
	add("notes", "notes", "note", "ملاحظات", "الملاحظات", "ملاحظة")
	add("from", "from", "source", "من", "المصدر", "البداية")
	add("to", "to", "target", "إلى", "الهدف", "النهاية")
	add("from_label", "from_label", "from label", "source label", "تسمية من", "تسمية المصدر", "تسمية البداية")
	add("to_label", "to_label", "to label", "target label", "تسمية إلى", "تسمية الهدف", "تسمية النهاية")
	add("relation_type", "relation", "relation type", "relation_type", "نوع العلاقة", "العلاقة")
	add("phrase", "phrase", "linking phrase", "عبارة الربط", "العبارة")
	add("phrase_ar", "phrase_ar", "phrase (ar)", "عبارة الربط بالعربية", "العبارة بالعربية")
	add("phrase_en", "phrase_en", "phrase (en)", "عبارة الربط بالإنجليزية", "العبارة بالإنجليزية")
	return m
}()

// csvKey normalises a header: Arabic and Latin folding, and any run of
// spaces or punctuation as one "_".
func csvKey(s string) string {
	s = model.Fold(strings.TrimPrefix(strings.TrimSpace(s), "\ufeff"))
	var b strings.Builder
	sep := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			sep = false
			b.WriteRune(r)
		} else {
			sep = true
		}
	}
	return b.String()
}

// ReadCSV reads a table of concepts or of relations (chosen by the header:
// a table with "from" and "to" columns holds relations). Kinds are named by
// id or by name, relation types by id or by their linking phrase, and the
// ends of a relation by concept id or label; names and labels are looked
// up in base (which may be nil: built-in kinds, no concepts). Nothing is
// returned when any row has a problem: the error lists them by row.
func ReadCSV(r io.Reader, base *model.Project) (*CSVImport, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxCSVSize+1))
	if err != nil {
		return nil, fmt.Errorf("read CSV: %w", err)
	}
	if len(data) > MaxCSVSize {
		return nil, fmt.Errorf("CSV file is larger than %d MiB", MaxCSVSize>>20)
	}
	if data, err = csvUTF8(data); err != nil {
		return nil, err
	}
	if base == nil {
		base = &model.Project{Kinds: model.BuiltinKinds()}
	}
	imp := &CSVImport{Comma: csvComma(data)}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = imp.Comma
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("CSV: the file is empty")
	}
	if err != nil {
		return nil, csvParseError(err)
	}
	cols := map[string]int{}
	var problems []CSVProblem
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			continue
		}
		col, ok := csvAliases[csvKey(h)]
		if !ok {
			imp.Ignored = append(imp.Ignored, h)
			continue
		}
		if _, dup := cols[col]; dup {
			problems = append(problems, CSVProblem{Row: 1, Column: h, Msg: "a second column for " + col})
		}
		cols[col] = i
	}
	_, hasFrom := cols["from"]
	_, hasFromLabel := cols["from_label"]
	_, hasTo := cols["to"]
	_, hasToLabel := cols["to_label"]
	switch {
	case (hasFrom || hasFromLabel) && (hasTo || hasToLabel):
		imp.Table = CSVRelations
		if k, ok := cols["kind"]; ok { // "type"/"النوع" here is the relation type
			if _, both := cols["relation_type"]; !both {
				cols["relation_type"] = k
			}
			delete(cols, "kind")
		}
	case has(cols, "label", "label_ar", "label_en", "id"):
		imp.Table = CSVConcepts
	default:
		return nil, fmt.Errorf("CSV: the header %q names no known columns; use e.g. id,kind,label_ar,label_en (concepts) or from,to,type (relations), in English or Arabic (المعرف,النوع,التسمية)", strings.Join(header, string(imp.Comma)))
	}
	if len(problems) > 0 {
		return nil, &CSVError{Problems: problems}
	}
	lines := newLineIndex(data)
	rd := &csvRows{cols: cols, base: base, imp: imp, seen: map[string]int{}}
	rd.index()
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rd.problem(pe.Line, "", "%v", pe.Err)
				break
			}
			return nil, csvParseError(err)
		}
		if n >= maxCSVRows {
			return nil, fmt.Errorf("CSV: more than %d rows", maxCSVRows)
		}
		row, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		rd.row, rd.rec = row, rec
		rd.quoted = quotedCells(cr, lines, data, len(rec), rd.quoted)
		if imp.Table == CSVConcepts {
			rd.concept()
		} else {
			rd.relation()
		}
		if len(rd.problems) >= 50 {
			break
		}
	}
	if len(rd.problems) > 0 {
		return nil, &CSVError{Problems: rd.problems}
	}
	return imp, nil
}

// quotedCells reports which of the n cells of the record cr just read
// began with a quote in data, reusing buf.
func quotedCells(cr *csv.Reader, lines lineIndex, data []byte, n int, buf []bool) []bool {
	buf = buf[:0]
	for i := range n {
		line, col := cr.FieldPos(i)
		off := -1
		if line >= 1 && line <= len(lines) {
			off = lines[line-1] + col - 1
		}
		buf = append(buf, off >= 0 && off < len(data) && data[off] == '"')
	}
	return buf
}

func has(m map[string]int, keys ...string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func csvParseError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CSVError{Problems: []CSVProblem{{Row: pe.Line, Msg: pe.Err.Error()}}}
	}
	return fmt.Errorf("CSV: %w", err)
}

// csvUTF8 returns the text as UTF-8 without a byte-order mark, decoding
// UTF-16 (with its BOM), or says which row is not UTF-8 (see textUTF8).
func csvUTF8(data []byte) ([]byte, error) {
	data, err := textUTF8(data)
	if err != nil {
		return nil, fmt.Errorf("CSV: %w", err)
	}
	if row := firstNonUTF8Line(data); row > 0 {
		return nil, &CSVError{Problems: []CSVProblem{{Row: row, Msg: "the text is not UTF-8; save the file as \"CSV UTF-8\""}}}
	}
	return data, nil
}

// csvComma picks the separator the header line uses most: comma,
// semicolon or tab (quoted text aside).
func csvComma(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(data) {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' || r == '\r' {
			break
		}
		if r == ',' || r == ';' || r == '\t' {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}
