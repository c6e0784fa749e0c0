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

// BeginBatch opens a group commit that takes its appends one at a time
// (see [logstore.Batcher]): one IMMEDIATE transaction on the writer's
// connection, which holds the database's write lock until Commit or
// Rollback. A server writes a batch's first entries while the commands of
// its last are still running, and so the statements of a batch are off
// the path its clients wait on.
func (db *DB) BeginBatch(ctx context.Context) (logstore.Batch, error) {
	prepared, err := db.batchStatements(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin batch: %w", ctxErr(ctx, err))
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin batch: %w", ctxErr(ctx, err))
	}
	return &batch{ctx: ctx, tx: tx, st: prepared.in(ctx, tx), sizes: map[string]int64{}, refused: map[string]bool{}, accepted: map[string]bool{}}, nil
}

// batch is an open group commit (see BeginBatch).
type batch struct {
	ctx context.Context
	tx  *sql.Tx
	st  *batchStmts
	// sizes holds the length of each log named so far, as the batch
	// leaves it; refused, the logs an append was refused to; accepted,
	// those an append was accepted to, which Commit wants heads of.
	sizes    map[string]int64
	refused  map[string]bool
	accepted map[string]bool
	// failed is why the batch failed, once it has; done, that it ended.
	failed error
	done   bool
}

// Add checks a and inserts its entries (see [logstore.Batch]).
func (b *batch) Add(a logstore.Append) (result, err error) {
	if err := b.usable(); err != nil {
		return nil, err
	}
	if b.refused[a.Log] {
		return entente.FieldErrorf(entente.ECONFLICT, "from", "an earlier append to log %q in the batch was refused", a.Log), nil
	}
	if _, err := checkAppend(a.Log, a.From, a.Entries, a.Head); err != nil {
		b.refused[a.Log] = true
		return err, nil
	}
	n, ok := b.sizes[a.Log]
	if !ok {
		if err := b.st.length.QueryRowContext(b.ctx, a.Log).Scan(&n); err != nil {
			return nil, b.fail(fmt.Errorf("length of log %q: %w", a.Log, err))
		}
		b.sizes[a.Log] = n
	}
	if n != a.From {
		b.refused[a.Log] = true
		return entente.FieldErrorf(entente.ECONFLICT, "from", "log holds %d entries, append expected %d", n, a.From), nil
	}
	for _, e := range a.Entries {
		if _, err := b.st.entry.ExecContext(b.ctx, a.Log, e.Index, nonNil(e.Data), e.LeafHash[:]); err != nil {
			return nil, b.fail(fmt.Errorf("insert entry %d of log %q: %w", e.Index, a.Log, err))
		}
	}
	b.sizes[a.Log] = a.From + int64(len(a.Entries))
	b.accepted[a.Log] = true
	return nil, nil
}

// Commit inserts heads, checked against what the batch appended, and
// commits (see [logstore.Batch]).
func (b *batch) Commit(heads []tlog.TreeHead) (err error) {
	if err := b.usable(); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = b.fail(err)
		}
	}()
	seen := make(map[string]bool, len(heads))
	for _, h := range heads {
		switch {
		case !b.accepted[h.Log]:
			return entente.FieldErrorf(entente.EINVALID, "head", "head for log %q, to which the batch appended nothing", h.Log)
		case seen[h.Log]:
			return entente.FieldErrorf(entente.EINVALID, "head", "two heads for log %q", h.Log)
		case h.Size != uint64(b.sizes[h.Log]):
			return entente.FieldErrorf(entente.EINVALID, "head", "head of log %q has size %d, but the batch leaves it %d entries", h.Log, h.Size, b.sizes[h.Log])
		}
		seen[h.Log] = true
		stamp, err := formatTime(h.Time)
		if err != nil {
			return entente.FieldErrorf(entente.EINVALID, "head", "time: %v", err)
		}
		if _, err := b.st.head.ExecContext(b.ctx, h.Log, int64(h.Size), h.Root[:], stamp, nonNil(h.Signature)); err != nil {
			return fmt.Errorf("insert tree head %d of log %q: %w", h.Size, h.Log, err)
		}
	}
	if len(seen) != len(b.accepted) {
		for log := range b.accepted {
			if !seen[log] {
				return entente.FieldErrorf(entente.EINVALID, "head", "no head for log %q, which the batch appended to", log)
			}
		}
	}
	if err := b.st.close(); err != nil {
		return fmt.Errorf("close statements: %w", err)
	}
	b.done = true
	if err := b.tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Rollback ends the batch, keeping nothing (see [logstore.Batch]).
func (b *batch) Rollback() error {
	if b.done {
		return nil
	}
	b.done = true
	err := errors.Join(b.st.close(), b.tx.Rollback())
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sqlite: roll back batch: %w", err)
	}
	return nil
}

// usable returns why the batch can take nothing more, if it cannot.
func (b *batch) usable() error {
	switch {
	case b.failed != nil:
		return b.failed
	case b.done:
		return errors.New("sqlite: batch already ended")
	}
	return nil
}

// fail records err as the batch's failure and rolls it back; a refusal
// of Commit's heads (a caller's mistake) is returned as it is.
func (b *batch) fail(err error) error {
	if entente.ErrorCode(err) != entente.EINVALID {
		err = fmt.Errorf("sqlite: batch: %w", ctxErr(b.ctx, err))
	}
	b.failed = err
	if rbErr := b.Rollback(); rbErr != nil {
		b.failed = errors.Join(err, rbErr)
	}
	return b.failed
}
