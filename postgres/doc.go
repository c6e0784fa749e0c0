// Package postgres is Entente's [logstore.Store] for shared deployments: one
// PostgreSQL database that several Entente servers use at once, reached
// through github.com/jackc/pgx/v5 and a pgxpool connection pool. Replicas,
// backups and point-in-time recovery are PostgreSQL's own.
//
// Open takes a postgres:// or postgresql:// URL; [IsURL] tells such a URL
// from a SQLite path, which is how the command line picks the store.
//
// # Durability and atomicity
//
// Every Append is one statement, a call of the append_entries function that
// the migrations create, run in autocommit mode: one transaction that locks
// the log's row in the logs table, checks its length against from, inserts
// the entries and the head, and advances the length. It commits with
// PostgreSQL's default synchronous_commit=on, so Append returns nil only
// once the commit's WAL record is flushed to disk; a failed Append leaves
// nothing. Concurrent appends to one log queue on that row lock and then
// see the winner's length, so exactly one append wins each position and the
// others get ECONFLICT, across processes as within one. Appends to
// different logs do not wait for each other, and PostgreSQL flushes the
// commits of concurrent transactions together (group commit), which is
// why the pool holds up to 32 connections unless the URL's pool_max_conns
// says otherwise. A server configured with synchronous_commit=off, or fsync
// off, breaks the durability promise; the store does not override the
// server's settings, which belong to its operator.
//
// The ledger does not append one command at a time: it gathers the
// commands that arrive while a transaction commits and hands them to
// [DB.AppendBatch], one call of the append_batch function, so a batch of
// commands to many pacts costs one round trip and one WAL flush, with one
// signed head per pact in it. Measured on 2 shared cores (ledger's
// BenchmarkDurableCommands), that is 1,090 / 9,700 / 23,500 commands/s at
// 1 / 16 / 64 clients, against 3,500 / 34,600 / 110,700 rows/s for a raw
// batched INSERT on the same server: at 64 clients the ledger's CPU per
// command, not the database, is the limit.
//
// # Errors
//
// Malformed input is EINVALID and a wrong from is ECONFLICT, with the same
// messages as the SQLite store. A database that is down, restarting,
// read-only (a standby), out of connections or unreachable gives
// [ECodeUnavailable], for which the HTTP layer should answer 503 with
// Retry-After; pgxpool replaces broken connections by itself, so the store
// recovers when the database comes back. A context that is done gives an
// error wrapping the context's error. The URL's password never appears in
// messages.
//
// # Other processes' appends
//
// Append notifies a channel named after the store's logs table (so stores in
// different schemas of one database do not hear each other) with the log and
// its new length, right after the commit; [DB.Listen] delivers these
// messages to a callback and asks for a full resync whenever it may have
// missed some. The notification is sent after the commit rather than inside
// the transaction because PostgreSQL serialises the commits of notifying
// transactions, which would cost the group commit above.
//
// # Schema
//
// The schema is created by the SQL files embedded from migrations/, applied
// in order inside one transaction, under an advisory lock, when the store is
// opened, and recorded in schema_migrations, as in the SQLite store. The
// tables live in the schema that the connection's search_path selects, so
// one database can hold several stores (the tests use one schema each).
// Log names are text with COLLATE "C", so Logs sorts by bytes; head times
// are stored as RFC 3339 text with nanoseconds in UTC, the very text the
// signature covers (timestamptz keeps only microseconds).
package postgres
