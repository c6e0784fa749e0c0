package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// HeadsFrom returns the tree heads of log whose size is at least size,
// oldest first, with Time in UTC: one range of the primary key.
func (db *DB) HeadsFrom(ctx context.Context, log string, size int64) ([]tlog.TreeHead, error) {
	heads, err := db.queryHeads(ctx, log, size)
	if err != nil {
		return nil, fmt.Errorf("postgres: heads of log %q from size %d: %w", log, size, err)
	}
	return heads, nil
}

// queryHeads reads the heads of log of at least size entries.
func (db *DB) queryHeads(ctx context.Context, log string, size int64) ([]tlog.TreeHead, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !validName(log) {
		return nil, nil
	}
	rows, err := db.pool.Query(ctx, `SELECT size, root, time, signature FROM tree_heads WHERE log = $1 AND size >= $2 ORDER BY size`, log, size)
	if err != nil {
		return nil, classify(ctx, err)
	}
	var (
		heads []tlog.TreeHead
		n     int64
		root  []byte
		stamp string
		sig   []byte
	)
	_, err = pgx.ForEachRow(rows, []any{&n, &root, &stamp, &sig}, func() error {
		h := tlog.TreeHead{Log: log, Size: uint64(n), Signature: sig}
		sig = nil // the next row scans into a fresh slice
		if err := copyHash(&h.Root, root); err != nil {
			return fmt.Errorf("head %d: root: %w", n, err)
		}
		t, err := time.Parse(time.RFC3339Nano, stamp)
		if err != nil {
			return fmt.Errorf("head %d: time: %w", n, err)
		}
		h.Time = t.UTC()
		heads = append(heads, h)
		return nil
	})
	if err != nil {
		return nil, classify(ctx, err)
	}
	return heads, nil
}

// checkSnapshot refuses a snapshot that cannot be stored.
func checkSnapshot(snap logstore.Snapshot) error {
	switch {
	case snap.Log == "":
		return entente.FieldErrorf(entente.EINVALID, "log", "log name is empty")
	case !validName(snap.Log):
		return entente.FieldErrorf(entente.EINVALID, "log", "log name %q is not UTF-8 text without NUL bytes", snap.Log)
	case snap.Size < 1:
		return entente.FieldErrorf(entente.EINVALID, "size", "snapshot of %d entries: a snapshot covers at least one", snap.Size)
	}
	return nil
}

// PutSnapshot stores snap as its log's snapshot, replacing any earlier
// one, with a synchronous commit.
func (db *DB) PutSnapshot(ctx context.Context, snap logstore.Snapshot) error {
	if err := checkSnapshot(snap); err != nil {
		return fmt.Errorf("postgres: snapshot of log %q: %w", snap.Log, err)
	}
	_, err := db.pool.Exec(ctx,
		`INSERT INTO snapshots (log, size, root, data) VALUES ($1, $2, $3, $4)
		ON CONFLICT (log) DO UPDATE SET size = excluded.size, root = excluded.root, data = excluded.data`,
		snap.Log, snap.Size, snap.Root[:], nonNil(snap.Data))
	if err != nil {
		return fmt.Errorf("postgres: snapshot of log %q: %w", snap.Log, classify(ctx, err))
	}
	return nil
}

// Snapshot returns log's snapshot; ok is false when there is none.
func (db *DB) Snapshot(ctx context.Context, log string) (logstore.Snapshot, bool, error) {
	if err := ctx.Err(); err != nil {
		return logstore.Snapshot{}, false, fmt.Errorf("postgres: snapshot of log %q: %w", log, err)
	}
	if !validName(log) {
		return logstore.Snapshot{}, false, nil
	}
	snap := logstore.Snapshot{Log: log}
	var root []byte
	err := db.pool.QueryRow(ctx, `SELECT size, root, data FROM snapshots WHERE log = $1`, log).Scan(&snap.Size, &root, &snap.Data)
	if errors.Is(err, pgx.ErrNoRows) {
		return logstore.Snapshot{}, false, nil
	}
	if err != nil {
		return logstore.Snapshot{}, false, fmt.Errorf("postgres: snapshot of log %q: %w", log, classify(ctx, err))
	}
	if err := copyHash(&snap.Root, root); err != nil {
		return logstore.Snapshot{}, false, fmt.Errorf("postgres: snapshot of log %q: %w", log, err)
	}
	return snap, true, nil
}

// DeleteSnapshot removes log's snapshot, if it has one.
func (db *DB) DeleteSnapshot(ctx context.Context, log string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("postgres: delete snapshot of log %q: %w", log, err)
	}
	if !validName(log) {
		return nil
	}
	if _, err := db.pool.Exec(ctx, `DELETE FROM snapshots WHERE log = $1`, log); err != nil {
		return fmt.Errorf("postgres: delete snapshot of log %q: %w", log, classify(ctx, err))
	}
	return nil
}
