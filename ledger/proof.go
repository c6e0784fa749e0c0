package ledger

import (
	"context"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// Logs returns the names of all logs.
func (s *Service) Logs(ctx context.Context) ([]string, error) { return s.store.Logs(ctx) }

// leaves returns the leaf hashes of log that the last write published, or
// nil and false for a log the service does not hold. The slice is shared
// and never changed: callers must not change it.
func (s *Service) leaves(log string) ([]tlog.Hash, bool) {
	defer s.readLock()()
	sn := s.snap(log)
	if sn == nil {
		return nil, false
	}
	return sn.leaves, true
}

// tilesOf returns the tiles of log's leaf hashes (see tlog.Tiles), kept
// so that its proofs and roots cost O(log n) nodes of at most 2^8 hashes
// each rather than a hash of every leaf under them: at a million leaves
// a bare proof took about 150 ms of hashing, which any reader could ask
// for again and again. They follow the published leaves: a log loaded
// again publishes a new array, from which they start again.
func (s *Service) tilesOf(log string) *tlog.Tiles {
	if t, ok := s.tiles.Load(log); ok {
		return t.(*tlog.Tiles)
	}
	t, _ := s.tiles.LoadOrStore(log, new(tlog.Tiles))
	return t.(*tlog.Tiles)
}

// Len returns the number of entries in a log.
func (s *Service) Len(log string) (int64, error) {
	leaves, ok := s.leaves(log)
	if !ok {
		return 0, entente.FieldErrorf(entente.ENOTFOUND, "log", "no log %q", log)
	}
	return int64(len(leaves)), nil
}

// Entries returns entries [from, to) of a log; to < 0 means to the end.
func (s *Service) Entries(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error) {
	n, err := s.Len(log)
	if err != nil {
		return nil, err
	}
	if to < 0 || to > n {
		to = n
	}
	if from < 0 || from > to {
		return nil, entente.FieldErrorf(entente.EINVALID, "from", "expected 0 to %d, got %d", to, from)
	}
	return s.store.Entries(ctx, log, from, to)
}

// Head returns the latest signed tree head of a log.
func (s *Service) Head(ctx context.Context, log string) (tlog.TreeHead, error) {
	if _, err := s.Len(log); err != nil {
		return tlog.TreeHead{}, err
	}
	head, ok, err := s.store.LatestHead(ctx, log)
	if err != nil {
		return tlog.TreeHead{}, err
	}
	if !ok {
		return tlog.TreeHead{}, entente.FieldErrorf(entente.ENOTFOUND, "log", "log %q has no signed tree head", log)
	}
	return head, nil
}

// InclusionProof proves that entry index is in the tree of the given size.
func (s *Service) InclusionProof(log string, index, size uint64) ([]tlog.Hash, error) {
	leaves, ok := s.leaves(log)
	if !ok {
		return nil, entente.FieldErrorf(entente.ENOTFOUND, "log", "no log %q", log)
	}
	if size == 0 || size > uint64(len(leaves)) {
		return nil, entente.FieldErrorf(entente.EINVALID, "size", "expected 1 to %d, got %d", len(leaves), size)
	}
	if index >= size {
		return nil, entente.FieldErrorf(entente.EINVALID, "index", "expected below the size %d, got %d", size, index)
	}
	return s.tilesOf(log).InclusionProof(leaves, index, size)
}

// ConsistencyProof proves that the tree of size1 is a prefix of the tree of
// size2.
func (s *Service) ConsistencyProof(log string, size1, size2 uint64) ([]tlog.Hash, error) {
	leaves, ok := s.leaves(log)
	if !ok {
		return nil, entente.FieldErrorf(entente.ENOTFOUND, "log", "no log %q", log)
	}
	if size2 > uint64(len(leaves)) {
		return nil, entente.FieldErrorf(entente.EINVALID, "to", "expected at most %d, got %d", len(leaves), size2)
	}
	if size1 > size2 {
		return nil, entente.FieldErrorf(entente.EINVALID, "from", "expected at most %d, got %d", size2, size1)
	}
	return s.tilesOf(log).ConsistencyProof(leaves, size1, size2)
}

// Root returns the root of the first size entries of a log.
func (s *Service) Root(log string, size uint64) (tlog.Hash, error) {
	leaves, ok := s.leaves(log)
	if !ok || size > uint64(len(leaves)) {
		return tlog.Hash{}, entente.FieldErrorf(entente.EINVALID, "size", "no tree of size %d in log %q", size, log)
	}
	return s.tilesOf(log).Root(leaves[:size]), nil
}
