//go:build unix

package ui

import (
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
)

// startProbe writes the probe (see ProbeEnv) whenever the process gets
// SIGUSR1.
func (g *gui) startProbe() {
	path := os.Getenv(ProbeEnv)
	if path == "" {
		return
	}
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGUSR1)
	go func() {
		for range ch {
			fyne.Do(func() {
				if err := g.writeProbe(path); err != nil {
					fyne.LogError("write the end-to-end probe", err)
				}
			})
		}
	}()
}
