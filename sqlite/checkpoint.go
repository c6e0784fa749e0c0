package sqlite

import (
	"context"
	"sync"
)

// Checkpoints copy the pages of the write-ahead log back into the database
// file. SQLite makes them by itself at the end of the commit that takes
// the WAL past wal_autocheckpoint pages (1000 by default): inside the
// writer's Commit, so on the path of every append queued behind it. Under
// group commit the writer is the one goroutine all clients wait for, and
// a batch over 8 logs writes some 20 pages, so a checkpoint (its page
// writes and the database file's fsync) fell due every 50 batches and
// stalled them all. Here a goroutine of the DB's makes them instead, on a
// connection of its own, as PASSIVE checkpoints, which never take the
// write lock: appends go on while it runs. The writer's own automatic
// checkpoint stays, at backstopPages, for when this one falls behind (or a
// reader keeps the WAL from being reset).
//
// Durability does not change: a commit is durable once its frames are
// fsynced in the WAL (synchronous=FULL), checkpointed or not.

// checkpointFrames is about how many WAL frames (pages) the writer's
// commits may add before the checkpointer runs: SQLite's own default.
const checkpointFrames = 1000

// backstopPages is the writer's wal_autocheckpoint: the WAL size at which
// it checkpoints inside its own commit after all.
const backstopPages = 4 * checkpointFrames

// checkpointer runs PASSIVE checkpoints in the background once commits
// have written about checkpointFrames pages. Its zero value is idle.
type checkpointer struct {
	mu      sync.Mutex
	frames  int  // written since the last checkpoint began, as estimated
	running bool // a checkpoint is under way
	closed  bool
	runs    int // checkpoints made (tests)
	done    sync.WaitGroup
}

// wrote tells the checkpointer that a commit wrote about frames pages of
// WAL, and starts a checkpoint on db's checkpoint connection when enough
// are waiting and none is under way.
func (db *DB) wrote(frames int) {
	c := &db.ckpt
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frames += frames
	if c.frames < checkpointFrames || c.running || c.closed {
		return
	}
	c.frames, c.running = 0, true
	c.done.Add(1)
	go func() {
		defer c.done.Done()
		// A failed checkpoint leaves the pages in the WAL, where they are
		// as durable and as readable; the next one, or the writer's
		// backstop, copies them.
		db.ckptPool.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
		c.mu.Lock()
		c.running = false
		c.runs++
		c.mu.Unlock()
	}()
}

// stop waits for a checkpoint under way and starts no more.
func (c *checkpointer) stop() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.done.Wait()
}

// batchFrames estimates the WAL pages a batch's commit writes: a leaf of
// entries and one of heads per log it appends to, and the interior pages
// above them.
func batchFrames(logs int) int {
	return 2*logs + 2
}
