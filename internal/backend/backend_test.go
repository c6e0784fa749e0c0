package backend

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente/demo"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

func TestOpenSigned(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "e.db")
	if _, err := Open(ctx, path, false); err == nil || !strings.Contains(err.Error(), "no store at") {
		t.Errorf("a missing store: %v", err)
	}
	db, signer, err := OpenSigned(ctx, path, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(ctx, db, signer, time.Now(), rand.Reader); err != nil {
		t.Fatal(err)
	}
	db.Close()
	pub, err := os.ReadFile(PubPath(path))
	if err != nil || !bytes.Equal(pub, tlog.MarshalVerifier(signer.Public())) {
		t.Errorf("public key beside the store: %q %v", pub, err)
	}
	// A store with logs never gets a new key.
	os.Remove(KeyPath(path))
	if _, _, err := OpenSigned(ctx, path, false); err == nil || !strings.Contains(err.Error(), "signing key") {
		t.Errorf("a store without its key: %v", err)
	}
	if _, err := os.Stat(KeyPath(path)); err == nil {
		t.Error("a new key was made over existing logs")
	}
	if Name("postgres://u:secret@h/db") == "postgres://u:secret@h/db" {
		t.Error("Name shows the password")
	}
	t.Setenv(KeyEnv, "")
	if _, err := SignerPath("postgres://u@h/db"); err == nil || !strings.Contains(err.Error(), KeyEnv) {
		t.Errorf("PostgreSQL without %s: %v", KeyEnv, err)
	}
}

func seed(ctx context.Context, db logstore.Store, signer tlog.Signer) error {
	_, err := demo.Seed(ctx, db, signer, time.Now(), rand.Reader)
	return err
}

func TestFill(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "f.db")
	boom := errors.New("boom")
	err := Fill(ctx, path, func(db logstore.Store, signer tlog.Signer) error {
		if err := seed(ctx, db, signer); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("a failed fill: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) > 0 {
		t.Errorf("a failed fill left %v", ents)
	}
	// A key kept at the path (a backup's) is used and kept.
	key, _ := tlog.GenerateKey(rand.Reader)
	os.WriteFile(KeyPath(path), tlog.MarshalSigner(key), 0o600)
	var used tlog.Signer
	if err := Fill(ctx, path, func(db logstore.Store, signer tlog.Signer) error { used = signer; return seed(ctx, db, signer) }); err != nil {
		t.Fatal(err)
	}
	if used.Public().KeyID() != key.Public().KeyID() {
		t.Error("the key at the path was not used")
	}
	db, _, err := OpenSigned(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := verifyAll(ctx, db, key.Public()); err != nil {
		t.Error(err)
	}
}

func TestMigrateSQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	from, to := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	if err := Fill(ctx, from, func(db logstore.Store, signer tlog.Signer) error { return seed(ctx, db, signer) }); err != nil {
		t.Fatal(err)
	}
	m, err := Migrate(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if m.Entries == 0 || m.Logs == 0 || m.KeyFile != KeyPath(from) {
		t.Errorf("migration %+v", m)
	}
	db, signer, err := OpenSigned(ctx, to, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if signer.Public().KeyID() != m.Key.KeyID() {
		t.Error("the copy signs under another key")
	}
	if err := verifyAll(ctx, db, m.Key); err != nil {
		t.Error(err)
	}
	if _, err := Migrate(ctx, from, to); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a migration over an existing store: %v", err)
	}
}
