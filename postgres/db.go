package postgres

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// defaultMaxConns is the pool size unless the URL sets pool_max_conns.
// pgxpool's own default (4, or one per CPU) would let only that many appends
// wait for a WAL flush at once; PostgreSQL flushes the commits of all
// waiting backends together, so more connections mean more appends per
// flush. Several servers on one database each take this many.
const defaultMaxConns = 32

// defaultConnectTimeout bounds a connection attempt unless the URL sets
// connect_timeout, so that a database host that has gone away makes calls
// fail as unavailable instead of hanging.
const defaultConnectTimeout = 5 * time.Second

var _ logstore.Store = (*DB)(nil)

// DB is an [logstore.Store] kept in a PostgreSQL database. It is safe for
// concurrent use by many goroutines and by several processes on the same
// database.
type DB struct {
	url     string // redacted, for messages
	pool    *pgxpool.Pool
	channel string // the NOTIFY channel of this store's tables

	notifyFailures atomic.Int64
	notes          notifier
	closeOnce      sync.Once
	// appending is held to read by each append for its whole call, and
	// to write by Close (see there).
	appending sync.RWMutex
}

// IsURL reports whether s names a PostgreSQL database: a postgres:// or
// postgresql:// URL (the scheme in any case).
func IsURL(s string) bool {
	scheme, _, ok := strings.Cut(s, "://")
	return ok && (strings.EqualFold(scheme, "postgres") || strings.EqualFold(scheme, "postgresql"))
}

// Open connects to the PostgreSQL database at rawURL (postgres:// or
// postgresql://, with any parameter pgx accepts: sslmode, connect_timeout,
// search_path, pool_max_conns ...) and brings the schema of the store up to
// date. The database must exist; the tables are created in the schema that
// the connection's search_path selects. Close the DB when done with it.
//
// A malformed URL is an EINVALID [entente.Error]; a database that cannot be
// reached is [ECodeUnavailable]. Messages never show the
// password.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	shown := Redact(rawURL)
	db, err := open(ctx, rawURL, shown)
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %w", shown, err)
	}
	return db, nil
}

func open(ctx context.Context, rawURL, shown string) (*DB, error) {
	if !IsURL(rawURL) {
		return nil, entente.FieldErrorf(entente.EINVALID, "url", "%q is not a postgres:// or postgresql:// URL", shown)
	}
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		// pgx's message repeats the URL with the password hidden.
		return nil, entente.FieldErrorf(entente.EINVALID, "url", "%v", err)
	}
	if !strings.Contains(rawURL, "pool_max_conns") {
		cfg.MaxConns = defaultMaxConns
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = defaultConnectTimeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, classify(ctx, err)
	}
	db := &DB{url: shown, pool: pool}
	if err := db.setUp(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// setUp checks that the database answers, migrates it and learns the
// notification channel.
func (db *DB) setUp(ctx context.Context) error {
	var schema *string
	if err := db.pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return classify(ctx, err)
	}
	if schema == nil {
		return entente.FieldErrorf(entente.EINVALID, "url",
			"the search_path (%s) names no schema that exists; create it or fix search_path", db.pool.Config().ConnConfig.RuntimeParams["search_path"])
	}
	if _, err := migrate(ctx, db.pool); err != nil {
		return err
	}
	var oid uint32
	if err := db.pool.QueryRow(ctx, `SELECT 'logs'::regclass::oid`).Scan(&oid); err != nil {
		return classify(ctx, fmt.Errorf("find the logs table: %w", err))
	}
	db.channel = fmt.Sprintf("entente_append_%d", oid)
	return nil
}

// Redact returns rawURL with any password replaced by "xxxxx", for
// messages; a string that does not parse as a URL is shown as its scheme
// only, since the password's place in it is unknown.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		scheme, _, _ := strings.Cut(rawURL, ":")
		return scheme + "://(unparsable URL)"
	}
	return u.Redacted()
}

// URL returns the URL the DB was opened with, its password hidden.
func (db *DB) URL() string {
	return db.url
}

// Channel returns the PostgreSQL notification channel that [DB.Listen]
// listens on. It is derived from the store's tables, so two stores in
// different schemas of one database never hear each other.
func (db *DB) Channel() string {
	return db.channel
}

// Close waits for the appends being made, sends the notifications of the
// last appends, then closes the connection pool, waiting for connections
// in use to be released. Close is safe to call more than once; it always
// returns nil (pgxpool reports no close errors) and exists to satisfy
// [logstore.Store].
func (db *DB) Close() error {
	db.closeOnce.Do(func() {
		// An append committed while the pool closed would announce itself
		// on the closed pool, and fail: the last commit of a server that
		// stops would go unannounced.
		db.appending.Lock()
		defer db.appending.Unlock()
		db.waitNotified()
		db.pool.Close()
	})
	return nil
}

// Ping checks that the database answers, as a readiness probe would. A
// database that does not is ECodeUnavailable.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: ping %s: %w", db.url, classify(ctx, err))
	}
	return nil
}
