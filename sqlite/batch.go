package sqlite

import (
	"context"
	"fmt"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// AppendBatch makes appends in one IMMEDIATE transaction, with one fsync
// for all of them (see [logstore.Store.AppendBatch]). Each append is
// checked as [DB.Append] checks it, in order: a malformed one is EINVALID,
// one whose From is not its log's length after the earlier appends of the
// batch is ECONFLICT, and so is every later append to a log once one of
// its appends was refused. The others are written. When the transaction
// fails, err says why and nothing is written.
func (db *DB) AppendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	results, err := db.appendBatch(ctx, appends)
	if err != nil {
		return nil, fmt.Errorf("sqlite: append batch of %d: %w", len(appends), err)
	}
	return results, nil
}

func (db *DB) appendBatch(ctx context.Context, appends []logstore.Append) (_ []error, err error) {
	results := make([]error, len(appends))
	if len(appends) == 0 {
		return results, ctx.Err()
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	defer rollback(tx, &err)
	sizes := map[string]int64{} // lengths as the batch leaves them
	refused := map[string]bool{}
	for i, a := range appends {
		if refused[a.Log] {
			results[i] = entente.FieldErrorf(entente.ECONFLICT, "from", "an earlier append to log %q in the batch was refused", a.Log)
			continue
		}
		stamp, err := checkAppend(a.Log, a.From, a.Entries, a.Head)
		if err != nil {
			results[i], refused[a.Log] = err, true
			continue
		}
		n, known := sizes[a.Log]
		if !known {
			if n, err = logLen(ctx, tx, a.Log); err != nil {
				return nil, ctxErr(ctx, err)
			}
		}
		if n != a.From {
			results[i], refused[a.Log] = entente.FieldErrorf(entente.ECONFLICT, "from", "log holds %d entries, append expected %d", n, a.From), true
			sizes[a.Log] = n
			continue
		}
		if err := insertEntries(ctx, tx, a.Log, a.Entries); err != nil {
			return nil, ctxErr(ctx, err)
		}
		if err := insertHead(ctx, tx, a.Log, a.Head, stamp); err != nil {
			return nil, ctxErr(ctx, err)
		}
		sizes[a.Log] = a.From + int64(len(a.Entries))
	}
	if err := tx.Commit(); err != nil {
		return nil, ctxErr(ctx, fmt.Errorf("commit: %w", err))
	}
	return results, nil
}
