package main

// The end-to-end test builds the real binary and starts the desktop app
// under a virtual X server (Xvfb, 1920×1080) with a window manager
// (openbox). It checks that the sample's Arabic labels are legible in the
// window (ocr-check), drives every menu item and every button of the
// toolbar and the map's header with real X events (in English through
// Fyne's menu bar, in Arabic through the app's right-to-left one), checks
// after each that the app answers and that the dialog it opened is on
// screen (its title read back with Tesseract), and lays a 2,000-concept
// view out, cancelling the slow layout while the window answers. It needs
// Xvfb, openbox, xdotool, ImageMagick and Tesseract with Arabic, so it
// runs only when KHAREETA_E2E=1:
//
//	KHAREETA_E2E=1 go test -run TestE2E -v ./cmd/khareeta
//
// KHAREETA_BIN names a binary to test instead of building one;
// KHAREETA_E2E_SHOTS=DIR keeps screenshots; KHAREETA_OCR_CHECK names the
// checker when it is not at ../shared/tools/ocr-check from the repository.

import (
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
	"github.com/khareeta/khareeta/internal/proctest"
	"github.com/khareeta/khareeta/internal/store"
	"github.com/khareeta/khareeta/internal/synth"
	"github.com/khareeta/khareeta/internal/ui"
)

// mixedLabel is a pillar added to the sample copy: Arabic with Latin,
// digits and brackets, the line Fyne's own labels garble.
const mixedLabel = "أمن الأفراد (UNDP, 2016)"

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

// sampleCopy makes a copy of the sample with the real binary, with the
// mixed-script pillar added.
func sampleCopy(t *testing.T, bin, dir string) string {
	t.Helper()
	project := filepath.Join(dir, "sample.kmap")
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
	return project
}

func TestE2E(t *testing.T) {
	if os.Getenv("KHAREETA_E2E") == "" {
		t.Skip("set KHAREETA_E2E=1 to run the desktop app under Xvfb (needs Xvfb, openbox, xdotool, ImageMagick, Tesseract)")
	}
	for _, tool := range []string{"Xvfb", "openbox", "xdotool", "import", "convert", "tesseract"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (make test installs it): %v", tool, err)
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
	d := startDesktop(t)
	shots := os.Getenv("KHAREETA_E2E_SHOTS")
	t0 := time.Now()

	labels := filepath.Join(dir, "labels.txt")
	if err := os.WriteFile(labels, []byte(strings.Join(sidebarLabels(t), "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, run := range []struct{ name, lang, theme string }{
		{"labels-en-dark", "en", "dark"},
		{"labels-ar-light", "ar", "light"},
	} {
		t.Run(run.name, func(t *testing.T) {
			rd := filepath.Join(dir, run.name)
			os.MkdirAll(rd, 0o755)
			project := sampleCopy(t, bin, rd)
			a := d.startApp(t, bin, rd, project, fmt.Sprintf(`{"language": %q, "theme": %q, "width": 1280, "height": 800}`, run.lang, run.theme))
			a.state()
			shot := filepath.Join(rd, "screen.png")
			a.capture(shot)
			a.shot(shots, run.name)
			out, err := exec.Command(ocr, shot, labels, "--min", "0.9").CombinedOutput()
			t.Logf("ocr-check %s:\n%s", run.name, out)
			if err != nil {
				t.Fatalf("the sample's Arabic labels are not legible in the window: %v", err)
			}
		})
	}
	t.Logf("labels checked after %v", time.Since(t0).Round(time.Second))

	t.Run("controls", func(t *testing.T) {
		rd := filepath.Join(dir, "controls")
		os.MkdirAll(rd, 0o755)
		project := sampleCopy(t, bin, rd)
		a := d.startApp(t, bin, rd, project, `{"language": "en", "theme": "dark", "width": 1800, "height": 1000}`)
		driveControls(t, a, shots)
	})
	t.Logf("controls driven after %v", time.Since(t0).Round(time.Second))

	t.Run("big-layout", func(t *testing.T) {
		rd := filepath.Join(dir, "big")
		os.MkdirAll(rd, 0o755)
		project := filepath.Join(rd, "big.kmap")
		st, err := store.Create(project, model.Meta{Language: model.Arabic, Title: model.T("مشروع كبير", "Big project")})
		if err != nil {
			t.Fatal(err)
		}
		p := synth.Project(synth.Sizes{Concepts: 2000, Relations: 4000, Sources: 20, Citations: 50}, 5)
		p.Views = nil
		if err := st.ImportProject(p); err != nil {
			t.Fatal(err)
		}
		st.Close()
		a := d.startApp(t, bin, rd, project, `{"language": "en", "theme": "dark", "width": 1800, "height": 1000}`)
		bigLayout(t, a, shots)
	})
	t.Logf("done after %v", time.Since(t0).Round(time.Second))
}

// bigLayout: the 2,000-concept view offers the fast layout; the layered
// one runs in a worker while the window answers clicks; Cancel stops it
// at once and the worker's memory goes; the fast layout draws the map.
func bigLayout(t *testing.T, a *e2eApp, shots string) {
	st := a.waitFor("the big view offers the engines", func(s *ui.ProbeState) bool { return s.Large && button(s.MapButtons, "map.slow") != nil })
	if !strings.Contains(st.MapMessage, "2000 concepts and 4000 relations") || !strings.Contains(button(st.MapButtons, "map.fast").Text, "sfdp") {
		t.Errorf("the offer: %q, first button %q", st.MapMessage, button(st.MapButtons, "map.fast").Text)
	}
	appPid := a.cmd.Process.Pid
	appBefore := proctest.RSSKiB(appPid) / 1024
	a.click(button(st.MapButtons, "map.slow").Rect)
	st = a.waitFor("the layered layout runs in a worker", func(s *ui.ProbeState) bool {
		return s.Busy && s.JobPid != 0 && button(s.MapButtons, "map.cancel") != nil
	})
	worker := st.JobPid
	// The window answers while Graphviz works: click a concept in the list.
	var row *ui.ProbeItem
	for i := range st.Texts {
		if st.Texts[i].Key != "" {
			row = &st.Texts[i]
			break
		}
	}
	if row == nil {
		t.Fatal("no concept in the list")
	}
	c0 := time.Now()
	a.click(row.Rect)
	st = a.waitFor("the clicked concept is selected", func(s *ui.ProbeState) bool { return s.Selected == row.Text })
	answered := time.Since(c0)
	if !st.Busy {
		t.Fatal("the layout ended before the click could be tested")
	}
	// Let Graphviz grow for a while (up to 1 GB or 30 s) before cancelling.
	grow := time.Now()
	for proctest.RSSKiB(worker)/1024 < 1024 && time.Since(grow) < 30*time.Second && proctest.Alive(worker) {
		time.Sleep(200 * time.Millisecond)
	}
	st = a.state()
	a.shot(shots, "big-layout-in-progress")
	workerMB, appMB := proctest.RSSKiB(worker)/1024, proctest.RSSKiB(appPid)/1024
	cancel := button(st.MapButtons, "map.cancel")
	if cancel == nil || !st.Busy {
		t.Fatal("no Cancel while the layout runs")
	}
	k0 := time.Now()
	a.click(cancel.Rect)
	st = a.waitFor("the map stops drawing", func(s *ui.ProbeState) bool { return !s.Busy })
	stopped := time.Since(k0)
	for proctest.Alive(worker) {
		if time.Since(k0) > hang {
			t.Fatalf("the worker outlived Cancel by %v", hang)
		}
		time.Sleep(5 * time.Millisecond)
	}
	gone := time.Since(k0)
	if !strings.Contains(st.MapMessage, "Drawing stopped after") || button(st.MapButtons, "map.fast") == nil {
		t.Errorf("after Cancel the map says %q", st.MapMessage)
	}
	time.Sleep(time.Second) // let the app's own memory settle before reading it
	appAfter := proctest.RSSKiB(appPid) / 1024
	t.Logf("2,000 concepts / 4,000 relations, dot: a click answered in %v while it ran; after %v the worker used %d MB (the app %d MB, %d MB before the layout); Cancel: the map stopped in %v, the worker was gone in %v; the app then used %d MB",
		answered.Round(time.Millisecond), time.Since(grow).Round(time.Second), workerMB, appMB, appBefore,
		stopped.Round(time.Millisecond), gone.Round(time.Millisecond), appAfter)
	// The fast layout draws it.
	f0 := time.Now()
	a.click(button(st.MapButtons, "map.fast").Rect)
	st = a.waitFor("the fast layout draws the map", func(s *ui.ProbeState) bool { return !s.Busy && s.Nodes == 2000 })
	t.Logf("sfdp drew the 2,000-concept map in %v", time.Since(f0).Round(time.Millisecond))
	a.shot(shots, "big-map-sfdp")
}

// button finds a probe item by key.
func button(items []ui.ProbeItem, key string) *ui.ProbeItem {
	for i := range items {
		if items[i].Key == key {
			return &items[i]
		}
	}
	return nil
}
