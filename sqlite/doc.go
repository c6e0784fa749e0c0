// Package sqlite is Entente's embedded default [logstore.Store]: one SQLite
// file on local disk, opened with the pure Go driver modernc.org/sqlite, so
// the server needs no cgo and no database server.
//
// # Durability
//
// The [logstore.Store] contract says that once Append returns nil the entries
// and their tree head survive a crash, and that a failed Append leaves
// nothing behind. The settings below are what make that true here; every
// connection gets them through the DSN, so none can be forgotten on a
// connection the pool opens later.
//
//   - journal_mode=WAL: a commit appends to the write-ahead log instead of
//     rewriting pages in place, and readers keep reading a consistent
//     snapshot while a writer commits, so reads never block appends.
//   - synchronous=FULL: the WAL is fsynced at every commit. The WAL default,
//     NORMAL, only syncs at checkpoints and can lose the last commits on
//     power loss, even though they were acknowledged. Losing an acknowledged
//     entry of a tamper-evident log would look exactly like tampering, so we
//     pay one fsync per append; batching entries into one Append amortises
//     it (see the benchmarks).
//   - fullfsync=1: on macOS a plain fsync does not flush the drive's cache;
//     F_FULLFSYNC does. Elsewhere the setting has no effect.
//   - busy_timeout=5000: another process (a backup, the sqlite3 shell)
//     holding the write lock makes us wait up to 5 s instead of failing at
//     once with SQLITE_BUSY.
//   - foreign_keys=1: off by default in SQLite, for backwards compatibility
//     only; enabled so that any later migration that declares a foreign key
//     gets it enforced.
//
// # Writers and readers
//
// A [DB] holds two connection pools on the same file. Writes go through a
// pool of exactly one connection: SQLite allows one writer at a time anyway,
// and queueing writers in Go instead of in SQLite's busy handler keeps
// appends in order and free of SQLITE_BUSY retries. Its transactions begin
// with BEGIN IMMEDIATE (the _txlock=immediate DSN parameter), which takes
// the write lock before the first read, so the length check of Append and
// the inserts after it cannot be interleaved with another process's append.
// Reads go through a separate pool of several query_only connections, which
// WAL lets run alongside the writer.
//
// # Schema
//
// The schema is created by the SQL files embedded from migrations/, applied
// in order inside one transaction when the database is opened and recorded
// in the schema_migrations table, so reopening applies nothing twice and a
// failed migration leaves the database as it was. Entries live in
// entries(log, idx, data, leaf_hash, root, time, signature), in append
// order with a unique index on (log, idx); the signed head an append wrote
// is the root, time and signature of its last entry, a head of size idx+1
// (NULL on the other entries). Head times are stored as RFC 3339 text with
// nanoseconds in UTC, the very text the head's signature covers.
package sqlite
