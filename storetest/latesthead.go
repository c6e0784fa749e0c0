package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/logstore"
)

// testLatestHead checks LatestHead: none for an unknown or empty log, then
// after every append (single, batched, refused, interleaved with another
// log) the head that append wrote, equal to the last of Heads.
func testLatestHead(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	if h, ok, err := st.LatestHead(ctx, "pact"); err != nil || ok {
		t.Fatalf("LatestHead(pact) on an empty store = head %d, %v, %v; want none", h.Size, ok, err)
	}
	w, other := newLogWriter(t, "pact"), newLogWriter(t, "other")
	for i, n := range []int{1, 3, 2, 4, 1} {
		appendSizes(t, ctx, st, w, n)
		checkLatestHead(t, ctx, st, w)
		if i%2 == 0 {
			appendSizes(t, ctx, st, other, 2)
			checkLatestHead(t, ctx, st, other)
		}
	}
	// A refused append leaves the latest head as it was.
	stale := w.next(eventJSON("pact", 0))
	stale.from--
	if err := stale.send(ctx, st); err == nil {
		t.Fatalf("Append from %d accepted in a log of %d entries", stale.from, len(w.entries))
	}
	checkLatestHead(t, ctx, st, w)
	// Two chained appends in one batch: the second one's head is latest.
	chained := w.chain(eventJSON("pact", len(w.entries)), eventJSON("pact", len(w.entries)+1))
	for i, r := range sendBatch(t, st, chained[0].toAppend(), chained[1].toAppend()) {
		if r != nil {
			t.Fatalf("batch append %d: %v", i, r)
		}
		w.record(chained[i])
	}
	checkLatestHead(t, ctx, st, w)
	checkLatestHead(t, ctx, st, other)
	if h, ok, err := st.LatestHead(ctx, "unknown"); err != nil || ok {
		t.Errorf("LatestHead(unknown) = head %d, %v, %v; want none", h.Size, ok, err)
	}
}

// checkLatestHead checks that LatestHead of w's log is the last head w
// recorded, field by field with Time in UTC, and the last of Heads.
func checkLatestHead(t *testing.T, ctx context.Context, st logstore.Store, w *logWriter) {
	t.Helper()
	got, ok, err := st.LatestHead(ctx, w.log)
	if err != nil || !ok {
		t.Fatalf("LatestHead(%q) = %v, %v; want the head of size %d", w.log, ok, err, len(w.entries))
	}
	want := w.heads[len(w.heads)-1]
	if diff := cmp.Diff(want, got, headOpts); diff != "" {
		t.Errorf("LatestHead(%q) mismatch (-want +got):\n%s", w.log, diff)
	}
	if got.Time.Location() != time.UTC {
		t.Errorf("LatestHead(%q): time in %v, want UTC", w.log, got.Time.Location())
	}
	all, err := st.Heads(ctx, w.log)
	if err != nil {
		t.Fatalf("Heads(%q): %v", w.log, err)
	}
	if diff := cmp.Diff(all[len(all)-1], got, headOpts); diff != "" {
		t.Errorf("LatestHead(%q) is not the last of Heads (-last +latest):\n%s", w.log, diff)
	}
}
