package postgres

import (
	"context"
	"sync"
	"time"
)

// notifier sends the notifications of committed batches from a goroutine
// of its own, so that the appender does not wait for a second round trip
// before answering its clients: a notification is a hint to other servers
// (they check lengths before every read anyway), never part of an
// append's durability. Sizes waiting to be sent are merged, the largest
// per log winning, so a burst of commits costs a few notifications.
type notifier struct {
	mu      sync.Mutex
	pending map[string]uint64
	running bool
	closing bool // the store is closing: send what is left without waiting
	wg      sync.WaitGroup
}

// notifyLater queues the announcement that each log in sizes now holds
// that many entries (see notifyAll).
func (db *DB) notifyLater(sizes map[string]uint64) {
	if len(sizes) == 0 {
		return
	}
	n := &db.notes
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.pending == nil {
		n.pending = map[string]uint64{}
	}
	for log, size := range sizes {
		n.pending[log] = max(n.pending[log], size)
	}
	if !n.running {
		n.running = true
		n.wg.Add(1)
		go db.notifyLoop()
	}
}

// notifyGap is the least time between two notifications of one store:
// under a stream of group commits, notifying after each (600 a second at
// 64 clients) kept a connection and a backend busy, about 5% of the
// appends/s of the server's two cores (paired runs, 20,000 appends at 64
// clients: 36.8-38.4k appends/s without notifications against 33.8-36.8k
// with one per commit). The sizes of the commits in between are merged.
// Another server learns of an append at most this much later from the
// notification, and at once from the length check before a read.
const notifyGap = 5 * time.Millisecond

// notifyLoop sends what is queued until nothing is, at most one
// notification per notifyGap.
func (db *DB) notifyLoop() {
	n := &db.notes
	defer n.wg.Done()
	for {
		n.mu.Lock()
		sizes := n.pending
		n.pending = nil
		if len(sizes) == 0 {
			n.running = false
			n.mu.Unlock()
			return
		}
		closing := n.closing
		n.mu.Unlock()
		sent := time.Now()
		db.notifyAll(context.Background(), sizes)
		if wait := notifyGap - time.Since(sent); wait > 0 && !closing {
			time.Sleep(wait)
		}
	}
}

// waitNotified sends the queued notifications without waiting between
// them and waits until they are sent (or failed).
func (db *DB) waitNotified() {
	db.notes.mu.Lock()
	db.notes.closing = true
	db.notes.mu.Unlock()
	db.notes.wg.Wait()
}
