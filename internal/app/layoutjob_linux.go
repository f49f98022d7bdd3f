package app

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the kernel kill the worker when this process dies, so
// that a crashed or killed app leaves no layout running.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
