package trust_test

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/trust"
	"pgregory.net/rapid"
)

// genRecord draws a pact of 1 to 8 members with commitments in every
// state, votes and disputes, spread over 400 days.
func genRecord(t *rapid.T) *record {
	n := rapid.IntRange(1, 8).Draw(t, "members")
	ids := make([]entente.ActorID, n)
	for i := range ids {
		ids[i] = entente.ActorID(fmt.Sprintf("m%d", i))
	}
	r := newRecord(ids...)
	member := rapid.SampledFrom(ids)
	// Some records crowd their evidence on a few days, so that items of a
	// pair tie on time and are ordered by reference and kind.
	coarse := rapid.Bool().Draw(t, "coarse")
	when := func(label string) time.Time {
		if coarse {
			return day(float64(rapid.IntRange(0, 5).Draw(t, label)))
		}
		return day(rapid.Float64Range(0, 400).Draw(t, label))
	}
	for range rapid.IntRange(0, 20).Draw(t, "commitments") {
		due := when("due")
		delivered := rapid.SampledFrom([]float64{0, 3, 10}).Draw(t, "delivered")
		c := r.commitment(member.Draw(t, "by"), due, delivered, due.Add(time.Duration(rapid.IntRange(-5, 5).Draw(t, "slip"))*entente.Day))
		c.Late = c.Late || (delivered < 10 && rapid.Bool().Draw(t, "late"))
	}
	choices := rapid.SampledFrom([]entente.Choice{entente.Yes, entente.No, entente.Abstain})
	for range rapid.IntRange(0, 5).Draw(t, "proposals") {
		votes := map[entente.ActorID]entente.Choice{}
		for _, id := range ids {
			if rapid.Bool().Draw(t, "votes") {
				votes[id] = choices.Draw(t, "choice")
			}
		}
		r.vote(when("decided"), votes)
	}
	if n >= 2 {
		for range rapid.IntRange(0, 3).Draw(t, "disputes") {
			parties := rapid.SliceOfNDistinct(member, 2, n, rapid.ID).Draw(t, "parties")
			var closed time.Time
			if rapid.Bool().Draw(t, "closed") {
				closed = when("closed")
			}
			r.dispute(when("opened"), closed, parties...)
		}
	}
	return r
}

func genOptions(t *rapid.T) trust.Options {
	return trust.Options{
		HalfLife: time.Duration(rapid.SampledFrom([]int{-1, 0, 1, 30, 365}).Draw(t, "halflife")) * entente.Day,
		Eigen:    trust.EigenOptions{Alpha: rapid.Float64Range(0.01, 1).Draw(t, "alpha")},
	}
}

func TestPropertyTrustInUnitInterval(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRecord(t)
		res := trust.Compute(r.s, day(rapid.Float64Range(0, 500).Draw(t, "now")), genOptions(t))
		n := len(res.Members)
		if len(res.Trust) != n*(n-1) {
			t.Fatalf("%d pairs for %d members", len(res.Trust), n)
		}
		for p, sc := range res.Trust {
			if !(sc.Value >= 0 && sc.Value <= 1) {
				t.Fatalf("T[%s][%s] = %v, outside [0, 1]", p.From, p.To, sc.Value)
			}
			var r, s float64
			for _, e := range sc.Evidence {
				if e.For < 0 || e.Against < 0 || e.Weight > e.Base || !near(e.For+e.Against, e.Weight, 1e-12) {
					t.Fatalf("bad evidence %+v", e)
				}
				r, s = r+e.For, s+e.Against
			}
			if r != sc.Positive || s != sc.Negative {
				t.Fatalf("score %+v does not sum its evidence (%v, %v)", sc, r, s)
			}
		}
	})
}

func TestPropertyEigenTrustIsAProbabilityVector(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRecord(t)
		res := trust.Compute(r.s, day(450), genOptions(t))
		if !res.Converged {
			t.Fatalf("not converged in %d steps (delta %v)", res.Iterations, res.Delta)
		}
		sum := 0.0
		for id, v := range res.Reputation {
			if !(v >= 0) {
				t.Fatalf("reputation of %s = %v", id, v)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("reputations sum to %v", sum)
		}
	})
}

func TestPropertyEigenTrustOnAnyMatrix(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		members := make([]entente.ActorID, n)
		for i := range members {
			members[i] = entente.ActorID(fmt.Sprintf("m%d", i))
		}
		local := map[trust.Pair]float64{}
		for _, a := range members {
			for _, b := range members {
				local[trust.Pair{From: a, To: b}] = rapid.Float64Range(0, 1).Draw(t, "t")
			}
		}
		pre := rapid.SliceOfDistinct(rapid.SampledFrom(members), rapid.ID).Draw(t, "pre")
		rk := trust.EigenTrust(members, local, trust.EigenOptions{PreTrusted: pre})
		if !rk.Converged {
			t.Fatalf("not converged in %d steps", rk.Iterations)
		}
		sum := 0.0
		for _, v := range rk.Reputation {
			if !(v >= 0) {
				t.Fatalf("negative reputation %v", v)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("reputations sum to %v", sum)
		}
	})
}

// NoEvidence changes nothing but the lists: every value, sum and the
// ranking are identical to the bit.
func TestPropertyNoEvidenceIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRecord(t)
		now := day(rapid.Float64Range(0, 500).Draw(t, "now"))
		o := genOptions(t)
		full := trust.Compute(r.s, now, o)
		o.NoEvidence = true
		bare := trust.Compute(r.s, now, o)
		if len(full.Trust) != len(bare.Trust) {
			t.Fatalf("%d scores with evidence, %d without", len(full.Trust), len(bare.Trust))
		}
		for p, sc := range full.Trust {
			b := bare.Trust[p]
			if b.Evidence != nil || b.Value != sc.Value || b.Positive != sc.Positive || b.Negative != sc.Negative {
				t.Fatalf("%s/%s: %+v without evidence, %+v with", p.From, p.To, b, sc)
			}
		}
		for id, v := range full.Reputation {
			if w, ok := bare.Reputation[id]; !ok || w != v && !(math.IsNaN(v) && math.IsNaN(w)) {
				t.Fatalf("reputation of %s: %v with evidence, %v without", id, v, w)
			}
		}
	})
}

// Table changes nothing but where the scores are kept: every pair's
// value and sums read through Score, and the ranking, are identical to
// the bit to those with evidence, and no other pair has a score.
func TestPropertyTableIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRecord(t)
		now := day(rapid.Float64Range(0, 500).Draw(t, "now"))
		o := genOptions(t)
		full := trust.Compute(r.s, now, o)
		o.Table = true
		bare := trust.Compute(r.s, now, o)
		o.NoRanking = true
		if unranked := trust.Compute(r.s, now, o); unranked.Reputation != nil || unranked.Iterations != 0 || !slices.EqualFunc(unranked.Table, bare.Table, func(a, b trust.Score) bool {
			return a.Value == b.Value && a.Positive == b.Positive && a.Negative == b.Negative
		}) {
			t.Fatalf("NoRanking: reputation %v after %d steps, or scores that differ", unranked.Reputation, unranked.Iterations)
		}
		if bare.Trust != nil {
			t.Fatalf("Table left %d scores in Trust", len(bare.Trust))
		}
		if !slices.Equal(full.Members, bare.Members) {
			t.Fatalf("members %v with evidence, %v in a table", full.Members, bare.Members)
		}
		for _, a := range full.Members {
			for _, b := range append(slices.Clone(full.Members), "stranger") {
				sc, ok := full.Score(a, b)
				got, gotOK := bare.Score(a, b)
				if ok != gotOK || got.Evidence != nil || got.Value != sc.Value || got.Positive != sc.Positive || got.Negative != sc.Negative {
					t.Fatalf("%s/%s: %+v, %v in a table; %v, %v with evidence", a, b, got, gotOK, sc.Value, ok)
				}
			}
		}
		for id, v := range full.Reputation {
			if w, ok := bare.Reputation[id]; !ok || w != v && !(math.IsNaN(v) && math.IsNaN(w)) {
				t.Fatalf("reputation of %s: %v with evidence, %v in a table", id, v, w)
			}
		}
	})
}
