//go:build !linux

package app

import "os/exec"

// dieWithParent does nothing where the kernel cannot tie a child's life to
// its parent's; cancelling a job still kills its worker.
func dieWithParent(cmd *exec.Cmd) {}
