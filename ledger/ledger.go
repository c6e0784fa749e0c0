// Package ledger is Entente's application service: it runs commands against
// pacts, appends the resulting events to their verifiable logs in a Store,
// signs tree heads, and serves the logs' proofs. The HTTP API and the
// command line both go through it.
//
// The service keeps every log's folded state and Merkle builder in memory,
// rebuilt from the store when it opens, so a command costs a fold of its own
// events, a few hashes and one durable append. One mutex serialises writes:
// a store has a single writer anyway, and it keeps the cache and the store in
// step.
//
// Reads never take that mutex, so they never wait behind a write's durable
// append. After every write the writer publishes, per log, an immutable
// snapshot (see logSnap): the leaf hashes as they stand, and the pact's
// state, which is itself never changed once folded (entente.Execute forks).
// The registry, which Apply changes in place, sits behind its own
// read-write lock, which the writer takes only for the in-memory apply that
// follows a successful append, never across the store.
package ledger

import (
	"context"
	"errors"
	"fmt"
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

	// mu serialises writes. It guards logs and pacts (the writer's own
	// view) and is held across the store's append. Reads never take it.
	mu    sync.Mutex
	logs  map[string]*logCache
	pacts map[entente.PactID]*entente.PactState

	// regMu guards registry, the pointer and what it points to: the writer
	// (holding mu) takes it to write only while it swaps the registry or
	// applies events already stored; readers take it to read. The writer
	// reads registry without regMu, as no one else changes it.
	regMu    sync.RWMutex
	registry *entente.Registry

	// snaps holds what reads see of each log: log name to *logSnap,
	// replaced (never changed) by the writer once the store has the
	// entries. A log absent from it is unknown to readers.
	snaps sync.Map

	// lockedReads makes reads take mu as they did before snapshots, so
	// that a benchmark can measure the old path beside the new one.
	lockedReads atomic.Bool
}

// logSnap is an immutable view of one log, as published to readers: its
// leaf hashes (capacity clipped to the length, so nothing a reader does can
// write into the array the writer keeps appending to) and, for a pact's
// log, the pact's folded state, consistent with those leaves.
type logSnap struct {
	leaves []tlog.Hash
	state  *entente.PactState
}

// publish replaces the readers' snapshot of log by the writer's current
// view of it, or withdraws it if the writer no longer holds the log.
// Callers hold s.mu.
func (s *Service) publish(log string) {
	lc := s.logs[log]
	if lc == nil {
		s.snaps.Delete(log)
		return
	}
	n := len(lc.leaves)
	snap := &logSnap{leaves: lc.leaves[:n:n]}
	if log != entente.RegistryLog {
		snap.state = s.pacts[entente.PactID(log)]
	}
	s.snaps.Store(log, snap)
}

// snap returns the readers' snapshot of log, or nil.
func (s *Service) snap(log string) *logSnap {
	if v, ok := s.snaps.Load(log); ok {
		return v.(*logSnap)
	}
	return nil
}

// readLock is taken by every read: nothing, unless lockedReads asks for
// the old behaviour (reads serialised with writes on mu), which only the
// benchmarks set. It returns the matching unlock.
func (s *Service) readLock() func() {
	if s.lockedReads.Load() {
		s.mu.Lock()
		return s.mu.Unlock
	}
	return func() {}
}

// setRegistry installs a new registry for readers and the writer.
// Callers hold s.mu.
func (s *Service) setRegistry(reg *entente.Registry) {
	s.regMu.Lock()
	s.registry = reg
	s.regMu.Unlock()
}

// applyRegistry folds registry events that the store already holds into
// the registry, excluding readers only for the in-memory apply. Callers
// hold s.mu.
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
}

// logCache holds what the service knows of one log: its leaf hashes (for
// proofs), a builder for its root, the nonces of the requests it holds,
// and for a pact whether its record is the operator's (founded unsigned).
type logCache struct {
	leaves   []tlog.Hash
	tree     *tlog.Builder
	nonces   nonceSet
	attested bool
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
		logs: map[string]*logCache{}, pacts: map[entente.PactID]*entente.PactState{}}
	names, err := store.Logs(ctx)
	if err != nil {
		return nil, fmt.Errorf("ledger: listing logs: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, name := range registryFirst(names) {
		if err := s.load(ctx, name); err != nil {
			return nil, err
		}
		s.publish(name)
	}
	return s, nil
}

// load reads, checks and replays one log into the writer's cache; the
// caller publishes it. Callers hold s.mu.
func (s *Service) load(ctx context.Context, name string) error {
	entries, err := s.store.Entries(ctx, name, 0, -1)
	if err != nil {
		return fmt.Errorf("ledger: reading log %s: %w", name, err)
	}
	data := make([][]byte, len(entries))
	lc := &logCache{tree: tlog.NewBuilder(), nonces: nonceSet{}}
	for i, e := range entries {
		data[i] = e.Data
		lc.leaves = append(lc.leaves, e.LeafHash)
		lc.tree.Append(e.LeafHash)
	}
	if !s.opts.Trust {
		heads, err := s.store.Heads(ctx, name)
		if err != nil {
			return fmt.Errorf("ledger: reading heads of %s: %w", name, err)
		}
		if err := tlog.Audit(name, data, lc.leaves, heads, s.signer.Public()); err != nil {
			var m *tlog.MismatchError
			if errors.As(err, &m) {
				return fmt.Errorf("ledger: log %s entry %d does not verify, so it is not served: %s", name, m.Index, m.Reason)
			}
			return fmt.Errorf("ledger: log %s does not verify, so it is not served: %w", name, err)
		}
	}
	if err := s.replay(name, data, lc); err != nil {
		return err
	}
	s.logs[name] = lc
	return nil
}

// replay folds a log into the service's state: with the full replay of
// every signed request, or as a plain fold when the store is trusted.
func (s *Service) replay(name string, data [][]byte, lc *logCache) error {
	wrap := func(err error) error {
		var re *replayError
		if errors.As(err, &re) {
			return fmt.Errorf("ledger: log %s entry %d does not verify, so it is not served: %s", name, re.index, re.msg)
		}
		return fmt.Errorf("ledger: log %s: %w", name, err)
	}
	events, err := decodeAll(data)
	if err != nil {
		return wrap(err)
	}
	if s.opts.Trust {
		return s.fold(name, events, lc)
	}
	if name == entente.RegistryLog {
		reg, nonces, err := replayRegistry(events, data)
		if err != nil {
			return wrap(err)
		}
		s.setRegistry(reg)
		lc.nonces = nonces
		return nil
	}
	r, err := replayPact(name, events, data, s.registry)
	if err != nil {
		return wrap(err)
	}
	lc.nonces, lc.attested = r.nonces, r.attested
	if r.state != nil {
		s.pacts[entente.PactID(name)] = r.state
	}
	return nil
}

// fold applies a trusted log's events without re-running them. A registry
// is folded aside and installed only once whole, so readers never see one
// half folded.
func (s *Service) fold(name string, events []entente.Event, lc *logCache) error {
	var reg *entente.Registry
	if name == entente.RegistryLog {
		reg = entente.NewRegistry()
	}
	var state *entente.PactState
	for _, ev := range events {
		var err error
		if reg != nil {
			err = reg.Apply(ev)
		} else {
			if state == nil {
				state = &entente.PactState{}
				lc.attested = ev.Signed == nil
			}
			err = state.Apply(ev)
		}
		if err != nil {
			return fmt.Errorf("ledger: log %s: %w", name, err)
		}
		if ev.Signed != nil {
			if req, err := entente.ParseRequest([]byte(ev.Signed.Request)); err == nil {
				lc.nonces[req.Nonce] = true
			}
		}
	}
	if reg != nil {
		s.setRegistry(reg)
	}
	if state != nil {
		s.pacts[entente.PactID(name)] = state
	}
	return nil
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

// env is the writer's environment for a command. Callers hold s.mu.
func (s *Service) env() entente.Env {
	return entente.Env{Now: s.now(), Actors: s.registry.Actor}
}

// append encodes events, appends them to log with a fresh signed head and,
// once the store has them, updates the writer's cache; the caller publishes
// it with the state the events lead to. Callers hold s.mu.
func (s *Service) append(ctx context.Context, log string, events []entente.Event, at time.Time) error {
	if len(events) == 0 {
		return nil
	}
	lc := s.logs[log]
	if lc == nil {
		lc = &logCache{tree: tlog.NewBuilder(), nonces: nonceSet{}, attested: events[0].Signed == nil}
	}
	from := int64(len(lc.leaves))
	entries := make([]logstore.Entry, len(events))
	for i, ev := range events {
		data, err := entente.EncodeEvent(ev)
		if err != nil {
			return entente.Errorf(entente.EINTERNAL, "encoding event: %v", err)
		}
		entries[i] = logstore.Entry{Index: from + int64(i), Data: data, LeafHash: tlog.LeafHash(data)}
		lc.tree.Append(entries[i].LeafHash)
	}
	head := s.signer.Sign(tlog.TreeHead{Log: log, Size: lc.tree.Size(), Root: lc.tree.Root(), Time: at.UTC()})
	if err := s.store.Append(ctx, log, from, entries, head); err != nil {
		lc.tree = rebuild(lc.leaves) // drop the leaves that were not stored
		return err
	}
	for _, e := range entries {
		lc.leaves = append(lc.leaves, e.LeafHash)
	}
	s.logs[log] = lc
	return nil
}

func rebuild(leaves []tlog.Hash) *tlog.Builder {
	b := tlog.NewBuilder()
	for _, l := range leaves {
		b.Append(l)
	}
	return b
}

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
// Submit returns. Other members writing to the same pact meanwhile do not
// invalidate it.
func (s *Service) Submit(ctx context.Context, sig *entente.Signed) (*Outcome, error) {
	if sig == nil {
		return nil, entente.FieldErrorf(entente.EINVALID, "request", "expected a signed request")
	}
	req, err := sig.Parse()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Another process (a CLI verb beside the server) may have written the
	// registry or this log: a request must run against what is stored.
	for _, log := range []string{entente.RegistryLog, req.Log} {
		if s.stale(ctx, log) {
			if err := s.reload(ctx, log); err != nil {
				return nil, err
			}
		}
	}
	var out *Outcome
	err = s.retryStale(ctx, req.Log, func() error {
		var err error
		if req.Log == entente.RegistryLog {
			out, err = s.submitRegistry(ctx, req, sig)
		} else {
			out, err = s.submitPact(ctx, req, sig)
		}
		return err
	})
	return out, err
}

// checkNonce refuses a request whose nonce its log already holds. Callers
// hold s.mu.
func (s *Service) checkNonce(req entente.Request) error {
	if lc := s.logs[req.Log]; lc != nil && lc.nonces[req.Nonce] {
		return entente.FieldErrorf(entente.ECONFLICT, "request.nonce", "a request with nonce %s was already recorded in log %s", req.Nonce, req.Log)
	}
	return nil
}

func (s *Service) remember(req entente.Request) {
	s.logs[req.Log].nonces[req.Nonce] = true
}

func (s *Service) submitRegistry(ctx context.Context, req entente.Request, sig *entente.Signed) (*Outcome, error) {
	if err := s.checkNonce(req); err != nil {
		return nil, err
	}
	if req.Command == "witness" {
		if err := s.checkWitness(req); err != nil {
			return nil, err
		}
	}
	now := notBefore(s.now(), s.registry.Updated)
	_, events, err := entente.RunSignedRegistry(s.registry, sig, now)
	if err != nil {
		return nil, err
	}
	if err := s.append(ctx, entente.RegistryLog, events, now); err != nil {
		return nil, err
	}
	err = s.applyRegistry(events)
	s.publish(entente.RegistryLog)
	if err != nil {
		return nil, err
	}
	s.remember(req)
	out := &Outcome{Log: req.Log, Events: events}
	if a := s.registry.Actor(req.Actor); a != nil {
		c := *a
		out.Actor = &c
	}
	return out, nil
}

func (s *Service) submitPact(ctx context.Context, req entente.Request, sig *entente.Signed) (*Outcome, error) {
	id := entente.PactID(req.Log)
	state := s.pacts[id]
	if state == nil && req.Command != "found" {
		return nil, entente.FieldErrorf(entente.ENOTFOUND, "request.log", "no pact %q", id)
	}
	if err := s.checkNonce(req); err != nil {
		return nil, err
	}
	now := s.now()
	if state != nil {
		now = notBefore(now, state.Updated)
	}
	_, next, events, err := entente.RunSigned(s.registry, s.registry.Len, state, sig, now)
	if err != nil {
		return nil, err
	}
	if err := s.append(ctx, req.Log, events, now); err != nil {
		return nil, err
	}
	s.pacts[id] = next
	s.publish(req.Log)
	s.remember(req)
	return &Outcome{Log: req.Log, Events: events, State: next}, nil
}

// RegisterActor records an actor that has no delegate keys, as the
// operator's record (a historical state, a simulated agent). An actor with
// a key changes its record only by its own signed request.
func (s *Service) RegisterActor(ctx context.Context, a entente.Actor) (*entente.Actor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.retryStale(ctx, entente.RegistryLog, func() error {
		now := notBefore(s.now(), s.registry.Updated)
		ev, err := s.registry.Record(a, now)
		if err != nil {
			return err
		}
		return s.appendRegistry(ctx, ev, now)
	})
	if err != nil {
		return nil, err
	}
	c := *s.registry.Actor(a.ID)
	return &c, nil
}

// Invite records an invitation issued by the operator, for an actor's
// first delegate key; token is its secret, of which only the hash is kept.
func (s *Service) Invite(ctx context.Context, actor entente.ActorID, token string, expires time.Time, registrar bool) (*entente.Invitation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var inv entente.Invitation
	err := s.retryStale(ctx, entente.RegistryLog, func() error {
		now := notBefore(s.now(), s.registry.Updated)
		ev, err := s.registry.Invite("", entente.Invitation{Actor: actor, TokenHash: entente.TokenHash(token), Expires: expires, Registrar: registrar}, now)
		if err != nil {
			return err
		}
		inv = ev.Data.(entente.InvitationIssued).Invitation
		return s.appendRegistry(ctx, ev, now)
	})
	return &inv, err
}

func (s *Service) appendRegistry(ctx context.Context, ev entente.Event, now time.Time) error {
	if err := s.append(ctx, entente.RegistryLog, []entente.Event{ev}, now); err != nil {
		return err
	}
	err := s.applyRegistry([]entente.Event{ev})
	s.publish(entente.RegistryLog)
	return err
}

// readRegistry takes the registry's read lock (and, for the benchmarks'
// baseline, the write mutex) and returns the registry and the unlock.
func (s *Service) readRegistry() (*entente.Registry, func()) {
	unlock := s.readLock()
	s.regMu.RLock()
	return s.registry, func() { s.regMu.RUnlock(); unlock() }
}

// Keys returns the live delegate keys of an actor: copies, as a key is
// changed in place when it is revoked.
func (s *Service) Keys(id entente.ActorID) []*entente.DelegateKey {
	reg, unlock := s.readRegistry()
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
	reg, unlock := s.readRegistry()
	defer unlock()
	return cloneRegistry(reg)
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
	reg, unlock := s.readRegistry()
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
	reg, unlock := s.readRegistry()
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
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := cmd.(entente.FoundPact); ok {
		id = f.Pact.ID
	} else if _, known := s.pacts[id]; !known {
		if !s.stale(ctx, string(id)) {
			return nil, nil, entente.FieldErrorf(entente.ENOTFOUND, "pact", "no pact %q", id)
		}
		if err := s.reload(ctx, string(id)); err != nil {
			return nil, nil, err
		}
	}
	var state *entente.PactState
	var events []entente.Event
	err := s.retryStale(ctx, string(id), func() error {
		if err := s.checkUnsigned(id, by, cmd); err != nil {
			return err
		}
		var err error
		state, events, err = s.execute(ctx, id, by, cmd)
		return err
	})
	return state, events, err
}

// checkUnsigned refuses an unsigned command where a signature is owed.
// Callers hold s.mu.
func (s *Service) checkUnsigned(id entente.PactID, by entente.ActorID, cmd entente.Command) error {
	if lc := s.logs[string(id)]; lc != nil && !lc.attested {
		return entente.FieldErrorf(entente.EFORBIDDEN, "signature", "pact %s is kept by its members' signatures: expected a signed request", id)
	}
	for _, who := range entente.RequiredSigners(s.pacts[id], by, cmd) {
		if s.registry.Keyed(who, s.registry.Len) {
			return entente.FieldErrorf(entente.EFORBIDDEN, "signature", "%s has delegate keys: expected its signed request", who)
		}
	}
	return nil
}

// retryStale runs f and, if it meets a conflict because another process
// (a CLI verb beside the server) appended to the log since it was loaded,
// reloads the log and runs f once more. Checking the store only on a
// conflict keeps the common path free of an extra read.
func (s *Service) retryStale(ctx context.Context, log string, f func() error) error {
	err := f()
	if entente.ErrorCode(err) != entente.ECONFLICT || !s.stale(ctx, log) {
		return err
	}
	if err := s.reload(ctx, log); err != nil {
		return err
	}
	return f()
}

// execute runs an unsigned command on the cached state and appends its
// events.
func (s *Service) execute(ctx context.Context, id entente.PactID, by entente.ActorID, cmd entente.Command) (*entente.PactState, []entente.Event, error) {
	env := s.env()
	if st := s.pacts[id]; st != nil {
		env.Now = notBefore(env.Now, st.Updated)
	}
	state, events, err := entente.Execute(s.pacts[id], by, cmd, env)
	if err != nil {
		return nil, nil, err
	}
	if err := s.append(ctx, string(id), events, env.Now); err != nil {
		return nil, nil, err
	}
	s.pacts[id] = state
	s.publish(string(id))
	return state, events, nil
}

// stale reports whether the store holds more of a log than the cache.
func (s *Service) stale(ctx context.Context, log string) bool {
	n, err := s.store.Len(ctx, log)
	cached := 0
	if lc := s.logs[log]; lc != nil {
		cached = len(lc.leaves)
	}
	return err == nil && n != int64(cached)
}

// reload folds a log afresh from the store (and the registry, whose actors
// the command may need), and publishes what it folded; a log that fails
// to load is withdrawn from readers as from the writer (a registry that
// fails keeps its last good fold, which load only replaces when whole).
// Callers hold s.mu.
func (s *Service) reload(ctx context.Context, log string) error {
	if log != entente.RegistryLog && s.stale(ctx, entente.RegistryLog) {
		if err := s.reload(ctx, entente.RegistryLog); err != nil {
			return err
		}
	}
	delete(s.logs, log)
	if log != entente.RegistryLog {
		delete(s.pacts, entente.PactID(log))
	}
	err := s.load(ctx, log)
	s.publish(log)
	return err
}

// Pact returns a pact's state. It is a shared value, never changed by
// later writes (they publish a new one): callers must not change it.
func (s *Service) Pact(id entente.PactID) (*entente.PactState, error) {
	defer s.readLock()()
	var st *entente.PactState
	if sn := s.snap(string(id)); sn != nil {
		st = sn.state
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
	s.snaps.Range(func(_, v any) bool {
		if st := v.(*logSnap).state; st != nil {
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

// Structure derives a pact's structure from its members and the actors'
// capabilities.
func (s *Service) Structure(id entente.PactID) (entente.Structure, error) {
	st, err := s.Pact(id)
	if err != nil {
		return entente.Structure{}, err
	}
	reg, unlock := s.readRegistry()
	defer unlock()
	return entente.DeriveStructure(st, reg.Actor), nil
}

// Tick records, for every pact, what time has brought about by now
// (deadlines, notice periods). The server calls it periodically.
func (s *Service) Tick(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	env := s.env()
	total := 0
	for _, id := range sortedPactIDs(s.pacts) {
		state, events, err := entente.Advance(s.pacts[id], env)
		if err != nil {
			return total, err
		}
		if err := s.append(ctx, string(id), events, env.Now); err != nil {
			return total, err
		}
		s.pacts[id] = state
		s.publish(string(id))
		total += len(events)
	}
	return total, nil
}

func sortedPactIDs(m map[entente.PactID]*entente.PactState) []entente.PactID {
	ids := make([]entente.PactID, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
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
	reg, unlock := s.readRegistry()
	defer unlock()
	if err := reg.CheckSignatures(sig, entente.Signers{Actors: []entente.ActorID{req.Actor}}, reg.Len); err != nil {
		return "", entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "%s", entente.ErrorMessage(err))
	}
	return req.Actor, nil
}

// checkWitness accepts a countersignature only of a head this server's log
// has: the root of its first Size entries. Callers hold s.mu.
func (s *Service) checkWitness(req entente.Request) error {
	v, err := entente.DecodeCommand(req.Command, req.Args)
	if err != nil {
		return err
	}
	w := v.(entente.WitnessHead)
	lc := s.logs[w.Log]
	if lc == nil || w.Size == 0 || w.Size > uint64(len(lc.leaves)) {
		return entente.FieldErrorf(entente.ENOTFOUND, "size", "log %q has no head of %d entries", w.Log, w.Size)
	}
	if root := tlog.Root(lc.leaves[:w.Size]).String(); root != w.Root {
		return entente.FieldErrorf(entente.ECONFLICT, "root", "log %s has root %s at %d entries, not %s", w.Log, root, w.Size, w.Root)
	}
	return nil
}

// Witnesses returns the heads of log that members countersigned, latest
// first.
func (s *Service) Witnesses(log string) []entente.Witness {
	reg, unlock := s.readRegistry()
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
// the same database) appended to it, or to the registry, the log is
// reloaded before the caller reads it. A read after Refresh is never older
// than the last write any process had acknowledged when Refresh began. It
// costs a length query per log when nothing changed.
func (s *Service) Refresh(ctx context.Context, log string) error {
	if !s.behind(ctx, log) && !s.behind(ctx, entente.RegistryLog) {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range []string{entente.RegistryLog, log} {
		if s.stale(ctx, l) {
			if err := s.reload(ctx, l); err != nil {
				return err
			}
		}
	}
	return nil
}

// behind reports, without the write lock, whether the store holds more of
// log than the readers' snapshot.
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
