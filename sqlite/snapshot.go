package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// HeadsFrom returns the tree heads of log whose size is at least size,
// oldest first, with Time in UTC: one range of the log's entries.
func (db *DB) HeadsFrom(ctx context.Context, log string, size int64) ([]tlog.TreeHead, error) {
	heads, err := db.readHeadsFrom(ctx, log, size)
	if err != nil {
		return nil, fmt.Errorf("sqlite: heads of log %q from size %d: %w", log, size, ctxErr(ctx, err))
	}
	return heads, nil
}

func (db *DB) readHeadsFrom(ctx context.Context, log string, size int64) (_ []tlog.TreeHead, err error) {
	rows, err := db.read.QueryContext(ctx,
		`SELECT idx + 1, root, time, signature FROM entries WHERE log = ? AND idx >= ? - 1 AND signature IS NOT NULL ORDER BY idx`, log, size)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var heads []tlog.TreeHead
	for rows.Next() {
		h, err := scanHead(rows)
		if err != nil {
			return nil, err
		}
		h.Log = log
		heads = append(heads, h)
	}
	return heads, rows.Err()
}

// checkSnapshot refuses a snapshot that cannot be stored.
func checkSnapshot(snap logstore.Snapshot) error {
	switch {
	case snap.Log == "":
		return entente.FieldErrorf(entente.EINVALID, "log", "log name is empty")
	case snap.Size < 1:
		return entente.FieldErrorf(entente.EINVALID, "size", "snapshot of %d entries: a snapshot covers at least one", snap.Size)
	}
	return nil
}

// snapshotPart is the most snapshot data one transaction writes: a larger
// snapshot is written in parts (see migrations/0007_snapshot_parts.sql),
// so that the write lock is held for at most a part's write: for a 32 MB
// snapshot 9-11 ms at the longest, against 93-194 ms in one row, the
// whole write taking about as long (126-154 ms, the old parts' removal
// included).
const snapshotPart = 1 << 20

// PutSnapshot stores snap as its log's snapshot, replacing any earlier
// one, durably. A snapshot of at most snapshotPart bytes is one IMMEDIATE
// transaction; a larger one is written a part per transaction, then made
// the log's snapshot in one more; either way the parts of the snapshot it
// replaces are then removed, a part per transaction. A snapshot in parts
// whose parts another write of the log's snapshot removed meanwhile (two
// servers writing one log's snapshot at once) is not made the log's: it
// fails with ECONFLICT, and the log keeps what the other write left.
func (db *DB) PutSnapshot(ctx context.Context, snap logstore.Snapshot) error {
	if err := checkSnapshot(snap); err != nil {
		return fmt.Errorf("sqlite: snapshot of log %q: %w", snap.Log, err)
	}
	if err := db.putSnapshot(ctx, snap); err != nil {
		return fmt.Errorf("sqlite: snapshot of log %q: %w", snap.Log, ctxErr(ctx, err))
	}
	return nil
}

func (db *DB) putSnapshot(ctx context.Context, snap logstore.Snapshot) error {
	data, gen, parts := nonNil(snap.Data), int64(0), 0
	if len(data) > snapshotPart {
		gen = newGeneration()
		for off := 0; off < len(data); off += snapshotPart {
			part := data[off:min(off+snapshotPart, len(data))]
			if _, err := db.write.ExecContext(ctx, `INSERT INTO snapshot_parts (log, gen, part, data) VALUES (?, ?, ?, ?)`, snap.Log, gen, parts, part); err != nil {
				return errors.Join(fmt.Errorf("part %d: %w", parts, err), db.dropGeneration(context.WithoutCancel(ctx), snap.Log, gen))
			}
			parts++
			if db.afterPart != nil {
				db.afterPart(parts)
			}
		}
		data = []byte{}
	}
	// The row is pointed at the parts only if they are all there: a
	// write of the log's snapshot made meanwhile, by this server or
	// another, removes the parts of every generation but its own, and
	// the parts of one generation are only ever written by its writer, so
	// that their number is all there is to check. Pointed, they stay (see
	// dropAllBut).
	res, err := db.write.ExecContext(ctx,
		`INSERT INTO snapshots (log, size, root, data, parts_of, parts)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE (SELECT count(*) FROM snapshot_parts WHERE log = ?1 AND gen = ?5) = ?6
		ON CONFLICT (log) DO UPDATE SET size = excluded.size, root = excluded.root, data = excluded.data,
			parts_of = excluded.parts_of, parts = excluded.parts`,
		snap.Log, snap.Size, snap.Root[:], data, gen, parts)
	var stored int64
	if err == nil {
		stored, err = res.RowsAffected()
	}
	if err == nil && stored == 0 {
		err = entente.Errorf(entente.ECONFLICT, "another write of the log's snapshot (or its deletion), made meanwhile, removed this one's parts; the log keeps what that write left")
	}
	if err != nil {
		return errors.Join(err, db.dropGeneration(context.WithoutCancel(ctx), snap.Log, gen))
	}
	if err := db.dropAllBut(ctx, snap.Log, gen); err != nil {
		return fmt.Errorf("stored, but removing the parts it replaced: %w", err)
	}
	return nil
}

// newGeneration returns a number for a snapshot's parts, positive (never
// 0, which stands for a snapshot in one row) and not the one of any other
// snapshot of the log (random: two servers may write snapshots of one log
// at once).
func newGeneration() int64 {
	var b [8]byte
	rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:])>>1) | 1
}

// dropGeneration removes the parts of log's snapshot generation gen, a
// part per transaction, unless the log's snapshot is made of them.
func (db *DB) dropGeneration(ctx context.Context, log string, gen int64) error {
	return db.dropEach(ctx, `DELETE FROM snapshot_parts WHERE rowid = (SELECT rowid FROM snapshot_parts WHERE log = ?1 AND gen = ?2
		AND gen <> coalesce((SELECT parts_of FROM snapshots WHERE log = ?1), 0) LIMIT 1)`, log, gen)
}

// dropAllBut removes the parts of log's snapshots of every generation but
// keep (0 keeps none: no generation is 0) and the one the log's snapshot
// is made of, a part per transaction. That one is checked in each
// transaction: a writer that pointed the log's row at its parts and then
// removes the others' must not remove those of a second writer that has
// pointed the row at its own since, nor the second writer its.
func (db *DB) dropAllBut(ctx context.Context, log string, keep int64) error {
	return db.dropEach(ctx, `DELETE FROM snapshot_parts WHERE rowid = (SELECT rowid FROM snapshot_parts WHERE log = ?1 AND gen <> ?2
		AND gen <> coalesce((SELECT parts_of FROM snapshots WHERE log = ?1), 0) LIMIT 1)`, log, keep)
}

// dropEach runs query, which deletes one part of log's, until it deletes
// none: a part per transaction, so that no transaction holds the write
// lock for long.
func (db *DB) dropEach(ctx context.Context, query, log string, gen int64) error {
	for {
		res, err := db.write.ExecContext(ctx, query, log, gen)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
	}
}

// Snapshot returns log's snapshot; ok is false when there is none. A
// snapshot in parts is read in one read transaction with its row, so that
// a snapshot replaced meanwhile is read whole or not at all. One whose
// parts are not all there (which PutSnapshot never leaves, but a store
// written by an earlier version may hold, or one edited by hand) is none:
// a snapshot is a cache, and the reader rebuilds it.
func (db *DB) Snapshot(ctx context.Context, log string) (logstore.Snapshot, bool, error) {
	snap, ok, err := db.readSnapshot(ctx, log)
	if err != nil {
		return logstore.Snapshot{}, false, fmt.Errorf("sqlite: snapshot of log %q: %w", log, ctxErr(ctx, err))
	}
	return snap, ok, nil
}

func (db *DB) readSnapshot(ctx context.Context, log string) (_ logstore.Snapshot, _ bool, err error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return logstore.Snapshot{}, false, err
	}
	defer func() { err = errors.Join(err, tx.Rollback()) }()
	snap := logstore.Snapshot{Log: log}
	var (
		root  []byte
		gen   int64
		parts int
	)
	err = tx.QueryRowContext(ctx, `SELECT size, root, data, parts_of, parts FROM snapshots WHERE log = ?`, log).Scan(&snap.Size, &root, &snap.Data, &gen, &parts)
	if errors.Is(err, sql.ErrNoRows) {
		return logstore.Snapshot{}, false, nil
	}
	if err == nil {
		err = copyHash(&snap.Root, root)
	}
	if err != nil || parts == 0 {
		return snap, err == nil, err
	}
	if db.afterSnapshotRow != nil {
		db.afterSnapshotRow()
	}
	rows, err := tx.QueryContext(ctx, `SELECT part, data FROM snapshot_parts WHERE log = ? AND gen = ? ORDER BY part`, log, gen)
	if err != nil {
		return logstore.Snapshot{}, false, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	// The row's count is only believed as far as the parts read bear it
	// out: a hand-edited count must not size an allocation.
	snap.Data = make([]byte, 0, min(parts, maxPreallocParts)*snapshotPart)
	next := 0
	for rows.Next() {
		var (
			part int
			data sql.RawBytes
		)
		if err := rows.Scan(&part, &data); err != nil {
			return logstore.Snapshot{}, false, err
		}
		if part != next {
			return logstore.Snapshot{}, false, nil // part next is missing
		}
		snap.Data = append(snap.Data, data...)
		next++
	}
	if err := rows.Err(); err != nil {
		return logstore.Snapshot{}, false, err
	}
	if next != parts {
		return logstore.Snapshot{}, false, nil // the last parts are missing
	}
	return snap, true, nil
}

// maxPreallocParts bounds the parts a read makes room for at once (64
// MiB); a longer snapshot grows as its parts are read.
const maxPreallocParts = 64

// DeleteSnapshot removes log's snapshot, if it has one, and then its
// parts, a part per transaction.
func (db *DB) DeleteSnapshot(ctx context.Context, log string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM snapshots WHERE log = ?`, log); err != nil {
		return fmt.Errorf("sqlite: delete snapshot of log %q: %w", log, ctxErr(ctx, err))
	}
	if err := db.dropAllBut(ctx, log, 0); err != nil {
		return fmt.Errorf("sqlite: delete snapshot of log %q: its parts: %w", log, ctxErr(ctx, err))
	}
	return nil
}
