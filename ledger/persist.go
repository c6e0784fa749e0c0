package ledger

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// Snapshots on disk. Opening a store used to decode, check and replay
// every entry of every log; for a pact of a million events that is minutes.
// So the service stores, beside each pact's log, a snapshot (see
// [logstore.Snapshot]) of what it derives from the log's first entries: the
// pact's folded state, the nonces of the requests it holds, whether it is
// the operator's record, and the largest registry length stamped in it,
// with the number of entries and their Merkle root.
//
// At open, a pact's log is loaded from its snapshot when the snapshot
// matches the log: its size is at most the log's and its root is the root
// of the log's first Size leaf hashes as stored. Only the leaf hashes of
// the covered entries are read (no event is decoded); the signed heads
// from the snapshot's size on are checked, and the newer entries are
// checked, decoded and replayed on top of the snapshot's state, as the
// self-check replays every entry without one. A snapshot that is absent,
// does not decode or does not match is stale: the log is loaded the long
// way, and a fresh snapshot is written.
//
// Open trusts a matching snapshot, as Git trusts its index: it is a cache
// the server wrote after checking the log it caches, and checking it again
// at every open would cost what it saves. Whoever can write the database
// can forge one (a state that is not the fold of its entries, with the
// right size and root); so can whoever holds the server's key forge a
// head, which is why neither is trusted by anyone but the server itself:
// `entente verify` folds every log afresh and names every snapshot that
// differs from the fold (see Verify), members' monitors check the heads,
// and deleting a snapshot (or the whole table) only makes the next open
// slower. The registry's log is always replayed whole: it is small, and
// its state is not a value with a stable encoding.
//
// The server writes a snapshot when a log has grown by Options.SnapshotEvery
// entries and by a sixteenth of its length since its last one, so that
// keeping snapshots costs O(1) per entry however long a log grows, and an
// open replays at most about a sixteenth of a log.

// DefaultSnapshotEvery is the growth, in entries, after which a pact's
// log gets a new snapshot unless Options.SnapshotEvery says otherwise.
const DefaultSnapshotEvery = 1000

// snapshotVersion is the version of diskSnapshot's encoding; a snapshot of
// another version is stale.
const snapshotVersion = 1

// diskSnapshot is what a pact's snapshot holds (logstore.Snapshot.Data).
type diskSnapshot struct {
	Version  int                `json:"version"`
	State    *entente.PactState `json:"state"`
	Nonces   []string           `json:"nonces"`
	Attested bool               `json:"attested"`
	Registry int64              `json:"registry"`
}

// encodeSnapshot encodes what a pact's log leads to, nonces sorted, so
// that the same fold always encodes to the same bytes.
func encodeSnapshot(state *entente.PactState, nonces []string, attested bool, registry int64) ([]byte, error) {
	slices.Sort(nonces)
	if nonces == nil {
		nonces = []string{}
	}
	return json.Marshal(diskSnapshot{Version: snapshotVersion, State: state, Nonces: nonces, Attested: attested, Registry: registry})
}

// decodeSnapshot decodes a pact's snapshot, refusing one of another
// version, one for another pact, or one without a state.
func decodeSnapshot(log string, data []byte) (*diskSnapshot, error) {
	var d diskSnapshot
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	switch {
	case d.Version != snapshotVersion:
		return nil, fmt.Errorf("version %d, want %d", d.Version, snapshotVersion)
	case d.State == nil:
		return nil, errors.New("no state")
	case string(d.State.Pact.ID) != log:
		return nil, fmt.Errorf("state of pact %q", d.State.Pact.ID)
	}
	return &d, nil
}

// nonceList returns the nonces of a set, unsorted.
func nonceList(n nonceSet) []string {
	out := make([]string, 0, len(n))
	for k := range n {
		out = append(out, k)
	}
	return out
}

// snapshotEvery returns the growth after which a log gets a new
// snapshot, or 0 for never.
func (s *Service) snapshotEvery() int {
	switch {
	case s.opts.SnapshotEvery < 0:
		return 0
	case s.opts.SnapshotEvery == 0:
		return DefaultSnapshotEvery
	}
	return s.opts.SnapshotEvery
}

// snapshotJob is a snapshot taken under a log's lock, to be encoded and
// written without it.
type snapshotJob struct {
	log      string
	size     int
	root     tlog.Hash
	state    *entente.PactState
	nonces   []string
	attested bool
	registry int64
}

// dueSnapshot returns a snapshot of w's committed state if one is due
// (see above), or replaces a stale one whatever the log's size, or nil, and counts it as written. Callers hold w.mu.
func (s *Service) dueSnapshot(w *logWriter) *snapshotJob {
	every := s.snapshotEvery()
	if every == 0 || w.name == entente.RegistryLog || w.state == nil || w.broken != nil {
		return nil
	}
	if grown := w.n - w.snapSize; !w.snapStale && (grown < every || grown < w.n/16) {
		return nil
	}
	w.snapSize, w.snapStale = w.n, false
	return &snapshotJob{log: w.name, size: w.n, root: w.ctree.Root(), state: w.state,
		nonces: nonceList(w.nonces), attested: w.attested, registry: w.stamp}
}

// save encodes and stores a snapshot. It is a cache: a failure to write
// one costs the next open time, never a write or a read, so it is not
// reported.
func (s *Service) save(ctx context.Context, job *snapshotJob) {
	if job == nil {
		return
	}
	data, err := encodeSnapshot(job.state, job.nonces, job.attested, job.registry)
	if err != nil {
		return
	}
	s.store.PutSnapshot(context.WithoutCancel(ctx), logstore.Snapshot{Log: job.log, Size: int64(job.size), Root: job.root, Data: data})
}

// loadSnapshot loads w's log from its snapshot and the entries after it,
// if the log has a snapshot that matches it (see above), and reports
// whether it did. When it did not, w is unchanged and the caller loads the
// log the long way; err is set only when the store could not be read.
// Callers hold w.mu and, after Open, s.commitMu.
func (s *Service) loadSnapshot(ctx context.Context, w *logWriter) (bool, error) {
	name := w.name
	if name == entente.RegistryLog || s.snapshotEvery() == 0 {
		return false, nil
	}
	snap, ok, err := s.store.Snapshot(ctx, name)
	if err != nil {
		return false, fmt.Errorf("ledger: reading the snapshot of log %s: %w", name, err)
	}
	if !ok {
		return false, nil
	}
	w.snapStale = true // until it is found to match
	d, err := decodeSnapshot(name, snap.Data)
	if err != nil || d.State.Len != snap.Size {
		return false, nil
	}
	leaves, err := s.store.Leaves(ctx, name, 0, -1)
	if err != nil {
		return false, fmt.Errorf("ledger: reading log %s: %w", name, err)
	}
	size := int(snap.Size)
	if size > len(leaves) {
		return false, nil
	}
	var heads []tlog.TreeHead
	if !s.opts.Trust {
		if heads, err = s.store.HeadsFrom(ctx, name, snap.Size); err != nil {
			return false, fmt.Errorf("ledger: reading heads of %s: %w", name, err)
		}
	}
	tree, ok := s.checkFromSnapshot(name, leaves, size, snap.Root, heads)
	if !ok {
		return false, nil
	}
	r := &pactReplay{state: d.State, nonces: nonceSet{}, attested: d.Attested, registry: d.Registry}
	for _, n := range d.Nonces {
		r.nonces[n] = true
	}
	if size < len(leaves) {
		// Replayed as the self-check replays; any failure is left to the
		// long way, which names the entry.
		entries, err := s.store.Entries(ctx, name, int64(size), int64(len(leaves)))
		if err != nil {
			return false, fmt.Errorf("ledger: reading log %s: %w", name, err)
		}
		if len(entries) != len(leaves)-size {
			return false, nil
		}
		data := make([][]byte, len(entries))
		for i, e := range entries {
			if e.Index != int64(size+i) || e.LeafHash != leaves[size+i] || tlog.LeafHash(e.Data) != e.LeafHash {
				return false, nil
			}
			data[i] = e.Data
		}
		events, err := decodeFrom(data, int64(size))
		if err != nil {
			return false, nil
		}
		r.data = data // r.state was decoded for this load alone: replay may apply to it in place
		if s.opts.Trust {
			err = foldOnto(r, events)
		} else {
			reg, unlock := s.readRegistry()
			err = r.run(name, events, reg)
			unlock()
		}
		if err != nil {
			return false, nil
		}
	}
	w.fallBack()
	w.broken = nil
	w.n, w.leaves, w.ctree, w.tree = len(leaves), leaves, tree, tree.Clone()
	w.state, w.tipState = r.state, r.state
	w.nonces, w.attested, w.stamp = r.nonces, r.attested, r.registry
	w.snapSize, w.snapStale = size, false
	return true, nil
}

// checkFromSnapshot builds the tree of leaves and checks that its first
// size leaves have root and that heads (those of at least size entries,
// unless the store is trusted) are signed heads of this log with the roots
// of the leaves they cover, the last covering them all. It returns the
// tree, and false when anything does not match.
func (s *Service) checkFromSnapshot(name string, leaves []tlog.Hash, size int, root tlog.Hash, heads []tlog.TreeHead) (*tlog.Builder, bool) {
	v := s.signer.Public()
	if !s.opts.Trust {
		if len(heads) == 0 || heads[len(heads)-1].Size != uint64(len(leaves)) {
			return nil, false
		}
		for i, h := range heads {
			if h.Log != name || h.Size > uint64(len(leaves)) || (i > 0 && h.Size <= heads[i-1].Size) || v.Verify(h) != nil {
				return nil, false
			}
		}
	}
	tree := tlog.NewBuilder()
	for i, l := range leaves {
		tree.Append(l)
		n := uint64(i + 1)
		if n == uint64(size) && tree.Root() != root {
			return nil, false
		}
		for len(heads) > 0 && heads[0].Size == n {
			if tree.Root() != heads[0].Root {
				return nil, false
			}
			heads = heads[1:]
		}
	}
	return tree, true
}

// foldOnto folds a trusted log's newer events onto r, as fold does from
// the start.
func foldOnto(r *pactReplay, events []entente.Event) error {
	for _, ev := range events {
		if err := r.state.Apply(ev); err != nil {
			return err
		}
		if ev.Signed != nil {
			r.registry = max(r.registry, ev.Signed.Registry)
			if req, err := entente.ParseRequest([]byte(ev.Signed.Request)); err == nil {
				r.nonces[req.Nonce] = true
			}
		}
	}
	return nil
}

// checkSnapshot compares a log's stored snapshot with what a fresh fold of
// the log yields at the snapshot's size: leaves are the log's leaf
// hashes, at the fold's state after each command (see pactReplay.mark).
// It returns "" when the snapshot matches, else what differs.
func snapshotProblem(snap logstore.Snapshot, leaves []tlog.Hash, fresh []byte) string {
	if snap.Size > int64(len(leaves)) {
		return fmt.Sprintf("snapshot of %d entries, but the log holds %d", snap.Size, len(leaves))
	}
	if root := tlog.Root(leaves[:snap.Size]); root != snap.Root {
		return fmt.Sprintf("snapshot of %d entries has root %s, but the log's first %d entries have root %s", snap.Size, snap.Root, snap.Size, root)
	}
	if fresh == nil {
		return fmt.Sprintf("snapshot of %d entries ends inside a command's entries", snap.Size)
	}
	d, err := decodeSnapshot(snap.Log, snap.Data)
	if err != nil {
		return fmt.Sprintf("snapshot of %d entries does not decode: %v", snap.Size, err)
	}
	f, err := decodeSnapshot(snap.Log, fresh)
	if err != nil {
		return fmt.Sprintf("snapshot of %d entries: the fresh fold does not encode: %v", snap.Size, err)
	}
	var parts []string
	a, _ := json.Marshal(d.State)
	b, _ := json.Marshal(f.State)
	if !bytes.Equal(a, b) {
		parts = append(parts, "the pact's state")
	}
	if !slices.Equal(d.Nonces, f.Nonces) {
		parts = append(parts, "the requests' nonces")
	}
	if d.Attested != f.Attested {
		parts = append(parts, "whether the pact is the operator's record")
	}
	if d.Registry != f.Registry {
		parts = append(parts, "the registry length stamped")
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("snapshot of %d entries differs from a fresh fold of the log in %s", snap.Size, joinAnd(parts))
}

// joinAnd joins words as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	out := ""
	for i, w := range words[:len(words)-1] {
		if i > 0 {
			out += ", "
		}
		out += w
	}
	return out + " and " + words[len(words)-1]
}
