package main

import (
	"context"
	"flag"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/backend"
)

// DefaultDB is where the store lives unless --db says otherwise.
const DefaultDB = "entente.db"

// common holds the flags every store verb takes.
type common struct {
	db   string
	json bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.db, "db", DefaultDB, "the store: a SQLite `file` (its signing key is kept beside it in FILE.key) or a postgres:// URL (its key in the file $"+backend.KeyEnv+" names)")
	fs.BoolVar(&c.json, "json", false, "print JSON instead of a table")
}

// storeVerbFlags is newFlags for a verb on a store: with the common flags.
func storeVerbFlags(env *cli, name string, subst ...string) (*flag.FlagSet, *common) {
	fs := newFlags(env, name, subst...)
	c := new(common)
	c.register(fs)
	return fs, c
}

// open opens the store at db and the ledger over it on the wall clock,
// closed by m.Close; create allows a new store
// (for verbs that write the first record, such as actor add).
func (m *Main) open(ctx context.Context, db string, create bool) (*backend.Ledger, error) {
	l, err := backend.OpenLedger(ctx, db, create, time.Now)
	if err != nil {
		return nil, err
	}
	m.onClose(l.Close)
	return l, nil
}

// openPact opens the store at db, closed by m.Close, and reads the pact
// id from it (ENOTFOUND when the store has no such pact).
func (m *Main) openPact(ctx context.Context, db, id string) (*backend.Ledger, *entente.PactState, error) {
	l, err := m.open(ctx, db, false)
	if err != nil {
		return nil, nil, err
	}
	st, err := l.Pact(entente.PactID(id))
	return l, st, err
}
