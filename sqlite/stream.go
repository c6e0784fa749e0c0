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
	st := prepared.in(ctx, tx)
	version, err := st.version(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin batch: %w", errors.Join(ctxErr(ctx, err), st.close(), tx.Rollback()))
	}
	return &batch{db: db, ctx: ctx, tx: tx, st: st, version: version, last: map[string]int{}, sizes: map[string]int64{}, refused: map[string]bool{}}, nil
}

// batch is an open group commit (see BeginBatch).
type batch struct {
	db  *DB
	ctx context.Context
	tx  *sql.Tx
	st  *batchStmts
	// version is data_version as the transaction began (see lengthCache).
	version int64
	// results holds the outcome of each append added, and last the index
	// of each log's last accepted append; sizes holds the length of each
	// log named so far, as the batch leaves it; refused, the logs an
	// append was refused to.
	results []error
	appends []logstore.Append
	last    map[string]int
	order   []string // the logs accepted to, in the order of their first
	sizes   map[string]int64
	refused map[string]bool
	// failed is why the batch failed, once it has; done, that it ended.
	failed error
	done   bool
}

// Add checks a and inserts its entries at once (see [logstore.Batch]).
func (b *batch) Add(a logstore.Append) error {
	if err := b.usable(); err != nil {
		return err
	}
	result, err := b.add(a)
	if err != nil {
		return b.fail(err)
	}
	b.results = append(b.results, result)
	b.appends = append(b.appends, a)
	if result == nil {
		if _, ok := b.last[a.Log]; !ok {
			b.order = append(b.order, a.Log)
		}
		b.last[a.Log] = len(b.appends) - 1
	}
	return nil
}

// add checks a against the log and inserts its entries; result is why a
// was refused, err why the batch failed.
func (b *batch) add(a logstore.Append) (result, err error) {
	if b.refused[a.Log] {
		return entente.FieldErrorf(entente.ECONFLICT, "from", "an earlier append to log %q in the batch was refused", a.Log), nil
	}
	if _, err := checkAppend(a.Log, a.From, a.Entries, a.Head); err != nil {
		b.refused[a.Log] = true
		return err, nil
	}
	n, ok := b.sizes[a.Log]
	if !ok {
		if known, cached := b.db.lengths.known(b.version, []string{a.Log})[a.Log]; cached {
			n = known
		} else if err := b.st.length.QueryRowContext(b.ctx, a.Log).Scan(&n); err != nil {
			return nil, fmt.Errorf("length of log %q: %w", a.Log, err)
		}
		b.sizes[a.Log] = n
	}
	if n != a.From {
		b.refused[a.Log] = true
		return entente.FieldErrorf(entente.ECONFLICT, "from", "log holds %d entries, append expected %d", n, a.From), nil
	}
	for _, e := range a.Entries {
		if _, err := b.st.entry.ExecContext(b.ctx, a.Log, e.Index, nonNil(e.Data), e.LeafHash[:]); err != nil {
			return nil, fmt.Errorf("insert entry %d of log %q: %w", e.Index, a.Log, err)
		}
	}
	b.sizes[a.Log] = a.From + int64(len(a.Entries))
	return nil, nil
}

// Commit signs and inserts the head of each log's last accepted append,
// and commits (see [logstore.Batch]).
func (b *batch) Commit(sign func(tlog.TreeHead) tlog.TreeHead) (_ []error, err error) {
	if err := b.usable(); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			err = b.fail(err)
		}
	}()
	for _, log := range b.order {
		want := b.appends[b.last[log]].Head
		h := sign(want)
		if !h.SameStatement(want) {
			return nil, entente.FieldErrorf(entente.EINVALID, "head", "signing changed the head of log %q, not just its signature", log)
		}
		stamp, err := formatTime(h.Time)
		if err != nil {
			return nil, entente.FieldErrorf(entente.EINVALID, "head", "time: %v", err)
		}
		if _, err := b.st.head.ExecContext(b.ctx, h.Log, int64(h.Size), h.Root[:], stamp, nonNil(h.Signature)); err != nil {
			return nil, fmt.Errorf("insert tree head %d of log %q: %w", h.Size, h.Log, err)
		}
	}
	if err := b.st.close(); err != nil {
		return nil, fmt.Errorf("close statements: %w", err)
	}
	b.done = true
	if err := b.tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	b.db.lengths.store(b.version, b.sizes)
	return b.results, nil
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

// fail records err as the batch's failure and rolls it back; a head that
// signing changed (a caller's mistake) is returned as it is.
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
