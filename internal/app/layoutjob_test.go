package app

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/khareeta/khareeta/data"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/proctest"
	"github.com/khareeta/khareeta/internal/synth"
)

// TestMain lets this test binary serve as the layout worker of the jobs the
// tests start (LayoutWorkerCommand runs the current executable).
func TestMain(m *testing.M) {
	ServeLayoutIfWorker()
	os.Exit(m.Run())
}

func sampleRequest(t testing.TB) LayoutRequest {
	t.Helper()
	p, err := data.Sample()
	if err != nil {
		t.Fatal(err)
	}
	return LayoutRequest{Project: p, View: p.Views[0], Lang: model.Arabic, Scale: 1, MaxPixels: 4e6}
}

// bigRequest is the view of every concept of a 2,000-concept, 4,000-relation
// project with the layered engine: minutes of Graphviz work.
func bigRequest() LayoutRequest {
	p := synth.Project(synth.Sizes{Concepts: 2000, Relations: 4000, Sources: 10, Citations: 10}, 5)
	return LayoutRequest{Project: p, View: model.View{Name: model.T("كل المفاهيم", "All")}, Engine: "dot", Scale: 2, MaxPixels: 24e6}
}

func gobBytes(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestLayoutJobChildMatchesInProcess lays the sample's first view out in a
// worker process and here: same scene, same pixels.
func TestLayoutJobChildMatchesInProcess(t *testing.T) {
	r := sampleRequest(t)
	here, err := StartLayoutIn(r, false).Result()
	if err != nil {
		t.Fatal(err)
	}
	job := StartLayoutIn(r, true)
	there, err := job.Result()
	if err != nil {
		t.Fatal(err)
	}
	if !job.Child || here.Image == nil || there.Image == nil {
		t.Fatalf("child %v, images %v %v", job.Child, here.Image != nil, there.Image != nil)
	}
	if !bytes.Equal(gobBytes(t, here.Scene), gobBytes(t, there.Scene)) {
		t.Fatal("the worker's scene differs from the one laid out in process")
	}
	if here.Scale != there.Scale || !bytes.Equal(here.Image.Pix, there.Image.Pix) {
		t.Fatal("the worker's image differs from the one drawn in process")
	}
	if len(there.Scene.Nodes) == 0 || there.Scene.Nodes[0].Label == nil || len(there.Scene.Nodes[0].Label.Lines) == 0 {
		t.Fatal("the scene lost its labels on the way")
	}
}

// TestLayoutJobErrors: a worker's error comes back as the job's error.
func TestLayoutJobErrors(t *testing.T) {
	r := sampleRequest(t)
	r.Engine = "nonsense"
	for _, child := range []bool{false, true} {
		_, err := StartLayoutIn(r, child).Result()
		if err == nil || !strings.Contains(err.Error(), `unknown layout engine "nonsense"`) {
			t.Errorf("child=%v: error %v", child, err)
		}
	}
	// A worker that dies says so.
	old := LayoutWorkerCommand
	defer func() { LayoutWorkerCommand = old }()
	LayoutWorkerCommand = func(ctx context.Context) (*exec.Cmd, error) {
		return exec.CommandContext(ctx, "sh", "-c", "echo out of memory >&2; exit 3"), nil
	}
	_, err := StartLayoutIn(sampleRequest(t), true).Result()
	if err == nil || !strings.Contains(err.Error(), "out of memory") {
		t.Fatalf("dead worker: %v", err)
	}
}

// TestLayoutJobCancel starts the layered layout of a 2,000-concept view in a
// worker, cancels it while Graphviz runs, and checks that the job ends, the
// worker is gone and the next layout does not wait for the cancelled one.
func TestLayoutJobCancel(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out a 2,000-concept view for a few seconds")
	}
	job := StartLayout(bigRequest())
	if !job.Child {
		t.Fatal("a 2,000-concept view was not sent to a worker")
	}
	// Wait until the worker has read the view and Graphviz is busy (its
	// memory grows past what the request alone takes).
	var pid int
	for pid == 0 || proctest.RSSKiB(pid) < 150_000 {
		select {
		case <-job.Done():
			_, err := job.Result()
			t.Fatalf("the layout ended before it could be cancelled: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
		pid = job.Pid()
	}
	rss := proctest.RSSKiB(pid)
	t0 := time.Now()
	job.Cancel()
	_, err := job.Result()
	took := time.Since(t0)
	if !errors.Is(err, ErrLayoutCancelled) {
		t.Fatalf("cancelled job: %v", err)
	}
	for proctest.Alive(pid) {
		time.Sleep(10 * time.Millisecond)
	}
	gone := time.Since(t0)
	t.Logf("worker at %d MB RSS; job ended %v and worker gone %v after Cancel", rss/1024, took.Round(time.Millisecond), gone.Round(time.Millisecond))
	// The next layout runs at once (in process: the engine here is free).
	t1 := time.Now()
	next := StartLayout(sampleRequest(t))
	if next.Child {
		t.Error("the next small layout went to a worker although this process's engine is free")
	}
	if _, err := next.Result(); err != nil {
		t.Fatal(err)
	}
	t.Logf("next layout done in %v", time.Since(t1).Round(time.Millisecond))
}

// TestLayoutJobBusyEngine: while an abandoned layout still holds this
// process's engine, the next layout goes to a worker instead of waiting.
func TestLayoutJobBusyEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out a 2,000-concept view in process")
	}
	big := bigRequest()
	big.Engine = "sfdp"
	big.Scale = 0
	hog := StartLayoutIn(big, false)
	hog.Cancel()
	if _, err := hog.Result(); !errors.Is(err, ErrLayoutCancelled) {
		t.Fatalf("cancelled in-process job: %v", err)
	}
	if inProcess.Load() == 0 {
		t.Fatal("the abandoned layout finished at once; the test needs a longer one")
	}
	next := StartLayout(sampleRequest(t))
	if !next.Child {
		t.Fatal("the next layout would wait for the abandoned one")
	}
	if _, err := next.Result(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkLayoutJob measures a small view laid out here and in a worker
// (the worker's start-up is the difference), and how long cancelling a
// big layered layout in a worker takes.
func BenchmarkLayoutJob(b *testing.B) {
	r := sampleRequest(b)
	for _, child := range []bool{false, true} {
		name := "sample/in-process"
		if child {
			name = "sample/worker"
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := StartLayoutIn(r, child).Result(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("cancel/concepts=2000", func(b *testing.B) {
		big := bigRequest()
		var total time.Duration
		for i := 0; i < b.N; i++ {
			job := StartLayoutIn(big, true)
			for job.Pid() == 0 || proctest.RSSKiB(job.Pid()) < 150_000 {
				time.Sleep(20 * time.Millisecond)
			}
			pid := job.Pid()
			t0 := time.Now()
			job.Cancel()
			job.Result()
			for proctest.Alive(pid) {
				time.Sleep(time.Millisecond)
			}
			total += time.Since(t0)
		}
		b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-to-gone/op")
	})
}
