package trust_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/trust"
)

// benchRecord builds a pact of members members with commitments
// commitments spread over two years (kept, late, partial, missed and
// pending in fixed proportions), proposals on which every member votes,
// and a dispute for every ten proposals.
func benchRecord(members, commitments, proposals int) *record {
	rng := rand.New(rand.NewPCG(1, 2))
	ids := make([]entente.ActorID, members)
	for i := range ids {
		ids[i] = entente.ActorID(fmt.Sprintf("m%03d", i))
	}
	r := newRecord(ids...)
	for k := range commitments {
		due := day(rng.Float64() * 730)
		by := ids[k%members]
		switch x := rng.IntN(10); {
		case x < 6:
			r.commitment(by, due, 10, due.Add(-entente.Day))
		case x < 7:
			r.commitment(by, due, 10, due.Add(5*entente.Day))
		case x < 8:
			r.commitment(by, due, 4, time.Time{}).Late = true
		case x < 9:
			r.missed(by, due)
		default:
			r.commitment(by, day(800), 0, time.Time{})
		}
	}
	for k := range proposals {
		votes := make(map[entente.ActorID]entente.Choice, members)
		for _, id := range ids {
			votes[id] = []entente.Choice{entente.Yes, entente.No, entente.Abstain}[rng.IntN(3)]
		}
		r.vote(day(rng.Float64()*730), votes)
		if k%10 == 0 {
			r.dispute(day(rng.Float64()*730), time.Time{}, ids[rng.IntN(members)], ids[(k+1)%members])
		}
	}
	return r
}

func BenchmarkCompute(b *testing.B) {
	for _, bc := range []struct{ members, commitments, proposals int }{
		{100, 10_000, 0},
		{100, 10_000, 50},
	} {
		r := benchRecord(bc.members, bc.commitments, bc.proposals)
		now := day(760)
		b.Run(fmt.Sprintf("members=%d/commitments=%d/proposals=%d", bc.members, bc.commitments, bc.proposals), func(b *testing.B) {
			b.ReportAllocs()
			var res *trust.Result
			for b.Loop() {
				res = trust.Compute(r.s, now, trust.Options{})
			}
			if !res.Converged {
				b.Fatalf("not converged in %d steps", res.Iterations)
			}
			b.ReportMetric(float64(res.Iterations), "eigen-steps")
		})
	}
}

func BenchmarkEigenTrust(b *testing.B) {
	r := benchRecord(100, 10_000, 50)
	res := trust.Compute(r.s, day(760), trust.Options{})
	local := make(map[trust.Pair]float64, len(res.Trust))
	for p, sc := range res.Trust {
		local[p] = sc.Value
	}
	b.ReportAllocs()
	for b.Loop() {
		trust.EigenTrust(res.Members, local, trust.EigenOptions{})
	}
}
