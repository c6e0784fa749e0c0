package trust_test

import (
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/fixture"
	"github.com/entente/entente/trust"
	"github.com/google/go-cmp/cmp"
)

// jointVenture is the demo's joint venture (internal/fixture), at day 120.
func jointVenture(tb testing.TB) (*entente.PactState, time.Time) {
	tb.Helper()
	s, _, now := fixture.JointVenture(tb, t0)
	return s, now
}

func TestJointVentureTrustsQuantaLeast(t *testing.T) {
	s, now := jointVenture(t)
	res := trust.Compute(s, now, trust.Options{})
	score := func(from, to entente.ActorID) float64 {
		t.Helper()
		sc, ok := res.Score(from, to)
		if !ok {
			t.Fatalf("no score of %s by %s", to, from)
		}
		return sc.Value
	}
	for _, from := range res.Members {
		for _, to := range res.Members {
			if sc, ok := res.Score(from, to); ok {
				t.Logf("T[%s][%s] = %.3f (r %.3f, s %.3f)", from, to, sc.Value, sc.Positive, sc.Negative)
			}
		}
	}
	t.Logf("reputation %v after %d steps", res.Reputation, res.Iterations)
	// Each observer trusts quanta less than the other firm.
	if hq, hn := score("helios", "quanta"), score("helios", "nordcell"); !(hq < hn) {
		t.Errorf("helios trusts quanta %v, nordcell %v: want quanta lower", hq, hn)
	}
	if nq, nh := score("nordcell", "quanta"), score("nordcell", "helios"); !(nq < nh) {
		t.Errorf("nordcell trusts quanta %v, helios %v: want quanta lower", nq, nh)
	}
	// Quanta's overdue engineer-months show in its evidence as partial.
	sc, _ := res.Score("helios", "quanta")
	var partial bool
	for _, e := range sc.Evidence {
		if e.Kind == trust.Partial && e.Ref == "c6" {
			partial = true
			// q = LateCredit × 10/24, faded over 45 days at a one-year half-life.
			checkNear(t, "c6 for/weight", e.For/e.Weight, 0.5*10/24, 1e-12)
		}
	}
	if !partial {
		t.Errorf("quanta's evidence %+v lacks c6 as partial", sc.Evidence)
	}
	if !(res.Reputation["quanta"] < res.Reputation["helios"] && res.Reputation["quanta"] < res.Reputation["nordcell"]) {
		t.Errorf("reputation %v: want quanta lowest", res.Reputation)
	}
}

func TestComputeIsPureAndDeterministic(t *testing.T) {
	s, now := jointVenture(t)
	before := s.Clone()
	a := trust.Compute(s, now, trust.Options{})
	b := trust.Compute(s, now, trust.Options{})
	if diff := cmp.Diff(before, s); diff != "" {
		t.Errorf("Compute changed the state (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs differ (-first +second):\n%s", diff)
	}
}
