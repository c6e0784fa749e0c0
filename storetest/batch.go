package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// toAppend returns b as an append of a batch.
func (b batch) toAppend() logstore.Append {
	return logstore.Append{Log: b.log, From: b.from, Entries: b.entries, Head: b.head}
}

// chain returns the batches that append each of data in turn to w's log,
// each built on the ones before it, without recording them in w.
func (w *logWriter) chain(data ...[]byte) []batch {
	saved := *w
	w.entries = w.entries[:len(w.entries):len(w.entries)] // never write into the caller's array
	w.heads = w.heads[:len(w.heads):len(w.heads)]
	out := make([]batch, len(data))
	for i, d := range data {
		out[i] = w.next(d)
		w.record(out[i])
	}
	*w = saved
	return out
}

// sendBatch sends appends as one AppendBatch, failing the test on a
// transaction error or on a result count other than one per append.
func sendBatch(t *testing.T, st logstore.Store, appends ...logstore.Append) []error {
	t.Helper()
	results, err := st.AppendBatch(t.Context(), appends)
	if err != nil {
		t.Fatalf("AppendBatch(%d appends): %v", len(appends), err)
	}
	if len(results) != len(appends) {
		t.Fatalf("AppendBatch(%d appends) gave %d results", len(appends), len(results))
	}
	return results
}

// testBatchAcrossLogs appends to several logs in one batch, two appends
// chained on one log: all are written.
func testBatchAcrossLogs(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b, c := newLogWriter(t, "a"), newLogWriter(t, "b"), newLogWriter(t, "c")
	appendSizes(t, ctx, st, b, 2)
	ca := a.chain(eventJSON("a", 0), eventJSON("a", 1))
	nb := b.next(eventJSON("b", 2), eventJSON("b", 3))
	nc := c.next(eventJSON("c", 0))
	results := sendBatch(t, st, ca[0].toAppend(), nb.toAppend(), ca[1].toAppend(), nc.toAppend())
	for i, err := range results {
		if err != nil {
			t.Errorf("append %d: %v", i, err)
		}
	}
	a.record(ca[0])
	a.record(ca[1])
	b.record(nb)
	c.record(nc)
	for _, w := range []*logWriter{a, b, c} {
		checkLog(t, ctx, st, w)
	}
	checkOnlyLogs(t, st, "a", "b", "c")
}

// testBatchConflictIsolated sends a batch where one append to a log is at
// the wrong position: it is refused, and so is the next append to that log
// even though its From equals the log's length (it was built on the one
// refused), while the appends to other logs are written.
func testBatchConflictIsolated(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b := newLogWriter(t, "a"), newLogWriter(t, "b")
	appendSizes(t, ctx, st, a, 3)
	stale := newLogWriter(t, "a") // a writer that missed the last entry of a
	stale.entries = a.entries[:2:2]
	sa := stale.chain(eventJSON("a", 90), eventJSON("a", 91)) // at 2 (taken) then at 3 (free)
	nb := b.next(eventJSON("b", 0))
	results := sendBatch(t, st, sa[0].toAppend(), nb.toAppend(), sa[1].toAppend())
	checkCode(t, "conflicting append", results[0], entente.ECONFLICT)
	if results[1] != nil {
		t.Errorf("append to another log: %v", results[1])
	}
	checkCode(t, "append built on a refused one", results[2], entente.ECONFLICT)
	b.record(nb)
	checkLog(t, ctx, st, a)
	checkLog(t, ctx, st, b)
	// The log takes its next append as usual.
	appendSizes(t, ctx, st, a, 1)
	checkLog(t, ctx, st, a)
}

// testBatchInvalid sends a batch with a malformed append: it is EINVALID,
// the later appends to its log are refused, and other logs are written.
func testBatchInvalid(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b := newLogWriter(t, "a"), newLogWriter(t, "b")
	ca := a.chain(eventJSON("a", 0), eventJSON("a", 1))
	bad := ca[0].toAppend()
	bad.Head.Size++ // malformed
	nb := b.next(eventJSON("b", 0))
	results := sendBatch(t, st, bad, nb.toAppend(), ca[1].toAppend())
	checkCode(t, "malformed append", results[0], entente.EINVALID)
	if results[1] != nil {
		t.Errorf("append to another log: %v", results[1])
	}
	checkCode(t, "append after a malformed one", results[2], entente.ECONFLICT)
	b.record(nb)
	checkLog(t, ctx, st, a)
	checkLog(t, ctx, st, b)
	checkOnlyLogs(t, st, "b")
	// An empty batch is no error and writes nothing.
	if results := sendBatch(t, st); len(results) != 0 {
		t.Errorf("empty batch: %d results", len(results))
	}
	// A batch whose every append is refused writes nothing either.
	results = sendBatch(t, st, moveTo(b.next(eventJSON("b", 9)), 0).toAppend())
	checkCode(t, "stale append", results[0], entente.ECONFLICT)
	checkLog(t, ctx, st, b)
}

// testBatchCanceled sends a batch with a canceled context: it fails as a
// whole with the context's error and writes nothing.
func testBatchCanceled(t *testing.T, s suite) {
	st := s.newStore(t)
	a := newLogWriter(t, "a")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	results, err := st.AppendBatch(ctx, []logstore.Append{a.next(eventJSON("a", 0)).toAppend()})
	if err == nil || !errors.Is(err, ctx.Err()) || results != nil {
		t.Errorf("AppendBatch with a canceled context = %v, %v; want nil and the context's error", results, err)
	}
	checkLog(t, t.Context(), st, a)
	checkOnlyLogs(t, st)
}

// testBatchConcurrent runs batchers that each append to the same few logs,
// in different orders, retrying what a race refused, on two handles of the
// store: no batch may deadlock or fail as a whole, and every log must end
// gap-free with one valid head per append.
func testBatchConcurrent(t *testing.T, s suite) {
	const batchers, logs, rounds = 6, 3, 12
	dir := t.TempDir()
	st1, _ := s.openAt(t, dir)
	st2, _ := s.openAt(t, dir)
	var mu sync.Mutex // guards the shared view of the logs below
	view := map[string][]logstore.Entry{}
	var wg sync.WaitGroup
	written := make([]int, logs)
	for g := range batchers {
		st := []logstore.Store{st1, st2}[g%2]
		wg.Go(func() {
			for r := range rounds {
				var appends []logstore.Append
				for k := range logs {
					l := (g + k) % logs // each batcher its own order
					if g%2 == 1 {
						l = logs - 1 - l
					}
					name := fmt.Sprintf("log-%d", l)
					mu.Lock()
					w := newLogWriter(t, name)
					w.entries = view[name]
					mu.Unlock()
					appends = append(appends, w.next(fmt.Appendf(nil, `{"b":%d,"r":%d}`, g, r)).toAppend())
				}
				results, err := st.AppendBatch(t.Context(), appends)
				if err != nil {
					t.Errorf("batcher %d round %d: %v", g, r, err)
					return
				}
				mu.Lock()
				for i, a := range appends {
					switch {
					case results[i] == nil:
						if int64(len(view[a.Log])) == a.From { // else a fresh read already has it, or a conflict will fetch it
							view[a.Log] = append(view[a.Log][:a.From:a.From], a.Entries...)
						}
						written[a.Log[len(a.Log)-1]-'0']++
					case entente.ErrorCode(results[i]) == entente.ECONFLICT:
						fresh, err := st.Entries(t.Context(), a.Log, 0, -1)
						if err != nil {
							t.Errorf("Entries: %v", err)
						} else if len(fresh) > len(view[a.Log]) {
							view[a.Log] = fresh
						}
					default:
						t.Errorf("batcher %d round %d append %d: %v", g, r, i, results[i])
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for l := range logs {
		checkGapFree(t, st1, fmt.Sprintf("log-%d", l), written[l])
	}
}
