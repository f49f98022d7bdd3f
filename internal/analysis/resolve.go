package analysis

import "github.com/khareeta/khareeta/internal/model"

// The analysis commands find concepts and views by the one rule of
// model.FindConcept and model.FindView; these names keep the package's API.

// ErrNotFound is wrapped by Resolve and ResolveView when nothing matches.
var ErrNotFound = model.ErrNotFound

// AmbiguousError is returned when a label matches several concepts or views.
type AmbiguousError = model.AmbiguousError

// Resolve finds the concept that q names (model.FindConcept), with labels
// of candidates in lang (the project's language when empty).
func Resolve(p *model.Project, q, lang string) (*model.Concept, error) {
	if lang == "" {
		lang = p.Meta.Language
	}
	return model.FindConcept(p, q, lang)
}

// ResolveView finds the view that q names (model.FindView).
func ResolveView(p *model.Project, q string) (*model.View, error) {
	return model.FindView(p, q)
}
