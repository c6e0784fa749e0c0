package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
)

// lengthCache remembers the lengths of the logs that this store's writer
// connection last appended to, so that a group commit need not look up the
// length of every log it appends to (at 8 logs a batch the lookup was 4%
// of the CPU of an append). It holds only while no other connection has
// committed: SQLite's data_version, read inside the write transaction,
// changes exactly when one has, and then the cache is dropped. The
// writer's own commits leave data_version as it was, so each of them
// updates the cache (batches) or drops what it changed (Append).
type lengthCache struct {
	mu      sync.Mutex
	version int64
	sizes   map[string]int64
	// writes counts the transactions of this store that appended, each
	// counted inside its transaction (known, forget). A batch stores the
	// lengths it left only when no other has begun since its own began:
	// its commit frees the write connection before it stores them, and a
	// transaction in between may have made a log longer again.
	writes uint64
}

// version returns, for a write transaction tx, what the cache is valid
// for: data_version, which changes when another connection commits, in
// the low 32 bits, and in the high 32 the connection's mark, a number kept
// in the user_version of its temporary schema (0 on a new connection, which
// is given one now), so that the cache of one connection is never taken for
// another's after database/sql opens a new one.
func (st *batchStmts) version(ctx context.Context, tx *sql.Tx) (int64, error) {
	var v, mark int64
	if err := st.dataVersion.QueryRowContext(ctx).Scan(&v); err != nil {
		return 0, fmt.Errorf("data version: %w", err)
	}
	if err := st.connMark.QueryRowContext(ctx).Scan(&mark); err != nil {
		return 0, fmt.Errorf("connection mark: %w", err)
	}
	if mark == 0 {
		mark = int64(connMarks.Add(1))
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA temp.user_version = %d`, mark)); err != nil {
			return 0, fmt.Errorf("connection mark: %w", err)
		}
	}
	return mark<<32 | v&(1<<32-1), nil
}

// connMarks numbers the write connections of the process (see version).
var connMarks atomic.Uint32

// known returns the cached lengths of logs, for a write transaction that
// read data_version as version: none when another connection committed
// since the cache was filled. It takes logs out of the cache, as the
// transaction is about to change them (a transaction that begins after
// its commit and before its store must read their lengths from the
// database), and returns the ticket that the transaction's store needs.
func (c *lengthCache) known(version int64, logs []string) (map[string]int64, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	out := make(map[string]int64, len(logs))
	if c.sizes == nil || c.version != version {
		return out, c.writes
	}
	for _, log := range logs {
		if n, ok := c.sizes[log]; ok {
			out[log] = n
			delete(c.sizes, log)
		}
	}
	return out, c.writes
}

// store records, after a commit by a transaction that read data_version
// as version and was given ticket by known, the lengths the commit left
// logs at; unless another transaction has appended since, whose lengths
// may be newer (it then stores them itself, or has taken its logs out).
func (c *lengthCache) store(version int64, ticket uint64, sizes map[string]int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.writes != ticket {
		return
	}
	if c.sizes == nil || c.version != version {
		c.sizes, c.version = map[string]int64{}, version
	}
	for log, n := range sizes {
		c.sizes[log] = n
	}
	if len(c.sizes) > maxCachedLengths {
		c.sizes = nil // a store of many logs: start again from those the next batches touch
	}
}

// reset drops the whole cache, after a commit whose outcome is not known.
func (c *lengthCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sizes = nil
}

// forget drops what the cache says of log, inside a transaction that
// changes it without telling the cache its new length (Append).
func (c *lengthCache) forget(log string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	delete(c.sizes, log)
}

// maxCachedLengths bounds the cache: a few batches' worth of logs is all
// it is for.
const maxCachedLengths = 4096
