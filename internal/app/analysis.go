package app

import (
	"fmt"

	"github.com/khareeta/khareeta/internal/analysis"
	"github.com/khareeta/khareeta/internal/model"
)

// The analysis types the command line prints (see package analysis).
type (
	AnalysisOptions = analysis.Options
	AnalysisReport  = analysis.Report
	AnalysisRef     = analysis.Ref
	AnalysisStep    = analysis.Step
	PathResult      = analysis.PathResult
)

// AnalyzeFile analyses the project file at path, or the view o.View names
// (by id or name, model.FindView): coverage gaps, unused opportunities,
// pillars under pressure, uncited claims, cycles and central concepts. It
// reads the file without writing to it.
func AnalyzeFile(path string, o AnalysisOptions) (*AnalysisReport, error) {
	p, err := LoadFile(path)
	if err != nil {
		return nil, err
	}
	return analyze(p, o)
}

// analyze runs analysis.Analyze with the view resolved by the one rule.
func analyze(p *model.Project, o AnalysisOptions) (*AnalysisReport, error) {
	if o.View != "" {
		v, err := model.FindView(p, o.View)
		if err != nil {
			return nil, fmt.Errorf("analyse view: %w", err)
		}
		o.View = v.ID
	}
	return analysis.Analyze(p, o)
}

// PathFile finds the shortest explanation path between two concepts of the
// project file at path, named by id or label (model.FindConcept), with
// labels in lang ("" for the project's language).
func PathFile(path, from, to, lang string) (*PathResult, error) {
	p, err := LoadFile(path)
	if err != nil {
		return nil, err
	}
	a, err := model.FindConcept(p, from, lang)
	if err != nil {
		return nil, fmt.Errorf("find the start of the path: %w", err)
	}
	b, err := model.FindConcept(p, to, lang)
	if err != nil {
		return nil, fmt.Errorf("find the end of the path: %w", err)
	}
	return pathBetween(p, a.ID, b.ID, lang), nil
}

// pathBetween is the shortest path between two concepts by id over the
// whole project (an empty result when either is missing).
func pathBetween(p *model.Project, fromID, toID, lang string) *PathResult {
	if lang == "" {
		lang = p.Meta.Language
	}
	g := analysis.NewGraph(p, nil, lang)
	a, b := g.Vertex(fromID), g.Vertex(toID)
	if a < 0 || b < 0 {
		return &analysis.PathResult{}
	}
	return g.Path(a, b)
}

// FormatChainText renders steps on one line for terminals and text files:
// "A —phrase→ B ←phrase— C" (analysis.FormatStepsWith with TextArrows).
func FormatChainText(steps []AnalysisStep) string {
	return analysis.FormatStepsWith(steps, analysis.TextArrows)
}
