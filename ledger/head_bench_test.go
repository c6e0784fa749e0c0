package ledger

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// headByAllHeads is how Head read the latest head before the store had
// LatestHead: every head of the log, keeping the last. It stays as the
// benchmark's baseline and the test's reference.
func headByAllHeads(ctx context.Context, s *Service, log string) (tlog.TreeHead, error) {
	heads, err := s.store.Heads(ctx, log)
	if err != nil {
		return tlog.TreeHead{}, err
	}
	return heads[len(heads)-1], nil
}

// BenchmarkHead reads the latest signed head of a pact with one head per
// event, at two lengths, through Head ("latest") and, as the baseline,
// by reading every head ("all-heads"). Head should not grow with the log.
func BenchmarkHead(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		dir, err := os.MkdirTemp("", "entente-bench-head")
		if err != nil {
			b.Fatal(err)
		}
		defer os.RemoveAll(dir)
		s := buildLargeStore(b, dir, n, 1)
		db, err := sqlite.Open(s.path)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		ctx := context.Background()
		svc, err := OpenWith(ctx, db, s.signer, func() time.Time { return s.now }, Options{Trust: true, SnapshotEvery: -1})
		if err != nil {
			b.Fatal(err)
		}
		for _, mode := range []struct {
			name string
			head func() (tlog.TreeHead, error)
		}{
			{"latest", func() (tlog.TreeHead, error) { return svc.Head(ctx, "large") }},
			{"all-heads", func() (tlog.TreeHead, error) { return headByAllHeads(ctx, svc, "large") }},
		} {
			b.Run(fmt.Sprintf("events=%d/%s", n, mode.name), func(b *testing.B) {
				for b.Loop() {
					h, err := mode.head()
					if err != nil || h.Size != uint64(n) {
						b.Fatalf("head %d, %v; want size %d", h.Size, err, n)
					}
				}
			})
		}
	}
}
