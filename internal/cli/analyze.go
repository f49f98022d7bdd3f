package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/khareeta/khareeta/internal/app"
)

// analyzeCmd is `khareeta analyze`: the analysis options, and how to print.
type analyzeCmd struct {
	app.AnalysisOptions
	JSON  bool
	Limit int
}

func (c *analyzeCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.View, "view", "", "analyse only this view (id or name)")
	fs.BoolVar(&c.JSON, "json", false, "print the full report as JSON")
	fs.StringVar(&c.Lang, "lang", "", "language of labels (default: the project's)")
	fs.IntVar(&c.TopN, "top", 10, "how many concepts the centrality rankings list")
	fs.IntVar(&c.MaxChain, "chain", 4, "most relations in a chain from a recommendation to a threat")
	fs.IntVar(&c.MaxCycles, "cycles", 20, "most cycles to list")
	fs.IntVar(&c.BetweennessSample, "sample", 0, "betweenness sources: 0 = exact on small maps, sampled on large ones; -1 = always exact; N = sample N")
	fs.IntVar(&c.Limit, "limit", 20, "most items printed per list in text output (0 = all)")
}

func (c *analyzeCmd) Run(env *Env, args []string) error {
	rep, err := app.AnalyzeFile(args[0], c.AnalysisOptions)
	if err != nil {
		return err
	}
	if c.JSON {
		return printJSON(env.Stdout, rep)
	}
	writeAnalysisReport(env.Stdout, rep, c.Limit)
	return nil
}

// pathCmd is `khareeta path`.
type pathCmd struct{ JSON bool }

func (c *pathCmd) Flags(fs *flag.FlagSet) {
	fs.BoolVar(&c.JSON, "json", false, "print the path as JSON")
}

func (c *pathCmd) Run(env *Env, args []string) error {
	res, err := app.PathFile(args[0], args[1], args[2], "")
	if err != nil {
		return err
	}
	if c.JSON {
		if err := printJSON(env.Stdout, res); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(env.Stdout, res.String())
		if res.Found && len(res.Steps) > 0 {
			fmt.Fprintf(env.Stdout, "%d %s", len(res.Steps), plural(len(res.Steps), "step", "steps"))
			if res.Backward > 0 {
				fmt.Fprintf(env.Stdout, ", %d against the direction of the relations", res.Backward)
			}
			fmt.Fprintln(env.Stdout)
		}
	}
	if !res.Found {
		return Exit{Code: 1}
	}
	return nil
}

// analysisList prints at most limit items of a list (all when limit <= 0) and
// says how many it left out.
func analysisList(w io.Writer, indent string, n, limit int, item func(i int) string) {
	shown := n
	if limit > 0 && n > limit {
		shown = limit
	}
	for i := 0; i < shown; i++ {
		fmt.Fprintf(w, "%s%s\n", indent, item(i))
	}
	if shown < n {
		fmt.Fprintf(w, "%s… and %d more (--limit 0 or --json for all)\n", indent, n-shown)
	}
}

func analysisLabels(refs []app.AnalysisRef, limit int) string {
	var s []string
	for i, r := range refs {
		if limit > 0 && i == limit {
			s = append(s, fmt.Sprintf("… %d more", len(refs)-limit))
			break
		}
		s = append(s, r.Label)
	}
	return strings.Join(s, "، ")
}

func writeAnalysisReport(w io.Writer, rep *app.AnalysisReport, limit int) {
	st, cov, ev := rep.Structure, rep.Coverage, rep.Evidence
	title := rep.Title
	if rep.ViewName != "" {
		title += " — view: " + rep.ViewName
	}
	fmt.Fprintf(w, "%s\n%d concepts, %d relations\n", title, st.Concepts, st.Relations)

	fmt.Fprintf(w, "\nCOVERAGE (chains of up to %d relations)\n", rep.MaxChain)
	fmt.Fprintf(w, "Gaps: %d of %d threats are addressed by no recommendation\n", len(cov.Gaps), len(cov.Threats))
	analysisList(w, "  - ", len(cov.Gaps), limit, func(i int) string {
		g := cov.Gaps[i]
		s := g.Threat.Label
		if len(g.OffsetBy) > 0 {
			var o []string
			for _, x := range g.OffsetBy {
				o = append(o, fmt.Sprintf("%s (via %s)", x.Recommendation.Label, x.Via.Label))
			}
			s += " — only offset by " + strings.Join(o, "، ")
		}
		return s
	})
	covered := cov.Threats[:0:0]
	for _, t := range cov.Threats {
		if len(t.Addressed) > 0 {
			covered = append(covered, t)
		}
	}
	fmt.Fprintf(w, "Addressed threats: %d\n", len(covered))
	analysisList(w, "  - ", len(covered), limit, func(i int) string {
		t := covered[i]
		var lines []string
		for k, a := range t.Addressed {
			if limit > 0 && k == limit {
				lines = append(lines, fmt.Sprintf("… and %d more", len(t.Addressed)-limit))
				break
			}
			switch {
			case a.Reversed:
				lines = append(lines, a.Recommendation.Label+" (direct; recorded as the threat addressing it)")
			case a.Direct:
				lines = append(lines, app.FormatChainText(a.Chain)+" (direct)")
			default:
				lines = append(lines, app.FormatChainText(a.Chain))
			}
		}
		return t.Threat.Label + "\n      " + strings.Join(lines, "\n      ")
	})
	fmt.Fprintf(w, "Unused opportunities: %d of %d support no recommendation\n", len(cov.UnusedOpportunities), len(cov.Opportunities))
	analysisList(w, "  - ", len(cov.UnusedOpportunities), limit, func(i int) string { return cov.UnusedOpportunities[i].Label })
	fmt.Fprintf(w, "Pillars by the threats that weaken them (direct + through chains):\n")
	analysisList(w, "  ", len(cov.Pillars), limit, func(i int) string {
		p := cov.Pillars[i]
		s := fmt.Sprintf("%d. %s: %d direct, %d through chains", i+1, p.Pillar.Label, len(p.Direct), len(p.Transitive))
		if len(p.Direct) > 0 {
			s += "\n      direct: " + analysisLabels(p.Direct, limit)
		}
		if len(p.Transitive) > 0 {
			s += "\n      through chains: " + analysisLabels(p.Transitive, limit)
		}
		return s
	})

	fmt.Fprintf(w, "\nEVIDENCE\n")
	fmt.Fprintf(w, "Concepts without a citation: %d of %d\n", len(ev.UncitedConcepts), ev.Concepts)
	analysisList(w, "  - ", len(ev.UncitedConcepts), limit, func(i int) string {
		c := ev.UncitedConcepts[i]
		return fmt.Sprintf("%s (%s)", c.Label, c.Kind)
	})
	fmt.Fprintf(w, "Relations without a citation: %d of %d\n", len(ev.UncitedRelations), ev.Relations)
	analysisList(w, "  - ", len(ev.UncitedRelations), limit, func(i int) string {
		r := ev.UncitedRelations[i]
		return fmt.Sprintf("%s —%s→ %s", r.From.Label, r.Phrase, r.To.Label)
	})

	fmt.Fprintf(w, "\nSTRUCTURE\n")
	fmt.Fprintf(w, "Connected parts: %d", len(st.Components))
	if len(st.Components) > 0 {
		fmt.Fprintf(w, " (largest: %d concepts)", st.Components[0].Size)
	}
	fmt.Fprintln(w)
	parts := st.Components[:0:0]
	for _, c := range st.Components {
		if c.Size > 1 {
			parts = append(parts, c)
		}
	}
	if len(parts) > 1 {
		analysisList(w, "  - ", len(parts), limit, func(i int) string {
			return fmt.Sprintf("%d concepts: %s", parts[i].Size, analysisLabels(parts[i].Concepts, 5))
		})
	}
	fmt.Fprintf(w, "Isolated concepts: %d\n", len(st.Isolated))
	analysisList(w, "  - ", len(st.Isolated), limit, func(i int) string { return st.Isolated[i].Label })
	cy := st.Cycles
	var sizes []string
	for _, g := range cy.Groups {
		sizes = append(sizes, fmt.Sprint(g.Size))
	}
	fmt.Fprintf(w, "Cycles: %d %s of concepts that lead back to themselves", len(cy.Groups), plural(len(cy.Groups), "group", "groups"))
	if len(sizes) > 0 {
		fmt.Fprintf(w, " (%s concepts)", strings.Join(sizes, ", "))
	}
	fmt.Fprintln(w)
	analysisList(w, "  - ", len(cy.List), limit, func(i int) string { return app.FormatChainText(cy.List[i].Steps) })
	if cy.Truncated {
		fmt.Fprintf(w, "  (stopped at %d cycles; --cycles N for more)\n", len(cy.List))
	}
	fmt.Fprintf(w, "Most connected concepts (relations in + out):\n")
	for i, d := range st.Degree {
		fmt.Fprintf(w, "  %d. %s: %d (%d in, %d out)\n", i+1, d.Concept.Label, d.Total, d.In, d.Out)
	}
	if st.BetweennessSample > 0 {
		fmt.Fprintf(w, "Bridging concepts (betweenness, estimated from %d of %d concepts; --sample -1 for exact):\n", st.BetweennessSample, st.Concepts)
	} else {
		fmt.Fprintf(w, "Bridging concepts (betweenness):\n")
	}
	for i, b := range st.Betweenness {
		if b.Value == 0 {
			break
		}
		fmt.Fprintf(w, "  %d. %s: %.4f\n", i+1, b.Concept.Label, b.Normalized)
	}
}
