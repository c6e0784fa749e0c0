package backend

import (
	"context"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
	"github.com/entente/entente/wire"
)

// Source is where the command line reads pacts and logs: the store
// (StoreSource) or a running server (ServerSource). Both answer in the
// same types, so that a verb prints the same from either and checks its
// input once.
type Source interface {
	Actors(ctx context.Context) ([]*entente.Actor, error)
	Actor(ctx context.Context, id entente.ActorID) (*entente.Actor, error)
	Pacts(ctx context.Context) ([]wire.PactSummary, error)
	Pact(ctx context.Context, id entente.PactID) (*entente.PactState, entente.Structure, error)
	Size(ctx context.Context, log string) (int64, error)
	Head(ctx context.Context, log string) (tlog.TreeHead, error)
	Key(ctx context.Context) (tlog.Verifier, error)
	// Entries are [from, to); an entry the reader may not read has no data.
	Entries(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error)
}

// StoreSource reads the store through the ledger, as its operator.
type StoreSource struct{ *Ledger }

// Actors lists every registered actor, by ID, as the server lists them.
func (s StoreSource) Actors(context.Context) ([]*entente.Actor, error) {
	return s.Service.Actors(), nil
}

// Actor is one registered actor.
func (s StoreSource) Actor(_ context.Context, id entente.ActorID) (*entente.Actor, error) {
	return s.Service.Actor(id)
}

// Pacts summarises every pact, as the server lists them.
func (s StoreSource) Pacts(context.Context) ([]wire.PactSummary, error) {
	var out []wire.PactSummary
	for _, st := range s.Service.Pacts() {
		out = append(out, wire.SummaryOf(st.Entry()))
	}
	return out, nil
}

// Pact is a pact's state and its derived structure (none when it has no
// derivable one, as the server answers).
func (s StoreSource) Pact(_ context.Context, id entente.PactID) (*entente.PactState, entente.Structure, error) {
	st, err := s.Service.Pact(id)
	if err != nil {
		return nil, entente.Structure{}, err
	}
	structure, _ := s.Structure(id)
	return st, structure, nil
}

// Size is the number of entries in log.
func (s StoreSource) Size(_ context.Context, log string) (int64, error) { return s.Len(log) }

// Key is the key the store's tree heads are signed under.
func (s StoreSource) Key(context.Context) (tlog.Verifier, error) { return s.Verifier(), nil }

// ServerSource reads a running server through its API, as the reader its
// read token names (or anyone, without one).
type ServerSource struct{ *client.Client }

// Size is the log's size as the server lists it.
func (s ServerSource) Size(ctx context.Context, log string) (int64, error) {
	sizes, err := s.Logs(ctx)
	if err != nil {
		return 0, err
	}
	size, ok := sizes[log]
	if !ok {
		return 0, entente.FieldErrorf(entente.ENOTFOUND, "log", "the server has no log %q", log)
	}
	return size, nil
}

// Entries are the entries [from, to) of log, numbered from from.
func (s ServerSource) Entries(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error) {
	sourced, err := s.Client.Entries(ctx, log, from, to)
	out := make([]logstore.Entry, len(sourced))
	for i, e := range sourced {
		out[i] = logstore.Entry{Index: from + int64(i), Data: e.Data, LeafHash: e.Leaf}
	}
	return out, err
}
