package ledger

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
	"sync"

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
// matches the log: its bytes match the checksum that ends them, and the
// log has a signed head of exactly the snapshot's size whose root is the
// root of the compact range the snapshot carries (RFC 9162's perfect
// subtrees covering its leaves: O(log n) hashes, where hashing the
// leaves up to the root again cost a million interior nodes at a million
// entries, a third of the open). So no covered entry is read or
// decoded, and no covered head checked; the heads from the snapshot's size
// on are checked against the tree grown from the compact range, and the
// newer entries are checked, decoded and replayed on top of the
// snapshot's state, as the self-check replays every entry without one. A
// snapshot that is absent, does not decode, fails its checksum or does not
// match is stale: the log is loaded the long way, and a fresh snapshot is
// written. One of an older version, without a compact range, is matched
// by hashing its leaves, and written again in the current version.
//
// Open trusts a matching snapshot, as Git trusts its index: it is a cache
// the server wrote after checking the log it caches, and checking it again
// at every open would cost what it saves. The checksum catches a snapshot
// damaged by accident; the compact range cannot be forged to match the
// signed head (that would take a SHA-256 collision), and the heads the
// server signs later grow from it, so they are right whatever else the
// snapshot holds. But whoever can write the database can forge the rest
// (a state that is not the fold of its entries, or leaf hashes that are
// not the log's, with the right size, root and checksum); so can whoever
// holds the server's key forge a head, which is why neither is trusted by
// anyone but the server itself: a proof the server builds over a forged
// leaf hash fails every client's check against the signed head, and
// `entente verify` folds every log afresh and names every snapshot that
// differs from the fold (see Verify), members' monitors check the heads,
// and deleting a snapshot (or the whole table) only makes the next open
// slower. The registry's log has a snapshot too, of an image of the
// registry (see regsnap.go).
//
// The server writes a snapshot when a log has grown by Options.SnapshotEvery
// entries and by a sixteenth of its length since its last one, so that
// keeping snapshots costs O(1) per entry however long a log grows, and an
// open replays at most about a sixteenth of a log (or SnapshotEvery
// entries). A snapshot costs time in proportion to the log (its state and
// its leaf hashes are encoded and written whole), so below 16 times
// SnapshotEvery entries a log pays n/SnapshotEvery entries' worth of
// snapshot for each entry appended. At the default of 4,096, a sustained
// run of 64 clients over 8 pacts to 12,500 entries each
// (BenchmarkDurableCommands, -benchtime 100000x, runs at load 1-1.5)
// spends 28-31 µs of CPU an append against 33-36 at 1,000, as it was,
// and 26.6-26.9 without snapshots; an open replays at most 4,096 entries
// past its snapshot, about 40 ms. The committer takes it
// after the batch that made it due, from the log's committed state (an
// immutable value, as readers see it), and a background goroutine encodes
// and writes it (see snapshotWriter), so no command waits for it: for a
// pact of a million contributions that was about a second and a half of
// CPU once every 62,500 commands. A snapshot due at Open is written before
// Open returns. Service.FlushSnapshots waits for the ones taken so far;
// one still queued when the store closes is lost, which costs the next
// open time, never data.

// DefaultSnapshotEvery is the growth, in entries, after which a pact's
// log gets a new snapshot unless Options.SnapshotEvery says otherwise.
const DefaultSnapshotEvery = 4096

// The encodings of a snapshot (see encodeSnapshot). One that begins with
// none of the magics is stale.
const (
	// snapshotMagic began the first encoding: the leaves, then the rest
	// as JSON. Snapshots written so are still read.
	snapshotMagic = "entente snapshot 1\n"
	// snapshotMagic2 began the second: a format byte, the leaves, then
	// the rest in that format. Snapshots written so are still read.
	snapshotMagic2 = "entente snapshot 2\n"
	// snapshotMagic3 begins the third, which the server writes: the
	// second's, with the compact range of the leaves after them, and a
	// checksum at the end.
	snapshotMagic3 = "entente snapshot 3\n"
)

// The formats of a snapshot's body after snapshotMagic2 or snapshotMagic3.
const (
	// snapshotFormatBinary is the binary encoding of snapbin.go, which
	// the server writes.
	snapshotFormatBinary = 'b'
	// snapshotFormatJSON is JSON, which the server writes only when the
	// binary codec does not compile (a type it cannot encode).
	snapshotFormatJSON = 'j'
	// snapshotFormatRegistry is the binary encoding of a registrySnapshot:
	// the registry log's snapshot, which only the third version holds.
	snapshotFormatRegistry = 'r'
)

// snapshotCRC is the table of the checksum that ends a snapshot of the
// third version: CRC-32C, which the processor computes at several
// gigabytes a second.
var snapshotCRC = crc32.MakeTable(crc32.Castagnoli)

// diskSnapshot is what a pact's snapshot holds (logstore.Snapshot.Data).
type diskSnapshot struct {
	// Leaves are the leaf hashes of the entries it covers, so that an open
	// reads one value instead of a row per entry.
	Leaves []tlog.Hash `json:"-"`
	// Range is the compact range of Leaves, whose root must be the root
	// of the log's signed head of their number: an open matches the
	// snapshot against the log with it, in O(log n) hashes, and carries
	// on appending from it. Nil in snapshots of the first two versions.
	Range    *tlog.Range        `json:"-"`
	State    *entente.PactState `json:"state"`
	Nonces   []string           `json:"nonces"`
	Attested bool               `json:"attested"`
	Registry int64              `json:"registry"`
}

// encodeSnapshot encodes what a pact's log leads to, in the third
// version: snapshotMagic3, the format byte, the number of leaves (8 bytes,
// big-endian) and the leaves, the number of hashes of their compact range
// rng (1 byte) and the hashes, then the rest in binary (or, failing that,
// JSON), nonces sorted, so that the same fold always encodes to the same
// bytes, and last the CRC-32C of all that (4 bytes, big-endian). leaves is
// not changed.
func encodeSnapshot(leaves []tlog.Hash, rng tlog.Range, state *entente.PactState, nonces []string, attested bool, registry int64) ([]byte, error) {
	if rng.Size != uint64(len(leaves)) || rng.Check() != nil {
		return nil, fmt.Errorf("compact range of %d leaves with %d hashes, for %d leaves", rng.Size, len(rng.Hashes), len(leaves))
	}
	slices.Sort(nonces)
	if nonces == nil {
		nonces = []string{}
	}
	d := &diskSnapshot{State: state, Nonces: nonces, Attested: attested, Registry: registry}
	format := byte(snapshotFormatBinary)
	body, err := marshalBinary(d)
	if err != nil {
		format = snapshotFormatJSON
		if body, err = marshalSnapshot(d); err != nil {
			return nil, err
		}
	}
	return frameSnapshot(leaves, rng, format, body), nil
}

// frameSnapshot frames the body of a snapshot in the third version (see
// encodeSnapshot).
func frameSnapshot(leaves []tlog.Hash, rng tlog.Range, format byte, body []byte) []byte {
	out := make([]byte, 0, len(snapshotMagic3)+1+8+len(leaves)*tlog.HashSize+1+len(rng.Hashes)*tlog.HashSize+len(body)+4)
	out = append(out, snapshotMagic3...)
	out = append(out, format)
	out = binary.BigEndian.AppendUint64(out, uint64(len(leaves)))
	for _, l := range leaves {
		out = append(out, l[:]...)
	}
	out = append(out, byte(len(rng.Hashes)))
	for _, h := range rng.Hashes {
		out = append(out, h[:]...)
	}
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.Checksum(out, snapshotCRC))
}

// decodeSnapshot decodes a pact's snapshot, refusing one of another
// version, one for another pact, one whose checksum fails, or one without
// a state or whose state and leaves disagree on the log's length.
func decodeSnapshot(log string, data []byte) (*diskSnapshot, error) {
	fr, err := parseSnapshot(data)
	if err != nil {
		return nil, err
	}
	return snapshotBody(log, fr)
}

// snapshotFrame is a snapshot's encoding taken apart: its leaves and
// their compact range (nil in the first two versions), decoded, and its
// body, not yet.
type snapshotFrame struct {
	leaves []tlog.Hash
	rng    *tlog.Range
	format byte
	body   []byte
}

// parseSnapshot takes a snapshot's encoding apart, checking its checksum
// first, and its compact range for the number of its leaves.
func parseSnapshot(data []byte) (snapshotFrame, error) {
	fr := snapshotFrame{format: snapshotFormatJSON}
	version := 0
	for v, magic := range []string{snapshotMagic, snapshotMagic2, snapshotMagic3} {
		if bytes.HasPrefix(data, []byte(magic)) {
			version = v + 1
		}
	}
	if version == 0 {
		return fr, errors.New("not a snapshot of a known version")
	}
	rest := data[len(snapshotMagic):] // every magic is as long
	if version == 3 {
		if len(rest) < 4 {
			return fr, errors.New("truncated snapshot")
		}
		n := len(data) - 4
		if sum := binary.BigEndian.Uint32(data[n:]); sum != crc32.Checksum(data[:n], snapshotCRC) {
			return fr, errors.New("snapshot checksum does not match its bytes")
		}
		rest = rest[:len(rest)-4]
	}
	if version >= 2 {
		if len(rest) == 0 {
			return fr, errors.New("truncated snapshot")
		}
		fr.format, rest = rest[0], rest[1:]
	}
	leaves, rest, err := cutHashes(rest, 8)
	if err != nil {
		return fr, err
	}
	fr.leaves = leaves
	if version == 3 {
		hashes, after, err := cutHashes(rest, 1)
		if err != nil {
			return fr, fmt.Errorf("compact range: %w", err)
		}
		fr.rng = &tlog.Range{Size: uint64(len(leaves)), Hashes: hashes}
		if err := fr.rng.Check(); err != nil {
			return fr, err
		}
		rest = after
	}
	fr.body = rest
	return fr, nil
}

// cutHashes decodes a count (width bytes, big-endian) and that many hashes
// from the head of data, and returns them with the rest.
func cutHashes(data []byte, width int) ([]tlog.Hash, []byte, error) {
	if len(data) < width {
		return nil, nil, errors.New("truncated snapshot")
	}
	var n uint64
	for _, b := range data[:width] {
		n = n<<8 | uint64(b)
	}
	data = data[width:]
	if n > uint64(len(data)/tlog.HashSize) {
		return nil, nil, fmt.Errorf("%d hashes in %d bytes", n, len(data))
	}
	hashes := make([]tlog.Hash, n)
	for i := range hashes {
		copy(hashes[i][:], data[i*tlog.HashSize:])
	}
	return hashes, data[int(n)*tlog.HashSize:], nil
}

// snapshotBody decodes the body of a snapshot of log taken apart in fr.
func snapshotBody(log string, fr snapshotFrame) (*diskSnapshot, error) {
	var d diskSnapshot
	switch fr.format {
	case snapshotFormatBinary:
		if err := unmarshalBinary(fr.body, &d); err != nil {
			return nil, err
		}
	case snapshotFormatJSON:
		if err := unmarshalSnapshot(fr.body, &d); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("snapshot format %q", fr.format)
	}
	d.Leaves, d.Range = fr.leaves, fr.rng
	switch {
	case d.State == nil:
		return nil, errors.New("no state")
	case string(d.State.Pact.ID) != log:
		return nil, fmt.Errorf("state of pact %q", d.State.Pact.ID)
	case d.State.Len != int64(len(d.Leaves)):
		return nil, fmt.Errorf("state of %d events over %d leaf hashes", d.State.Len, len(d.Leaves))
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
	leaves   []tlog.Hash
	rng      tlog.Range
	state    *entente.PactState
	nonces   []string
	attested bool
	registry int64
	// reg is the registry's image, for the registry log's snapshot.
	reg *entente.RegistryImage
}

// dueSnapshot returns a snapshot of w's committed state if one is due
// (see above), or replaces a stale one whatever the log's size, or nil, and counts it as written. Callers hold w.mu.
func (s *Service) dueSnapshot(w *logWriter) *snapshotJob {
	every := s.snapshotEvery()
	if every == 0 || (w.state == nil && w.name != entente.RegistryLog) || w.n == 0 || w.broken != nil {
		return nil
	}
	if grown := w.n - w.snapSize; !w.snapStale && (grown < every || grown < w.n/16) {
		return nil
	}
	if w.name == entente.RegistryLog {
		return s.dueRegistrySnapshot(w)
	}
	w.snapSize, w.snapStale = w.n, false
	return &snapshotJob{log: w.name, size: w.n, root: w.ctree.Root(), leaves: w.leaves[:w.n:w.n], rng: w.ctree.Range(), state: w.state,
		nonces: nonceList(w.nonces), attested: w.attested, registry: w.stamp}
}

// save encodes and stores a snapshot. It is a cache: a failure to write
// one costs the next open time, never a write or a read, so it is not
// reported.
func (s *Service) save(ctx context.Context, job *snapshotJob) {
	if job == nil {
		return
	}
	data, err := encodeSnapshot(job.leaves, job.rng, job.state, job.nonces, job.attested, job.registry)
	if job.reg != nil {
		data, err = encodeRegistrySnapshot(job.leaves, job.rng, job.reg, job.nonces)
	}
	if err != nil {
		return
	}
	s.store.PutSnapshot(context.WithoutCancel(ctx), logstore.Snapshot{Log: job.log, Size: int64(job.size), Root: job.root, Data: data})
}

// snapshotWriter writes snapshots in the background, one at a time, the
// newest of each log: a job taken while an older one of the same log
// waits replaces it. Its zero value is ready to use.
type snapshotWriter struct {
	mu      sync.Mutex
	pending map[string]*snapshotJob
	// busy reports that a goroutine is writing; idle is signalled when
	// it stops.
	busy bool
	idle sync.Cond
}

// saveLater queues job to be written in the background, or does nothing
// if job is nil.
func (s *Service) saveLater(job *snapshotJob) {
	if job == nil {
		return
	}
	q := &s.snapWrites
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.pending == nil {
		q.pending = map[string]*snapshotJob{}
	}
	q.pending[job.log] = job
	if !q.busy {
		q.busy = true
		go s.writeSnapshots()
	}
}

// writeSnapshots writes the queued snapshots until none is left.
func (s *Service) writeSnapshots() {
	q := &s.snapWrites
	for {
		q.mu.Lock()
		var job *snapshotJob
		for _, j := range q.pending {
			if job == nil || j.log < job.log {
				job = j
			}
		}
		if job == nil {
			q.busy = false
			if q.idle.L != nil {
				q.idle.Broadcast()
			}
			q.mu.Unlock()
			return
		}
		delete(q.pending, job.log)
		q.mu.Unlock()
		s.save(context.Background(), job)
	}
}

// FlushSnapshots waits until the snapshots the service has taken so far
// are written (or have failed to be: they are a cache). Call it before
// closing the store to keep them.
func (s *Service) FlushSnapshots() {
	q := &s.snapWrites
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.idle.L == nil {
		q.idle.L = &q.mu
	}
	for q.busy {
		q.idle.Wait()
	}
}

// loadSnapshot loads w's log from its snapshot and the entries after it,
// if the log has a snapshot that matches it (see above), and reports
// whether it did. When it did not, w is unchanged and the caller loads the
// log the long way; err is set only when the store could not be read.
// Callers hold w.mu and, after Open, s.commitMu.
func (s *Service) loadSnapshot(ctx context.Context, w *logWriter) (bool, error) {
	name := w.name
	if s.snapshotEvery() == 0 {
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
	fr, err := parseSnapshot(snap.Data)
	if err != nil || int64(len(fr.leaves)) != snap.Size {
		return false, nil
	}
	size := int(snap.Size)
	rng, upgrade := fr.rng, fr.rng == nil
	if upgrade {
		// A snapshot of an older version, without its compact range: the
		// leaves are hashed up to their root once, and the snapshot
		// written again in the current version.
		r := tlog.RangeOf(fr.leaves)
		rng = &r
	}
	// Matched against the log's signed head of its size before anything is
	// decoded or read.
	if rng.Root() != snap.Root {
		return false, nil
	}
	if name == entente.RegistryLog {
		return s.loadRegistrySnapshot(ctx, w, fr, *rng, upgrade)
	}
	// The state, most of the work, decodes on another core while
	// the newer entries are read and checked.
	type decoded struct {
		d   *diskSnapshot
		err error
	}
	body := make(chan decoded, 1)
	go func() {
		d, err := snapshotBody(name, fr)
		body <- decoded{d, err}
	}()
	defer func() {
		if body != nil {
			<-body // never leave the decoder running past the load
		}
	}()
	leaves, data, tree, err := s.snapshotTail(ctx, name, fr.leaves, *rng)
	if tree == nil || err != nil {
		return false, err
	}
	got := <-body
	body = nil
	if got.err != nil {
		return false, nil
	}
	d := got.d
	r := &pactReplay{state: d.State, nonces: make(nonceSet, len(d.Nonces)), attested: d.Attested, registry: d.Registry}
	for _, n := range d.Nonces {
		r.nonces[n] = true
	}
	if len(data) > 0 {
		// Replayed as the self-check replays; any failure is left to the
		// long way, which names the entry.
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
	s.mend(w)
	w.n, w.leaves, w.ctree, w.tree = len(leaves), leaves, tree, tree.Clone()
	w.state, w.tipState = r.state, r.state
	w.nonces, w.attested, w.stamp = r.nonces, r.attested, r.registry
	w.snapSize, w.snapStale = size, upgrade
	return true, nil
}

// snapshotTail reads the entries and heads of a log after those of a
// snapshot, whose leaves are snapLeaves and compact range rng, and checks
// them (see checkFromSnapshot). It returns the log's leaves, the newer
// entries' bytes and the log's tree, or a nil tree when anything does not
// match; err is set only when the store could not be read.
func (s *Service) snapshotTail(ctx context.Context, name string, snapLeaves []tlog.Hash, rng tlog.Range) ([]tlog.Hash, [][]byte, *tlog.Builder, error) {
	size := len(snapLeaves)
	// The newer entries, then the heads: an append writes its entries and
	// its head at once, so every entry read has its head.
	entries, err := s.store.Entries(ctx, name, int64(size), -1)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("ledger: reading log %s: %w", name, err)
	}
	heads, err := s.store.HeadsFrom(ctx, name, int64(size))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("ledger: reading heads of %s: %w", name, err)
	}
	leaves := append(snapLeaves[:size:size], make([]tlog.Hash, len(entries))...)
	data := make([][]byte, len(entries))
	for i, e := range entries {
		if e.Index != int64(size+i) || tlog.LeafHash(e.Data) != e.LeafHash {
			return nil, nil, nil, nil
		}
		leaves[size+i], data[i] = e.LeafHash, e.Data
	}
	tree, ok := s.checkFromSnapshot(name, rng, leaves[size:], heads)
	if !ok {
		return nil, nil, nil, nil
	}
	return leaves, data, tree, nil
}

// checkFromSnapshot builds the tree of a log from rng, the compact range
// of a snapshot's leaves, and newer, the leaves after them, and checks it
// against heads, the log's signed heads of at least rng.Size entries: the
// first must be of exactly rng.Size entries with rng's root, and each must
// have the root of the leaves it covers, the last covering them all;
// unless the store is trusted, each must be a head of this log signed by
// the server's key. It costs O(log n) hashes for the snapshot's leaves and
// one per newer leaf. It returns the tree, and false when anything does
// not match.
func (s *Service) checkFromSnapshot(name string, rng tlog.Range, newer []tlog.Hash, heads []tlog.TreeHead) (*tlog.Builder, bool) {
	size := rng.Size
	if len(heads) == 0 || heads[0].Size != size || heads[0].Root != rng.Root() || heads[len(heads)-1].Size != size+uint64(len(newer)) {
		return nil, false
	}
	v := s.signer.Public()
	for i, h := range heads {
		if h.Log != name || (i > 0 && h.Size <= heads[i-1].Size) {
			return nil, false
		}
		if !s.opts.Trust && v.Verify(h) != nil {
			return nil, false
		}
	}
	tree, err := tlog.BuilderAt(rng)
	if err != nil {
		return nil, false
	}
	heads = heads[1:]
	for _, l := range newer {
		tree.Append(l)
		for n := tree.Size(); len(heads) > 0 && heads[0].Size == n; heads = heads[1:] {
			if tree.Root() != heads[0].Root {
				return nil, false
			}
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
		r.note(ev)
	}
	return nil
}

// note records what a trusted log's event tells beside its fold: the
// registry length its request was stamped with and its nonce.
func (r *pactReplay) note(ev entente.Event) {
	if ev.Signed != nil {
		r.registry = max(r.registry, ev.Signed.Registry)
		if req, err := entente.ParseRequest([]byte(ev.Signed.Request)); err == nil {
			r.nonces[req.Nonce] = true
		}
	}
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
	if snap.Log == entente.RegistryLog {
		return registrySnapshotProblem(snap, leaves, fresh)
	}
	d, f, p := decodePair(snap.Size, snap.Data, fresh, func(data []byte) (*diskSnapshot, error) { return decodeSnapshot(snap.Log, data) })
	if p != "" {
		return p
	}
	if p := leavesProblem(snap.Size, d.Leaves, leaves, d.Range, f.Range); p != "" {
		return p
	}
	var parts []string
	if !sameJSON(d.State, f.State) {
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
	return foldProblem(snap.Size, parts)
}

// decodePair decodes a stored snapshot of size entries and the one a
// fresh fold of its log encodes to, or says which does not decode.
func decodePair[T any](size int64, stored, fresh []byte, decode func([]byte) (T, error)) (d, f T, problem string) {
	d, err := decode(stored)
	if err != nil {
		return d, f, fmt.Sprintf("snapshot of %d entries does not decode: %v", size, err)
	}
	if f, err = decode(fresh); err != nil {
		return d, f, fmt.Sprintf("snapshot of %d entries: the fresh fold does not encode: %v", size, err)
	}
	return d, f, ""
}

// sameJSON reports whether a and b encode to the same JSON: states whose
// nil and empty collections differ, as a decoded and a folded one may,
// compare equal.
func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// foldProblem says how a snapshot of size entries differs from a fresh
// fold of its log, in the parts named, or "" when in none.
func foldProblem(size int64, parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("snapshot of %d entries differs from a fresh fold of the log in %s", size, joinAnd(parts))
}

// leavesProblem compares the leaves of a snapshot of size entries, and
// its compact range (nil in the first two versions), with the log's
// leaves and the compact range of their first size, and returns "" when
// they match, else what differs.
func leavesProblem(size int64, got, log []tlog.Hash, gotRange, want *tlog.Range) string {
	if int64(len(got)) != size {
		return fmt.Sprintf("snapshot of %d entries holds %d leaf hashes", size, len(got))
	}
	for i, l := range got {
		if l != log[i] {
			return fmt.Sprintf("snapshot of %d entries holds a leaf hash of entry %d that is not the log's", size, i)
		}
	}
	if gotRange != nil && !gotRange.Equal(*want) {
		return fmt.Sprintf("snapshot of %d entries holds a compact range that is not the log's", size)
	}
	return ""
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
