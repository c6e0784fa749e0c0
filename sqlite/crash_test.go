package sqlite

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente/tlog"
)

// crashDBEnv tells a re-executed test binary to run the appender of
// TestCrashKeepsAcknowledgedAppends on the database at the given path.
const crashDBEnv = "ENTENTE_SQLITE_CRASH_DB"

// crashBatch is the number of entries per append in the crash test; a
// length that is not a multiple of it would mean half an append survived.
const crashBatch = 10

// TestCrashKeepsAcknowledgedAppends kills a process in the middle of its
// appends and checks that the database it leaves keeps every append it
// acknowledged and no part of any other. A killed process does not lose
// the OS page cache, so this tests SQLite's WAL recovery and our one
// transaction per append, not the fsyncs of synchronous=FULL (which only a
// power cut could show).
func TestCrashKeepsAcknowledgedAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entente.db")
	acked := runAndKill(t, path, 20)

	db := mustOpen(t, path)
	defer db.Close()
	n, err := db.Len(t.Context(), "pact-bench")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("acknowledged %d entries before the kill, found %d after", acked, n)
	if n < acked {
		t.Errorf("only %d entries survived, but %d were acknowledged", n, acked)
	}
	if n%crashBatch != 0 {
		t.Errorf("%d entries survived, not a whole number of %d-entry appends", n, crashBatch)
	}
	checkSignedLog(t, db, "pact-bench", n)
}

// runAndKill runs the appender on path in a child process, kills it with
// SIGKILL once it has acknowledged appends appends, and returns the number
// of entries it had acknowledged by then.
func runAndKill(t *testing.T, path string, appends int) int64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashAppender$")
	cmd.Env = append(os.Environ(), crashDBEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked int64
	lines := bufio.NewScanner(out)
	for seen := 0; seen < appends && lines.Scan(); {
		if n, ok := strings.CutPrefix(lines.Text(), "acked "); ok {
			acked, _ = strconv.ParseInt(n, 10, 64)
			seen++
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait() // "signal: killed" is the expected outcome
	if acked == 0 {
		t.Fatal("the appender acknowledged nothing")
	}
	return acked
}

// TestCrashAppender is the child of TestCrashKeepsAcknowledgedAppends: it
// appends until killed, printing the log length after each acknowledged
// append. It does nothing when run on its own.
func TestCrashAppender(t *testing.T) {
	path := os.Getenv(crashDBEnv)
	if path == "" {
		t.Skip("only runs as the child of TestCrashKeepsAcknowledgedAppends")
	}
	db := mustOpen(t, path)
	defer db.Close()
	l := newSignedLog(t, db)
	// The deadline only stops an orphan whose parent died.
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		l.appendBatch(t, crashBatch)
		fmt.Printf("acked %d\n", l.n)
	}
}

// checkSignedLog checks that log holds n entries whose leaf hashes match
// their data, and one head per append whose root covers exactly the entries
// before it.
func checkSignedLog(t *testing.T, db *DB, log string, n int64) {
	t.Helper()
	entries, err := db.Entries(t.Context(), log, 0, -1)
	if err != nil || int64(len(entries)) != n {
		t.Fatalf("Entries = %d, %v; want %d", len(entries), err, n)
	}
	heads, err := db.Heads(t.Context(), log)
	if err != nil {
		t.Fatal(err)
	}
	roots := make(map[uint64]tlog.Hash)
	var tree tlog.Builder
	for i, e := range entries {
		if e.Index != int64(i) || e.LeafHash != tlog.LeafHash(e.Data) {
			t.Fatalf("entry %d: index %d, leaf hash matches data %t", i, e.Index, e.LeafHash == tlog.LeafHash(e.Data))
		}
		tree.Append(e.LeafHash)
		roots[tree.Size()] = tree.Root()
	}
	if int64(len(heads)) != n/crashBatch {
		t.Errorf("%d heads for %d entries, want one per %d-entry append", len(heads), n, crashBatch)
	}
	for _, h := range heads {
		if root, ok := roots[h.Size]; !ok || root != h.Root {
			t.Errorf("head of size %d: root %v does not match the stored entries", h.Size, h.Root)
		}
	}
}
