package layout

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/khareeta/khareeta/internal/model"
)

// TestMain runs the child of the process-level tests when asked to.
func TestMain(m *testing.M) {
	if os.Getenv("KHAREETA_LAYOUT_CHILD") != "" {
		os.Exit(layoutChild())
	}
	os.Exit(m.Run())
}

// layoutChild is a process that selects a view (no layout), then lays one
// out, and prints what happened: whether Graphviz had started before the
// layout, the warnings, and the number of concepts placed.
func layoutChild() int {
	p := &model.Project{Kinds: model.BuiltinKinds()}
	for i := 0; i < 3; i++ {
		p.Concepts = append(p.Concepts, model.Concept{ID: fmt.Sprint(i), Kind: "threat", Label: model.T(fmt.Sprint("مفهوم ", i), "")})
	}
	p.Relations = []model.Relation{{ID: "r", From: "0", To: "1", Type: "weakens"}}
	if _, _, err := Select(p, model.View{}); err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("started before layout:", EngineStarted())
	sc, err := Build(context.Background(), p, model.View{}, OnWarning(func(m string) { fmt.Println("warning:", m) }))
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("placed:", len(sc.Nodes))
	return 0
}

// runChild runs this test binary as a layout child with env added.
func runChild(t *testing.T, exe string, cred *syscall.Credential, env ...string) string {
	t.Helper()
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(append(os.Environ(), "KHAREETA_LAYOUT_CHILD=1"), env...)
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		cmd.Dir = "/"
	}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "placed: 3") {
		t.Fatalf("child (%v): %v\n%s", env, err, out)
	}
	if !strings.Contains(string(out), "started before layout: false") {
		t.Errorf("Graphviz started before the first layout:\n%s", out)
	}
	return string(out)
}

// TestGraphvizCache (issue 14, case 11): Graphviz starts on the first
// layout, keeps its compiled module in a per-user cache under
// os.UserCacheDir(), and a cache that cannot be used (a file in its way, a
// corrupt entry, another user's folder, a full disk) is skipped with a
// warning: the layout still works and nothing panics. Upstream's shared
// folder under $TMPDIR is not touched.
func TestGraphvizCache(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	tmp := filepath.Join(base, "tmp")
	if err := os.MkdirAll(filepath.Join(tmp, "go-graphviz"), 0o700); err != nil {
		t.Fatal(err)
	}
	// upstream's cache folder, made unusable: a file where its entries go
	if err := os.WriteFile(filepath.Join(tmp, "go-graphviz", "wazero-v1.10.1-amd64-linux"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}

	// a fresh per-user cache is created and then used without warnings
	good := filepath.Join(base, "good")
	out := runChild(t, exe, nil, "XDG_CACHE_HOME="+good, "TMPDIR="+tmp)
	if strings.Contains(out, "warning:") {
		t.Errorf("fresh cache: %s", out)
	}
	entries, _ := filepath.Glob(filepath.Join(good, "khareeta", "graphviz", "*", "*"))
	if len(entries) == 0 {
		t.Fatalf("nothing cached under %s", good)
	}
	if out := runChild(t, exe, nil, "XDG_CACHE_HOME="+good, "TMPDIR="+tmp); strings.Contains(out, "warning:") {
		t.Errorf("second run: %s", out)
	}

	// a file where the cache folder should be
	blocked := filepath.Join(base, "blocked")
	if err := os.MkdirAll(blocked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(blocked, "khareeta"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := runChild(t, exe, nil, "XDG_CACHE_HOME="+blocked, "TMPDIR="+tmp); !strings.Contains(out, "warning: the Graphviz compilation cache cannot be used") {
		t.Errorf("blocked cache: no warning:\n%s", out)
	}

	// a corrupt entry: the compiled module's file is a folder
	corrupt := filepath.Join(base, "corrupt")
	copyTree(t, filepath.Join(good, "khareeta"), filepath.Join(corrupt, "khareeta"))
	for _, e := range entries {
		rel, _ := filepath.Rel(good, e)
		p := filepath.Join(corrupt, rel)
		os.Remove(p)
		if err := os.MkdirAll(filepath.Join(p, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if out := runChild(t, exe, nil, "XDG_CACHE_HOME="+corrupt, "TMPDIR="+tmp); !strings.Contains(out, "warning: the Graphviz compilation cache cannot be used") {
		t.Errorf("corrupt cache: no warning:\n%s", out)
	}

	// no home at all: no cache folder for this user
	if out := runChild(t, exe, nil, "XDG_CACHE_HOME=", "HOME=", "TMPDIR="+tmp); !strings.Contains(out, "warning: Graphviz starts without its compilation cache") {
		t.Errorf("no home: no warning:\n%s", out)
	}

	if os.Geteuid() != 0 {
		t.Log("another user's cache and a full disk need root (to run as nobody, to mount a small tmpfs); the cases above take the same paths")
		return
	}
	// another user's cache: run as nobody with root's folders
	shared := filepath.Join(os.TempDir(), fmt.Sprintf("khareeta-cache-test-%d", os.Getpid()))
	if err := os.MkdirAll(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(shared)
	bin := filepath.Join(shared, "layout.test")
	copyFile(t, exe, bin, 0o755)
	copyTree(t, filepath.Join(good, "khareeta"), filepath.Join(shared, "cache", "khareeta"))
	os.Chmod(filepath.Join(shared, "cache"), 0o755)
	nobody := &syscall.Credential{Uid: 65534, Gid: 65534}
	if out := runChild(t, bin, nobody, "XDG_CACHE_HOME="+filepath.Join(shared, "cache"), "HOME=/nonexistent", "TMPDIR="+shared); !strings.Contains(out, "warning:") {
		t.Errorf("another user's cache: no warning:\n%s", out)
	}
	// a full disk: a 64 KB file system holds the probe, not the module
	full := filepath.Join(shared, "full")
	if err := os.MkdirAll(full, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full).CombinedOutput(); err != nil {
		t.Logf("cannot mount a small tmpfs, the full-disk case is not run: %v %s", err, out)
		return
	}
	defer exec.Command("umount", full).Run()
	if out := runChild(t, exe, nil, "XDG_CACHE_HOME="+full, "TMPDIR="+tmp); !strings.Contains(out, "warning: the Graphviz compilation cache cannot be used") {
		t.Errorf("full disk: no warning:\n%s", out)
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		copyFile(t, p, dst, 0o644)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
