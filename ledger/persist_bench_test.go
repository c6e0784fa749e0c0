//go:build unix

package ledger

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// largeStore is a store with one pact of n events, the operator's record
// of four members contributing in turn, and two snapshots of it taken
// while it was built: at its full length and a sixteenth behind, which is
// the furthest behind the server lets a snapshot fall (see persist.go).
type largeStore struct {
	path         string
	signer       tlog.Signer
	now          time.Time
	full, behind logstore.Snapshot
}

// largeTx is how many entries a largeStore's builder writes per store
// transaction.
const largeTx = 1000

// buildLargeStore writes a largeStore of n events under dir, with a signed
// head every headEvery entries. Events are made as ContributionMade would
// be by Contribute, applied to the state in place (so building costs
// O(n)), and appended headEvery at a time, largeTx entries per
// transaction. Contributions are the worst case for a snapshot: every
// event adds a record to the state, so the snapshot grows as fast as the
// log. A server writes a head per command (headEvery 2); fewer heads make
// the open without snapshots cheaper.
func buildLargeStore(tb testing.TB, dir string, n, headEvery int) *largeStore {
	tb.Helper()
	ctx := context.Background()
	s := &largeStore{path: filepath.Join(dir, "large.db"), now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s.signer, _ = tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
	db, err := sqlite.Open(s.path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	ids := []entente.ActorID{"a", "b", "c", "d"}
	reg := entente.NewRegistry()
	var regEvents []entente.Event
	for _, id := range ids {
		ev, err := reg.Record(entente.Actor{ID: id, Name: "Member " + string(id), Kind: entente.NGO}, s.now)
		if err != nil {
			tb.Fatal(err)
		}
		if err := reg.Apply(ev); err != nil {
			tb.Fatal(err)
		}
		regEvents = append(regEvents, ev)
	}
	if _, err := WriteRecord(ctx, db, s.signer, s.now, []Recorded{{Name: entente.RegistryLog, Events: regEvents}}); err != nil {
		tb.Fatal(err)
	}
	st, events, err := entente.Execute(nil, "a", entente.FoundPact{Pact: entente.Pact{ID: "large", Name: "Large", Kind: entente.Coalition}, Founders: ids},
		entente.Env{Now: s.now, Actors: reg.Actor})
	if err != nil {
		tb.Fatal(err)
	}
	tree := tlog.NewBuilder()
	var leaves []tlog.Hash
	at := s.now
	var (
		chunk   []logstore.Entry
		batch   []logstore.Append
		pending int
	)
	commit := func() {
		results, err := db.AppendBatch(ctx, batch)
		if err != nil {
			tb.Fatal(err)
		}
		for _, err := range results {
			if err != nil {
				tb.Fatal(err)
			}
		}
		batch, pending = batch[:0], 0
	}
	flush := func() {
		head := s.signer.Sign(tlog.TreeHead{Log: "large", Size: tree.Size(), Root: tree.Root(), Time: at})
		batch = append(batch, logstore.Append{Log: "large", From: chunk[0].Index, Entries: chunk, Head: head})
		pending += len(chunk)
		chunk = nil
		if pending >= largeTx {
			commit()
		}
	}
	put := func(ev entente.Event) {
		data, err := entente.EncodeEvent(ev)
		if err != nil {
			tb.Fatal(err)
		}
		e := logstore.Entry{Index: ev.Seq, Data: data, LeafHash: tlog.LeafHash(data)}
		tree.Append(e.LeafHash)
		leaves = append(leaves, e.LeafHash)
		chunk = append(chunk, e)
		if len(chunk) == headEvery {
			flush()
		}
	}
	snapshot := func() logstore.Snapshot {
		data, err := encodeSnapshot(leaves, st, nil, true, 0)
		if err != nil {
			tb.Fatal(err)
		}
		return logstore.Snapshot{Log: "large", Size: st.Len, Root: tree.Root(), Data: data}
	}
	for _, ev := range events {
		put(ev)
	}
	for i := int(st.Len); i < n; i++ {
		if i == n-n/16/headEvery*headEvery { // where a head is
			s.behind = snapshot()
		}
		at = at.Add(time.Second)
		by := ids[i%len(ids)]
		ev := entente.Event{Seq: st.Len, At: at, By: by, Data: entente.ContributionMade{Contribution: entente.Contribution{
			ID: fmt.Sprintf("k%d", st.Contributions.Len()+1), Member: by, Resource: "hours", Amount: float64(1 + i%8), At: at}}}
		if err := st.Apply(ev); err != nil {
			tb.Fatal(err)
		}
		put(ev)
	}
	if len(chunk) > 0 {
		flush()
	}
	if len(batch) > 0 {
		commit()
	}
	s.full, s.now = snapshot(), at
	return s
}

// BenchmarkOpenSnapshot opens a store of one pact of 100,000 events (and,
// with ENTENTE_BENCH_1M=1, of 1,000,000) in four ways, side by side:
// from a snapshot of the whole log ("snapshot"); from one a sixteenth
// behind, replaying the rest ("snapshot-behind"); and, as the baselines,
// without snapshots, with the self-check of every head, entry and event
// ("checked", what every open did before) and trusting the store (a plain
// fold, "trusted"). Each store is built twice: with a head every two
// entries, as a server writes them ("heads=2"), and with a head every
// thousand ("heads=1000"), which makes the checked open as cheap as it
// gets. The pact is the operator's record, so the self-check folds rather
// than re-runs signed requests: a member-kept pact's checked open costs
// more. cpu-ms/open is the process's CPU time per open (user and system,
// GC included), steadier than ns/op on a shared machine.
func BenchmarkOpenSnapshot(b *testing.B) {
	sizes := []int{100_000}
	if os.Getenv("ENTENTE_BENCH_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		for _, headEvery := range []int{2, 1000} {
			benchOpenSnapshot(b, n, headEvery)
		}
	}
}

func benchOpenSnapshot(b *testing.B, n, headEvery int) {
	dir, err := os.MkdirTemp("", "entente-bench-snap")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	s := buildLargeStore(b, dir, n, headEvery)
	db, err := sqlite.Open(s.path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, mode := range []struct {
		name string
		snap *logstore.Snapshot
		opts Options
	}{
		// SnapshotEvery n: an open from the snapshot behind writes none.
		{"snapshot", &s.full, Options{SnapshotEvery: n}},
		{"snapshot-behind", &s.behind, Options{SnapshotEvery: n}},
		{"checked", nil, Options{SnapshotEvery: -1}},
		{"trusted", nil, Options{SnapshotEvery: -1, Trust: true}},
	} {
		b.Run(fmt.Sprintf("events=%d/heads=%d/%s", n, headEvery, mode.name), func(b *testing.B) {
			ctx := context.Background()
			var cpu time.Duration
			for b.Loop() {
				if mode.snap != nil {
					b.StopTimer()
					if err := db.PutSnapshot(ctx, *mode.snap); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				before := cpuTime()
				svc, err := OpenWith(ctx, db, s.signer, func() time.Time { return s.now }, mode.opts)
				if err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - before
				if st, err := svc.Pact("large"); err != nil || st.Len != int64(n) {
					b.Fatalf("opened %v, %v", st, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/open")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/open")
		})
	}
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSnapshotBody encodes and decodes the body of the snapshot of
// a pact of 100,000 contributions, side by side: in the binary encoding
// the server writes ("binary") and in JSON through stateJSON, as it wrote
// before ("json"). Both hold the same snapshot; body-MB is the size of
// each body.
func BenchmarkSnapshotBody(b *testing.B) {
	dir, err := os.MkdirTemp("", "entente-bench-body")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	s := buildLargeStore(b, dir, 100_000, 1000)
	d, err := decodeSnapshot("large", s.full.Data)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		marshal   func(*diskSnapshot) ([]byte, error)
		unmarshal func([]byte, *diskSnapshot) error
	}{
		{"binary", marshalBinary, unmarshalBinary},
		{"json", marshalSnapshot, unmarshalSnapshot},
	} {
		body, err := c.marshal(d)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("decode/"+c.name, func(b *testing.B) {
			for b.Loop() {
				var d diskSnapshot
				if err := c.unmarshal(body, &d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(body))/1e6, "body-MB")
		})
		b.Run("encode/"+c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.marshal(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
