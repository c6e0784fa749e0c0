package ledger_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// sameState compares states as their JSON encoding does, in which a nil
// and an empty map or slice are the same (a proposal without votes). The
// Lists are compared as slices so that the option reaches their elements.
var sameState = cmp.Options{
	cmpopts.EquateEmpty(),
	cmp.Transformer("commitments", entente.List[*entente.Commitment].Slice),
	cmp.Transformer("contributions", entente.List[*entente.Contribution].Slice),
	cmp.Transformer("objectives", entente.List[*entente.Objective].Slice),
	cmp.Transformer("proposals", entente.List[*entente.Proposal].Slice),
	cmp.Transformer("disputes", entente.List[*entente.Dispute].Slice),
}

// reopenWith closes the store and opens the file again under a new
// service with opts.
func (f *fixture) reopenWith(opts ledger.Options) {
	f.tb.Helper()
	f.svc.FlushSnapshots()
	if err := f.store.Close(); err != nil {
		f.tb.Fatalf("closing the store: %v", err)
	}
	f.store = openStore(f.tb, f.path)
	svc, err := ledger.OpenWith(f.ctx, f.store, f.signer, f.clock.Now, opts)
	if err != nil {
		f.tb.Fatalf("ledger.OpenWith(%+v): %v", opts, err)
	}
	f.svc = svc
}

// storedSnapshot returns log's snapshot, failing the test if it has none.
func (f *fixture) storedSnapshot(log string) logstore.Snapshot {
	f.tb.Helper()
	f.svc.FlushSnapshots()
	snap, ok, err := f.store.Snapshot(f.ctx, log)
	if err != nil || !ok {
		f.tb.Fatalf("Snapshot(%s): ok %t, %v", log, ok, err)
	}
	return snap
}

// snapshotParts is a stored snapshot's encoding taken apart as the
// ledger writes it (see persist.go): a line of magic and a format byte,
// the number of leaf hashes (8 bytes) and the hashes, the number of hashes
// of their compact range (1 byte) and the hashes, the body, and a CRC-32C
// of all that (4 bytes).
type snapshotParts struct {
	head, leaves, rng, body []byte
}

// splitSnapshot takes data apart, failing the test if it is not a
// snapshot the ledger writes.
func splitSnapshot(tb testing.TB, data []byte) snapshotParts {
	tb.Helper()
	magic := bytes.IndexByte(data, '\n') + 1
	if string(data[:magic]) != "entente snapshot 3\n" || len(data) < magic+1+8+1+4 {
		tb.Fatalf("snapshot begins %q, not as the ledger writes one", data[:min(len(data), 20)])
	}
	var p snapshotParts
	at := magic + 1
	p.head = data[:at]
	n := int(binary.BigEndian.Uint64(data[at:])) * tlog.HashSize
	p.leaves, at = data[at+8:at+8+n], at+8+n
	k := int(data[at]) * tlog.HashSize
	p.rng, at = data[at+1:at+1+k], at+1+k
	p.body = data[at : len(data)-4]
	return p
}

// join encodes p again as the ledger would, with its checksum: what a
// forger who knows the encoding writes.
func (p snapshotParts) join() []byte {
	out := append([]byte(nil), p.head...)
	out = binary.BigEndian.AppendUint64(out, uint64(len(p.leaves)/tlog.HashSize))
	out = append(out, p.leaves...)
	out = append(out, byte(len(p.rng)/tlog.HashSize))
	out = append(out, p.rng...)
	out = append(out, p.body...)
	return binary.BigEndian.AppendUint32(out, crc32.Checksum(out, crc32.MakeTable(crc32.Castagnoli)))
}

// forgeSnapshot rewrites the pact's name in log's stored snapshot to name,
// of the same length, keeping its size and root and making its checksum
// fit: a snapshot that matches the log but lies about it.
func (f *fixture) forgeSnapshot(log, name string) logstore.Snapshot {
	f.tb.Helper()
	snap := f.storedSnapshot(log)
	st, err := f.svc.Pact(entente.PactID(log))
	if err != nil || len(st.Pact.Name) != len(name) {
		f.tb.Fatalf("forging the name %q over %q: %v", name, st.Pact.Name, err)
	}
	// In the binary body the name is the first string of its length.
	p := splitSnapshot(f.tb, snap.Data)
	if p.head[len(p.head)-1] != 'b' || !bytes.Contains(p.body, []byte(st.Pact.Name)) {
		f.tb.Fatalf("snapshot of format %q without the name %q", p.head[len(p.head)-1], st.Pact.Name)
	}
	p.body = bytes.Replace(p.body, []byte(st.Pact.Name), []byte(name), 1)
	snap.Data = p.join()
	if err := f.store.PutSnapshot(f.ctx, snap); err != nil {
		f.tb.Fatal(err)
	}
	return snap
}

// reportOf returns the verify report of log.
func reportOf(t *testing.T, f *fixture, log string) ledger.LogReport {
	t.Helper()
	reports, err := ledger.Verify(f.ctx, f.store, f.signer.Public())
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	for _, r := range reports {
		if r.Log == log {
			return r
		}
	}
	t.Fatalf("Verify reported no log %s", log)
	panic("unreachable")
}

func TestSnapshotsOnDiskOpenToTheSameState(t *testing.T) {
	f := newFixture(t)
	m := f.buildSignedPact()
	log := string(signedPact)
	if _, ok, _ := f.store.Snapshot(f.ctx, log); ok {
		t.Fatalf("a snapshot of %s was written before the log grew by %d entries", log, ledger.DefaultSnapshotEvery)
	}
	want, _ := f.svc.Pact(signedPact)

	// Absent: opened the long way, then written.
	f.reopenWith(ledger.Options{SnapshotEvery: 1})
	snap := f.storedSnapshot(log)
	if snap.Size != want.Len || snap.Root != tlog.Root(leafHashes(f.entries(log))) {
		t.Fatalf("snapshot of %d entries with root %v; want %d entries and the log's root", snap.Size, snap.Root, want.Len)
	}
	if r := reportOf(t, f, log); !r.OK() || r.Snapshot != snap.Size {
		t.Fatalf("Verify of a fresh snapshot: %+v", r)
	}

	// Present: the state, nonces and all, comes from it.
	used := f.signed(m["c"], log, entente.Contribute{Resource: "volunteer_hours", Amount: 3})
	if _, err := f.svc.Submit(f.ctx, used); err != nil {
		t.Fatal(err)
	}
	snapped, _ := f.svc.Pact(signedPact)
	f.reopenWith(ledger.Options{SnapshotEvery: 1})
	got, _ := f.svc.Pact(signedPact)
	if diff := cmp.Diff(snapped, got, sameState); diff != "" {
		t.Fatalf("state opened from the snapshot differs:\n%s", diff)
	}
	_, err := f.svc.Submit(f.ctx, used)
	if entente.ErrorCode(err) != entente.ECONFLICT || !strings.Contains(entente.ErrorMessage(err), "nonce") {
		t.Errorf("a request replayed after opening from a snapshot: %v; want its nonce refused", err)
	}

	// Behind the log: the newer entries are replayed on top of it, and no
	// snapshot is written before the log has grown enough.
	snap = f.storedSnapshot(log)
	f.reopenWith(ledger.Options{SnapshotEvery: 1000})
	f.clock.Advance(time.Hour)
	f.mustSubmit(m["b"], log, entente.Propose{Matter: entente.General, Title: "Renew the lease"})
	f.mustSubmit(m["a"], log, entente.CastVote{Proposal: "p2", Choice: entente.No})
	f.clock.Advance(6 * entente.Day)
	f.tick()
	want, _ = f.svc.Pact(signedPact)
	f.reopenWith(ledger.Options{SnapshotEvery: 1000})
	got, _ = f.svc.Pact(signedPact)
	if diff := cmp.Diff(want, got, sameState); diff != "" {
		t.Fatalf("state opened from a snapshot %d entries behind differs:\n%s", want.Len-snap.Size, diff)
	}
	if again := f.storedSnapshot(log); again.Size != snap.Size {
		t.Errorf("snapshot rewritten at %d entries after the log grew by %d", again.Size, want.Len-snap.Size)
	}
	if r := reportOf(t, f, log); !r.OK() || r.Snapshot != snap.Size {
		t.Errorf("Verify of a snapshot behind the log: %+v", r)
	}
	// Commands run on the state opened from it as on the state folded.
	f.mustSubmit(m["a"], log, entente.Contribute{Resource: "eur_k", Amount: 5})
	f.reopenWith(ledger.Options{SnapshotEvery: -1})
	for _, r := range verify(t, f) {
		if !r.OK() {
			t.Errorf("log %s after commands on a snapshot's state: %+v", r.Log, r)
		}
	}
}

func TestForgedSnapshotIsTrustedByOpenAndNamedByVerify(t *testing.T) {
	f := newFixture(t)
	f.buildSignedPact()
	log := string(signedPact)
	f.reopenWith(ledger.Options{SnapshotEvery: 1})
	snap := f.forgeSnapshot(log, "Forged Coalition")

	// Open trusts a snapshot that matches the log's size and root (see
	// persist.go): that is what makes it fast.
	f.reopenWith(ledger.Options{})
	if st, _ := f.svc.Pact(signedPact); st.Pact.Name != "Forged Coalition" {
		t.Fatalf("open did not use the snapshot: name %q", st.Pact.Name)
	}
	r := reportOf(t, f, log)
	if r.OK() || r.Index != snap.Size || !strings.Contains(r.Problem, "differs from a fresh fold of the log in the pact's state") {
		t.Errorf("Verify of a forged snapshot: %+v; want it named at %d entries", r, snap.Size)
	}
	// Without snapshots the log speaks for itself.
	f.reopenWith(ledger.Options{SnapshotEvery: -1})
	if st, _ := f.svc.Pact(signedPact); st.Pact.Name != "Signed Coalition" {
		t.Errorf("with snapshots off the pact is named %q", st.Pact.Name)
	}
	// Removing the snapshot is the cure.
	if err := f.store.DeleteSnapshot(f.ctx, log); err != nil {
		t.Fatal(err)
	}
	f.reopenWith(ledger.Options{})
	if r := reportOf(t, f, log); !r.OK() || r.Snapshot != 0 {
		t.Errorf("Verify after the snapshot was removed: %+v", r)
	}
}

// snapshottedSignedPact builds the signed pact and reopens the store so
// that its log gets a snapshot of its whole length. It returns the
// fixture, the members, the pact's state and the snapshot.
func snapshottedSignedPact(t *testing.T) (*fixture, members, *entente.PactState, logstore.Snapshot) {
	t.Helper()
	f := newFixture(t)
	m := f.buildSignedPact()
	want, _ := f.svc.Pact(signedPact)
	f.reopenWith(ledger.Options{SnapshotEvery: 1})
	return f, m, want, f.storedSnapshot(string(signedPact))
}

// TestForgedLeafHashesAreTrustedByOpenAndNamedByVerify forges a leaf hash
// in a snapshot, its checksum made to fit: open takes it as it takes a
// forged state (it matches the snapshot against the log by its compact
// range, not by hashing every leaf again), verify names it, and the heads
// the server signs afterwards still have the log's roots, since they grow
// from the compact range, which the signed head vouches for.
func TestForgedLeafHashesAreTrustedByOpenAndNamedByVerify(t *testing.T) {
	f, m, _, snap := snapshottedSignedPact(t)
	log := string(signedPact)
	p := splitSnapshot(t, snap.Data)
	p.leaves = bytes.Clone(p.leaves)
	p.leaves[3*tlog.HashSize] ^= 1 // entry 3's
	snap.Data = p.join()
	if err := f.store.PutSnapshot(f.ctx, snap); err != nil {
		t.Fatal(err)
	}
	f.reopenWith(ledger.Options{SnapshotEvery: 1 << 30}) // uses it, writes none
	if r := reportOf(t, f, log); r.OK() || r.Index != snap.Size || !strings.Contains(r.Problem, "leaf hash of entry 3") {
		t.Errorf("Verify of a forged leaf hash: %+v; want it named at %d entries", r, snap.Size)
	}
	f.mustSubmit(m["a"], log, entente.Contribute{Resource: "eur_k", Amount: 1})
	head, err := f.svc.Head(f.ctx, log)
	if err != nil {
		t.Fatal(err)
	}
	if root := tlog.Root(leafHashes(f.entries(log))); head.Size != uint64(len(f.entries(log))) || head.Root != root {
		t.Errorf("head signed over a forged leaf hash: %d entries, root %s; the log's root is %s", head.Size, head.Root, root)
	}
}

// TestOlderSnapshotsAreReadAndRewritten stores a log's snapshot in the
// second version, without a compact range or checksum: open takes it, to
// the same state, and writes it again in the current version.
func TestOlderSnapshotsAreReadAndRewritten(t *testing.T) {
	f, _, want, good := snapshottedSignedPact(t)
	log := string(signedPact)
	p := splitSnapshot(t, good.Data)
	old := good
	old.Data = append([]byte("entente snapshot 2\n"), p.head[len(p.head)-1])
	old.Data = binary.BigEndian.AppendUint64(old.Data, uint64(len(p.leaves)/tlog.HashSize))
	old.Data = append(append(old.Data, p.leaves...), p.body...)
	if err := f.store.PutSnapshot(f.ctx, old); err != nil {
		t.Fatal(err)
	}
	if r := reportOf(t, f, log); !r.OK() || r.Snapshot != good.Size {
		t.Errorf("Verify of a version-2 snapshot: %+v", r)
	}
	counter := &countingStore{Store: f.store, from: map[string][]int64{}}
	svc, err := ledger.OpenWith(f.ctx, counter, f.signer, f.clock.Now, ledger.Options{SnapshotEvery: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	svc.FlushSnapshots()
	if got, _ := svc.Pact(signedPact); !cmp.Equal(want, got, sameState) {
		t.Errorf("state opened from a version-2 snapshot differs:\n%s", cmp.Diff(want, got, sameState))
	}
	if from := counter.from[log]; len(from) != 1 || from[0] != good.Size {
		t.Errorf("open from a version-2 snapshot read entries from %v, want only from %d", from, good.Size)
	}
	if s := f.storedSnapshot(log); !bytes.Equal(s.Data, good.Data) {
		t.Errorf("a version-2 snapshot was not rewritten in the current version")
	}
}

func TestStaleSnapshotsAreRebuilt(t *testing.T) {
	f, _, want, good := snapshottedSignedPact(t)
	log := string(signedPact)
	root := tlog.Root(leafHashes(f.entries(log)))
	for _, tc := range []struct {
		name    string
		edit    func(*logstore.Snapshot)
		problem string
	}{
		{"root of other entries", func(s *logstore.Snapshot) { s.Root[0] ^= 1 }, "has root"},
		{"beyond the log", func(s *logstore.Snapshot) { s.Size += 5 }, "but the log holds"},
		{"not JSON", func(s *logstore.Snapshot) { s.Data = []byte("{not json") }, "does not decode"},
		{"a body cut short", func(s *logstore.Snapshot) { s.Data = s.Data[:len(s.Data)-3] }, "does not decode"},
		{"a format unknown", func(s *logstore.Snapshot) { s.Data[bytes.IndexByte(s.Data, '\n')+1] = 'x' }, "does not decode"},
		{"a leaf hash not the log's", func(s *logstore.Snapshot) {
			i := bytes.IndexByte(s.Data, '\n') + 1 + 1 + 8 + 3*tlog.HashSize // entry 3's
			s.Data[i] ^= 1
		}, "checksum does not match"},
		{"a bit of the state flipped", func(s *logstore.Snapshot) { s.Data[len(s.Data)-10] ^= 1 }, "checksum does not match"},
		{"no checksum", func(s *logstore.Snapshot) { s.Data = s.Data[:len(s.Data)-4] }, "checksum does not match"},
		// A forger who recomputes the checksum still cannot pass a compact
		// range that is not the log's: its root is not the signed head's.
		{"a compact range hash not the log's", func(s *logstore.Snapshot) {
			p := splitSnapshot(t, s.Data)
			p.rng = bytes.Clone(p.rng)
			p.rng[len(p.rng)-1] ^= 1
			s.Data = p.join()
		}, "compact range that is not the log's"},
		{"a compact range short of a hash", func(s *logstore.Snapshot) {
			p := splitSnapshot(t, s.Data)
			p.rng = p.rng[:len(p.rng)-tlog.HashSize]
			s.Data = p.join()
		}, "does not decode"},
		{"a compact range and root of other leaves", func(s *logstore.Snapshot) {
			p := splitSnapshot(t, s.Data)
			other := make([]tlog.Hash, s.Size)
			for i := range other {
				other[i][0] = byte(i)
			}
			r := tlog.RangeOf(other)
			p.rng = nil
			for _, h := range r.Hashes {
				p.rng = append(p.rng, h[:]...)
			}
			s.Data, s.Root = p.join(), r.Root()
		}, "has root"},
		{"another version", func(s *logstore.Snapshot) { s.Data = []byte(`{"version":99}`) }, "does not decode"},
		{"inside a command", func(s *logstore.Snapshot) {
			s.Size = 2 // founding and c's join; the pledge's append carries more
			s.Root = tlog.Root(leafHashes(f.entries(log))[:2])
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := good
			bad.Data = append([]byte(nil), good.Data...)
			tc.edit(&bad)
			if err := f.store.PutSnapshot(f.ctx, bad); err != nil {
				t.Fatal(err)
			}
			if tc.problem != "" {
				if r := reportOf(t, f, log); r.OK() || !strings.Contains(r.Problem, tc.problem) {
					t.Errorf("Verify of a snapshot %s: %+v; want %q", tc.name, r, tc.problem)
				}
			}
			f.reopenWith(ledger.Options{SnapshotEvery: 1})
			got, _ := f.svc.Pact(signedPact)
			if diff := cmp.Diff(want, got, sameState); diff != "" {
				t.Errorf("state opened past a snapshot %s differs:\n%s", tc.name, diff)
			}
			if s := f.storedSnapshot(log); s.Size != want.Len || s.Root != root || !bytes.Equal(s.Data, good.Data) {
				t.Errorf("snapshot %s rebuilt as %d entries, root %v, the same bytes %t; want %d, %v, true", tc.name, s.Size, s.Root, bytes.Equal(s.Data, good.Data), want.Len, root)
			}
		})
	}
}

func TestSnapshotsOfTheOperatorsRecordAndTrustedStores(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	log := string(smallPact)
	want, _ := f.svc.Pact(smallPact)
	f.reopenWith(ledger.Options{SnapshotEvery: 1})
	if s := f.storedSnapshot(log); s.Size != want.Len {
		t.Fatalf("snapshot of %d entries, want %d", s.Size, want.Len)
	}
	f.clock.Advance(time.Hour)
	f.do(smallPact, "b", entente.Contribute{Resource: "volunteer_hours", Amount: 2})
	want, _ = f.svc.Pact(smallPact)
	for _, opts := range []ledger.Options{{SnapshotEvery: 1000}, {SnapshotEvery: 1000, Trust: true}} {
		f.reopenWith(opts)
		got, _ := f.svc.Pact(smallPact)
		if diff := cmp.Diff(want, got, sameState); diff != "" {
			t.Errorf("%+v: state differs:\n%s", opts, diff)
		}
	}
	if r := reportOf(t, f, log); !r.OK() || !r.Attested || r.Snapshot == 0 {
		t.Errorf("Verify: %+v", r)
	}
}

// TestCommitterWritesSnapshotsUnderLoad runs concurrent commands on two
// pacts with snapshots due every few entries: the committer writes them
// as the logs grow, each matches its log and a fresh fold (Verify), and a
// reopen from them yields the same states.
func TestCommitterWritesSnapshotsUnderLoad(t *testing.T) {
	f := newFixture(t)
	f.reopenWith(ledger.Options{SnapshotEvery: 4})
	f.actors("a", "b")
	pacts := []entente.PactID{"one", "two"}
	for _, id := range pacts {
		f.do(id, "a", entente.FoundPact{Pact: entente.Pact{ID: id, Name: string(id), Kind: entente.Coalition,
			Agreement: entente.Agreement{Join: entente.JoinOpen}}, Founders: []entente.ActorID{"a", "b"}})
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				id := pacts[(g+i)%2]
				if _, _, err := f.svc.Do(f.ctx, id, "b", entente.Contribute{Resource: "hours", Amount: float64(g*10 + i + 1)}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	want := map[entente.PactID]*entente.PactState{}
	for _, id := range pacts {
		want[id], _ = f.svc.Pact(id)
		snap := f.storedSnapshot(string(id))
		if snap.Size < 4 || snap.Size > want[id].Len {
			t.Errorf("pact %s: snapshot of %d entries after %d", id, snap.Size, want[id].Len)
		}
		if r := reportOf(t, f, string(id)); !r.OK() || r.Snapshot != snap.Size {
			t.Errorf("Verify of %s: %+v", id, r)
		}
	}
	f.reopenWith(ledger.Options{SnapshotEvery: 1000})
	for _, id := range pacts {
		got, _ := f.svc.Pact(id)
		if diff := cmp.Diff(want[id], got, sameState); diff != "" {
			t.Errorf("pact %s reopened from its snapshot differs:\n%s", id, diff)
		}
	}
}

// gatedSnapshots holds every snapshot write of a pact until release is
// closed, counting them by log.
type gatedSnapshots struct {
	logstore.Store
	started chan string
	release chan struct{}
	mu      sync.Mutex
	writes  map[string]int
}

func (g *gatedSnapshots) PutSnapshot(ctx context.Context, snap logstore.Snapshot) error {
	if snap.Log == entente.RegistryLog {
		return g.Store.PutSnapshot(ctx, snap) // the registry's snapshots are not the ones gated
	}
	g.mu.Lock()
	g.writes[snap.Log]++
	g.mu.Unlock()
	g.started <- snap.Log
	<-g.release
	return g.Store.PutSnapshot(ctx, snap)
}

func TestSnapshotWritesDoNotHoldCommandsBack(t *testing.T) {
	f := newFixture(t)
	gate := &gatedSnapshots{Store: f.store, started: make(chan string, 100), release: make(chan struct{}), writes: map[string]int{}}
	svc, err := ledger.OpenWith(f.ctx, gate, f.signer, f.clock.Now, ledger.Options{SnapshotEvery: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []entente.ActorID{"a", "b"} {
		if _, err := svc.RegisterActor(f.ctx, entente.Actor{ID: id, Name: string(id), Kind: entente.NGO}); err != nil {
			t.Fatal(err)
		}
	}
	p := entente.Pact{ID: "gated", Name: "Gated", Kind: entente.Coalition}
	if _, _, err := svc.Do(f.ctx, "", "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	if log := <-gate.started; log != "gated" {
		t.Fatalf("a snapshot of %s was written, want one of gated", log)
	}
	// The founding's snapshot is being written, and cannot finish: commands
	// and reads go on regardless.
	const commands = 40
	done := make(chan error, 1)
	go func() {
		for range commands {
			if _, _, err := svc.Do(f.ctx, "gated", "b", entente.Contribute{Resource: "hours", Amount: 1}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // a deadlock guard, not a speed limit
		t.Fatal("commands are held back by a snapshot write that cannot finish")
	}
	want, err := svc.Pact("gated")
	if err != nil || want.Contributions.Len() != commands {
		t.Fatalf("while a snapshot was being written: %v, %v", want, err)
	}
	close(gate.release)
	svc.FlushSnapshots()
	// The snapshots taken meanwhile were joined into the newest.
	if n := gate.writes["gated"]; n != 2 {
		t.Errorf("%d snapshots of gated written, want the held one and the newest", n)
	}
	snap, ok, err := f.store.Snapshot(f.ctx, "gated")
	if err != nil || !ok || snap.Size != want.Len {
		t.Fatalf("snapshot of %d entries (%t, %v), want %d", snap.Size, ok, err, want.Len)
	}
	f.svc = svc
	f.reopenWith(ledger.Options{})
	got, err := f.svc.Pact("gated")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, sameState); diff != "" {
		t.Errorf("state opened from the snapshot written in the background differs:\n%s", diff)
	}
}

// countingStore records where each read of a log's entries began.
type countingStore struct {
	logstore.Store
	mu   sync.Mutex
	from map[string][]int64
}

func (c *countingStore) Entries(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error) {
	c.mu.Lock()
	c.from[log] = append(c.from[log], from)
	c.mu.Unlock()
	return c.Store.Entries(ctx, log, from, to)
}

// longRecord writes, through WriteRecord, a registry of two actors and the
// operator's record of a pact of n events (its founding, then
// contributions), and returns the pact's state.
func longRecord(t *testing.T, f *fixture, n int) *entente.PactState {
	t.Helper()
	reg := entente.NewRegistry()
	var regEvents []entente.Event
	for _, id := range []entente.ActorID{"a", "b"} {
		ev, err := reg.Record(entente.Actor{ID: id, Name: "Member " + string(id), Kind: entente.NGO}, t0)
		if err != nil {
			t.Fatal(err)
		}
		if err := reg.Apply(ev); err != nil {
			t.Fatal(err)
		}
		regEvents = append(regEvents, ev)
	}
	st, events, err := entente.Execute(nil, "a", entente.FoundPact{Pact: entente.Pact{ID: "long", Name: "Long", Kind: entente.Coalition}, Founders: []entente.ActorID{"a", "b"}},
		entente.Env{Now: t0, Actors: reg.Actor})
	if err != nil {
		t.Fatal(err)
	}
	at := t0
	for i := len(events); i < n; i++ {
		at = at.Add(time.Minute)
		ev := entente.Event{Seq: st.Len, At: at, By: "b", Data: entente.ContributionMade{Contribution: entente.Contribution{
			ID: fmt.Sprintf("k%d", st.Contributions.Len()+1), Member: "b", Resource: "hours", Amount: float64(1 + i%3), At: at}}}
		if err := st.Apply(ev); err != nil {
			t.Fatal(err)
		}
		events = append(events, ev)
	}
	if _, err := ledger.WriteRecord(f.ctx, f.store, f.signer, at, []ledger.Recorded{{Name: entente.RegistryLog, Events: regEvents}, {Name: "long", Events: events}}); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestRecordAndImportWriteSnapshots checks that a pact written whole, by
// WriteRecord or Import, gets the snapshot its check folded, of its whole
// log: verify finds it matches a fresh fold, and an open reads none of the
// entries it covers and has the same state.
func TestRecordAndImportWriteSnapshots(t *testing.T) {
	src := newFixture(t)
	want := longRecord(t, src, ledger.DefaultSnapshotEvery+10)
	dst := newFixture(t)
	if _, err := ledger.Import(dst.ctx, dst.store, dst.signer, dst.clock.Now(), bytes.NewReader(export(t, src)), nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []*fixture{src, dst} {
		snap := f.storedSnapshot("long")
		if snap.Size != want.Len {
			t.Errorf("snapshot of %d entries, want %d", snap.Size, want.Len)
		}
		if r := reportOf(t, f, "long"); !r.OK() || r.Snapshot != want.Len {
			t.Errorf("verify: %+v", r)
		}
		if _, ok, _ := f.store.Snapshot(f.ctx, entente.RegistryLog); ok {
			t.Error("the registry has a snapshot")
		}
		counting := &countingStore{Store: f.store, from: map[string][]int64{}}
		svc, err := ledger.Open(f.ctx, counting, f.signer, f.clock.Now)
		if err != nil {
			t.Fatal(err)
		}
		if from := counting.from["long"]; len(from) != 1 || from[0] != want.Len {
			t.Errorf("open read the pact's entries from %v, want only from %d", from, want.Len)
		}
		got, err := svc.Pact("long")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, sameState); diff != "" {
			t.Errorf("state opened from the snapshot differs:\n%s", diff)
		}
	}
	// A short pact is left to the server, which writes one when it grows.
	short := newFixture(t)
	longRecord(t, short, ledger.DefaultSnapshotEvery-1)
	if _, ok, _ := short.store.Snapshot(short.ctx, "long"); ok {
		t.Errorf("a pact of %d entries has a snapshot", ledger.DefaultSnapshotEvery-1)
	}
}
