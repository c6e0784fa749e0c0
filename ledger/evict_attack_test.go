package ledger_test

import (
	"database/sql"
	"encoding/binary"
	"hash/crc32"
	"strconv"
	"strings"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
)

// evictedWithTail opens a fixture's store under a service that keeps one
// state and snapshots every two entries, plays the eviction script on
// two pacts, appends one more entry to p00 (fewer than a snapshot's
// worth: the entry after its snapshot that a reload reads), and evicts
// p00. It returns the service, p00's state as JSON before it left
// memory, and p00's stored snapshot.
func evictedWithTail(t *testing.T, f *fixture) (*ledger.Service, string, logstore.Snapshot) {
	t.Helper()
	svc := f.openWith(ledger.Options{MaxStates: 1, SnapshotEvery: 2})
	f.svc = svc
	f.actors("a", "b", "c")
	evictionScript(t, f, svc, 2)
	svc.FlushSnapshots()
	f.do("p00", "b", entente.Contribute{Resource: "eur", Amount: 1})
	svc.FlushSnapshots()
	want := stateJSON(t, svc, "p00")
	stateJSON(t, svc, "p01") // p00 leaves memory
	snap, ok, err := f.store.Snapshot(f.ctx, "p00")
	if err != nil || !ok {
		t.Fatalf("p00 has no snapshot: %v", err)
	}
	if n := int64(len(f.entries("p00"))); snap.Size >= n {
		t.Fatalf("p00's snapshot covers %d of %d entries; want a newer entry", snap.Size, n)
	}
	return svc, want, snap
}

// setLeafHash rewrites one stored entry's leaf hash behind the store's
// back, leaving its data as it was.
func setLeafHash(tb testing.TB, path, log string, index int64, leaf [32]byte) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	res, err := db.Exec(`UPDATE entries SET leaf_hash = ? WHERE log = ? AND idx = ?`, leaf[:], log, index)
	if err != nil {
		tb.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		tb.Fatalf("editing the leaf hash of %s entry %d: %d rows changed", log, index, n)
	}
}

// TestReloadRefusesAStoreChangedSinceItWasChecked changes a stored entry
// of an evicted pact behind the server's back, in each way a forger
// might: the reload refuses the log and names the entry, rather than
// serve a state the server never checked.
func TestReloadRefusesAStoreChangedSinceItWasChecked(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, f *fixture, last int64)
	}{
		{"data rewritten with its leaf hash", func(t *testing.T, f *fixture, last int64) {
			editEntry(t, f.path, "p00", last, true, replace(t, `"amount":1`, `"amount":9`))
		}},
		{"data rewritten, leaf hash left", func(t *testing.T, f *fixture, last int64) {
			editEntry(t, f.path, "p00", last, false, replace(t, `"amount":1`, `"amount":9`))
		}},
		{"leaf hash rewritten", func(t *testing.T, f *fixture, last int64) {
			setLeafHash(t, f.path, "p00", last, [32]byte{1})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			svc, _, _ := evictedWithTail(t, f)
			last := int64(len(f.entries("p00")) - 1)
			tc.tamper(t, f, last)
			_, err := svc.Pact("p00")
			want := "log p00 entry " + strconv.FormatInt(last, 10) + " does not verify, so it is not served"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("reloading p00: %v; want an error saying %q", err, want)
			}
			// Withdrawn from readers, as a log that does not load at open is.
			if _, err := svc.Pact("p00"); entente.ErrorCode(err) != entente.ENOTFOUND && (err == nil || !strings.Contains(err.Error(), want)) {
				t.Errorf("reading p00 again: %v; want it refused", err)
			}
			if _, _, err := svc.Do(f.ctx, "p00", "b", entente.Contribute{Resource: "eur", Amount: 1}); err == nil {
				t.Errorf("a command on the refused log was accepted")
			}
		})
	}
}

// TestReloadPassesByAChangedSnapshot changes an evicted pact's snapshot
// behind the server's back: a reload does not use a snapshot whose leaf
// hashes are not the log's (even with its checksum made to fit) or whose
// checksum fails; it folds the kept entries instead, serves the state
// the pact had, and writes a good snapshot in its place. Verify names
// the changed snapshot before, and finds the store clean after.
func TestReloadPassesByAChangedSnapshot(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tamper  func(data []byte)
		problem string
	}{
		{"a leaf hash flipped, checksum made to fit", func(data []byte) {
			data[len("entente snapshot 3\n")+1+8+5] ^= 1
			fitChecksum(data)
		}, "holds a leaf hash of entry 0 that is not the log's"},
		{"a byte of the state flipped", func(data []byte) {
			data[len(data)-9] ^= 0x40
		}, "does not decode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			svc, want, snap := evictedWithTail(t, f)
			tc.tamper(snap.Data)
			if err := f.store.PutSnapshot(f.ctx, snap); err != nil {
				t.Fatal(err)
			}
			if p := snapshotReport(t, f, "p00"); !strings.Contains(p, tc.problem) {
				t.Errorf("Verify says %q of the changed snapshot; want %q", p, tc.problem)
			}
			if got := stateJSON(t, svc, "p00"); got != want {
				t.Errorf("reloaded p00 as\n%s\nwant\n%s", got, want)
			}
			svc.FlushSnapshots()
			again, ok, err := f.store.Snapshot(f.ctx, "p00")
			if err != nil || !ok || string(again.Data) == string(snap.Data) {
				t.Errorf("the changed snapshot was not replaced (%v)", err)
			}
			mustVerifyClean(t, f)
		})
	}
}

// fitChecksum recomputes the CRC-32C that ends a snapshot of the third
// version, as a forger who knows the format would.
func fitChecksum(data []byte) {
	n := len(data) - 4
	binary.BigEndian.PutUint32(data[n:], crc32.Checksum(data[:n], crc32.MakeTable(crc32.Castagnoli)))
}

// snapshotReport returns Verify's problem with log, or "".
func snapshotReport(tb testing.TB, f *fixture, log string) string {
	tb.Helper()
	for _, r := range verify(tb, f) {
		if r.Log == log {
			return r.Problem
		}
	}
	tb.Fatalf("Verify does not report log %s", log)
	return ""
}
