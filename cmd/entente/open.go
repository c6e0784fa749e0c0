package main

import (
	"context"
	"flag"
	"os"
	"time"

	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// DefaultDB is where the store lives unless --db says otherwise.
const DefaultDB = "entente.db"

// common holds the flags every store verb takes.
type common struct {
	db   string
	json bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.db, "db", DefaultDB, "the store: a SQLite `file` (its signing key is kept beside it in FILE.key) or a postgres:// URL (its key in the file $ENTENTE_SERVER_KEY names)")
	fs.BoolVar(&c.json, "json", false, "print JSON instead of a table")
}

// keyPath is where the server's signing key lives: beside the store.
func keyPath(db string) string { return db + ".key" }

// pubPath is where the server's public key is written beside the store:
// all that verify needs.
func pubPath(db string) string { return db + ".pub" }

// delegatesDir is where the demo's delegate keys are written.
func delegatesDir(db string) string { return db + ".delegates" }

// openStore opens (creating if asked) the store that path names, a SQLite
// file or a postgres:// URL (see openBackend), and its signing key, which
// is created only for a store that holds no log yet; it writes the key's
// public half beside it (pubPath), all that verify needs.
func openStore(path string, create bool) (logstore.Store, tlog.Signer, error) {
	ctx := context.Background()
	db, signer, err := openBackendWithKey(ctx, path, create)
	if err != nil {
		return nil, tlog.Signer{}, err
	}
	pub, err := storePubPath(path)
	if err == nil {
		err = writePub(pub, signer)
	}
	if err != nil {
		db.Close()
		return nil, tlog.Signer{}, err
	}
	return db, signer, nil
}

// storePubPath is where the public key of the store that db names is
// written: beside a SQLite file, or beside the key file of a PostgreSQL
// store.
func storePubPath(db string) (string, error) {
	if !isPostgres(db) {
		return pubPath(db), nil
	}
	key, err := backendKeyPath(db)
	return key + ".pub", err
}

// writePub writes the public key file when it is missing or stale.
func writePub(path string, signer tlog.Signer) error {
	pub := tlog.MarshalVerifier(signer.Public())
	if old, err := os.ReadFile(path); err == nil && string(old) == string(pub) {
		return nil
	}
	return os.WriteFile(path, pub, 0o644)
}

// openService opens the store at c.db and the ledger over it, on the
// wall clock.
func (c *common) openService(ctx context.Context) (*ledger.Service, func(), error) {
	db, signer, err := openStore(c.db, false)
	if err != nil {
		return nil, nil, err
	}
	svc, err := ledger.Open(ctx, db, signer, time.Now)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return svc, func() { db.Close() }, nil
}
