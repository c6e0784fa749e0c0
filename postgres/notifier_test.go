package postgres

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// batchOne appends one entry to each of logs, which hold n entries each,
// in one group commit.
func batchOne(tb testing.TB, db *DB, logs []string, n int64) {
	tb.Helper()
	appends := make([]logstore.Append, len(logs))
	for i, log := range logs {
		data := fmt.Appendf(nil, `{"seq":%d}`, n)
		appends[i] = logstore.Append{Log: log, From: n, Entries: []logstore.Entry{{Index: n, Data: data, LeafHash: tlog.LeafHash(data)}},
			Head: tlog.TreeHead{Log: log, Size: uint64(n + 1), Time: time.Now()}}
	}
	results, err := db.AppendBatch(tb.Context(), appends)
	if err != nil {
		tb.Fatal(err)
	}
	for i, err := range results {
		if err != nil {
			tb.Fatalf("append to %s at %d: %v", logs[i], n, err)
		}
	}
}

// awaitSizes reads got until every log of want has been announced at its
// size there, failing on a size above it or on a resync (none is due:
// the listener's connection stays up), and returns how many messages it
// read.
func awaitSizes(t *testing.T, got <-chan Appended, want map[string]int64) int {
	t.Helper()
	seen := map[string]int64{}
	read := 0
	for len(want) > 0 {
		a := next(t, got)
		read++
		switch {
		case a.Resync():
			t.Fatalf("message %+v: a resync, with the connection up", a)
		case a.Size > want[a.Log] && want[a.Log] != 0:
			t.Fatalf("message %+v: beyond the %d entries written", a, want[a.Log])
		case a.Size < seen[a.Log]:
			t.Errorf("message %+v after one of size %d: a log's sizes went back", a, seen[a.Log])
		}
		seen[a.Log] = max(seen[a.Log], a.Size)
		if a.Size == want[a.Log] {
			delete(want, a.Log)
		}
	}
	return read
}

// TestNotifyThrottleAnnouncesTheLastCommit makes bursts of group commits
// to two logs through one store, each burst followed by silence, and has
// a listener on another store of the schema wait for each burst's final
// lengths: the throttle merges the commits in between (at most one
// notification every notifyGap) but never holds the last one back for
// good. Then a burst is followed at once by Close, which sends what the
// throttle still held: the final lengths are heard after the writer is
// gone.
func TestNotifyThrottleAnnouncesTheLastCommit(t *testing.T) {
	u := schemaURL(t, t.Name()+"/"+t.TempDir()) // a new schema each run
	listener, writer := mustOpen(t, u), mustOpen(t, u)
	defer listener.Close()
	got := listen(t, listener)
	next(t, got) // the first resync
	logs := []string{"p", "q"}
	var n int64
	const bursts, commits = 3, 40
	for b := range bursts + 1 {
		for range commits {
			batchOne(t, writer, logs, n)
			n++
		}
		if b == bursts {
			if err := writer.Close(); err != nil {
				t.Fatal(err)
			}
		}
		read := awaitSizes(t, got, map[string]int64{"p": n, "q": n})
		t.Logf("burst %d: %d commits announced in %d messages", b, commits, read)
	}
	if f := writer.NotifyFailures(); f != 0 {
		t.Errorf("NotifyFailures() = %d, want 0", f)
	}
}

// TestCloseSendsTheHeldNotification queues a notification while the
// notifier waits out its gap after one it sent, and closes the store at
// once: Close sends the held one before it closes the pool.
func TestCloseSendsTheHeldNotification(t *testing.T) {
	u := schemaURL(t, t.Name()+"/"+t.TempDir()) // a new schema each run
	listener, writer := mustOpen(t, u), mustOpen(t, u)
	defer listener.Close()
	got := listen(t, listener)
	next(t, got)
	writer.notifyLater(map[string]uint64{"p": 1})
	writer.notifyLater(map[string]uint64{"p": 2, "q": 7}) // merged into what is sent next, after the gap
	if err := writer.Close(); err != nil {
		t.Fatal(err)
	}
	awaitSizes(t, got, map[string]int64{"p": 2, "q": 7})
	if f := writer.NotifyFailures(); f != 0 {
		t.Errorf("NotifyFailures() = %d, want 0", f)
	}
}

// TestCloseWaitsForTheBatchBeingMade closes the store while a group commit
// is being made (held on a lock another connection holds): Close waits
// for it, and sends its notification before it closes the pool, rather
// than letting it be sent, and fail, on the closed pool.
func TestCloseWaitsForTheBatchBeingMade(t *testing.T) {
	ctx := t.Context()
	u := schemaURL(t, t.Name()+"/"+t.TempDir())
	listener, writer := mustOpen(t, u), mustOpen(t, u)
	defer listener.Close()
	batchOne(t, writer, []string{"p"}, 0)
	got := listen(t, listener)
	next(t, got)
	blocker, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer blocker.Close(context.Background())
	tx, err := blocker.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE logs IN EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	appended := make(chan struct{})
	go func() {
		defer close(appended)
		batchOne(t, writer, []string{"p"}, 1)
	}()
	for waiting := 0; waiting == 0; { // the batch waits for the lock
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		runtime.Gosched()
	}
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		writer.Close()
	}()
	// Close has begun: it waits for the batch, or (as it did) it closes
	// the pool under it.
	for {
		if !writer.appending.TryRLock() {
			break
		}
		writer.appending.RUnlock()
		if writer.pool.Ping(ctx) != nil {
			break
		}
		runtime.Gosched()
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	<-appended
	<-closed
	awaitSizes(t, got, map[string]int64{"p": 2})
	if f := writer.NotifyFailures(); f != 0 {
		t.Errorf("NotifyFailures() = %d, want 0", f)
	}
}
