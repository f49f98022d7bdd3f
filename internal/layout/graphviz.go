package layout

import (
	"bytes"
	"context"
	"fmt"

	"github.com/goccy/go-graphviz"
)

// Graphviz runs as WebAssembly in one module per process (go-graphviz
// instantiates it when the package initialises). Calls into it must not
// overlap, and a running layout cannot be interrupted. So layouts run one at
// a time on a goroutine that owns the engine: a caller whose context ends
// gets its error at once, while the abandoned layout finishes in the
// background and only then frees the engine for the next caller (who waits
// for it, also honouring its context).
var (
	engineSlot = make(chan struct{}, 1)
	engine     *graphviz.Graphviz // guarded by engineSlot
)

type layoutResult struct {
	json []byte
	err  error
}

// runGraphviz lays out a graph given as DOT text with the named engine and
// returns Graphviz's JSON output (positions and xdot drawing operations).
func runGraphviz(ctx context.Context, dot []byte, engineName string) ([]byte, error) {
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
		out, err := callGraphviz(dot, engineName)
		done <- layoutResult{out, err}
	}()
	select {
	case r := <-done:
		return r.json, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("layout with %s stopped: %w", engineName, ctx.Err())
	}
}

// callGraphviz does the work; the caller holds engineSlot.
func callGraphviz(dot []byte, engineName string) ([]byte, error) {
	// The engine's calls take a context but do not watch it (the module is
	// not built to be interrupted); cancellation is handled by runGraphviz.
	ctx := context.Background()
	if engine == nil {
		g, err := graphviz.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("start graphviz: %w", err)
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
