package main

import (
	"context"
	"fmt"

	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
)

func runMigrate(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "migrate")
	from := fs.String("from", "", "the `store` to copy: a SQLite file or a postgres:// URL")
	to := fs.String("to", "", "the new or empty `store` to copy into")
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *from == "":
		return usagef("migrate: --from: expected the store to copy")
	case *to == "":
		return usagef("migrate: --to: expected the store to copy into")
	case *from == *to:
		return usagef("migrate: --from and --to name the same store %s", backend.Name(*from))
	}
	m, err := backend.Migrate(ctx, *from, *to)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "migrated %d entries in %d logs from %s to %s; entries and heads compared, heads verified under key %s\n",
		m.Entries, m.Logs, backend.Name(*from), backend.Name(*to), m.Key.KeyID())
	if backend.IsPostgres(*to) {
		fmt.Fprintf(env.Stdout, "servers on %s must sign with the same key: %s=%s\n", backend.Name(*to), backend.KeyEnv, m.KeyFile)
	}
	return nil
}
