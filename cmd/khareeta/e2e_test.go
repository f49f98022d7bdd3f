package main

// The end-to-end test builds the real binary, starts the desktop app under
// a virtual X server (Xvfb) on a temporary copy of the sample project,
// captures the screen and checks with ../shared/tools/ocr-check that the
// sample's Arabic labels are legible in it. It needs Xvfb, ImageMagick
// (import) and Tesseract with Arabic, so it runs only when KHAREETA_E2E=1:
//
//	KHAREETA_E2E=1 go test -run TestE2E -v ./cmd/khareeta
//
// KHAREETA_BIN names a binary to test instead of building one;
// KHAREETA_E2E_SHOTS=DIR keeps the screenshots; KHAREETA_OCR_CHECK names
// the checker when it is not at ../shared/tools/ocr-check from the repository.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/store"
)

// mixedLabel is a pillar added to the sample copy: Arabic with Latin,
// digits and brackets, the line Fyne's own labels garble.
const mixedLabel = "أمن الأفراد (UNDP, 2016)"

// startX starts Xvfb on a free display and returns it.
func startX(t *testing.T) string {
	t.Helper()
	for n := 91; n < 140; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		disp := fmt.Sprintf(":%d", n)
		cmd := exec.Command("Xvfb", disp, "-screen", "0", "1400x900x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Skipf("Xvfb: %v", err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return disp
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("Xvfb %s did not come up", disp)
	}
	t.Fatal("no free X display")
	return ""
}

// sidebarLabels returns the Arabic labels the concept list shows first:
// the pillars and the first threats, in the list's order.
func sidebarLabels(t *testing.T) []string {
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, kind := range []string{model.KindPillar, model.KindThreat} {
		var ls []string
		if kind == model.KindPillar {
			ls = append(ls, mixedLabel)
		}
		for _, c := range p.Concepts {
			if c.Kind == kind {
				ls = append(ls, c.Label[model.Arabic])
			}
		}
		sort.SliceStable(ls, func(i, j int) bool { return model.Fold(ls[i]) < model.Fold(ls[j]) })
		if kind == model.KindThreat && len(ls) > 6 {
			ls = ls[:6]
		}
		out = append(out, ls...)
	}
	return out
}

func TestE2E(t *testing.T) {
	if os.Getenv("KHAREETA_E2E") == "" {
		t.Skip("set KHAREETA_E2E=1 to run the desktop app under Xvfb (needs Xvfb, ImageMagick, Tesseract)")
	}
	for _, tool := range []string{"Xvfb", "import", "tesseract"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: %v", tool, err)
		}
	}
	ocr := os.Getenv("KHAREETA_OCR_CHECK")
	if ocr == "" {
		var err error
		if ocr, err = filepath.Abs("../../../shared/tools/ocr-check"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(ocr); err != nil {
		t.Fatalf("ocr-check: %v", err)
	}
	dir := t.TempDir()
	bin := os.Getenv("KHAREETA_BIN") // the binary make built, if given
	if bin == "" {
		bin = filepath.Join(dir, "khareeta")
		build := exec.Command("go", "build", "-o", bin, ".")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}
	disp := startX(t)
	shots := os.Getenv("KHAREETA_E2E_SHOTS")

	labels := filepath.Join(dir, "labels.txt")
	if err := os.WriteFile(labels, []byte(strings.Join(sidebarLabels(t), "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, run := range []struct {
		name, lang, theme string
	}{
		{"en-dark", "en", "dark"},
		{"ar-light", "ar", "light"},
	} {
		t.Run(run.name, func(t *testing.T) {
			rd := filepath.Join(dir, run.name)
			cfg := filepath.Join(rd, "config")
			os.MkdirAll(cfg, 0o755)
			settings := fmt.Sprintf(`{"language": %q, "theme": %q, "width": 1280, "height": 800}`, run.lang, run.theme)
			os.WriteFile(filepath.Join(cfg, "settings.json"), []byte(settings), 0o644)
			// A temporary copy of the sample, made by the real binary.
			project := filepath.Join(rd, "sample.kmap")
			if out, err := exec.Command(bin, "new", project, "--sample").CombinedOutput(); err != nil {
				t.Fatalf("khareeta new --sample: %v\n%s", err, out)
			}
			st, err := store.Open(project)
			if err != nil {
				t.Fatal(err)
			}
			err = st.Update(func(tx *store.Tx) error {
				return tx.PutConcept(model.Concept{ID: model.NewID(), Kind: model.KindPillar, Label: model.T(mixedLabel, "Personal security (UNDP, 2016)")})
			})
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			ready := filepath.Join(rd, "ready")
			var log bytes.Buffer
			app := exec.Command(bin, project)
			app.Env = append(os.Environ(), "DISPLAY="+disp, "KHAREETA_CONFIG_DIR="+cfg,
				"KHAREETA_DOCUMENTS_DIR="+rd, "KHAREETA_READY_FILE="+ready, "KHAREETA_TIMING=1",
				"LANG=en_US.UTF-8", "XDG_RUNTIME_DIR="+rd)
			app.Stdout, app.Stderr = &log, &log
			if err := app.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { app.Process.Kill(); app.Wait() }()
			// Wait for the window to show the project and its first map.
			deadline := time.Now().Add(3 * time.Minute)
			for {
				if _, err := os.Stat(ready); err == nil {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("the app did not get ready; its output:\n%s", log.String())
				}
				time.Sleep(200 * time.Millisecond)
			}
			shot := filepath.Join(rd, "screen.png")
			cap := exec.Command("import", "-window", "root", shot)
			cap.Env = append(os.Environ(), "DISPLAY="+disp)
			if out, err := cap.CombinedOutput(); err != nil {
				t.Fatalf("import: %v\n%s", err, out)
			}
			if shots != "" {
				os.MkdirAll(shots, 0o755)
				b, _ := os.ReadFile(shot)
				os.WriteFile(filepath.Join(shots, run.name+".png"), b, 0o644)
			}
			out, err := exec.Command(ocr, shot, labels, "--min", "0.9").CombinedOutput()
			t.Logf("ocr-check %s:\n%s", run.name, out)
			t.Logf("app output:\n%s", log.String())
			if err != nil {
				t.Fatalf("the sample's Arabic labels are not legible in the window: %v", err)
			}
		})
	}
}
