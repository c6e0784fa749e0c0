package ledger

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// The registry log's snapshot. The registry is replayed before every
// pact's log (each pact's requests are checked against it), so an open
// of a store with many actors paid for the whole registry log first: at
// 10,000 actors, most of a second of CPU with every head's signature
// checked. Its snapshot is framed as a pact's (snapshotMagic3, the leaves
// and their compact range, the CRC-32C) with the format byte
// snapshotFormatRegistry and a registrySnapshot as body, and matched,
// loaded, rebuilt and checked by verify as a pact's is (see persist.go).
//
// One difference: the registry is changed in place (a key is revoked,
// an invitation redeemed), where a pact's committed state is an immutable
// value, so the committer takes a copy of it, an entente.RegistryImage,
// under the registry's lock when a snapshot falls due. That costs O(n) in
// the registry's size, once every max(Options.SnapshotEvery, n/16)
// entries: O(1) per entry, as the encoding is.

// registrySnapshot is the body of the registry log's snapshot.
type registrySnapshot struct {
	Registry *entente.RegistryImage
	// Nonces are the nonces of the requests the registry log holds,
	// sorted.
	Nonces []string
}

// encodeRegistrySnapshot encodes the registry log's snapshot: the first
// len(leaves) entries, whose compact range is rng, fold to img, and hold
// requests with nonces (sorted here).
func encodeRegistrySnapshot(leaves []tlog.Hash, rng tlog.Range, img *entente.RegistryImage, nonces []string) ([]byte, error) {
	if rng.Size != uint64(len(leaves)) || rng.Check() != nil {
		return nil, fmt.Errorf("compact range of %d leaves with %d hashes, for %d leaves", rng.Size, len(rng.Hashes), len(leaves))
	}
	if img.Len != int64(len(leaves)) {
		return nil, fmt.Errorf("registry of %d entries over %d leaf hashes", img.Len, len(leaves))
	}
	slices.Sort(nonces)
	body, err := encodeBin(binRegistryCodec, &registrySnapshot{Registry: img, Nonces: nonces})
	if err != nil {
		return nil, err
	}
	return frameSnapshot(leaves, rng, snapshotFormatRegistry, body), nil
}

// registryBody decodes the body of the registry log's snapshot taken
// apart in fr, refusing one of a pact's, or whose registry and leaves
// disagree on the log's length.
func registryBody(fr snapshotFrame) (*registrySnapshot, error) {
	if fr.format != snapshotFormatRegistry || fr.rng == nil {
		return nil, fmt.Errorf("snapshot format %q, not the registry's", fr.format)
	}
	var d registrySnapshot
	if err := decodeBin(binRegistryCodec, fr.body, &d); err != nil {
		return nil, err
	}
	switch {
	case d.Registry == nil:
		return nil, errors.New("no registry")
	case d.Registry.Len != int64(len(fr.leaves)):
		return nil, fmt.Errorf("registry of %d entries over %d leaf hashes", d.Registry.Len, len(fr.leaves))
	}
	return &d, nil
}

// dueRegistrySnapshot takes the registry log's snapshot, due (see
// dueSnapshot): an image of the registry as w's committed entries left
// it. Callers hold w.mu, under which the registry is changed.
func (s *Service) dueRegistrySnapshot(w *logWriter) *snapshotJob {
	reg, unlock := s.readRegistry()
	defer unlock()
	if reg.Len != int64(w.n) {
		return nil // a registry apply failed: what it holds is not the log's
	}
	w.snapSize, w.snapStale = w.n, false
	return &snapshotJob{log: w.name, size: w.n, root: w.ctree.Root(), leaves: w.leaves[:w.n:w.n], rng: w.ctree.Range(),
		nonces: nonceList(w.nonces), reg: reg.Image()}
}

// loadRegistrySnapshot is loadSnapshot for the registry log, whose
// snapshot, taken apart in fr, has compact range rng, matched against the
// signed head of its size: its newer entries are checked and replayed on
// top of the snapshot's registry, and the registry installed.
func (s *Service) loadRegistrySnapshot(ctx context.Context, w *logWriter, fr snapshotFrame, rng tlog.Range, upgrade bool) (bool, error) {
	name, size := w.name, len(fr.leaves)
	leaves, data, tree, err := s.snapshotTail(ctx, name, fr.leaves, rng)
	if tree == nil || err != nil {
		return false, err
	}
	d, err := registryBody(fr)
	if err != nil {
		return false, nil
	}
	reg, err := d.Registry.Registry()
	if err != nil {
		return false, nil
	}
	nonces := make(nonceSet, len(d.Nonces))
	for _, n := range d.Nonces {
		nonces[n] = true
	}
	events, err := decodeFrom(data, int64(size))
	if err != nil {
		return false, nil
	}
	// Any failure is left to the long way, which names the entry.
	if s.opts.Trust {
		r := &pactReplay{nonces: nonces}
		for _, ev := range events {
			if reg.Apply(ev) != nil {
				return false, nil
			}
			r.note(ev)
		}
	} else if _, _, err := replayRegistryFrom(reg, nonces, events, data, nil); err != nil {
		return false, nil
	}
	s.setRegistry(reg)
	w.fallBack()
	s.mend(w)
	w.n, w.leaves, w.ctree, w.tree = len(leaves), leaves, tree, tree.Clone()
	w.state, w.tipState = nil, nil
	w.nonces, w.attested, w.stamp = nonces, false, 0
	w.snapSize, w.snapStale = size, upgrade
	return true, nil
}

// registrySnapshotProblem is snapshotProblem for the registry log's
// snapshot, whose leaves the caller has matched in number and root.
func registrySnapshotProblem(snap logstore.Snapshot, leaves []tlog.Hash, fresh []byte) string {
	type decoded struct {
		fr snapshotFrame
		*registrySnapshot
	}
	d, f, p := decodePair(snap.Size, snap.Data, fresh, func(data []byte) (decoded, error) {
		fr, err := parseSnapshot(data)
		if err != nil {
			return decoded{}, err
		}
		body, err := registryBody(fr)
		return decoded{fr, body}, err
	})
	if p != "" {
		return p
	}
	if p := leavesProblem(snap.Size, d.fr.leaves, leaves, d.fr.rng, f.fr.rng); p != "" {
		return p
	}
	var parts []string
	if !sameJSON(d.Registry, f.Registry) {
		parts = append(parts, "the registry")
	}
	if !slices.Equal(d.Nonces, f.Nonces) {
		parts = append(parts, "the requests' nonces")
	}
	return foldProblem(snap.Size, parts)
}
