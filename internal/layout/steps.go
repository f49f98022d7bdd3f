package layout

import (
	"fmt"

	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/text"
)

// Step is one step of a presentation: the concepts it brings in, named.
type Step struct {
	Title    string
	Concepts []string
}

// Steps divides the concepts of a laid-out view into presentation steps.
// Without a sequence, one step per kind in the kinds' order (pillars, then
// threats, opportunities, recommendations, conclusions …), titled with the
// kind's name in the scene's language. A sequence lists the steps the user
// arranged, each a list of concept ids (or labels, see model.FindConcept); the
// concepts of the view it leaves out come in a last step. A concept the
// view does not show, or one named twice, is an error.
func Steps(p *model.Project, sc *Scene, sequence [][]string) ([]Step, error) {
	shown := map[string]bool{}
	for _, n := range sc.Nodes {
		shown[n.ConceptID] = true
	}
	rtl := sc.Dir == text.RTL
	if len(sequence) == 0 {
		byKind := map[string][]string{}
		for _, n := range sc.Nodes {
			byKind[n.Kind] = append(byKind[n.Kind], n.ConceptID)
		}
		var steps []Step
		seen := map[string]bool{}
		for _, k := range model.SortedKinds(p) {
			seen[k.ID] = true
			if ids := byKind[k.ID]; len(ids) > 0 {
				name := k.Name.Get(sc.Lang)
				if name == "" {
					name = k.ID
				}
				steps = append(steps, Step{Title: name, Concepts: ids})
			}
		}
		// kinds the project does not define, by first appearance
		for _, n := range sc.Nodes {
			if !seen[n.Kind] {
				seen[n.Kind] = true
				steps = append(steps, Step{Title: n.Kind, Concepts: byKind[n.Kind]})
			}
		}
		return steps, nil
	}
	used := map[string]bool{}
	var steps []Step
	for i, group := range sequence {
		st := Step{Title: fmt.Sprintf("%d", i+1)}
		for _, ref := range group {
			con, err := model.FindConcept(p, ref, sc.Lang)
			if err != nil {
				return nil, fmt.Errorf("step %d: %w", i+1, err)
			}
			id := con.ID
			if !shown[id] {
				return nil, fmt.Errorf("step %d: %q is not in this view: %w", i+1, ref, ErrNotFound)
			}
			if used[id] {
				return nil, fmt.Errorf("step %d: %q is already in an earlier step", i+1, ref)
			}
			used[id] = true
			st.Concepts = append(st.Concepts, id)
		}
		if len(st.Concepts) > 0 {
			steps = append(steps, st)
		}
	}
	var rest []string
	for _, n := range sc.Nodes {
		if !used[n.ConceptID] {
			rest = append(rest, n.ConceptID)
		}
	}
	if len(rest) > 0 {
		title := "The rest of the map"
		if rtl {
			title = "بقية الخريطة"
		}
		steps = append(steps, Step{Title: title, Concepts: rest})
	}
	return steps, nil
}

// Hidden returns the concepts and relations a presentation has not shown
// yet at step k (0-based): the concepts of later steps and the relations
// touching them. Renderers draw them faded.
func Hidden(sc *Scene, steps []Step, k int) map[string]bool {
	shown := map[string]bool{}
	for i := 0; i <= k && i < len(steps); i++ {
		for _, id := range steps[i].Concepts {
			shown[id] = true
		}
	}
	hidden := map[string]bool{}
	for _, n := range sc.Nodes {
		if !shown[n.ConceptID] {
			hidden[n.ConceptID] = true
		}
	}
	for _, e := range sc.Edges {
		if !shown[e.From] || !shown[e.To] {
			hidden[e.RelationID] = true
		}
	}
	return hidden
}
