package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
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
	// Each statement is parsed once per connection, not once per append
	// or per transaction: in a group commit of hundreds of appends,
	// parsing per append was a tenth of the committer's time, and with
	// one append per transaction parsing per transaction was a seventh of
	// a command's CPU.
	prepared, err := db.batchStatements(ctx)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	defer rollback(tx, &err)
	refused := map[string]bool{}
	st := prepared.in(ctx, tx)
	defer func() { err = errors.Join(err, st.close()) }()
	version, err := st.version(ctx, tx)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	known, ticket := db.lengths.known(version, logsOf(appends))
	sizes, err := st.lengths(ctx, appends, known) // lengths as the batch leaves them
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
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
		if n := sizes[a.Log]; n != a.From {
			results[i], refused[a.Log] = entente.FieldErrorf(entente.ECONFLICT, "from", "log holds %d entries, append expected %d", n, a.From), true
			continue
		}
		if err := insertAppend(ctx, st.entry, a.Log, a.Entries, a.Head, stamp); err != nil {
			return nil, ctxErr(ctx, err)
		}
		sizes[a.Log] = a.From + int64(len(a.Entries))
	}
	if err := tx.Commit(); err != nil {
		db.lengths.reset() // the commit may have been made
		return nil, ctxErr(ctx, fmt.Errorf("commit: %w", err))
	}
	if db.afterBatchCommit != nil {
		db.afterBatchCommit()
	}
	db.lengths.store(version, ticket, sizes)
	return results, nil
}

// logsOf returns the logs appends name, each once, in order.
func logsOf(appends []logstore.Append) []string {
	seen := map[string]bool{}
	var logs []string
	for _, a := range appends {
		if !seen[a.Log] {
			seen[a.Log] = true
			logs = append(logs, a.Log)
		}
	}
	return logs
}

// batchStmts are the statements of a batch's transaction.
type batchStmts struct {
	length, lengthsOf, entry *sql.Stmt
	// dataVersion and connMark read what the length cache is valid for
	// (see dataVersion).
	dataVersion, connMark *sql.Stmt
}

// batchStatements returns the statements of a batch prepared on the
// writer's connection, preparing them on first use. A transaction uses
// them through batchStmts.in, which database/sql serves from the same
// prepared statements while the connection lives (and prepares again on a
// new one).
func (db *DB) batchStatements(ctx context.Context) (*batchStmts, error) {
	db.prepMu.Lock()
	defer db.prepMu.Unlock()
	if db.prepared != nil {
		return db.prepared, nil
	}
	var st batchStmts
	var err error
	for _, p := range []struct {
		to    **sql.Stmt
		query string
	}{
		// A log's length is its last index plus one (entries are gap-free
		// from 0), found by one seek on the primary key.
		{&st.length, `SELECT coalesce(max(idx) + 1, 0) FROM entries WHERE log = ?`},
		// The lengths of all the logs a batch names, named as a JSON
		// array, in one query rather than one per log.
		{&st.lengthsOf, `SELECT j.key, j.value, (SELECT coalesce(max(idx) + 1, 0) FROM entries WHERE log = j.value) FROM json_each(?) AS j`},
		{&st.entry, insertEntry},
		{&st.dataVersion, `PRAGMA data_version`},
		{&st.connMark, `PRAGMA temp.user_version`},
	} {
		if *p.to, err = db.write.PrepareContext(ctx, p.query); err != nil {
			return nil, errors.Join(fmt.Errorf("prepare: %w", err), st.close())
		}
	}
	db.prepared = &st
	return &st, nil
}

// in returns the statements as tx's own, to be closed with close.
func (st *batchStmts) in(ctx context.Context, tx *sql.Tx) *batchStmts {
	return &batchStmts{length: tx.StmtContext(ctx, st.length), lengthsOf: tx.StmtContext(ctx, st.lengthsOf), entry: tx.StmtContext(ctx, st.entry),
		dataVersion: tx.StmtContext(ctx, st.dataVersion), connMark: tx.StmtContext(ctx, st.connMark)}
}

// lengths returns the length of every log that appends name: those known
// (see lengthCache) as they are, the others read in one query: at 8 logs
// a batch, one query per log cost about 3% of the CPU per entry of
// BenchmarkAppendBatch (8 paired runs, twice: medians 19.7 and 19.8 µs
// against 20.3 and 20.1), on the path every client of a group commit
// waits on.
func (st *batchStmts) lengths(ctx context.Context, appends []logstore.Append, known map[string]int64) (map[string]int64, error) {
	sizes := known
	var logs []string
	for _, a := range appends {
		if _, ok := sizes[a.Log]; !ok {
			sizes[a.Log] = -1
			logs = append(logs, a.Log)
		}
	}
	if len(logs) == 0 {
		return sizes, nil
	}
	list, err := json.Marshal(logs)
	if err != nil {
		return nil, fmt.Errorf("log names: %w", err)
	}
	rows, err := st.lengthsOf.QueryContext(ctx, string(list))
	if err != nil {
		return nil, fmt.Errorf("log lengths: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			i    int
			name string
			n    int64
		)
		if err := rows.Scan(&i, &name, &n); err != nil {
			return nil, fmt.Errorf("log lengths: %w", err)
		}
		if i >= 0 && i < len(logs) && name == logs[i] {
			sizes[name] = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("log lengths: %w", err)
	}
	// A name that did not come back from JSON as it went in (one that is
	// not UTF-8, say) has its length read on its own.
	for _, log := range logs {
		if sizes[log] < 0 {
			var n int64
			if err := st.length.QueryRowContext(ctx, log).Scan(&n); err != nil {
				return nil, fmt.Errorf("length of log %q: %w", log, err)
			}
			sizes[log] = n
		}
	}
	return sizes, nil
}

// close closes the statements prepared.
func (st *batchStmts) close() error {
	var errs []error
	for _, s := range []*sql.Stmt{st.length, st.lengthsOf, st.entry, st.dataVersion, st.connMark} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}
