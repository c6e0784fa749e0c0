package postgres

import (
	"context"
	"sync"
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

// notifyLoop sends what is queued until nothing is.
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
		n.mu.Unlock()
		db.notifyAll(context.Background(), sizes)
	}
}

// waitNotified waits until the queued notifications are sent (or failed).
func (db *DB) waitNotified() {
	db.notes.wg.Wait()
}
