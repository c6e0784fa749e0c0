package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// testPersistence closes and reopens a store twice, appending in between:
// everything acknowledged must be there after each reopen, and appends must
// carry on from where the log ended.
func testPersistence(t *testing.T, s suite) {
	ctx := t.Context()
	dir := t.TempDir()
	a, b := newLogWriter(t, "pact-a"), newLogWriter(t, "actors")

	st, closeStore := s.openAt(t, dir)
	appendSizes(t, ctx, st, a, 2, 3)
	appendSizes(t, ctx, st, b, 1)
	closeStore()

	st, closeStore = s.openAt(t, dir)
	checkLog(t, ctx, st, a)
	checkLog(t, ctx, st, b)
	appendSizes(t, ctx, st, a, 1)
	appendSizes(t, ctx, st, b, 4)
	closeStore()

	st, _ = s.openAt(t, dir)
	checkLog(t, ctx, st, a)
	checkLog(t, ctx, st, b)
	checkOnlyLogs(t, st, b.log, a.log)

	// Another directory is another store.
	other := s.newStore(t)
	checkOnlyLogs(t, other)
}

// testCanceledContext calls every method with a context that is already
// done: each must fail with the context's error, and Append must write
// nothing.
func testCanceledContext(t *testing.T, s suite) {
	st := s.newStore(t)
	w := newLogWriter(t, "pact")
	appendSizes(t, t.Context(), st, w, 2)

	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	expired, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel()
	contexts := []struct {
		name string
		ctx  context.Context
		want error
	}{
		{"canceled", canceled, context.Canceled},
		{"deadline exceeded", expired, context.DeadlineExceeded},
	}
	calls := []struct {
		name string
		call func(context.Context) error
	}{
		{"Append", func(ctx context.Context) error { return w.next([]byte("x")).send(ctx, st) }},
		{"Append to a new log", func(ctx context.Context) error { return newLogWriter(t, "new").next([]byte("x")).send(ctx, st) }},
		{"Entries", func(ctx context.Context) error { _, err := st.Entries(ctx, w.log, 0, -1); return err }},
		{"Len", func(ctx context.Context) error { _, err := st.Len(ctx, w.log); return err }},
		{"Logs", func(ctx context.Context) error { _, err := st.Logs(ctx); return err }},
		{"Heads", func(ctx context.Context) error { _, err := st.Heads(ctx, w.log); return err }},
	}
	for _, c := range contexts {
		for _, call := range calls {
			t.Run(c.name+"/"+call.name, func(t *testing.T) {
				if err := call.call(c.ctx); !errors.Is(err, c.want) {
					t.Errorf("%s with a %s context: error %v, want one wrapping %v", call.name, c.name, err, c.want)
				}
			})
		}
	}
	checkLog(t, t.Context(), st, w)
	checkOnlyLogs(t, st, w.log)
}

// testModel runs random sequences of appends, conflicting appends and
// range reads on two logs and compares the store with the logWriters,
// which serve as the model. Each sequence uses fresh log names in one
// store, so no store has to be opened per sequence.
func testModel(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	var run int
	rapid.Check(t, func(rt *rapid.T) {
		run++
		writers := []*logWriter{
			newLogWriter(rt, fmt.Sprintf("run-%03d-a", run)),
			newLogWriter(rt, fmt.Sprintf("run-%03d-b", run)),
		}
		pick := func(rt *rapid.T) *logWriter { return rapid.SampledFrom(writers).Draw(rt, "log") }
		rt.Repeat(map[string]func(*rapid.T){
			"append": func(rt *rapid.T) {
				data := rapid.SliceOfN(rapid.SliceOfN(rapid.Byte(), 0, 40), 1, 4).Draw(rt, "data")
				mustAppend(rt, ctx, st, pick(rt), data...)
			},
			"append at a wrong position": func(rt *rapid.T) {
				w := pick(rt)
				n := int64(len(w.entries))
				from := rapid.Int64Range(0, n+3).Filter(func(v int64) bool { return v != n }).Draw(rt, "from")
				err := moveTo(w.next([]byte("refused")), from).send(ctx, st)
				checkCode(rt, "Append at a wrong position", err, entente.ECONFLICT)
			},
			"read a range": func(rt *rapid.T) { checkRange(rt, st, pick(rt)) },
			"": func(rt *rapid.T) {
				for _, w := range writers {
					if n, err := st.Len(ctx, w.log); err != nil || n != int64(len(w.entries)) {
						rt.Fatalf("Len(%q) = %d, %v; want %d", w.log, n, err, len(w.entries))
					}
				}
			},
		})
		for _, w := range writers {
			checkLog(rt, ctx, st, w)
		}
	})
}

// checkRange reads a random range, valid or not, of w's log and compares it
// with the model's entries, clipped as the contract says.
func checkRange(rt *rapid.T, st logstore.Store, w *logWriter) {
	n := int64(len(w.entries))
	from := rapid.Int64Range(-1, n+2).Draw(rt, "from")
	to := rapid.Int64Range(-2, n+2).Draw(rt, "to")
	got, err := st.Entries(rt.Context(), w.log, from, to)
	if from < 0 || (to >= 0 && to < from) {
		checkCode(rt, fmt.Sprintf("Entries(%d, %d)", from, to), err, entente.EINVALID)
		return
	}
	if err != nil {
		rt.Fatalf("Entries(%d, %d): %v", from, to, err)
	}
	hi := n
	if to >= 0 {
		hi = min(to, n)
	}
	lo := min(from, hi)
	if diff := diffEntries(w.entries[lo:hi], got); diff != "" {
		rt.Fatalf("Entries(%d, %d): %s", from, to, diff)
	}
}
