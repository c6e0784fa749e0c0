package ledger

import (
	"container/list"
	"context"
	"sync"

	"github.com/entente/entente"
)

// A server that keeps every pact's state in memory needs memory in
// proportion to every pact ever founded, though most are idle. With
// Options.MaxStates set, it keeps the states of at most that many pacts,
// the ones most recently read or written; the others are evicted: their
// writer drops its state (committed and tip), readers keep the pact's
// index entry and leaf hashes, and the first read or command that needs
// the state again loads it from its snapshot on disk and the entries
// after it (see load), under the writer's lock. An evicted pact stays in
// every listing, which reads the index (see Index), and a tick passes it
// by while it is idle.
//
// A log is evicted only when nothing is staged on it (its tip is its
// committed state) and it is not broken, so that a reload, which reads
// the store afresh, never drops an append being committed.

// stateLRU orders the pacts whose states are in memory, most recently
// used first.
type stateLRU struct {
	mu    sync.Mutex
	order list.List // of *logWriter
	at    map[*logWriter]*list.Element
}

// touch marks w's state as just used, when states are bounded.
func (s *Service) touch(w *logWriter) {
	if s.opts.MaxStates <= 0 || w.name == entente.RegistryLog {
		return
	}
	l := &s.lru
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.at == nil {
		l.at = map[*logWriter]*list.Element{}
	}
	if e, ok := l.at[w]; ok {
		l.order.MoveToFront(e)
		return
	}
	l.at[w] = l.order.PushFront(w)
}

// evictOver evicts the least recently used states until at most
// Options.MaxStates remain. A log with appends staged is passed by and
// marked as used; one with no state to drop leaves the order. Callers
// hold no writer's lock.
func (s *Service) evictOver() {
	if s.opts.MaxStates <= 0 {
		return
	}
	l := &s.lru
	l.mu.Lock()
	tries := l.order.Len()
	l.mu.Unlock()
	for ; tries > 0; tries-- {
		l.mu.Lock()
		if l.order.Len() <= s.opts.MaxStates {
			l.mu.Unlock()
			return
		}
		w := l.order.Remove(l.order.Back()).(*logWriter)
		delete(l.at, w)
		l.mu.Unlock()
		if s.evict(w) {
			s.touch(w)
		}
	}
}

// evict drops w's state, keeping its index entry for readers, and
// reports whether w must keep its state for now (appends are staged on
// it). A log without a state in memory (evicted, broken, empty) has
// nothing to drop.
func (s *Service) evict(w *logWriter) (keep bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.staged > 0 {
		return true
	}
	if w.state == nil || w.broken != nil || w.n == 0 {
		return false
	}
	w.entry = w.state.Entry()
	w.state, w.tipState = nil, nil
	w.evicted = true
	s.publish(w)
	s.evictions.Add(1)
	return false
}

// restore loads an evicted log's state back, publishing it. Callers hold
// w.mu.
func (s *Service) restore(ctx context.Context, w *logWriter) error {
	if !w.evicted {
		return nil
	}
	err := s.load(ctx, w)
	s.publish(w)
	if err == nil {
		s.reloads.Add(1)
	}
	return err
}

// reload returns pact id's state, loading it back if it was evicted.
func (s *Service) reload(id entente.PactID) (*entente.PactState, error) {
	w := s.writer(string(id))
	w.mu.Lock()
	err := s.restore(context.Background(), w)
	st := w.state
	w.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if st == nil {
		return nil, entente.FieldErrorf(entente.ENOTFOUND, "pact", "no pact %q", id)
	}
	s.touch(w)
	s.evictOver()
	return st, nil
}

// EvictionStats returns how many pacts' states the service has evicted,
// and how many it has loaded back, since it opened.
func (s *Service) EvictionStats() (evicted, reloaded int64) {
	return s.evictions.Load(), s.reloads.Load()
}
