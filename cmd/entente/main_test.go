package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/serve"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// binary is the entente command built once for the test run by TestMain.
var binary string

// commandTimeout bounds a request to a server a test started, and a
// process the test starts when the run has no deadline, so a hung child
// fails the test instead of hanging it. Nothing is asserted about
// durations.
const commandTimeout = 2 * time.Minute

// childContext bounds a process a test starts by the test run's own
// deadline (go test -timeout), less a margin to report the hang, rather
// than by a fixed time a loaded machine may exceed (partner validate
// took over two minutes at a load average of 30 on 2 cores).
func childContext(tb testing.TB) (context.Context, context.CancelFunc) {
	if t, ok := tb.(interface{ Deadline() (time.Time, bool) }); ok {
		if deadline, ok := t.Deadline(); ok {
			return context.WithDeadline(context.Background(), deadline.Add(-30*time.Second))
		}
	}
	return context.WithTimeout(context.Background(), commandTimeout)
}

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "entente-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "entente")
	build := exec.Command(goTool(), "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "building entente: %v\n", err)
		return 1
	}
	return m.Run()
}

// goTool returns the go command on PATH, or the one in the GOROOT that
// "go env" would report.
func goTool() string {
	if root := os.Getenv("GOROOT"); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return "go"
}

// result is what a finished run of the command printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs the command with args and, if stdin is not nil, that input.
func run(tb testing.TB, stdin io.Reader, args ...string) result {
	tb.Helper()
	ctx, cancel := childContext(tb)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		r.code = exit.ExitCode()
	default:
		tb.Fatalf("entente %s: %v\n%s", strings.Join(args, " "), err, r)
	}
	return r
}

// exits runs the command and checks its exit code.
// keyPath is where the server's signing key lives: beside the store.
func keyPath(db string) string { return backend.KeyPath(db) }

// openStore opens (creating if asked) the store that path names and its
// signing key.
func openStore(path string, create bool) (logstore.Store, tlog.Signer, error) {
	return backend.OpenSigned(context.Background(), path, create)
}

func exits(tb testing.TB, code int, args ...string) result {
	tb.Helper()
	r := run(tb, nil, args...)
	if r.code != code {
		tb.Fatalf("entente %s: want exit %d, got %s", strings.Join(args, " "), code, r)
	}
	return r
}

// seedDemo writes the demo workspace into a new store in dir the way
// 'entente serve --demo' does, with its key beside it, and returns the
// store's path.
func seedDemo(tb testing.TB, dir string) string {
	tb.Helper()
	path := filepath.Join(dir, "demo.db")
	db, signer, err := openStore(path, true)
	if err != nil {
		tb.Fatalf("openStore: %v", err)
	}
	defer db.Close()
	if err := serve.SeedDemo(context.Background(), io.Discard, db, signer, path); err != nil {
		tb.Fatalf("seeding the demo: %v", err)
	}
	return path
}

// demoKey is the path of a demo delegate's key beside the store at db.
func demoKey(db, actor string) string {
	dir, err := serve.DelegatesDir(db)
	if err != nil {
		panic(err) // a SQLite path: DelegatesDir fails only for a PostgreSQL URL without a key file
	}
	return filepath.Join(dir, actor+".key")
}

// storeLogs reads every log of the store at path: entries and heads.
type storeLog struct {
	entries []logstore.Entry
	heads   []tlog.TreeHead
}

func readStore(tb testing.TB, path string) map[string]storeLog {
	tb.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		tb.Fatalf("sqlite.Open: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	names, err := db.Logs(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]storeLog{}
	for _, n := range names {
		var l storeLog
		if l.entries, err = db.Entries(ctx, n, 0, -1); err != nil {
			tb.Fatal(err)
		}
		if l.heads, err = db.Heads(ctx, n); err != nil {
			tb.Fatal(err)
		}
		out[n] = l
	}
	return out
}

// server is an 'entente serve' process.
type server struct {
	tb     testing.TB
	cmd    *exec.Cmd
	addr   string
	stderr *watcher
	done   chan struct{} // closed when the process has exited
	err    error         // from Wait, once done is closed
}

// startServer starts 'entente serve' on db at a free loopback port and
// waits for its "serving" line. The process is killed at cleanup if the
// test has not stopped it.
func startServer(tb testing.TB, db string, extra ...string) *server {
	tb.Helper()
	args := append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, extra...)
	const serving = "entente: serving http://"
	s := &server{tb: tb, cmd: exec.Command(binary, args...), stderr: newWatcher(serving), done: make(chan struct{})}
	s.cmd.Stdout, s.cmd.Stderr = s.stderr, s.stderr
	if err := s.cmd.Start(); err != nil {
		tb.Fatalf("starting entente serve: %v", err)
	}
	go func() { s.err = s.cmd.Wait(); close(s.done) }()
	tb.Cleanup(s.kill)
	select {
	case line := <-s.stderr.found:
		s.addr, _, _ = strings.Cut(strings.TrimPrefix(line, serving), " ")
	case <-s.done:
		tb.Fatalf("entente serve exited before serving: %v\n%s", s.err, s.stderr)
	case <-time.After(commandTimeout):
		tb.Fatalf("entente serve did not start serving\n%s", s.stderr)
	}
	return s
}

func (s *server) url(path string) string { return "http://" + s.addr + path }

// kill sends SIGKILL, unless the process already exited, and reaps it.
func (s *server) kill() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Kill()
	<-s.done
}

// stop asks the server to shut down with SIGTERM and returns its exit code.
func (s *server) stop() int {
	s.tb.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.tb.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-s.done:
	case <-time.After(commandTimeout):
		s.kill()
		s.tb.Fatalf("entente serve ignored SIGTERM\n%s", s.stderr)
	}
	return s.cmd.ProcessState.ExitCode()
}

// watcher collects a process's output and reports the first line that
// starts with prefix.
type watcher struct {
	prefix string
	found  chan string

	mu   sync.Mutex
	buf  bytes.Buffer
	sent bool
}

func newWatcher(prefix string) *watcher {
	return &watcher{prefix: prefix, found: make(chan string, 1)}
}

func (w *watcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.sent {
		for _, line := range strings.SplitAfter(w.buf.String(), "\n") {
			if strings.HasPrefix(line, w.prefix) && strings.HasSuffix(line, "\n") {
				w.found <- strings.TrimSuffix(line, "\n")
				w.sent = true
				break
			}
		}
	}
	return len(p), nil
}

func (w *watcher) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
