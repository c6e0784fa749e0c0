package postgres

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// AppendBatch makes appends in one transaction, one call of the
// append_batch function (see migrations/), so that all of them cost one
// round trip and one WAL flush (see [logstore.Store.AppendBatch]). Each
// append is checked as [DB.Append] checks it: a malformed one is EINVALID
// and is not sent; one whose From is not its log's length after the earlier
// appends of the batch is ECONFLICT, and so is every later append to a log
// once one of its appends was refused. The others are written.
//
// The batch is sent sorted by log (each log's appends keeping their order),
// so that batches from several servers lock the logs they share in the
// same order and never deadlock. When the connection is lost after the call
// was sent, AppendBatch reads the heads back: if any append's head is
// there, byte for byte, the batch was committed and the results say which
// appends were written. Otherwise the outcome is unknown and err is
// [ECodeUnavailable]. After the commit, each log appended to is announced
// on the store's channel (see [DB.Listen]), from a goroutine of the DB's,
// so that the caller does not wait for a second round trip.
func (db *DB) AppendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	db.appending.RLock() // Close waits for the batch and its notification
	defer db.appending.RUnlock()
	results, err := db.appendBatch(ctx, appends)
	if err != nil {
		return nil, fmt.Errorf("postgres: append batch of %d: %w", len(appends), err)
	}
	return results, nil
}

// sentAppend is an append of a batch as sent: its place in the caller's
// batch and its head's time as stored.
type sentAppend struct {
	at    int
	a     logstore.Append
	stamp string
}

func (db *DB) appendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	results := make([]error, len(appends))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Check each append, in order, without the database: a malformed one
	// is refused, and with it the later appends to its log.
	refused := map[string]bool{}
	var send []sentAppend
	for i, a := range appends {
		if refused[a.Log] {
			results[i] = chainRefused(a.Log)
			continue
		}
		stamp, err := checkAppend(a.Log, a.From, a.Entries, a.Head)
		if err != nil {
			results[i], refused[a.Log] = err, true
			continue
		}
		send = append(send, sentAppend{at: i, a: a, stamp: stamp})
	}
	if len(send) == 0 {
		return results, nil
	}
	slices.SortStableFunc(send, func(x, y sentAppend) int { return cmp.Compare(x.a.Log, y.a.Log) })
	var (
		logs              = make([]string, len(send))
		froms             = make([]int64, len(send))
		counts            = make([]int32, len(send))
		roots, signatures = make([][]byte, len(send)), make([][]byte, len(send))
		times             = make([]string, len(send))
		data, leafHashes  [][]byte
		appended          []bool
		sizes             []int64
	)
	for j, s := range send {
		logs[j], froms[j], counts[j] = s.a.Log, s.a.From, int32(len(s.a.Entries))
		roots[j], times[j], signatures[j] = s.a.Head.Root[:], s.stamp, nonNil(s.a.Head.Signature)
		for _, e := range s.a.Entries {
			data = append(data, nonNil(e.Data))
			leafHashes = append(leafHashes, e.LeafHash[:])
		}
	}
	err := db.pool.QueryRow(ctx,
		`SELECT appended, log_sizes FROM append_batch($1, $2, $3, $4, $5, $6, $7, $8)`,
		logs, froms, counts, data, leafHashes, roots, times, signatures,
	).Scan(&appended, &sizes)
	if err != nil {
		committed, ok := db.batchLostButCommitted(ctx, err, send)
		if !ok {
			return nil, classify(ctx, err)
		}
		appended = committed
		sizes = make([]int64, len(send))
	}
	if len(appended) != len(send) || len(sizes) != len(send) {
		return nil, fmt.Errorf("append_batch answered %d results for %d appends", len(appended), len(send))
	}
	notices := map[string]uint64{}
	seen := map[string]bool{}
	for j, s := range send {
		switch {
		case appended[j]:
			notices[s.a.Log] = max(notices[s.a.Log], s.a.Head.Size)
		case seen[s.a.Log]:
			results[s.at] = chainRefused(s.a.Log)
		default:
			seen[s.a.Log] = true
			results[s.at] = entente.FieldErrorf(entente.ECONFLICT, "from", "log holds %d entries, append expected %d", sizes[j], s.a.From)
		}
	}
	db.notifyLater(notices)
	return results, nil
}

// chainRefused is the refusal of an append made after another append to
// the same log was refused in the batch.
func chainRefused(log string) error {
	return entente.FieldErrorf(entente.ECONFLICT, "from", "an earlier append to log %q in the batch was refused", log)
}

// batchLostButCommitted is lostButCommitted for a batch: when the call
// lost its connection after it may have reached the server, it reads back
// the heads of the batch's appends. If any is stored exactly as sent, the
// batch was committed, and it reports which appends were written.
func (db *DB) batchLostButCommitted(ctx context.Context, err error, send []sentAppend) ([]bool, bool) {
	var pgErr *pgconn.PgError
	if ctx.Err() != nil || errors.As(err, &pgErr) || pgconn.SafeToRetry(err) || !unavailable(err) {
		return nil, false
	}
	check, cancel := context.WithTimeout(ctx, defaultConnectTimeout)
	defer cancel()
	logs := make([]string, len(send))
	sizes := make([]int64, len(send))
	for j, s := range send {
		logs[j], sizes[j] = s.a.Log, int64(s.a.Head.Size)
	}
	rows, err := db.pool.Query(check, `SELECT h.log, h.size, h.root, h.time, h.signature
		FROM tree_heads h JOIN unnest($1::text[], $2::bigint[]) AS b(log, size) ON h.log = b.log AND h.size = b.size`, logs, sizes)
	if err != nil {
		return nil, false
	}
	type key struct {
		log  string
		size int64
	}
	type stored struct {
		root, sig []byte
		stamp     string
	}
	found := map[key]stored{}
	var (
		k key
		v stored
	)
	_, err = pgx.ForEachRow(rows, []any{&k.log, &k.size, &v.root, &v.stamp, &v.sig}, func() error {
		found[k] = stored{root: bytes.Clone(v.root), sig: bytes.Clone(v.sig), stamp: v.stamp}
		return nil
	})
	if err != nil {
		return nil, false
	}
	appended := make([]bool, len(send))
	someone := false
	for j, s := range send {
		h, ok := found[key{s.a.Log, int64(s.a.Head.Size)}]
		appended[j] = ok && bytes.Equal(h.root, s.a.Head.Root[:]) && h.stamp == s.stamp && bytes.Equal(h.sig, nonNil(s.a.Head.Signature))
		someone = someone || appended[j]
	}
	return appended, someone
}

// notifyAll announces, after a commit, that each log in sizes now holds
// that many entries, with one statement that flushes nothing (see notify).
func (db *DB) notifyAll(ctx context.Context, sizes map[string]uint64) {
	if len(sizes) == 0 {
		return
	}
	payloads := make([]string, 0, len(sizes))
	for log, size := range sizes {
		_, p := db.notification(log, size)
		payloads = append(payloads, p)
	}
	slices.Sort(payloads)
	ctx = context.WithoutCancel(ctx)
	ctx, cancel := context.WithTimeout(ctx, defaultConnectTimeout)
	defer cancel()
	if _, err := db.pool.Exec(ctx, `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, p) FROM unnest($2::text[]) AS p`, db.channel, payloads); err != nil {
		db.notifyFailures.Add(1)
	}
}
