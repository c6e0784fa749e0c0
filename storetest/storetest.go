// Package storetest is the contract test suite for [logstore.Store]. Every
// backend runs the same suite, unchanged, from its own tests:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(tb testing.TB, dir string) logstore.Store {
//			s, err := mybackend.Open(filepath.Join(dir, "entente.db"))
//			if err != nil {
//				tb.Fatal(err)
//			}
//			return s
//		})
//	}
//
// # The contract
//
// Beyond what the [logstore.Store] documentation says, the suite pins down
// the cases it leaves open, so that every backend behaves alike:
//
//   - Append refuses malformed input with an EINVALID *entente.Error: an
//     empty log name, no entries, a negative from, an entry whose Index is
//     not from plus its position, a head whose Log is not the log appended
//     to, or a head whose Size is not from+len(entries). Malformed input is
//     EINVALID whatever the log's state; only well-formed input is checked
//     against the log's length.
//   - Append with from other than the log's length (lower or higher, or
//     above 0 for an unknown log) is an ECONFLICT *entente.Error. Either
//     refusal writes nothing: no entry and no head.
//   - Entries clips [from, to) to the entries that exist: a range at or
//     past the end, or any range of an unknown log, gives no entries and
//     no error. A negative from, or a to that is not negative but is below
//     from, is EINVALID.
//   - Len, Heads and Entries of an unknown log are 0 or empty, not an error;
//     Logs lists only logs holding entries, sorted by byte order (Go's string
//     order; a PostgreSQL backend needs COLLATE "C").
//   - Heads come back oldest first with every field as appended; Time is in
//     UTC with all nine digits of nanoseconds.
//   - Data, leaf hashes and signatures round-trip byte for byte; a nil and
//     an empty slice are the same value. The store copies what it is given
//     and what it returns.
//   - Any method called with a context that is already canceled or past its
//     deadline returns an error for which errors.Is(err, ctx.Err()) holds,
//     and such an Append writes nothing.
//   - Appends to one log race safely, from goroutines sharing a store and
//     from two stores open on the same data at once: for each position
//     exactly one append wins and the others get ECONFLICT.
//   - AppendBatch checks its appends in order, as Append would one after
//     the other: a refused one (EINVALID, ECONFLICT) does not stop the
//     others, every later append to a log whose append was refused is
//     ECONFLICT even where its From would fit, an empty batch gives no
//     results and no error, and a batch with a canceled context fails as a
//     whole and writes nothing. Batches that touch the same logs in
//     different orders, from two handles at once, never fail as a whole.
//   - HeadsFrom(size) is the heads of at least size entries, oldest first.
//   - A log has at most one snapshot: PutSnapshot replaces it whole, even
//     by one of a smaller size; Data round-trips byte for byte; snapshots
//     survive reopening; the store does not check a snapshot against its
//     log (nor does a snapshot make a log); an empty Log or a Size below 1
//     is EINVALID naming the field, and DeleteSnapshot of none is no error.
//
// The suite only uses log names that are non-empty, valid UTF-8 and free of
// NUL bytes (PostgreSQL's TEXT cannot hold NUL), and head times between
// 1970 and 2262, so a backend may store times as int64 Unix nanoseconds.
package storetest

import (
	"sync"
	"testing"

	"github.com/entente/entente/logstore"
)

// Opener opens the store kept in dir. Opening the same dir again, after
// closing it or while it is still open, must open the same data: that is
// how the suite tests persistence and appends by several processes. A
// backend that does not keep files in dir (a database server) can derive a
// database or schema name from it. The suite closes every store it opens, exactly once,
// so the Opener must not register a Close of its own; it should call
// tb.Fatal if the store cannot be opened.
type Opener = func(tb testing.TB, dir string) logstore.Store

// Run runs the contract suite against the stores that open returns. Each
// subtest runs in parallel with the others, in its own t.TempDir().
func Run(t *testing.T, open Opener) {
	t.Helper()
	s := suite{open: open}
	tests := []struct {
		name string
		run  func(*testing.T, suite)
	}{
		{"AppendThenRead", testAppendThenRead},
		{"EmptyStore", testEmptyStore},
		{"EntriesRanges", testEntriesRanges},
		{"LogsSorted", testLogsSorted},
		{"HeadsRoundTrip", testHeadsRoundTrip},
		{"DataRoundTrip", testDataRoundTrip},
		{"StoreCopies", testStoreCopies},
		{"AppendWrongFrom", testAppendWrongFrom},
		{"AppendInvalid", testAppendInvalid},
		{"ConcurrentAppendersOnePerPosition", testConcurrentOnePerPosition},
		{"ConcurrentAppendersRetry", testConcurrentRetry},
		{"ConcurrentHandles", testConcurrentHandles},
		{"ConcurrentLogs", testConcurrentLogs},
		{"Persistence", testPersistence},
		{"CanceledContext", testCanceledContext},
		{"Model", testModel},
		{"BatchAcrossLogs", testBatchAcrossLogs},
		{"BatchConflictIsolated", testBatchConflictIsolated},
		{"BatchInvalid", testBatchInvalid},
		{"BatchCanceled", testBatchCanceled},
		{"BatchConcurrent", testBatchConcurrent},
		{"Snapshots", testSnapshots},
		{"LargeSnapshots", testLargeSnapshots},
		{"HeadsFrom", testHeadsFrom},
		{"LatestHead", testLatestHead},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, s)
		})
	}
}

// suite carries the Opener to the subtests.
type suite struct {
	open Opener
}

// newStore opens a store in a fresh directory, closed when the test ends.
func (s suite) newStore(t *testing.T) logstore.Store {
	t.Helper()
	st, _ := s.openAt(t, t.TempDir())
	return st
}

// openAt opens the store in dir. The returned function closes it, failing
// the test if Close fails; it runs at the end of the test unless the test
// already called it, so a store is closed exactly once even when the test
// stops early.
func (s suite) openAt(t *testing.T, dir string) (logstore.Store, func()) {
	t.Helper()
	st := s.open(t, dir)
	var once sync.Once
	closeStore := func() {
		once.Do(func() {
			if err := st.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
	}
	t.Cleanup(closeStore)
	return st, closeStore
}
