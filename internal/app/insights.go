package app

import (
	"slices"
	"strings"

	"github.com/khareeta/khareeta/internal/analysis"
	"github.com/khareeta/khareeta/internal/evidence"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// Kinds of insight, in the order Insights lists them. The GUI translates
// them as keys ("insight.gap", …).
const (
	InsightGap             = "gap"                  // a threat no recommendation addresses
	InsightUnusedOpp       = "unused-opportunity"   // an opportunity that supports no recommendation
	InsightPillar          = "pillar"               // a pillar and the threats that weaken it
	InsightUncitedConcept  = "uncited-concept"      // a concept without a citation
	InsightUncitedRelation = "uncited-relation"     // a relation without a citation
	InsightUnusedSource    = "unused-source"        // a source nothing cites
	InsightNoLocator       = "no-locator"           // a citation without a page
	InsightOutOfRange      = "locator-out-of-range" // a page outside the source's range
	InsightCycle           = "cycle"                // a closed chain of relations
	InsightIsolated        = "isolated"             // a concept without relations
	InsightComponent       = "component"            // a part of the map not joined to the largest one
	InsightCentral         = "central"              // a concept with many relations
	InsightBroker          = "broker"               // a concept many shortest paths pass through
)

// InsightGroups maps every insight kind to its group: "coverage",
// "evidence" or "structure".
var InsightGroups = map[string]string{
	InsightGap: "coverage", InsightUnusedOpp: "coverage", InsightPillar: "coverage",
	InsightUncitedConcept: "evidence", InsightUncitedRelation: "evidence", InsightUnusedSource: "evidence",
	InsightNoLocator: "evidence", InsightOutOfRange: "evidence",
	InsightCycle: "structure", InsightIsolated: "structure", InsightComponent: "structure",
	InsightCentral: "structure", InsightBroker: "structure",
}

// Highlight names what "show on map" marks: concepts and relations by id.
type Highlight struct {
	Concepts  []string
	Relations []string
}

// Empty reports whether there is nothing to show.
func (h Highlight) Empty() bool { return len(h.Concepts) == 0 && len(h.Relations) == 0 }

// Insight is one finding, ready to list: what it is about, a detail line,
// where a click takes the user and what "show on map" marks.
type Insight struct {
	Kind string
	// Subject names what the finding is about: a concept's label, a
	// relation read as a proposition, a source's title (in the label
	// language).
	Subject string
	// Detail is a second line: a chain of relations, a locator, or the
	// labels in Related joined; "" when there is none.
	Detail string
	// Related lists labels the finding names besides its subject: the
	// recommendations that offset a gap, the threats weakening a pillar.
	Related []string
	// Count is the number the finding is about (threats on a pillar,
	// relations of a central concept, concepts of a component or cycle).
	Count int
	// Score is a measure shown with central concepts (normalised
	// betweenness), else 0.
	Score float64
	// Click-through: the concept, relation, source or citation the finding
	// is about (only the ones that apply are set).
	Concept, Relation, Source, Citation string
	// Show is what "show on map" highlights.
	Show Highlight
}

// Insights is what Session.Insights found.
type Insights struct {
	Report *analysis.Report
	// Evidence holds evidence.Check's findings for the whole project.
	Evidence []evidence.Finding
	// Items lists every finding in the order of the Insight* kinds.
	Items []Insight
	// Lang is the language labels are in.
	Lang string
}

// Insights analyses the project, or one view of it (viewID ""), with labels
// in lang ("" for the project's language): coverage gaps, unused
// opportunities, pillars under pressure, claims without evidence and other
// evidence problems, cycles, isolated concepts, separate parts and central
// concepts (see package analysis and package evidence).
func (s *Session) Insights(viewID, lang string) (*Insights, error) {
	if lang == "" {
		lang = s.proj.Meta.Language
	}
	rep, err := analyze(s.proj, analysis.Options{View: viewID, Lang: lang})
	if err != nil {
		return nil, err
	}
	in := &Insights{Report: rep, Evidence: evidence.Check(s.proj), Lang: lang}
	b := insightBuilder{s: s, lang: lang}
	cov := rep.Coverage
	for _, g := range cov.Gaps {
		it := Insight{Kind: InsightGap, Subject: g.Threat.Label, Concept: g.Threat.ID}
		set := []string{g.Threat.ID}
		for _, o := range g.OffsetBy {
			if !slices.Contains(it.Related, o.Recommendation.Label) {
				it.Related = append(it.Related, o.Recommendation.Label)
			}
			set = append(set, o.Recommendation.ID, o.Via.ID)
		}
		it.Count = len(it.Related)
		it.Show = b.among(set)
		in.Items = append(in.Items, it)
	}
	for _, o := range cov.UnusedOpportunities {
		in.Items = append(in.Items, Insight{Kind: InsightUnusedOpp, Subject: o.Label, Concept: o.ID,
			Show: Highlight{Concepts: []string{o.ID}}})
	}
	for _, p := range cov.Pillars {
		if p.Total == 0 {
			continue
		}
		it := Insight{Kind: InsightPillar, Subject: p.Pillar.Label, Concept: p.Pillar.ID, Count: p.Total}
		set := []string{p.Pillar.ID}
		for _, t := range p.Direct {
			it.Related = append(it.Related, t.Label)
			set = append(set, t.ID)
		}
		for _, t := range p.Transitive {
			it.Related = append(it.Related, t.Label)
		}
		it.Show = b.among(set)
		in.Items = append(in.Items, it)
	}
	for _, c := range rep.Evidence.UncitedConcepts {
		in.Items = append(in.Items, Insight{Kind: InsightUncitedConcept, Subject: c.Label, Concept: c.ID,
			Show: Highlight{Concepts: []string{c.ID}}})
	}
	for _, r := range rep.Evidence.UncitedRelations {
		in.Items = append(in.Items, Insight{Kind: InsightUncitedRelation, Subject: b.proposition(r.ID),
			Relation: r.ID, Concept: r.From.ID,
			Show: Highlight{Concepts: []string{r.From.ID, r.To.ID}, Relations: []string{r.ID}}})
	}
	for _, f := range in.Evidence {
		switch f.Kind {
		case evidence.UnusedSource:
			title := f.ID
			if src, ok := s.ix.Sources[f.ID]; ok {
				title = src.Title
			}
			in.Items = append(in.Items, Insight{Kind: InsightUnusedSource, Subject: title, Source: f.ID})
		case evidence.NoLocator, evidence.OutOfRange:
			in.Items = append(in.Items, b.citation(f))
		}
	}
	for _, cy := range rep.Structure.Cycles.List {
		if len(cy.Steps) == 0 {
			continue
		}
		it := Insight{Kind: InsightCycle, Subject: cy.Steps[0].From.Label, Concept: cy.Steps[0].From.ID,
			Count: len(cy.Steps), Detail: FormatChain(cy.Steps)}
		it.Show = stepsHighlight(cy.Steps)
		in.Items = append(in.Items, it)
	}
	for _, c := range rep.Structure.Isolated {
		in.Items = append(in.Items, Insight{Kind: InsightIsolated, Subject: c.Label, Concept: c.ID,
			Show: Highlight{Concepts: []string{c.ID}}})
	}
	if comps := rep.Structure.Components; len(comps) > 1 {
		for _, c := range comps[1:] {
			if c.Size == 1 {
				continue // listed as isolated
			}
			it := Insight{Kind: InsightComponent, Subject: c.Concepts[0].Label, Concept: c.Concepts[0].ID, Count: c.Size}
			ids := make([]string, len(c.Concepts))
			for i, x := range c.Concepts {
				ids[i] = x.ID
				if i < 6 {
					it.Related = append(it.Related, x.Label)
				}
			}
			it.Show = b.among(ids)
			in.Items = append(in.Items, it)
		}
	}
	for _, d := range rep.Structure.Degree {
		if d.Total == 0 {
			continue
		}
		in.Items = append(in.Items, Insight{Kind: InsightCentral, Subject: d.Concept.Label, Concept: d.Concept.ID,
			Count: d.Total, Show: b.neighbourhood(d.Concept.ID)})
	}
	for _, sc := range rep.Structure.Betweenness {
		if sc.Value == 0 {
			continue
		}
		in.Items = append(in.Items, Insight{Kind: InsightBroker, Subject: sc.Concept.Label, Concept: sc.Concept.ID,
			Score: sc.Normalized, Show: b.neighbourhood(sc.Concept.ID)})
	}
	for i := range in.Items {
		if in.Items[i].Detail == "" && len(in.Items[i].Related) > 0 {
			in.Items[i].Detail = joinLabels(in.Items[i].Related)
		}
	}
	return in, nil
}

// joinLabels joins labels with the Arabic comma when the first is Arabic.
func joinLabels(ls []string) string {
	sep := ", "
	if len(ls) > 0 && isRTLText(ls[0]) {
		sep = "، "
	}
	return strings.Join(ls, sep)
}

func isRTLText(s string) bool { return text.DetectDir(s, text.LTR) == text.RTL }

type insightBuilder struct {
	s    *Session
	lang string
}

func (b insightBuilder) label(id string) string {
	if c, ok := b.s.ix.Concepts[id]; ok {
		return c.Label.Get(b.lang)
	}
	return id
}

// proposition reads a relation as "from phrase to".
func (b insightBuilder) proposition(id string) string {
	r, ok := b.s.ix.Relations[id]
	if !ok {
		return id
	}
	phrase := r.Phrase.Get(b.lang)
	if phrase == "" {
		phrase = model.DefaultPhrase(r.Type).Get(b.lang)
	}
	return b.label(r.From) + " " + phrase + " " + b.label(r.To)
}

// among highlights the given concepts and every relation between two of them.
func (b insightBuilder) among(ids []string) Highlight {
	in := map[string]bool{}
	var h Highlight
	for _, id := range ids {
		if id != "" && !in[id] {
			in[id] = true
			h.Concepts = append(h.Concepts, id)
		}
	}
	for _, id := range h.Concepts {
		for _, rid := range b.s.ix.Out[id] {
			if in[b.s.ix.Relations[rid].To] {
				h.Relations = append(h.Relations, rid)
			}
		}
	}
	return h
}

// neighbourhood highlights a concept, its neighbours and the relations joining them to it.
func (b insightBuilder) neighbourhood(id string) Highlight {
	h := Highlight{Concepts: []string{id}}
	seen := map[string]bool{id: true}
	for _, rid := range append(append([]string(nil), b.s.ix.Out[id]...), b.s.ix.In[id]...) {
		r := b.s.ix.Relations[rid]
		h.Relations = append(h.Relations, rid)
		for _, c := range []string{r.From, r.To} {
			if !seen[c] {
				seen[c] = true
				h.Concepts = append(h.Concepts, c)
			}
		}
	}
	return h
}

// citation turns an evidence finding about a citation into an insight
// about what it backs.
func (b insightBuilder) citation(f evidence.Finding) Insight {
	kind := InsightNoLocator
	if f.Kind == evidence.OutOfRange {
		kind = InsightOutOfRange
	}
	it := Insight{Kind: kind, Citation: f.ID, Subject: f.Message}
	i, ok := b.s.cites[f.ID]
	if !ok {
		return it
	}
	c := b.s.proj.Citations[i]
	it.Source = c.Source
	src := ""
	if x, ok := b.s.ix.Sources[c.Source]; ok {
		src = x.Title
		if x.Pages != "" && kind == InsightOutOfRange {
			src += " (" + x.Pages + ")"
		}
	}
	if c.Locator != "" {
		src += " — " + c.Locator
	}
	it.Detail = src
	switch {
	case c.Concept != "":
		it.Subject, it.Concept = b.label(c.Concept), c.Concept
		it.Show = Highlight{Concepts: []string{c.Concept}}
	case c.Relation != "":
		it.Subject, it.Relation = b.proposition(c.Relation), c.Relation
		if r, ok := b.s.ix.Relations[c.Relation]; ok {
			it.Concept = r.From
			it.Show = Highlight{Concepts: []string{r.From, r.To}, Relations: []string{r.ID}}
		}
	}
	return it
}

// stepsHighlight marks the concepts and relations of a chain, cycle or path.
func stepsHighlight(steps []analysis.Step) Highlight {
	var h Highlight
	seen := map[string]bool{}
	addC := func(id string) {
		if !seen[id] {
			seen[id] = true
			h.Concepts = append(h.Concepts, id)
		}
	}
	for _, st := range steps {
		addC(st.From.ID)
		addC(st.To.ID)
		for _, r := range st.Relations {
			if !seen[r.ID] {
				seen[r.ID] = true
				h.Relations = append(h.Relations, r.ID)
			}
		}
	}
	return h
}

// ChainArrows are the arrowheads FormatChain draws: the bundled fonts have
// no arrows, so "›" and "‹" stand for them. They are bidi-mirrored
// characters, drawn turned round in right-to-left text, so in an Arabic
// line "أ —يضعف› ب" shows as ب ‹يضعف— أ, still pointing at ب.
var ChainArrows = analysis.Arrows{Forward: [2]string{"—", "›"}, Backward: [2]string{"‹", "—"}}

// FormatChain renders steps on one line that reads along the relations, for
// the desktop app: "A —phrase› B" for a relation from A to B, "A ‹phrase— B"
// for one from B to A (analysis.FormatStepsWith with ChainArrows).
func FormatChain(steps []analysis.Step) string { return analysis.FormatStepsWith(steps, ChainArrows) }

// ExplainPath returns the shortest explanation path between two concepts
// (by id) over the whole project, with labels and phrases in lang ("" for
// the project's language), and what "show on map" marks for it.
func (s *Session) ExplainPath(fromID, toID, lang string) (*analysis.PathResult, Highlight) {
	r := pathBetween(s.proj, fromID, toID, lang)
	h := stepsHighlight(r.Steps)
	if len(r.Steps) == 0 && r.Found {
		h.Concepts = []string{fromID}
	}
	return r, h
}
