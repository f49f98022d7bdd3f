package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/khareeta/khareeta/internal/ui"
)

// The desktop the end-to-end test drives: Xvfb at 1920×1080 with the
// openbox window manager, the real binary, real X events (xdotool), screen
// captures (ImageMagick) and OCR (Tesseract). The app tells where its
// controls are and what it shows through its probe (ui.ProbeEnv): the test
// waits for conditions, never for fixed times (a wait that lasts a minute
// is a hang, reported as such).

// hang is how long a wait may last before the test calls it a hang.
const hang = 90 * time.Second

// desktop is a virtual X display with a window manager.
type desktop struct {
	disp string
}

// startDesktop starts Xvfb on a free display, and openbox on it.
func startDesktop(t *testing.T) *desktop {
	t.Helper()
	from := 91
	if s := os.Getenv("KHAREETA_E2E_DISPLAY_FROM"); s != "" { // e.g. a range set aside for one person
		from, _ = strconv.Atoi(s)
	}
	for n := from; n < from+50; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		disp := fmt.Sprintf(":%d", n)
		x := exec.Command("Xvfb", disp, "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			t.Fatalf("Xvfb: %v", err)
		}
		t.Cleanup(func() { x.Process.Kill(); x.Wait() })
		deadline := time.Now().Add(hang)
		for {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("Xvfb %s did not come up", disp)
			}
			time.Sleep(50 * time.Millisecond)
		}
		wm := exec.Command("openbox")
		wm.Env = append(os.Environ(), "DISPLAY="+disp)
		if err := wm.Start(); err != nil {
			t.Fatalf("openbox: %v", err)
		}
		t.Cleanup(func() { wm.Process.Kill(); wm.Wait() })
		return &desktop{disp: disp}
	}
	t.Fatal("no free X display")
	return nil
}

// run runs a command on the display and returns its output.
func (d *desktop) run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.disp)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// e2eApp is the app running on the desktop.
type e2eApp struct {
	t      *testing.T
	d      *desktop
	cmd    *exec.Cmd
	log    *bytes.Buffer
	dir    string
	probe  string
	win    string // X window id
	seq    int
	exited chan error
	dark   bool
	ocrN   int
	read   map[string]bool // titles already read on screen, by language
}

// startApp starts the binary on project with the given settings and waits
// for its window and first map.
func (d *desktop) startApp(t *testing.T, bin, dir, project, settings string) *e2eApp {
	t.Helper()
	cfg := filepath.Join(dir, "config")
	rt := filepath.Join(dir, "runtime")
	home := filepath.Join(dir, "home")
	for _, p := range []string{cfg, rt, filepath.Join(home, ".cache")} {
		os.MkdirAll(p, 0o700)
	}
	os.WriteFile(filepath.Join(cfg, "settings.json"), []byte(settings), 0o644)
	ready := filepath.Join(dir, "ready")
	os.Remove(ready)
	a := &e2eApp{t: t, d: d, log: &bytes.Buffer{}, dir: dir, probe: filepath.Join(dir, "probe.json"), exited: make(chan error, 1), read: map[string]bool{}}
	a.dark = strings.Contains(settings, `"dark"`)
	a.cmd = exec.Command(bin, project)
	a.cmd.Env = append(os.Environ(), "DISPLAY="+d.disp, "HOME="+home, "XDG_RUNTIME_DIR="+rt,
		"KHAREETA_CONFIG_DIR="+cfg, "KHAREETA_DOCUMENTS_DIR="+dir, "KHAREETA_READY_FILE="+ready,
		"KHAREETA_TIMING=1", ui.ProbeEnv+"="+a.probe, "LANG=en_US.UTF-8")
	a.cmd.Stdout, a.cmd.Stderr = a.log, a.log
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { a.exited <- a.cmd.Wait() }()
	t.Cleanup(func() {
		a.cmd.Process.Kill()
		<-a.exited
		if t.Failed() {
			t.Logf("app output:\n%s", a.log.String())
		}
	})
	a.waitUntil("the window shows its first map", func() bool {
		_, err := os.Stat(ready)
		return err == nil
	})
	a.waitUntil("the window is mapped", func() bool {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(a.cmd.Process.Pid))
		cmd.Env = append(os.Environ(), "DISPLAY="+d.disp)
		out, _ := cmd.Output()
		if f := strings.Fields(string(out)); len(f) > 0 {
			a.win = f[0]
			return true
		}
		return false
	})
	d.run(t, "xdotool", "windowactivate", "--sync", a.win)
	return a
}

// waitUntil polls cond; a wait longer than hang fails the test.
func (a *e2eApp) waitUntil(what string, cond func() bool) {
	a.t.Helper()
	deadline := time.Now().Add(hang)
	for !cond() {
		select {
		case err := <-a.exited:
			a.exited <- err
			a.t.Fatalf("the app exited (%v) while waiting until %s; its output:\n%s", err, what, a.log.String())
		default:
		}
		if time.Now().After(deadline) {
			a.t.Fatalf("waited %v until %s", hang, what)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// state asks the app for its probe and returns it (the app answering is
// the check that it is alive and its UI goroutine free).
func (a *e2eApp) state() *ui.ProbeState {
	a.t.Helper()
	if err := a.cmd.Process.Signal(syscall.SIGUSR1); err != nil {
		a.t.Fatalf("the app is gone: %v\n%s", err, a.log.String())
	}
	var st ui.ProbeState
	a.waitUntil("the app answers its probe", func() bool {
		b, err := os.ReadFile(a.probe)
		if err != nil || json.Unmarshal(b, &st) != nil {
			return false
		}
		return st.Seq > a.seq
	})
	a.seq = st.Seq
	return &st
}

// waitFor probes until cond holds and returns that probe.
func (a *e2eApp) waitFor(what string, cond func(*ui.ProbeState) bool) *ui.ProbeState {
	a.t.Helper()
	if os.Getenv("E2E_TRACE") != "" {
		t0 := time.Now()
		defer func() { a.t.Logf("  wait %v: %s", time.Since(t0).Round(time.Millisecond), what) }()
	}
	var st *ui.ProbeState
	a.waitUntil(what, func() bool {
		st = a.state()
		return cond(st)
	})
	return st
}

// keys types keys with real X key events (XTEST).
func (a *e2eApp) keys(keys ...string) {
	a.t.Helper()
	a.d.run(a.t, "xdotool", append([]string{"key", "--delay", "30"}, keys...)...)
}

// click clicks the middle of r (window pixels) with the mouse.
func (a *e2eApp) click(r ui.ProbeRect) {
	a.t.Helper()
	x, y := int(r.X+r.W/2), int(r.Y+r.H/2)
	a.d.run(a.t, "xdotool", "mousemove", "--window", a.win, strconv.Itoa(x), strconv.Itoa(y), "click", "1")
}

// hover moves the mouse to the middle of r.
func (a *e2eApp) hover(r ui.ProbeRect) {
	a.t.Helper()
	x, y := int(r.X+r.W/2), int(r.Y+r.H/2)
	a.d.run(a.t, "xdotool", "mousemove", "--window", a.win, strconv.Itoa(x), strconv.Itoa(y))
}

// origin is where the window's top-left corner is on the screen.
func (a *e2eApp) origin() (int, int) {
	a.t.Helper()
	out := a.d.run(a.t, "xdotool", "getwindowgeometry", a.win)
	var x, y int
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "Position:") {
			fmt.Sscanf(strings.TrimPrefix(l, "Position:"), " %d,%d", &x, &y)
		}
	}
	return x, y
}

// capture saves the screen to path.
func (a *e2eApp) capture(path string) {
	a.t.Helper()
	a.d.run(a.t, "import", "-window", "root", path)
}

// shot keeps a capture of the screen under name in dir (when dir is set).
func (a *e2eApp) shot(dir, name string) {
	a.t.Helper()
	if dir == "" {
		return
	}
	os.MkdirAll(dir, 0o755)
	a.capture(filepath.Join(dir, name+".png"))
}

// readTitle captures the screen and reads the title row of the dialog ov
// (window pixels) with Tesseract; it returns the text read.
func (a *e2eApp) readTitle(ov *ui.ProbeItem, lang string) string {
	r := ov.Rect
	a.t.Helper()
	if os.Getenv("E2E_TRACE") != "" {
		t0 := time.Now()
		defer func() { a.t.Logf("  ocr %v", time.Since(t0).Round(time.Millisecond)) }()
	}
	shot := filepath.Join(a.dir, "title.png")
	a.capture(shot)
	ox, oy := a.origin()
	crop := filepath.Join(a.dir, "title-crop.png")
	// The title row, with some room above and below: the box is an
	// estimate, and in Arabic the title is the first row of the content.
	geom := fmt.Sprintf("%dx%d+%d+%d", int(r.W)+24, 160, ox+int(r.X)-12, oy+max(0, int(r.Y)-30))
	if ov.Key == "file" { // Fyne's file dialog: its title is alone at the top left
		geom = fmt.Sprintf("%dx%d+%d+%d", int(r.W)/2, 60, ox+int(r.X), oy+max(0, int(r.Y)-25))
	}
	args := []string{shot, "-crop", geom,
		"+repage", "-colorspace", "Gray", "-resize", "200%"}
	if a.dark {
		args = append(args, "-negate")
	}
	a.d.run(a.t, "convert", append(args, "-normalize", crop)...)
	tl := "eng"
	if lang == "ar" {
		tl = "ara+eng" // Fyne's file dialogs keep some English
	}
	a.ocrN++
	keep := filepath.Join(a.dir, fmt.Sprintf("title-%03d.png", a.ocrN))
	os.Rename(crop, keep) // kept for a look when a title is not read
	cmd := exec.Command("tesseract", keep, "-", "--psm", "6", "-l", tl)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, err := cmd.Output()
	if err != nil {
		a.t.Fatalf("tesseract: %v", err)
	}
	return string(out)
}

// titleMatches reports whether OCR text holds want: the closest stretch
// of it (by edit distance, after dropping punctuation, diacritics and
// case) differs in at most a fifth of the letters.
func titleMatches(ocr, want string) bool {
	norm := func(s string) []rune {
		var out []rune
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				out = append(out, r)
			}
		}
		return out
	}
	o, w := norm(ocr), norm(want)
	if len(w) == 0 {
		return false
	}
	best := len(w)
	for i := 0; i <= len(o); i++ {
		for j := i; j <= len(o) && j-i <= len(w)+3; j++ {
			if d := editDistance(o[i:j], w); d < best {
				best = d
			}
		}
	}
	return best*5 <= len(w)
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}
