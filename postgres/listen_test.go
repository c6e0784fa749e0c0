package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// appendOne appends one entry to log, which holds n entries, and returns the
// new length. The head's root is not the real one: the store does not check
// roots, and these tests only look at lengths.
func appendOne(tb testing.TB, db logstore.Store, log string, n int64) int64 {
	tb.Helper()
	n, err := tryAppend(tb.Context(), db, log, n)
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// tryAppend is appendOne returning its error.
func tryAppend(ctx context.Context, db logstore.Store, log string, n int64) (int64, error) {
	data := fmt.Appendf(nil, `{"seq":%d}`, n)
	head := tlog.TreeHead{Log: log, Size: uint64(n + 1), Time: time.Now()}
	if err := db.Append(ctx, log, n, []logstore.Entry{{Index: n, Data: data, LeafHash: tlog.LeafHash(data)}}, head); err != nil {
		return n, err
	}
	return n + 1, nil
}

// listen runs Listen on db until the test ends and returns its messages.
func listen(t *testing.T, db *DB) <-chan Appended {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan Appended, 100)
	done := make(chan error)
	go func() { done <- db.Listen(ctx, func(a Appended) { got <- a }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != context.Canceled {
			t.Errorf("Listen returned %v, want context.Canceled", err)
		}
	})
	return got
}

// next returns the next message, failing the test after a while.
func next(t *testing.T, got <-chan Appended) Appended {
	t.Helper()
	select {
	case a := <-got:
		return a
	case <-time.After(10 * time.Second):
		t.Fatal("no notification within 10 s")
		return Appended{}
	}
}

// TestListenHearsOtherStores checks that an append through one store is
// announced to a listener on another store open on the same schema, as
// for two server processes, and not to one on another schema.
func TestListenHearsOtherStores(t *testing.T) {
	u := schemaURL(t, t.Name())
	listener, writer := mustOpen(t, u), mustOpen(t, u)
	defer listener.Close()
	defer writer.Close()
	other := MustOpenDB(t)
	if listener.Channel() == other.Channel() {
		t.Fatalf("stores in two schemas share the channel %q", other.Channel())
	}
	got, otherGot := listen(t, listener), listen(t, other)
	if a := next(t, got); !a.Resync() || a.Err != nil {
		t.Fatalf("first message %+v, want a resync with no error", a)
	}
	if a := next(t, otherGot); !a.Resync() {
		t.Fatalf("first message on the other schema %+v, want a resync", a)
	}

	n := appendOne(t, writer, "pact-1", 0)
	n = appendOne(t, writer, "pact-1", n)
	appendOne(t, listener, "pact-2", 0)
	for _, want := range []Appended{{Log: "pact-1", Size: 1}, {Log: "pact-1", Size: n}, {Log: "pact-2", Size: 1}} {
		if a := next(t, got); a.Log != want.Log || a.Size != want.Size || a.Err != nil {
			t.Errorf("message %+v, want %+v", a, want)
		}
	}
	select {
	case a := <-otherGot:
		t.Errorf("a store on another schema heard %+v", a)
	case <-time.After(200 * time.Millisecond):
	}
	if f := writer.NotifyFailures(); f != 0 {
		t.Errorf("NotifyFailures() = %d, want 0", f)
	}
}

// TestListenLongName checks that an append to a log whose name does not
// fit in a notification is announced as a resync.
func TestListenLongName(t *testing.T) {
	db := MustOpenDB(t)
	got := listen(t, db)
	next(t, got)
	log := strings.Repeat("long-", 2000)
	appendOne(t, db, log, 0)
	if a := next(t, got); !a.Resync() || a.Size != 1 {
		t.Errorf("message %+v, want a resync of size 1", a)
	}
	if n, err := db.Len(t.Context(), log); n != 1 || err != nil {
		t.Errorf("Len = %d, %v; want 1", n, err)
	}
}
