package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente/tlog"
)

// LatestHead returns the tree head of log with the largest size, with Time
// in UTC: one step down the primary key, whatever the log's length.
func (db *DB) LatestHead(ctx context.Context, log string) (tlog.TreeHead, bool, error) {
	h, ok, err := db.queryLatestHead(ctx, log)
	if err != nil {
		return tlog.TreeHead{}, false, fmt.Errorf("postgres: latest head of log %q: %w", log, err)
	}
	return h, ok, nil
}

// queryLatestHead reads the head of log with the largest size.
func (db *DB) queryLatestHead(ctx context.Context, log string) (tlog.TreeHead, bool, error) {
	if err := ctx.Err(); err != nil {
		return tlog.TreeHead{}, false, err
	}
	if !validName(log) {
		return tlog.TreeHead{}, false, nil
	}
	var (
		n     int64
		root  []byte
		stamp string
		sig   []byte
	)
	err := db.pool.QueryRow(ctx, `SELECT size, root, time, signature FROM tree_heads WHERE log = $1 ORDER BY size DESC LIMIT 1`, log).
		Scan(&n, &root, &stamp, &sig)
	if errors.Is(err, pgx.ErrNoRows) {
		return tlog.TreeHead{}, false, nil
	}
	if err != nil {
		return tlog.TreeHead{}, false, classify(ctx, err)
	}
	h := tlog.TreeHead{Log: log, Size: uint64(n), Signature: sig} // the schema keeps size > 0
	if err := copyHash(&h.Root, root); err != nil {
		return tlog.TreeHead{}, false, fmt.Errorf("head %d: root: %w", n, err)
	}
	t, err := time.Parse(time.RFC3339Nano, stamp)
	if err != nil {
		return tlog.TreeHead{}, false, fmt.Errorf("head %d: time: %w", n, err)
	}
	h.Time = t.UTC()
	return h, true, nil
}
