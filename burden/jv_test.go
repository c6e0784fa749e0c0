package burden_test

import (
	"math"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
)

// t0 is when the joint venture is founded.
var t0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// jointVenture replays the key facts of the demo's solid-state joint
// venture (demo/demo.go) with entente.Execute, on the demo's days: three
// firms; eur_k tranches from everyone, all delivered on time; Quanta's
// pledge of 24 engineer-months due on day 75 with 10 delivered, overdue;
// a budget vote Helios and Nordcell carry together, a proposal of
// Quanta's that Helios votes down, and a dispute Nordcell raises against
// Quanta. It returns the state at day 120, when the demo ends, and the
// actors.
func jointVenture(tb testing.TB) (*entente.PactState, map[entente.ActorID]*entente.Actor) {
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
	return s, actors
}

// TestJointVentureFlagsQuanta measures the venture's contributions in
// k€, an engineer-month valued at 15 k€ (an assumption of this test:
// 180 k€ a year, fully loaded), over three 45-day periods and the 30 days
// after, against the firms' technology capability: the venture is an R&D
// venture, and Quanta, the most technology-capable firm (90 against 70 and
// 85, a share of 0.367), delivers 550 k€ of the 6,550 k€ delivered (0.084).
// In the first period its share is 400/3,400 = 0.118 and in the second
// 150/3,150 = 0.048, both under half its capability share (0.184): two
// periods in a row, a free rider.
//
// Measured against economic capability instead (Quanta 95 of 1,225, a
// share of 0.078), Quanta carries slightly more than its share and is not
// flagged: which capability the burden is set against decides the finding,
// and the test shows both.
func TestJointVentureFlagsQuanta(t *testing.T) {
	s, actors := jointVenture(t)
	lookup := func(id entente.ActorID) *entente.Actor { return actors[id] }
	ids := []entente.ActorID{"helios", "nordcell", "quanta"}
	bounds := []time.Time{t0, day(45), day(90), day(120)}
	prices := burden.Prices{"eur_k": 1, "engineer_months": 15}

	in := burden.FromPact(s, prices, burden.Capabilities(ids, lookup, "technology"), bounds)
	res := burden.Analyze(in, burden.Options{})
	for _, m := range res.Members {
		t.Logf("%s: share %.3f, capability share %.3f, exploitation %+.3f, longest run %d, flags %v",
			m.Member, m.Share, m.CapabilityShare, m.Exploitation, m.LongestRun, m.Flags)
	}
	checkNear(t, "total", res.Total, 6550, 1e-9)
	q := member(t, res, "quanta")
	checkNear(t, "quanta's share", q.Share, 550.0/6550, 1e-12)
	checkNear(t, "quanta's capability share", q.CapabilityShare, 90.0/245, 1e-12)
	checkNear(t, "quanta's exploitation", q.Exploitation, (550.0/6550)/(90.0/245)-1, 1e-12)
	if !q.FreeRider || q.LongestRun != 2 {
		t.Errorf("quanta: free rider %v, longest run %d, periods %+v; want a free rider over 2 periods", q.FreeRider, q.LongestRun, q.Periods)
	}
	checkNear(t, "quanta's share in period 1", q.Periods[0].Share, 400.0/3400, 1e-12)
	checkNear(t, "quanta's share in period 2", q.Periods[1].Share, 150.0/3150, 1e-12)
	if f := q.Periods[2]; !math.IsNaN(f.Share) || f.Below {
		t.Errorf("period 3, nothing delivered: %+v, want NaN and not below", f)
	}
	for _, id := range []entente.ActorID{"helios", "nordcell"} {
		if m := member(t, res, id); m.FreeRider {
			t.Errorf("%s flagged as a free rider: %+v", id, m)
		}
	}
	if !(q.Exploitation < member(t, res, "helios").Exploitation && q.Exploitation < member(t, res, "nordcell").Exploitation) {
		t.Errorf("quanta's exploitation index %v is not the lowest", q.Exploitation)
	}

	economic := burden.Analyze(burden.FromPact(s, prices, burden.Capabilities(ids, lookup, "economic"), bounds), burden.Options{})
	if q := member(t, economic, "quanta"); q.FreeRider || !(q.Exploitation > 0) {
		t.Errorf("against economic capability quanta: free rider %v, exploitation %v; want not flagged, above 0", q.FreeRider, q.Exploitation)
	}
}

// day returns the time n days after t0.
func day(n int) time.Time { return t0.Add(time.Duration(n) * entente.Day) }
