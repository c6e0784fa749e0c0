package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/backend"
)

// TestMainCloseReversesOpening: Close runs what the verb opened last
// first, once, and joins their errors.
func TestMainCloseReversesOpening(t *testing.T) {
	var m Main
	var order []int
	boom := errors.New("boom")
	for i := range 3 {
		m.onClose(func() error {
			order = append(order, i)
			if i == 1 {
				return boom
			}
			return nil
		})
	}
	if err := m.Close(); !errors.Is(err, boom) {
		t.Errorf("Close: %v, want boom", err)
	}
	if err := m.Close(); err != nil || len(order) != 3 || order[0] != 2 || order[2] != 0 {
		t.Errorf("closed in order %v (a second Close: %v)", order, err)
	}
}

// syncBuffer is a bytes.Buffer that the server's goroutines may write
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeStopsBeforeTheStoreCloses runs 'entente serve --demo' in this
// process, ticking every millisecond, and stops it: Run returns 0, Close
// shuts down the server, the ticker and the follower and closes the store
// without an error logged or a data race (go test -race; the server's
// Shutdown raced with Serve before http.Server.Listen made it), and the
// store verifies after. The order itself is TestMainCloseReversesOpening's.
func TestServeStopsBeforeTheStoreCloses(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	var stderr syncBuffer
	m := &Main{cli: cli{Stdout: &stderr, Stderr: &stderr, Stdin: strings.NewReader("")}}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- m.Run(ctx, []string{"serve", "--demo", "--db", db, "--addr", "127.0.0.1:0", "--tick", "1ms"})
	}()
	for !strings.Contains(stderr.String(), "entente: serving http://") {
		select {
		case c := <-code:
			t.Fatalf("serve exited %d before serving:\n%s", c, stderr.String())
		default:
			time.Sleep(time.Millisecond)
		}
	}
	time.Sleep(20 * time.Millisecond) // let the ticker run a few times
	cancel()
	if c := <-code; c != 0 {
		t.Fatalf("serve exited %d:\n%s", c, stderr.String())
	}
	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if out := stderr.String(); strings.Contains(out, "level=ERROR") {
		t.Errorf("the server logged an error while stopping:\n%s", out)
	}
	reports, err := backend.Verify(context.Background(), db, "")
	if err != nil || len(reports) == 0 {
		t.Fatalf("verify after serve: %v", err)
	}
	for _, r := range reports {
		if !r.OK() {
			t.Errorf("%s: %s", r.Log, r.Problem)
		}
	}
}

// TestSignAddsACosignature: 'entente sign' adds the signature of the key
// it is given to a request from --sign-only, and refuses a file that is
// not a signed request.
func TestSignAddsACosignature(t *testing.T) {
	dir := t.TempDir()
	db := seedDemo(t, dir)
	signed := exits(t, 0, "pledge", jv, "--resource", "eur_k", "--amount", "1", "--due", "+30d", "--key", demoKey(db, "helios"), "--sign-only", "--db", db)
	file := filepath.Join(dir, "req.json")
	if err := os.WriteFile(file, []byte(signed.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	cosigned := exits(t, 0, "sign", file, "--key", demoKey(db, "nordcell"))
	var before, after entente.Signed
	if err := json.Unmarshal([]byte(signed.stdout), &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(cosigned.stdout), &after); err != nil {
		t.Fatal(err)
	}
	if len(before.Signatures) != 1 || len(after.Signatures) != 2 || !reflect.DeepEqual(after.Signatures[0], before.Signatures[0]) {
		t.Errorf("signatures %d before, %d after signing", len(before.Signatures), len(after.Signatures))
	}
	if err := os.WriteFile(file, []byte(`{"request": "", "signatures": []}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, nil, "sign", file, "--key", demoKey(db, "nordcell")); r.code == 0 {
		t.Errorf("signed a request that does not parse:\n%s", r)
	}
}
