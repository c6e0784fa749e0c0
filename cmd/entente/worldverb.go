package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
	"github.com/entente/entente/world"
)

func runWorld(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		return usagef("world: expected import (see entente world --help)")
	}
	fs, c := storeVerbFlags(env, "world import")
	var data dataFlag
	data.register(fs)
	if err := cmdline.Parse(fs, args[1:]); err != nil {
		return err
	}
	if _, err := os.Stat(c.db); err == nil {
		return usagef("--db: %s exists; world import writes a new store", c.db)
	}
	logs, err := worldLogs(&data)
	if err != nil {
		return err
	}
	// The world is the operator's record: replayed and verified by the
	// same code as any import before anything is written.
	return writeWorld(ctx, env, c, logs)
}

// worldLogs builds the world's logs from the data.
func worldLogs(data *dataFlag) ([]world.Log, error) {
	d, err := data.locate(datadir.WorldFiles...)
	if err != nil {
		return nil, err
	}
	return d.World()
}

// writeWorld writes the world's logs into the new store c.db and verifies
// it; a failure leaves no store behind.
func writeWorld(ctx context.Context, env *cli, c *common, logs []world.Log) error {
	rec := make([]ledger.Recorded, len(logs))
	for i, l := range logs {
		rec[i] = ledger.Recorded{Name: l.Name, Events: l.Events}
	}
	var n int64
	err := fillAtomically(ctx, c.db, func(db logstore.Store, signer tlog.Signer) error {
		var err error
		n, err = ledger.WriteRecord(ctx, db, signer, time.Now(), rec)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "imported %d actors and %d pacts (%d entries) into %s; verified\n", len(logs[0].Events), len(logs)-1, n, c.db)
	return nil
}
