// Package proctest reads what tests need to know about processes from
// Linux's /proc: whether one is still running and how much memory it
// holds. Tests that kill or measure real processes use it.
package proctest

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Alive reports whether the process pid exists and is not a zombie.
func Alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	return err == nil && !strings.Contains(string(b), ") Z ")
}

// RSSKiB returns the process's resident memory in KiB (0 when it is gone).
func RSSKiB(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}
