package trust_test

import (
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/trust"
	"github.com/google/go-cmp/cmp"
)

// jointVenture replays the key facts of the demo's solid-state joint
// venture (demo/demo.go) with entente.Execute, on the demo's days: three
// firms; eur_k tranches from everyone, all delivered on time; Quanta's
// pledge of 24 engineer-months due on day 75 with 10 delivered, overdue;
// a budget vote Helios and Nordcell carry together, a proposal of
// Quanta's that Helios votes down, and a dispute Nordcell raises against
// Quanta. It returns the state at day 120, when the demo ends.
func jointVenture(tb testing.TB) (*entente.PactState, time.Time) {
	tb.Helper()
	actors := map[entente.ActorID]*entente.Actor{}
	for _, a := range []entente.Actor{
		{ID: "helios", Name: "Helios", Kind: entente.Firm, Capabilities: map[string]float64{"economic": 820, "technology": 70, "staff": 4200}},
		{ID: "nordcell", Name: "Nordcell", Kind: entente.Firm, Capabilities: map[string]float64{"economic": 310, "technology": 85, "staff": 1300}},
		{ID: "quanta", Name: "Quanta", Kind: entente.Firm, Capabilities: map[string]float64{"economic": 95, "technology": 90, "staff": 240}},
	} {
		actors[a.ID] = &a
	}
	var s *entente.PactState
	now := t0
	env := func() entente.Env {
		return entente.Env{Now: now, Actors: func(id entente.ActorID) *entente.Actor { return actors[id] }}
	}
	at := func(n int) { now = t0.Add(time.Duration(n) * entente.Day) }
	do := func(by entente.ActorID, cmd entente.Command) {
		tb.Helper()
		next, _, err := entente.Execute(s, by, cmd, env())
		if err != nil {
			tb.Fatalf("%s %T: %v", by, cmd, err)
		}
		s = next
	}
	due := func(n int) time.Time { return t0.Add(time.Duration(n) * entente.Day) }
	weighted := entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.6, WeightBy: "contributions:eur_k", Window: entente.Days(10)}
	do("helios", entente.FoundPact{Founders: []entente.ActorID{"helios", "nordcell", "quanta"}, Pact: entente.Pact{
		ID: "solid-state-jv", Name: "Solid-State Cell Joint Venture", Kind: entente.Alliance,
		Agreement: entente.Agreement{
			Benefits: entente.BenefitRule{Kind: entente.BenefitByContribution},
			Rules:    map[entente.Matter]entente.DecisionRule{entente.General: weighted, entente.Budget: weighted},
			Disputes: entente.DisputeLadder{Negotiation: entente.Days(21), Mediation: entente.Days(45)},
		}}})
	do("helios", entente.Pledge{Resource: "eur_k", Amount: 2000, Due: due(30)})
	do("nordcell", entente.Pledge{Resource: "eur_k", Amount: 1000, Due: due(30)})
	do("quanta", entente.Pledge{Resource: "eur_k", Amount: 400, Due: due(30)})
	at(20)
	do("helios", entente.Contribute{Commitment: "c1", Amount: 2000})
	do("nordcell", entente.Contribute{Commitment: "c2", Amount: 1000})
	at(28)
	do("quanta", entente.Contribute{Commitment: "c3", Amount: 400})
	at(35)
	do("helios", entente.Pledge{Resource: "eur_k", Amount: 2000, Due: due(90)})
	do("nordcell", entente.Pledge{Resource: "eur_k", Amount: 1000, Due: due(90)})
	do("quanta", entente.Pledge{Resource: "engineer_months", Amount: 24, Due: due(75)})
	at(40)
	do("helios", entente.Propose{Matter: entente.Budget, Title: "Approve the pilot line budget"})
	at(41)
	do("nordcell", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	do("helios", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	at(45)
	do("quanta", entente.Contribute{Commitment: "c6", Amount: 10})
	at(80)
	do("helios", entente.Contribute{Commitment: "c4", Amount: 2000})
	do("nordcell", entente.Contribute{Commitment: "c5", Amount: 1000})
	at(85)
	do("quanta", entente.Propose{Matter: entente.General, Title: "Open a second research site"})
	do("quanta", entente.CastVote{Proposal: "p2", Choice: entente.Yes})
	at(86)
	do("helios", entente.CastVote{Proposal: "p2", Choice: entente.No})
	at(88)
	do("nordcell", entente.RaiseDispute{Against: []entente.ActorID{"quanta"}, Subject: "engineer-months not delivered"})
	at(120)
	s, _, err := entente.Advance(s, env())
	if err != nil {
		tb.Fatal(err)
	}
	if c := s.Commitment("c6"); c.Status() != entente.Overdue || c.Delivered != 10 {
		tb.Fatalf("quanta's engineer-months: %s with %v delivered, want overdue with 10", c.Status(), c.Delivered)
	}
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
