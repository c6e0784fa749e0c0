package ledger_test

import (
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// TestProofsFromTilesAsTheLogGrows checks the service's roots and proofs
// (built from tiles of 2^8 leaves once a log has that many) against the
// latest signed head and the store's leaves, as a pact grows past one
// tile, again after it grows further, and after the store is opened
// again.
func TestProofsFromTilesAsTheLogGrows(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	log := string(smallPact)
	grow := func(to int) {
		for len(f.entries(log)) < to {
			f.do(smallPact, "b", entente.Contribute{Resource: "eur", Amount: 1})
		}
	}
	check := func(stage string) {
		t.Helper()
		head, err := f.svc.Head(f.ctx, log)
		if err != nil {
			t.Fatal(err)
		}
		leaves := leafHashes(f.entries(log))
		if head.Size != uint64(len(leaves)) {
			t.Fatalf("%s: head of %d entries, log of %d", stage, head.Size, len(leaves))
		}
		for _, size := range []uint64{1, 255, 256, 257, head.Size} {
			if size > head.Size {
				continue
			}
			got, err := f.svc.Root(log, size)
			if err != nil || got != tlog.Root(leaves[:size]) {
				t.Errorf("%s: root of %d entries %v (%v), want %v", stage, size, got, err, tlog.Root(leaves[:size]))
			}
		}
		for _, i := range []uint64{0, 100, 255, 256, head.Size - 1} {
			if i >= head.Size {
				continue
			}
			p, err := f.svc.InclusionProof(log, i, head.Size)
			if err != nil {
				t.Fatal(err)
			}
			if err := tlog.VerifyInclusion(leaves[i], i, head.Size, p, head.Root); err != nil {
				t.Errorf("%s: entry %d: %v", stage, i, err)
			}
			old, _ := f.svc.Root(log, i+1)
			c, err := f.svc.ConsistencyProof(log, i+1, head.Size)
			if err != nil {
				t.Fatal(err)
			}
			if err := tlog.VerifyConsistency(i+1, head.Size, c, old, head.Root); err != nil {
				t.Errorf("%s: from %d entries: %v", stage, i+1, err)
			}
		}
	}
	grow(300)
	check("past one tile")
	grow(530)
	check("past two tiles")
	f.reopen()
	check("reopened")
}
