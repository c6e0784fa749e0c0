package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// Append adds entries to log, which must hold exactly from entries, and
// records head, in one IMMEDIATE transaction: either everything is written
// and fsynced before Append returns nil, or nothing is.
//
// Malformed input is refused with an EINVALID [entente.Error] before the
// database is touched: an empty log name, no entries, a negative from, an
// entry whose Index is not its position, a head for another log or whose
// Size is not from+len(entries), or a head time outside years 0-9999. A from that does
// not match the log's length is refused with ECONFLICT, which is how
// concurrent appenders learn that another one got there first.
func (db *DB) Append(ctx context.Context, log string, from int64, entries []logstore.Entry, head tlog.TreeHead) error {
	if err := db.appendTx(ctx, log, from, entries, head); err != nil {
		return fmt.Errorf("sqlite: append to log %q: %w", log, err)
	}
	return nil
}

// appendTx is Append without the error context: validate, then check the
// length and insert, all in one write transaction.
func (db *DB) appendTx(ctx context.Context, log string, from int64, entries []logstore.Entry, head tlog.TreeHead) (err error) {
	stamp, err := checkAppend(log, from, entries, head)
	if err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return ctxErr(ctx, err)
	}
	defer rollback(tx, &err)
	n, err := logLen(ctx, tx, log)
	if err != nil {
		return ctxErr(ctx, err)
	}
	if n != from {
		return entente.FieldErrorf(entente.ECONFLICT, "from", "log holds %d entries, append expected %d", n, from)
	}
	stmt, err := tx.PrepareContext(ctx, insertEntry)
	if err != nil {
		return ctxErr(ctx, fmt.Errorf("insert entries: %w", err))
	}
	defer func() { err = errors.Join(err, stmt.Close()) }()
	if err := insertAppend(ctx, stmt, log, entries, head, stamp); err != nil {
		return ctxErr(ctx, err)
	}
	db.lengths.forget(log) // before the commit, which may be made even when it fails
	if err := tx.Commit(); err != nil {
		return ctxErr(ctx, fmt.Errorf("commit: %w", err))
	}
	return nil
}

// checkAppend validates an append without looking at the database and
// returns the head's time in its stored form. Checking everything first
// means a malformed append is EINVALID whatever the log's state, and never
// starts a write transaction.
func checkAppend(log string, from int64, entries []logstore.Entry, head tlog.TreeHead) (string, error) {
	switch {
	case log == "":
		return "", entente.FieldErrorf(entente.EINVALID, "log", "log name is empty")
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

// logLen returns the number of entries in log. Entries are gap-free from 0,
// so the length is the last index plus one, found by one seek on the
// primary key instead of a count over the whole log.
func logLen(ctx context.Context, q querier, log string) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT coalesce(max(idx) + 1, 0) FROM entries WHERE log = ?`, log).Scan(&n)
	return n, err
}

// querier is what *sql.DB and *sql.Tx share, so the length can be read in
// Append's transaction or on its own.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// insertEntry is the statement that inserts an entry, with the columns of
// a head on an append's last entry and NULL on the others.
const insertEntry = `INSERT INTO entries (log, idx, data, leaf_hash, root, time, signature) VALUES (?, ?, ?, ?, ?, ?, ?)`

// insertAppend inserts the entries of an append to log with stmt (an
// insertEntry), its head on the last; stamp is the head's time as
// formatTime returns it.
func insertAppend(ctx context.Context, stmt *sql.Stmt, log string, entries []logstore.Entry, head tlog.TreeHead, stamp string) error {
	for i, e := range entries {
		var root, sig []byte
		var at any
		if i == len(entries)-1 {
			root, sig, at = head.Root[:], nonNil(head.Signature), stamp
		}
		if _, err := stmt.ExecContext(ctx, log, e.Index, nonNil(e.Data), e.LeafHash[:], root, at, sig); err != nil {
			return fmt.Errorf("insert entry %d: %w", e.Index, err)
		}
	}
	return nil
}

// nonNil returns b, or an empty slice for nil: the driver binds a nil slice
// as NULL, but an empty entry or signature is still a value, not a missing
// one.
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
		return nil, fmt.Errorf("sqlite: entries of log %q: %w", log, ctxErr(ctx, err))
	}
	return entries, nil
}

func (db *DB) readEntries(ctx context.Context, log string, from, to int64) (_ []logstore.Entry, err error) {
	if from < 0 || (to >= 0 && to < from) {
		return nil, entente.FieldErrorf(entente.EINVALID, "from", "range [%d, %d) is invalid", from, to)
	}
	if to < 0 {
		to = math.MaxInt64
	}
	rows, err := db.read.QueryContext(ctx,
		`SELECT idx, data, leaf_hash FROM entries WHERE log = ? AND idx >= ? AND idx < ? ORDER BY idx`, log, from, to)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var entries []logstore.Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	return entries, rows.Err()
}

func scanEntry(rows *sql.Rows) (logstore.Entry, error) {
	var (
		e    logstore.Entry
		leaf sql.RawBytes // copied into e.LeafHash: no allocation per row
	)
	if err := rows.Scan(&e.Index, &e.Data, &leaf); err != nil {
		return e, err
	}
	if err := copyHash(&e.LeafHash, leaf); err != nil {
		return e, fmt.Errorf("entry %d: leaf hash: %w", e.Index, err)
	}
	return e, nil
}

// copyHash sets h from b, which must be exactly one hash long. The schema
// checks the length on insert; this guards against a file edited by hand.
func copyHash(h *tlog.Hash, b []byte) error {
	if len(b) != tlog.HashSize {
		return fmt.Errorf("stored hash is %d bytes, want %d", len(b), tlog.HashSize)
	}
	copy(h[:], b)
	return nil
}

// Len returns the number of entries in log, 0 for a log never appended to.
func (db *DB) Len(ctx context.Context, log string) (int64, error) {
	n, err := logLen(ctx, db.read, log)
	if err != nil {
		return 0, fmt.Errorf("sqlite: length of log %q: %w", log, ctxErr(ctx, err))
	}
	return n, nil
}

// listLogs walks the distinct log names of the entries' primary key with one
// index seek per log (the "skip scan" idiom), where SELECT DISTINCT would
// read every entry of every log. Names sort by their bytes (SQLite's BINARY
// collation), the same order as Go's string comparison.
const listLogs = `WITH RECURSIVE names(log) AS (
	SELECT min(log) FROM entries
	UNION ALL
	SELECT (SELECT min(log) FROM entries WHERE log > names.log) FROM names WHERE names.log IS NOT NULL
)
SELECT log FROM names WHERE log IS NOT NULL`

// Logs returns the names of all logs that hold entries, sorted by byte
// order.
func (db *DB) Logs(ctx context.Context) ([]string, error) {
	logs, err := db.readLogs(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list logs: %w", ctxErr(ctx, err))
	}
	return logs, nil
}

func (db *DB) readLogs(ctx context.Context) (_ []string, err error) {
	rows, err := db.read.QueryContext(ctx, listLogs)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var logs []string
	for rows.Next() {
		var log string
		if err := rows.Scan(&log); err != nil {
			return nil, err
		}
		logs = append(logs, log)
	}
	return logs, rows.Err()
}

// Heads returns every tree head of log, oldest (smallest) first, with Time
// in UTC. An unknown log has no heads.
func (db *DB) Heads(ctx context.Context, log string) ([]tlog.TreeHead, error) {
	heads, err := db.readHeads(ctx, log)
	if err != nil {
		return nil, fmt.Errorf("sqlite: heads of log %q: %w", log, ctxErr(ctx, err))
	}
	return heads, nil
}

// readHeads reads every head of log: those of at least size 0, as the
// schema keeps every size positive.
func (db *DB) readHeads(ctx context.Context, log string) ([]tlog.TreeHead, error) {
	return db.readHeadsFrom(ctx, log, 0)
}

func scanHead(rows *sql.Rows) (tlog.TreeHead, error) {
	var (
		h     tlog.TreeHead
		size  int64
		root  sql.RawBytes
		stamp string
	)
	if err := rows.Scan(&size, &root, &stamp, &h.Signature); err != nil {
		return h, err
	}
	h.Size = uint64(size) // the schema keeps size > 0
	if err := copyHash(&h.Root, root); err != nil {
		return h, fmt.Errorf("head %d: root: %w", size, err)
	}
	t, err := time.Parse(time.RFC3339Nano, stamp)
	if err != nil {
		return h, fmt.Errorf("head %d: time: %w", size, err)
	}
	h.Time = t.UTC()
	return h, nil
}

// formatTime returns t as stored: RFC 3339 with nanoseconds in UTC, the
// form the head's signature covers (see [tlog.TreeHead.SignedMessage]).
// MarshalText is that format and, unlike Format, refuses years that RFC
// 3339 cannot express, which would not parse back.
func formatTime(t time.Time) (string, error) {
	b, err := t.UTC().MarshalText()
	return string(b), err
}

// ctxErr returns err, wrapping the context's error too when the context is
// done, so callers can test errors.Is(err, context.Canceled) even when the
// driver reports the interruption in its own words.
//
// A lock held by another connection past the busy timeout becomes an
// EUNAVAILABLE error (see unavailable).
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	return unavailable(err)
}
