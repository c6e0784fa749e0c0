package sqlite

import (
	"context"
	"database/sql/driver"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"modernc.org/sqlite"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// appendOf returns an append of one entry to log at from.
func appendOf(log string, from int64) logstore.Append {
	return logstore.Append{Log: log, From: from, Entries: entriesAt(log, from, 1), Head: headAt(log, from+1)}
}

// batchOne makes a batch of one append to log at from and returns its
// result, failing the test when the batch fails as a whole.
func batchOne(t *testing.T, db *DB, log string, from int64) error {
	t.Helper()
	results, err := db.AppendBatch(t.Context(), []logstore.Append{appendOf(log, from)})
	if err != nil {
		t.Fatalf("AppendBatch to %s at %d: %v", log, from, err)
	}
	return results[0]
}

// TestLengthCacheWriterBetweenCommitAndStore appends, on the same handle,
// in the moment between a batch's commit and the length cache learning
// of it: the write connection is free then, so another goroutine's
// Append or AppendBatch can commit first. The cache must end up with the
// lengths the later commit left, not the batch's older ones (a cache
// that says a log is shorter than it is refuses every right append to it
// with ECONFLICT, and takes a stale one to a failed batch, until another
// connection writes), and a batch that begins in that moment must not
// read the lengths from before the first batch.
func TestLengthCacheWriterBetweenCommitAndStore(t *testing.T) {
	tests := []struct {
		name string
		// between runs in the moment, after a batch to p at 1 (the
		// cache knew p's length, 1); it leaves p at 3.
		between func(t *testing.T, db *DB)
	}{
		{"Append", func(t *testing.T, db *DB) {
			a := appendOf("p", 2)
			if err := db.Append(t.Context(), a.Log, a.From, a.Entries, a.Head); err != nil {
				t.Errorf("Append at 2 in the moment: %v", err)
			}
		}},
		{"AppendBatch", func(t *testing.T, db *DB) {
			if err := batchOne(t, db, "p", 2); err != nil {
				t.Errorf("batch at 2 in the moment: %v", err)
			}
		}},
		{"another handle's AppendBatch", func(t *testing.T, db *DB) {
			// Another server on the file: the batch stores its lengths
			// in the cache, and data_version drops them.
			other := mustOpen(t, db.Path())
			defer other.Close()
			if err := batchOne(t, other, "p", 2); err != nil {
				t.Errorf("another handle's batch at 2 in the moment: %v", err)
			}
		}},
		{"AppendBatch of another log", func(t *testing.T, db *DB) {
			// p is not in this batch, but its cached length was read
			// before the outer batch stored p's.
			results, err := db.AppendBatch(t.Context(), []logstore.Append{appendOf("q", 0), appendOf("p", 2)})
			if err != nil || results[0] != nil || results[1] != nil {
				t.Errorf("batch to q at 0 and p at 2 in the moment: %v, %v", results, err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenDB(t)
			if err := batchOne(t, db, "p", 0); err != nil { // the cache: p holds 1
				t.Fatal(err)
			}
			once := true
			db.afterBatchCommit = func() {
				if once {
					once = false
					tc.between(t, db)
				}
			}
			if err := batchOne(t, db, "p", 1); err != nil {
				t.Fatal(err)
			}
			db.afterBatchCommit = nil
			if err := batchOne(t, db, "p", 2); entente.ErrorCode(err) != entente.ECONFLICT {
				t.Errorf("batch at 2, taken in the moment: %v, want ECONFLICT", err)
			}
			if err := batchOne(t, db, "p", 3); err != nil {
				t.Errorf("batch at 3, the log's length: %v, want it made", err)
			}
			checkLen(t, db, "p", 4)
		})
	}
}

// checkLen checks that log holds want entries, gap-free from 0.
func checkLen(t *testing.T, db *DB, log string, want int64) {
	t.Helper()
	entries, err := db.Entries(t.Context(), log, 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range entries {
		if e.Index != int64(i) {
			t.Fatalf("%s: entry %d has index %d", log, i, e.Index)
		}
	}
	if int64(len(entries)) != want {
		t.Errorf("%s holds %d entries, want %d", log, len(entries), want)
	}
}

// TestLengthCacheFailedBatches fails batches in the ways a batch can fail
// after the cache told it its logs' lengths (or does other work on the
// writer's connection), and checks that the next batches are still
// checked against the logs' real lengths and that the failed batch left
// nothing.
func TestLengthCacheFailedBatches(t *testing.T) {
	tests := []struct {
		name string
		fail func(t *testing.T, db *DB) // a batch to p at 1 that fails or is refused
	}{
		{"canceled before the batch", func(t *testing.T, db *DB) {
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			if _, err := db.AppendBatch(ctx, []logstore.Append{appendOf("p", 1)}); !errors.Is(err, context.Canceled) {
				t.Errorf("canceled batch: %v, want context.Canceled", err)
			}
		}},
		{"canceled mid-batch", func(t *testing.T, db *DB) {
			// A trigger cancels the batch's context as its second
			// append's entry is inserted, after the first's was.
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			cancelInSQL.Store(&cancel)
			defer cancelInSQL.Store(nil)
			if _, err := db.write.Exec(`CREATE TEMP TRIGGER cancel_q AFTER INSERT ON entries WHEN new.log = 'q' BEGIN SELECT entente_test_cancel(); END`); err != nil {
				t.Fatal(err)
			}
			defer db.write.Exec(`DROP TRIGGER temp.cancel_q`)
			appends := []logstore.Append{appendOf("p", 1), appendOf("q", 0), appendOf("r", 0)}
			if _, err := db.AppendBatch(ctx, appends); !errors.Is(err, context.Canceled) {
				t.Errorf("batch canceled mid-way: %v, want context.Canceled", err)
			}
			checkLen(t, db, "r", 0)
		}},
		{"an insert fails mid-batch", func(t *testing.T, db *DB) {
			// A trigger refuses the second append's insert, after
			// the first append's entry was inserted.
			if _, err := db.write.Exec(`CREATE TEMP TRIGGER fail_q BEFORE INSERT ON entries WHEN new.log = 'q' BEGIN SELECT raise(ABORT, 'no q'); END`); err != nil {
				t.Fatal(err)
			}
			defer db.write.Exec(`DROP TRIGGER temp.fail_q`)
			if _, err := db.AppendBatch(t.Context(), []logstore.Append{appendOf("p", 1), appendOf("q", 0)}); err == nil {
				t.Errorf("a batch whose insert failed succeeded")
			}
		}},
		{"the commit fails", func(t *testing.T, db *DB) {
			// A deferred foreign key is checked at COMMIT, which then
			// fails (as a full disk would fail it) with the batch's rows
			// in the transaction; the driver rolls it back.
			for _, q := range []string{
				`CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY)`,
				`CREATE TEMP TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`,
				`CREATE TEMP TRIGGER fail_commit AFTER INSERT ON entries BEGIN INSERT INTO child VALUES (1); END`,
			} {
				if _, err := db.write.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			defer db.write.Exec(`DROP TRIGGER temp.fail_commit`)
			_, err := db.AppendBatch(t.Context(), []logstore.Append{appendOf("p", 1), appendOf("q", 0)})
			if err == nil || !strings.Contains(err.Error(), "commit") {
				t.Errorf("a batch whose commit failed: %v, want the commit's error", err)
			}
		}},
		{"refused", func(t *testing.T, db *DB) {
			results, err := db.AppendBatch(t.Context(), []logstore.Append{appendOf("p", 0), appendOf("p", 1)})
			if err != nil || entente.ErrorCode(results[0]) != entente.ECONFLICT || entente.ErrorCode(results[1]) != entente.ECONFLICT {
				t.Errorf("batch at 0 then 1 of a log of 1: %v, %v; want both ECONFLICT", results, err)
			}
		}},
		{"invalid", func(t *testing.T, db *DB) {
			bad := appendOf("p", 1)
			bad.Head.Size = 7
			results, err := db.AppendBatch(t.Context(), []logstore.Append{bad, appendOf("p", 1)})
			if err != nil || entente.ErrorCode(results[0]) != entente.EINVALID || entente.ErrorCode(results[1]) != entente.ECONFLICT {
				t.Errorf("batch of an invalid append at 1 then a good one: %v, %v; want EINVALID, ECONFLICT", results, err)
			}
		}},
		{"a snapshot in parts and another write on the writer", func(t *testing.T, db *DB) {
			if err := db.PutSnapshot(t.Context(), snapshotOf("p", 1, snapshotPart+1)); err != nil {
				t.Fatal(err)
			}
			if _, err := db.write.Exec(`PRAGMA user_version = 7`); err != nil { // a write that is no append
				t.Fatal(err)
			}
			if err := batchOne(t, db, "p", 1); err != nil {
				t.Fatal(err)
			}
		}},
		{"connection replaced", func(t *testing.T, db *DB) {
			// database/sql discards a connection that reports itself
			// bad; the next transaction is on a new one. Another handle
			// writes in between, which no connection of this handle
			// saw: the new connection's data_version starts where the
			// old one's was, and only its mark (temp.user_version) tells
			// the cache apart (without it this case fails).
			conn, err := db.write.Conn(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if err := conn.Raw(func(any) error { return driver.ErrBadConn }); !errors.Is(err, driver.ErrBadConn) {
				t.Fatalf("Raw: %v", err)
			}
			conn.Close()
			// Another handle writes while this one has no connection.
			other := mustOpen(t, db.Path())
			defer other.Close()
			if err := batchOne(t, other, "p", 1); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
			defer db.Close()
			if err := batchOne(t, db, "p", 0); err != nil { // the cache: p holds 1
				t.Fatal(err)
			}
			tc.fail(t, db)
			n, err := db.Len(t.Context(), "p")
			if err != nil {
				t.Fatal(err)
			}
			if err := batchOne(t, db, "p", n-1); entente.ErrorCode(err) != entente.ECONFLICT {
				t.Errorf("batch at %d of a log of %d: %v, want ECONFLICT", n-1, n, err)
			}
			if err := batchOne(t, db, "p", n+1); entente.ErrorCode(err) != entente.ECONFLICT {
				t.Errorf("batch at %d of a log of %d: %v, want ECONFLICT", n+1, n, err)
			}
			if err := batchOne(t, db, "p", n); err != nil {
				t.Errorf("batch at %d, the log's length: %v", n, err)
			}
			checkLen(t, db, "p", n+1)
			checkLen(t, db, "q", 0)
		})
	}
}

// cancelInSQL is what the SQL function entente_test_cancel calls: a
// trigger can then cancel a context in the middle of a transaction.
var cancelInSQL atomic.Pointer[context.CancelFunc]

func init() {
	sqlite.MustRegisterScalarFunction("entente_test_cancel", 0, func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
		if cancel := cancelInSQL.Load(); cancel != nil {
			(*cancel)()
		}
		return nil, nil
	})
}
