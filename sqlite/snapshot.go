package sqlite

import (
	"context"
	"database/sql"
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

// PutSnapshot stores snap as its log's snapshot, replacing any earlier one,
// durably, in one IMMEDIATE transaction.
func (db *DB) PutSnapshot(ctx context.Context, snap logstore.Snapshot) error {
	if err := checkSnapshot(snap); err != nil {
		return fmt.Errorf("sqlite: snapshot of log %q: %w", snap.Log, err)
	}
	_, err := db.write.ExecContext(ctx,
		`INSERT INTO snapshots (log, size, root, data) VALUES (?, ?, ?, ?)
		ON CONFLICT (log) DO UPDATE SET size = excluded.size, root = excluded.root, data = excluded.data`,
		snap.Log, snap.Size, snap.Root[:], nonNil(snap.Data))
	if err != nil {
		return fmt.Errorf("sqlite: snapshot of log %q: %w", snap.Log, ctxErr(ctx, err))
	}
	return nil
}

// Snapshot returns log's snapshot; ok is false when there is none.
func (db *DB) Snapshot(ctx context.Context, log string) (logstore.Snapshot, bool, error) {
	snap := logstore.Snapshot{Log: log}
	var root []byte
	err := db.read.QueryRowContext(ctx, `SELECT size, root, data FROM snapshots WHERE log = ?`, log).Scan(&snap.Size, &root, &snap.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return logstore.Snapshot{}, false, nil
	}
	if err == nil {
		err = copyHash(&snap.Root, root)
	}
	if err != nil {
		return logstore.Snapshot{}, false, fmt.Errorf("sqlite: snapshot of log %q: %w", log, ctxErr(ctx, err))
	}
	return snap, true, nil
}

// DeleteSnapshot removes log's snapshot, if it has one.
func (db *DB) DeleteSnapshot(ctx context.Context, log string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM snapshots WHERE log = ?`, log); err != nil {
		return fmt.Errorf("sqlite: delete snapshot of log %q: %w", log, ctxErr(ctx, err))
	}
	return nil
}
