package ledger

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// slowStore makes every append to one log take at least delay longer, as
// a slow disk's fsync would.
type slowStore struct {
	logstore.Store
	log   string
	delay time.Duration
}

func (s *slowStore) Append(ctx context.Context, log string, from int64, entries []logstore.Entry, head tlog.TreeHead) error {
	if log == s.log {
		time.Sleep(s.delay)
	}
	return s.Store.Append(ctx, log, from, entries, head)
}

// BenchmarkReadUnderSlowWrite measures a read of one pact (its state, its
// length and an inclusion proof of its last entry) alone ("idle") and
// while another pact is written without pause through a store whose
// appends take 2 ms more ("slow-writer"): with reads on published
// snapshots ("snapshot") and, as the baseline, with reads taking the write
// mutex as they did before ("locked"). p50 and p99 are per-read latencies;
// writes/s is what the writer achieved meanwhile. Under "slow-writer" the
// reader reads without pause and so competes with the writer for the CPU;
// "slow-writer-paced" rests 100 µs (untimed) between reads, closer to a
// server's readers.
func BenchmarkReadUnderSlowWrite(b *testing.B) {
	const delay = 2 * time.Millisecond
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	signer, _ := tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
	store := &slowStore{Store: db, log: "written", delay: delay}
	svc, err := Open(ctx, store, signer, clock)
	if err != nil {
		b.Fatal(err)
	}
	for _, id := range []entente.ActorID{"a", "b"} {
		if _, err := svc.RegisterActor(ctx, entente.Actor{ID: id, Name: string(id), Kind: entente.NGO}); err != nil {
			b.Fatal(err)
		}
	}
	for _, id := range []entente.PactID{"read", "written"} {
		p := entente.Pact{ID: id, Name: string(id), Kind: entente.Coalition}
		if _, _, err := svc.Do(ctx, "", "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}}); err != nil {
			b.Fatal(err)
		}
	}
	for range 64 {
		if _, _, err := svc.Do(ctx, "read", "b", entente.Contribute{Resource: "hours", Amount: 1}); err != nil {
			b.Fatal(err)
		}
	}
	read := func() {
		if _, err := svc.Pact("read"); err != nil {
			b.Fatal(err)
		}
		n, err := svc.Len("read")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.InclusionProof("read", uint64(n-1), uint64(n)); err != nil {
			b.Fatal(err)
		}
	}
	for _, mode := range []string{"snapshot", "locked"} {
		for _, load := range []string{"idle", "slow-writer", "slow-writer-paced"} {
			b.Run(fmt.Sprintf("%s/%s", mode, load), func(b *testing.B) {
				svc.lockedReads.Store(mode == "locked")
				defer svc.lockedReads.Store(false)
				stop, done := make(chan struct{}), make(chan int)
				go func() {
					writes := 0
					for load != "idle" {
						select {
						case <-stop:
							done <- writes
							return
						default:
						}
						if _, _, err := svc.Do(ctx, "written", "a", entente.Contribute{Resource: "hours", Amount: 1}); err != nil {
							panic(err)
						}
						writes++
					}
					<-stop
					done <- writes
				}()
				var lat []time.Duration
				start := time.Now()
				for b.Loop() {
					if load == "slow-writer-paced" {
						b.StopTimer()
						time.Sleep(100 * time.Microsecond)
						b.StartTimer()
					}
					t := time.Now()
					read()
					lat = append(lat, time.Since(t))
				}
				close(stop)
				writes, wall := <-done, time.Since(start)
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
				b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
				b.ReportMetric(float64(writes)/wall.Seconds(), "writes/s")
			})
		}
	}
}

func (s *slowStore) AppendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	return AppendEach(ctx, s.Append, appends)
}
