package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// beginBatch opens a batch on st, skipping the test when st is not a
// [logstore.Batcher].
func beginBatch(t *testing.T, st logstore.Store) logstore.Batch {
	t.Helper()
	b, ok := st.(logstore.Batcher)
	if !ok {
		t.Skipf("%T is not a logstore.Batcher", st)
	}
	bt, err := b.BeginBatch(t.Context())
	if err != nil {
		t.Fatalf("BeginBatch: %v", err)
	}
	t.Cleanup(func() { bt.Rollback() })
	return bt
}

// addAll adds appends to bt, failing the test if the batch fails.
func addAll(t *testing.T, bt logstore.Batch, appends ...logstore.Append) {
	t.Helper()
	for _, a := range appends {
		if err := bt.Add(a); err != nil {
			t.Fatalf("Add(%q from %d): %v", a.Log, a.From, err)
		}
	}
}

// signer signs heads as a server does, and remembers what it was asked
// to sign.
type signer struct {
	key   tlog.Signer
	asked []tlog.TreeHead
}

func (s *signer) sign(h tlog.TreeHead) tlog.TreeHead {
	s.asked = append(s.asked, h)
	return s.key.Sign(h)
}

// commit commits bt with a signer, failing the test if the batch fails or
// gives other than one result per append; it returns the results and the
// heads it was asked to sign.
func commit(t *testing.T, bt logstore.Batch, appends int) ([]error, []tlog.TreeHead) {
	t.Helper()
	s := &signer{key: testSigner(t)}
	results, err := bt.Commit(s.sign)
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if len(results) != appends {
		t.Fatalf("Commit gave %d results for %d appends", len(results), appends)
	}
	return results, s.asked
}

// recordJoined notes that batches were appended to w's log as one append
// of a streamed batch: their entries, and the head of the last alone.
func (w *logWriter) recordJoined(batches ...batch) {
	for _, b := range batches {
		w.entries = append(w.entries, b.entries...)
	}
	w.heads = append(w.heads, batches[len(batches)-1].head)
}

// unsigned returns h without its signature.
func unsigned(h tlog.TreeHead) tlog.TreeHead {
	h.Signature = nil
	return h
}

// testStreamAcrossLogs adds appends to three logs, two chained on one
// log, with unsigned heads: Commit has the head of each log's last append
// signed, once, and each log then holds its entries and that head alone.
func testStreamAcrossLogs(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b, c := newLogWriter(t, "a"), newLogWriter(t, "b"), newLogWriter(t, "c")
	appendSizes(t, ctx, st, b, 2)
	bt := beginBatch(t, st)
	ca := a.chain(eventJSON("a", 0), eventJSON("a", 1))
	nb := b.next(eventJSON("b", 2), eventJSON("b", 3))
	nc := c.next(eventJSON("c", 0))
	var appends []logstore.Append
	for _, x := range []batch{ca[0], nb, ca[1], nc} {
		ap := x.toAppend()
		ap.Head = unsigned(ap.Head)
		appends = append(appends, ap)
	}
	addAll(t, bt, appends...)
	results, asked := commit(t, bt, len(appends))
	for i, err := range results {
		if err != nil {
			t.Errorf("append %d: %v", i, err)
		}
	}
	want := []tlog.TreeHead{unsigned(ca[1].head), unsigned(nb.head), unsigned(nc.head)}
	if diff := cmp.Diff(want, asked, headOpts); diff != "" {
		t.Errorf("heads signed (-want +got):\n%s", diff)
	}
	if err := bt.Rollback(); err != nil {
		t.Errorf("Rollback after Commit: %v", err)
	}
	a.recordJoined(ca...)
	b.recordJoined(nb)
	c.recordJoined(nc)
	for _, w := range []*logWriter{a, b, c} {
		checkLog(t, ctx, st, w)
	}
	checkOnlyLogs(t, st, "a", "b", "c")
	appendSizes(t, ctx, st, a, 1) // the batch's locks are free again
	checkLog(t, ctx, st, a)
}

// testStreamRefusals adds a conflicting append, one chained on it, a
// malformed one, one after it and a good one: each is refused or accepted
// as AppendBatch would, and only the good one is kept, with its head.
func testStreamRefusals(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b, c := newLogWriter(t, "a"), newLogWriter(t, "b"), newLogWriter(t, "c")
	appendSizes(t, ctx, st, a, 3)
	stale := newLogWriter(t, "a") // a writer that missed the last entry of a
	stale.entries = a.entries[:2:2]
	sa := stale.chain(eventJSON("a", 90), eventJSON("a", 91))
	cc := c.chain(eventJSON("c", 0), eventJSON("c", 1))
	bad := cc[0].toAppend()
	bad.Head.Size++
	nb := b.next(eventJSON("b", 0))
	bt := beginBatch(t, st)
	addAll(t, bt, sa[0].toAppend(), bad, nb.toAppend(), sa[1].toAppend(), cc[1].toAppend())
	results, asked := commit(t, bt, 5)
	checkCode(t, "conflicting append", results[0], entente.ECONFLICT)
	checkCode(t, "malformed append", results[1], entente.EINVALID)
	if results[2] != nil {
		t.Errorf("good append: %v", results[2])
	}
	checkCode(t, "append built on a refused one", results[3], entente.ECONFLICT)
	checkCode(t, "append after a malformed one", results[4], entente.ECONFLICT)
	if !slices.ContainsFunc(asked, func(h tlog.TreeHead) bool { return h.SameStatement(unsigned(nb.head)) }) {
		t.Errorf("heads signed: %+v, want b's among them", asked)
	}
	b.recordJoined(nb)
	checkLog(t, ctx, st, a)
	checkLog(t, ctx, st, b)
	checkOnlyLogs(t, st, "a", "b")
}

// testStreamSignChecked commits batches whose sign changes more than the
// signature: each Commit is EINVALID and keeps nothing, and the store
// takes appends afterwards.
func testStreamSignChecked(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a := newLogWriter(t, "a")
	appendSizes(t, ctx, st, a, 1)
	key := testSigner(t)
	for _, tc := range []struct {
		name string
		edit func(*tlog.TreeHead)
	}{
		{"size", func(h *tlog.TreeHead) { h.Size++ }},
		{"log", func(h *tlog.TreeHead) { h.Log = "b" }},
		{"root", func(h *tlog.TreeHead) { h.Root[0] ^= 1 }},
		{"time", func(h *tlog.TreeHead) { h.Time = h.Time.Add(1) }},
	} {
		bt := beginBatch(t, st)
		addAll(t, bt, a.next(eventJSON("a", 1)).toAppend())
		results, err := bt.Commit(func(h tlog.TreeHead) tlog.TreeHead {
			tc.edit(&h)
			return key.Sign(h)
		})
		checkCode(t, "sign that changes the "+tc.name, err, entente.EINVALID)
		if results != nil {
			t.Errorf("%s: failed Commit gave results %v", tc.name, results)
		}
		if err := bt.Add(a.next(eventJSON("a", 2)).toAppend()); err == nil {
			t.Errorf("%s: Add after a failed Commit is no error", tc.name)
		}
		if err := bt.Rollback(); err != nil {
			t.Errorf("%s: Rollback after a failed Commit: %v", tc.name, err)
		}
		checkLog(t, ctx, st, a)
	}
	appendSizes(t, ctx, st, a, 1)
	checkLog(t, ctx, st, a)
}

// testStreamRollback adds appends and rolls back: nothing is kept, a
// second Rollback is no error, Commit afterwards fails, and the store
// takes appends afterwards.
func testStreamRollback(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b := newLogWriter(t, "a"), newLogWriter(t, "b")
	appendSizes(t, ctx, st, a, 2)
	bt := beginBatch(t, st)
	addAll(t, bt, a.next(eventJSON("a", 2)).toAppend(), b.next(eventJSON("b", 0)).toAppend())
	if err := bt.Rollback(); err != nil {
		t.Fatalf("Rollback: %v", err)
	}
	if err := bt.Rollback(); err != nil {
		t.Errorf("second Rollback: %v", err)
	}
	if _, err := bt.Commit(testSigner(t).Sign); err == nil {
		t.Error("Commit after Rollback is no error")
	}
	checkLog(t, ctx, st, a)
	checkOnlyLogs(t, st, "a")
	appendSizes(t, ctx, st, a, 1)
	appendSizes(t, ctx, st, b, 1)
	checkLog(t, ctx, st, a)
	checkLog(t, ctx, st, b)
}

// testStreamCanceled begins a batch with a canceled context: it fails with
// the context's error. A batch whose context ends while it is open fails
// as a whole and keeps nothing.
func testStreamCanceled(t *testing.T, s suite) {
	st := s.newStore(t)
	b, ok := st.(logstore.Batcher)
	if !ok {
		t.Skipf("%T is not a logstore.Batcher", st)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if bt, err := b.BeginBatch(ctx); err == nil || !errors.Is(err, context.Canceled) {
		if bt != nil {
			bt.Rollback()
		}
		t.Errorf("BeginBatch with a canceled context = %v; want the context's error", err)
	}
	a := newLogWriter(t, "a")
	ctx, cancel = context.WithCancel(t.Context())
	bt, err := b.BeginBatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer bt.Rollback()
	addAll(t, bt, a.next(eventJSON("a", 0)).toAppend())
	cancel()
	if _, err := bt.Commit(testSigner(t).Sign); err == nil {
		t.Error("Commit with its context canceled is no error")
	}
	checkLog(t, t.Context(), st, a)
	checkOnlyLogs(t, st)
}

// testStreamRacesWriters appends to a log from another handle while a
// batch appending to the same position is open: exactly one of the two
// wins, the other is refused with ECONFLICT, and the log is whole.
func testStreamRacesWriters(t *testing.T, s suite) {
	ctx := t.Context()
	dir := t.TempDir()
	st1, _ := s.openAt(t, dir)
	st2, _ := s.openAt(t, dir)
	a := newLogWriter(t, "a")
	appendSizes(t, ctx, st1, a, 1)
	bt := beginBatch(t, st1)
	mine := a.next(eventJSON("a", 1))
	addAll(t, bt, mine.toAppend())
	theirs := a.next(eventJSON("a", 99))
	done := make(chan error, 1)
	go func() { done <- theirs.send(ctx, st2) }()
	results, _ := commit(t, bt, 1)
	other := <-done
	switch {
	case results[0] == nil && entente.ErrorCode(other) == entente.ECONFLICT:
		a.recordJoined(mine)
	case other == nil && entente.ErrorCode(results[0]) == entente.ECONFLICT:
		a.record(theirs)
	default:
		t.Fatalf("batch's append: %v; other handle's: %v; want one nil, the other ECONFLICT", results[0], other)
	}
	checkLog(t, ctx, st2, a)
	appendSizes(t, ctx, st2, a, 1)
	checkLog(t, ctx, st1, a)
}

// testStreamMany adds 48 appends, interleaved over four logs, enough for a
// store to send some ahead of the commit: a log's appends chained one on
// another, a log another handle made longer meanwhile (its first append
// refused, and the later ones with it), and a malformed append halfway
// through a log (the earlier ones kept, the later ones refused).
func testStreamMany(t *testing.T, s suite) {
	ctx := t.Context()
	dir := t.TempDir()
	st, _ := s.openAt(t, dir)
	other, _ := s.openAt(t, dir)
	a, b, c, d := newLogWriter(t, "a"), newLogWriter(t, "b"), newLogWriter(t, "c"), newLogWriter(t, "d")
	appendSizes(t, ctx, st, b, 2)
	appendSizes(t, ctx, st, d, 1)
	data := func(w *logWriter, n int) [][]byte {
		out := make([][]byte, n)
		for i := range out {
			out[i] = eventJSON(w.log, len(w.entries)+i)
		}
		return out
	}
	ca, cb, cc, cd := a.chain(data(a, 12)...), b.chain(data(b, 12)...), c.chain(data(c, 12)...), d.chain(data(d, 12)...)
	appendSizes(t, ctx, other, newLogWriterAt(d), 1) // d moves on: every append of cd is stale
	bad := cc[6].toAppend()
	bad.Head.Size++
	bt := beginBatch(t, st)
	var want []string // "ok", "conflict" or "invalid", per append
	for i := range 12 {
		for _, w := range []struct {
			x    batch
			a    logstore.Append
			want string
		}{
			{ca[i], ca[i].toAppend(), "ok"},
			{cb[i], cb[i].toAppend(), "ok"},
			{cc[i], cc[i].toAppend(), map[bool]string{true: "ok", false: "conflict"}[i < 6]},
			{cd[i], cd[i].toAppend(), "conflict"},
		} {
			if w.x.log == "c" && i == 6 {
				w.a, w.want = bad, "invalid"
			}
			addAll(t, bt, w.a)
			want = append(want, w.want)
		}
	}
	results, _ := commit(t, bt, len(want))
	for i, err := range results {
		switch want[i] {
		case "ok":
			if err != nil {
				t.Errorf("append %d: %v", i, err)
			}
		case "conflict":
			checkCode(t, fmt.Sprintf("append %d", i), err, entente.ECONFLICT)
		case "invalid":
			checkCode(t, fmt.Sprintf("append %d", i), err, entente.EINVALID)
		}
	}
	a.recordJoined(ca...)
	b.recordJoined(cb...)
	c.recordJoined(cc[:6]...)
	for _, w := range []*logWriter{a, b, c} {
		checkLog(t, ctx, st, w)
	}
	if n, err := st.Len(ctx, "d"); err != nil || n != 2 {
		t.Errorf("Len(d) = %d, %v; want 2 (the other handle's append alone)", n, err)
	}
}

// newLogWriterAt returns a writer that appends after what w recorded.
func newLogWriterAt(w *logWriter) *logWriter {
	c := *w
	c.entries = slices.Clip(w.entries)
	c.heads = slices.Clip(w.heads)
	return &c
}
