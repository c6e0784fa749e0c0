//go:build unix

package ledger

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// BenchmarkOpenRegistry opens a store holding only a registry of 10,000
// actors (and, with ENTENTE_BENCH_1M=1, 100,000), each recorded by its
// own command under its own signed head, as a server writes them: checked
// (the default, every head's signature verified) and trusting the store.
// Each iteration opens the store twice, paired: from the registry's
// snapshot on disk (see regsnap.go), written by a first open, and the
// long way, with snapshots off, as before the registry had one.
// snap-cpu-ms/open and base-cpu-ms/open are the process's CPU time per
// open, and base/snap their ratio.
func BenchmarkOpenRegistry(b *testing.B) {
	sizes := []int{10_000}
	if os.Getenv("ENTENTE_BENCH_1M") != "" {
		sizes = append(sizes, 100_000)
	}
	for _, n := range sizes {
		ctx := context.Background()
		path := filepath.Join(b.TempDir(), "reg.db")
		signer, _ := tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		db, err := sqlite.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		reg := entente.NewRegistry()
		tree := tlog.NewBuilder()
		var batch []logstore.Append
		for i := range n {
			ev, err := reg.Record(entente.Actor{ID: entente.ActorID(fmt.Sprintf("actor-%06d", i)), Name: fmt.Sprintf("Member %d", i), Kind: entente.NGO}, now)
			if err != nil {
				b.Fatal(err)
			}
			if err := reg.Apply(ev); err != nil {
				b.Fatal(err)
			}
			data, _ := entente.EncodeEvent(ev)
			e := logstore.Entry{Index: ev.Seq, Data: data, LeafHash: tlog.LeafHash(data)}
			tree.Append(e.LeafHash)
			head := signer.Sign(tlog.TreeHead{Log: entente.RegistryLog, Size: tree.Size(), Root: tree.Root(), Time: now})
			batch = append(batch, logstore.Append{Log: entente.RegistryLog, From: e.Index, Entries: []logstore.Entry{e}, Head: head})
			if len(batch) == 1000 || i == n-1 {
				if _, err := db.AppendBatch(ctx, batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		first, err := OpenWith(ctx, db, signer, func() time.Time { return now }, Options{})
		if err != nil {
			b.Fatal(err)
		}
		first.FlushSnapshots()
		if _, ok, err := db.Snapshot(ctx, entente.RegistryLog); !ok || err != nil {
			b.Fatalf("no registry snapshot written: %v", err)
		}
		open := func(b *testing.B, opts Options) time.Duration {
			before := cpuTime()
			svc, err := OpenWith(ctx, db, signer, func() time.Time { return now }, opts)
			if err != nil {
				b.Fatal(err)
			}
			cpu := cpuTime() - before
			if len(svc.Actors()) != n {
				b.Fatal("actors")
			}
			return cpu
		}
		for _, trust := range []bool{false, true} {
			b.Run(fmt.Sprintf("actors=%d/trust=%t", n, trust), func(b *testing.B) {
				var snap, base time.Duration
				for b.Loop() {
					snap += open(b, Options{Trust: trust})
					base += open(b, Options{Trust: trust, SnapshotEvery: -1})
				}
				b.ReportMetric(float64(snap.Microseconds())/1e3/float64(b.N), "snap-cpu-ms/open")
				b.ReportMetric(float64(base.Microseconds())/1e3/float64(b.N), "base-cpu-ms/open")
				b.ReportMetric(float64(base)/float64(snap), "base/snap")
			})
		}
		db.Close()
	}
}
