package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

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
var migrations = logstore.MustLoadMigrations("sqlite", migrationFiles)

// createMigrationsTable creates the table recording applied migrations; it
// is the one piece of schema that cannot itself be a migration.
const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`

// migrate applies the migrations that db has not yet applied, in order, in
// one transaction, and returns how many it applied. The transaction begins
// IMMEDIATE (see the writer's DSN), so two processes opening a new database
// at once cannot both apply the same migration: the second waits, then
// finds nothing left to do.
func migrate(ctx context.Context, db *sql.DB) (applied int, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	defer rollback(tx, &err)
	if _, err := tx.ExecContext(ctx, createMigrationsTable); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	current, err := schemaVersion(ctx, tx)
	if err != nil {
		return 0, err
	}
	for _, m := range migrations[current:] {
		if err := applyMigration(ctx, tx, m); err != nil {
			return 0, err
		}
		applied++
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("migrate: commit: %w", err)
	}
	return applied, nil
}

// schemaVersion returns the highest applied migration version. A database
// written by a newer Entente is refused rather than used with a schema this
// code does not know.
func schemaVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var current int
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current)
	if err != nil {
		return 0, fmt.Errorf("migrate: read schema version: %w", err)
	}
	if current > len(migrations) {
		return 0, fmt.Errorf("migrate: database has schema version %d, newer than this program's %d", current, len(migrations))
	}
	return current, nil
}

// migrationChecks say in words why a migration's own check refused a
// store, by the constraint SQLite names.
var migrationChecks = map[string]string{
	"heads_kept": "a signed tree head has no entry at its size (a head beyond its log), and moving the heads onto their last entries would lose it",
}

// applyMigration runs one migration and records it, inside tx.
func applyMigration(ctx context.Context, tx *sql.Tx, m logstore.Migration) error {
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		for check, why := range migrationChecks {
			if strings.Contains(err.Error(), check) {
				return fmt.Errorf("migrate: %s: %s; nothing was changed (%w)", m.Name, why, err)
			}
		}
		return fmt.Errorf("migrate: %s: %w", m.Name, err)
	}
	_, err := tx.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("migrate: record %s: %w", m.Name, err)
	}
	return nil
}

// rollback rolls tx back if *err is set, adding any rollback failure to it.
// It is meant to be deferred right after a transaction begins.
func rollback(tx *sql.Tx, err *error) {
	if *err == nil {
		return
	}
	if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
		*err = errors.Join(*err, fmt.Errorf("rollback: %w", rbErr))
	}
}
