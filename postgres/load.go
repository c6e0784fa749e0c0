package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// Load copies every log of src into db, which must hold no logs, in one
// transaction: entries byte for byte, and every head as it was appended,
// each covering the entries up to its size. Either the whole copy commits
// or nothing of it does, so a copy interrupted by a crash leaves db empty.
// It returns the number of entries copied. Appends to db wait until Load
// ends. A src log whose heads do not cover its entries in increasing sizes
// is refused with EINVALID, naming the log.
func (db *DB) Load(ctx context.Context, src logstore.Store) (int64, error) {
	n, err := db.load(ctx, src)
	if err != nil {
		return 0, fmt.Errorf("postgres: load into %s: %w", db.url, err)
	}
	return n, nil
}

func (db *DB) load(ctx context.Context, src logstore.Store) (int64, error) {
	logs, err := src.Logs(ctx)
	if err != nil {
		return 0, fmt.Errorf("source: %w", err)
	}
	var total int64
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `LOCK TABLE logs IN EXCLUSIVE MODE`); err != nil {
			return classify(ctx, err)
		}
		var held int64
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM logs`).Scan(&held); err != nil {
			return classify(ctx, err)
		}
		if held > 0 {
			return entente.Errorf(entente.ECONFLICT, "the store already holds %d logs; load into an empty one", held)
		}
		for _, log := range logs {
			n, err := loadLog(ctx, tx, src, log)
			if err != nil {
				return fmt.Errorf("log %q: %w", log, err)
			}
			total += n
		}
		return nil
	})
	if err != nil {
		return 0, classify(ctx, err)
	}
	return total, nil
}

// loadLog replays one log of src into tx, one append per head.
func loadLog(ctx context.Context, tx pgx.Tx, src logstore.Store, log string) (int64, error) {
	entries, err := src.Entries(ctx, log, 0, -1)
	if err != nil {
		return 0, fmt.Errorf("source: %w", err)
	}
	heads, err := src.Heads(ctx, log)
	if err != nil {
		return 0, fmt.Errorf("source: %w", err)
	}
	var from int64
	for _, h := range heads {
		if h.Size <= uint64(from) || h.Size > uint64(len(entries)) {
			return 0, entente.FieldErrorf(entente.EINVALID, "head",
				"head of size %d follows one of size %d in a log of %d entries", h.Size, from, len(entries))
		}
		if err := appendInTx(ctx, tx, log, from, entries[from:h.Size], h); err != nil {
			return 0, err
		}
		from = int64(h.Size)
	}
	if from != int64(len(entries)) {
		return 0, entente.FieldErrorf(entente.EINVALID, "head", "entries %d to %d are covered by no head", from, len(entries))
	}
	return from, nil
}

// appendInTx is Append's statement run in tx, without notification.
func appendInTx(ctx context.Context, tx pgx.Tx, log string, from int64, entries []logstore.Entry, head tlog.TreeHead) error {
	stamp, err := checkAppend(log, from, entries, head)
	if err != nil {
		return err
	}
	data := make([][]byte, len(entries))
	hashes := make([][]byte, len(entries))
	for i := range entries {
		if entries[i].LeafHash != tlog.LeafHash(entries[i].Data) {
			return entente.FieldErrorf(entente.EINVALID, "entries", "entry %d: the leaf hash does not match the data", entries[i].Index)
		}
		data[i] = nonNil(entries[i].Data)
		hashes[i] = entries[i].LeafHash[:]
	}
	var appended bool
	var size int64
	err = tx.QueryRow(ctx, `SELECT appended, log_size FROM append_entries($1, $2, $3, $4, $5, $6, $7, NULL, NULL)`,
		log, from, data, hashes, head.Root[:], stamp, nonNil(head.Signature)).Scan(&appended, &size)
	if err != nil {
		return classify(ctx, err)
	}
	if !appended {
		return entente.FieldErrorf(entente.ECONFLICT, "from", "log holds %d entries, append expected %d", size, from)
	}
	return nil
}
