package wasm

// Khareeta patch: the upstream package instantiated the WebAssembly module
// in init(), in every process that linked it (about 90 ms, and a panic when
// the compilation cache under os.TempDir() belonged to another user or the
// disk was full). Here the module starts on first use, the cache folder is
// chosen by the caller, and a cache that cannot be used is skipped.

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
)

var (
	startMu   sync.Mutex // guards startOnce against Reset
	startOnce *sync.Once = new(sync.Once)
	startErr  error
	ready     atomic.Bool
	runtime   wazero.Runtime

	interruptible    atomic.Bool // the mode the next start uses
	startedInterrupt atomic.Bool // the mode the running module has

	cacheMu  sync.Mutex
	cacheDir string // "" means no compilation cache
	cacheErr error
)

// SetCacheDir sets the folder of the compilation cache ("" for none). It
// takes effect only before the module starts.
func SetCacheDir(dir string) {
	cacheMu.Lock()
	cacheDir = dir
	cacheMu.Unlock()
}

// CacheError reports why the compilation cache could not be used (nil when
// it was, or when none was set). The module then runs compiled afresh.
func CacheError() error {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	return cacheErr
}

// SetInterruptible chooses the mode of the next start: an interruptible
// module stops a call when its context ends (and is then closed), at the
// price of slower calls. Call Reset to switch a running module.
func SetInterruptible(on bool) { interruptible.Store(on) }

// Interruptible reports the mode of the running module.
func Interruptible() bool { return startedInterrupt.Load() }

// Started reports whether the module has been instantiated.
func Started() bool { return ready.Load() }

// Start instantiates the module once; later calls return the first result
// (until Reset).
func Start() error {
	startMu.Lock()
	once := startOnce
	startMu.Unlock()
	once.Do(func() { startErr = start() })
	return startErr
}

// Reset closes the module (after a call was stopped by its context, which
// leaves it closed) so that the next call starts a new one. No call may be
// running.
func Reset() {
	startMu.Lock()
	defer startMu.Unlock()
	ready.Store(false)
	if runtime != nil {
		runtime.Close(context.Background())
		runtime = nil
	}
	startOnce = new(sync.Once)
	startErr = nil
}

func start() error {
	startedInterrupt.Store(interruptible.Load())
	cacheMu.Lock()
	dir := cacheDir
	cacheMu.Unlock()
	if dir != "" {
		cache, err := openCache(dir)
		if err == nil {
			if err = instantiate(cache); err == nil {
				return afterStart()
			}
			err = fmt.Errorf("compile with the cache in %s: %w", dir, err)
		}
		cacheMu.Lock()
		cacheErr = err
		cacheMu.Unlock()
	}
	if err := instantiate(nil); err != nil {
		return err
	}
	return afterStart()
}

// openCache makes sure dir exists, belongs to a writable place and can
// hold the compiled module.
func openCache(dir string) (wazero.CompilationCache, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create the cache folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return nil, fmt.Errorf("write in the cache folder: %w", err)
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	cache, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return nil, fmt.Errorf("open the cache folder: %w", err)
	}
	return cache, nil
}

func instantiate(cache wazero.CompilationCache) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("start graphviz (WebAssembly): %v", r)
		}
	}()
	instantiateModule(cache)
	return nil
}

func afterStart() error {
	// As upstream's cgraph init did: keep Graphviz's own messages off stderr.
	if _, err := SetError(context.Background(), MAX); err != nil {
		return fmt.Errorf("start graphviz (WebAssembly): %w", err)
	}
	return nil
}
