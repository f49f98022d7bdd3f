package app

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// Edit names, used for the undo/redo menu items. The ui package translates
// them; they are stable keys.
const (
	EditAddConcept     = "add concept"
	EditChangeConcept  = "edit concept"
	EditDeleteConcept  = "delete concept"
	EditAddRelation    = "add relation"
	EditChangeRelation = "edit relation"
	EditDeleteRelation = "delete relation"
	EditAddKind        = "add kind"
	EditChangeKind     = "edit kind"
	EditDeleteKind     = "delete kind"
	EditAddCitation    = "add citation"
	EditChangeCitation = "edit citation"
	EditDeleteCitation = "delete citation"
	EditAddSource      = "add source"
	EditChangeSource   = "edit source"
	EditDeleteSource   = "delete source"
	EditAddView        = "add view"
	EditChangeView     = "edit view"
	EditDeleteView     = "delete view"
	EditProject        = "edit project"
)

// bases maps e to the base version given to a Save* method, if any.
func bases(e model.Entity, base []string) map[Ref]string {
	if len(base) == 0 {
		return nil
	}
	return map[Ref]string{refOf(e): base[0]}
}

func pick(isNew bool, add, change string) string {
	if isNew {
		return add
	}
	return change
}

// SaveConcept adds a concept (when c.ID is empty or unknown) or changes one,
// and returns it as saved.
//
// base, when given, is the version of the concept the caller started from
// (VersionOf when its editor opened): if the concept has changed since, the
// save returns a *ConflictError and writes nothing. Without it, the version
// the session shows now is the base. Every Save* takes base the same way.
func (s *Session) SaveConcept(c model.Concept, base ...string) (model.Concept, error) {
	_, exists := s.ix.Concepts[c.ID]
	c.Label, c.Description = trimText(c.Label), trimText(c.Description)
	stampNew(&c.ID, &c.Created, &c.Updated)
	if err := s.applyFrom(pick(!exists, EditAddConcept, EditChangeConcept), bases(c, base), op{put: c}); err != nil {
		return c, err
	}
	return *s.ix.Concepts[c.ID], nil
}

// AddConceptLinked adds a concept and a relation from an existing concept to
// it in one edit (one transaction, one undo step).
func (s *Session) AddConceptLinked(c model.Concept, r model.Relation) (model.Concept, model.Relation, error) {
	c.Label, c.Description = trimText(c.Label), trimText(c.Description)
	stampNew(&c.ID, &c.Created, &c.Updated)
	r.To = c.ID
	r.Phrase = trimText(r.Phrase)
	stampNew(&r.ID, &r.Created, &r.Updated)
	if err := s.apply(EditAddConcept, op{put: c}, op{put: r}); err != nil {
		return c, r, err
	}
	return *s.ix.Concepts[c.ID], *s.ix.Relations[r.ID], nil
}

// DeleteConcept deletes a concept with its relations and citations (see Dependents).
func (s *Session) DeleteConcept(id string) error {
	if _, ok := s.ix.Concepts[id]; !ok {
		return fmt.Errorf("%s: no concept %s", EditDeleteConcept, id)
	}
	return s.apply(EditDeleteConcept, op{del: Ref{ConceptEntity, id}})
}

// DeleteConcepts deletes several concepts with their relations and
// citations in one edit (one transaction, one undo step): a selection on
// the map deleted at once.
func (s *Session) DeleteConcepts(ids []string) error {
	ops := make([]op, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		if _, ok := s.ix.Concepts[id]; !ok {
			return fmt.Errorf("%s: no concept %s", EditDeleteConcept, id)
		}
		if !seen[id] {
			seen[id] = true
			ops = append(ops, op{del: Ref{ConceptEntity, id}})
		}
	}
	if len(ops) == 0 {
		return nil
	}
	return s.apply(EditDeleteConcept, ops...)
}

// SaveRelation adds or changes a relation and returns it as saved.
func (s *Session) SaveRelation(r model.Relation, base ...string) (model.Relation, error) {
	_, exists := s.ix.Relations[r.ID]
	r.Phrase = trimText(r.Phrase)
	stampNew(&r.ID, &r.Created, &r.Updated)
	if err := s.applyFrom(pick(!exists, EditAddRelation, EditChangeRelation), bases(r, base), op{put: r}); err != nil {
		return r, err
	}
	return *s.ix.Relations[r.ID], nil
}

// DeleteRelation deletes a relation and its citations.
func (s *Session) DeleteRelation(id string) error {
	if _, ok := s.ix.Relations[id]; !ok {
		return fmt.Errorf("%s: no relation %s", EditDeleteRelation, id)
	}
	return s.apply(EditDeleteRelation, op{del: Ref{RelationEntity, id}})
}

var nonSlug = regexp.MustCompile(`[^a-z0-9_-]+`)

// NewKindID makes a fresh kind id from a name: a slug of its Latin letters
// and digits, or "kind", made unique with a number.
func (s *Session) NewKindID(name string) string {
	base := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(strings.TrimSpace(name)), "-"), "-_")
	if base == "" {
		base = "kind"
	}
	if len(base) > 50 {
		base = base[:50]
	}
	id := base
	for n := 2; ; n++ {
		if _, taken := s.ix.Kinds[id]; !taken {
			return id
		}
		id = fmt.Sprintf("%s-%d", base, n)
	}
}

// SaveKind adds or changes a kind. A new kind with no id gets one from its
// English (or any) name, and goes last in the order.
func (s *Session) SaveKind(k model.Kind, base ...string) (model.Kind, error) {
	k.Name = trimText(k.Name)
	_, exists := s.ix.Kinds[k.ID]
	if k.ID == "" {
		k.ID = s.NewKindID(k.Name.Get(model.English))
	}
	if !exists && k.Order == 0 {
		for _, o := range s.proj.Kinds {
			k.Order = max(k.Order, o.Order+1)
		}
	}
	if err := s.applyFrom(pick(!exists, EditAddKind, EditChangeKind), bases(k, base), op{put: k}); err != nil {
		return k, err
	}
	return *s.ix.Kinds[k.ID], nil
}

// DeleteKind deletes a kind no concept uses (the store refuses otherwise).
func (s *Session) DeleteKind(id string) error {
	if n := s.ConceptsOfKind(id); n > 0 {
		return fmt.Errorf("%s: %d concepts still have this kind; give them another kind first", EditDeleteKind, n)
	}
	return s.apply(EditDeleteKind, op{del: Ref{KindEntity, id}})
}

// ConceptsOfKind counts the concepts of a kind.
func (s *Session) ConceptsOfKind(id string) int {
	n := 0
	for _, c := range s.proj.Concepts {
		if c.Kind == id {
			n++
		}
	}
	return n
}

// SaveCitation adds or changes a citation.
func (s *Session) SaveCitation(c model.Citation, base ...string) (model.Citation, error) {
	exists := s.current(Ref{CitationEntity, c.ID}) != nil
	c.Locator, c.Quote = strings.TrimSpace(c.Locator), strings.TrimSpace(c.Quote)
	stampNew(&c.ID, &c.Created, &c.Updated)
	if err := s.applyFrom(pick(!exists, EditAddCitation, EditChangeCitation), bases(c, base), op{put: c}); err != nil {
		return c, err
	}
	return s.proj.Citations[s.cites[c.ID]], nil
}

// DeleteCitation deletes a citation.
func (s *Session) DeleteCitation(id string) error {
	return s.apply(EditDeleteCitation, op{del: Ref{CitationEntity, id}})
}

// SaveSource adds or changes a source.
func (s *Session) SaveSource(src model.Source, base ...string) (model.Source, error) {
	_, exists := s.ix.Sources[src.ID]
	stampNew(&src.ID, &src.Created, &src.Updated)
	if err := s.applyFrom(pick(!exists, EditAddSource, EditChangeSource), bases(src, base), op{put: src}); err != nil {
		return src, err
	}
	return *s.ix.Sources[src.ID], nil
}

// DeleteSource deletes a source and the citations that name it.
func (s *Session) DeleteSource(id string) error {
	return s.apply(EditDeleteSource, op{del: Ref{SourceEntity, id}})
}

// SaveView adds or changes a view.
func (s *Session) SaveView(v model.View, base ...string) (model.View, error) {
	_, exists := s.ix.Views[v.ID]
	v.Name, v.Description = trimText(v.Name), trimText(v.Description)
	stampNew(&v.ID, &v.Created, &v.Updated)
	if err := s.applyFrom(pick(!exists, EditAddView, EditChangeView), bases(v, base), op{put: v}); err != nil {
		return v, err
	}
	return *s.ix.Views[v.ID], nil
}

// DeleteView deletes a view (its concepts stay).
func (s *Session) DeleteView(id string) error {
	return s.apply(EditDeleteView, op{del: Ref{ViewEntity, id}})
}

// SetMeta changes the project's title, description and primary language.
func (s *Session) SetMeta(m model.Meta, base ...string) error {
	m.Title, m.Description = trimText(m.Title), trimText(m.Description)
	return s.applyFrom(EditProject, bases(m, base), op{put: m})
}

func trimText(t model.Text) model.Text {
	out := model.Text{}
	for k, v := range t {
		if v = strings.TrimSpace(v); v != "" {
			out[k] = v
		}
	}
	return out
}

// Dependents is what deleting something takes with it or changes.
type Dependents struct {
	Relations []model.Relation // deleted with a concept
	Citations []model.Citation // deleted with a concept, relation or source
	Views     []model.View     // that lose the concept or kind
	Concepts  int              // of a kind (which blocks deleting it)
}

// Empty reports whether nothing depends on the item.
func (d Dependents) Empty() bool {
	return len(d.Relations) == 0 && len(d.Citations) == 0 && len(d.Views) == 0 && d.Concepts == 0
}

// DependentsOf lists what deleting the entity r would also delete or change
// (model.CascadeOf, the rule the store applies).
func (s *Session) DependentsOf(r Ref) Dependents {
	var d Dependents
	c, _ := model.CascadeOf(r.Kind, r.ID, s.ix) // the index answers without errors
	for _, id := range c.Relations {
		if x, ok := s.ix.Relations[id]; ok {
			d.Relations = append(d.Relations, *x)
		}
	}
	for _, id := range c.Citations {
		if i, ok := s.cites[id]; ok {
			d.Citations = append(d.Citations, s.proj.Citations[i])
		}
	}
	for _, id := range c.Views {
		if x, ok := s.ix.Views[id]; ok {
			d.Views = append(d.Views, *x)
		}
	}
	if r.Kind == KindEntity {
		d.Concepts = s.ConceptsOfKind(r.ID)
	}
	return d
}

// CitationsOf returns the citations backing a concept or relation, in project order.
func (s *Session) CitationsOf(target string) []model.Citation {
	var out []model.Citation
	for _, i := range s.ix.CitationsOf[target] {
		out = append(out, s.proj.Citations[i])
	}
	return out
}

// Neighbours returns the ids of concepts linked to id in either direction.
func (s *Session) Neighbours(id string) []string {
	seen := map[string]bool{}
	var out []string
	for _, rid := range s.ix.Out[id] {
		if to := s.ix.Relations[rid].To; !seen[to] {
			seen[to] = true
			out = append(out, to)
		}
	}
	for _, rid := range s.ix.In[id] {
		if from := s.ix.Relations[rid].From; !seen[from] {
			seen[from] = true
			out = append(out, from)
		}
	}
	return out
}
