package sqlite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// TestLargeSnapshotLetsAppendsThrough writes a snapshot of four parts and,
// once its first part is written, appends from another goroutine: the
// append is made before the snapshot is, since no transaction of the
// snapshot's holds the write lock for more than a part.
func TestLargeSnapshotLetsAppendsThrough(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
	defer db.Close()
	appended := make(chan error, 1)
	order := make(chan string, 2)
	db.afterPart = func(parts int) {
		if parts != 1 {
			return
		}
		go func() {
			data := []byte(`{"seq":0}`)
			e := logstore.Entry{Index: 0, Data: data, LeafHash: tlog.LeafHash(data)}
			err := db.Append(context.Background(), "p", 0, []logstore.Entry{e},
				tlog.TreeHead{Log: "p", Size: 1, Root: tlog.Root([]tlog.Hash{e.LeafHash}), Time: time.Unix(0, 0), Signature: []byte{1}})
			order <- "append"
			appended <- err
		}()
		// The append needs the lock; the snapshot's next part waits for
		// it to be made, so the two cannot interleave within a part.
		if err := <-appended; err != nil {
			t.Errorf("Append during the snapshot: %v", err)
		}
	}
	data := bytes.Repeat([]byte{7}, 3*snapshotPart+1)
	if err := db.PutSnapshot(t.Context(), logstore.Snapshot{Log: "p", Size: 1, Root: tlog.Hash{1}, Data: data}); err != nil {
		t.Fatal(err)
	}
	order <- "snapshot"
	if first := <-order; first != "append" {
		t.Errorf("the snapshot was made before the append that came after its first part")
	}
	got, ok, err := db.Snapshot(t.Context(), "p")
	if err != nil || !ok || !bytes.Equal(got.Data, data) {
		t.Fatalf("Snapshot = %d bytes, %t, %v; want the %d written", len(got.Data), ok, err, len(data))
	}
	if n := partRows(t, db); n != 4 {
		t.Errorf("snapshot_parts holds %d rows, want the snapshot's 4", n)
	}
}

// TestSnapshotPartsLeftBehindAreRemoved stops the writing of a large
// snapshot after two parts, as a crash would: the log's snapshot is still
// the one before, and the next snapshot removes the parts left.
func TestSnapshotPartsLeftBehindAreRemoved(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
	defer db.Close()
	before := logstore.Snapshot{Log: "p", Size: 1, Root: tlog.Hash{1}, Data: []byte("before")}
	if err := db.PutSnapshot(t.Context(), before); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	db.afterPart = func(parts int) {
		if parts == 2 {
			cancel()
		}
	}
	big := bytes.Repeat([]byte{9}, 4*snapshotPart)
	err := db.putSnapshotNoCleanup(ctx, logstore.Snapshot{Log: "p", Size: 2, Root: tlog.Hash{2}, Data: big})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("snapshot stopped after two parts: %v", err)
	}
	db.afterPart = nil
	if n := partRows(t, db); n != 2 {
		t.Fatalf("%d parts left behind, want 2 (the test's crash did not happen as meant)", n)
	}
	got, ok, err := db.Snapshot(t.Context(), "p")
	if err != nil || !ok || !bytes.Equal(got.Data, before.Data) || got.Size != 1 {
		t.Errorf("Snapshot after the stopped write = size %d, %q, %t, %v; want the one before", got.Size, got.Data, ok, err)
	}
	after := logstore.Snapshot{Log: "p", Size: 3, Root: tlog.Hash{3}, Data: []byte("after")}
	if err := db.PutSnapshot(t.Context(), after); err != nil {
		t.Fatal(err)
	}
	if n := partRows(t, db); n != 0 {
		t.Errorf("%d parts left after the next snapshot, want none", n)
	}
}

// putSnapshotNoCleanup is PutSnapshot as a writer that dies: the parts it
// wrote before its context ended are left.
func (db *DB) putSnapshotNoCleanup(ctx context.Context, snap logstore.Snapshot) error {
	gen := newGeneration()
	for part, off := 0, 0; off < len(snap.Data); part, off = part+1, off+snapshotPart {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := db.write.ExecContext(context.Background(), `INSERT INTO snapshot_parts (log, gen, part, data) VALUES (?, ?, ?, ?)`,
			snap.Log, gen, part, snap.Data[off:min(off+snapshotPart, len(snap.Data))]); err != nil {
			return err
		}
		db.afterPart(part + 1)
	}
	return fmt.Errorf("wrote every part")
}

// partRows counts the rows of snapshot_parts.
func partRows(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.read.QueryRow(`SELECT count(*) FROM snapshot_parts`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLargeSnapshotCanceledLeavesNothing cancels a large snapshot's
// context after its second part: PutSnapshot fails with the context's
// error, removes the parts it wrote, and the snapshot before stays.
func TestLargeSnapshotCanceledLeavesNothing(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
	defer db.Close()
	before := logstore.Snapshot{Log: "p", Size: 1, Root: tlog.Hash{1}, Data: bytes.Repeat([]byte{1}, 2*snapshotPart+5)}
	if err := db.PutSnapshot(t.Context(), before); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	db.afterPart = func(parts int) {
		if parts == 2 {
			cancel()
		}
	}
	err := db.PutSnapshot(ctx, logstore.Snapshot{Log: "p", Size: 2, Root: tlog.Hash{2}, Data: bytes.Repeat([]byte{2}, 4*snapshotPart)})
	db.afterPart = nil
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("PutSnapshot canceled after two parts: %v", err)
	}
	if n := partRows(t, db); n != 3 {
		t.Errorf("snapshot_parts holds %d rows, want the 3 of the snapshot before", n)
	}
	got, ok, err := db.Snapshot(t.Context(), "p")
	if err != nil || !ok || !bytes.Equal(got.Data, before.Data) {
		t.Errorf("Snapshot after the canceled one = %d bytes, %t, %v; want the one before", len(got.Data), ok, err)
	}
}

// TestSnapshotWithPartsMissingIsNone removes a part of a stored snapshot,
// as a second server's snapshot of the same log does when both write at
// once: the snapshot reads as none, not as an error (a reader that got an
// error could not open the log), and the next one is read whole.
func TestSnapshotWithPartsMissingIsNone(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "entente.db"))
	defer db.Close()
	for _, part := range []int{1, 2} { // a middle part, the last
		snap := logstore.Snapshot{Log: "p", Size: 1, Root: tlog.Hash{1}, Data: bytes.Repeat([]byte{5}, 2*snapshotPart+1)}
		if err := db.PutSnapshot(t.Context(), snap); err != nil {
			t.Fatal(err)
		}
		if _, err := db.write.Exec(`DELETE FROM snapshot_parts WHERE log = 'p' AND part = ?`, part); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := db.Snapshot(t.Context(), "p"); ok || err != nil {
			t.Errorf("part %d missing: Snapshot = %d bytes, %t, %v; want none and no error", part, len(got.Data), ok, err)
		}
		if err := db.PutSnapshot(t.Context(), snap); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := db.Snapshot(t.Context(), "p"); !ok || err != nil || !bytes.Equal(got.Data, snap.Data) {
			t.Errorf("the next snapshot = %d bytes, %t, %v; want it whole", len(got.Data), ok, err)
		}
	}
}

// TestSnapshotWithAHugePartCountIsNone: a snapshot row whose count of
// parts was edited to an absurd value reads as no snapshot, without
// sizing an allocation by it (it panicked: makeslice: cap out of range).
// A negative count is refused by the table's CHECK.
func TestSnapshotWithAHugePartCountIsNone(t *testing.T) {
	for _, parts := range []int64{1 << 40, 1 << 20} {
		db := MustOpenDB(t)
		snap := logstore.Snapshot{Log: "p", Size: 1, Root: tlog.Hash{1}, Data: bytes.Repeat([]byte{5}, 2*snapshotPart+1)}
		if err := db.PutSnapshot(context.Background(), snap); err != nil {
			t.Fatal(err)
		}
		if _, err := db.write.Exec(`UPDATE snapshots SET parts = ? WHERE log = 'p'`, parts); err != nil {
			t.Fatal(err)
		}
		got, ok, err := db.Snapshot(context.Background(), "p")
		if err != nil || ok {
			t.Errorf("parts = %d: got %d bytes, %v, %v; want no snapshot", parts, len(got.Data), ok, err)
		}
	}
}
