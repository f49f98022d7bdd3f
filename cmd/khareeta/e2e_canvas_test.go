package main

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/internal/store"
	"github.com/khareeta/khareeta/internal/ui"
)

// TestE2ECanvas moves a concept on the map with real mouse events (button
// down on its node, several moves, button up), quits, opens the project
// again and finds the concept where it was put; the PNG export draws it
// there too.
func TestE2ECanvas(t *testing.T) {
	if os.Getenv("KHAREETA_E2E") == "" {
		t.Skip("set KHAREETA_E2E=1 to run the desktop app under Xvfb (needs Xvfb, openbox, xdotool, ImageMagick)")
	}
	dir := t.TempDir()
	bin := os.Getenv("KHAREETA_BIN")
	if bin == "" {
		bin = filepath.Join(dir, "khareeta")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}
	shots := os.Getenv("KHAREETA_E2E_SHOTS")
	d := startDesktop(t)
	project := sampleCopy(t, bin, dir)
	settings := `{"language": "ar", "theme": "light", "width": 1400, "height": 900}`
	a := d.startApp(t, bin, dir, project, settings)
	st := a.state()
	n := middleNode(t, st)
	t.Logf("moving %q (%s) at %.1f,%.1f on view %q", n.Label, n.ID, n.X, n.Y, st.ViewID)

	// A real drag: button down on the node, moves with pauses, button up.
	x, y := int(n.Rect.X+n.Rect.W/2), int(n.Rect.Y+n.Rect.H/2)
	const dx, dy = 90, 60
	a.d.run(t, "xdotool", "mousemove", "--window", a.win, strconv.Itoa(x), strconv.Itoa(y))
	time.Sleep(200 * time.Millisecond)
	a.d.run(t, "xdotool", "mousedown", "1")
	for i := 1; i <= 8; i++ {
		time.Sleep(40 * time.Millisecond)
		a.d.run(t, "xdotool", "mousemove", "--window", a.win, strconv.Itoa(x+dx*i/8), strconv.Itoa(y+dy*i/8))
	}
	time.Sleep(100 * time.Millisecond)
	a.d.run(t, "xdotool", "mouseup", "1")
	var moved ui.ProbeNode
	a.waitFor("the concept moved on the map", func(s *ui.ProbeState) bool {
		moved = nodeOf(s, n.ID)
		return math.Hypot(moved.X-n.X, moved.Y-n.Y) > 20
	})
	a.shot(shots, "canvas-moved")
	want := stored(t, project, st.ViewID, n.ID)
	if math.Abs(want[0]-moved.X) > 0.05 || math.Abs(want[1]-moved.Y) > 0.05 {
		t.Fatalf("the file has %v, the map shows %.2f,%.2f", want, moved.X, moved.Y)
	}

	// Quit, open again: the concept is where it was put.
	a.trigger(control(t, a.state(), "file.quit"), nil)
	select {
	case err := <-a.exited:
		a.exited <- err
	case <-time.After(hang):
		t.Fatal("the app did not quit")
	}
	b := d.startApp(t, bin, dir, project, settings)
	again := b.waitFor("the map shows the concept", func(s *ui.ProbeState) bool { return nodeOf(s, n.ID).ID != "" })
	back := nodeOf(again, n.ID)
	if math.Abs(back.X-want[0]) > 0.05 || math.Abs(back.Y-want[1]) > 0.05 {
		t.Fatalf("reopened, the concept is at %.2f,%.2f, not %v", back.X, back.Y, want)
	}
	b.shot(shots, "canvas-reopened")

	// The PNG export draws it there: its place is covered by the node
	// (not the paper), and its old place is not, unless another node is there.
	out := filepath.Join(dir, "map.png")
	args := []string{"render", project, "-o", out}
	if st.ViewID != "" {
		args = append(args, "--view", st.ViewID)
	}
	if o, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("render: %v\n%s", err, o)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if shots != "" {
		exec.Command("cp", out, filepath.Join(shots, "canvas-export.png")).Run()
	}
	const scale = 2      // render's pixels per point
	o := again.MapOrigin // the export draws the view as the map pane does
	if c := inked(img, (want[0]+o[0])*scale, (want[1]+o[1])*scale, 10); c < 0.9 {
		t.Fatalf("the export does not draw the concept where it was put (%.0f%% of its place drawn on)", c*100)
	}
	// The DOT export pins it at its map position (y up).
	dot := filepath.Join(dir, "map.dot")
	args[3] = dot
	if o, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("render: %v\n%s", err, o)
	}
	b2, _ := os.ReadFile(dot)
	pin := fmt.Sprintf(`pos="%s,%s!"`, strconv.FormatFloat(want[0], 'f', -1, 64), strconv.FormatFloat(-want[1], 'f', -1, 64))
	if !strings.Contains(string(b2), `"`+n.ID+`"`) || !strings.Contains(string(b2), pin) {
		t.Fatalf("the DOT export does not pin the concept at %s", pin)
	}
}

// middleNode is the node nearest the middle of the nodes in sight.
func middleNode(t *testing.T, st *ui.ProbeState) ui.ProbeNode {
	t.Helper()
	var cx, cy float32
	var in []ui.ProbeNode
	for _, n := range st.MapNodes {
		if n.Rect.X > 0 && n.Rect.Y > 200 && n.Rect.W > 20 {
			in = append(in, n)
			cx += n.Rect.X + n.Rect.W/2
			cy += n.Rect.Y + n.Rect.H/2
		}
	}
	if len(in) == 0 {
		t.Fatal("no node in sight")
	}
	cx, cy = cx/float32(len(in)), cy/float32(len(in))
	best := in[0]
	dist := func(n ui.ProbeNode) float64 {
		return math.Hypot(float64(n.Rect.X+n.Rect.W/2-cx), float64(n.Rect.Y+n.Rect.H/2-cy))
	}
	for _, n := range in {
		if dist(n) < dist(best) {
			best = n
		}
	}
	return best
}

func nodeOf(st *ui.ProbeState, id string) ui.ProbeNode {
	for _, n := range st.MapNodes {
		if n.ID == id {
			return n
		}
	}
	return ui.ProbeNode{}
}

// stored reads a concept's stored position on a view from the project file.
func stored(t *testing.T, project, view, id string) [2]float64 {
	t.Helper()
	s, err := store.OpenReadOnly(project)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, pos := range p.Positions {
		if pos.View == view && pos.Concept == id {
			if !pos.Pinned {
				t.Errorf("a position placed by hand is not pinned: %+v", pos)
			}
			return [2]float64{pos.X, pos.Y}
		}
	}
	t.Fatalf("no position of %s on view %q in the file", id, view)
	return [2]float64{}
}

// inked is the share of the pixels within r of (x, y) that are not the
// paper's white.
func inked(img image.Image, x, y, r float64) float64 {
	n, ink := 0, 0
	for j := y - r; j <= y+r; j++ {
		for i := x - r; i <= x+r; i++ {
			n++
			cr, cg, cb, _ := img.At(int(i), int(j)).RGBA()
			if cr < 0xf000 || cg < 0xf000 || cb < 0xf000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(n)
}
