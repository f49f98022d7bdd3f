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

	globalsMu   sync.Mutex
	globalsOnce = new(sync.Once)
	globalsErr  error
)

// Reset forgets the graph descriptors and restarts the WebAssembly module
// on next use (see wasm.Reset).
func Reset() {
	globalsMu.Lock()
	defer globalsMu.Unlock()
	wasm.Reset()
	for _, d := range []*Desc{Directed, StrictDirected, UnDirected, StrictUnDirected} {
		d.wasm = nil
	}
	globalsOnce = new(sync.Once)
	globalsErr = nil
}

// Init starts the WebAssembly module and sets up the graph descriptors.
func Init() error {
	globalsMu.Lock()
	once := globalsOnce
	globalsMu.Unlock()
	once.Do(func() {
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
