package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/storetest"
	"github.com/entente/entente/tlog"
)

// dsnEnv names the environment variable holding the URL of a PostgreSQL
// database the tests may create databases in (.ci/postgres.sh prints it).
const dsnEnv = "ENTENTE_TEST_POSTGRES"

// testDB is the URL of the database created for this run of the tests, or
// "" when dsnEnv is unset; setupErr says why it could not be created.
var (
	testDB   string
	setupErr error
)

// TestMain creates one database for this run of the package's tests and
// drops it at the end; each store the tests open lives in a schema of its
// own in it, so tests do not see each other's logs.
func TestMain(m *testing.M) {
	admin := os.Getenv(dsnEnv)
	var drop func()
	if admin != "" {
		testDB, drop, setupErr = createDatabase(admin)
	}
	code := m.Run()
	if drop != nil {
		drop()
	}
	os.Exit(code)
}

// createDatabase creates a database with a fresh name on the server at
// admin and returns its URL and a function that drops it.
func createDatabase(admin string) (string, func(), error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", nil, fmt.Errorf("connect to %s=%s: %w", dsnEnv, Redact(admin), err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("entente_test_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		conn, err := pgx.Connect(ctx, admin)
		if err == nil {
			_, err = conn.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)")
			conn.Close(ctx)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "postgres tests: drop database %s: %v\n", name, err)
		}
	}
	return u.String(), drop, nil
}

// needDB returns the URL of the test database, skipping the test when
// there is none, or failing it when CI is set: CI must run these tests.
func needDB(tb testing.TB) string {
	tb.Helper()
	switch {
	case setupErr != nil:
		tb.Fatalf("test database: %v", setupErr)
	case testDB == "" && os.Getenv("CI") != "":
		tb.Fatalf("%s is not set, and CI is: run the tests through .ci/run, which starts PostgreSQL", dsnEnv)
	case testDB == "":
		tb.Skipf("%s is not set; start a server with: eval \"$(.ci/postgres.sh start)\"", dsnEnv)
	}
	return testDB
}

// schemas remembers the schemas already created, by name.
var schemas sync.Map

// schemaURL returns the URL of a store in the schema named after key,
// creating the schema if needed. The same key always gives the same
// schema, which is how the contract suite reopens a store.
func schemaURL(tb testing.TB, key string) string {
	tb.Helper()
	base := needDB(tb)
	sum := sha256.Sum256([]byte(key))
	schema := "s_" + hex.EncodeToString(sum[:10])
	if _, done := schemas.Load(schema); !done {
		conn, err := pgx.Connect(tb.Context(), base)
		if err != nil {
			tb.Fatalf("connect: %v", err)
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(tb.Context(), "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
			tb.Fatalf("create schema %s: %v", schema, err)
		}
		schemas.Store(schema, true)
	}
	return withParam(tb, base, "search_path", schema)
}

// withParam returns rawURL with the query parameter key set to value.
func withParam(tb testing.TB, rawURL, key, value string) string {
	tb.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// mustOpen opens the store at rawURL, failing the test if it cannot.
func mustOpen(tb testing.TB, rawURL string) *DB {
	tb.Helper()
	db, err := Open(tb.Context(), rawURL)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return db
}

// MustOpenDB opens a store in a new schema and closes it when the test
// ends.
func MustOpenDB(tb testing.TB) *DB {
	tb.Helper()
	db := mustOpen(tb, schemaURL(tb, tb.Name()+"/"+tb.TempDir()))
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

func TestStore(t *testing.T) {
	needDB(t)
	storetest.Run(t, func(tb testing.TB, dir string) logstore.Store {
		return mustOpen(tb, schemaURL(tb, dir))
	})
}

// TestMigrationsOnce checks that migrations are recorded and that neither a
// second run nor a reopen applies any of them again.
func TestMigrationsOnce(t *testing.T) {
	u := schemaURL(t, t.Name())
	db := mustOpen(t, u)
	before := migrationRows(t, db)
	if len(before) != len(migrations) {
		t.Fatalf("schema_migrations has %d rows, want %d", len(before), len(migrations))
	}
	applied, err := migrate(t.Context(), db.pool)
	if err != nil || applied != 0 {
		t.Errorf("migrate on a migrated database applied %d, %v; want 0, nil", applied, err)
	}
	db.Close()
	db = mustOpen(t, u)
	defer db.Close()
	if after := migrationRows(t, db); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("schema_migrations changed on reopen: %q, then %q", before, after)
	}
}

// migrationRows returns schema_migrations as "version name applied_at"
// lines; applied_at changes if a migration is ever applied twice.
func migrationRows(tb testing.TB, db *DB) []string {
	tb.Helper()
	rows, err := db.pool.Query(tb.Context(), `SELECT version || ' ' || name || ' ' || applied_at FROM schema_migrations ORDER BY version`)
	if err != nil {
		tb.Fatalf("read schema_migrations: %v", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		tb.Fatalf("read schema_migrations: %v", err)
	}
	return out
}

// TestConcurrentOpen opens one new schema from several goroutines at once:
// the migration must be applied exactly once and every Open succeed.
func TestConcurrentOpen(t *testing.T) {
	u := schemaURL(t, t.Name())
	var wg sync.WaitGroup
	dbs := make([]*DB, 6)
	errs := make([]error, len(dbs))
	for i := range dbs {
		wg.Go(func() { dbs[i], errs[i] = Open(t.Context(), u) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Open %d: %v", i, err)
		}
		defer dbs[i].Close()
	}
	if rows := migrationRows(t, dbs[0]); len(rows) != len(migrations) {
		t.Errorf("schema_migrations has %q, want %d rows", rows, len(migrations))
	}
}

// TestNewerSchemaRefused checks that a database migrated by a newer
// program is not opened with this program's older idea of the schema.
func TestNewerSchemaRefused(t *testing.T) {
	u := schemaURL(t, t.Name())
	db := mustOpen(t, u)
	_, err := db.pool.Exec(t.Context(), `INSERT INTO schema_migrations (version, name) VALUES ($1, 'future')`, len(migrations)+1)
	db.Close()
	if err != nil {
		t.Fatalf("insert: %v", err)
	}
	if db, err := Open(t.Context(), u); err == nil {
		db.Close()
		t.Fatal("Open of a database with a newer schema succeeded")
	} else if !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open: %v; want an error about a newer schema", err)
	}
}

// TestOpenErrors checks that Open explains the URLs it cannot use, with the
// right code and without showing a password.
func TestOpenErrors(t *testing.T) {
	base := needDB(t)
	tests := []struct {
		name, url, code, want string
	}{
		{"not a URL", "entente.db", entente.EINVALID, "not a postgres:// or postgresql:// URL"},
		{"other scheme", "mysql://u:hunter2@localhost/db", entente.EINVALID, "not a postgres"},
		{"bad port", "postgres://u:hunter2@localhost:notaport/db", entente.EINVALID, "postgres: open"},
		{"unknown parameter value", "postgres://u:hunter2@localhost/db?sslmode=sometimes", entente.EINVALID, "sslmode"},
		{"nothing listening", "postgres://u:hunter2@127.0.0.1:1/db?connect_timeout=2", ECodeUnavailable, "unavailable"},
		{"missing schema", withParam(t, base, "search_path", "no_such_schema"), entente.EINVALID, "search_path"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(t.Context(), tc.url)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", tc.url)
			}
			if code := entente.ErrorCode(err); code != tc.code {
				t.Errorf("code %q, want %q (error %v)", code, tc.code, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v; want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %v shows the password", err)
			}
		})
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
	if want := `postgres: append to log "pact-7": `; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v; want it to start with %q", err, want)
	}
}

// TestNamesTextCannotHold checks log names that PostgreSQL's text cannot
// store: Append refuses them as EINVALID, and reads find nothing.
func TestNamesTextCannotHold(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	for _, name := range []string{"pact\x00x", "pact\xff"} {
		data := []byte("x")
		head := tlog.TreeHead{Log: name, Size: 1, Time: time.Now()}
		err := db.Append(ctx, name, 0, []logstore.Entry{{Data: data, LeafHash: tlog.LeafHash(data)}}, head)
		if code := entente.ErrorCode(err); code != entente.EINVALID || !strings.Contains(err.Error(), "UTF-8 text without NUL") {
			t.Errorf("Append(%q): %v; want EINVALID naming the problem", name, err)
		}
		if n, err := db.Len(ctx, name); n != 0 || err != nil {
			t.Errorf("Len(%q) = %d, %v; want 0, nil", name, n, err)
		}
		if e, err := db.Entries(ctx, name, 0, -1); len(e) != 0 || err != nil {
			t.Errorf("Entries(%q) = %d entries, %v; want none, nil", name, len(e), err)
		}
		if h, err := db.Heads(ctx, name); len(h) != 0 || err != nil {
			t.Errorf("Heads(%q) = %d heads, %v; want none, nil", name, len(h), err)
		}
	}
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"postgres://localhost/db":       true,
		"postgresql://u@h:5432/db?x=1":  true,
		"POSTGRES://localhost/db":       true,
		"entente.db":                    false,
		"postgres.db":                   false,
		"./postgres://x":                false,
		"sqlite://entente.db":           false,
		"postgres:/missing-slashes/db":  false,
		"/srv/postgresql://odd/path.db": false,
		"":                              false,
	} {
		if got := IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %t, want %t", s, got, want)
		}
	}
}

func TestParsePayload(t *testing.T) {
	tests := []struct {
		payload string
		want    Appended
		err     bool
	}{
		{"12 pact-1", Appended{Log: "pact-1", Size: 12}, false},
		{"3 a name with spaces", Appended{Log: "a name with spaces", Size: 3}, false},
		{"7", Appended{Size: 7}, false},
		{"seven pact", Appended{}, true},
	}
	for _, tc := range tests {
		got := parsePayload(tc.payload)
		if got.Log != tc.want.Log || got.Size != tc.want.Size || (got.Err != nil) != tc.err {
			t.Errorf("parsePayload(%q) = %+v, want %+v (error %t)", tc.payload, got, tc.want, tc.err)
		}
	}
}

func TestDrafts(t *testing.T) {
	needDB(t)
	storetest.RunDrafts(t, func(tb testing.TB, dir string) storetest.DraftsAndWebhooks { return openIn(tb, dir) })
}

func TestPasskeys(t *testing.T) {
	needDB(t)
	storetest.RunPasskeys(t, func(tb testing.TB, dir string) storetest.PasskeyStore { return openIn(tb, dir) })
}

func TestSignIns(t *testing.T) {
	needDB(t)
	storetest.RunSignIns(t, func(tb testing.TB, dir string) logstore.SignInStore { return openIn(tb, dir) })
}

// openIn opens the store kept in dir, closed when tb ends: opened twice,
// two servers on one store.
func openIn(tb testing.TB, dir string) *DB {
	tb.Helper()
	db := mustOpen(tb, schemaURL(tb, dir))
	tb.Cleanup(func() { db.Close() })
	return db
}
