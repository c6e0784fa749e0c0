package trust_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/trust"
)

// cliqueMatrix returns local trust among honest members h1..h<honest>, who
// trust each other at 0.9 and the clique at 0.2, and a clique x1..x<clique>,
// whose members trust each other at 0.95 and everyone else at 0.5
// (neutral): the clique vouches only for itself.
func cliqueMatrix(honest, clique int) ([]entente.ActorID, []entente.ActorID, map[trust.Pair]float64) {
	var hs, xs []entente.ActorID
	for i := range honest {
		hs = append(hs, entente.ActorID(fmt.Sprintf("h%d", i+1)))
	}
	for i := range clique {
		xs = append(xs, entente.ActorID(fmt.Sprintf("x%d", i+1)))
	}
	local := map[trust.Pair]float64{}
	set := func(from, to []entente.ActorID, v float64) {
		for _, a := range from {
			for _, b := range to {
				local[trust.Pair{From: a, To: b}] = v
			}
		}
	}
	set(hs, hs, 0.9)
	set(hs, xs, 0.2)
	set(xs, xs, 0.95)
	set(xs, hs, 0.5)
	return hs, xs, local
}

// checkDistribution fails unless the reputations form a probability
// vector.
func checkDistribution(tb testing.TB, rep map[entente.ActorID]float64) {
	tb.Helper()
	sum := 0.0
	for id, v := range rep {
		if !(v >= 0) {
			tb.Errorf("reputation of %s is %v, want ≥ 0", id, v)
		}
		sum += v
	}
	if len(rep) > 0 && !near(sum, 1, 1e-9) {
		tb.Errorf("reputations sum to %v, want 1", sum)
	}
}

// TestEigenTrustIgnoresASelfVouchingClique states precisely what holds for
// a clique that only vouches for itself (4 honest members, 3 in the
// clique; see cliqueMatrix):
//
//   - with p uniform over the honest members only, no weight ever reaches
//     the clique, whose reputation is exactly 0 (tested to 1e-12), and the
//     honest members share everything (0.25 each);
//   - with p uniform over everyone, the closed clique keeps exactly its
//     teleport share, 3/7 in total, 1/7 per member like every honest
//     member: EigenTrust needs pre-trusted members to resist collusion.
func TestEigenTrustIgnoresASelfVouchingClique(t *testing.T) {
	hs, xs, local := cliqueMatrix(4, 3)
	members := append(append([]entente.ActorID(nil), hs...), xs...)
	tests := []struct {
		name               string
		pre                []entente.ActorID
		honestEach, xsEach float64
	}{
		{"pre-trusted honest", hs, 0.25, 0},
		{"uniform", nil, 1.0 / 7, 1.0 / 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rk := trust.EigenTrust(members, local, trust.EigenOptions{PreTrusted: tt.pre})
			if !rk.Converged || rk.Delta >= trust.DefaultEpsilon {
				t.Fatalf("not converged after %d steps: delta %v", rk.Iterations, rk.Delta)
			}
			checkDistribution(t, rk.Reputation)
			for _, h := range hs {
				checkNear(t, "reputation of "+string(h), rk.Reputation[h], tt.honestEach, 1e-9)
			}
			for _, x := range xs {
				checkNear(t, "reputation of "+string(x), rk.Reputation[x], tt.xsEach, 1e-12)
			}
		})
	}
}

// TestCliqueInAPactRanksLow plays the clique out in a pact: honest members
// keep commitments and vote together; the clique (x1..x3) keeps none and
// always votes against them. Honest members' trust in the clique falls
// below neutral (disagreement, no kept commitments), so with p on the
// honest members the clique's reputation is 0 (to 1e-12); with a uniform p
// each clique member still ranks below every honest member, because the
// clique sees the honest members' kept commitments and passes them weight,
// while no honest member passes any to the clique.
func TestCliqueInAPactRanksLow(t *testing.T) {
	hs := []entente.ActorID{"h1", "h2", "h3", "h4"}
	xs := []entente.ActorID{"x1", "x2", "x3"}
	r := newRecord(append(append([]entente.ActorID(nil), hs...), xs...)...)
	for i, h := range hs {
		r.kept(h, day(float64(10+i)))
	}
	for k := range 5 {
		votes := map[entente.ActorID]entente.Choice{}
		for _, h := range hs {
			votes[h] = entente.Yes
		}
		for _, x := range xs {
			votes[x] = entente.No
		}
		r.vote(day(float64(20+k)), votes)
	}
	for _, tt := range []struct {
		name string
		pre  []entente.ActorID
	}{{"pre-trusted honest", hs}, {"uniform", nil}} {
		t.Run(tt.name, func(t *testing.T) {
			res := trust.Compute(r.s, day(60), trust.Options{Eigen: trust.EigenOptions{PreTrusted: tt.pre}})
			if !res.Converged {
				t.Fatalf("not converged after %d steps", res.Iterations)
			}
			checkDistribution(t, res.Reputation)
			lowestHonest := math.Inf(1)
			for _, h := range hs {
				lowestHonest = min(lowestHonest, res.Reputation[h])
			}
			for _, x := range xs {
				rep := res.Reputation[x]
				if tt.pre != nil && rep > 1e-12 {
					t.Errorf("reputation of %s = %v, want 0", x, rep)
				}
				if !(rep < lowestHonest) {
					t.Errorf("reputation of %s = %v, not below the lowest honest member's %v", x, rep, lowestHonest)
				}
			}
		})
	}
}

func TestEigenTrustConverges(t *testing.T) {
	// A chain a → b → c → a of trust with some noise: the plain power
	// iteration without pre-trust would cycle; with a > 0 it converges.
	members := []entente.ActorID{"a", "b", "c"}
	local := map[trust.Pair]float64{
		{From: "a", To: "b"}: 1, {From: "b", To: "c"}: 1, {From: "c", To: "a"}: 1,
	}
	rk := trust.EigenTrust(members, local, trust.EigenOptions{})
	if !rk.Converged || rk.Iterations >= trust.StepsToConverge(trust.DefaultAlpha, trust.DefaultEpsilon) {
		t.Fatalf("not converged: %d steps, delta %v", rk.Iterations, rk.Delta)
	}
	checkDistribution(t, rk.Reputation)
	// By symmetry each holds a third.
	for _, id := range members {
		checkNear(t, "reputation of "+string(id), rk.Reputation[id], 1.0/3, 1e-9)
	}

	if got := trust.StepsToConverge(trust.DefaultAlpha, trust.DefaultEpsilon); got != 147 {
		t.Errorf("steps to converge at the defaults: %d, want ⌈log(5e-11)/log(0.85)⌉ + 1 = 147", got)
	}
	rk = trust.EigenTrust(members, map[trust.Pair]float64{{From: "a", To: "b"}: 1}, trust.EigenOptions{MaxIterations: 1})
	if rk.Iterations != 1 || rk.Converged {
		t.Errorf("one step allowed: %d steps, converged %v; want 1 and false", rk.Iterations, rk.Converged)
	}
}

func TestEigenTrustHandWorked(t *testing.T) {
	// Two members, a trusting b (0.9) and b trusting nobody above neutral.
	// C = [[0, 1], [p_a, p_b]] = [[0, 1], [1/2, 1/2]] with p uniform.
	// The fixed point of t = 0.85·Cᵀt + 0.15·p:
	//   t_a = 0.85·(t_b/2) + 0.075, t_b = 0.85·(t_a + t_b/2) + 0.075,
	//   with t_a + t_b = 1: t_a = 0.85·(1 − t_a)/2 + 0.075
	//   ⇒ t_a (1 + 0.425) = 0.5 ⇒ t_a = 0.5/1.425 = 0.350877…
	members := []entente.ActorID{"a", "b"}
	local := map[trust.Pair]float64{{From: "a", To: "b"}: 0.9, {From: "b", To: "a"}: 0.3}
	rk := trust.EigenTrust(members, local, trust.EigenOptions{})
	checkNear(t, "t_a", rk.Reputation["a"], 0.5/1.425, 1e-9)
	checkNear(t, "t_b", rk.Reputation["b"], 1-0.5/1.425, 1e-9)
}
