package main

import (
	"context"

	"github.com/entente/entente/internal/backend"
)

// source opens what the verb reads: the server at --server, with a read
// token when --key is set, or else the store at --db.
func (m *Main) source(ctx context.Context, c *common, r *remoteRead) (backend.Source, error) {
	if r.Server != "" {
		api, err := r.client()
		return backend.ServerSource{Client: api}, err
	}
	l, err := m.open(ctx, c.db, false)
	return backend.StoreSource{Ledger: l}, err
}
