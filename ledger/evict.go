package ledger

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// A server that keeps every pact's state in memory needs memory in
// proportion to every pact ever founded, though most are idle. With
// Options.MaxStates set, it keeps the states of at most that many pacts,
// the ones most recently read or written; the others are evicted: their
// writer drops its state (committed and tip), readers keep the pact's
// index entry and leaf hashes, and the first read or command that needs
// the state again folds it back from its snapshot on disk and the
// entries after it (see refold), under the writer's lock. An evicted pact stays in
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
	// fullLoad makes a reload go through load, reading and checking the
	// whole log as an open does, as it did before refold, so that a
	// benchmark can measure refold beside its baseline.
	fullLoad atomic.Bool
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

// Reloading. A log is evicted with everything but its state: its leaf
// hashes and tree, the nonces of its requests, its registry stamp and
// whether it is the operator's record, all of its first w.n entries,
// which this process checked when it first loaded or wrote them. A
// reload (refold) folds those same w.n entries again, and nothing after
// them: from the log's snapshot when it covers no more than they do and
// its leaf hashes are the ones kept, then the entries after it, each of
// which must have, as stored and as hashed afresh, the leaf hash kept.
// So a reload reads no head, checks no head's signature, rebuilds no
// tree, and trusts nothing that the process did not already check (the
// snapshot's state excepted, trusted as at open: see persist.go).
//
// Stopping at w.n is also what keeps a reload safe with several servers
// on one database. Entries that another process appended since are
// stamped with registry lengths this process may not have caught up
// with; replayed against its registry they would be refused, breaking
// the log, or judged against actors' keys as they stood earlier. A
// reload never meets them: every entry it replays was replayed here
// before, against a registry that has since only grown, so its stamp is
// within the registry's length. What others appended is folded in as it
// would be for a state kept in memory: by catchUp (the registry first,
// its length read after the pact's), when a read refreshes the log
// (Refresh), a notification names it (Observe) or an append loses the
// race.
//
// Locks. The order, as in writer.go, is commitMu, then the registry's
// writer's mu, then a pact's writer's mu, then regMu; lru.mu is taken
// alone. restore runs under the pact's w.mu (taken by reload or stage,
// or by catchUp after commitMu, in that order) and takes only regMu, to
// read, as a command does; it never waits for commitMu or the
// registry's writer, which the committer holds while it waits for a
// pact's w.mu.

// restore loads an evicted log's state back, publishing it: the state of
// the first w.n entries, as the log held when it was evicted (see
// above). Callers hold w.mu.
func (s *Service) restore(ctx context.Context, w *logWriter) error {
	if !w.evicted {
		return nil
	}
	var err error
	if s.lru.fullLoad.Load() {
		err = s.load(ctx, w)
	} else {
		err = s.refold(ctx, w)
	}
	s.publish(w)
	if err == nil {
		s.reloads.Add(1)
		s.saveLater(s.dueSnapshot(w)) // a snapshot found stale is replaced
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

// refold folds an evicted log's first w.n entries again (see above),
// making their state w's committed state and its tip. When the store
// does not hold them as they were checked, the log breaks, and the error
// names the entry. Callers hold w.mu.
func (s *Service) refold(ctx context.Context, w *logWriter) error {
	name := w.name
	r, base, err := s.keptSnapshot(ctx, w)
	if err != nil {
		return err
	}
	entries, err := s.store.Entries(ctx, name, int64(base), int64(w.n))
	if err != nil {
		return fmt.Errorf("ledger: reading log %s: %w", name, err) // w stays evicted: the store is away, not wrong
	}
	if len(entries) != w.n-base {
		return s.breakLog(w, fmt.Errorf("ledger: log %s holds %d entries, so it is not served: this server checked %d", name, base+len(entries), w.n))
	}
	data := make([][]byte, len(entries))
	for i, e := range entries {
		at := base + i
		if e.Index != int64(at) || e.LeafHash != w.leaves[at] || tlog.LeafHash(e.Data) != w.leaves[at] {
			return s.breakLog(w, fmt.Errorf("ledger: log %s entry %d does not verify, so it is not served: its bytes or leaf hash are not those this server checked", name, at))
		}
		data[i] = e.Data
	}
	events, err := decodeFrom(data, int64(base))
	if err == nil {
		r, err = s.refoldEvents(name, r, events, data)
	}
	if err == nil && (r.state == nil || r.state.Len != int64(w.n)) {
		err = fmt.Errorf("folds to no state of %d events", w.n)
	}
	if err != nil {
		var re *replayError
		if errors.As(err, &re) {
			return s.breakLog(w, fmt.Errorf("ledger: log %s entry %d does not verify, so it is not served: %s", name, int64(base)+re.index, re.msg))
		}
		return s.breakLog(w, fmt.Errorf("ledger: log %s: %w", name, err))
	}
	w.state, w.tipState = r.state, r.state
	w.evicted = false
	return nil
}

// refoldEvents folds events, whose stored bytes are data, onto r (the
// fold of a snapshot's entries), or from the start when r is nil: as the
// open does, replaying every signed request unless the store is trusted.
func (s *Service) refoldEvents(name string, r *pactReplay, events []entente.Event, data [][]byte) (*pactReplay, error) {
	switch {
	case r == nil && s.opts.Trust:
		return s.fold(name, events)
	case r != nil && s.opts.Trust:
		return r, foldOnto(r, events)
	}
	reg, unlock := s.readRegistry()
	defer unlock()
	if r == nil {
		return replayPact(name, events, data, reg)
	}
	r.data = data // r.state was decoded for this reload alone: replay may apply to it in place
	return r, r.run(name, events, reg)
}

// keptSnapshot returns the fold of the log's snapshot and its size, when
// the log has one of at most w.n entries whose leaf hashes are those w
// kept, or nil and 0. A snapshot that does not decode or holds other
// leaf hashes is not used, and marked stale to be replaced; err is set
// only when the store could not be read. Callers hold w.mu.
func (s *Service) keptSnapshot(ctx context.Context, w *logWriter) (*pactReplay, int, error) {
	if s.snapshotEvery() == 0 || w.snapSize == 0 {
		// None that this process wrote or found: replaying the kept
		// entries costs less than asking (another process may have
		// written one since, which would only save time).
		return nil, 0, nil
	}
	snap, ok, err := s.store.Snapshot(ctx, w.name)
	if err != nil {
		return nil, 0, fmt.Errorf("ledger: reading the snapshot of log %s: %w", w.name, err)
	}
	if !ok || snap.Size > int64(w.n) {
		return nil, 0, nil // none, or one another process wrote past what this one holds
	}
	fr, err := parseSnapshot(snap.Data)
	var d *diskSnapshot
	if err == nil && int64(len(fr.leaves)) == snap.Size && slices.Equal(fr.leaves, w.leaves[:snap.Size]) {
		d, err = snapshotBody(w.name, fr)
	}
	if d == nil || err != nil || d.Attested != w.attested {
		w.snapStale = true
		return nil, 0, nil
	}
	r := &pactReplay{state: d.State, nonces: make(nonceSet, len(d.Nonces)), attested: d.Attested, registry: d.Registry}
	for _, n := range d.Nonces {
		r.nonces[n] = true
	}
	return r, len(fr.leaves), nil
}

// EvictionStats returns how many pacts' states the service has evicted,
// and how many it has loaded back, since it opened.
func (s *Service) EvictionStats() (evicted, reloaded int64) {
	return s.evictions.Load(), s.reloads.Load()
}
