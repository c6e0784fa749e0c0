package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/entente/entente/tlog"
)

// LatestHead returns the tree head of log with the largest size, with Time
// in UTC: that of the log's last entry, one step down the index, whatever
// the log's length.
func (db *DB) LatestHead(ctx context.Context, log string) (tlog.TreeHead, bool, error) {
	h, ok, err := db.readLatestHead(ctx, log)
	if err != nil {
		return tlog.TreeHead{}, false, fmt.Errorf("sqlite: latest head of log %q: %w", log, ctxErr(ctx, err))
	}
	return h, ok, nil
}

func (db *DB) readLatestHead(ctx context.Context, log string) (_ tlog.TreeHead, _ bool, err error) {
	rows, err := db.read.QueryContext(ctx,
		`SELECT idx + 1, root, time, signature FROM entries WHERE log = ? AND signature IS NOT NULL ORDER BY idx DESC LIMIT 1`, log)
	if err != nil {
		return tlog.TreeHead{}, false, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	if !rows.Next() {
		return tlog.TreeHead{}, false, rows.Err()
	}
	h, err := scanHead(rows)
	if err != nil {
		return tlog.TreeHead{}, false, err
	}
	h.Log = log
	return h, true, nil
}
