package storetest

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// testConcurrentOnePerPosition releases several appenders at once on the
// same position of the same log, round after round.
func testConcurrentOnePerPosition(t *testing.T, s suite) {
	raceRounds(t, s.newStore(t))
}

// testConcurrentHandles races appenders through two stores open on the
// same dir at once, as two server processes sharing one database would.
func testConcurrentHandles(t *testing.T, s suite) {
	dir := t.TempDir()
	first, _ := s.openAt(t, dir)
	second, _ := s.openAt(t, dir)
	raceRounds(t, first, second)
}

// raceRounds releases several appenders at once on the same position of
// the same log, spread over stores, round after round. Exactly one may win
// each round, the others must get ECONFLICT, and in the end every store
// must show precisely the winners' entries and heads: a loser's entry next
// to a winner's head would mean an append was not atomic.
func raceRounds(t *testing.T, stores ...logstore.Store) {
	t.Helper()
	const appenders, rounds = 8, 12
	ctx := t.Context()
	w := newLogWriter(t, "race")
	for round := range rounds {
		batches := make([]batch, appenders)
		for a := range batches {
			batches[a] = w.next(fmt.Appendf(nil, `{"round":%d,"appender":%d}`, round, a))
		}
		errs := make([]error, appenders)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for a := range batches {
			wg.Go(func() {
				<-start
				errs[a] = batches[a].send(ctx, stores[a%len(stores)])
			})
		}
		close(start)
		wg.Wait()
		w.record(batches[onlyWinner(t, round, errs)])
	}
	for _, st := range stores {
		checkLog(t, ctx, st, w)
	}
}

// onlyWinner returns the one appender whose error is nil, after checking
// that every other one got ECONFLICT.
func onlyWinner(t *testing.T, round int, errs []error) int {
	t.Helper()
	winner := -1
	for a, err := range errs {
		switch {
		case err != nil:
			checkCode(t, fmt.Sprintf("round %d, appender %d", round, a), err, entente.ECONFLICT)
		case winner >= 0:
			t.Fatalf("round %d: appenders %d and %d both won the same position", round, winner, a)
		default:
			winner = a
		}
	}
	if winner < 0 {
		t.Fatalf("round %d: no appender won", round)
	}
	return winner
}

// testConcurrentRetry runs appenders the way servers would race: each
// reads the log, builds the next entry and head from what it read, and
// retries on ECONFLICT, until the log is full. The log must end gap-free,
// with one head per entry whose root is that of the entries before it.
func testConcurrentRetry(t *testing.T, s suite) {
	const appenders, size = 6, 30
	st := s.newStore(t)
	const log = "retry"
	var wins atomic.Int64
	var wg sync.WaitGroup
	for a := range appenders {
		wg.Go(func() {
			for {
				won, done, err := appendNext(t, st, log, size, fmt.Appendf(nil, `{"appender":%d}`, a))
				if err != nil {
					t.Errorf("appender %d: %v", a, err)
					return
				}
				if done {
					return
				}
				if won {
					wins.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if got := wins.Load(); got != size {
		t.Errorf("%d appends succeeded, want exactly %d", got, size)
	}
	checkGapFree(t, st, log, size)
}

// appendNext tries once to append data to log as the server would, reading
// the log to build the head. done is set when the log already has size
// entries; won when this attempt appended. Losing a race is not an error.
func appendNext(t *testing.T, st logstore.Store, log string, size int64, data []byte) (won, done bool, err error) {
	ctx := t.Context()
	entries, err := st.Entries(ctx, log, 0, -1)
	if err != nil || int64(len(entries)) >= size {
		return false, err == nil, err
	}
	w := newLogWriter(t, log)
	w.entries = entries
	err = w.next(data).send(ctx, st)
	if entente.ErrorCode(err) == entente.ECONFLICT {
		return false, false, nil
	}
	return err == nil, false, err
}

// checkGapFree checks that log holds entries 0..size-1 with correct leaf
// hashes, and one signed head per size 1..size whose root is the root of
// the stored entries it covers.
func checkGapFree(t *testing.T, st logstore.Store, log string, size int) {
	t.Helper()
	ctx := t.Context()
	entries, err := st.Entries(ctx, log, 0, -1)
	if err != nil || len(entries) != size {
		t.Fatalf("Entries = %d entries, %v; want %d", len(entries), err, size)
	}
	heads, err := st.Heads(ctx, log)
	if err != nil || len(heads) != size {
		t.Fatalf("Heads = %d heads, %v; want %d", len(heads), err, size)
	}
	verifier := testSigner(t).Public()
	var tree tlog.Builder
	for i, e := range entries {
		if e.Index != int64(i) || e.LeafHash != tlog.LeafHash(e.Data) {
			t.Errorf("entry %d: index %d, leaf hash matches data %t", i, e.Index, e.LeafHash == tlog.LeafHash(e.Data))
		}
		tree.Append(e.LeafHash)
		h := heads[i]
		if h.Size != tree.Size() || h.Root != tree.Root() {
			t.Errorf("head %d: size %d root %v, want size %d root %v", i, h.Size, h.Root, tree.Size(), tree.Root())
		}
		if err := verifier.Verify(h); err != nil {
			t.Errorf("head %d: %v", i, err)
		}
	}
}

// testConcurrentLogs appends to many logs at once; appends to different
// logs never conflict, so all must succeed.
func testConcurrentLogs(t *testing.T, s suite) {
	const logs, appends = 8, 5
	ctx := t.Context()
	st := s.newStore(t)
	writers := make([]*logWriter, logs)
	names := make([]string, logs)
	for i := range writers {
		names[i] = fmt.Sprintf("pact-%02d", i)
		writers[i] = newLogWriter(t, names[i])
	}
	var wg sync.WaitGroup
	for i, w := range writers {
		wg.Go(func() {
			for n := range appends {
				b := w.next(eventJSON(w.log, n), eventJSON(w.log, n+100)[:i+1])
				if err := b.send(ctx, st); err != nil {
					t.Errorf("Append(%q, from %d): %v", w.log, b.from, err)
					return
				}
				w.record(b)
			}
		})
	}
	wg.Wait()
	for _, w := range writers {
		checkLog(t, ctx, st, w)
	}
	checkOnlyLogs(t, st, names...)
}
