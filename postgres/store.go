package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// Append adds entries to log, which must hold exactly from entries, and
// records head, in one transaction: one call of the append_entries function
// (see migrations/), committed with PostgreSQL's synchronous commit, so that
// when Append returns nil the entries and the head are on disk.
//
// Malformed input is refused with an EINVALID [entente.Error] before the
// database is touched: an empty log name, or one that is not UTF-8 or holds
// a NUL byte (PostgreSQL's text cannot store those), no entries, a negative
// from, an entry whose Index is not its position, a head for another log or
// whose Size is not from+len(entries), or a head time outside years 0-9999.
// A from that does not match the log's length is refused with ECONFLICT,
// exactly as the SQLite store does. A database that cannot be reached is
// [ECodeUnavailable].
//
// When the connection is lost after the call was sent, Append reads the
// head back on a new connection: if it is there, byte for byte, the append
// was committed and Append returns nil. Otherwise the outcome stays unknown
// and the error is ECodeUnavailable.
//
// After a successful append, the store's channel is notified with the log's
// name and new length (see [DB.Listen]).
func (db *DB) Append(ctx context.Context, log string, from int64, entries []logstore.Entry, head tlog.TreeHead) error {
	db.appending.RLock() // Close waits for the append and its notification
	defer db.appending.RUnlock()
	if err := db.append(ctx, log, from, entries, head); err != nil {
		return fmt.Errorf("postgres: append to log %q: %w", log, err)
	}
	return nil
}

// notifyInTx says whether Append notifies inside its transaction. PostgreSQL
// holds a lock for the whole database from the NOTIFY of a committing
// transaction until its commit is flushed, which serialises concurrent
// appends and defeats the grouping of their WAL flushes (see the
// benchmarks). Append therefore notifies right after the commit, in a
// transaction of its own that writes nothing and flushes nothing.
var notifyInTx = false

func (db *DB) append(ctx context.Context, log string, from int64, entries []logstore.Entry, head tlog.TreeHead) error {
	stamp, err := checkAppend(log, from, entries, head)
	if err != nil {
		return err
	}
	data := make([][]byte, len(entries))
	hashes := make([][]byte, len(entries))
	for i := range entries {
		data[i] = nonNil(entries[i].Data)
		hashes[i] = entries[i].LeafHash[:]
	}
	channel, payload := db.notification(log, head.Size)
	var inTxChannel, inTxPayload *string
	if notifyInTx {
		inTxChannel, inTxPayload = &channel, &payload
	}
	var (
		appended bool
		size     int64
	)
	err = db.pool.QueryRow(ctx,
		`SELECT appended, log_size FROM append_entries($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		log, from, data, hashes, head.Root[:], stamp, nonNil(head.Signature), inTxChannel, inTxPayload,
	).Scan(&appended, &size)
	if err != nil {
		if db.lostButCommitted(ctx, err, log, head, stamp) {
			return nil
		}
		return classify(ctx, err)
	}
	if !appended {
		return entente.FieldErrorf(entente.ECONFLICT, "from", "log holds %d entries, append expected %d", size, from)
	}
	if !notifyInTx {
		db.notify(ctx, channel, payload)
	}
	return nil
}

// lostButCommitted reports whether err, from the call of append_entries,
// lost the connection after the call may have reached the server, and the
// append is nevertheless in the database: the head of its size is there
// with exactly its root, time and signature.
func (db *DB) lostButCommitted(ctx context.Context, err error, log string, head tlog.TreeHead, stamp string) bool {
	var pgErr *pgconn.PgError
	if ctx.Err() != nil || errors.As(err, &pgErr) || pgconn.SafeToRetry(err) || !unavailable(err) {
		return false // the server answered, or the call never left, or it was not the connection
	}
	check, cancel := context.WithTimeout(ctx, defaultConnectTimeout)
	defer cancel()
	var (
		root, signature []byte
		stored          string
	)
	err = db.pool.QueryRow(check, `SELECT root, time, signature FROM tree_heads WHERE log = $1 AND size = $2`,
		log, int64(head.Size)).Scan(&root, &stored, &signature)
	return err == nil && bytes.Equal(root, head.Root[:]) && stored == stamp && bytes.Equal(signature, nonNil(head.Signature))
}

// maxPayload is the longest notification payload PostgreSQL accepts
// (8000 bytes), less a margin.
const maxPayload = 7900

// notification returns the channel and payload announcing that log now
// holds size entries: "SIZE LOG", or just "SIZE" when the name is too long
// for a payload, which listeners take as "some log changed".
func (db *DB) notification(log string, size uint64) (channel, payload string) {
	payload = fmt.Sprintf("%d %s", size, log)
	if len(payload) > maxPayload {
		payload = fmt.Sprintf("%d", size)
	}
	return db.channel, payload
}

// notify sends the notification of an append that has been committed. Its
// failure cannot undo the append, so it is not Append's failure either: it
// is counted (see [DB.NotifyFailures]). Listeners lose nothing for good:
// a failure that comes from the database going away also breaks their
// connections, and they are told to resync when they reconnect; otherwise
// the log's next notification carries its new length.
func (db *DB) notify(ctx context.Context, channel, payload string) {
	ctx = context.WithoutCancel(ctx) // the append is done: tell others even if the caller has gone
	ctx, cancel := context.WithTimeout(ctx, defaultConnectTimeout)
	defer cancel()
	// NOTIFY gives its transaction an ID, so its commit would wait for a
	// WAL flush, under the lock that serialises notifying commits; a
	// notification is never durable anyway, so this one does not wait.
	if _, err := db.pool.Exec(ctx, `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`, channel, payload); err != nil {
		db.notifyFailures.Add(1)
	}
}

// NotifyFailures returns how many appends, committed, could not be
// announced to listeners since the DB was opened: a figure for metrics.
func (db *DB) NotifyFailures() int64 {
	return db.notifyFailures.Load()
}

// checkAppend validates an append without looking at the database and
// returns the head's time in its stored form, as the SQLite store does.
func checkAppend(log string, from int64, entries []logstore.Entry, head tlog.TreeHead) (string, error) {
	switch {
	case log == "":
		return "", entente.FieldErrorf(entente.EINVALID, "log", "log name is empty")
	case !validName(log):
		return "", entente.FieldErrorf(entente.EINVALID, "log", "log name %q is not UTF-8 text without NUL bytes", log)
	case len(entries) == 0:
		return "", entente.FieldErrorf(entente.EINVALID, "entries", "no entries to append")
	case from < 0 || from > math.MaxInt64-int64(len(entries)):
		return "", entente.FieldErrorf(entente.EINVALID, "from", "position %d is out of range", from)
	case head.Log != log:
		return "", entente.FieldErrorf(entente.EINVALID, "head", "head is for log %q", head.Log)
	case head.Size != uint64(from)+uint64(len(entries)):
		return "", entente.FieldErrorf(entente.EINVALID, "head",
			"head size %d, but %d entries appended at %d make %d", head.Size, len(entries), from, from+int64(len(entries)))
	}
	for i, e := range entries {
		if e.Index != from+int64(i) {
			return "", entente.FieldErrorf(entente.EINVALID, "entries", "entry %d has index %d, want %d", i, e.Index, from+int64(i))
		}
	}
	stamp, err := formatTime(head.Time)
	if err != nil {
		return "", entente.FieldErrorf(entente.EINVALID, "head", "time: %v", err)
	}
	return stamp, nil
}

// validName reports whether log can be stored in a text column: UTF-8
// without NUL bytes. No stored log has any other name, so reads of such a
// name find nothing without asking the database.
func validName(log string) bool {
	return utf8.ValidString(log) && !strings.ContainsRune(log, 0)
}

// nonNil returns b, or an empty slice for nil: pgx sends a nil slice as
// NULL, but an empty entry or signature is still a value.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// Entries returns the entries of log with from <= index < to, in order; to
// < 0 means to the end. The range is clipped to the entries that exist, so
// a range past the end, or any range of an unknown log, gives no entries and
// no error. A negative from, or a to that is not negative but is below
// from, is EINVALID.
func (db *DB) Entries(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error) {
	entries, err := db.readEntries(ctx, log, from, to)
	if err != nil {
		return nil, fmt.Errorf("postgres: entries of log %q: %w", log, err)
	}
	return entries, nil
}

func (db *DB) readEntries(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error) {
	if from < 0 || (to >= 0 && to < from) {
		return nil, entente.FieldErrorf(entente.EINVALID, "from", "range [%d, %d) is invalid", from, to)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !validName(log) {
		return nil, nil
	}
	if to < 0 {
		to = math.MaxInt64
	}
	rows, err := db.pool.Query(ctx,
		`SELECT idx, data, leaf_hash FROM entries WHERE log = $1 AND idx >= $2 AND idx < $3 ORDER BY idx`, log, from, to)
	if err != nil {
		return nil, classify(ctx, err)
	}
	var (
		entries []logstore.Entry
		e       logstore.Entry
		leaf    []byte
	)
	_, err = pgx.ForEachRow(rows, []any{&e.Index, &e.Data, &leaf}, func() error {
		if err := copyHash(&e.LeafHash, leaf); err != nil {
			return fmt.Errorf("entry %d: leaf hash: %w", e.Index, err)
		}
		entries = append(entries, e)
		e.Data = nil // the next row scans into a fresh slice
		return nil
	})
	if err != nil {
		return nil, classify(ctx, err)
	}
	return entries, nil
}

// copyHash sets h from b, which must be exactly one hash long. The schema
// checks the length on insert; this guards against rows edited by hand.
func copyHash(h *tlog.Hash, b []byte) error {
	if len(b) != tlog.HashSize {
		return fmt.Errorf("stored hash is %d bytes, want %d", len(b), tlog.HashSize)
	}
	copy(h[:], b)
	return nil
}

// Len returns the number of entries in log, 0 for a log never appended to.
func (db *DB) Len(ctx context.Context, log string) (int64, error) {
	n, err := db.readLen(ctx, log)
	if err != nil {
		return 0, fmt.Errorf("postgres: length of log %q: %w", log, err)
	}
	return n, nil
}

func (db *DB) readLen(ctx context.Context, log string) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if !validName(log) {
		return 0, nil
	}
	var n int64
	err := db.pool.QueryRow(ctx, `SELECT size FROM logs WHERE log = $1`, log).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return n, classify(ctx, err)
}

// Logs returns the names of all logs that hold entries, sorted by byte
// order (the log column's collation is "C").
func (db *DB) Logs(ctx context.Context) ([]string, error) {
	logs, err := db.readLogs(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: list logs: %w", err)
	}
	return logs, nil
}

func (db *DB) readLogs(ctx context.Context) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT log FROM logs ORDER BY log`)
	if err != nil {
		return nil, classify(ctx, err)
	}
	logs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, classify(ctx, err)
	}
	return logs, nil
}

// Heads returns every tree head of log, oldest (smallest) first, with Time
// in UTC. An unknown log has no heads.
func (db *DB) Heads(ctx context.Context, log string) ([]tlog.TreeHead, error) {
	heads, err := db.readHeads(ctx, log)
	if err != nil {
		return nil, fmt.Errorf("postgres: heads of log %q: %w", log, err)
	}
	return heads, nil
}

// readHeads reads every head of log: those of at least size 0, as the
// schema keeps every size positive.
func (db *DB) readHeads(ctx context.Context, log string) ([]tlog.TreeHead, error) {
	return db.queryHeads(ctx, log, 0)
}

// formatTime returns t as stored: RFC 3339 with nanoseconds in UTC, the
// form the head's signature covers (see [tlog.TreeHead.SignedMessage]).
// MarshalText is that format and refuses years that RFC 3339 cannot
// express, which would not parse back.
func formatTime(t time.Time) (string, error) {
	b, err := t.UTC().MarshalText()
	return string(b), err
}
