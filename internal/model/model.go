package model

import (
	"time"

	"github.com/google/uuid"
)

// Shapes a kind may give its concepts on a map. They are a subset of
// Graphviz's node shapes that our own painter draws.
var Shapes = []string{"box", "rounded", "ellipse", "hexagon", "octagon", "diamond", "parallelogram", "note", "house", "invhouse", "cylinder"}

// Kind classifies concepts (pillar, threat, …) and gives them a colour and
// a shape on the map. ID is a short slug ("threat"); built-in kinds exist in
// every project and cannot be deleted.
type Kind struct {
	ID      string `json:"id"`
	Name    Text   `json:"name"`
	Color   string `json:"color"` // "#rrggbb"
	Shape   string `json:"shape"`
	BuiltIn bool   `json:"builtin,omitempty"`
	// Order places the kind in lists and legends.
	Order int `json:"order"`
}

// Concept is a node of the knowledge map.
type Concept struct {
	ID          string    `json:"id"`
	Kind        string    `json:"kind"`
	Label       Text      `json:"label"`
	Description Text      `json:"description,omitempty"`
	Notes       string    `json:"notes,omitempty"`
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
}

// Relation is a directed, typed link between two concepts. Together with its
// linking phrase it reads as a proposition: "<from> <phrase> <to>".
type Relation struct {
	ID      string    `json:"id"`
	From    string    `json:"from"`
	To      string    `json:"to"`
	Type    string    `json:"type"`
	Phrase  Text      `json:"phrase,omitempty"`
	Notes   string    `json:"notes,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Name is an author or editor: a person (Family, Given) or an institution
// (Literal), in any script.
type Name struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

// Institutional reports whether the name is an organisation rather than a person.
func (n Name) Institutional() bool { return n.Literal != "" }

// String renders the name as "Family, Given" or the literal.
func (n Name) String() string {
	switch {
	case n.Literal != "":
		return n.Literal
	case n.Given == "":
		return n.Family
	case n.Family == "":
		return n.Given
	}
	return n.Family + ", " + n.Given
}

// Source is a bibliographic record with the fields of CSL-JSON.
type Source struct {
	ID             string    `json:"id"`
	Key            string    `json:"key,omitempty"` // citation key, as in BibTeX
	Type           string    `json:"type"`          // CSL type: book, article-journal, report, chapter, webpage, thesis, manuscript, …
	Authors        []Name    `json:"authors,omitempty"`
	Editors        []Name    `json:"editors,omitempty"`
	Issued         string    `json:"issued,omitempty"` // "2016", "2016-05" or "2016-05-04"
	Title          string    `json:"title"`
	ContainerTitle string    `json:"container_title,omitempty"`
	Publisher      string    `json:"publisher,omitempty"`
	PublisherPlace string    `json:"publisher_place,omitempty"`
	Volume         string    `json:"volume,omitempty"`
	Issue          string    `json:"issue,omitempty"`
	Pages          string    `json:"pages,omitempty"`
	Number         string    `json:"number,omitempty"` // report or series number
	DOI            string    `json:"doi,omitempty"`
	URL            string    `json:"url,omitempty"`
	Language       string    `json:"language,omitempty"`
	Accessed       string    `json:"accessed,omitempty"`
	Note           string    `json:"note,omitempty"`
	Created        time.Time `json:"created"`
	Updated        time.Time `json:"updated"`
}

// Year returns the first four characters of Issued, or "".
func (s Source) Year() string {
	if len(s.Issued) >= 4 {
		return s.Issued[:4]
	}
	return s.Issued
}

// Citation says that a source backs a concept or a relation (exactly one of
// Concept and Relation is set), at a locator (a page or a page range).
type Citation struct {
	ID       string    `json:"id"`
	Source   string    `json:"source"`
	Concept  string    `json:"concept,omitempty"`
	Relation string    `json:"relation,omitempty"`
	Locator  string    `json:"locator,omitempty"` // "24", "53-69"
	Quote    string    `json:"quote,omitempty"`
	Note     string    `json:"note,omitempty"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// Target returns the id of the concept or relation the citation backs.
func (c Citation) Target() string {
	if c.Concept != "" {
		return c.Concept
	}
	return c.Relation
}

// Layout engines a view may ask for.
var Engines = []string{"dot", "neato", "fdp", "sfdp", "circo", "twopi"}

// Directions a layered layout may flow in.
var Directions = []string{"TB", "LR", "RL", "BT"}

// LayoutSettings says how a view is laid out.
type LayoutSettings struct {
	Engine    string `json:"engine,omitempty"`    // dot by default
	Direction string `json:"direction,omitempty"` // TB by default
}

// View is a named map over the project: the union of explicit concepts and
// the concepts of the listed kinds (all concepts when both are empty),
// optionally cut down to the neighbourhood of Focus within Depth relations.
type View struct {
	ID          string         `json:"id"`
	Name        Text           `json:"name"`
	Description Text           `json:"description,omitempty"`
	Concepts    []string       `json:"concepts,omitempty"`
	Kinds       []string       `json:"kinds,omitempty"`
	Focus       string         `json:"focus,omitempty"`
	Depth       int            `json:"depth,omitempty"`
	Layout      LayoutSettings `json:"layout"`
	Created     time.Time      `json:"created"`
	Updated     time.Time      `json:"updated"`
}

// Meta describes a project as a whole.
type Meta struct {
	Title       Text   `json:"title"`
	Description Text   `json:"description,omitempty"`
	Language    string `json:"language"` // the primary language: "ar" or "en"
}

// Project is everything one project file holds.
type Project struct {
	Meta      Meta       `json:"meta"`
	Kinds     []Kind     `json:"kinds"`
	Concepts  []Concept  `json:"concepts"`
	Relations []Relation `json:"relations"`
	Sources   []Source   `json:"sources"`
	Citations []Citation `json:"citations"`
	Views     []View     `json:"views"`
	// Positions are where views show their concepts (see Position).
	Positions []Position `json:"positions,omitempty"`
}

// NewID returns a fresh random UUID string.
func NewID() string { return uuid.NewString() }

// ValidID reports whether s is a UUID in canonical form.
func ValidID(s string) bool {
	// The canonical form: 8-4-4-4-12 lower-case hex digits.
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}
