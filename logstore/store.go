// Package logstore is the contract between Entente's ledger and the
// stores that keep its logs: append-only logs of entries (the canonical
// bytes of events and their RFC 6962 leaf hashes) with the signed tree head
// each append wrote. The adapters (sqlite, postgres) implement it and
// storetest holds them to it; the domain (package entente) knows nothing of
// storage or of the Merkle log.
package logstore

import (
	"context"

	"github.com/entente/entente/tlog"
)

// Entry is one stored log entry: the canonical bytes of an event and their
// RFC 6962 leaf hash, as written at append time.
type Entry struct {
	Index    int64     `json:"index"`
	Data     []byte    `json:"data"`
	LeafHash tlog.Hash `json:"leaf_hash"`
}

// Append is one append of a batch (see [Store.AppendBatch]): entries to
// add to Log, which must then hold exactly From entries, and Head, the
// signed tree head covering the log after them.
type Append struct {
	Log     string
	From    int64
	Entries []Entry
	Head    tlog.TreeHead
}

// Snapshot is a cache of what a reader derives from the first Size entries
// of a log (for the ledger, a pact's folded state), kept with the Merkle
// root of those entries so that the reader can tell whether it still
// describes the log: a snapshot whose Size exceeds the log, or whose Root
// is not the root of the log's first Size leaf hashes, is stale. Data is
// the reader's own encoding; the store keeps it byte for byte and never
// interprets it. A snapshot is never trusted over the log it caches: the
// log, with its signed heads, is the record; a snapshot only saves
// decoding it, and whoever can write the store can write a snapshot (see
// the ledger for who checks it, and when).
type Snapshot struct {
	Log  string    `json:"log"`
	Size int64     `json:"size"`
	Root tlog.Hash `json:"root"`
	Data []byte    `json:"data"`
}

// Store keeps append-only logs, one per pact plus the actor registry, with
// the signed tree head written by each append. Implementations must make
// Append atomic and durable: when it returns nil, the entries and the head
// survive a crash; when it fails, nothing of it is kept.
type Store interface {
	// Append adds entries to log, which must hold exactly from entries
	// (else an entente.ECONFLICT *entente.Error), together with head, the signed tree head
	// covering the log after the append.
	Append(ctx context.Context, log string, from int64, entries []Entry, head tlog.TreeHead) error
	// AppendBatch makes several appends, to one log or many, in one
	// atomic, durable transaction: the group commit of a server that
	// answers many clients at once. Each append is checked as Append
	// checks it, in order, counting the earlier appends of the batch;
	// results[i] is nil when appends[i] was written, or why it was refused
	// (EINVALID, ECONFLICT). A refused append does not stop the others,
	// but once an append to a log is refused, every later append in the
	// batch to the same log is refused too (ECONFLICT), since it was built
	// on the one refused. err is set when the transaction failed as a
	// whole (the database is unavailable, ctx is done): then results is
	// nil and nothing of the batch is kept, as for a failed Append. When
	// err is nil, every append whose result is nil is durable.
	AppendBatch(ctx context.Context, appends []Append) (results []error, err error)
	// Entries returns entries [from, to) of log; to < 0 means to the end.
	Entries(ctx context.Context, log string, from, to int64) ([]Entry, error)
	// Len returns the number of entries in log (0 for an unknown log).
	Len(ctx context.Context, log string) (int64, error)
	// Logs returns the names of all logs, sorted.
	Logs(ctx context.Context) ([]string, error)
	// Heads returns every signed tree head of log, oldest first.
	Heads(ctx context.Context, log string) ([]tlog.TreeHead, error)
	// LatestHead returns the signed tree head of log with the largest
	// Size, the one its last append wrote; ok is false when log has no
	// head (an unknown log). It reads one head, whatever the log's length.
	LatestHead(ctx context.Context, log string) (head tlog.TreeHead, ok bool, err error)
	// HeadsFrom returns the signed tree heads of log whose Size is at
	// least size, oldest first: what a reader that trusts a snapshot of
	// the first size entries still has to check.
	HeadsFrom(ctx context.Context, log string, size int64) ([]tlog.TreeHead, error)
	// PutSnapshot stores snap as its log's snapshot, replacing any
	// earlier one, whatever its size. A snapshot with an empty Log or a
	// Size below 1 is EINVALID. The store does not check it against the
	// log: see [Snapshot]. When two servers write one log's snapshot at
	// once, a store may keep the other's and answer ECONFLICT: the log
	// then has one snapshot, whole (SQLite does, for snapshots written
	// in parts).
	PutSnapshot(ctx context.Context, snap Snapshot) error
	// Snapshot returns log's snapshot; ok is false when it has none.
	Snapshot(ctx context.Context, log string) (snap Snapshot, ok bool, err error)
	// DeleteSnapshot removes log's snapshot; removing none is no error.
	DeleteSnapshot(ctx context.Context, log string) error
	// Close releases the store.
	Close() error
}
