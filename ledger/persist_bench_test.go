//go:build unix

package ledger

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
		data, err := encodeSnapshot(leaves, tree.Range(), st, nil, true, 0)
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

// cachedLargeStore returns a largeStore of n events with a head every
// headEvery entries, built afresh in a temporary directory removed when
// the benchmark ends or, with ENTENTE_BENCH_CACHE set to a directory,
// built there once and reused by later runs (a store of a million events
// takes minutes to build). A reused store's snapshots are re-encoded as
// this build encodes them, so that they are never of an older format.
// Benchmarks may write snapshots into a cached store, never entries.
func cachedLargeStore(tb testing.TB, n, headEvery int) *largeStore {
	tb.Helper()
	cache := os.Getenv("ENTENTE_BENCH_CACHE")
	if cache == "" {
		dir, err := os.MkdirTemp("", "entente-bench-snap")
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { os.RemoveAll(dir) })
		return buildLargeStore(tb, dir, n, headEvery)
	}
	dir := filepath.Join(cache, fmt.Sprintf("large-%d-%d", n, headEvery))
	meta := filepath.Join(dir, "meta.gob")
	type cached struct {
		Full, Behind logstore.Snapshot
		Now          time.Time
	}
	if f, err := os.Open(meta); err == nil {
		defer f.Close()
		var c cached
		if err := gob.NewDecoder(f).Decode(&c); err != nil {
			tb.Fatalf("%s: %v", meta, err)
		}
		s := &largeStore{path: filepath.Join(dir, "large.db"), now: c.Now}
		s.signer, _ = tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
		s.full, s.behind = reencodeSnapshot(tb, c.Full), reencodeSnapshot(tb, c.Behind)
		return s
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	s := buildLargeStore(tb, dir, n, headEvery)
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(cached{s.full, s.behind, s.now}); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(meta, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return s
}

// reencodeSnapshot returns snap encoded as this build encodes snapshots:
// as it is when it begins as this build's snapshots begin (the magic line
// and the format byte), else decoded and encoded again.
func reencodeSnapshot(tb testing.TB, snap logstore.Snapshot) logstore.Snapshot {
	tb.Helper()
	probe, err := encodeSnapshot(nil, tlog.Range{}, &entente.PactState{}, nil, false, 0)
	if err != nil {
		tb.Fatal(err)
	}
	if header := probe[:bytes.IndexByte(probe, '\n')+2]; bytes.HasPrefix(snap.Data, header) {
		return snap
	}
	d, err := decodeSnapshot(snap.Log, snap.Data)
	if err != nil {
		tb.Fatalf("cached snapshot of %d entries: %v", snap.Size, err)
	}
	if snap.Data, err = encodeSnapshot(d.Leaves, tlog.RangeOf(d.Leaves), d.State, d.Nonces, d.Attested, d.Registry); err != nil {
		tb.Fatal(err)
	}
	return snap
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
			// A level of its own, so that a store is built only for the
			// benchmarks -bench selects.
			b.Run(fmt.Sprintf("events=%d/heads=%d", n, headEvery), func(b *testing.B) { benchOpenSnapshot(b, n, headEvery) })
		}
	}
}

func benchOpenSnapshot(b *testing.B, n, headEvery int) {
	s := cachedLargeStore(b, n, headEvery)
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
		b.Run(mode.name, func(b *testing.B) {
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

// BenchmarkOpenSnapshotPaired opens the store of BenchmarkOpenSnapshot
// (100,000 events and, with ENTENTE_BENCH_1M=1, 1,000,000; a head every
// two entries) from its snapshot and, as the baseline, by the trusted
// fold, one after the other in each iteration, so that both see the same
// load. Each open starts after a collection, so neither pays for the
// other's garbage. It reports the CPU time of each open (user and system)
// and the ratio trusted/snapshot of each pair, as min, median and max over
// the iterations.
func BenchmarkOpenSnapshotPaired(b *testing.B) {
	sizes := []int{100_000}
	if os.Getenv("ENTENTE_BENCH_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) { benchOpenSnapshotPaired(b, n) })
	}
}

func benchOpenSnapshotPaired(b *testing.B, n int) {
	s := cachedLargeStore(b, n, 2)
	db, err := sqlite.Open(s.path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	open := func(opts Options) time.Duration {
		runtime.GC()
		before := cpuTime()
		svc, err := OpenWith(ctx, db, s.signer, func() time.Time { return s.now }, opts)
		if err != nil {
			b.Fatal(err)
		}
		cpu := cpuTime() - before
		if st, err := svc.Pact("large"); err != nil || st.Len != int64(n) {
			b.Fatalf("opened %v, %v", st, err)
		}
		return cpu
	}
	var snap, fold, ratio []float64
	for b.Loop() {
		if err := db.PutSnapshot(ctx, s.full); err != nil {
			b.Fatal(err)
		}
		a := open(Options{SnapshotEvery: n})
		t := open(Options{SnapshotEvery: -1, Trust: true})
		snap, fold = append(snap, float64(a.Microseconds())/1e3), append(fold, float64(t.Microseconds())/1e3)
		ratio = append(ratio, float64(t)/float64(max(a, 1)))
	}
	for _, m := range []struct {
		unit string
		xs   []float64
	}{{"snapshot-cpu-ms", snap}, {"trusted-cpu-ms", fold}, {"x", ratio}} {
		slices.Sort(m.xs)
		b.ReportMetric(m.xs[0], "min-"+m.unit)
		b.ReportMetric(m.xs[len(m.xs)/2], "med-"+m.unit)
		b.ReportMetric(m.xs[len(m.xs)-1], "max-"+m.unit)
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
