package analysis

import (
	"fmt"

	"github.com/khareeta/khareeta/internal/model"
)

// Options tune Analyze. The zero value gives the defaults.
type Options struct {
	// View restricts the analysis to a view, named by id or name ("" = the whole project).
	View string
	// Lang is the language of labels and phrases (default: the project's).
	Lang string
	// MaxChain bounds the relations in a coverage chain (default 4).
	MaxChain int
	// MaxCycles bounds the listed cycles (default 20).
	MaxCycles int
	// TopN bounds the degree and betweenness rankings (default 10).
	TopN int
	// BetweennessSample chooses how betweenness is computed: 0 (default)
	// is exact on graphs within BetweennessBudget and sampled with
	// AutoSample sources beyond; a negative value is always exact; a
	// positive value below the number of concepts samples that many sources.
	BetweennessSample int
}

// Structure is the shape of the graph.
type Structure struct {
	Concepts  int `json:"concepts"`
	Relations int `json:"relations"`
	// Components are the weakly connected components, largest first.
	Components []Component `json:"components"`
	// Isolated concepts have no relation at all.
	Isolated []Ref  `json:"isolated"`
	Cycles   Cycles `json:"cycles"`
	// Degree and Betweenness are the top concepts by each measure.
	Degree      []DegreeScore `json:"degree"`
	Betweenness []Score       `json:"betweenness"`
	// BetweennessSample is the number of sources betweenness was estimated
	// from, or 0 when it is exact.
	BetweennessSample int `json:"betweenness_sample"`
}

// Report is everything Analyze finds. It encodes to JSON as is.
type Report struct {
	// Title is the project's title in Lang.
	Title string `json:"title"`
	Lang  string `json:"lang"`
	// View is the id of the view analysed, "" for the whole project.
	View     string `json:"view,omitempty"`
	ViewName string `json:"view_name,omitempty"`
	// MaxChain is the chain bound used for coverage.
	MaxChain  int       `json:"max_chain"`
	Coverage  Coverage  `json:"coverage"`
	Evidence  Evidence  `json:"evidence"`
	Structure Structure `json:"structure"`
}

// Analyze builds the graph of p (or of one of its views) and computes every
// finding: coverage, evidence and structure.
func Analyze(p *model.Project, opts Options) (*Report, error) {
	if opts.Lang == "" {
		opts.Lang = p.Meta.Language
	}
	if opts.MaxChain <= 0 {
		opts.MaxChain = 4
	}
	if opts.MaxCycles <= 0 {
		opts.MaxCycles = 20
	}
	if opts.TopN <= 0 {
		opts.TopN = 10
	}
	rep := &Report{Title: p.Meta.Title.Get(opts.Lang), Lang: opts.Lang, MaxChain: opts.MaxChain}
	var scope []string
	if opts.View != "" {
		v, err := ResolveView(p, opts.View)
		if err != nil {
			return nil, fmt.Errorf("analyse view: %w", err)
		}
		scope = model.ViewConcepts(p, model.NewIndex(p), *v)
		if scope == nil {
			scope = []string{}
		}
		rep.View, rep.ViewName = v.ID, v.Name.Get(opts.Lang)
	}
	g := NewGraph(p, scope, opts.Lang)
	rep.Coverage = CoverageOf(g, opts.MaxChain)
	rep.Evidence = EvidenceOf(g)
	cy := CyclesOf(g, opts.MaxCycles)
	sample := 0
	switch {
	case opts.BetweennessSample == 0:
		sample = AutoSample(g)
	case opts.BetweennessSample > 0 && opts.BetweennessSample < g.Len():
		sample = opts.BetweennessSample
	}
	rep.Structure = Structure{
		Concepts:          g.Len(),
		Relations:         len(g.Rels),
		Components:        Components(g),
		Isolated:          Isolated(g),
		Cycles:            cy,
		Degree:            Degrees(g, opts.TopN),
		Betweenness:       TopBetweenness(g, opts.TopN, sample),
		BetweennessSample: sample,
	}
	return rep, nil
}
