package ledger_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/demo"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/sqlite"
)

// BenchmarkSubmitPledge measures one command through the ledger, a
// member's signed pledge handed to Service.Submit and answered once
// durable (SQLite, synchronous=FULL), on pacts of different histories, side
// by side: the demo's joint venture (a few dozen events), and a pact of
// 100 and of 100,000 signed contributions. The goal is that a
// command on the long pact costs within 2x of one on a short pact.
// cpu-µs/op is the process's CPU time per command (user and system, GC
// included), steadier than ns/op, which the fsync dominates; signing the
// request is outside both.
//
//	go test -run '^$' -bench SubmitPledge ./ledger/
func BenchmarkSubmitPledge(b *testing.B) {
	b.Run("pact=demo", func(b *testing.B) {
		ctx := context.Background()
		path := filepath.Join(b.TempDir(), "demo.db")
		db, err := sqlite.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		signer := testSigner(b, 1)
		now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
		delegates, err := demo.Seed(ctx, db, signer, now, rand.NewChaCha8([32]byte{3}))
		if err != nil {
			b.Fatal(err)
		}
		svc, err := ledger.Open(ctx, db, signer, func() time.Time { return now })
		if err != nil {
			b.Fatal(err)
		}
		st, err := svc.Pact("solid-state-jv")
		if err != nil {
			b.Fatal(err)
		}
		var member *entente.Delegate
		for _, d := range delegates {
			if m := st.Members.Get(d.Actor); m != nil && m.Status == entente.Active {
				member = d
				break
			}
		}
		if member == nil {
			b.Fatal("no active member of solid-state-jv has a delegate")
		}
		benchPledges(b, svc, member, "solid-state-jv", now)
	})
	for _, n := range []int{100, 100_000} {
		b.Run(fmt.Sprintf("pact=events-%d", n), func(b *testing.B) {
			svc, now := openSignedBench(b, n)
			d, err := entente.NewDelegate("a", "a", rand.NewChaCha8([32]byte{1}))
			if err != nil {
				b.Fatal(err)
			}
			benchPledges(b, svc, d, "bench", now)
		})
	}
}

// benchPledges submits pledges by d to pact until the benchmark is done.
func benchPledges(b *testing.B, svc *ledger.Service, d *entente.Delegate, pact string, now time.Time) {
	ctx := context.Background()
	var cpu time.Duration
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		sig, err := d.Sign(pact, entente.Pledge{Resource: "hours", Amount: 1, Due: now.Add(30 * entente.Day)},
			fmt.Sprintf("bench-pledge-%08d", i), now.Add(entente.Day))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		before := processCPU()
		if _, err := svc.Submit(ctx, sig); err != nil {
			b.Fatal(err)
		}
		cpu += processCPU() - before
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
}
