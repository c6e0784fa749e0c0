package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/entente/entente/ledger"
	"github.com/entente/entente/sqlite"
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
	fs.StringVar(&c.db, "db", DefaultDB, "the SQLite store `file`; its signing key is kept beside it in FILE.key")
	fs.BoolVar(&c.json, "json", false, "print JSON instead of a table")
}

// keyPath is where the server's signing key lives: beside the store.
func keyPath(db string) string { return db + ".key" }

// pubPath is where the server's public key is written beside the store:
// all that verify needs.
func pubPath(db string) string { return db + ".pub" }

// delegatesDir is where the demo's delegate keys are written.
func delegatesDir(db string) string { return db + ".delegates" }

// openStore opens (creating if asked) the store at path and its key.
func openStore(path string, create bool) (*sqlite.DB, tlog.Signer, error) {
	if !create {
		if _, err := os.Stat(path); err != nil {
			return nil, tlog.Signer{}, fmt.Errorf("no store at %s (run 'entente serve' or pass --db): %w", path, err)
		}
	}
	if dir := filepath.Dir(path); create {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, tlog.Signer{}, err
		}
	}
	db, err := sqlite.Open(path)
	if err != nil {
		return nil, tlog.Signer{}, err
	}
	signer, err := storeKey(context.Background(), db, path)
	if err != nil {
		db.Close()
		return nil, tlog.Signer{}, err
	}
	return db, signer, nil
}

// storeKey loads the key beside a store, creating one only for a store
// that holds no log yet: a new key over existing logs would be a silent
// change of the server's identity, and every old head would fail.
func storeKey(ctx context.Context, db *sqlite.DB, path string) (tlog.Signer, error) {
	if _, err := os.Stat(keyPath(path)); err != nil {
		logs, lerr := db.Logs(ctx)
		if lerr != nil {
			return tlog.Signer{}, lerr
		}
		if len(logs) > 0 {
			return tlog.Signer{}, fmt.Errorf("the store %s holds %d logs but its signing key %s is missing: restore the key (a new one would not verify the old heads)", path, len(logs), keyPath(path))
		}
	}
	signer, err := tlog.LoadOrCreateKey(keyPath(path), rand.Reader)
	if err != nil {
		return tlog.Signer{}, err
	}
	pub := tlog.MarshalVerifier(signer.Public())
	if old, err := os.ReadFile(pubPath(path)); err != nil || string(old) != string(pub) {
		if err := os.WriteFile(pubPath(path), pub, 0o644); err != nil {
			return tlog.Signer{}, err
		}
	}
	return signer, nil
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

// output prints v as JSON, or as a table from rows.
func (c *common) output(w io.Writer, v any, header []string, rows [][]string) error {
	if c.json {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	return table(w, header, rows)
}

func table(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	printRow(tw, header)
	for _, r := range rows {
		printRow(tw, r)
	}
	return tw.Flush()
}

func printRow(w io.Writer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			fmt.Fprint(w, "\t")
		}
		fmt.Fprint(w, c)
	}
	fmt.Fprintln(w)
}
