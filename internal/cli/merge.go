package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/khareeta/khareeta/internal/store"
)

func init() {
	Register(&Command{
		Name: "merge", Args: "MINE THEIRS [--dry-run] [--json] [--resolve ID=mine|theirs]… [--prefer mine|theirs]",
		Summary: "bring a colleague's copy (THEIRS) into MINE by UUID; conflicts are listed field by field; exit 1 while conflicts remain open",
		MinArgs: 2, MaxArgs: 2,
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("dry-run", false, "report what the merge would do without writing anything")
			fs.Bool("json", false, "print the report as JSON")
			fs.Var(&resolveFlag{}, "resolve", "settle the conflict on item ID with mine or theirs (repeatable)")
			fs.String("prefer", "", "settle every other open conflict with mine or theirs")
		},
		Run: runMerge,
	})
}

// resolveFlag collects --resolve ID=mine|theirs.
type resolveFlag struct{ m map[string]store.Side }

func (r *resolveFlag) String() string {
	if r == nil || len(r.m) == 0 {
		return ""
	}
	var s []string
	for id, side := range r.m {
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
	s, err := mergeSide(side)
	if err != nil {
		return err
	}
	if r.m == nil {
		r.m = map[string]store.Side{}
	}
	r.m[id] = s
	return nil
}

func (r *resolveFlag) Get() any { return r.m }

func mergeSide(s string) (store.Side, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "mine", "m":
		return store.Mine, nil
	case "theirs", "t":
		return store.Theirs, nil
	}
	return "", fmt.Errorf("%q is neither mine nor theirs", s)
}

func runMerge(env *Env, fs *flag.FlagSet, args []string) error {
	mine, theirs := args[0], args[1]
	dry := fs.Lookup("dry-run").Value.(flag.Getter).Get().(bool)
	asJSON := fs.Lookup("json").Value.(flag.Getter).Get().(bool)
	resolve := map[string]store.Side{}
	for id, side := range fs.Lookup("resolve").Value.(*resolveFlag).m {
		resolve[id] = side
	}
	var prefer store.Side
	if p := fs.Lookup("prefer").Value.String(); p != "" {
		var err error
		if prefer, err = mergeSide(p); err != nil {
			return fmt.Errorf("--prefer: %w", err)
		}
	}
	var s *store.Store
	var err error
	if dry {
		s, err = store.OpenReadOnly(mine)
	} else {
		s, err = store.Open(mine)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	opts := store.MergeOptions{DryRun: dry, Resolve: resolve}
	if prefer != "" {
		// Learn the open conflicts first, then settle them all in one merge
		// (resolutions can uncover conflicts that depend on them).
		for i := 0; i < 10; i++ {
			probe, err := store.Merge(s, theirs, store.MergeOptions{DryRun: true, Resolve: resolve})
			if err != nil {
				return err
			}
			more := false
			for _, c := range probe.Unresolved() {
				if _, ok := resolve[c.ID]; !ok && c.Kind != store.ConflictBlocked {
					resolve[c.ID] = prefer
					more = true
				}
			}
			if !more {
				break
			}
		}
	}
	rep, err := store.Merge(s, theirs, opts)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
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
	{"source", "sources"}, {"citation", "citations"}, {"view", "views"},
}

func writeMergeReport(w io.Writer, rep *store.MergeReport) {
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
	fmt.Fprintf(w, "\n%d open %s (MINE keeps its own state for them):\n", len(open), mergePlural(len(open), "conflict", "conflicts"))
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

func mergePlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
