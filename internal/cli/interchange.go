package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/khareeta/khareeta/internal/interop"
	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// Interchange with other tools: CmapTools (.cxl), yEd and Gephi (.graphml,
// export only) and spreadsheets (.csv: concepts; .relations.csv: relations).
func init() {
	RegisterImportFormat(ImportFormat{Name: "cxl", Exts: []string{".cxl"}, Run: importCXL})
	RegisterImportFormat(ImportFormat{Name: "csv", Exts: []string{".csv"}, Run: importCSV})

	RegisterExportFormat(ExportFormat{Name: "cxl", Exts: []string{".cxl"}, Describe: describeMap,
		Write: func(w io.Writer, p *model.Project, v *model.View) error {
			ids, pos := mapOf(p, v)
			return interop.WriteCXLWith(w, p, ids, interop.CXLOptions{Positions: pos})
		}})
	RegisterExportFormat(ExportFormat{Name: "graphml", Exts: []string{".graphml"}, Describe: describeMap,
		Write: func(w io.Writer, p *model.Project, v *model.View) error {
			ids, pos := mapOf(p, v)
			return interop.WriteGraphML(w, p, ids, pos)
		}})
	RegisterExportFormat(ExportFormat{Name: "csv", Exts: []string{".csv"}, Describe: describeMap,
		Write: func(w io.Writer, p *model.Project, v *model.View) error {
			ids, _ := viewIDs(p, v)
			return interop.WriteCSV(w, p, interop.CSVOptions{Table: interop.CSVConcepts, IDs: ids})
		}})
	RegisterExportFormat(ExportFormat{Name: "relations-csv", Exts: []string{".relations.csv"}, Describe: describeMap,
		Write: func(w io.Writer, p *model.Project, v *model.View) error {
			ids, _ := viewIDs(p, v)
			return interop.WriteCSV(w, p, interop.CSVOptions{Table: interop.CSVRelations, IDs: ids})
		}})
}

// viewIDs returns the concepts a view shows (nil and false: the whole project).
func viewIDs(p *model.Project, v *model.View) ([]string, bool) {
	if v == nil {
		return nil, false
	}
	return model.ViewConcepts(p, model.NewIndex(p), *v), true
}

// mapOf returns the concepts to write and their centres as the view's own
// layout places them, so CmapTools, yEd and Gephi open the map as Khareeta
// draws it. Without a usable layout the formats fall back to a grid.
func mapOf(p *model.Project, v *model.View) ([]string, map[string][2]float64) {
	ids, _ := viewIDs(p, v)
	view := model.View{Name: model.T("", "all")}
	if v != nil {
		view = *v
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	scene, err := layout.Build(ctx, p, view)
	if err != nil {
		return ids, nil
	}
	pos := make(map[string][2]float64, len(scene.Nodes))
	for _, n := range scene.Nodes {
		c := n.Rect.Center()
		pos[n.ConceptID] = [2]float64{c.X, c.Y}
	}
	return ids, pos
}

func describeMap(p *model.Project, v *model.View) string {
	ids, ok := viewIDs(p, v)
	if !ok {
		return fmt.Sprintf("%d concepts, %d relations", len(p.Concepts), len(p.Relations))
	}
	return fmt.Sprintf("%d concepts, %d relations", len(ids), len(model.ViewRelations(p, ids)))
}

// openOrCreate opens the project at path, creating it (with meta) when it
// does not exist yet; created says which, so a failed import can remove it.
func openOrCreate(path string, meta model.Meta) (s *store.Store, created bool, err error) {
	s, err = store.Open(path)
	if errors.Is(err, store.ErrNotFound) {
		s, err = store.Create(path, meta)
		created = err == nil
	}
	return s, created, err
}

// putAll writes concepts and relations (and any kinds they need that the
// project lacks) in one transaction.
func putAll(s *store.Store, kinds []model.Kind, concepts []model.Concept, relations []model.Relation) error {
	return s.Update(func(tx *store.Tx) error {
		for _, k := range kinds {
			if _, err := tx.Kind(k.ID); err == nil {
				continue
			}
			if err := tx.PutKind(k); err != nil {
				return err
			}
		}
		for _, c := range concepts {
			if err := tx.PutConcept(c); err != nil {
				return err
			}
		}
		for _, r := range relations {
			if err := tx.PutRelation(r); err != nil {
				return err
			}
		}
		return nil
	})
}

func importCXL(env *Env, path, from string, data []byte, dryRun bool) error {
	p, err := interop.ReadCXL(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("import %s: %w", from, err)
	}
	summary := fmt.Sprintf("%d concepts, %d relations", len(p.Concepts), len(p.Relations))
	if dryRun {
		fmt.Fprintf(env.Stdout, "dry run: %s is a valid CmapTools map (%s); nothing written\n", from, summary)
		return nil
	}
	s, created, err := openOrCreate(path, p.Meta)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := putAll(s, p.Kinds, p.Concepts, p.Relations); err != nil {
		s.Close()
		if created {
			os.Remove(path)
		}
		return fmt.Errorf("import %s into %s: %w", from, path, err)
	}
	fmt.Fprintf(env.Stdout, "imported %s into %s: %s\n", from, path, summary)
	return nil
}

func importCSV(env *Env, path, from string, data []byte, dryRun bool) error {
	var base *model.Project
	s, err := store.Open(path)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return err
	default:
		defer s.Close()
		if base, err = s.Load(); err != nil {
			return err
		}
	}
	imp, err := interop.ReadCSV(bytes.NewReader(data), base)
	if err != nil {
		return fmt.Errorf("import %s: %w", from, err)
	}
	what := fmt.Sprintf("%d concepts", len(imp.Concepts))
	if len(imp.Relations) > 0 || len(imp.Concepts) == 0 {
		what = fmt.Sprintf("%d relations", len(imp.Relations))
	}
	for _, col := range imp.Ignored {
		fmt.Fprintf(env.Stderr, "warning: column %q was not understood and is left out\n", col)
	}
	if dryRun {
		fmt.Fprintf(env.Stdout, "dry run: %s holds %s; nothing written\n", from, what)
		return nil
	}
	created := false
	if s == nil {
		if s, err = store.Create(path, model.Meta{Language: model.Arabic}); err != nil {
			return err
		}
		created = true
		defer s.Close()
	}
	if err := putAll(s, nil, imp.Concepts, imp.Relations); err != nil {
		if created {
			s.Close()
			os.Remove(path)
		}
		return fmt.Errorf("import %s into %s: %w", from, path, err)
	}
	fmt.Fprintf(env.Stdout, "imported %s into %s: %s\n", from, path, what)
	return nil
}
