package cli

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/khareeta/khareeta/internal/app"
)

// mergeCmd is `khareeta merge`.
type mergeCmd struct {
	DryRun, JSON bool
	Resolve      resolveFlag
	Prefer       string
}

func (c *mergeCmd) Flags(fs *flag.FlagSet) {
	fs.BoolVar(&c.DryRun, "dry-run", false, "report what the merge would do without writing anything")
	fs.BoolVar(&c.JSON, "json", false, "print the report as JSON")
	fs.Var(&c.Resolve, "resolve", "settle the conflict on item ID with mine or theirs (repeatable)")
	fs.StringVar(&c.Prefer, "prefer", "", "settle every other open conflict with mine or theirs")
}

// resolveFlag collects --resolve ID=mine|theirs.
type resolveFlag map[string]app.Side

func (r *resolveFlag) String() string {
	var s []string
	for id, side := range *r {
		s = append(s, id+"="+string(side))
	}
	sort.Strings(s)
	return strings.Join(s, ",")
}

func (r *resolveFlag) Set(v string) error {
	id, side, ok := strings.Cut(v, "=")
	if !ok || id == "" {
		return fmt.Errorf("want ID=mine or ID=theirs, got %q", v)
	}
	s, ok := app.ParseSide(side)
	if !ok {
		return fmt.Errorf("%q is neither mine nor theirs", side)
	}
	if *r == nil {
		*r = resolveFlag{}
	}
	(*r)[id] = s
	return nil
}

func (c *mergeCmd) Run(env *Env, args []string) error {
	o := app.MergeFileOptions{DryRun: c.DryRun, Resolve: c.Resolve}
	if c.Prefer != "" {
		side, ok := app.ParseSide(c.Prefer)
		if !ok {
			return fmt.Errorf("--prefer: %q is neither mine nor theirs", c.Prefer)
		}
		o.Prefer = side
	}
	rep, err := app.MergeFile(args[0], args[1], o)
	if err != nil {
		return err
	}
	if c.JSON {
		if err := printJSON(env.Stdout, rep); err != nil {
			return err
		}
	} else {
		writeMergeReport(env.Stdout, rep)
	}
	if len(rep.Unresolved()) > 0 {
		return Exit{Code: 1}
	}
	return nil
}

var mergeTypeNames = []struct{ key, name string }{
	{"meta", "project"}, {"kind", "kinds"}, {"concept", "concepts"}, {"relation", "relations"},
	{"source", "sources"}, {"citation", "citations"}, {"view", "views"}, {"position", "positions"},
}

func writeMergeReport(w io.Writer, rep *app.MergeReport) {
	switch {
	case rep.DryRun:
		fmt.Fprintf(w, "Dry run: merging %s into %s would change (nothing was written):\n", rep.Theirs, rep.Mine)
	case rep.Written:
		fmt.Fprintf(w, "Merged %s into %s:\n", rep.Theirs, rep.Mine)
	default:
		fmt.Fprintf(w, "Nothing to bring in from %s: %s already has all of it.\n", rep.Theirs, rep.Mine)
	}
	a, u, d, _ := rep.Counts()
	if a+u+d+len(rep.Conflicts) > 0 {
		fmt.Fprintf(w, "  %-10s %7s %7s %7s %9s\n", "", "added", "updated", "deleted", "conflicts")
		for _, t := range mergeTypeNames {
			tr := rep.Types[t.key]
			if tr == nil || len(tr.Added)+len(tr.Updated)+len(tr.Deleted)+tr.Conflicts == 0 {
				continue
			}
			fmt.Fprintf(w, "  %-10s %7d %7d %7d %9d\n", t.name, len(tr.Added), len(tr.Updated), len(tr.Deleted), tr.Conflicts)
		}
		// Nothing leaves MINE unnamed: every deleted record is listed.
		for _, t := range mergeTypeNames {
			if tr := rep.Types[t.key]; tr != nil && len(tr.Deleted) > 0 {
				verb := "Deleted"
				if rep.DryRun {
					verb = "Would delete"
				}
				fmt.Fprintf(w, "%s %s (%d):\n", verb, t.name, len(tr.Deleted))
				for _, it := range tr.Deleted {
					fmt.Fprintf(w, "    %q (%s)\n", it.Label, it.ID)
				}
			}
		}
	}
	for _, m := range rep.Moves {
		fmt.Fprintf(w, "Moved on both sides, kept the later move (%s): %s\n", m.Kept, m.Label)
	}
	open := rep.Unresolved()
	for _, c := range rep.Conflicts {
		if c.Resolved() {
			fmt.Fprintf(w, "Settled: %s %q (%s) with %s\n", c.Entity, c.Label, c.ID, c.Resolution)
		}
	}
	if len(open) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%d open %s (MINE keeps its own state for them):\n", len(open), plural(len(open), "conflict", "conflicts"))
	for _, c := range open {
		fmt.Fprintf(w, "\n  %s %q — %s\n    id: %s\n", c.Entity, c.Label, c.Reason, c.ID)
		for _, f := range c.Fields {
			fmt.Fprintf(w, "    %s:\n      mine:   %s\n      theirs: %s\n", f.Field, mergeQuote(f.Mine, c.MineDeleted), mergeQuote(f.Theirs, c.TheirsDeleted))
		}
		if len(c.UsedBy) > 0 {
			fmt.Fprintf(w, "    still used by: %s\n", strings.Join(c.UsedBy, ", "))
		}
		if len(c.Needs) > 0 {
			fmt.Fprintf(w, "    waits for: %s\n", strings.Join(c.Needs, ", "))
		}
	}
	fmt.Fprintf(w, "\nSettle them with --resolve ID=mine|theirs (or --prefer mine|theirs), or in the app (File → Merge a colleague's file…).\n")
}

func mergeQuote(s string, deleted bool) string {
	if deleted && s == "" {
		return "(deleted)"
	}
	return fmt.Sprintf("%q", s)
}
