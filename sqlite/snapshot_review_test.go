package sqlite

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// snapshotOf returns a snapshot of log of n bytes whose every byte
// depends on its position and on tag, so that a part out of place, a part
// of another snapshot or a part missing shows.
func snapshotOf(log string, tag byte, n int) logstore.Snapshot {
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(i*31) ^ byte(i>>20) ^ tag
	}
	return logstore.Snapshot{Log: log, Size: int64(tag) + 1, Root: tlog.Hash{tag}, Data: data}
}

// sameSnapshot reports whether got is want, whole.
func sameSnapshot(got, want logstore.Snapshot) bool {
	return got.Log == want.Log && got.Size == want.Size && got.Root == want.Root && bytes.Equal(got.Data, want.Data)
}

// TestSnapshotPartBoundaries puts snapshots of sizes around the part
// size, each replacing the one before on one log: a snapshot of at most a
// part is one row, a larger one ceil(size/part) parts; each reads back
// whole; and no parts of a replaced snapshot are left, whether the next is
// larger or smaller, in parts or not. Another log's snapshot leaves the
// log's parts alone.
func TestSnapshotPartBoundaries(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
	defer db.Close()
	ctx := t.Context()
	other := snapshotOf("q", 99, 2*snapshotPart+3)
	if err := db.PutSnapshot(ctx, other); err != nil {
		t.Fatal(err)
	}
	for i, n := range []int{snapshotPart + 1, 0, 1, snapshotPart - 1, snapshotPart, 2*snapshotPart - 1, 2 * snapshotPart, 2*snapshotPart + 1, snapshotPart, 3, 2 * snapshotPart} {
		snap := snapshotOf("p", byte(i), n)
		if err := db.PutSnapshot(ctx, snap); err != nil {
			t.Fatalf("PutSnapshot of %d bytes: %v", n, err)
		}
		got, ok, err := db.Snapshot(ctx, "p")
		if err != nil || !ok || !sameSnapshot(got, snap) {
			t.Errorf("snapshot of %d bytes read back as size %d, %d bytes, %t, %v", n, got.Size, len(got.Data), ok, err)
		}
		wantParts := 0
		if n > snapshotPart {
			wantParts = (n + snapshotPart - 1) / snapshotPart
		}
		var parts, rowBytes int
		if err := db.read.QueryRow(`SELECT count(*) FROM snapshot_parts WHERE log = 'p'`).Scan(&parts); err != nil {
			t.Fatal(err)
		}
		if err := db.read.QueryRow(`SELECT length(data) FROM snapshots WHERE log = 'p'`).Scan(&rowBytes); err != nil {
			t.Fatal(err)
		}
		if parts != wantParts || (parts == 0) != (rowBytes == n) || (parts > 0 && rowBytes != 0) {
			t.Errorf("snapshot of %d bytes: %d parts and %d bytes in its row, want %d parts", n, parts, rowBytes, wantParts)
		}
	}
	if got, ok, err := db.Snapshot(ctx, "q"); err != nil || !ok || !sameSnapshot(got, other) {
		t.Errorf("another log's snapshot after p's = %d bytes, %t, %v; want it whole", len(got.Data), ok, err)
	}
}

// TestSnapshotWritersAtOnce writes a snapshot in parts and, between two
// of its parts, makes the whole of another write of the log's snapshot
// (as a second server would). The other write removes the first's parts
// written so far, so the first fails with ECONFLICT, and the log keeps
// what the other left, whole: never a mix, an error on reading or, when
// the other write is a snapshot, none (two snapshots were written; a log
// left with none is rebuilt from its entries). The next snapshot leaves
// no parts of either.
func TestSnapshotWritersAtOnce(t *testing.T) {
	a := snapshotOf("p", 1, 3*snapshotPart+1)
	tests := []struct {
		name  string
		after int                // the part of a's after which the other write is made
		other *logstore.Snapshot // nil: the other write is DeleteSnapshot
	}{
		{"larger, after a's first part", 1, &[]logstore.Snapshot{snapshotOf("p", 2, 4*snapshotPart)}[0]},
		{"smaller in parts, after a's first part", 1, &[]logstore.Snapshot{snapshotOf("p", 2, snapshotPart+1)}[0]},
		{"in one row, after a's first part", 1, &[]logstore.Snapshot{snapshotOf("p", 2, 100)}[0]},
		{"in parts, after a's last part", 4, &[]logstore.Snapshot{snapshotOf("p", 2, 2*snapshotPart+1)}[0]},
		{"in one row, after a's last part", 4, &[]logstore.Snapshot{snapshotOf("p", 2, 100)}[0]},
		{"deleted, after a's second part", 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
			defer db.Close()
			ctx := t.Context()
			before := snapshotOf("p", 0, 2*snapshotPart+1)
			if err := db.PutSnapshot(ctx, before); err != nil {
				t.Fatal(err)
			}
			done := false
			db.afterPart = func(parts int) {
				if done || parts != tc.after {
					return
				}
				done = true
				var err error
				if tc.other != nil {
					err = db.PutSnapshot(ctx, *tc.other)
				} else {
					err = db.DeleteSnapshot(ctx, "p")
				}
				if err != nil {
					t.Errorf("the other write: %v", err)
				}
			}
			if err := db.PutSnapshot(ctx, a); entente.ErrorCode(err) != entente.ECONFLICT {
				t.Errorf("PutSnapshot, whose parts the other write removed: %v, want ECONFLICT", err)
			}
			db.afterPart = nil
			if !done {
				t.Fatal("the other write was not made")
			}
			got, ok, err := db.Snapshot(ctx, "p")
			switch {
			case err != nil:
				t.Errorf("Snapshot after both writes: %v", err)
			case tc.other == nil && ok:
				t.Errorf("after the snapshot's deletion the log has a snapshot of %d bytes", len(got.Data))
			case tc.other != nil && (!ok || !sameSnapshot(got, *tc.other)):
				t.Errorf("after both writes the snapshot is size %d, %d bytes, %t: want the other write's, whole", got.Size, len(got.Data), ok)
			}
			next := snapshotOf("p", 3, snapshotPart+1)
			if err := db.PutSnapshot(ctx, next); err != nil {
				t.Fatal(err)
			}
			if n := partRows(t, db); n != 2 {
				t.Errorf("after the next snapshot snapshot_parts holds %d rows, want its 2", n)
			}
		})
	}
}

// TestSnapshotCleanupKeepsTheSnapshot removes, as a writer of another
// generation does after pointing the log's row at its own, the parts of
// every generation but its own, after a second writer has pointed the row
// at its snapshot: the snapshot the row points at stays whole (else two
// writers that point the row one after the other and then clean up each
// leave the log with none).
func TestSnapshotCleanupKeepsTheSnapshot(t *testing.T) {
	for _, n := range []int{2*snapshotPart + 1, 10} {
		db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
		ctx := t.Context()
		snap := snapshotOf("p", 1, n)
		if err := db.PutSnapshot(ctx, snap); err != nil {
			t.Fatal(err)
		}
		if err := db.dropAllBut(ctx, "p", newGeneration()); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := db.Snapshot(ctx, "p"); err != nil || !ok || !sameSnapshot(got, snap) {
			t.Errorf("a snapshot of %d bytes after another writer's cleanup = %d bytes, %t, %v; want it whole", n, len(got.Data), ok, err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSnapshotReadWhileReplaced replaces or deletes a snapshot in parts
// between a reader's reading of its row and of its parts: the reader
// reads the snapshot it began with, whole (its read transaction does not
// see the removal of the parts), and the next read sees the change.
func TestSnapshotReadWhileReplaced(t *testing.T) {
	tests := []struct {
		name string
		next *logstore.Snapshot // nil: deleted
	}{
		{"by one in parts", &[]logstore.Snapshot{snapshotOf("p", 2, 2*snapshotPart+1)}[0]},
		{"by one in a row", &[]logstore.Snapshot{snapshotOf("p", 2, 10)}[0]},
		{"deleted", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
			defer db.Close()
			ctx := t.Context()
			before := snapshotOf("p", 1, 3*snapshotPart+5)
			if err := db.PutSnapshot(ctx, before); err != nil {
				t.Fatal(err)
			}
			db.afterSnapshotRow = func() {
				db.afterSnapshotRow = nil
				var err error
				if tc.next != nil {
					err = db.PutSnapshot(ctx, *tc.next)
				} else {
					err = db.DeleteSnapshot(ctx, "p")
				}
				if err != nil {
					t.Errorf("the write during the read: %v", err)
				}
				if n := partRows(t, db); tc.next == nil && n != 0 {
					t.Errorf("snapshot_parts holds %d rows after DeleteSnapshot", n)
				}
			}
			got, ok, err := db.Snapshot(ctx, "p")
			if db.afterSnapshotRow != nil {
				t.Fatal("the write during the read was not made")
			}
			if err != nil || !ok || !sameSnapshot(got, before) {
				t.Errorf("Snapshot during the write = %d bytes, %t, %v; want the one before, whole", len(got.Data), ok, err)
			}
			got, ok, err = db.Snapshot(ctx, "p")
			switch {
			case err != nil:
				t.Errorf("Snapshot after the write: %v", err)
			case tc.next == nil && ok:
				t.Errorf("Snapshot after DeleteSnapshot = %d bytes, want none", len(got.Data))
			case tc.next != nil && (!ok || !sameSnapshot(got, *tc.next)):
				t.Errorf("Snapshot after the write = %d bytes, %t; want the new one", len(got.Data), ok)
			}
		})
	}
}

// TestSnapshotPartsOfADeadWriterRemoved stops a snapshot's write after
// two of its parts, as a crash would, and checks that whatever the log's
// next snapshot write is (one in parts, one in a row, a deletion), the
// parts left are removed, and that another log's snapshot write leaves
// them, and the log's snapshot, alone.
func TestSnapshotPartsOfADeadWriterRemoved(t *testing.T) {
	tests := []struct {
		name  string
		write func(ctx context.Context, db *DB) error
		parts int // the parts after the write
	}{
		{"in parts", func(ctx context.Context, db *DB) error {
			return db.PutSnapshot(ctx, snapshotOf("p", 3, snapshotPart+1))
		}, 2},
		{"in a row", func(ctx context.Context, db *DB) error { return db.PutSnapshot(ctx, snapshotOf("p", 3, 5)) }, 0},
		{"deleted", func(ctx context.Context, db *DB) error { return db.DeleteSnapshot(ctx, "p") }, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
			defer db.Close()
			ctx := t.Context()
			before := snapshotOf("p", 1, snapshotPart+7)
			if err := db.PutSnapshot(ctx, before); err != nil {
				t.Fatal(err)
			}
			stopped, stop := context.WithCancel(ctx)
			db.afterPart = func(parts int) {
				if parts == 2 {
					stop()
				}
			}
			if err := db.putSnapshotNoCleanup(stopped, snapshotOf("p", 2, 4*snapshotPart)); err == nil {
				t.Fatal("the dead writer wrote its snapshot")
			}
			db.afterPart = nil
			if n := partRows(t, db); n != 4 {
				t.Fatalf("snapshot_parts holds %d rows, want 2 of the snapshot and 2 of the dead writer", n)
			}
			if err := db.PutSnapshot(ctx, snapshotOf("q", 4, snapshotPart+1)); err != nil {
				t.Fatal(err)
			}
			if got, ok, err := db.Snapshot(ctx, "p"); err != nil || !ok || !sameSnapshot(got, before) {
				t.Errorf("p's snapshot after q's = %d bytes, %t, %v; want it whole", len(got.Data), ok, err)
			}
			if err := tc.write(ctx, db); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := db.read.QueryRow(`SELECT count(*) FROM snapshot_parts WHERE log = 'p'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != tc.parts {
				t.Errorf("p's parts after the write: %d rows, want %d", n, tc.parts)
			}
		})
	}
}
