package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/entente/entente/logstore"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// driverName is the name modernc.org/sqlite registers with database/sql.
const driverName = "sqlite"

// DefaultBusyTimeout is how long a connection waits for a lock held by
// another process before failing with SQLITE_BUSY, which the store
// reports as EUNAVAILABLE (503 with Retry-After over HTTP).
const DefaultBusyTimeout = 5 * time.Second

// commonPragmas are run on every connection, reader or writer, in the order
// the driver chooses (busy_timeout first, added by dsn). The package
// documentation says why each is set.
var commonPragmas = []string{
	"journal_mode(WAL)",
	"synchronous(FULL)",
	"fullfsync(1)",
	"foreign_keys(1)",
}

var _ logstore.Store = (*DB)(nil)

// DB is an [logstore.Store] kept in one SQLite database file. It is safe for
// concurrent use by many goroutines and, through SQLite's file locks, by
// several processes.
type DB struct {
	path  string
	write *sql.DB // exactly one connection; every transaction is BEGIN IMMEDIATE
	read  *sql.DB // query_only connections for Entries, Len, Logs and Heads

	prepMu   sync.Mutex
	prepared *batchStmts // AppendBatch's statements on write, once prepared

	lengths lengthCache // the lengths of the logs write last appended to

	// afterBatchCommit, when set, is called after a batch's transaction
	// commits and before the length cache learns of it (tests).
	afterBatchCommit func()

	// afterSnapshotRow, when set, is called after Snapshot reads a
	// snapshot's row in parts, before it reads the parts (tests).
	afterSnapshotRow func()

	// afterPart, when set, is called after each part of a snapshot in
	// parts is written (tests).
	afterPart func(parts int)

	closeOnce sync.Once
	closeErr  error
}

// Open opens the database file at path, creating it if it does not exist,
// and brings its schema up to date. The directory holding path must already
// exist: creating it, with the permissions it needs, is the caller's job.
// Close the DB when done with it.
func Open(path string) (*DB, error) {
	return OpenWith(path, Options{})
}

// Options tune how a database is opened.
type Options struct {
	// BusyTimeout is how long a connection waits for a lock that another
	// process holds; 0 means DefaultBusyTimeout.
	BusyTimeout time.Duration
}

// OpenWith is Open with options.
func OpenWith(path string, opts Options) (*DB, error) {
	db, err := open(path, opts)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return db, nil
}

func open(path string, opts Options) (*DB, error) {
	abs, err := checkPath(path)
	if err != nil {
		return nil, err
	}
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = DefaultBusyTimeout
	}
	db := &DB{path: path}
	busy := "_pragma=" + url.QueryEscape(fmt.Sprintf("busy_timeout(%d)", opts.BusyTimeout.Milliseconds()))
	// The writer is opened and migrated first: it is what turns a new file
	// into a WAL database with a schema, which the readers then rely on.
	db.write, err = openPool(abs, busy, "_txlock=immediate")
	if err != nil {
		return nil, err
	}
	db.write.SetMaxOpenConns(1)
	if _, err := migrate(context.Background(), db.write); err != nil {
		return nil, errors.Join(err, db.write.Close())
	}
	db.read, err = openPool(abs, busy, "_pragma=query_only(1)")
	if err != nil {
		return nil, errors.Join(err, db.write.Close())
	}
	// More readers than CPUs would only queue inside SQLite; a floor of 4
	// keeps a few slow readers from blocking the rest on small machines.
	db.read.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	return db, nil
}

// checkPath returns the absolute form of path after checking that its
// directory exists, which SQLite would otherwise report only as "unable to
// open database file".
func checkPath(path string) (string, error) {
	if path == "" {
		// SQLite would silently open a private temporary database.
		return "", errors.New("empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(abs)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("directory %s does not exist (the caller must create it)", dir)
	case err != nil:
		return "", err
	case !info.IsDir():
		return "", fmt.Errorf("%s is not a directory", dir)
	}
	return abs, nil
}

// openPool opens a connection pool on the file at abs with the common
// pragmas and the extra DSN parameters, and checks that a connection works.
func openPool(abs string, extra ...string) (*sql.DB, error) {
	pool, err := sql.Open(driverName, dsn(abs, extra...))
	if err != nil {
		return nil, err
	}
	// sql.Open connects lazily; connect now so that a bad path or a pragma
	// the file refuses is reported by Open, not by the first append.
	if err := pool.Ping(); err != nil {
		return nil, errors.Join(err, pool.Close())
	}
	return pool, nil
}

// dsn returns a file: URI for abs with the common pragmas and extra, which
// are already-encoded "key=value" query parameters. A URI, rather than the
// bare path the driver also accepts, lets the path contain '?' or '#'.
func dsn(abs string, extra ...string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") { // a Windows drive path: C:/...
		p = "/" + p
	}
	params := make([]string, 0, len(commonPragmas)+len(extra))
	for _, p := range extra { // busy_timeout first, before the pragmas that may wait for a lock
		if strings.HasPrefix(p, "_pragma=busy_timeout") {
			params = append(params, p)
		}
	}
	for _, pragma := range commonPragmas {
		params = append(params, "_pragma="+url.QueryEscape(pragma))
	}
	for _, p := range extra {
		if !strings.HasPrefix(p, "_pragma=busy_timeout") {
			params = append(params, p)
		}
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: p, RawQuery: strings.Join(params, "&")}
	return u.String()
}

// Path returns the path of the database file, as given to [Open].
func (db *DB) Path() string {
	return db.path
}

// Close closes both connection pools. The last connection to close
// checkpoints the WAL into the database file. Close is safe to call more
// than once; later calls return the first call's result.
func (db *DB) Close() error {
	db.closeOnce.Do(func() {
		// Readers first, so the writer's connection is the last one and
		// does the final checkpoint.
		var stmts error
		db.prepMu.Lock()
		if db.prepared != nil {
			stmts = db.prepared.close()
		}
		db.prepMu.Unlock()
		db.closeErr = errors.Join(stmts, db.read.Close(), db.write.Close())
		if db.closeErr != nil {
			db.closeErr = fmt.Errorf("sqlite: close %s: %w", db.path, db.closeErr)
		}
	})
	return db.closeErr
}
