package interop

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/khareeta/khareeta/internal/model"
)

// Holds says what a file format carries.
type Holds int

// What formats hold.
const (
	HoldsProject Holds = iota + 1 // a whole project (Khareeta's JSON)
	HoldsSources                  // references (BibTeX, RIS, CSL-JSON)
	HoldsMap                      // concepts and relations (CmapTools, yEd, spreadsheets)
)

// Field names a field (or group of fields) an import may set on a record
// the project already has.
type Field string

// The fields formats carry. Text fields (labels, descriptions, phrases) are
// carried language by language: an import sets the languages the file has
// and keeps the others.
const (
	AllFields          Field = "all fields"          // the whole record, replaced (Khareeta's JSON)
	ConceptKind        Field = "concept kind"        // CXL: when the colour is one kind's
	ConceptLabel       Field = "concept label"       // in the languages the file holds
	ConceptDescription Field = "concept description" // in the languages the file holds
	ConceptNotes       Field = "concept notes"
	RelationEnds       Field = "relation ends"
	RelationType       Field = "relation type"
	RelationPhrase     Field = "relation phrase" // in the languages the file holds
	RelationNotes      Field = "relation notes"
	SourceEmptyFields  Field = "empty source fields" // a matching source's empty fields are filled, nothing is overwritten
	// Positions: where the map places its concepts (see Incoming.Placed).
	Positions Field = "positions"
)

// Format is one entry of the format table: every file format Khareeta reads
// or writes, for the command line and the desktop app alike.
type Format struct {
	Name    string   // the --format name: "bibtex"
	Aliases []string // other names people type: "bib", "biblatex"
	Exts    []string // extensions, lower case with the dot; the longest match picks the format
	Holds   Holds
	Help    string // what it is, in a few words, for --help
	// Bib is the bibliography format of a HoldsSources format.
	Bib BibFormat
	// Sniff, when set, claims a file among formats that share an extension
	// (project JSON and CSL-JSON both use .json).
	Sniff func(data []byte) bool
	// Carries lists what an import from this format changes on records
	// the project already has; every other field keeps its value. Records
	// the project lacks are added whole.
	Carries []Field
	// Read reads a file, laid over base (the project it is imported into,
	// nil for a new one). Nil for formats that are only written.
	Read func(data []byte, base *model.Project) (*Incoming, error)
	// Write writes what sel selects of p. Nil for formats only read.
	Write func(w io.Writer, p *model.Project, sel Selection) error
}

// Incoming is what Format.Read found in a file.
type Incoming struct {
	// Project holds the whole project (HoldsProject), or the concepts and
	// relations of a map (HoldsMap) with the kinds they use, each record
	// the project already has laid over with only the fields the format
	// carries, or nothing but Meta for references.
	Project *model.Project
	// Sources is what the references (HoldsSources) become once folded
	// into base's sources (see MergeSources).
	Sources MergeResult
	// Report lists the entries a reference reader accepted and skipped.
	Report ImportReport
	// Table and Ignored say what a CSV file held and which header columns
	// were not understood (left out).
	Table   CSVTable
	Ignored []string
	// Placed holds the centres a map file gives its concepts, by concept
	// id, in points with y down (nil or empty: none).
	Placed map[string][2]float64
	// Name is the map's own name when the file has one (a CmapTools
	// map's title, a GraphML graph's name), "" otherwise.
	Name string
	// Skipped lists what a map file held that is not a concept or a
	// relation and was left out (JSON Canvas groups and the edges to
	// them), for the import's summary.
	Skipped []string
}

// Selection says what Format.Write writes.
type Selection struct {
	// Concepts lists the ids of the concepts to write (nil: all), with
	// the relations among them.
	Concepts []string
	// Positions gives concepts' centres for map formats (nil: a grid).
	Positions map[string][2]float64
	// Name is the map's title for formats that hold one ("": the
	// project's title).
	Name string
	// Sources are the references a HoldsSources format writes.
	Sources []model.Source
}

// ErrUnknownFormat is wrapped by the look-ups below when no format fits.
var ErrUnknownFormat = errors.New("unknown format")

var formats = []Format{
	{Name: "project", Aliases: []string{"json", "khareeta"}, Exts: []string{".json"}, Holds: HoldsProject,
		Help: "the whole project in Khareeta's JSON format", Sniff: IsProjectJSON, Carries: []Field{AllFields},
		Read: func(data []byte, _ *model.Project) (*Incoming, error) {
			p, err := ReadJSON(bytes.NewReader(data))
			return &Incoming{Project: p}, err
		},
		Write: func(w io.Writer, p *model.Project, _ Selection) error { return WriteJSON(w, p) }},
	bibFormat("bibtex", BibTeX, []string{"bib", "biblatex"}, []string{".bib", ".bibtex"}, "references as BibTeX / BibLaTeX"),
	bibFormat("ris", RIS, nil, []string{".ris"}, "references as RIS"),
	bibFormat("csl", CSLJSON, []string{"csl-json", "csljson", "csl_json"}, []string{".csl.json", ".json"}, "references as CSL-JSON (as Zotero exports them)"),
	{Name: "cxl", Aliases: []string{"cmap", "cmaptools"}, Exts: []string{".cxl"}, Holds: HoldsMap,
		Help:    "a CmapTools concept map",
		Carries: []Field{ConceptLabel, ConceptDescription, ConceptKind, RelationEnds, RelationPhrase, Positions},
		Read:    readCXLOver,
		Write: func(w io.Writer, p *model.Project, sel Selection) error {
			return WriteCXLWith(w, p, sel.Concepts, CXLOptions{Positions: sel.Positions, Title: sel.Name})
		}},
	{Name: "graphml", Aliases: []string{"yed", "gephi"}, Exts: []string{".graphml"}, Holds: HoldsMap,
		Help:    "a graph for yEd and Gephi",
		Carries: []Field{ConceptLabel, ConceptDescription, ConceptKind, RelationEnds, RelationType, RelationPhrase, Positions},
		Read:    readGraphMLOver,
		Write: func(w io.Writer, p *model.Project, sel Selection) error {
			return WriteGraphMLWith(w, p, sel.Concepts, GraphMLOptions{Positions: sel.Positions, Name: sel.Name})
		}},
	{Name: "canvas", Aliases: []string{"jsoncanvas", "json-canvas", "obsidian"}, Exts: []string{".canvas"}, Holds: HoldsMap,
		Help: "a JSON Canvas (Obsidian Canvas)", Sniff: IsJSONCanvas,
		Carries: []Field{ConceptLabel, ConceptDescription, ConceptKind, RelationEnds, RelationPhrase, Positions},
		Read:    readCanvasOver,
		Write: func(w io.Writer, p *model.Project, sel Selection) error {
			return WriteCanvas(w, p, sel.Concepts, sel.Positions)
		}},
	{Name: "csv", Exts: []string{".csv"}, Holds: HoldsMap,
		Help: "a spreadsheet of concepts (read: of concepts or of relations, by its header)",
		Carries: []Field{ConceptKind, ConceptLabel, ConceptDescription, ConceptNotes,
			RelationEnds, RelationType, RelationPhrase, RelationNotes},
		Read: func(data []byte, base *model.Project) (*Incoming, error) {
			imp, err := ReadCSV(bytes.NewReader(data), base)
			if err != nil {
				return nil, err
			}
			return &Incoming{Project: &model.Project{Concepts: imp.Concepts, Relations: imp.Relations},
				Table: imp.Table, Ignored: imp.Ignored}, nil
		},
		Write: func(w io.Writer, p *model.Project, sel Selection) error {
			return WriteCSV(w, p, CSVOptions{Table: CSVConcepts, IDs: sel.Concepts})
		}},
	{Name: "relations-csv", Exts: []string{".relations.csv"}, Holds: HoldsMap,
		Help: "a spreadsheet of relations (read it back with the csv format)",
		Write: func(w io.Writer, p *model.Project, sel Selection) error {
			return WriteCSV(w, p, CSVOptions{Table: CSVRelations, IDs: sel.Concepts})
		}},
}

// bibFormat makes the table entry of a bibliography format: read and
// folded into the project's sources (duplicates fill their empty fields),
// written from Selection.Sources.
func bibFormat(name string, f BibFormat, aliases, exts []string, help string) Format {
	return Format{Name: name, Aliases: aliases, Exts: exts, Holds: HoldsSources, Bib: f, Help: help,
		Carries: []Field{SourceEmptyFields},
		Read: func(data []byte, base *model.Project) (*Incoming, error) {
			srcs, rep, err := ImportSources(bytes.NewReader(data), f)
			if err != nil {
				return nil, err
			}
			var existing []model.Source
			if base != nil {
				existing = base.Sources
			}
			return &Incoming{Sources: MergeSources(existing, srcs), Report: rep}, nil
		},
		Write: func(w io.Writer, _ *model.Project, sel Selection) error { return ExportSources(w, sel.Sources, f) },
	}
}

// Formats returns the format table, in the order above.
func Formats() []Format { return slices.Clone(formats) }

// FormatNames lists the names of the formats that can be read (reading)
// or written, sorted.
func FormatNames(reading bool) []string {
	var ns []string
	for _, f := range formats {
		if f.can(reading) {
			ns = append(ns, f.Name)
		}
	}
	sort.Strings(ns)
	return ns
}

func (f Format) can(reading bool) bool {
	if reading {
		return f.Read != nil
	}
	return f.Write != nil
}

// FormatNamed returns the format called name (or one of its aliases, any
// case) that can be read (reading) or written.
func FormatNamed(name string, reading bool) (Format, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, f := range formats {
		if f.can(reading) && (f.Name == name || slices.Contains(f.Aliases, name)) {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("%w %q (known: %s)", ErrUnknownFormat, name, strings.Join(FormatNames(reading), ", "))
}

// FormatForRead picks the format of a file to import from its name: the
// longest extension that matches; among formats with equally long ones,
// one whose Sniff claims data, else the first without a Sniff.
func FormatForRead(path string, data []byte) (Format, error) {
	best, bestLen := -1, 0
	for i, f := range formats {
		n := extLen(path, f.Exts)
		if f.Read == nil || n == 0 || n < bestLen {
			continue
		}
		if f.Sniff != nil && !f.Sniff(data) {
			continue
		}
		if n > bestLen || (formats[best].Sniff == nil && f.Sniff != nil) {
			best, bestLen = i, n
		}
	}
	if best < 0 {
		return Format{}, fmt.Errorf("%w: cannot tell the format of %s from its extension (known: %s)", ErrUnknownFormat, path, strings.Join(FormatNames(true), ", "))
	}
	return formats[best], nil
}

// FormatForWrite picks the format of a file to export from its name: the
// longest extension that matches (".relations.csv" before ".csv").
func FormatForWrite(path string) (Format, error) {
	best, bestLen := -1, 0
	for i, f := range formats {
		if n := extLen(path, f.Exts); f.Write != nil && n > bestLen {
			best, bestLen = i, n
		}
	}
	if best < 0 {
		return Format{}, fmt.Errorf("%w: cannot tell the format of %s from its extension (known: %s)", ErrUnknownFormat, path, strings.Join(FormatNames(false), ", "))
	}
	return formats[best], nil
}

// extLen returns the length of the longest of exts that path ends with
// (case-insensitive), 0 when none does.
func extLen(path string, exts []string) int {
	low := strings.ToLower(path)
	best := 0
	for _, e := range exts {
		if strings.HasSuffix(low, e) && len(e) > best {
			best = len(e)
		}
	}
	return best
}

// readCXLOver reads a CmapTools map with base's kinds and lays it over
// base: a concept or relation base has keeps everything the map does not
// carry (see the cxl entry's Carries).
func readCXLOver(data []byte, base *model.Project) (*Incoming, error) {
	var kinds []model.Kind
	if base != nil {
		kinds = base.Kinds
	}
	rd, err := readCXL(bytes.NewReader(data), kinds)
	if err != nil {
		return nil, err
	}
	return rd.incoming(base), nil
}

// overlayConcept returns old with the fields a map file carries taken from
// in: its kind when set, and its label and description in the languages it
// has.
func overlayConcept(old, in model.Concept) model.Concept {
	out := old
	if in.Kind != "" {
		out.Kind = in.Kind
	}
	out.Label = overlayText(old.Label, in.Label, nil)
	out.Description = overlayText(old.Description, in.Description, nil)
	return out
}

// overlayRelation returns old with its ends and, language by language, the
// linking phrase of in; a phrase equal to the default phrase of old's type
// (what a file shows for a relation without one) changes nothing. The type
// is kept: a map file does not hold it.
func overlayRelation(old, in model.Relation) model.Relation {
	out := old
	out.From, out.To = in.From, in.To
	out.Phrase = overlayText(old.Phrase, in.Phrase, model.DefaultPhrase(old.Type))
	return out
}

// overlayText sets the non-empty texts of in on a copy of old; a text equal
// to implied's in its language is skipped when old has none there.
func overlayText(old, in, implied model.Text) model.Text {
	out := old.Clone()
	for lang, s := range in {
		if strings.TrimSpace(s) == "" || (old[lang] == "" && implied[lang] == s) {
			continue
		}
		if out == nil {
			out = model.Text{}
		}
		out[lang] = s
	}
	return out
}
