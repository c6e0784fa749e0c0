package main

import (
	"context"
	"fmt"

	"github.com/entente/entente/internal/backend"
)

func runMigrate(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "migrate", "--from STORE --to STORE", `
Copies every log of one store into another: a SQLite file (entente.db) or a
PostgreSQL database (postgres://user@host/db). Entries keep their exact
bytes and every signed tree head is copied as it was appended; so is each
pact's snapshot (its folded state), so that the copy opens without folding
its logs again. The copy is all or nothing: into SQLite it is written to a
temporary file that is renamed into place only once verified; into
PostgreSQL the logs are one transaction (the snapshots follow it). The
target must be new (a file that does not exist) or empty (a database
holding no logs). The copy is then verified: every entry, head and
snapshot is compared with the source, every log replayed and every
snapshot checked against a fresh fold, as 'entente verify' does (a source
verify fails, fails the copy), and the signed heads are checked against
the source's signing key, which must be found: beside a SQLite source, or
named by ENTENTE_KEY for a PostgreSQL one. The key (and its public half) is
copied beside a SQLite target; servers on a PostgreSQL target name it with
ENTENTE_KEY.`)
	from := fs.String("from", "", "the `store` to copy: a SQLite file or a postgres:// URL")
	to := fs.String("to", "", "the new or empty `store` to copy into")
	if err := parse(fs, args); err != nil {
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
	fmt.Fprintf(env.stdout, "migrated %d entries in %d logs from %s to %s; entries and heads compared, heads verified under key %s\n",
		m.Entries, m.Logs, backend.Name(*from), backend.Name(*to), m.Key.KeyID())
	if backend.IsPostgres(*to) {
		fmt.Fprintf(env.stdout, "servers on %s must sign with the same key: %s=%s\n", backend.Name(*to), backend.KeyEnv, m.KeyFile)
	}
	return nil
}
