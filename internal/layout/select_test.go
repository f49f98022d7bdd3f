package layout

import (
	"slices"
	"testing"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
)

// TestSelectIsViewConcepts: the map draws exactly the concepts the app
// lists for a view (model.ViewConcepts), focus views included.
func TestSelectIsViewConcepts(t *testing.T) {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	ix := model.NewIndex(p)
	views := append([]model.View(nil), p.Views...)
	// focus views: a concept of the first view at depths 1 and 2, and a
	// focus outside the view's kinds (the model keeps it)
	threat := ""
	for _, c := range p.Concepts {
		if c.Kind == model.KindThreat {
			threat = c.ID
			break
		}
	}
	views = append(views,
		model.View{Kinds: []string{"threat", "pillar"}, Focus: threat, Depth: 1},
		model.View{Kinds: []string{"threat", "pillar"}, Focus: threat, Depth: 2},
		model.View{Kinds: []string{"pillar"}, Focus: threat},
	)
	for i, v := range views {
		want := model.ViewConcepts(p, ix, v)
		got, _, err := Select(p, v)
		if err != nil {
			t.Fatalf("view %d: %v", i, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("view %d: layout selects %d concepts, the model lists %d", i, len(got), len(want))
		}
	}
	// an explicit --focus outside the view is refused; inside, it narrows
	if _, _, err := Select(p, model.View{Kinds: []string{"pillar"}}, Focus(threat)); err == nil {
		t.Error("a focus outside the view was accepted")
	}
	got, _, err := Select(p, model.View{Kinds: []string{"threat", "pillar"}}, Focus(threat), Depth(2))
	if err != nil || !slices.Equal(got, model.ViewConcepts(p, ix, views[len(views)-2])) {
		t.Errorf("--focus --depth 2 differs from the same focus view: %v", err)
	}
}
