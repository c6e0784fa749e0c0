package main

import (
	"context"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
	"github.com/entente/entente/wire"
)

// source is where 'pact' and 'log' read: the store (storeSource) or a
// running server (serverSource). Both answer in the same types, so that
// a verb prints the same from either and checks its input once.
type source interface {
	Pacts(ctx context.Context) ([]wire.PactSummary, error)
	Pact(ctx context.Context, id entente.PactID) (*entente.PactState, entente.Structure, error)
	Size(ctx context.Context, log string) (int64, error)
	Head(ctx context.Context, log string) (tlog.TreeHead, error)
	Key(ctx context.Context) (tlog.Verifier, error)
	// Entries are [from, to); an entry the reader may not read has no data.
	Entries(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error)
}

// source opens what the verb reads: the server at --server, with a read
// token when --key is set, or else the store at --db.
func (m *Main) source(ctx context.Context, c *common, r *remoteRead) (source, error) {
	if r.server != "" {
		api, err := r.client()
		return serverSource{api}, err
	}
	l, err := m.open(ctx, c.db, false)
	return storeSource{l}, err
}

// storeSource reads the store through the ledger, as its operator.
type storeSource struct{ *backend.Ledger }

func (s storeSource) Pacts(context.Context) ([]wire.PactSummary, error) {
	var out []wire.PactSummary
	for _, st := range s.Service.Pacts() {
		out = append(out, wire.SummaryOf(st.Entry()))
	}
	return out, nil
}

func (s storeSource) Pact(_ context.Context, id entente.PactID) (*entente.PactState, entente.Structure, error) {
	st, err := s.Service.Pact(id)
	if err != nil {
		return nil, entente.Structure{}, err
	}
	structure, _ := s.Structure(id) // a pact without a derivable structure shows none
	return st, structure, nil
}

func (s storeSource) Size(_ context.Context, log string) (int64, error) { return s.Len(log) }

func (s storeSource) Key(context.Context) (tlog.Verifier, error) { return s.Verifier(), nil }

// serverSource reads a running server through its API, as the reader its
// read token names (or anyone, without one).
type serverSource struct{ *client.Client }

// Size is the log's size as the server lists it.
func (s serverSource) Size(ctx context.Context, log string) (int64, error) {
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

func (s serverSource) Entries(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error) {
	sourced, err := s.Client.Entries(ctx, log, from, to)
	out := make([]logstore.Entry, len(sourced))
	for i, e := range sourced {
		out[i] = logstore.Entry{Index: from + int64(i), Data: e.Data, LeafHash: e.Leaf}
	}
	return out, err
}
