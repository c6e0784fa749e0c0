package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

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
	batch, err := b.BeginBatch(t.Context())
	if err != nil {
		t.Fatalf("BeginBatch: %v", err)
	}
	t.Cleanup(func() { batch.Rollback() })
	return batch
}

// add adds a to bt, failing the test if the batch failed as a whole,
// and returns a's result.
func add(t *testing.T, bt logstore.Batch, a logstore.Append) error {
	t.Helper()
	result, err := bt.Add(a)
	if err != nil {
		t.Fatalf("Add(%q from %d): %v", a.Log, a.From, err)
	}
	return result
}

// recordJoined notes that batches were appended to w's log as one append
// of a streamed batch: their entries, and the head of the last alone.
func (w *logWriter) recordJoined(batches ...batch) {
	for _, b := range batches {
		w.entries = append(w.entries, b.entries...)
	}
	w.heads = append(w.heads, batches[len(batches)-1].head)
}

// testStreamAcrossLogs adds appends to three logs one at a time, two
// chained on one log: after Commit with one head per log, each log holds
// its entries and that head alone.
func testStreamAcrossLogs(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b, c := newLogWriter(t, "a"), newLogWriter(t, "b"), newLogWriter(t, "c")
	appendSizes(t, ctx, st, b, 2)
	bt := beginBatch(t, st)
	ca := a.chain(eventJSON("a", 0), eventJSON("a", 1))
	nb := b.next(eventJSON("b", 2), eventJSON("b", 3))
	nc := c.next(eventJSON("c", 0))
	for i, x := range []batch{ca[0], nb, ca[1], nc} {
		if err := add(t, bt, x.toAppend()); err != nil {
			t.Errorf("append %d: %v", i, err)
		}
	}
	if err := bt.Commit([]tlog.TreeHead{ca[1].head, nb.head, nc.head}); err != nil {
		t.Fatalf("Commit: %v", err)
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
	appendSizes(t, ctx, st, a, 1) // the write lock is free again
	checkLog(t, ctx, st, a)
}

// testStreamRefusals adds a conflicting append, one chained on it, a
// malformed one and a good one: each is refused or accepted as
// AppendBatch would, at once, and the batch commits the accepted one.
func testStreamRefusals(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b, c := newLogWriter(t, "a"), newLogWriter(t, "b"), newLogWriter(t, "c")
	appendSizes(t, ctx, st, a, 3)
	stale := newLogWriter(t, "a") // a writer that missed the last entry of a
	stale.entries = a.entries[:2:2]
	sa := stale.chain(eventJSON("a", 90), eventJSON("a", 91))
	bad := c.next(eventJSON("c", 0)).toAppend()
	bad.Head.Size++
	nb := b.next(eventJSON("b", 0))
	bt := beginBatch(t, st)
	checkCode(t, "conflicting append", add(t, bt, sa[0].toAppend()), entente.ECONFLICT)
	checkCode(t, "malformed append", add(t, bt, bad), entente.EINVALID)
	if err := add(t, bt, nb.toAppend()); err != nil {
		t.Errorf("good append: %v", err)
	}
	checkCode(t, "append built on a refused one", add(t, bt, sa[1].toAppend()), entente.ECONFLICT)
	checkCode(t, "append after a malformed one", add(t, bt, c.next(eventJSON("c", 0)).toAppend()), entente.ECONFLICT)
	if err := bt.Commit([]tlog.TreeHead{nb.head}); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	b.recordJoined(nb)
	checkLog(t, ctx, st, a)
	checkLog(t, ctx, st, b)
	checkOnlyLogs(t, st, "a", "b")
}

// testStreamHeadsChecked commits batches with a head missing, a head too
// many, a head of the wrong size and two heads of one log: each Commit is
// EINVALID and writes nothing, and the store takes appends afterwards.
func testStreamHeadsChecked(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b := newLogWriter(t, "a"), newLogWriter(t, "b")
	appendSizes(t, ctx, st, b, 1)
	na := a.chain(eventJSON("a", 0), eventJSON("a", 1))
	wrongSize := na[1].head
	wrongSize.Size++
	for _, tc := range []struct {
		name  string
		heads []tlog.TreeHead
	}{
		{"no head", nil},
		{"a head of a log not appended to", []tlog.TreeHead{na[1].head, b.next(eventJSON("b", 1)).head}},
		{"a head of the wrong size", []tlog.TreeHead{wrongSize}},
		{"the head of an earlier append", []tlog.TreeHead{na[0].head}},
		{"two heads of one log", []tlog.TreeHead{na[1].head, na[1].head}},
	} {
		bt := beginBatch(t, st)
		for _, x := range na {
			if err := add(t, bt, x.toAppend()); err != nil {
				t.Fatalf("%s: append: %v", tc.name, err)
			}
		}
		checkCode(t, tc.name, bt.Commit(tc.heads), entente.EINVALID)
		if _, err := bt.Add(na[0].toAppend()); err == nil {
			t.Errorf("%s: Add after a failed Commit is no error", tc.name)
		}
		if err := bt.Rollback(); err != nil {
			t.Errorf("%s: Rollback after a failed Commit: %v", tc.name, err)
		}
		checkLog(t, ctx, st, a)
		checkLog(t, ctx, st, b)
	}
	appendSizes(t, ctx, st, a, 1)
	checkLog(t, ctx, st, a)
}

// testStreamRollback adds appends and rolls back: nothing is kept, a
// second Rollback is no error, and the store takes appends afterwards.
func testStreamRollback(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a := newLogWriter(t, "a")
	appendSizes(t, ctx, st, a, 2)
	bt := beginBatch(t, st)
	if err := add(t, bt, a.next(eventJSON("a", 2)).toAppend()); err != nil {
		t.Fatal(err)
	}
	if err := bt.Rollback(); err != nil {
		t.Fatalf("Rollback: %v", err)
	}
	if err := bt.Rollback(); err != nil {
		t.Errorf("second Rollback: %v", err)
	}
	if err := bt.Commit(nil); err == nil {
		t.Error("Commit after Rollback is no error")
	}
	checkLog(t, ctx, st, a)
	appendSizes(t, ctx, st, a, 1)
	checkLog(t, ctx, st, a)
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
	na := a.next(eventJSON("a", 0))
	if err := add(t, bt, na.toAppend()); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := bt.Commit([]tlog.TreeHead{na.head}); err == nil {
		t.Error("Commit with its context canceled is no error")
	}
	bt.Rollback()
	checkLog(t, t.Context(), st, a)
	checkOnlyLogs(t, st)
}

// testStreamExcludesWriters opens a batch on one handle and appends to the
// same log from another meanwhile: that append waits for the batch, then
// is refused (ECONFLICT), since the batch took its position.
func testStreamExcludesWriters(t *testing.T, s suite) {
	ctx := t.Context()
	dir := t.TempDir()
	st1, _ := s.openAt(t, dir)
	st2, _ := s.openAt(t, dir)
	a := newLogWriter(t, "a")
	appendSizes(t, ctx, st1, a, 1)
	bt := beginBatch(t, st1)
	mine := a.next(eventJSON("a", 1))
	if err := add(t, bt, mine.toAppend()); err != nil {
		t.Fatal(err)
	}
	theirs := a.next(eventJSON("a", 99))
	done := make(chan error, 1)
	go func() { done <- theirs.send(ctx, st2) }()
	select {
	case err := <-done:
		t.Fatalf("an append on another handle finished while the batch was open: %v", err)
	case <-time.After(50 * time.Millisecond): // it should be waiting; this cannot prove it, only catch a store that does not make it wait
	}
	if err := bt.Commit([]tlog.TreeHead{mine.head}); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	checkCode(t, "the other handle's append", <-done, entente.ECONFLICT)
	a.recordJoined(mine)
	checkLog(t, ctx, st2, a)
}
