package layout

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/goccy/go-graphviz"
)

// Graphviz runs as WebAssembly in one module per process, instantiated on
// the first layout (go-graphviz is patched for that in third_party: commands
// and views that lay nothing out do not pay its start-up). Calls into it
// must not overlap, so layouts run one at a time on a goroutine that owns
// the engine; a caller whose context ends gets its error at once. A dense
// layout (see Dense) runs in an interruptible module, stopped when its
// context ends (the module closes; the next layout starts a new one, about
// 0.1 s with the compilation cache); other layouts run in a faster module
// and finish in the background while the next caller waits for the
// engine, also honouring its context.
var (
	engineSlot = make(chan struct{}, 1)
	engine     *graphviz.Graphviz // guarded by engineSlot
	// graphvizRuns counts the layouts asked of Graphviz (for tests: views
	// drawn at stored positions must not run it).
	graphvizRuns atomic.Int64
)

type layoutResult struct {
	json  []byte
	warns []string
	err   error
}

// runGraphviz lays out a graph given as DOT text with the named engine and
// returns Graphviz's JSON output (positions and xdot drawing operations).
// warn receives what went wrong starting the engine without stopping it
// (a compilation cache that cannot be used).
//
// interruptible asks for a module that stops a call when ctx ends (for
// dense layouts, see Dense): it makes the call about 3.5 times slower, so
// other layouts run to the end even when their caller gave up, and the
// next layout waits for them.
func runGraphviz(ctx context.Context, dot []byte, engineName string, interruptible bool, warn func(string, ...any)) ([]byte, error) {
	graphvizRuns.Add(1)
	select {
	case engineSlot <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for the layout engine (another layout is still running): %w", ctx.Err())
	}
	done := make(chan layoutResult, 1)
	go func() {
		defer func() { <-engineSlot }()
		defer func() {
			if r := recover(); r != nil {
				done <- layoutResult{err: fmt.Errorf("graphviz %s failed: %v", engineName, r)}
			}
		}()
		var r layoutResult
		r.json, r.err = callGraphviz(ctx, dot, engineName, interruptible, func(format string, a ...any) {
			r.warns = append(r.warns, fmt.Sprintf(format, a...))
		})
		done <- r
	}()
	select {
	case r := <-done:
		for _, w := range r.warns {
			warn("%s", w)
		}
		return r.json, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("layout with %s stopped: %w", engineName, ctx.Err())
	}
}

// callGraphviz does the work; the caller holds engineSlot.
func callGraphviz(ctx context.Context, dot []byte, engineName string, interruptible bool, warn func(string, ...any)) (out []byte, err error) {
	defer func() {
		if ctx.Err() != nil && engine != nil && graphviz.Interruptible() {
			// the module stopped mid-call and is closed: start afresh
			engine = nil
			graphviz.Reset()
		}
	}()
	if engine != nil && graphviz.Interruptible() != interruptible {
		// switch modes: a new module (about 0.1 s with the cache)
		engine = nil
		graphviz.Reset()
	}
	if engine == nil {
		graphviz.SetInterruptible(interruptible)
		dir, err := CacheDir()
		if err != nil {
			warn("Graphviz starts without its compilation cache (each run compiles it again): %v", err)
		}
		graphviz.SetCompilationCacheDir(dir)
		g, err := graphviz.New(context.Background())
		if err != nil {
			return nil, fmt.Errorf("start graphviz: %w", err)
		}
		if err := graphviz.CompilationCacheError(); err != nil {
			warn("the Graphviz compilation cache cannot be used, so each run compiles it again: %v", err)
		}
		engine = g
	}
	graph, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("graphviz could not read the generated graph: %w", err)
	}
	defer graph.Close()
	engine.SetLayout(graphviz.Layout(engineName))
	var buf bytes.Buffer
	if err := engine.Render(ctx, graph, graphviz.Format("json"), &buf); err != nil {
		return nil, fmt.Errorf("graphviz %s layout: %w", engineName, err)
	}
	return buf.Bytes(), nil
}

// CacheDir returns the per-user folder where the compiled Graphviz module is
// cached between runs: "khareeta/graphviz" under os.UserCacheDir(). The
// folder is created (and checked) on the first layout; an error means there
// is no such folder for this user, and layouts run without a cache.
func CacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder for this user: %w", err)
	}
	return filepath.Join(base, "khareeta", "graphviz"), nil
}

// EngineStarted reports whether this process has started Graphviz (for
// tests and start-up measurements: commands that lay nothing out must not).
func EngineStarted() bool { return graphviz.Started() }
