// Package backend opens the store that a --db value names, a SQLite file
// or a PostgreSQL URL, with the server's signing key, and fills, copies
// and removes stores as whole units: a store filled from an export or the
// world data appears only once it verifies, and a migration is all or
// nothing. It is the one place that knows both adapters (which never
// import each other); the entente command calls it.
package backend

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/postgres"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// KeyEnv names the environment variable that says where the signing key of
// a PostgreSQL store is kept. A SQLite store keeps its key beside the file;
// a database has no "beside", and every server on it must sign with the
// same key, so the operator names a file that all of them can read.
const KeyEnv = "ENTENTE_SERVER_KEY"

// IsPostgres reports whether a --db value names a PostgreSQL database (a
// postgres:// or postgresql:// URL) rather than a SQLite file.
func IsPostgres(db string) bool { return postgres.IsURL(db) }

// Name returns a --db value as it may be shown: a SQLite path as is, a
// PostgreSQL URL with its password hidden.
func Name(db string) string {
	if IsPostgres(db) {
		return postgres.Redact(db)
	}
	return db
}

// KeyPath returns where the signing key of the SQLite store at path is
// kept: beside it.
func KeyPath(path string) string { return path + ".key" }

// PubPath returns where the public key of the SQLite store at path is
// written beside it: all that verify needs.
func PubPath(path string) string { return path + ".pub" }

// Open opens the store that db names: a postgres:// or postgresql:// URL
// opens that PostgreSQL database (which must exist; the store's tables
// are created in it), anything else the SQLite file at that path. A SQLite
// file that does not exist is created, with its folder, when create is
// set, and is an error naming the path otherwise.
func Open(ctx context.Context, db string, create bool) (logstore.Store, error) {
	if IsPostgres(db) {
		return postgres.Open(ctx, db)
	}
	if db == "" {
		return nil, fmt.Errorf("--db: expected a SQLite file path or a postgres:// URL, got nothing")
	}
	if !create {
		if _, err := os.Stat(db); err != nil {
			return nil, fmt.Errorf("no store at %s (run 'entente serve' or pass --db): %w", db, err)
		}
	} else if err := os.MkdirAll(filepath.Dir(db), 0o755); err != nil {
		return nil, fmt.Errorf("create the directory of %s: %w", db, err)
	}
	return sqlite.Open(db)
}

// SignerPath returns where the signing key of the store named by db is
// kept: beside a SQLite file, or for PostgreSQL in the file that KeyEnv
// names, which is an error to leave unset.
func SignerPath(db string) (string, error) {
	if !IsPostgres(db) {
		return KeyPath(db), nil
	}
	path := os.Getenv(KeyEnv)
	if path == "" {
		return "", fmt.Errorf("--db is a PostgreSQL URL: set %s to the signing key file that every server on this database shares (created if missing)", KeyEnv)
	}
	return path, nil
}

// PublicPath returns where the public key of the store that db names is
// written: beside a SQLite file, or beside the key file of a PostgreSQL
// store.
func PublicPath(db string) (string, error) {
	if !IsPostgres(db) {
		return PubPath(db), nil
	}
	key, err := SignerPath(db)
	return key + ".pub", err
}

// OpenSigned opens the store that db names, as Open does, and its signing
// key, which is created only for a store that holds no log yet (a new key
// over existing logs would silently change the server's identity, and no
// old head would verify). It writes the key's public half beside it
// (PublicPath) when it is missing or stale.
func OpenSigned(ctx context.Context, db string, create bool) (logstore.Store, tlog.Signer, error) {
	keyFile, err := SignerPath(db)
	if err != nil {
		return nil, tlog.Signer{}, err
	}
	st, err := Open(ctx, db, create)
	if err != nil {
		return nil, tlog.Signer{}, err
	}
	fail := func(err error) (logstore.Store, tlog.Signer, error) {
		return nil, tlog.Signer{}, errors.Join(err, st.Close())
	}
	if _, err := os.Stat(keyFile); err != nil {
		logs, err := st.Logs(ctx)
		if err == nil && len(logs) > 0 {
			err = fmt.Errorf("the store %s holds %d logs but its signing key %s is missing: restore the key (a new one would not verify the old heads)", Name(db), len(logs), keyFile)
		}
		if err != nil {
			return fail(err)
		}
	}
	signer, err := tlog.LoadOrCreateKey(keyFile, rand.Reader)
	if err != nil {
		return fail(fmt.Errorf("signing key %s: %w", keyFile, err))
	}
	pub, err := PublicPath(db)
	if err == nil {
		err = writePub(pub, signer.Public())
	}
	if err != nil {
		return fail(err)
	}
	return st, signer, nil
}

// writePub writes the public key file when it is missing or stale.
func writePub(path string, v tlog.Verifier) error {
	pub := tlog.MarshalVerifier(v)
	if old, err := os.ReadFile(path); err == nil && string(old) == string(pub) {
		return nil
	}
	return os.WriteFile(path, pub, 0o644)
}

// Fill fills the new store that path names with fill and verifies it. A
// SQLite store is filled under a temporary name and renamed into place
// only once it verifies, so a fill killed half way (kill -9) leaves no
// partial store behind, nor one that verify would pass; a key that was
// already at the path (a server's own key, kept to restore a backup) is
// used and kept. A PostgreSQL store is filled in place; on failure its
// logs stay (remove them with the database's tools).
func Fill(ctx context.Context, path string, fill func(logstore.Store, tlog.Signer) error) error {
	target := path
	if !IsPostgres(path) {
		target = path + ".importing"
		Remove(target)
		if key, err := os.ReadFile(KeyPath(path)); err == nil {
			if err := os.WriteFile(KeyPath(target), key, 0o600); err != nil {
				return err
			}
		}
	}
	db, signer, err := OpenSigned(ctx, target, true)
	if err != nil {
		return err
	}
	err = fill(db, signer)
	if err == nil {
		err = verifyAll(ctx, db, signer.Public())
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if IsPostgres(path) {
		return err
	}
	if err != nil {
		Remove(target)
		return err
	}
	for _, suffix := range []string{".key", ".pub", ""} {
		if err := os.Rename(target+suffix, path+suffix); err != nil {
			return fmt.Errorf("import: moving the verified store into place: %w", err)
		}
	}
	return nil
}

// verifyAll checks a store just written, naming the first bad entry.
func verifyAll(ctx context.Context, db logstore.Store, v tlog.Verifier) error {
	reports, err := ledger.Verify(ctx, db, v)
	if err != nil {
		return err
	}
	for _, r := range reports {
		if !r.OK() {
			return fmt.Errorf("import: log %s entry %d: %s", r.Log, r.Index, r.Problem)
		}
	}
	return nil
}

// Remove deletes the SQLite store at path with its companions and keys.
func Remove(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", ".key", ".pub"} {
		os.Remove(path + suffix)
	}
}
