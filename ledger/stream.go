package ledger

import (
	"context"
	"fmt"
	"time"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// A store that takes a batch's appends one at a time (a
// [logstore.Batcher]) lets the committer overlap the two halves of a group
// commit that otherwise follow one another: while the commands of a batch
// run (the gathering, see gathering), their appends already go into the
// store's open transaction, as each is queued; once every writer's append
// is in, the committer signs one head per log and commits. With AppendBatch
// the store's statements wait until the gathering is over, and the
// clients' processors sit idle while they run.

// streamChunk is how many queued appends wake the committer to write
// them while it gathers: waking it for each costs more than writing one.
const streamChunk = 16

// batcher returns the store as a Batcher when the committer is to stream
// its batches into it: not when it takes what is queued at once (there is
// no gathering to overlap) nor when it signs a head per command (a
// baseline of AppendBatch's).
func (s *Service) batcher() (logstore.Batcher, bool) {
	b, ok := s.store.(logstore.Batcher)
	if !ok || s.gather.off.Load() || s.signEach.Load() || s.noStream.Load() {
		return nil, false
	}
	return b, true
}

// streamBatch makes one group commit into b of what is queued and of what
// is queued while it is written, until every writer's append is in, the
// batch is full or the gathering's limit has passed (see gatherBatch). It
// returns false, with the loop stopped, when nothing was queued.
func (s *Service) streamBatch(b logstore.Batcher) bool {
	s.commitMu.Lock()
	defer s.commitMu.Unlock()
	first := s.takeQueued(maxBatch)
	if first == nil {
		return false
	}
	ctx := context.Background() // one client's going away must not abort the others' writes
	g := &s.gather
	began := time.Now()
	limit := g.limit
	if limit == 0 {
		limit = min(g.last, maxGather)
	}
	deadline := began.Add(limit)
	send := make([]*pendingAppend, 0, len(first))
	batch, err := b.BeginBatch(ctx)
	add := func(queued []*pendingAppend) {
		from := len(send)
		send = s.fresh(queued, send)
		for _, p := range send[from:] {
			if err == nil {
				err = batch.Add(p.withRoot()) // any may be its log's last in the batch
			}
		}
	}
	add(first)
	for err == nil && len(send) < maxBatch {
		more := s.waitQueued(deadline, maxBatch-len(send), len(send))
		if more == nil {
			break
		}
		add(more)
	}
	s.qMu.Lock()
	g.inBatch = 0
	s.qMu.Unlock()
	gathered := time.Now()
	s.stats.gathering.Add(int64(gathered.Sub(began)))
	if batch != nil && (err != nil || len(send) == 0) {
		batch.Rollback()
	}
	if len(send) == 0 {
		return true
	}
	var results []error
	if err == nil {
		var signing time.Duration
		sign := func(h tlog.TreeHead) tlog.TreeHead {
			start := time.Now()
			defer func() { signing += time.Since(start) }()
			return s.signer.Sign(h)
		}
		results, err = batch.Commit(sign)
		s.stats.signing.Add(int64(signing))
		s.stats.storing.Add(int64(time.Since(gathered) - signing))
	}
	g.last = time.Since(gathered)
	s.stats.batch(len(send), g.last)
	if err == nil && len(results) != len(send) {
		err = fmt.Errorf("ledger: the store answered %d results for a batch of %d appends", len(results), len(send))
	}
	if err != nil {
		results = nil
	}
	s.settleBatch(ctx, send, results, err)
	return true
}

// takeQueued takes up to n appends off the queue; when the queue is empty
// it returns nil and marks the commit loop stopped, so that the next
// stage starts one.
func (s *Service) takeQueued(n int) []*pendingAppend {
	s.qMu.Lock()
	defer s.qMu.Unlock()
	n = min(len(s.queue), n)
	if n == 0 {
		s.queue = nil
		s.committing = false
		return nil
	}
	taken := s.queue[:n:n]
	s.queue = s.queue[n:]
	s.gather.inBatch = n
	return taken
}

// waitQueued waits until appends are queued and takes up to room of them,
// or returns nil once every writer's append is in the batch (which holds
// inBatch), or at deadline.
func (s *Service) waitQueued(deadline time.Time, room, inBatch int) []*pendingAppend {
	g := &s.gather
	for {
		s.qMu.Lock()
		if g.woken == nil {
			g.woken = make(chan struct{}, 1)
		}
		select {
		case <-g.woken: // meant for an earlier wait
		default:
		}
		if n := min(len(s.queue), room); n > 0 {
			taken := s.queue[:n:n]
			s.queue = s.queue[n:]
			g.inBatch = inBatch + n
			s.qMu.Unlock()
			return taken
		}
		g.inBatch = inBatch
		wait := time.Until(deadline)
		if s.gathered() || wait <= 0 {
			s.qMu.Unlock()
			return nil
		}
		g.waiting.Store(true)
		g.streaming = true
		s.qMu.Unlock()
		g.waits.Add(1)
		t := time.NewTimer(wait)
		select {
		case <-g.woken:
		case <-t.C:
		}
		t.Stop()
		g.waiting.Store(false)
	}
}
