// Command khareeta is Khareeta's one binary: with no arguments (or a project
// file) it opens the desktop app; with a subcommand it works headless.
package main

import (
	"fmt"
	"os"

	"github.com/khareeta/khareeta/internal/app"
	"github.com/khareeta/khareeta/internal/cli"
	"github.com/khareeta/khareeta/internal/ui"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0"

func main() {
	// A hidden entry point: the app lays big maps out in a child process of
	// this binary, which it can kill when the user cancels (see
	// internal/app/layoutjob.go).
	app.ServeLayoutIfWorker()
	cli.Version = version
	args := os.Args[1:]
	if len(args) == 0 || (len(args) == 1 && !cli.IsCommand(args[0])) {
		path := ""
		if len(args) == 1 {
			path = args[0]
		}
		if err := ui.Run(ui.Options{Path: path, Version: version}); err != nil {
			fmt.Fprintln(os.Stderr, "khareeta:", err)
			os.Exit(1)
		}
		return
	}
	os.Exit(cli.Main(args, nil))
}
