package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"sort"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/evidence"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

func init() {
	Register(&Command{
		Name: "new", Args: "FILE [--sample] [--lang ar|en] [--title TEXT]", MinArgs: 1, MaxArgs: 1,
		Summary: "create a new project file (with --sample: the bundled sample project)",
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("sample", false, "fill the new file with the sample project (the three studies on community security in Iraq)")
			fs.String("lang", "ar", "the project's primary language: ar or en")
			fs.String("title", "", "the project's title")
		},
		Run: runNew,
	})
	Register(&Command{
		Name: "stats", Args: "FILE [--json]", MinArgs: 1, MaxArgs: 1,
		Summary: "count concepts per kind, relations, sources, citations and views",
		Flags:   func(fs *flag.FlagSet) { fs.Bool("json", false, "print JSON") },
		Run:     runStats,
	})
	Register(&Command{
		Name: "check", Args: "FILE [--strict]", MinArgs: 1, MaxArgs: 1,
		Summary: "check a project file (integrity, schema, references, evidence); exit 1 when it is not sound",
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("strict", false, "also fail on evidence findings (claims without citations, uncited sources, …)")
		},
		Run: runCheck,
	})
}

func flagBool(fs *flag.FlagSet, name string) bool {
	return fs.Lookup(name).Value.(flag.Getter).Get().(bool)
}

func flagString(fs *flag.FlagSet, name string) string { return fs.Lookup(name).Value.String() }

func runNew(env *Env, fs *flag.FlagSet, args []string) error {
	meta := model.Meta{Language: flagString(fs, "lang")}
	if t := flagString(fs, "title"); t != "" {
		if meta.Language == model.English {
			meta.Title = model.T("", t)
		} else {
			meta.Title = model.T(t, "")
		}
	}
	var p *model.Project
	if flagBool(fs, "sample") {
		var err error
		if p, err = data.Sample(); err != nil {
			return fmt.Errorf("read the bundled sample: %w", err)
		}
		if !meta.Title.Empty() {
			p.Meta.Title = meta.Title
		}
		meta = p.Meta
	}
	s, err := store.Create(args[0], meta)
	if err != nil {
		return err
	}
	defer s.Close()
	if p != nil {
		if err := s.ImportProject(p); err != nil {
			s.Close()
			return fmt.Errorf("write the sample into %s: %w", args[0], err)
		}
	}
	st, err := s.Stats()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "created %s: %d concepts, %d relations, %d sources, %d citations, %d views\n",
		args[0], st.Concepts, st.Relations, st.Sources, st.Citations, st.Views)
	return nil
}

func runStats(env *Env, fs *flag.FlagSet, args []string) error {
	s, err := store.OpenReadOnly(args[0])
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats()
	if err != nil {
		return err
	}
	if flagBool(fs, "json") {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	p, err := s.Load()
	if err != nil {
		return err
	}
	title := p.Meta.Title.Get(p.Meta.Language)
	fmt.Fprintf(env.Stdout, "%s\n", title)
	for _, k := range model.SortedKinds(p) {
		fmt.Fprintf(env.Stdout, "  %-16s %5d  %s\n", k.ID, st.Kinds[k.ID], k.Name.Get(p.Meta.Language))
	}
	fmt.Fprintf(env.Stdout, "concepts %d, relations %d, sources %d, citations %d, views %d\n",
		st.Concepts, st.Relations, st.Sources, st.Citations, st.Views)
	return nil
}

func runCheck(env *Env, fs *flag.FlagSet, args []string) error {
	problems := store.Check(args[0])
	if len(problems) > 0 {
		fmt.Fprintf(env.Stdout, "%s is NOT sound: %d problem(s)\n", args[0], len(problems))
		for _, p := range problems {
			fmt.Fprintf(env.Stdout, "  - %s\n", p)
		}
		return Exit{Code: 1}
	}
	s, err := store.OpenReadOnly(args[0])
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		return err
	}
	v, _ := s.SchemaVersionOf()
	fmt.Fprintf(env.Stdout, "%s is sound (schema version %d, integrity and foreign keys ok)\n", args[0], v)
	findings := evidence.Check(p)
	if len(findings) == 0 {
		fmt.Fprintln(env.Stdout, "evidence: every claim is cited, every source is used")
		return nil
	}
	byKind := map[string][]evidence.Finding{}
	for _, f := range findings {
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Fprintf(env.Stdout, "evidence: %d finding(s)\n", len(findings))
	for _, k := range kinds {
		fmt.Fprintf(env.Stdout, "  %s (%d)\n", k, len(byKind[k]))
		for _, f := range byKind[k] {
			fmt.Fprintf(env.Stdout, "    - %s\n", f.Message)
		}
	}
	if flagBool(fs, "strict") {
		return Exit{Code: 1}
	}
	return nil
}
