package cli

import (
	"flag"
	"fmt"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/model"
)

// newCmd is `khareeta new`.
type newCmd struct{ app.NewOptions }

func (c *newCmd) Flags(fs *flag.FlagSet) {
	fs.BoolVar(&c.Sample, "sample", false, "fill the new file with the sample project (the three studies on community security in Iraq)")
	fs.StringVar(&c.Lang, "lang", "ar", "the project's primary language: ar or en")
	fs.StringVar(&c.Title, "title", "", "the project's title")
}

func (c *newCmd) Run(env *Env, args []string) error {
	st, err := app.NewFile(args[0], c.NewOptions)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "created %s: %d concepts, %d relations, %d sources, %d citations, %d views\n",
		args[0], st.Concepts, st.Relations, st.Sources, st.Citations, st.Views)
	return nil
}

// statsCmd is `khareeta stats`.
type statsCmd struct{ JSON bool }

func (c *statsCmd) Flags(fs *flag.FlagSet) { fs.BoolVar(&c.JSON, "json", false, "print JSON") }

func (c *statsCmd) Run(env *Env, args []string) error {
	st, p, err := app.StatsOf(args[0])
	if err != nil {
		return err
	}
	if c.JSON {
		return printJSON(env.Stdout, st)
	}
	fmt.Fprintf(env.Stdout, "%s\n", p.Meta.Title.Get(p.Meta.Language))
	for _, k := range model.SortedKinds(p) {
		fmt.Fprintf(env.Stdout, "  %-16s %5d  %s\n", k.ID, st.Kinds[k.ID], k.Name.Get(p.Meta.Language))
	}
	fmt.Fprintf(env.Stdout, "concepts %d, relations %d, sources %d, citations %d, views %d, positions %d\n",
		st.Concepts, st.Relations, st.Sources, st.Citations, st.Views, st.Positions)
	return nil
}

// checkCmd is `khareeta check`.
type checkCmd struct{ Strict bool }

func (c *checkCmd) Flags(fs *flag.FlagSet) {
	fs.BoolVar(&c.Strict, "strict", false, "also fail on evidence findings (claims without citations, uncited sources, …)")
}

func (c *checkCmd) Run(env *Env, args []string) error {
	r, err := app.CheckFile(args[0])
	if err != nil {
		return err
	}
	if !r.Sound() {
		fmt.Fprintf(env.Stdout, "%s is NOT sound: %d problem(s)\n", args[0], len(r.Problems))
		for _, p := range r.Problems {
			fmt.Fprintf(env.Stdout, "  - %s\n", p)
		}
		return Exit{Code: 1}
	}
	fmt.Fprintf(env.Stdout, "%s is sound (schema version %d, integrity and foreign keys ok)\n", args[0], r.SchemaVersion)
	if len(r.Evidence) == 0 {
		fmt.Fprintln(env.Stdout, "evidence: every claim is cited, every source is used")
		return nil
	}
	fmt.Fprintf(env.Stdout, "evidence: %d finding(s)\n", len(r.Evidence))
	for i, f := range r.Evidence {
		if i == 0 || r.Evidence[i-1].Kind != f.Kind {
			n := 0
			for _, g := range r.Evidence[i:] {
				if g.Kind == f.Kind {
					n++
				}
			}
			fmt.Fprintf(env.Stdout, "  %s (%d)\n", f.Kind, n)
		}
		fmt.Fprintf(env.Stdout, "    - %s\n", f.Message)
	}
	if c.Strict {
		return Exit{Code: 1}
	}
	return nil
}
