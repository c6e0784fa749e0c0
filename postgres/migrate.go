package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/entente/entente/logstore"
)

// migrationFiles holds the schema, one numbered file per change. Files are
// only ever added: a database records the versions it has applied, so
// editing an applied file would never reach it.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations is the embedded schema history, loaded once (see
// logstore.MustLoadMigrations).
var migrations = logstore.MustLoadMigrations("postgres", migrationFiles)

// createMigrationsTable creates the table recording applied migrations; it
// is the one piece of schema that cannot itself be a migration.
const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    integer PRIMARY KEY,
	name       text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`

// migrate applies the migrations that the database has not yet applied, in
// order, in one transaction (PostgreSQL's DDL is transactional, so a failed
// migration leaves the schema as it was), and returns how many it applied.
// A transaction-level advisory lock, keyed by the schema, makes a second
// process opening a new database at the same time wait, then find nothing
// left to do.
func migrate(ctx context.Context, pool *pgxpool.Pool) (applied int, err error) {
	if upToDate(ctx, pool) {
		return 0, nil // nothing written: a read replica opens too
	}
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('entente migrate ' || current_schema()))`); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		if _, err := tx.Exec(ctx, createMigrationsTable); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		current, err := schemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		for _, m := range migrations[current:] {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("%s: %w", m.Name, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
				return fmt.Errorf("record %s: %w", m.Name, err)
			}
			applied++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", classify(ctx, err))
	}
	return applied, nil
}

// upToDate reports, reading only, whether the database has applied every
// migration: then migrate writes nothing, which a hot standby (whose
// transactions are read-only) requires. Any doubt (no table yet, an
// error) is left to migrate's transaction to settle.
func upToDate(ctx context.Context, pool *pgxpool.Pool) bool {
	var current int
	err := pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current)
	return err == nil && current == len(migrations)
}

// errNewerSchema marks a database migrated by a newer Entente.
var errNewerSchema = errors.New("newer schema")

// schemaVersion returns the highest applied migration version. A database
// written by a newer Entente is refused rather than used with a schema this
// code does not know.
func schemaVersion(ctx context.Context, tx pgx.Tx) (int, error) {
	var current int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if current > len(migrations) {
		return 0, fmt.Errorf("%w: database has schema version %d, newer than this program's %d", errNewerSchema, current, len(migrations))
	}
	return current, nil
}
