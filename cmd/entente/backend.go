package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/postgres"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// keyEnv names the environment variable that says where the signing key of
// a PostgreSQL store is kept. A SQLite store keeps its key beside the file;
// a database has no "beside", and every server on it must sign with the
// same key, so the operator names a file that all of them can read.
const keyEnv = "ENTENTE_SERVER_KEY"

// isPostgres reports whether a --db value names a PostgreSQL database (a
// postgres:// or postgresql:// URL) rather than a SQLite file.
func isPostgres(db string) bool {
	return postgres.IsURL(db)
}

// backendName returns a --db value as it may be shown: a SQLite path as is,
// a PostgreSQL URL with its password hidden.
func backendName(db string) string {
	if isPostgres(db) {
		return postgres.Redact(db)
	}
	return db
}

// openBackend opens the store that a --db value names: a postgres:// or
// postgresql:// URL opens that PostgreSQL database (which must exist; the
// store's tables are created in it), anything else the SQLite file at that
// path. A SQLite file that does not exist is created, with its directory,
// when create is set, and is an error naming the path otherwise.
func openBackend(ctx context.Context, db string, create bool) (logstore.Store, error) {
	if isPostgres(db) {
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

// backendKeyPath returns where the signing key of the store named by db is
// kept: beside a SQLite file (db + ".key"), or for PostgreSQL in the file
// that ENTENTE_KEY names, which is an error to leave unset.
func backendKeyPath(db string) (string, error) {
	if !isPostgres(db) {
		return db + ".key", nil
	}
	path := os.Getenv(keyEnv)
	if path == "" {
		return "", fmt.Errorf("--db is a PostgreSQL URL: set %s to the signing key file that every server on this database shares (created if missing)", keyEnv)
	}
	return path, nil
}

// openBackendWithKey opens the store that db names, as openBackend does,
// and its signing key, creating the key only for a store that holds no log
// yet. It is openStore for either backend.
func openBackendWithKey(ctx context.Context, db string, create bool) (logstore.Store, tlog.Signer, error) {
	keyFile, err := backendKeyPath(db)
	if err != nil {
		return nil, tlog.Signer{}, err
	}
	st, err := openBackend(ctx, db, create)
	if err != nil {
		return nil, tlog.Signer{}, err
	}
	if _, err := os.Stat(keyFile); err != nil {
		// A new key over existing logs would silently change the server's
		// identity, and no old head would verify.
		logs, lerr := st.Logs(ctx)
		if lerr == nil && len(logs) > 0 {
			lerr = fmt.Errorf("the store %s holds %d logs but its signing key %s is missing: restore the key (a new one would not verify the old heads)", backendName(db), len(logs), keyFile)
		}
		if lerr != nil {
			return nil, tlog.Signer{}, errors.Join(lerr, st.Close())
		}
	}
	signer, err := tlog.LoadOrCreateKey(keyFile, rand.Reader)
	if err != nil {
		return nil, tlog.Signer{}, errors.Join(fmt.Errorf("signing key %s: %w", keyFile, err), st.Close())
	}
	return st, signer, nil
}
