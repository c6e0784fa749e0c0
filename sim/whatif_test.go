package sim

import (
	"math"
	"testing"
	"time"

	"github.com/entente/entente"
)

// livePact builds a live pact of three members who have pledged and
// delivered in full for six months, as a pact in a store would hold it.
func livePact(t *testing.T) (*entente.PactState, func(entente.ActorID) *entente.Actor) {
	t.Helper()
	actors := map[entente.ActorID]*entente.Actor{}
	for id, c := range map[entente.ActorID]float64{"aurora": 5, "borealis": 3, "quanta": 2} {
		actors[id] = &entente.Actor{ID: id, Name: string(id), Kind: entente.Firm, Capabilities: map[string]float64{"funding": c}}
	}
	lookup := func(id entente.ActorID) *entente.Actor { return actors[id] }
	now := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	env := func() entente.Env { return entente.Env{Now: now, Actors: lookup} }
	pact := entente.Pact{ID: "consortium", Name: "Consortium", Kind: entente.Alliance, Obligations: []entente.Obligation{entente.Consultation},
		Purposes: []entente.Purpose{entente.Defensive}, Duration: entente.Duration{Kind: entente.Permanent},
		Agreement: entente.Agreement{PowerMeasure: "funding", Exit: entente.ExitClause{Notice: entente.Days(90)},
			Disputes: entente.DisputeLadder{Negotiation: entente.Days(30), Mediation: entente.Days(30), Arbitration: entente.Days(60)}}}
	s, _, err := entente.Execute(nil, "aurora", entente.FoundPact{Pact: pact, Founders: []entente.ActorID{"aurora", "borealis", "quanta"}}, env())
	if err != nil {
		t.Fatal(err)
	}
	do := func(by entente.ActorID, cmd entente.Command) {
		t.Helper()
		var err error
		if s, _, err = entente.Execute(s, by, cmd, env()); err != nil {
			t.Fatal(err)
		}
	}
	for month := 0; month < 6; month++ {
		for _, id := range []entente.ActorID{"aurora", "borealis", "quanta"} {
			do(id, entente.Pledge{Resource: "funding", Amount: 10 * actors[id].Capabilities["funding"], Due: now.AddDate(0, 0, 20)})
			do(id, entente.Contribute{Commitment: s.Commitments.Last().ID, Amount: 10 * actors[id].Capabilities["funding"]})
		}
		now = now.AddDate(0, 1, 0)
	}
	return s, lookup
}

// What if quanta delivers only 40% of its pledges from now on? Its
// partners raise disputes that climb towards arbitration and the pact's
// health falls, against a future in which everyone keeps its word; the
// live pact itself is untouched.
func TestWhatIfAShirkingMember(t *testing.T) {
	s, actors := livePact(t)
	before := s.Len
	o := WhatIf{Periods: 12, Runs: 40, Seed: 3}
	keep, err := WhatIfPact(s, actors, o)
	if err != nil {
		t.Fatal(err)
	}
	o.Deliver = map[entente.ActorID]float64{"quanta": 0.4}
	shirk, err := WhatIfPact(s, actors, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("kept: health median %.1f, P(arbitration) %.2f, P(dissolution) %.2f", keep.HealthQuantile(0.5), keep.Arbitration, keep.Dissolution)
	t.Logf("quanta at 40%%: health median %.1f [%.1f, %.1f], P(arbitration) %.2f, P(dissolution) %.2f; %v",
		shirk.HealthQuantile(0.5), shirk.HealthQuantile(0.05), shirk.HealthQuantile(0.95), shirk.Arbitration, shirk.Dissolution, shirk.Assumptions)
	if s.Len != before {
		t.Error("the what-if changed the live pact")
	}
	if !(shirk.HealthQuantile(0.5) < keep.HealthQuantile(0.5)-5) {
		t.Errorf("median health %.1f with quanta shirking, %.1f without: expected clearly lower", shirk.HealthQuantile(0.5), keep.HealthQuantile(0.5))
	}
	if !(shirk.Arbitration > 0.2 && keep.Arbitration == 0) {
		t.Errorf("P(arbitration) %.2f with quanta shirking, %.2f without: expected disputes to reach arbitration only when it shirks",
			shirk.Arbitration, keep.Arbitration)
	}
	if len(shirk.Health) != 40 || math.IsNaN(shirk.HealthQuantile(0.5)) {
		t.Errorf("%d health scores, median %v", len(shirk.Health), shirk.HealthQuantile(0.5))
	}
	if _, err := WhatIfPact(s, actors, WhatIf{Periods: 3, Runs: 2, Deliver: map[entente.ActorID]float64{"nobody": 1}}); err == nil {
		t.Error("an assumption about a non-member: expected an error")
	}
}

func TestParseDeliver(t *testing.T) {
	for in, want := range map[string]float64{"quanta=0.4": 0.4, "quanta=40%": 0.4, "quanta=1": 1} {
		id, v, err := ParseDeliver(in)
		if err != nil || id != "quanta" || math.Abs(v-want) > 1e-12 {
			t.Errorf("%q: %v %v %v", in, id, v, err)
		}
	}
	for _, bad := range []string{"quanta", "=0.4", "quanta=much"} {
		if _, _, err := ParseDeliver(bad); err == nil {
			t.Errorf("%q: expected an error", bad)
		}
	}
}
