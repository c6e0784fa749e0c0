package ledger

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// Writes go through three steps, so that commands to different pacts never
// wait on one another and concurrent commands share one durable
// transaction (group commit):
//
//  1. stage: under the log's own mutex, the command runs on the log's tip
//     (what the store holds plus the appends this process has queued), and
//     its append, with its entries and signed head, joins the queue. The
//     tip moves on at once, so the next command to the same pact runs on
//     it without waiting for the disk.
//  2. commit: one goroutine at a time takes everything queued, for any
//     logs, and hands it to the store's AppendBatch: one transaction, one
//     fsync. Each append that the store accepted becomes the log's
//     committed state, published to readers; only then is its client
//     answered.
//  3. settle a refusal: an append the store refused (another process got
//     there first) refuses, by the store's contract, every later append of
//     its log in the batch. The log's tip falls back to what is committed,
//     the log catches up from the store, and each refused command runs
//     again on the fresh state (rebased), so no write is lost, duplicated
//     or reordered. When the whole batch fails (the database is away),
//     every command in it fails with the store's error and every log it
//     touched falls back to what is committed: nothing in memory is ever
//     ahead of the store, and nothing is acknowledged that is not durable.
//
// Appends queued on a tip that has since fallen back carry an older
// generation number than their log: the committer drops them unsent, and
// their commands run again.

// errRebase tells a staged command that its append was not made because
// the log's tip fell back (see above): it is to run again on the fresh
// state. It never reaches a client.
var errRebase = errors.New("ledger: the log moved on; run the command again")

// maxAttempts bounds how often one command is rebased before its client is
// told to retry (503): writes from other servers to the same pact that keep
// winning the race.
const maxAttempts = 32

// maxBatch is the most appends one store transaction carries.
const maxBatch = 512

// logWriter is the writer's side of one log. Its fields are guarded by mu,
// except name.
type logWriter struct {
	name string
	mu   sync.Mutex

	// What the store holds, as far as this process knows: the first n
	// leaves, ctree their tree, the pact's state, the nonces of the
	// requests, the largest registry length stamped in the log, and
	// whether the log is the operator's record.
	n        int
	ctree    *tlog.Builder
	state    *entente.PactState
	nonces   nonceSet
	stamp    int64
	attested bool

	// The tip: leaves holds the committed leaves and then those of the
	// appends queued; tree is their tree and tipState the state they lead
	// to. pending holds the queued requests' nonces; staged counts the
	// queued appends; gen is bumped whenever the tip falls back.
	leaves   []tlog.Hash
	tree     *tlog.Builder
	tipState *entente.PactState
	pending  map[string]bool
	staged   int
	gen      uint64
	// moved, when set, is closed once the queued appends change: one is
	// stored, or they are dropped (see queuedNonce).
	moved chan struct{}

	// snapSize is the size of the log's snapshot in the store, as far as
	// this process knows (0 for none); snapStale says that the store holds
	// one that does not match the log, to be replaced (see persist.go).
	snapSize  int
	snapStale bool

	// broken is why the log could not be loaded, if it could not: it is
	// then withdrawn from readers and refuses commands until a load works.
	broken error

	// evicted says that state and tipState were dropped to bound memory
	// (see evict.go), and entry is the pact's index entry as they left it.
	evicted bool
	entry   entente.PactEntry
}

func newLogWriter(name string) *logWriter {
	return &logWriter{name: name, ctree: tlog.NewBuilder(), tree: tlog.NewBuilder(), nonces: nonceSet{}, pending: map[string]bool{}}
}

// queuedNonce tells a command that a request with its nonce is queued on
// the log but not yet durable (a client that retried, say): the command
// waits until the queued appends change and runs again, to be refused as
// recorded once that request is stored, or to run if it was dropped (its
// batch failed). Refused at once, its client would be told that a request
// was recorded that the store may never hold. It never reaches a client.
type queuedNonce struct{ moved <-chan struct{} }

func (*queuedNonce) Error() string { return "ledger: a request with this nonce is queued" }

// checkNonce refuses a request whose nonce its log already holds, and
// asks one whose nonce it has queued to wait (see queuedNonce). Callers
// hold w.mu.
func (w *logWriter) checkNonce(nonce, log string) error {
	switch {
	case w.nonces[nonce]:
		return entente.FieldErrorf(entente.ECONFLICT, "request.nonce", "a request with nonce %s was already recorded in log %s", nonce, log)
	case w.pending[nonce]:
		if w.moved == nil {
			w.moved = make(chan struct{})
		}
		return &queuedNonce{moved: w.moved}
	}
	return nil
}

// queueMoved wakes the commands waiting for w's queued appends to change.
// Callers hold w.mu.
func (w *logWriter) queueMoved() {
	if w.moved != nil {
		close(w.moved)
		w.moved = nil
	}
}

// fallBack makes the tip what is committed, dropping what was queued.
// Callers hold w.mu.
func (w *logWriter) fallBack() {
	w.leaves = w.leaves[:w.n]
	w.tree = w.ctree.Clone()
	w.tipState = w.state
	w.pending = map[string]bool{}
	w.staged = 0
	w.gen++
	w.queueMoved()
}

// pendingAppend is one staged command's append, waiting in the queue.
type pendingAppend struct {
	w      *logWriter
	gen    uint64
	append logstore.Append
	// tree is the compact range of the log's tree after the append, from
	// which withRoot sets the head's root.
	tree   tlog.Range
	events []entente.Event
	state  *entente.PactState // the pact's state once it is stored
	nonce  string
	stamp  int64
	// durable runs, under w.mu, once the store holds the append: the
	// registry applies its events there.
	durable func() error
	done    chan error
}

// staging is what a command run on a log's tip yields.
type staging struct {
	state  *entente.PactState
	events []entente.Event
	at     time.Time
	nonce  string
	// durable, when set, runs once the append is stored (see pendingAppend).
	durable func() error
}

// runFn runs a command on w's tip; it is called with w.mu held.
type runFn func(w *logWriter) (staging, error)

// writer returns the writer of log, creating an empty one for a log this
// process has not seen (another process may have written it: its first
// append then conflicts and the log catches up).
func (s *Service) writer(log string) *logWriter {
	s.writersMu.Lock()
	defer s.writersMu.Unlock()
	w := s.writers[log]
	if w == nil {
		w = newLogWriter(log)
		s.writers[log] = w
	}
	return w
}

// stage runs a command on w's tip and queues its append; nil when the
// command yields no events.
func (s *Service) stage(w *logWriter, run runFn) (*pendingAppend, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.broken != nil {
		return nil, w.broken
	}
	if err := s.restore(context.Background(), w); err != nil {
		return nil, err
	}
	st, err := run(w)
	if err != nil || len(st.events) == 0 {
		return nil, err
	}
	from := int64(len(w.leaves))
	entries := make([]logstore.Entry, len(st.events))
	for i, ev := range st.events {
		data, err := entente.EncodeEvent(ev)
		if err != nil {
			return nil, entente.Errorf(entente.EINTERNAL, "encoding event: %v", err)
		}
		entries[i] = logstore.Entry{Index: from + int64(i), Data: data, LeafHash: tlog.LeafHash(data)}
	}
	// Every event encoded: the tip moves on in place.
	for _, e := range entries {
		w.tree.Append(e.LeafHash)
		w.leaves = append(w.leaves, e.LeafHash)
	}
	// Signed by the committer, once for all the appends to this log that
	// one store transaction carries (see sendBatch); its root is folded
	// from the tree's compact range by the committer too, and only for the
	// head it signs (see withRoot), rather than here by every command.
	head := tlog.TreeHead{Log: w.name, Size: w.tree.Size(), Time: st.at.UTC()}
	if from == 0 {
		w.attested = st.events[0].Signed == nil
	}
	w.tipState = st.state
	if st.nonce != "" {
		w.pending[st.nonce] = true
	}
	w.staged++
	p := &pendingAppend{w: w, gen: w.gen, events: st.events, state: st.state, nonce: st.nonce, durable: st.durable,
		append: logstore.Append{Log: w.name, From: from, Entries: entries, Head: head}, tree: w.tree.Range(), done: make(chan error, 1)}
	for _, ev := range st.events {
		if ev.Signed != nil {
			p.stamp = max(p.stamp, ev.Signed.Registry)
		}
	}
	// Queued under w.mu, so the queue holds each log's appends in the
	// order of its tip.
	s.qMu.Lock()
	s.queue = append(s.queue, p)
	s.wakeIfGathered()
	start := !s.committing
	s.committing = true
	s.qMu.Unlock()
	if start {
		go s.commitLoop()
	}
	return p, nil
}

// write runs a command on log and waits until its append is durable. A
// command refused on this process's view is run again once when the store
// shows that another process has moved the log or the registry on; a
// command whose append lost a race is rebased and run again.
func (s *Service) write(ctx context.Context, log string, run runFn) error {
	s.gather.writing.Add(1)
	defer s.left()
	synced := false
	rebased := 0
	for {
		w := s.writer(log)
		p, err := s.stage(w, run)
		s.touch(w)
		s.evictOver()
		var queued *queuedNonce
		if errors.As(err, &queued) {
			// Not counted as writing while it waits: the committer does
			// not wait for it to join the batch that decides it.
			s.stats.nonceWaits.Add(1)
			s.left()
			<-queued.moved // the queued append is answered whatever ctx says
			s.gather.writing.Add(1)
			continue
		}
		if err != nil {
			if !synced && refusal(err) && (s.behind(ctx, log) || s.behind(ctx, entente.RegistryLog)) {
				synced = true
				if err := s.sync(ctx, log); err != nil {
					return err
				}
				continue
			}
			return err
		}
		if p == nil {
			return nil
		}
		err = <-p.done // once queued the append may be stored: wait for the answer, whatever ctx says
		if !errors.Is(err, errRebase) {
			return err
		}
		if rebased++; rebased == maxAttempts { // counted apart from the waits and the sync above
			return entente.Errorf(entente.EUNAVAILABLE, "log %s is busy with writes from other servers; try again", log)
		}
	}
}

// refusal reports whether err is the domain's refusal of a command, which
// a stale view can cause, rather than a failure of the store.
func refusal(err error) bool {
	switch entente.ErrorCode(err) {
	case entente.ENOTFOUND, entente.EFORBIDDEN, entente.ECONFLICT, entente.EINVALID:
		return true
	}
	return false
}

// gathering is how the committer waits, before it takes a batch, for the
// commands being run to join the queue. Without it, clients split into
// two halves that take turns (while one half's batch is committed, the
// other half's commands are run and queued, and the committer takes just
// those), and every batch pays a transaction's fixed cost, its fsync,
// the pages it writes and a signed head per log, for half the appends it
// could carry. With it, once the commands whose clients it answered have
// run again (or their clients have gone), the next batch carries them all.
//
// writing counts the goroutines in Service.write: each is running its
// command, has its append queued, or has been answered and is about to
// return. When the queue holds as many appends as there are writers,
// nothing more is coming, and waiting would only delay. waiting is set
// while the committer waits; woken is how it is told that the queue
// caught up.
type gathering struct {
	writing atomic.Int64
	waiting atomic.Bool
	woken   chan struct{} // guarded by qMu
	// last is how long the last batch took in the store: the committer
	// waits at most that long (and at most maxGather), so that a command
	// that takes long to run delays a batch by at most about one commit.
	// Used by the committer only.
	last time.Duration
	// limit, when set, is how long the committer waits instead (tests).
	limit time.Duration
	// waits counts the committer's waits (tests).
	waits atomic.Int64
	// off makes the committer take what is queued at once, as it did
	// before it gathered, for benchmarks that compare the two.
	off atomic.Bool
}

// maxGather bounds how long the committer waits for a fuller batch.
const maxGather = 5 * time.Millisecond

// left is deferred by write: one writer fewer, which may be the one the
// committer waits for. The committer sets waiting before it counts the
// writers, and left counts itself out before it reads waiting, so that
// one of the two sees the other.
func (s *Service) left() {
	s.gather.writing.Add(-1)
	if s.gather.waiting.Load() {
		s.qMu.Lock()
		s.wakeIfGathered()
		s.qMu.Unlock()
	}
}

// wakeIfGathered wakes the waiting committer once every writer's append
// is queued. Callers hold qMu.
func (s *Service) wakeIfGathered() {
	g := &s.gather
	if g.waiting.Load() && s.gathered() {
		select {
		case g.woken <- struct{}{}:
		default:
		}
	}
}

// gathered reports whether the queue holds all that is coming, or all a
// batch can carry. Callers hold qMu.
func (s *Service) gathered() bool {
	n := len(s.queue)
	return n == 0 || n >= maxBatch || int64(n) >= s.gather.writing.Load()
}

// gatherBatch waits until the appends of every command being run are
// queued, or the queue is full, or the last batch's duration has passed
// (see gathering). It does not wait when nothing is queued: a lone
// client is never delayed.
func (s *Service) gatherBatch() {
	g := &s.gather
	limit := g.limit
	if limit == 0 {
		limit = min(g.last, maxGather)
	}
	if g.off.Load() || limit <= 0 {
		return
	}
	s.qMu.Lock()
	if g.woken == nil {
		g.woken = make(chan struct{}, 1)
	}
	select {
	case <-g.woken: // meant for an earlier wait
	default:
	}
	g.waiting.Store(true)
	if s.gathered() {
		g.waiting.Store(false)
		s.qMu.Unlock()
		return
	}
	s.qMu.Unlock()
	g.waits.Add(1)
	t := time.NewTimer(limit)
	select {
	case <-g.woken:
	case <-t.C:
	}
	t.Stop()
	g.waiting.Store(false)
}

// commitLoop commits what is queued, batch after batch, until the queue
// is empty.
func (s *Service) commitLoop() {
	for {
		waited := time.Now()
		s.gatherBatch()
		s.stats.gathering.Add(int64(time.Since(waited)))
		s.qMu.Lock()
		n := min(len(s.queue), maxBatch)
		batch := s.queue[:n:n]
		s.queue = s.queue[n:]
		if n == 0 {
			s.queue = nil
			s.committing = false
			s.qMu.Unlock()
			return
		}
		s.qMu.Unlock()
		s.commitBatch(batch)
	}
}

// commitBatch makes one store transaction of batch and settles each
// append's outcome (see the steps above).
func (s *Service) commitBatch(batch []*pendingAppend) {
	s.commitMu.Lock()
	defer s.commitMu.Unlock()
	ctx := context.Background() // one client's going away must not abort the others' writes
	send := s.fresh(batch, make([]*pendingAppend, 0, len(batch)))
	if len(send) == 0 {
		return
	}
	appends := make([]logstore.Append, len(send))
	trees := make([]tlog.Range, len(send))
	for i, p := range send {
		appends[i], trees[i] = p.append, p.tree
	}
	start := time.Now()
	results, err := s.sendBatch(ctx, appends, trees)
	s.gather.last = time.Since(start)
	s.stats.batch(len(send), s.gather.last)
	s.settleBatch(ctx, send, results, err)
}

// fresh appends to send the appends of batch whose tips have not fallen
// back since they were staged, and tells the others' commands to run
// again.
func (s *Service) fresh(batch, send []*pendingAppend) []*pendingAppend {
	for _, p := range batch {
		p.w.mu.Lock()
		stale := p.gen != p.w.gen
		p.w.mu.Unlock()
		if stale {
			p.done <- errRebase
			continue
		}
		send = append(send, p)
	}
	return send
}

// settleBatch settles the outcome of a store transaction of send: err when
// it failed as a whole, else results[i] for send[i]. It publishes the logs
// appended to, catches up those that lost a race, and answers every
// client. Callers hold s.commitMu.
func (s *Service) settleBatch(ctx context.Context, send []*pendingAppend, results []error, err error) {
	if err != nil {
		s.stats.failed.Add(1)
	}
	outcome := make([]error, len(send))
	refused := map[*logWriter]bool{}
	settled := map[*logWriter]bool{}
	for i, p := range send {
		w := p.w
		w.mu.Lock()
		switch {
		case refused[w]:
			outcome[i] = errRebase
			if err != nil {
				outcome[i] = err
			}
		case err != nil:
			w.fallBack()
			refused[w] = true
			outcome[i] = err
		case results[i] != nil:
			w.fallBack()
			refused[w] = true
			outcome[i] = results[i]
			if entente.ErrorCode(results[i]) == entente.ECONFLICT {
				outcome[i] = errRebase
			}
		default:
			outcome[i] = s.settle(p)
			settled[w] = true
		}
		w.mu.Unlock()
	}
	// Each log is published once, as the batch leaves it, rather than once
	// per append: readers see no state in between before the clients are
	// answered, below, so the states between are never worth a snapshot.
	for w := range settled {
		w.mu.Lock()
		s.publish(w)
		w.mu.Unlock()
	}
	// A log that lost a race catches up now, before its commands run
	// again; if it cannot, they fail with why.
	for w := range refused {
		if err != nil {
			continue
		}
		if cerr := s.catchUp(ctx, w); cerr != nil {
			for i, p := range send {
				if p.w == w && errors.Is(outcome[i], errRebase) {
					outcome[i] = cerr
				}
			}
		}
	}
	// Snapshots fall due rarely (see persist.go); they are taken here and
	// written in the background, so that they delay no one.
	for w := range touched(send) {
		w.mu.Lock()
		job := s.dueSnapshot(w)
		w.mu.Unlock()
		s.saveLater(job)
	}
	for i, p := range send {
		p.done <- outcome[i]
	}
}

// touched returns the logs of appends.
func touched(appends []*pendingAppend) map[*logWriter]bool {
	out := map[*logWriter]bool{}
	for _, p := range appends {
		out[p.w] = true
	}
	return out
}

// sendBatch hands appends to the store as one transaction, joining the
// appends to one log that follow one another into one append with one
// signed head, the head of the last: a head costs an ed25519 signature
// and a row, and one head per log per transaction covers every entry as
// well as one per command would. trees[i], when trees is given, is the
// compact range of appends[i]'s log after it, from which the root of each
// head signed is folded (the commands leave their heads' roots unset; see
// stage); without trees the heads carry their roots. results[i] is
// appends[i]'s outcome, the outcome of the append it joined.
func (s *Service) sendBatch(ctx context.Context, appends []logstore.Append, trees []tlog.Range) ([]error, error) {
	joined := make([]logstore.Append, 0, len(appends))
	into := make([]int, len(appends))     // appends[i] went into joined[into[i]]
	final := make([]int, 0, len(appends)) // joined[j]'s head is appends[final[j]]'s
	last := map[string]int{}
	for i, a := range appends {
		if j, ok := last[a.Log]; ok && !s.signEach.Load() && joined[j].From+int64(len(joined[j].Entries)) == a.From {
			joined[j].Entries = append(joined[j].Entries, a.Entries...)
			joined[j].Head = a.Head
			into[i], final[j] = j, i
			continue
		}
		last[a.Log], into[i] = len(joined), len(joined)
		a.Entries = slices.Clip(a.Entries) // a later join copies rather than writes into the command's array
		joined = append(joined, a)
		final = append(final, i)
	}
	if trees != nil {
		for j := range joined {
			joined[j].Head.Root = trees[final[j]].Root()
		}
	}
	signing := time.Now()
	for j := range joined {
		joined[j].Head = s.signer.Sign(joined[j].Head)
	}
	storing := time.Now()
	s.stats.signing.Add(int64(storing.Sub(signing)))
	results, err := s.store.AppendBatch(ctx, joined)
	took := time.Since(storing)
	s.stats.storing.Add(int64(took))
	s.stats.commits.observe(took)
	if err != nil {
		return nil, err
	}
	out := make([]error, len(appends))
	for i := range appends {
		out[i] = results[into[i]]
	}
	return out, nil
}

// settle makes a stored append part of its log's committed state, to be
// published by the caller. Callers hold s.commitMu and p.w.mu.
func (s *Service) settle(p *pendingAppend) error {
	w := p.w
	s.stats.durable.Add(1)
	for _, e := range p.append.Entries {
		w.ctree.Append(e.LeafHash)
	}
	w.n += len(p.append.Entries)
	w.state = p.state
	if p.nonce != "" {
		w.nonces[p.nonce] = true
		delete(w.pending, p.nonce)
		w.queueMoved()
	}
	w.stamp = max(w.stamp, p.stamp)
	w.staged--
	var err error
	if p.durable != nil {
		err = p.durable()
	}
	return err
}

// publish replaces the readers' snapshot of w's log by its committed
// state, or withdraws it while the log is broken or empty. Callers hold
// w.mu.
func (s *Service) publish(w *logWriter) {
	defer s.published.Add(1) // counted once the readers' map holds it (see Index)
	if w.broken != nil || w.n == 0 {
		s.snaps.Delete(w.name)
		return
	}
	snap := &logSnap{leaves: w.leaves[:w.n:w.n]}
	if w.name != entente.RegistryLog {
		snap.state = w.state
	}
	if w.evicted {
		snap.evicted = true
		snap.entryOnce.Do(func() { snap.entry = w.entry })
	}
	s.snaps.Store(w.name, snap)
}

// sync brings log (and the registry first) up to what the store holds.
func (s *Service) sync(ctx context.Context, log string) error {
	s.commitMu.Lock()
	defer s.commitMu.Unlock()
	if log != entente.RegistryLog {
		if err := s.catchUp(ctx, s.writer(entente.RegistryLog)); err != nil {
			return err
		}
	}
	return s.catchUp(ctx, s.writer(log))
}

// catchUp folds into w what other processes appended to its log since
// this process last saw it, and makes its tip fall back to that (commands
// queued on the old tip run again). A pact's new entries are replayed on
// top of its state; the registry, or a log that does not extend what this
// process holds, is loaded afresh. Callers hold s.commitMu.
func (s *Service) catchUp(ctx context.Context, w *logWriter) error {
	n, err := s.store.Len(ctx, w.name)
	if err != nil {
		return err
	}
	if w.name != entente.RegistryLog && s.behind(ctx, entente.RegistryLog) {
		// The new entries may be stamped with registry lengths this
		// process has not seen.
		if err := s.catchUp(ctx, s.writer(entente.RegistryLog)); err != nil {
			return err
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.broken == nil {
		// An evicted state comes back as it was (see evict.go) and is
		// extended below, never loaded to the end of a log whose newest
		// entries the registry may not cover yet.
		if err := s.restore(ctx, w); err != nil {
			return err
		}
	}
	if int(n) == w.n && w.broken == nil {
		return nil // queued appends, if any, may well go through
	}
	if w.broken != nil || w.evicted || int(n) < w.n || w.n == 0 || w.attested || s.opts.Trust || w.name == entente.RegistryLog {
		err = s.load(ctx, w)
	} else {
		err = s.extend(ctx, w, int64(n))
	}
	s.publish(w)
	if err == nil {
		s.saveLater(s.dueSnapshot(w))
	}
	return err
}

// extend replays entries [w.n, n) of a member-kept pact's log on top of
// w's committed state. Callers hold w.mu.
func (s *Service) extend(ctx context.Context, w *logWriter, n int64) error {
	from := int64(w.n)
	entries, err := s.store.Entries(ctx, w.name, from, n)
	if err != nil {
		return fmt.Errorf("ledger: reading log %s: %w", w.name, err)
	}
	if int64(len(entries)) != n-from {
		return fmt.Errorf("ledger: log %s: read %d entries from %d, want %d", w.name, len(entries), from, n-from)
	}
	data := make([][]byte, len(entries))
	for i, e := range entries {
		if e.Index != from+int64(i) || e.LeafHash != tlog.LeafHash(e.Data) {
			return s.breakLog(w, fmt.Errorf("ledger: log %s entry %d does not verify, so it is not served: leaf hash or index differs", w.name, from+int64(i)))
		}
		data[i] = e.Data
	}
	events, err := decodeFrom(data, from)
	if err == nil {
		reg, unlock := s.readRegistry()
		var state *entente.PactState
		if w.state != nil {
			state = w.state.Clone() // replay runs in place; the committed state is the readers'
		}
		r := &pactReplay{state: state, nonces: w.nonces, attested: w.attested, registry: w.stamp, data: data}
		err = r.run(w.name, events, reg)
		unlock()
		if err == nil {
			w.fallBack()
			for _, e := range entries {
				w.ctree.Append(e.LeafHash)
				w.leaves = append(w.leaves, e.LeafHash)
			}
			w.tree = w.ctree.Clone()
			w.n = int(n)
			w.state, w.tipState, w.stamp = r.state, r.state, r.registry
			return nil
		}
	}
	var re *replayError
	if errors.As(err, &re) {
		return s.breakLog(w, fmt.Errorf("ledger: log %s entry %d does not verify, so it is not served: %s", w.name, from+re.index, re.msg))
	}
	return s.breakLog(w, fmt.Errorf("ledger: log %s: %w", w.name, err))
}

// breakLog withdraws w's log, which failed to load or extend, and returns
// err. Callers hold w.mu.
func (s *Service) breakLog(w *logWriter, err error) error {
	if w.broken == nil {
		s.health.broken.Add(1)
	}
	s.health.failures.Add(1)
	w.broken = err
	w.gen++
	w.queueMoved() // its queued appends are dropped: their waiters meet the break
	return err
}

// mend marks w's log as loaded whole, after breakLog may have withdrawn
// it. Callers hold w.mu.
func (s *Service) mend(w *logWriter) {
	if w.broken != nil {
		s.health.broken.Add(-1)
	}
	w.broken = nil
}

// writeStats counts the store transactions the committer made and the
// appends they carried, and the committer's time in each phase (see
// WritePhases), in nanoseconds.
type writeStats struct {
	batches, appends            atomic.Int64
	gathering, signing, storing atomic.Int64
	// durable counts the appends the store made durable, failed the
	// transactions that failed as a whole.
	durable, failed atomic.Int64
	// commits is the distribution of the transactions' durations, from
	// handing a batch to the store to its answer.
	commits durations
	// nonceWaits counts the requests that waited for the outcome of the
	// same request queued before them (tests).
	nonceWaits atomic.Int64
}

func (w *writeStats) batch(n int, _ time.Duration) {
	w.batches.Add(1)
	w.appends.Add(int64(n))
}

// WriteStats returns how many store transactions the service has made for
// commands, and how many appends they carried: their ratio is the mean
// size of a group commit.
func (s *Service) WriteStats() (batches, appends int64) {
	return s.stats.batches.Load(), s.stats.appends.Load()
}

// WritePhases is where the committer's time went since the service
// opened, phase by phase of its batches (see commitLoop): waiting for the
// commands being run to join a batch, signing the batch's tree heads, and
// in the store's AppendBatch (its statements, its commit and fsync). What
// is left of a batch's time is settling it and answering its clients.
type WritePhases struct {
	Batches                     int64
	Gathering, Signing, Storing time.Duration
}

// WritePhases returns where the committer's time went (see
// [WritePhases]): with WriteStats, what a benchmark or an operator needs
// to see what bounds the group commit.
func (s *Service) WritePhases() WritePhases {
	return WritePhases{
		Batches:   s.stats.batches.Load(),
		Gathering: time.Duration(s.stats.gathering.Load()),
		Signing:   time.Duration(s.stats.signing.Load()),
		Storing:   time.Duration(s.stats.storing.Load()),
	}
}

// Observe tells the service that another process (or this one) made log
// hold size entries, as a store's notifications say (PostgreSQL's
// LISTEN/NOTIFY): if readers here see fewer, the log catches up in the
// background, so that this process serves the others' writes without
// waiting for a read or a conflict to find them. A log named "" asks for
// every log to be checked (a notification may have been missed).
func (s *Service) Observe(log string, size int64) {
	if log != "" {
		if sn := s.snap(log); sn != nil && int64(len(sn.leaves)) >= size {
			return
		}
	}
	s.obsMu.Lock()
	if s.observed == nil {
		s.observed = map[string]bool{}
	}
	s.observed[log] = true
	start := !s.observing
	s.observing = true
	s.obsMu.Unlock()
	if start {
		go s.catchUpObserved()
	}
}

// catchUpObserved syncs the logs Observe named until none is left.
func (s *Service) catchUpObserved() {
	ctx := context.Background()
	for {
		s.obsMu.Lock()
		logs := s.observed
		s.observed = nil
		if len(logs) == 0 {
			s.observing = false
			s.obsMu.Unlock()
			return
		}
		s.obsMu.Unlock()
		if logs[""] {
			names, err := s.store.Logs(ctx)
			if err != nil {
				continue // the store is away; the listener resyncs when it is back
			}
			for _, n := range names {
				logs[n] = true
			}
			delete(logs, "")
		}
		for log := range logs {
			if s.behind(ctx, log) {
				s.sync(ctx, log) // a failure leaves the log as it was; reads check again
			}
		}
	}
}
