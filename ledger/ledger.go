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
package ledger

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// Service runs commands against pacts and keeps their logs.
type Service struct {
	store  entente.Store
	signer tlog.Signer
	now    func() time.Time

	mu       sync.Mutex
	registry *entente.Registry
	logs     map[string]*logCache
	pacts    map[entente.PactID]*entente.PactState
}

// logCache holds what the service knows of one log: its leaf hashes (for
// proofs) and a builder for its root.
type logCache struct {
	leaves []tlog.Hash
	tree   *tlog.Builder
}

// Open loads every log of store, folding each, and returns a service that
// signs new tree heads with signer and reads the time from now.
func Open(ctx context.Context, store entente.Store, signer tlog.Signer, now func() time.Time) (*Service, error) {
	s := &Service{store: store, signer: signer, now: now, registry: entente.NewRegistry(),
		logs: map[string]*logCache{}, pacts: map[entente.PactID]*entente.PactState{}}
	names, err := store.Logs(ctx)
	if err != nil {
		return nil, fmt.Errorf("ledger: listing logs: %w", err)
	}
	for _, name := range names {
		if err := s.load(ctx, name); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Service) load(ctx context.Context, name string) error {
	entries, err := s.store.Entries(ctx, name, 0, -1)
	if err != nil {
		return fmt.Errorf("ledger: reading log %s: %w", name, err)
	}
	lc := &logCache{tree: tlog.NewBuilder()}
	var state *entente.PactState
	for _, e := range entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			return fmt.Errorf("ledger: log %s entry %d: %w", name, e.Index, err)
		}
		if name == entente.RegistryLog {
			err = s.registry.Apply(ev)
		} else {
			if state == nil {
				state = &entente.PactState{}
			}
			err = state.Apply(ev)
		}
		if err != nil {
			return fmt.Errorf("ledger: log %s: %w", name, err)
		}
		lc.leaves = append(lc.leaves, e.LeafHash)
		lc.tree.Append(e.LeafHash)
	}
	s.logs[name] = lc
	if state != nil {
		s.pacts[entente.PactID(name)] = state
	}
	return nil
}

// Now returns the service's current time.
func (s *Service) Now() time.Time { return s.now() }

// Verifier returns the public key that checks this service's tree heads.
func (s *Service) Verifier() tlog.Verifier { return s.signer.Public() }

func (s *Service) env() entente.Env {
	return entente.Env{Now: s.now(), Actors: s.registry.Actor}
}

// append encodes events, appends them to log with a fresh signed head and,
// once the store has them, updates the cache. Callers hold s.mu.
func (s *Service) append(ctx context.Context, log string, events []entente.Event, at time.Time) error {
	if len(events) == 0 {
		return nil
	}
	lc := s.logs[log]
	if lc == nil {
		lc = &logCache{tree: tlog.NewBuilder()}
	}
	from := int64(len(lc.leaves))
	entries := make([]entente.Entry, len(events))
	for i, ev := range events {
		data, err := entente.EncodeEvent(ev)
		if err != nil {
			return entente.Errorf(entente.EINTERNAL, "encoding event: %v", err)
		}
		entries[i] = entente.Entry{Index: from + int64(i), Data: data, LeafHash: tlog.LeafHash(data)}
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

// RegisterActor records an actor, or a new version of a known one.
func (s *Service) RegisterActor(ctx context.Context, a entente.Actor) (*entente.Actor, error) {
	return s.RegisterActorSigned(ctx, a, nil)
}

// RegisterActorSigned records an actor; a new version of an actor that has
// a key must be signed with that key (so no one else can change it or
// take its identity).
func (s *Service) RegisterActorSigned(ctx context.Context, a entente.Actor, sub *entente.Submission) (*entente.Actor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.retryStale(ctx, entente.RegistryLog, func() error { return s.register(ctx, a, sub) })
	if err != nil {
		return nil, err
	}
	return s.registry.Actor(a.ID), nil
}

// register checks and appends one actor record. Callers hold s.mu.
func (s *Service) register(ctx context.Context, a entente.Actor, sub *entente.Submission) error {
	if err := s.checkSigned(entente.RegistryLog, a.ID, sub); err != nil {
		return err
	}
	now := s.now()
	ev, err := s.registry.Register(a, now)
	if err != nil {
		return err
	}
	if s.registry.Actor(a.ID) != nil {
		ev.By = a.ID
		ev.Signed = sub
	}
	if err := s.append(ctx, entente.RegistryLog, []entente.Event{ev}, now); err != nil {
		return err
	}
	if err := s.registry.Apply(ev); err != nil {
		return entente.Errorf(entente.EINTERNAL, "registry: %v", err)
	}
	return nil
}

// Actor returns a registered actor.
func (s *Service) Actor(id entente.ActorID) (*entente.Actor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.registry.Actor(id)
	if a == nil {
		return nil, entente.FieldErrorf(entente.ENOTFOUND, "actor", "no actor %q", id)
	}
	c := *a
	return &c, nil
}

// Actors returns every registered actor, sorted by ID.
func (s *Service) Actors() []*entente.Actor {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.registry.List()
}

// Do runs cmd on pact id as actor by, at the service's current time. The
// events it yields (with those that time brought about first) are appended
// durably before Do returns them with the new state. A command that fails
// appends nothing.
func (s *Service) Do(ctx context.Context, id entente.PactID, by entente.ActorID, cmd entente.Command) (*entente.PactState, []entente.Event, error) {
	return s.DoSigned(ctx, id, by, cmd, nil)
}

// DoSigned is Do for a request that may carry the member's signature. An
// actor with a public key must sign: the submission must verify under that
// key and have been signed for the log's current length (so it cannot be
// replayed); it is then kept in the log with the request's first event.
// Requests of actors without a key need no signature.
func (s *Service) DoSigned(ctx context.Context, id entente.PactID, by entente.ActorID, cmd entente.Command, sub *entente.Submission) (*entente.PactState, []entente.Event, error) {
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
		if err := s.checkSigned(string(id), by, sub); err != nil {
			return err
		}
		var err error
		state, events, err = s.execute(ctx, id, by, cmd, sub)
		return err
	})
	return state, events, err
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

// checkSigned enforces signatures for actors that have a key. Callers
// hold s.mu.
func (s *Service) checkSigned(log string, by entente.ActorID, sub *entente.Submission) error {
	a := s.registry.Actor(by)
	if a == nil || a.PublicKey == "" {
		return nil
	}
	if sub == nil {
		return entente.FieldErrorf(entente.EFORBIDDEN, "signature", "%s signs its requests: expected an Entente-Signature", by)
	}
	if sub.PublicKey == "" {
		sub.PublicKey = a.PublicKey // the key the request must verify under
	}
	if sub.PublicKey != a.PublicKey {
		return entente.FieldErrorf(entente.EFORBIDDEN, "signature", "the request is not signed with %s's key", by)
	}
	if err := sub.Verify(); err != nil {
		return entente.FieldErrorf(entente.EFORBIDDEN, "signature", "%v", err)
	}
	n := 0
	if lc := s.logs[log]; lc != nil {
		n = len(lc.leaves)
	}
	if sub.Size != int64(n) {
		return entente.FieldErrorf(entente.ECONFLICT, "log_size", "the request was signed for a log of %d entries; it holds %d", sub.Size, n)
	}
	return nil
}

// execute runs a command on the cached state and appends its events.
func (s *Service) execute(ctx context.Context, id entente.PactID, by entente.ActorID, cmd entente.Command, sub *entente.Submission) (*entente.PactState, []entente.Event, error) {
	env := s.env()
	state, events, err := entente.Execute(s.pacts[id], by, cmd, env)
	if err != nil {
		return nil, nil, err
	}
	attach(events, by, sub)
	if err := s.append(ctx, string(id), events, env.Now); err != nil {
		return nil, nil, err
	}
	s.pacts[id] = state
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
// the command may need).
func (s *Service) reload(ctx context.Context, log string) error {
	if log != entente.RegistryLog && s.stale(ctx, entente.RegistryLog) {
		if err := s.reload(ctx, entente.RegistryLog); err != nil {
			return err
		}
	}
	delete(s.logs, log)
	if log == entente.RegistryLog {
		s.registry = entente.NewRegistry()
	} else {
		delete(s.pacts, entente.PactID(log))
	}
	return s.load(ctx, log)
}

// Pact returns a pact's state. It is a shared value: callers must not
// change it.
func (s *Service) Pact(id entente.PactID) (*entente.PactState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.pacts[id]
	if st == nil {
		return nil, entente.FieldErrorf(entente.ENOTFOUND, "pact", "no pact %q", id)
	}
	return st, nil
}

// Pacts returns every pact's state, sorted by ID.
func (s *Service) Pacts() []*entente.PactState {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*entente.PactState, 0, len(s.pacts))
	for _, st := range s.pacts {
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pact.ID < out[j].Pact.ID })
	return out
}

// Structure derives a pact's structure from its members and the actors'
// capabilities.
func (s *Service) Structure(id entente.PactID) (entente.Structure, error) {
	st, err := s.Pact(id)
	if err != nil {
		return entente.Structure{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return entente.DeriveStructure(st, s.registry.Actor), nil
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

// attach keeps a signed request with the first event the member caused.
func attach(events []entente.Event, by entente.ActorID, sub *entente.Submission) {
	if sub == nil {
		return
	}
	for i := range events {
		if events[i].By == by {
			events[i].Signed = sub
			return
		}
	}
}
