package storecopy

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"hash/crc32"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// store opens a new SQLite store in dir.
func store(t *testing.T, dir, name string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestCopyVerifies copies a store with entries in several appends, checks
// that the copy verifies, and that a copy that falls behind its source
// does not.
func TestCopyVerifies(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	signer, err := tlog.LoadOrCreateKey(filepath.Join(dir, "key"), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	src := store(t, dir, "src.db")
	svc, err := ledger.Open(ctx, src, signer, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	add := func(id string) {
		if _, err := svc.RegisterActor(ctx, entente.Actor{ID: entente.ActorID(id), Name: id, Kind: "firm"}); err != nil {
			t.Fatal(err)
		}
	}
	add("a")
	add("b")
	v := signer.Public()
	dst := store(t, dir, "dst.db")
	n, err := Copy(ctx, src, dst)
	if err != nil || n < 2 {
		t.Fatalf("Copy: %d entries, %v", n, err)
	}
	if err := Verify(ctx, src, dst, &v); err != nil {
		t.Fatalf("Verify of a faithful copy: %v", err)
	}
	add("c")
	if err := Verify(ctx, src, dst, &v); err == nil || !strings.Contains(err.Error(), "entries") {
		t.Errorf("Verify of a copy that fell behind: %v", err)
	}
	if _, err := Copy(ctx, src, dst); err == nil {
		t.Error("Copy into a store that holds the logs already succeeded")
	}
}

// TestCopyKeepsSnapshots checks that a copy carries its source's
// snapshots, that Verify compares them, and that a snapshot that does not
// match a fresh fold of its log fails the copy's verification.
func TestCopyKeepsSnapshots(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	signer, err := tlog.LoadOrCreateKey(filepath.Join(dir, "key"), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	src := store(t, dir, "src.db")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	svc, err := ledger.OpenWith(ctx, src, signer, func() time.Time { return now }, ledger.Options{SnapshotEvery: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []entente.ActorID{"a", "b"} {
		if _, err := svc.RegisterActor(ctx, entente.Actor{ID: id, Name: string(id), Kind: "firm"}); err != nil {
			t.Fatal(err)
		}
	}
	p := entente.Pact{ID: "snapped", Name: "Snapped", Kind: entente.Coalition}
	if _, _, err := svc.Do(ctx, "", "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.Do(ctx, "snapped", "b", entente.Contribute{Resource: "hours", Amount: 2}); err != nil {
		t.Fatal(err)
	}
	svc.FlushSnapshots()
	want, ok, err := src.Snapshot(ctx, "snapped")
	if err != nil || !ok {
		t.Fatalf("the source has no snapshot: %v", err)
	}
	v := signer.Public()
	dst := store(t, dir, "dst.db")
	if _, err := Copy(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
	got, ok, err := dst.Snapshot(ctx, "snapped")
	if err != nil || !ok || got.Size != want.Size || got.Root != want.Root || string(got.Data) != string(want.Data) {
		t.Fatalf("the copy's snapshot: %t, %v; want the source's of %d entries", ok, err, want.Size)
	}
	if err := Verify(ctx, src, dst, &v); err != nil {
		t.Fatalf("Verify of a faithful copy: %v", err)
	}
	if err := dst.DeleteSnapshot(ctx, "snapped"); err != nil {
		t.Fatal(err)
	}
	if err := Verify(ctx, src, dst, &v); err == nil || !strings.Contains(err.Error(), "snapshot") {
		t.Errorf("Verify of a copy without the source's snapshot: %v", err)
	}
	// A snapshot that lies about its log (the pact renamed, same length,
	// the CRC-32C that ends it made to fit, as a forger would) is caught
	// by the fold Verify runs on the copy.
	forged := want
	forged.Data = []byte(strings.Replace(string(want.Data), "Snapped", "Snipped", 1))
	n := len(forged.Data) - 4
	binary.BigEndian.PutUint32(forged.Data[n:], crc32.Checksum(forged.Data[:n], crc32.MakeTable(crc32.Castagnoli)))
	for _, s := range []interface {
		PutSnapshot(context.Context, logstore.Snapshot) error
	}{src, dst} {
		if err := s.PutSnapshot(ctx, forged); err != nil {
			t.Fatal(err)
		}
	}
	if err := Verify(ctx, src, dst, &v); err == nil || !strings.Contains(err.Error(), "differs from a fresh fold") {
		t.Errorf("Verify of a copy of a forged snapshot: %v", err)
	}
}
