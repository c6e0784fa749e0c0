package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
)

// migrationFiles holds the schema, one numbered file per change. Files are
// only ever added: a database records the versions it has applied, so
// editing an applied file would never reach it.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one schema change: the SQL of migrations/NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations is the embedded schema history, loaded once; a malformed file
// name is a build mistake, so it panics at init rather than at Open.
var migrations = mustLoadMigrations(migrationFiles)

// mustLoadMigrations reads the migration files in fsys, checking that their
// versions run 1, 2, 3 ... without gaps or duplicates, so the order in which
// they apply can never be in doubt.
func mustLoadMigrations(fsys fs.FS) []migration {
	names, err := fs.Glob(fsys, "migrations/*.sql") // sorted by name
	if err != nil {
		panic(err)
	}
	ms := make([]migration, 0, len(names))
	for i, name := range names {
		m, err := loadMigration(fsys, name)
		if err != nil {
			panic(fmt.Sprintf("sqlite: migration %s: %v", name, err))
		}
		if m.version != i+1 {
			panic(fmt.Sprintf("sqlite: migration %s: version %d, want %d", name, m.version, i+1))
		}
		ms = append(ms, m)
	}
	return ms
}

// loadMigration reads one migration file, named NNNN_description.sql.
func loadMigration(fsys fs.FS, name string) (migration, error) {
	base := strings.TrimSuffix(path.Base(name), ".sql")
	num, _, ok := strings.Cut(base, "_")
	if !ok {
		return migration{}, errors.New("name is not NNNN_description.sql")
	}
	version, err := strconv.Atoi(num)
	if err != nil {
		return migration{}, fmt.Errorf("version: %w", err)
	}
	text, err := fs.ReadFile(fsys, name)
	if err != nil {
		return migration{}, err
	}
	return migration{version: version, name: base, sql: string(text)}, nil
}

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

// applyMigration runs one migration and records it, inside tx.
func applyMigration(ctx context.Context, tx *sql.Tx, m migration) error {
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migrate: %s: %w", m.name, err)
	}
	_, err := tx.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, time.Now().UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("migrate: record %s: %w", m.name, err)
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
