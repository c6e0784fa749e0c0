package demo_test

import (
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente/client"
	"github.com/entente/entente/demo"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// TestSeedIfEmpty: an empty store gets the demo and a key file per demo
// delegate, each for the actor it is named after (a stale file of an
// earlier store is replaced); a second call leaves the store and the keys
// as they are.
func TestSeedIfEmpty(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	signer, _ := tlog.GenerateKey(rand.Reader)
	keys := filepath.Join(dir, "keys")
	os.MkdirAll(keys, 0o700)
	os.WriteFile(filepath.Join(keys, "helios.key"), []byte("stale"), 0o600)
	if n, err := demo.SeedIfEmpty(ctx, db, signer, time.Now(), rand.Reader, keys); err != nil || n != 0 {
		t.Fatalf("seeding an empty store: %d logs before, %v", n, err)
	}
	logs, _ := db.Logs(ctx)
	files, _ := filepath.Glob(filepath.Join(keys, "*.key"))
	if len(logs) < 2 || len(files) < 3 {
		t.Fatalf("%d logs and %d key files after seeding", len(logs), len(files))
	}
	for _, f := range files {
		d, err := client.LoadKey(f)
		if err != nil || string(d.Actor)+".key" != filepath.Base(f) {
			t.Errorf("%s: %v %v", f, d, err)
		}
	}
	before, _ := os.ReadFile(files[0])
	if n, err := demo.SeedIfEmpty(ctx, db, signer, time.Now(), rand.Reader, keys); err != nil || n != len(logs) {
		t.Errorf("seeding a seeded store: %d logs reported of %d, %v", n, len(logs), err)
	}
	if after, _ := os.ReadFile(files[0]); string(after) != string(before) {
		t.Error("a second call rewrote the keys")
	}
}
