package ledger_test

import (
	"context"
	"testing"
	"time"

	"github.com/entente/entente/ledger"
	"github.com/entente/entente/sqlite"
)

// BenchmarkTickIdle measures one Tick of a server whose only pact, of
// 100,000 signed contributions, has nothing due, as opened from the store
// (from its snapshot when the store holds one). cpu-µs/op is the process's
// CPU time per tick, GC included. A tick costs O(log n) once the pact's
// index of what comes due is built; a state decoded from a snapshot has
// none until something builds it.
//
//	go test -run '^$' -bench TickIdle ./ledger/
func BenchmarkTickIdle(b *testing.B) {
	ctx := context.Background()
	svc, _ := openSignedBench(b, 100_000)
	var cpu time.Duration
	for b.Loop() {
		before := processCPU()
		if n, err := svc.Tick(ctx); err != nil || n != 0 {
			b.Fatalf("tick: %d events, %v", n, err)
		}
		cpu += processCPU() - before
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
}

// openSignedBench opens, trusting it, the benchmark store of n signed
// contributions (SignedStoreForBenchmark) with its clock an hour after the
// last one, which it returns; the store closes with the benchmark.
func openSignedBench(b *testing.B, n int) (*ledger.Service, time.Time) {
	b.Helper()
	path, signer, last := ledger.SignedStoreForBenchmark(b, n)
	db, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	now := last.Add(time.Hour)
	svc, err := ledger.OpenWith(context.Background(), db, signer, func() time.Time { return now }, ledger.Options{Trust: true})
	if err != nil {
		b.Fatal(err)
	}
	return svc, now
}
