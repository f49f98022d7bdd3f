package app

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/khareeta/khareeta/internal/layout"
	"github.com/khareeta/khareeta/internal/model"
	"github.com/khareeta/khareeta/internal/render"
	"github.com/khareeta/khareeta/internal/text"
)

// Graphviz runs as WebAssembly that cannot be interrupted, and one process
// runs one layout at a time: a layout abandoned in this process would keep
// the engine (and its memory, gigabytes for big layered layouts) until it
// ends, and the next layout would wait for it. So the desktop app lays out
// big views, or any view while an abandoned one is still running here, in a
// child process of its own binary, which cancelling kills at once.

// LayoutWorkerEnv is the environment variable that turns the khareeta binary
// (or a test binary, see ServeLayoutIfWorker) into a layout worker: it reads
// one LayoutRequest on stdin and writes the result on stdout.
const LayoutWorkerEnv = "KHAREETA_LAYOUT_WORKER"

// ChildLayoutFrom is the number of concepts from which a view is laid out in
// a child process even when this process's engine is free.
const ChildLayoutFrom = 300

// LayoutRequest is a view to lay out and draw, in a form that crosses a
// process boundary (the layout options are plain fields).
type LayoutRequest struct {
	Project   *model.Project
	View      model.View
	Lang      string  // label language; "" is the project's
	Engine    string  // "" keeps the view's
	Direction string  // "" keeps the view's
	Scale     float64 // image pixels per point; 0 draws no image
	MaxPixels float64 // the image is drawn smaller to stay under this many pixels; 0: no bound
	// Places are the centres to draw concepts at (map coordinates, by
	// concept id; see layout.Fixed): nil draws the view at the positions
	// stored for it in Project (View.ID; "" is the map of all concepts; a
	// view without an id but with a focus, the app's neighbourhood of a
	// concept, has none). Concepts without a place are placed near their
	// neighbours; with no place at all, Graphviz lays the view out.
	Places map[string]Point
	// Relayout ignores Places and stored positions: Graphviz lays the
	// view out.
	Relayout bool
}

// DrawnMap is a laid-out view and its drawing (what a LayoutJob returns).
type DrawnMap struct {
	Scene *layout.Scene
	Image *image.RGBA // nil when no image was asked for, or the scene is empty
	Scale float64     // pixels per point of Image
	// View is the view whose positions the drawing used (the request's
	// View.ID); Positioned is false when it has none of its own (a
	// neighbourhood) or Relayout ignored them.
	View       string
	Positioned bool
	// Unstored are the places the drawing gave concepts that had none (all
	// of them when Graphviz laid the view out), in map coordinates: the
	// app stores them with Session.RecordLayout so that the next drawing
	// (after an edit) needs no Graphviz and puts them in the same places.
	// Empty when Positioned is false.
	Unstored map[string]Point
}

// options turns the request into layout options (as an export of the
// same view would).
func (r *LayoutRequest) options() []layout.Option {
	return ExportOptions{Engine: r.Engine, Direction: r.Direction, Lang: r.Lang}.LayoutOptions(r.Project, nil)
}

// Size returns how many concepts and relations the view shows.
func (r *LayoutRequest) Size() (concepts, relations int, err error) {
	cs, rs, err := layout.Select(r.Project, r.View, r.options()...)
	return len(cs), len(rs), err
}

// Draw lays the view out and draws it in this process. Graphviz cannot be
// interrupted: when ctx ends Draw returns at once, but the layout goes on
// in the background until it is done.
func (r *LayoutRequest) Draw(ctx context.Context) (*DrawnMap, error) {
	opts := r.options()
	positioned := !r.Relayout && (r.View.ID != "" || r.View.Focus == "")
	var places map[string]text.Point
	switch {
	case !positioned:
	case r.Places != nil:
		places = toText(r.Places)
	default:
		places = storedPlaces(r.Project, r.View.ID)
	}
	if len(places) > 0 {
		opts = append(opts, layout.Fixed(places))
	}
	sc, err := layout.Build(ctx, r.Project, r.View, opts...)
	if err != nil {
		return nil, err
	}
	res := &DrawnMap{Scene: sc, View: r.View.ID, Positioned: positioned}
	if positioned {
		res.Unstored = unstored(sc, len(places) > 0)
	}
	if r.Scale <= 0 || len(sc.Nodes) == 0 {
		return res, nil
	}
	res.Scale = r.Scale
	if area := sc.Width * sc.Height * r.Scale * r.Scale; r.MaxPixels > 0 && area > r.MaxPixels {
		res.Scale *= math.Sqrt(r.MaxPixels / area)
	}
	res.Image, err = render.Image(sc, render.Scale(res.Scale))
	if err != nil {
		return nil, fmt.Errorf("draw the map: %w", err)
	}
	return res, ctx.Err()
}

// unstored returns the centres of the nodes a drawing placed itself: all
// of them when Graphviz laid the view out (fixed false), else those
// layout.Fixed placed near their neighbours.
func unstored(sc *layout.Scene, fixed bool) map[string]Point {
	all := sc.Centres()
	if !fixed {
		return fromText(all)
	}
	out := make(map[string]Point, len(sc.Placed))
	for _, id := range sc.Placed {
		out[id] = Point{all[id].X, all[id].Y}
	}
	return out
}

// inProcess counts layouts running on this process's engine, abandoned ones
// included (they hold the engine until Graphviz returns).
var inProcess atomic.Int32

// LayoutJob is a layout running off the caller's goroutine, in this process
// or in a child process.
type LayoutJob struct {
	// Child is set when the layout runs in a child process.
	Child bool
	// Started is when the job started.
	Started time.Time

	done     chan struct{}
	res      *DrawnMap
	err      error
	cancel   context.CancelFunc
	pid      atomic.Int64
	finished atomic.Bool
}

// ErrLayoutCancelled is the error of a cancelled layout job.
var ErrLayoutCancelled = errors.New("the layout was cancelled")

// StartLayout starts laying out r: in this process when the view is small
// and the engine is free, else in a child process. Calls to Done, Result
// and Cancel may come from any goroutine.
func StartLayout(r LayoutRequest) *LayoutJob {
	n, _, err := r.Size()
	child := err == nil && (n >= ChildLayoutFrom || inProcess.Load() > 0)
	return startLayout(r, child)
}

// StartLayoutIn starts laying out r in a child process (child) or in this one.
func StartLayoutIn(r LayoutRequest, child bool) *LayoutJob { return startLayout(r, child) }

func startLayout(r LayoutRequest, child bool) *LayoutJob {
	ctx, cancel := context.WithCancel(context.Background())
	j := &LayoutJob{Child: child, Started: time.Now(), done: make(chan struct{}), cancel: cancel}
	finish := func(res *DrawnMap, err error) {
		if j.finished.Swap(true) {
			return
		}
		if ctx.Err() != nil {
			res, err = nil, ErrLayoutCancelled
		}
		j.res, j.err = res, err
		close(j.done)
	}
	if child {
		go func() { finish(j.runChild(ctx, &r)) }()
	} else {
		inProcess.Add(1)
		go func() {
			// The layout is given no deadline, so that this goroutine ends
			// only when the engine is free again.
			defer inProcess.Add(-1)
			res, err := r.Draw(context.Background())
			finish(res, err)
		}()
		go func() {
			<-ctx.Done()
			finish(nil, ErrLayoutCancelled)
		}()
	}
	return j
}

// Done is closed when the job has finished, failed or been cancelled.
func (j *LayoutJob) Done() <-chan struct{} { return j.done }

// Result waits for the job and returns its result; a cancelled job returns
// ErrLayoutCancelled.
func (j *LayoutJob) Result() (*DrawnMap, error) {
	<-j.done
	return j.res, j.err
}

// Cancel stops the job: a child process is killed at once (its memory goes
// back to the system); a layout in this process is abandoned.
func (j *LayoutJob) Cancel() { j.cancel() }

// Pid returns the child process's id while it runs (0 otherwise).
func (j *LayoutJob) Pid() int { return int(j.pid.Load()) }

// LayoutWorkerCommand returns the command that runs a layout worker: this
// program again with LayoutWorkerEnv set. Tests whose binary serves layouts
// (see ServeLayoutIfWorker) get the same.
var LayoutWorkerCommand = func(ctx context.Context) (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find this program to start a layout worker: %w", err)
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), LayoutWorkerEnv+"=1")
	return cmd, nil
}

// runChild sends r to a worker process and reads its result. Cancelling ctx
// kills the worker.
func (j *LayoutJob) runChild(ctx context.Context, r *LayoutRequest) (*DrawnMap, error) {
	cmd, err := LayoutWorkerCommand(ctx)
	if err != nil {
		return nil, err
	}
	cmd.WaitDelay = time.Second
	dieWithParent(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr strings.Builder
	cmd.Stderr = &limitedWriter{w: &stderr, n: 4096}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start a layout worker: %w", err)
	}
	j.pid.Store(int64(cmd.Process.Pid))
	defer j.pid.Store(0)
	var wg sync.WaitGroup
	wg.Add(1)
	var sendErr error
	go func() {
		defer wg.Done()
		bw := bufio.NewWriter(stdin)
		if sendErr = gob.NewEncoder(bw).Encode(r); sendErr == nil {
			sendErr = bw.Flush()
		}
		stdin.Close()
	}()
	var reply workerReply
	decErr := gob.NewDecoder(bufio.NewReaderSize(stdout, 1<<20)).Decode(&reply)
	if decErr != nil {
		io.Copy(io.Discard, stdout)
	}
	wg.Wait()
	waitErr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return nil, ErrLayoutCancelled
	case decErr == nil && reply.Err != "":
		return nil, errors.New(reply.Err)
	case decErr == nil:
		return reply.Result, nil
	case waitErr != nil:
		return nil, fmt.Errorf("the layout worker failed (%v): %s", waitErr, strings.TrimSpace(stderr.String()))
	case sendErr != nil:
		return nil, fmt.Errorf("send the view to the layout worker: %w", sendErr)
	}
	return nil, fmt.Errorf("read the layout worker's result: %w", decErr)
}

// workerReply is what a worker writes: a result or an error message.
type workerReply struct {
	Result *DrawnMap
	Err    string
}

// ServeLayout is the worker's side: it reads one LayoutRequest from in,
// lays it out and draws it, and writes the result (or the error) to out.
func ServeLayout(in io.Reader, out io.Writer) error {
	var r LayoutRequest
	if err := gob.NewDecoder(bufio.NewReader(in)).Decode(&r); err != nil {
		return fmt.Errorf("read the layout request: %w", err)
	}
	var reply workerReply
	res, err := r.Draw(context.Background())
	if err != nil {
		reply.Err = err.Error()
	} else {
		reply.Result = res
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	if err := gob.NewEncoder(bw).Encode(&reply); err != nil {
		return fmt.Errorf("write the layout result: %w", err)
	}
	return bw.Flush()
}

// ServeLayoutIfWorker serves one layout on stdin/stdout and exits when this
// process was started as a layout worker (LayoutWorkerEnv set); otherwise
// it returns at once. The khareeta binary calls it first thing, and so do
// the TestMain functions of packages whose tests start layout jobs.
func ServeLayoutIfWorker() {
	if os.Getenv(LayoutWorkerEnv) == "" {
		return
	}
	if err := ServeLayout(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "khareeta layout worker:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// limitedWriter keeps the first n bytes written to it.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
