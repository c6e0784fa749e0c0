package sqlite

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/storetest"
	"github.com/entente/entente/tlog"
)

// MustOpenDB opens a DB in a new temporary directory and closes it when the
// test ends.
func MustOpenDB(tb testing.TB) *DB {
	tb.Helper()
	db := mustOpen(tb, filepath.Join(tb.TempDir(), "entente.db"))
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// mustOpen opens the DB at path, failing the test if it cannot.
func mustOpen(tb testing.TB, path string) *DB {
	tb.Helper()
	db, err := Open(path)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(tb testing.TB, dir string) logstore.Store {
		return mustOpen(tb, filepath.Join(dir, "entente.db"))
	})
}

// TestPragmas checks the durability settings on both the writer and a
// reader connection, since each pool applies them from its own DSN.
func TestPragmas(t *testing.T) {
	db := MustOpenDB(t)
	want := map[string]string{
		"journal_mode": "wal",
		"synchronous":  "2", // FULL
		"foreign_keys": "1",
		"busy_timeout": "5000",
	}
	for name, pool := range map[string]*sql.DB{"writer": db.write, "reader": db.read} {
		t.Run(name, func(t *testing.T) {
			got := make(map[string]string)
			for pragma := range want {
				got[pragma] = queryString(t, pool, "PRAGMA "+pragma)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("pragmas (-want +got):\n%s", diff)
			}
		})
	}
	if got := queryString(t, db.read, "PRAGMA query_only"); got != "1" {
		t.Errorf("reader query_only = %s, want 1", got)
	}
	if _, err := db.read.Exec(`DELETE FROM entries`); err == nil {
		t.Error("a reader connection could write")
	}
}

// queryString runs a query that returns one value and returns it as text.
func queryString(tb testing.TB, db *sql.DB, query string) string {
	tb.Helper()
	var s string
	if err := db.QueryRow(query).Scan(&s); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return s
}

// TestMigrationsOnce checks that migrations are recorded and that neither a
// second run nor a reopen applies any of them again.
func TestMigrationsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entente.db")
	db := mustOpen(t, path)
	before := migrationRows(t, db)
	if len(before) != len(migrations) {
		t.Fatalf("schema_migrations has %d rows, want %d", len(before), len(migrations))
	}
	applied, err := migrate(t.Context(), db.write)
	if err != nil || applied != 0 {
		t.Errorf("migrate on a migrated database applied %d, %v; want 0, nil", applied, err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	db = mustOpen(t, path)
	defer db.Close()
	if diff := cmp.Diff(before, migrationRows(t, db)); diff != "" {
		t.Errorf("schema_migrations changed on reopen (-before +after):\n%s", diff)
	}
}

// migrationRows returns schema_migrations as "version name applied_at"
// lines; applied_at changes if a migration is ever applied twice.
func migrationRows(tb testing.TB, db *DB) []string {
	tb.Helper()
	rows, err := db.read.Query(`SELECT version, name, applied_at FROM schema_migrations ORDER BY version`)
	if err != nil {
		tb.Fatalf("read schema_migrations: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var version, name, at string
		if err := rows.Scan(&version, &name, &at); err != nil {
			tb.Fatalf("scan schema_migrations: %v", err)
		}
		out = append(out, version+" "+name+" "+at)
	}
	if err := rows.Err(); err != nil {
		tb.Fatalf("read schema_migrations: %v", err)
	}
	return out
}

// TestNewerSchemaRefused checks that a database migrated by a newer
// program is not opened with this program's older idea of the schema.
func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entente.db")
	db := mustOpen(t, path)
	_, err := db.write.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'now')`, len(migrations)+1)
	if err != nil {
		t.Fatalf("insert: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if db, err := Open(path); err == nil {
		db.Close()
		t.Fatal("Open of a database with a newer schema succeeded")
	} else if !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open: %v; want an error about a newer schema", err)
	}
}

// TestOpenErrors checks that Open explains the paths it cannot use.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"empty path", "", "empty path"},
		{"missing directory", filepath.Join(dir, "missing", "entente.db"), "does not exist"},
		{"parent is a file", filepath.Join(file, "entente.db"), "not a directory"},
		{"path is a directory", dir, "sqlite: open"},
		{"not a database", file, "sqlite: open"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(tc.path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", tc.path)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open(%q) = %v; want an error containing %q", tc.path, err, tc.want)
			}
		})
	}
}

// TestOddPath checks that characters with a meaning in URIs are taken
// literally in the path, since Open passes SQLite a file: URI.
func TestOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a dir?with#odd%chars&x=1")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "entente?.db")
	db := mustOpen(t, path)
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not created at the literal path: %v", err)
	}
}

// TestAppendErrorNamesLog checks the error wrapping: the message names
// the store and the log, and the entente code still reaches callers.
func TestAppendErrorNamesLog(t *testing.T) {
	db := MustOpenDB(t)
	err := db.Append(t.Context(), "pact-7", 0, nil, tlog.TreeHead{Log: "pact-7"})
	if code := entente.ErrorCode(err); code != entente.EINVALID {
		t.Errorf("code %q, want %q (error %v)", code, entente.EINVALID, err)
	}
	if want := `sqlite: append to log "pact-7": `; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v; want it to start with %q", err, want)
	}
}

func TestDrafts(t *testing.T) {
	storetest.RunDrafts(t, func(tb testing.TB, dir string) storetest.DraftsAndWebhooks { return openIn(tb, dir) })
}

func TestPasskeys(t *testing.T) {
	storetest.RunPasskeys(t, func(tb testing.TB, dir string) storetest.PasskeyStore { return openIn(tb, dir) })
}

func TestSignIns(t *testing.T) {
	storetest.RunSignIns(t, func(tb testing.TB, dir string) logstore.SignInStore { return openIn(tb, dir) })
}

// openIn opens the store kept in dir, closed when tb ends: opened twice,
// two servers on one store.
func openIn(tb testing.TB, dir string) *DB {
	tb.Helper()
	db := mustOpen(tb, filepath.Join(dir, "entente.db"))
	tb.Cleanup(func() { db.Close() })
	return db
}
