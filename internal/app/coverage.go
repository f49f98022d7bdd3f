package app

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/khareeta/khareeta/internal/analysis"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
)

// CoverageMatrix is the threats × recommendations table of a coverage
// analysis: which recommendation addresses which threat, directly or
// through a chain of relations.
type CoverageMatrix struct {
	// Title is drawn above the PNG ("" for none).
	Title string
	// Threats are the rows, Recommendations the columns, in project order.
	Threats         []analysis.ThreatCoverage
	Recommendations []analysis.Ref
	// Cells[i][j] is analysis.CellDirect, CellChain or CellNone.
	Cells [][]string
}

// MatrixOf builds the matrix of a coverage analysis.
func MatrixOf(c analysis.Coverage) *CoverageMatrix {
	return &CoverageMatrix{Threats: c.Threats, Recommendations: c.Recommendations, Cells: c.Matrix()}
}

// CoverageMatrix analyses the coverage of the project or of one view
// (viewID "") with labels in lang ("" for the project's language).
func (s *Session) CoverageMatrix(viewID, lang string) (*CoverageMatrix, error) {
	if lang == "" {
		lang = s.proj.Meta.Language
	}
	var scope []string
	title := s.proj.Meta.Title.Get(lang)
	if viewID != "" {
		v, ok := s.ix.Views[viewID]
		if !ok {
			return nil, fmt.Errorf("coverage matrix: no view %s", viewID)
		}
		scope = model.ViewConcepts(s.proj, s.ix, *v)
		if scope == nil {
			scope = []string{}
		}
		title = v.Name.Get(lang)
	}
	m := MatrixOf(analysis.CoverageOf(analysis.NewGraph(s.proj, scope, lang), 0))
	m.Title = title
	return m, nil
}

// Gap reports whether row i is a threat no recommendation addresses.
func (m *CoverageMatrix) Gap(i int) bool { return len(m.Threats[i].Addressed) == 0 }

// Address returns how recommendation j addresses threat i, if it does.
func (m *CoverageMatrix) Address(i, j int) (analysis.Address, bool) {
	if i < 0 || i >= len(m.Threats) || j < 0 || j >= len(m.Recommendations) {
		return analysis.Address{}, false
	}
	for _, a := range m.Threats[i].Addressed {
		if a.Recommendation.ID == m.Recommendations[j].ID {
			return a, true
		}
	}
	return analysis.Address{}, false
}

// CellHighlight is what "show on map" marks for a cell: the threat, the
// recommendation and the chain between them (just the two when the cell
// is empty, or when a reversed addresses relation joins them).
func (m *CoverageMatrix) CellHighlight(i, j int) Highlight {
	if i < 0 || i >= len(m.Threats) || j < 0 || j >= len(m.Recommendations) {
		return Highlight{}
	}
	a, ok := m.Address(i, j)
	if ok && len(a.Chain) > 0 {
		return stepsHighlight(a.Chain)
	}
	return Highlight{Concepts: []string{m.Recommendations[j].ID, m.Threats[i].Threat.ID}}
}

// WriteCSV writes the matrix as CSV (UTF-8 with a byte-order mark, so that
// spreadsheets read Arabic right): a header row with corner and then the
// recommendations' labels, then one row per threat with its label and a
// cell per recommendation holding "direct", "chain" or nothing.
func (m *CoverageMatrix) WriteCSV(w io.Writer, corner string) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	head := []string{corner}
	for _, r := range m.Recommendations {
		head = append(head, r.Label)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for i, t := range m.Threats {
		row := append([]string{t.Threat.Label}, m.Cells[i]...)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// MatrixStyle says how a coverage matrix is drawn (render.MatrixStyle).
type MatrixStyle = render.MatrixStyle

// MatrixLayout is a coverage matrix placed for drawing and hit-testing
// (render.MatrixLayout).
type MatrixLayout = render.MatrixLayout

// Drawing returns the matrix as the render package draws it.
func (m *CoverageMatrix) Drawing() *render.Matrix {
	d := &render.Matrix{Title: m.Title, Cells: make([][]render.Mark, len(m.Threats)), Gaps: make([]bool, len(m.Threats))}
	for _, r := range m.Recommendations {
		d.Cols = append(d.Cols, r.Label)
	}
	for i, t := range m.Threats {
		d.Rows = append(d.Rows, t.Threat.Label)
		d.Gaps[i] = m.Gap(i)
		d.Cells[i] = make([]render.Mark, len(m.Recommendations))
		for j := range m.Recommendations {
			switch m.Cells[i][j] {
			case analysis.CellDirect:
				d.Cells[i][j] = render.MarkDirect
			case analysis.CellChain:
				d.Cells[i][j] = render.MarkChain
			}
		}
	}
	return d
}

// Layout places the matrix for drawing (render.LayoutMatrix).
func (m *CoverageMatrix) Layout(st MatrixStyle) *MatrixLayout {
	return render.LayoutMatrix(m.Drawing(), st)
}

// WritePNG draws the matrix and encodes it as PNG at scale pixels per point
// (0 means 2).
func (m *CoverageMatrix) WritePNG(w io.Writer, st MatrixStyle, scale float64) error {
	return m.Layout(st).WritePNG(w, scale)
}

// ExportMatrix writes the matrix to path as CSV or PNG, by its extension;
// the file is replaced whole or not at all.
func ExportMatrix(path string, m *CoverageMatrix, st MatrixStyle, scale float64) error {
	var buf bytes.Buffer
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		err = m.WriteCSV(&buf, st.Corner)
	case ".png":
		err = m.WritePNG(&buf, st, scale)
	default:
		return fmt.Errorf("export the coverage matrix to %s: want a .csv or .png file", filepath.Base(path))
	}
	if err == nil {
		err = writeFileAtomic(path, buf.Bytes())
	}
	if err != nil {
		return fmt.Errorf("export the coverage matrix to %s: %w", filepath.Base(path), err)
	}
	return nil
}
