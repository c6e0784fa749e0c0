// Package ledger is Entente's application service: it runs commands against
// pacts, appends the resulting events to their verifiable logs in a Store,
// signs tree heads, and serves the logs' proofs. The HTTP API and the
// command line both go through it.
//
// The service keeps every log's folded state and Merkle builder in memory,
// rebuilt from the store when it opens, so a command costs a fold of its own
// events, a few hashes and a share of one durable append. Writes to one log
// are serialised by that log's own mutex, held only while the command runs
// in memory; concurrent commands, to one pact or many, are committed
// together in one store transaction (group commit, see writer.go), and each
// client is answered once its own entries are durable. A write that loses a
// race with another process on the same database is rebased on the fresh
// state and run again.
//
// Reads take no writer's lock, so they never wait behind a write's durable
// append. After every durable append the committer publishes, per log, an
// immutable snapshot (see logSnap): the leaf hashes as they stand, and the
// pact's state, which is itself never changed once folded (entente.Execute
// forks). The registry, which Apply changes in place, sits behind its own
// read-write lock, which the writer takes only for the in-memory apply that
// follows a successful append, never across the store.
package ledger

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// Service runs commands against pacts and keeps their logs.
type Service struct {
	store  logstore.Store
	signer tlog.Signer
	now    func() time.Time
	opts   Options

	// writers holds each log's writer (see writer.go), guarded by
	// writersMu.
	writersMu sync.Mutex
	writers   map[string]*logWriter

	// The queue of staged appends, and whether a commitLoop runs.
	qMu        sync.Mutex
	queue      []*pendingAppend
	committing bool
	gather     gathering // how the committer waits for a fuller batch (see writer.go)

	// commitMu is held while a batch goes to the store and its outcome is
	// settled, and while a log catches up with the store: a log's
	// committed state changes in one place at a time.
	commitMu sync.Mutex

	// regWrite serialises registry commands, each held until durable: the
	// registry changes in place, so its commands are not pipelined.
	regWrite sync.Mutex

	// regMu guards registry, the pointer and what it points to: taken to
	// write only while the registry is swapped or applies events already
	// stored; readers and commands take it to read.
	regMu    sync.RWMutex
	registry *entente.Registry

	// snaps holds what reads see of each log: log name to *logSnap,
	// replaced (never changed) once the store has the entries. A log
	// absent from it is unknown to readers.
	snaps sync.Map

	// tiles holds the tiles of each log's leaf hashes that proofs have
	// needed: log name to *tlog.Tiles (see proof.go).
	tiles sync.Map

	// idle holds, for each pact a tick found nothing due in, when its
	// next item falls due (see idleUntil): pact ID to idleMark.
	idle sync.Map

	stats writeStats

	// health counts the logs withdrawn because they did not load or
	// verify (see breakLog): broken now, and failures since Open.
	health struct{ broken, failures atomic.Int64 }

	// lru orders the pacts whose states are in memory, when
	// Options.MaxStates bounds them (see evict.go).
	lru                stateLRU
	evictions, reloads atomic.Int64

	// published counts the snapshots published, and index holds the
	// index as last sorted (see Index).
	published atomic.Int64
	index     atomic.Pointer[builtIndex]

	// Logs that Observe heard were appended to, and whether a goroutine
	// is catching them up.
	obsMu     sync.Mutex
	observed  map[string]bool
	observing bool

	// snapWrites writes snapshots in the background (see persist.go).
	snapWrites snapshotWriter

	// lockedReads makes reads take commitMu, which is held across the
	// store's append, so that a benchmark can measure reads serialised
	// with writes beside the snapshot path.
	lockedReads atomic.Bool

	// signEach makes the committer sign a head per command's append, as it
	// did before it joined them (see sendBatch), so that a benchmark can
	// measure the join beside its baseline.
	signEach atomic.Bool
}

// logSnap is an immutable view of one log, as published to readers: its
// leaf hashes (capacity clipped to the length, so nothing a reader does can
// write into the array the writer keeps appending to) and, for a pact's
// log, the pact's folded state, consistent with those leaves.
type logSnap struct {
	leaves []tlog.Hash
	state  *entente.PactState

	// entry is the pact's entry in the index (see Index), made from state
	// by the first listing that meets this snapshot rather than by the
	// write that published it, so that a write costs no walk of the
	// members; every later listing shares it.
	entryOnce sync.Once
	entry     entente.PactEntry

	// evicted says that the pact's state left memory (see evict.go):
	// state is nil, entry was made before it left, and a read of the
	// state loads it back.
	evicted bool
}

// indexEntry returns the pact's entry in the index.
func (sn *logSnap) indexEntry() *entente.PactEntry {
	sn.entryOnce.Do(func() { sn.entry = sn.state.Entry() })
	return &sn.entry
}

// isPact reports whether the snapshot is of a pact's log, its state in
// memory or not.
func (sn *logSnap) isPact() bool { return sn.state != nil || sn.evicted }

// length returns the number of the pact's events readers see.
func (sn *logSnap) length() int64 {
	if sn.state != nil {
		return sn.state.Len
	}
	return sn.indexEntry().Len
}

// snap returns the readers' snapshot of log, or nil.
func (s *Service) snap(log string) *logSnap {
	if v, ok := s.snaps.Load(log); ok {
		return v.(*logSnap)
	}
	return nil
}

// readLock is taken by every read: nothing, unless lockedReads asks for
// reads serialised with writes, which only the benchmarks set. It returns
// the matching unlock.
func (s *Service) readLock() func() {
	if s.lockedReads.Load() {
		s.commitMu.Lock()
		return s.commitMu.Unlock
	}
	return func() {}
}

// setRegistry installs a new registry for readers and the writer.
func (s *Service) setRegistry(reg *entente.Registry) {
	s.regMu.Lock()
	s.registry = reg
	s.regMu.Unlock()
}

// applyRegistry folds registry events that the store already holds into
// the registry, excluding readers only for the in-memory apply.
func (s *Service) applyRegistry(events []entente.Event) error {
	s.regMu.Lock()
	defer s.regMu.Unlock()
	for _, ev := range events {
		if err := s.registry.Apply(ev); err != nil {
			return entente.Errorf(entente.EINTERNAL, "registry: %v", err)
		}
	}
	return nil
}

// Options tune how a service opens its store.
type Options struct {
	// Trust skips the self-check when the store opens: the heads'
	// signatures, the leaf hashes and the replay of every member's signed
	// request. Only benchmarks that measure the check's cost set it.
	Trust bool
	// SnapshotEvery is the growth, in entries, after which a pact's log
	// gets a new snapshot on disk (see persist.go); 0 means
	// DefaultSnapshotEvery and a negative value turns snapshots off, both
	// using and writing them.
	SnapshotEvery int
	// MaxStates, when positive, bounds the pacts whose states are kept in
	// memory: the least recently used are evicted and loaded back from
	// their snapshots when next read or written (see evict.go). 0 keeps
	// every state, as before.
	MaxStates int
}

// Open loads every log of store, checking each (see Options), and returns
// a service that signs new tree heads with signer and reads the time from
// now. A store with a log that does not verify under signer's key is not
// served: the error names the log and the entry.
func Open(ctx context.Context, store logstore.Store, signer tlog.Signer, now func() time.Time) (*Service, error) {
	return OpenWith(ctx, store, signer, now, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, store logstore.Store, signer tlog.Signer, now func() time.Time, opts Options) (*Service, error) {
	s := &Service{store: store, signer: signer, now: now, opts: opts, registry: entente.NewRegistry(),
		writers: map[string]*logWriter{}}
	names, err := store.Logs(ctx)
	if err != nil {
		return nil, fmt.Errorf("ledger: listing logs: %w", err)
	}
	s.commitMu.Lock()
	defer s.commitMu.Unlock()
	for _, name := range registryFirst(names) {
		w := s.writer(name)
		w.mu.Lock()
		err := s.load(ctx, w)
		s.publish(w)
		var job *snapshotJob
		if err == nil {
			job = s.dueSnapshot(w)
		}
		w.mu.Unlock()
		if err != nil {
			return nil, err
		}
		s.save(ctx, job)
		s.touch(w)
		s.evictOver()
	}
	return s, nil
}

// load reads, checks and replays w's log afresh from the store, replacing
// what w held; it falls back (commands queued on w run again) and, if the
// log does not load, breaks it. The caller publishes. Callers hold w.mu
// and, after Open, s.commitMu.
func (s *Service) load(ctx context.Context, w *logWriter) error {
	name := w.name
	if ok, err := s.loadSnapshot(ctx, w); ok || err != nil {
		if ok {
			w.evicted = false
		}
		return err
	}
	entries, err := s.store.Entries(ctx, name, 0, -1)
	if err != nil {
		return fmt.Errorf("ledger: reading log %s: %w", name, err) // w stays as it was: the store is away, not wrong
	}
	data := make([][]byte, len(entries))
	leaves := make([]tlog.Hash, len(entries))
	tree := tlog.NewBuilder()
	for i, e := range entries {
		data[i] = e.Data
		leaves[i] = e.LeafHash
		tree.Append(e.LeafHash)
	}
	if !s.opts.Trust {
		heads, err := s.store.Heads(ctx, name)
		if err != nil {
			return fmt.Errorf("ledger: reading heads of %s: %w", name, err)
		}
		if data, leaves, err = s.readUpTo(ctx, name, heads, data, leaves, tree); err != nil {
			return err
		}
		if err := tlog.Audit(name, data, leaves, heads, s.signer.Public()); err != nil {
			var m *tlog.MismatchError
			if errors.As(err, &m) {
				return s.breakLog(w, fmt.Errorf("ledger: log %s entry %d does not verify, so it is not served: %s", name, m.Index, m.Reason))
			}
			return s.breakLog(w, fmt.Errorf("ledger: log %s does not verify, so it is not served: %w", name, err))
		}
	}
	r, err := s.replay(name, data)
	if err != nil {
		return s.breakLog(w, err)
	}
	w.fallBack()
	s.mend(w)
	w.n, w.leaves, w.ctree, w.tree = len(leaves), leaves, tree, tree.Clone()
	w.state, w.tipState = r.state, r.state
	w.nonces, w.attested, w.stamp = r.nonces, r.attested, r.registry
	w.evicted = false
	return nil
}

// readUpTo reads the entries that heads, read after them, cover beyond
// data: another process appended them between the two reads (a store
// writes an append's entries and its head at once). Entries that are
// still missing are not: the audit names the head that covers them. The
// leaves join leaves and tree.
func (s *Service) readUpTo(ctx context.Context, name string, heads []tlog.TreeHead, data [][]byte, leaves []tlog.Hash, tree *tlog.Builder) ([][]byte, []tlog.Hash, error) {
	if len(heads) == 0 || heads[len(heads)-1].Size <= uint64(len(data)) {
		return data, leaves, nil
	}
	more, err := s.store.Entries(ctx, name, int64(len(data)), int64(heads[len(heads)-1].Size))
	if err != nil {
		return nil, nil, fmt.Errorf("ledger: reading log %s: %w", name, err)
	}
	for _, e := range more {
		data = append(data, e.Data)
		leaves = append(leaves, e.LeafHash)
		tree.Append(e.LeafHash)
	}
	return data, leaves, nil
}

// replay folds a log: with the full replay of every signed request, or as
// a plain fold when the store is trusted. A registry is installed for
// readers and commands.
func (s *Service) replay(name string, data [][]byte) (*pactReplay, error) {
	wrap := func(err error) error {
		var re *replayError
		if errors.As(err, &re) {
			return fmt.Errorf("ledger: log %s entry %d does not verify, so it is not served: %s", name, re.index, re.msg)
		}
		return fmt.Errorf("ledger: log %s: %w", name, err)
	}
	events, err := decodeAll(data)
	if err != nil {
		return nil, wrap(err)
	}
	if s.opts.Trust {
		return s.fold(name, events)
	}
	if name == entente.RegistryLog {
		reg, nonces, err := replayRegistry(events, data)
		if err != nil {
			return nil, wrap(err)
		}
		s.setRegistry(reg)
		return &pactReplay{nonces: nonces}, nil
	}
	reg, unlock := s.readRegistry()
	defer unlock()
	r, err := replayPact(name, events, data, reg)
	if err != nil {
		return nil, wrap(err)
	}
	return r, nil
}

// fold applies a trusted log's events without re-running them. A registry
// is folded aside and installed only once whole, so readers never see one
// half folded.
func (s *Service) fold(name string, events []entente.Event) (*pactReplay, error) {
	r := &pactReplay{nonces: nonceSet{}}
	var reg *entente.Registry
	if name == entente.RegistryLog {
		reg = entente.NewRegistry()
	}
	for _, ev := range events {
		var err error
		if reg != nil {
			err = reg.Apply(ev)
		} else {
			if r.state == nil {
				r.state = &entente.PactState{}
				r.attested = ev.Signed == nil
			}
			err = r.state.Apply(ev)
		}
		if err != nil {
			return nil, fmt.Errorf("ledger: log %s: %w", name, err)
		}
		r.note(ev)
	}
	if reg != nil {
		s.setRegistry(reg)
	}
	return r, nil
}

// notBefore returns now, or last if the clock stepped back before it: a
// log's events are stamped in order, and a server whose clock steps back
// stamps at the last event's time rather than refusing the client.
func notBefore(now, last time.Time) time.Time {
	if now.Before(last) {
		return last
	}
	return now
}

// Now returns the service's current time.
func (s *Service) Now() time.Time { return s.now() }

// Verifier returns the public key that checks this service's tree heads.
func (s *Service) Verifier() tlog.Verifier { return s.signer.Public() }

// Outcome is what a signed request did: the log it went to, the events it
// appended, and the pact's new state (for a pact's request) or the actor's
// record (for the registry's).
type Outcome struct {
	Log    string
	Events []entente.Event
	State  *entente.PactState
	Actor  *entente.Actor
}

// Submit checks a delegate's signed request and runs it: the request must
// parse, be signed by exactly the delegates its command needs (see
// entente.RunSigned), not have expired, and not reuse a nonce of its log.
// Its events are appended durably, the request kept with the first, before
// Submit returns. Other members writing to the same pact meanwhile, through
// this server or another on the same database, do not invalidate it: it
// runs again on the state their writes left.
func (s *Service) Submit(ctx context.Context, sig *entente.Signed) (*Outcome, error) {
	if sig == nil {
		return nil, entente.FieldErrorf(entente.EINVALID, "request", "expected a signed request")
	}
	req, err := sig.Parse()
	if err != nil {
		return nil, err
	}
	if req.Log == entente.RegistryLog {
		return s.submitRegistry(ctx, req, sig)
	}
	return s.submitPact(ctx, req, sig)
}

// checkNonce refuses a request whose nonce its log already holds, and
// makes one whose nonce it has queued wait for that append's outcome (see
// queuedNonce). Callers hold w.mu.
func checkNonce(w *logWriter, req entente.Request) error {
	return w.checkNonce(req.Nonce, req.Log)
}

// writeRegistry runs a registry command and waits until it is durable.
// Registry commands run one at a time, each on the registry as stored.
func (s *Service) writeRegistry(ctx context.Context, run func(reg *entente.Registry) (staging, error)) error {
	s.regWrite.Lock()
	defer s.regWrite.Unlock()
	return s.write(ctx, entente.RegistryLog, func(w *logWriter) (staging, error) {
		reg, unlock := s.readRegistry()
		defer unlock()
		st, err := run(reg)
		if err != nil {
			return st, err
		}
		events := st.events
		st.durable = func() error { return s.applyRegistry(events) }
		return st, nil
	})
}

func (s *Service) submitRegistry(ctx context.Context, req entente.Request, sig *entente.Signed) (*Outcome, error) {
	var events []entente.Event
	err := s.writeRegistry(ctx, func(reg *entente.Registry) (staging, error) {
		if err := checkNonce(s.writer(entente.RegistryLog), req); err != nil {
			return staging{}, err
		}
		if req.Command == "witness" {
			if err := s.checkWitness(req); err != nil {
				return staging{}, err
			}
		}
		now := notBefore(s.now(), reg.Updated)
		_, evs, err := entente.RunSignedRegistry(reg, sig, now)
		events = evs
		return staging{events: evs, at: now, nonce: req.Nonce}, err
	})
	if err != nil {
		return nil, err
	}
	out := &Outcome{Log: req.Log, Events: events}
	reg, unlock := s.readRegistry()
	defer unlock()
	if a := reg.Actor(req.Actor); a != nil {
		c := *a
		out.Actor = &c
	}
	return out, nil
}

func (s *Service) submitPact(ctx context.Context, req entente.Request, sig *entente.Signed) (*Outcome, error) {
	id := entente.PactID(req.Log)
	var out *Outcome
	err := s.write(ctx, req.Log, func(w *logWriter) (staging, error) {
		state := w.tipState
		if state == nil && req.Command != "found" {
			return staging{}, entente.FieldErrorf(entente.ENOTFOUND, "request.log", "no pact %q", id)
		}
		if err := checkNonce(w, req); err != nil {
			return staging{}, err
		}
		now := s.now()
		if state != nil {
			now = notBefore(now, state.Updated)
		}
		reg, unlock := s.readRegistry()
		defer unlock()
		_, next, events, err := entente.RunSigned(reg, reg.Len, state, sig, now)
		if err != nil {
			return staging{}, err
		}
		out = &Outcome{Log: req.Log, Events: events, State: next}
		return staging{state: next, events: events, at: now, nonce: req.Nonce}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RegisterActor records an actor that has no delegate keys, as the
// operator's record (a historical state, a simulated agent). An actor with
// a key changes its record only by its own signed request.
func (s *Service) RegisterActor(ctx context.Context, a entente.Actor) (*entente.Actor, error) {
	err := s.writeRegistry(ctx, func(reg *entente.Registry) (staging, error) {
		now := notBefore(s.now(), reg.Updated)
		ev, err := reg.Record(a, now)
		return staging{events: []entente.Event{ev}, at: now}, err
	})
	if err != nil {
		return nil, err
	}
	return s.Actor(a.ID)
}

// Invite records an invitation issued by the operator, for an actor's
// first delegate key; token is its secret, of which only the hash is kept.
func (s *Service) Invite(ctx context.Context, actor entente.ActorID, token string, expires time.Time, registrar bool) (*entente.Invitation, error) {
	var inv entente.Invitation
	err := s.writeRegistry(ctx, func(reg *entente.Registry) (staging, error) {
		now := notBefore(s.now(), reg.Updated)
		ev, err := reg.Invite("", entente.Invitation{Actor: actor, TokenHash: entente.TokenHash(token), Expires: expires, Registrar: registrar}, now)
		if err != nil {
			return staging{}, err
		}
		inv = ev.Data.(entente.InvitationIssued).Invitation
		return staging{events: []entente.Event{ev}, at: now}, nil
	})
	return &inv, err
}

// readRegistry takes the registry's read lock (and, for the benchmarks'
// baseline, the commit lock) and returns the registry and the unlock.
func (s *Service) readRegistry() (*entente.Registry, func()) {
	s.regMu.RLock()
	return s.registry, s.regMu.RUnlock
}

// readRegistryLocked is readRegistry for readers, which the benchmarks'
// baseline serialises with writes.
func (s *Service) readRegistryLocked() (*entente.Registry, func()) {
	unlock := s.readLock()
	reg, runlock := s.readRegistry()
	return reg, func() { runlock(); unlock() }
}

// Keys returns the live delegate keys of an actor: copies, as a key is
// changed in place when it is revoked.
func (s *Service) Keys(id entente.ActorID) []*entente.DelegateKey {
	reg, unlock := s.readRegistryLocked()
	defer unlock()
	keys := reg.LiveKeys(id, reg.Len)
	for i, k := range keys {
		c := *k
		keys[i] = &c
	}
	return keys
}

// Registry returns a copy of the registry as it stands: its actors, keys,
// invitations, registrars, witnesses, length and time. The copy is the
// caller's and later writes do not change it; it does not carry the
// actors' earlier versions (its ActorAt knows none).
func (s *Service) Registry() *entente.Registry {
	reg, unlock := s.readRegistryLocked()
	defer unlock()
	return cloneRegistry(reg)
}

// RegistryLen returns the size of the registry's log without copying the
// registry: what a cache keyed by the registry's state needs.
func (s *Service) RegistryLen() int64 {
	reg, unlock := s.readRegistryLocked()
	defer unlock()
	return reg.Len
}

// cloneRegistry copies what a registry exposes. Actors are shared: the
// registry replaces an actor's record, never changes it; keys and
// invitations are copied, as revocation and redemption change them.
func cloneRegistry(r *entente.Registry) *entente.Registry {
	c := entente.NewRegistry()
	for id, a := range r.Actors {
		c.Actors[id] = a
	}
	for k, d := range r.Keys {
		dk := *d
		c.Keys[k] = &dk
	}
	for _, inv := range r.Invitations {
		i := *inv
		c.Invitations = append(c.Invitations, &i)
	}
	for id, ok := range r.Registrars {
		c.Registrars[id] = ok
	}
	if r.Witnesses != nil {
		c.Witnesses = make(map[string][]entente.Witness, len(r.Witnesses))
		for log, ws := range r.Witnesses {
			c.Witnesses[log] = append([]entente.Witness(nil), ws...)
		}
	}
	c.Len, c.Updated = r.Len, r.Updated
	return c
}

// Actor returns a registered actor.
func (s *Service) Actor(id entente.ActorID) (*entente.Actor, error) {
	reg, unlock := s.readRegistryLocked()
	defer unlock()
	a := reg.Actor(id)
	if a == nil {
		return nil, entente.FieldErrorf(entente.ENOTFOUND, "actor", "no actor %q", id)
	}
	c := *a
	return &c, nil
}

// Actors returns every registered actor, sorted by ID. They are shared
// values, which the registry replaces but never changes: callers must not
// change them.
func (s *Service) Actors() []*entente.Actor {
	reg, unlock := s.readRegistryLocked()
	defer unlock()
	return reg.List()
}

// Do records cmd on pact id as actor by, unsigned, as the operator's
// record of outside events (a historical alliance, a simulated pact). It
// is refused for a pact its members keep by their signatures, and for any
// command that an actor with a delegate key would have to sign: such
// actions go through Submit. The events (with those that time brought
// about first) are appended durably before Do returns them.
func (s *Service) Do(ctx context.Context, id entente.PactID, by entente.ActorID, cmd entente.Command) (*entente.PactState, []entente.Event, error) {
	if f, ok := cmd.(entente.FoundPact); ok {
		id = f.Pact.ID
	}
	var state *entente.PactState
	var events []entente.Event
	err := s.write(ctx, string(id), func(w *logWriter) (staging, error) {
		if _, found := cmd.(entente.FoundPact); !found && w.tipState == nil {
			return staging{}, entente.FieldErrorf(entente.ENOTFOUND, "pact", "no pact %q", id)
		}
		reg, unlock := s.readRegistry()
		defer unlock()
		if err := checkUnsigned(w, reg, id, by, cmd); err != nil {
			return staging{}, err
		}
		env := entente.Env{Now: s.now(), Actors: reg.Actor}
		if w.tipState != nil {
			env.Now = notBefore(env.Now, w.tipState.Updated)
		}
		next, evs, err := entente.Execute(w.tipState, by, cmd, env)
		if err != nil {
			return staging{}, err
		}
		state, events = next, evs
		return staging{state: next, events: evs, at: env.Now}, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return state, events, nil
}

// checkUnsigned refuses an unsigned command where a signature is owed.
// Callers hold w.mu.
func checkUnsigned(w *logWriter, reg *entente.Registry, id entente.PactID, by entente.ActorID, cmd entente.Command) error {
	if w.tipState != nil && !w.attested {
		return entente.FieldErrorf(entente.EFORBIDDEN, "signature", "pact %s is kept by its members' signatures: expected a signed request", id)
	}
	for _, who := range entente.RequiredSigners(w.tipState, by, cmd) {
		if reg.Keyed(who, reg.Len) {
			return entente.FieldErrorf(entente.EFORBIDDEN, "signature", "%s has delegate keys: expected its signed request", who)
		}
	}
	return nil
}

// behind reports, without any lock, whether the store holds more of log
// than the readers' snapshot (a length query).
func (s *Service) behind(ctx context.Context, log string) bool {
	n, err := s.store.Len(ctx, log)
	if err != nil {
		return false
	}
	have := 0
	if sn := s.snap(log); sn != nil {
		have = len(sn.leaves)
	}
	return n != int64(have)
}

// Pact returns a pact's state. It is a shared value, never changed by
// later writes (they publish a new one): callers must not change it.
func (s *Service) Pact(id entente.PactID) (*entente.PactState, error) {
	defer s.readLock()()
	var st *entente.PactState
	if sn := s.snap(string(id)); sn != nil {
		if sn.evicted {
			return s.reload(id)
		}
		st = sn.state
		if s.opts.MaxStates > 0 && st != nil {
			s.touch(s.writer(string(id)))
		}
	}
	if st == nil {
		return nil, entente.FieldErrorf(entente.ENOTFOUND, "pact", "no pact %q", id)
	}
	return st, nil
}

// Pacts returns every pact's state, sorted by ID. Each is the latest a
// write published when Pacts met it.
func (s *Service) Pacts() []*entente.PactState {
	defer s.readLock()()
	var out []*entente.PactState
	s.snaps.Range(func(k, v any) bool {
		st := v.(*logSnap).state
		if v.(*logSnap).evicted {
			st, _ = s.reload(entente.PactID(k.(string))) // one that fails to load is left out, as a broken log is
		}
		if st != nil {
			out = append(out, st)
		}
		return true
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Pact.ID < out[j].Pact.ID })
	if out == nil {
		out = []*entente.PactState{}
	}
	return out
}

// Index returns every pact's entry in the index, sorted by ID: what a
// listing needs of each pact, and who may read it, without its state.
// Each is the entry of the latest state a write published when Index met
// it; the slice and the entries are shared: callers must not change them.
func (s *Service) Index() []*entente.PactEntry {
	defer s.readLock()()
	// Built again only after a publish: listings between writes share one.
	v := s.published.Load()
	if c := s.index.Load(); c != nil && c.version == v {
		return c.entries
	}
	out := []*entente.PactEntry{}
	s.snaps.Range(func(_, v any) bool {
		if sn := v.(*logSnap); sn.isPact() {
			out = append(out, sn.indexEntry())
		}
		return true
	})
	slices.SortFunc(out, func(a, b *entente.PactEntry) int { return cmp.Compare(a.ID, b.ID) })
	s.index.Store(&builtIndex{version: v, entries: out})
	return out
}

// builtIndex is a sorted index as of the version'th publish: every
// snapshot published before it was counted is in it.
type builtIndex struct {
	version int64
	entries []*entente.PactEntry
}

// Structure derives a pact's structure from its members and the actors'
// capabilities.
func (s *Service) Structure(id entente.PactID) (entente.Structure, error) {
	st, err := s.Pact(id)
	if err != nil {
		return entente.Structure{}, err
	}
	reg, unlock := s.readRegistryLocked()
	defer unlock()
	return entente.DeriveStructure(st, reg.Actor), nil
}

// Tick records, for every pact, what time has brought about by now
// (deadlines, notice periods). The server calls it periodically. The pacts
// are advanced concurrently, so their appends share store transactions.
func (s *Service) Tick(ctx context.Context) (int, error) {
	ids := s.pactIDs()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
		first error
	)
	sem := make(chan struct{}, 32)
	now := s.now()
	for _, id := range ids {
		if s.idleAt(id, now) {
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			n := 0
			err := s.write(ctx, string(id), func(w *logWriter) (staging, error) {
				if w.tipState == nil {
					return staging{}, nil
				}
				now := notBefore(s.now(), w.tipState.Updated)
				reg, unlock := s.readRegistry()
				defer unlock()
				next, events, err := entente.Advance(w.tipState, entente.Env{Now: now, Actors: reg.Actor})
				n = len(events)
				if err == nil && len(events) == 0 {
					// next is the tip's record with its index of what
					// comes due built (a state decoded from a snapshot has
					// none, and Advance builds it on a fork each time):
					// keep it, so that the next tick of an idle pact costs
					// O(log n), not a rebuild.
					w.tipState = next
					s.markIdle(id, next)
				}
				return staging{state: next, events: events, at: now}, err
			})
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				total += n
			} else if first == nil {
				first = err
			}
		})
	}
	wg.Wait()
	return total, first
}

// idleMark is what a tick learnt of an idle pact: at its tip of len
// events nothing was due, and the first thing falls due at next (never,
// without due).
type idleMark struct {
	len  int64
	next time.Time
	due  bool
}

// markIdle notes that nothing was due in pact id at its tip st.
func (s *Service) markIdle(id entente.PactID, st *entente.PactState) {
	next, due := st.NextDue()
	s.idle.Store(id, idleMark{len: st.Len, next: next, due: due})
}

// idleAt reports whether a tick at now may pass pact id by without taking
// its writer: a tick found nothing due at the length readers see now, and
// its next item falls due after now. A write since (a longer log) or a
// due time reached sends the pact through Advance again; so does an
// append not yet durable, only until the next tick, as for a pact the
// tick takes in turn.
func (s *Service) idleAt(id entente.PactID, now time.Time) bool {
	v, ok := s.idle.Load(id)
	if !ok {
		return false
	}
	m := v.(idleMark)
	sn := s.snap(string(id))
	if sn == nil || !sn.isPact() || sn.length() != m.len {
		return false
	}
	return !m.due || now.Before(m.next)
}

// pactIDs returns the IDs of the pacts readers see, sorted.
func (s *Service) pactIDs() []entente.PactID {
	var ids []entente.PactID
	s.snaps.Range(func(k, v any) bool {
		if v.(*logSnap).isPact() {
			ids = append(ids, entente.PactID(k.(string)))
		}
		return true
	})
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// Reader checks a read token (a request for command "read" on the
// registry, signed by a live key of its actor, not expired and expiring
// within entente.MaxReadLifetime) and returns the actor it proves. A
// token may be reused until it expires: it reveals nothing but what its
// holder may read.
func (s *Service) Reader(sig *entente.Signed) (entente.ActorID, error) {
	req, err := sig.Parse()
	if err != nil {
		return "", err
	}
	if req.Command != "read" || req.Log != entente.RegistryLog {
		return "", entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "expected a read token (command read on %s), got %s on %s", entente.RegistryLog, req.Command, req.Log)
	}
	now := s.now()
	if now.After(req.Expires) || req.Expires.Sub(now) > entente.MaxReadLifetime {
		return "", entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "the read token expired or lasts longer than %s", entente.MaxReadLifetime)
	}
	reg, unlock := s.readRegistryLocked()
	defer unlock()
	if err := reg.CheckSignatures(sig, entente.Signers{Actors: []entente.ActorID{req.Actor}}, reg.Len); err != nil {
		return "", entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "%s", entente.ErrorMessage(err))
	}
	return req.Actor, nil
}

// checkWitness accepts a countersignature only of a head this server's log
// has: the root of its first Size entries, as stored.
func (s *Service) checkWitness(req entente.Request) error {
	v, err := entente.DecodeCommand(req.Command, req.Args)
	if err != nil {
		return err
	}
	w := v.(entente.WitnessHead)
	sn := s.snap(w.Log)
	if sn == nil || w.Size == 0 || w.Size > uint64(len(sn.leaves)) {
		return entente.FieldErrorf(entente.ENOTFOUND, "size", "log %q has no head of %d entries", w.Log, w.Size)
	}
	if root := tlog.Root(sn.leaves[:w.Size]).String(); root != w.Root {
		return entente.FieldErrorf(entente.ECONFLICT, "root", "log %s has root %s at %d entries, not %s", w.Log, root, w.Size, w.Root)
	}
	return nil
}

// Witnesses returns the heads of log that members countersigned, latest
// first.
func (s *Service) Witnesses(log string) []entente.Witness {
	reg, unlock := s.readRegistryLocked()
	defer unlock()
	ws := reg.Witnesses[log]
	out := make([]entente.Witness, len(ws))
	for i, w := range ws {
		out[len(ws)-1-i] = w
	}
	return out
}

// Refresh makes the readers' view of log at least as new as the store:
// when another process (a CLI verb beside the server, another server on
// the same database) appended to it, or to the registry, the log catches
// up before the caller reads it. A read after Refresh is never older than
// the last write any process had acknowledged when Refresh began. It costs
// a length query per log when nothing changed.
func (s *Service) Refresh(ctx context.Context, log string) error {
	if !s.behind(ctx, log) && !s.behind(ctx, entente.RegistryLog) {
		return nil
	}
	return s.sync(ctx, log)
}

// Secret returns a secret for purpose derived from the service's signing
// key (tlog.Signer.Secret): every server on the store derives the same
// one, so that what one server authenticates with it (a cookie it
// issues) another can check, and no one without the key can forge.
func (s *Service) Secret(purpose string) []byte { return s.signer.Secret(purpose) }
