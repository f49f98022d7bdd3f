package cgraph

import (
	"context"
	"sync"

	"github.com/goccy/go-graphviz/internal/wasm"
)

// Khareeta patch: the descriptors exist from the start (so that aliases of
// them stay valid) and are filled in on first use, when the WebAssembly
// module starts, instead of in init().
var (
	Directed         = &Desc{}
	StrictDirected   = &Desc{}
	UnDirected       = &Desc{}
	StrictUnDirected = &Desc{}

	globalsOnce sync.Once
	globalsErr  error
)

// Init starts the WebAssembly module and sets up the graph descriptors.
func Init() error {
	globalsOnce.Do(func() {
		if globalsErr = wasm.Start(); globalsErr == nil {
			globalsErr = setGlobalVars(context.Background())
		}
	})
	return globalsErr
}

func setGlobalVars(ctx context.Context) error {
	directed, err := wasm.NewGraphDescriptor(ctx)
	if err != nil {
		return err
	}
	directed.SetDirected(1)
	directed.SetMaingraph(1)

	strictDirected, err := wasm.NewGraphDescriptor(ctx)
	if err != nil {
		return err
	}
	strictDirected.SetDirected(1)
	strictDirected.SetStrict(1)
	strictDirected.SetMaingraph(1)

	undirected, err := wasm.NewGraphDescriptor(ctx)
	if err != nil {
		return err
	}
	undirected.SetMaingraph(1)

	strictUndirected, err := wasm.NewGraphDescriptor(ctx)
	if err != nil {
		return err
	}
	strictUndirected.SetStrict(1)
	strictUndirected.SetMaingraph(1)

	Directed.wasm = directed
	StrictDirected.wasm = strictDirected
	UnDirected.wasm = undirected
	StrictUnDirected.wasm = strictUndirected

	return nil
}
