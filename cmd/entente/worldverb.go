package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/world"
)

func runWorld(ctx context.Context, env *cli, args []string) error {
	_, args, err := program.Subcommand("world", args)
	if err != nil {
		return err
	}
	fs, c := storeVerbFlags(env, "world import")
	var data datadir.Flag
	cmdline.Bind(fs, &data)
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	if _, err := os.Stat(c.db); err == nil {
		return usagef("--db: %s exists; world import writes a new store", c.db)
	}
	d, err := data.Locate(datadir.WorldFiles...)
	if err != nil {
		return err
	}
	logs, err := d.World()
	if err != nil {
		return err
	}
	// The world is the operator's record: replayed and verified by the
	// same code as any import before anything is written.
	return writeWorld(ctx, env, c, logs)
}

// writeWorld writes the world's logs into the new store c.db and verifies
// it; a failure leaves no store behind.
func writeWorld(ctx context.Context, env *cli, c *common, logs []world.Log) error {
	n, err := backend.WriteRecord(ctx, c.db, time.Now(), logs)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "imported %d actors and %d pacts (%d entries) into %s; verified\n", len(logs[0].Events), len(logs)-1, n, c.db)
	return nil
}
