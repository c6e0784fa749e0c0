package storecopy

import (
	"context"
	"crypto/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
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
