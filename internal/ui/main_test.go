package ui

import (
	"os"
	"testing"

	"github.com/khareeta/khareeta/internal/app"
)

// TestMain lets this test binary serve as the layout worker of the map's
// layout jobs (app.LayoutWorkerCommand runs the current executable).
func TestMain(m *testing.M) {
	app.ServeLayoutIfWorker()
	os.Exit(m.Run())
}
