//go:build !unix

package ui

// startProbe does nothing where there is no SIGUSR1 to ask for the probe.
func (g *gui) startProbe() {}
