package ledger_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// manyPactsStore writes a store of n small pacts (founded by two of five
// actors, a third of them members-only, each with a pledge and a
// contribution) and returns its path; the service that wrote it is gone.
func manyPactsStore(b *testing.B, n int) string {
	b.Helper()
	f := newFixture(b)
	f.actors("a", "b", "c", "d", "e")
	ids := []entente.ActorID{"a", "b", "c", "d", "e"}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64) // concurrent, so that appends share transactions
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			id := entente.PactID(fmt.Sprintf("pact-%05d", i))
			vis := entente.Public
			if i%3 == 0 {
				vis = entente.MembersOnly
			}
			x, y := ids[i%5], ids[(i+1)%5]
			p := entente.Pact{ID: id, Name: "Pact " + string(id), Kind: entente.Coalition, Visibility: vis,
				Agreement: entente.Agreement{Join: entente.JoinOpen}}
			for _, c := range []struct {
				by  entente.ActorID
				cmd entente.Command
			}{
				{x, entente.FoundPact{Pact: p, Founders: []entente.ActorID{x, y}}},
				{x, entente.Pledge{Resource: "eur", Amount: 10, Due: t0.Add(400 * entente.Day)}},
				{y, entente.Contribute{Resource: "eur", Amount: 3}},
			} {
				if _, _, err := f.svc.Do(f.ctx, id, c.by, c.cmd); err != nil {
					b.Errorf("%T on %s: %v", c.cmd, id, err)
					return
				}
			}
		})
	}
	wg.Wait()
	f.svc.FlushSnapshots()
	return f.path
}

// heapNow returns the live heap after a full collection.
func heapNow() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkManyPacts opens a store of 2,000 small pacts with every state
// kept and with at most 100, and reports the live heap the open service
// holds (heap-MB), then lists the pacts for an anonymous reader and a
// member as GET /api/pacts did from whole states (Pacts, CanReadPact,
// InPact) and as it does from the index, alternating the two in one loop
// and reporting the CPU time of each per listing.
func BenchmarkManyPacts(b *testing.B) {
	const n = 2000
	path := manyPactsStore(b, n)
	for _, bound := range []int{0, 100} {
		b.Run(fmt.Sprintf("heap/max-states=%d", bound), func(b *testing.B) {
			for range b.N {
				store := openStore(b, filepath.Clean(path))
				base := heapNow()
				svc, err := ledger.OpenWith(context.Background(), store, testSigner(b, 1), (&clock{t: t0}).Now, ledger.Options{MaxStates: bound})
				if err != nil {
					b.Fatal(err)
				}
				held := heapNow() - base
				if got := len(svc.Index()); got != n {
					b.Fatalf("Index lists %d pacts, want %d", got, n)
				}
				runtime.KeepAlive(svc)
				b.ReportMetric(float64(held)/(1<<20), "heap-MB")
				store.Close()
			}
		})
	}
	b.Run("listing", func(b *testing.B) {
		store := openStore(b, path)
		svc, err := ledger.OpenWith(context.Background(), store, testSigner(b, 1), (&clock{t: t0}).Now, ledger.Options{})
		if err != nil {
			b.Fatal(err)
		}
		var fromStates, fromIndex time.Duration
		sink := 0
		for i := range b.N {
			who := []entente.ActorID{"", "a"}[i%2]
			t := processCPU()
			for _, st := range svc.Pacts() {
				if st.CanReadPact(who) {
					sink += len(st.InPact()) + len(st.Pact.Name)
				}
			}
			t1 := processCPU()
			for _, e := range svc.Index() {
				if e.CanReadPact(who) {
					sink += len(e.Members) + len(e.Name)
				}
			}
			t2 := processCPU()
			fromStates += t1 - t
			fromIndex += t2 - t1
		}
		if sink == 0 {
			b.Fatal("nothing listed")
		}
		b.ReportMetric(float64(fromStates.Nanoseconds())/float64(b.N), "states-cpu-ns/list")
		b.ReportMetric(float64(fromIndex.Nanoseconds())/float64(b.N), "index-cpu-ns/list")
		b.ReportMetric(float64(fromStates)/float64(max(fromIndex, 1)), "states/index")
	})
	b.Run("read-evicted", func(b *testing.B) {
		// Pact() of two pacts in turn under a bound of one, so that every
		// read reloads a state (snapshot or the whole small log), beside
		// the same reads with every state kept.
		store := openStore(b, path)
		var cpu [2]time.Duration
		for k, bound := range []int{0, 1} {
			svc, err := ledger.OpenWith(context.Background(), store, testSigner(b, 1), (&clock{t: t0}).Now, ledger.Options{MaxStates: bound})
			if err != nil {
				b.Fatal(err)
			}
			t := processCPU()
			for i := range b.N {
				if _, err := svc.Pact(entente.PactID(fmt.Sprintf("pact-%05d", i%2))); err != nil {
					b.Fatal(err)
				}
			}
			cpu[k] = processCPU() - t
			if _, r := svc.EvictionStats(); bound > 0 && r < int64(b.N)-1 {
				b.Fatalf("%d reloads in %d reads", r, b.N)
			}
		}
		b.ReportMetric(float64(cpu[0].Nanoseconds())/float64(b.N), "kept-cpu-ns/read")
		b.ReportMetric(float64(cpu[1].Nanoseconds())/float64(b.N), "reload-cpu-ns/read")
	})
}

// BenchmarkReload reloads an evicted pact's state by refold (from the
// leaf hashes, tree and nonces the writer kept: the snapshot's state and
// the entries after it, bound to the kept leaf hashes) and, as the
// baseline, by load (the whole log read and checked as an open does:
// snapshot matched against the signed head, every newer head's
// signature, the tree grown), alternating the two in one loop, in turns
// that swap which goes first, and reports the CPU time of each per
// reload and their ratio. small is a pact of three unsigned entries and
// no snapshot (most of a server's idle pacts); signed is a pact of 10,000
// signed entries with a snapshot at 10,000 and 100 signed entries after
// it.
func BenchmarkReload(b *testing.B) {
	for _, c := range []struct {
		name string
		open func(b *testing.B) (*ledger.Service, entente.PactID)
	}{
		{"small", func(b *testing.B) (*ledger.Service, entente.PactID) {
			store := openStore(b, manyPactsStore(b, 2))
			svc, err := ledger.OpenWith(context.Background(), store, testSigner(b, 1), (&clock{t: t0}).Now, ledger.Options{MaxStates: 1})
			if err != nil {
				b.Fatal(err)
			}
			return svc, "pact-00000"
		}},
		{"signed-10000+100", func(b *testing.B) (*ledger.Service, entente.PactID) {
			path, signer, now := ledger.SignedStoreForBenchmark(b, 10_000)
			dir := b.TempDir()
			copyFile(b, path, filepath.Join(dir, "bench.db"))
			store := openStore(b, filepath.Join(dir, "bench.db"))
			svc, err := ledger.OpenWith(context.Background(), store, signer, func() time.Time { return now }, ledger.Options{MaxStates: 1})
			if err != nil {
				b.Fatal(err)
			}
			d, err := entente.NewDelegate("a", "a", rand.NewChaCha8([32]byte{1}))
			if err != nil {
				b.Fatal(err)
			}
			for i := range 100 {
				sig, err := d.Sign("bench", entente.Contribute{Resource: "hours", Amount: 1}, fmt.Sprintf("reload-bench-%04d", i), now.Add(entente.Day))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := svc.Submit(context.Background(), sig); err != nil {
					b.Fatal(err)
				}
			}
			svc.FlushSnapshots()
			return svc, "bench"
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			svc, id := c.open(b)
			want, err := svc.Pact(id)
			if err != nil {
				b.Fatal(err)
			}
			var cpu [2]time.Duration // by load, by refold
			reload := func(full bool) time.Duration {
				ledger.FullReloadForBenchmark(svc, full)
				if !ledger.EvictForBenchmark(svc, string(id)) {
					b.Fatal("nothing evicted")
				}
				t := processCPU()
				st, err := svc.Pact(id)
				d := processCPU() - t
				if err != nil || st.Len != want.Len {
					b.Fatalf("reload: %v, %d events, want %d", err, st.Len, want.Len)
				}
				return d
			}
			for i := 0; b.Loop(); i++ {
				if i%2 == 0 {
					cpu[0] += reload(true)
					cpu[1] += reload(false)
				} else {
					cpu[1] += reload(false)
					cpu[0] += reload(true)
				}
			}
			n := float64(b.N)
			b.ReportMetric(float64(cpu[0].Nanoseconds())/n/1e3, "load-cpu-µs/reload")
			b.ReportMetric(float64(cpu[1].Nanoseconds())/n/1e3, "refold-cpu-µs/reload")
			b.ReportMetric(float64(cpu[0])/float64(max(cpu[1], 1)), "load/refold")
		})
	}
}

// copyFile copies a file, so that a benchmark can append to a shared
// store without changing it for the others.
func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		tb.Fatal(err)
	}
}
