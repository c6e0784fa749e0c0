package ledger_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
)

// registryJSON is the registry a service holds, as JSON.
func registryJSON(t *testing.T, svc *ledger.Service) string {
	t.Helper()
	b, err := json.Marshal(svc.Registry())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// snapshottedRegistry builds the signed pact (four actors, each with a
// key enrolled through an invitation) and reopens the store so that the
// registry's log gets a snapshot of its whole length. It returns the
// fixture, the members, the registry as JSON and the snapshot.
func snapshottedRegistry(t *testing.T) (*fixture, members, string, logstore.Snapshot) {
	t.Helper()
	f := newFixture(t)
	m := f.buildSignedPact()
	want := registryJSON(t, f.svc)
	f.reopenWith(ledger.Options{SnapshotEvery: 1})
	return f, m, want, f.storedSnapshot(entente.RegistryLog)
}

// TestRegistrySnapshotOpensToTheSameRegistry opens a store from its
// registry snapshot, checked and trusted: the registry is the one the log
// folds to, only the entries after the snapshot are read, and what the
// snapshot keeps beside the registry's JSON (redeemed invitations, the
// requests' nonces) still refuses what it refused.
func TestRegistrySnapshotOpensToTheSameRegistry(t *testing.T) {
	f, m, want, snap := snapshottedRegistry(t)
	if snap.Size != f.svc.RegistryLen() {
		t.Fatalf("registry snapshot of %d entries, want %d", snap.Size, f.svc.RegistryLen())
	}
	// A command after the snapshot, replayed on top of it at open.
	f.reopenWith(ledger.Options{SnapshotEvery: 1 << 30})
	f.mustSubmit(m["a"], entente.RegistryLog, entente.UpdateActor{Actor: entente.Actor{ID: "a", Name: "Actor a renamed", Kind: entente.Firm}})
	want = registryJSON(t, f.svc)
	for _, trust := range []bool{false, true} {
		f.svc.FlushSnapshots()
		counter := &countingStore{Store: f.store, from: map[string][]int64{}}
		svc, err := ledger.OpenWith(f.ctx, counter, f.signer, f.clock.Now, ledger.Options{Trust: trust, SnapshotEvery: 1 << 30})
		if err != nil {
			t.Fatal(err)
		}
		if got := registryJSON(t, svc); got != want {
			t.Errorf("trust=%t: registry opened from its snapshot differs:\n got %s\nwant %s", trust, got, want)
		}
		if from := counter.from[entente.RegistryLog]; len(from) != 1 || from[0] != snap.Size {
			t.Errorf("trust=%t: open read the registry's entries from %v, want only from %d", trust, from, snap.Size)
		}
	}
	// The service opened from the snapshot refuses a replayed request and
	// a redeemed invitation's token as the one that folded the log did.
	f.reopenWith(ledger.Options{SnapshotEvery: 1 << 30})
	sig := f.signed(m["b"], entente.RegistryLog, entente.UpdateActor{Actor: entente.Actor{ID: "b", Name: "Actor b renamed", Kind: entente.Firm}})
	if _, err := f.svc.Submit(f.ctx, sig); err != nil {
		t.Fatal(err)
	}
	f.reopenWith(ledger.Options{SnapshotEvery: 1})
	if _, err := f.svc.Submit(f.ctx, sig); err == nil {
		t.Error("a request replayed after an open from the registry's snapshot was accepted")
	}
	if r := reportOf(t, f, entente.RegistryLog); !r.OK() || r.Snapshot == 0 {
		t.Errorf("Verify of the registry with its snapshot: %+v", r)
	}
}

// TestForgedRegistrySnapshotIsNamedByVerify rewrites an actor's name in
// the registry's snapshot, checksum made to fit: open trusts it, as it
// trusts a pact's, and verify names it; deleting it is the cure.
func TestForgedRegistrySnapshotIsNamedByVerify(t *testing.T) {
	f, _, _, snap := snapshottedRegistry(t)
	p := splitSnapshot(t, snap.Data)
	if p.head[len(p.head)-1] != 'r' || !bytes.Contains(p.body, []byte("Actor a")) {
		t.Fatalf("registry snapshot of format %q without the name %q", p.head[len(p.head)-1], "Actor a")
	}
	p.body = bytes.Replace(bytes.Clone(p.body), []byte("Actor a"), []byte("Forger!"), 1)
	snap.Data = p.join()
	if err := f.store.PutSnapshot(f.ctx, snap); err != nil {
		t.Fatal(err)
	}
	f.reopenWith(ledger.Options{SnapshotEvery: 1 << 30})
	if a, _ := f.svc.Actor("a"); a == nil || a.Name != "Forger!" {
		t.Fatalf("open did not use the registry's snapshot: actor %+v", a)
	}
	r := reportOf(t, f, entente.RegistryLog)
	if r.OK() || r.Index != snap.Size || !strings.Contains(r.Problem, "differs from a fresh fold of the log in the registry") {
		t.Errorf("Verify of a forged registry snapshot: %+v; want it named at %d entries", r, snap.Size)
	}
	if err := f.store.DeleteSnapshot(f.ctx, entente.RegistryLog); err != nil {
		t.Fatal(err)
	}
	f.reopenWith(ledger.Options{SnapshotEvery: -1})
	if a, _ := f.svc.Actor("a"); a == nil || a.Name != "Actor a" {
		t.Errorf("without its snapshot the registry names actor a %+v", a)
	}
	if r := reportOf(t, f, entente.RegistryLog); !r.OK() || r.Snapshot != 0 {
		t.Errorf("Verify after the registry's snapshot was removed: %+v", r)
	}
}

// TestStaleRegistrySnapshotsAreRebuilt damages the registry's snapshot in
// ways open detects (it does not match the signed head, or its bytes their
// checksum, or it is a pact's): open folds the log the long way, to the
// same registry, and writes the snapshot again; so does a store that
// never had one.
func TestStaleRegistrySnapshotsAreRebuilt(t *testing.T) {
	f, _, want, good := snapshottedRegistry(t)
	for _, tc := range []struct {
		name string
		edit func(*logstore.Snapshot)
	}{
		{"root of other entries", func(s *logstore.Snapshot) { s.Root[0] ^= 1 }},
		{"beyond the log", func(s *logstore.Snapshot) { s.Size += 5 }},
		{"a bit of the registry flipped", func(s *logstore.Snapshot) { s.Data[len(s.Data)-10] ^= 1 }},
		{"a compact range not the log's", func(s *logstore.Snapshot) {
			p := splitSnapshot(t, s.Data)
			p.rng = bytes.Clone(p.rng)
			p.rng[0] ^= 1
			s.Data = p.join()
		}},
		{"a pact's format", func(s *logstore.Snapshot) {
			p := splitSnapshot(t, s.Data)
			p.head = bytes.Clone(p.head)
			p.head[len(p.head)-1] = 'b'
			s.Data = p.join()
		}},
		{"a registry cut short", func(s *logstore.Snapshot) {
			p := splitSnapshot(t, s.Data)
			p.body = p.body[:len(p.body)/2]
			s.Data = p.join()
		}},
		{"absent, as in a store of an older server", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.edit == nil {
				if err := f.store.DeleteSnapshot(f.ctx, entente.RegistryLog); err != nil {
					t.Fatal(err)
				}
			} else {
				bad := good
				bad.Data = bytes.Clone(good.Data)
				tc.edit(&bad)
				if err := f.store.PutSnapshot(f.ctx, bad); err != nil {
					t.Fatal(err)
				}
			}
			f.reopenWith(ledger.Options{SnapshotEvery: 1})
			if got := registryJSON(t, f.svc); got != want {
				t.Errorf("registry opened past a snapshot %s differs:\n got %s\nwant %s", tc.name, got, want)
			}
			if s := f.storedSnapshot(entente.RegistryLog); s.Size != good.Size || s.Root != good.Root || !bytes.Equal(s.Data, good.Data) {
				t.Errorf("registry snapshot %s rebuilt as %d entries, the same bytes %t; want %d", tc.name, s.Size, bytes.Equal(s.Data, good.Data), good.Size)
			}
		})
	}
}
