// Package demo authors Entente's demo workspace: a three-firm R&D joint
// venture and an advocacy coalition, played out over the four months before
// a given time so that the record holds what a real pact would: weighted
// decisions, kept and overdue commitments, a dispute in mediation, open
// joining, majority decisions and an objective that completes a coalition.
package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// clock is the demo's own time, moved forward by the script.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// script runs the demo's commands, stopping at the first failure. Every
// action is a request signed by the acting actor's demo delegate (and,
// where the command needs it, by the others who must consent).
type script struct {
	ctx       context.Context
	svc       *ledger.Service
	clk       *clock
	rand      io.Reader
	delegates map[entente.ActorID]*entente.Delegate
	nonces    int
	err       error
}

func (s *script) at(t time.Time) { s.clk.t = t }

// nonce returns the next of the demo's request nonces.
func (s *script) nonce() string {
	s.nonces++
	return fmt.Sprintf("demo-%012d", s.nonces)
}

// actor registers a with a demo delegate: the operator invites it, and
// the delegate redeems the invitation with its own key.
func (s *script) actor(a entente.Actor) {
	if s.err != nil {
		return
	}
	d, err := entente.NewDelegate(a.ID, a.Name+" delegate", s.rand)
	if err != nil {
		s.err = err
		return
	}
	token := s.nonce() + "-invitation"
	if _, err := s.svc.Invite(s.ctx, a.ID, token, s.clk.t.Add(entente.Day), false); err != nil {
		s.err = fmt.Errorf("demo: inviting %s: %w", a.ID, err)
		return
	}
	sig, err := d.Sign(entente.RegistryLog, entente.RegisterActor{Actor: a, Key: d.PublicKey(), Delegate: d.Name, Token: token}, s.nonce(), s.clk.t.Add(entente.Day))
	if err == nil {
		_, err = s.svc.Submit(s.ctx, sig)
	}
	if err != nil {
		s.err = fmt.Errorf("demo: registering %s: %w", a.ID, err)
		return
	}
	s.delegates[a.ID] = d
}

// do submits cmd on pact as by, signed by by's delegate and co-signed by
// the delegates of everyone else the command needs.
func (s *script) do(pact entente.PactID, by entente.ActorID, cmd entente.Command) {
	if s.err != nil {
		return
	}
	st, _ := s.svc.Pact(pact)
	sig, err := s.delegates[by].Sign(string(pact), cmd, s.nonce(), s.clk.t.Add(entente.Day))
	if err != nil {
		s.err = err
		return
	}
	for _, id := range entente.RequiredSigners(st, by, cmd) {
		if id != by {
			sig.Cosign(s.delegates[id].Key)
		}
	}
	if _, err := s.svc.Submit(s.ctx, sig); err != nil {
		s.err = fmt.Errorf("demo: %s %T on %s: %w", by, cmd, pact, err)
	}
}

// Seed writes the demo workspace into store, ending at now, and returns
// the demo actors' delegates, whose keys rand makes. The store must be
// empty. The events carry times in the four months before now, so the
// demo looks lived-in whenever it is started.
func Seed(ctx context.Context, store logstore.Store, signer tlog.Signer, now time.Time, rand io.Reader) ([]*entente.Delegate, error) {
	start := now.Add(-120 * entente.Day).Truncate(time.Hour)
	clk := &clock{t: start}
	svc, err := ledger.Open(ctx, store, signer, clk.now)
	if err != nil {
		return nil, err
	}
	s := &script{ctx: ctx, svc: svc, clk: clk, rand: rand, delegates: map[entente.ActorID]*entente.Delegate{}}
	actors(s)
	jointVenture(s, start)
	coalition(s, start)
	s.at(now)
	if s.err == nil {
		_, s.err = svc.Tick(ctx)
	}
	if s.err != nil {
		return nil, s.err
	}
	out := make([]*entente.Delegate, 0, len(s.delegates))
	for _, a := range svc.Actors() {
		out = append(out, s.delegates[a.ID])
	}
	return out, nil
}

func actors(s *script) {
	firm := func(id, name string, economic, technology, staff float64) entente.Actor {
		return entente.Actor{ID: entente.ActorID(id), Name: name, Kind: entente.Firm,
			Capabilities: map[string]float64{"economic": economic, "technology": technology, "staff": staff}}
	}
	ngo := func(id, name string, economic, members float64) entente.Actor {
		return entente.Actor{ID: entente.ActorID(id), Name: name, Kind: entente.NGO,
			Capabilities: map[string]float64{"economic": economic, "members": members}}
	}
	for _, a := range []entente.Actor{
		firm("helios", "Helios Materials AG", 820, 70, 4200),
		firm("nordcell", "Nordcell Batteries AB", 310, 85, 1300),
		firm("quanta", "Quanta Labs Ltd", 300, 90, 240),
		ngo("clean-air", "Clean Air Now", 4.2, 52000),
		ngo("cyclists", "City Cyclists Union", 1.1, 18000),
		ngo("parents", "Parents for Safe Streets", 0.6, 9000),
		ngo("doctors", "Doctors for Clean Air", 2.3, 3100),
		ngo("transit", "Transit Riders Alliance", 0.9, 12000),
	} {
		s.actor(a)
	}
}

// jointVenture is a three-firm R&D joint venture for solid-state battery
// cells: budget decisions weighted by contribution share, commitments of
// money and staff, and one member, Quanta, that paid its first tranche and
// then fell behind: its engineer-months are overdue, it has delivered
// nothing for two months, and a dispute about it is now in mediation.
func jointVenture(s *script, start time.Time) {
	const jv = "solid-state-jv"
	day := func(n int) time.Time { return start.Add(time.Duration(n) * entente.Day) }
	weighted := entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.6, WeightBy: "contributions:eur_k", Window: entente.Days(10)}
	pact := entente.Pact{
		ID: jv, Name: "Solid-State Cell Joint Venture", Kind: entente.Alliance,
		Purposes: []entente.Purpose{entente.Knowledge, entente.Economic},
		Duration: entente.Duration{Kind: entente.FixedTerm, Until: start.Add(3 * 365 * entente.Day)},
		Agreement: entente.Agreement{
			Scope: entente.Scope{Activities: []string{"solid-state electrolyte research", "pilot cell line"},
				Excluded: []string{"vehicle integration"}, Exclusive: true, Geography: []string{"EU", "NO"}},
			Contributions: []entente.ContributionClause{
				{Member: "helios", Resource: "eur_k", Amount: 6000},
				{Member: "nordcell", Resource: "eur_k", Amount: 3000},
				{Member: "quanta", Resource: "eur_k", Amount: 1000},
			},
			Benefits: entente.BenefitRule{Kind: entente.BenefitByContribution},
			Rules: map[entente.Matter]entente.DecisionRule{
				entente.General:     weighted,
				entente.Budget:      weighted,
				entente.Admission:   {Kind: entente.Unanimity},
				entente.Amendment:   {Kind: entente.Unanimity},
				entente.Dissolution: {Kind: entente.Unanimity},
			},
			Exit:         entente.ExitClause{Notice: entente.Days(180), WindDown: entente.Days(90)},
			Disputes:     entente.DisputeLadder{Negotiation: entente.Days(21), Mediation: entente.Days(45), Arbitration: entente.Days(90)},
			IP:           entente.IPClause{Background: "stays with its owner, licensed royalty-free for the venture", Foreground: "jointly owned in proportion to contributions", Sideground: "owned by the creating member"},
			PowerMeasure: "economic",
			// Engineer time is worth EUR 15k a month, so money and staff
			// add up when burden-sharing is measured.
			Valuation: map[string]float64{"eur_k": 1, "engineer_months": 15},
		},
	}
	s.do(jv, "helios", entente.FoundPact{Pact: pact, Founders: []entente.ActorID{"helios", "nordcell", "quanta"}})
	s.do(jv, "helios", entente.SetObjective{Metric: "pilot_cells_built", Target: 500, Deadline: day(540)})
	s.do(jv, "helios", entente.Pledge{Resource: "eur_k", Amount: 2000, Due: day(30)})
	s.do(jv, "nordcell", entente.Pledge{Resource: "eur_k", Amount: 1000, Due: day(30)})
	s.do(jv, "quanta", entente.Pledge{Resource: "eur_k", Amount: 400, Due: day(30)})
	s.at(day(20))
	s.do(jv, "helios", entente.Contribute{Commitment: "c1", Amount: 2000})
	s.do(jv, "nordcell", entente.Contribute{Commitment: "c2", Amount: 1000})
	s.at(day(28))
	s.do(jv, "quanta", entente.Contribute{Commitment: "c3", Amount: 400})
	// Second tranche and staff: Quanta's engineers are the ones that slip.
	s.at(day(35))
	s.do(jv, "helios", entente.Pledge{Resource: "eur_k", Amount: 2000, Due: day(90)})
	s.do(jv, "nordcell", entente.Pledge{Resource: "eur_k", Amount: 1000, Due: day(90)})
	s.do(jv, "quanta", entente.Pledge{Resource: "engineer_months", Amount: 24, Due: day(75)})
	s.at(day(40))
	s.do(jv, "helios", entente.Propose{Matter: entente.Budget, Title: "Approve the pilot line budget of EUR 4.2m",
		Text: "Equipment for a 50-cell-per-week pilot line at the Nordcell site."})
	s.at(day(41))
	s.do(jv, "nordcell", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	s.do(jv, "helios", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	s.at(day(45))
	s.do(jv, "quanta", entente.Contribute{Commitment: "c6", Amount: 10})
	s.at(day(80))
	s.do(jv, "helios", entente.Contribute{Commitment: "c4", Amount: 2000})
	s.do(jv, "nordcell", entente.Contribute{Commitment: "c5", Amount: 1000})
	s.at(day(85))
	s.do(jv, "quanta", entente.Propose{Matter: entente.General, Title: "Open a second research site in Cambridge"})
	s.do(jv, "quanta", entente.CastVote{Proposal: "p2", Choice: entente.Yes})
	s.at(day(86))
	s.do(jv, "helios", entente.CastVote{Proposal: "p2", Choice: entente.No})
	s.at(day(88))
	s.do(jv, "nordcell", entente.RaiseDispute{Against: []entente.ActorID{"quanta"},
		Subject: "Engineer-months pledged for the electrolyte work package are not delivered"})
	s.at(day(95))
	s.do(jv, "helios", entente.Pledge{Resource: "eur_k", Amount: 1500, Due: day(110)})
	s.do(jv, "nordcell", entente.Pledge{Resource: "eur_k", Amount: 750, Due: day(110)})
	s.at(day(100))
	s.do(jv, "nordcell", entente.ReportProgress{Objective: "o1", Value: 40})
	s.do(jv, "helios", entente.Contribute{Commitment: "c7", Amount: 1500})
	s.do(jv, "nordcell", entente.Contribute{Commitment: "c8", Amount: 750})
	s.at(day(110)) // the negotiation deadline (day 109) has passed: mediation
}

// coalition is an advocacy coalition for a low-emission zone: open to any
// group that asks, deciding by simple majority, and ending when its
// petition reaches its target. A second campaign is still running.
func coalition(s *script, start time.Time) {
	day := func(n int) time.Time { return start.Add(time.Duration(n) * entente.Day) }
	agreement := entente.Agreement{
		Scope:        entente.Scope{Activities: []string{"petition", "public hearings", "press"}, Geography: []string{"Riverton"}},
		Benefits:     entente.BenefitRule{Kind: entente.BenefitEqual},
		Rules:        map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.SimpleMajority, Quorum: 0.5, Window: entente.Days(5)}},
		Join:         entente.JoinOpen,
		Exit:         entente.ExitClause{Notice: entente.Days(14)},
		Disputes:     entente.DisputeLadder{Negotiation: entente.Days(14), Mediation: entente.Days(30)},
		PowerMeasure: "members",
	}
	lez := entente.Pact{ID: "clean-air-zone", Name: "Coalition for a Low-Emission Zone", Kind: entente.Coalition,
		Purposes: []entente.Purpose{entente.Political, entente.Social}, Agreement: agreement,
		Duration: entente.Duration{Kind: entente.UntilObjective, Objective: "petition_signatures"}}
	s.at(day(2))
	s.do(lez.ID, "clean-air", entente.FoundPact{Pact: lez, Founders: []entente.ActorID{"clean-air", "cyclists"}})
	s.do(lez.ID, "clean-air", entente.SetObjective{Metric: "petition_signatures", Target: 20000, Deadline: day(90)})
	s.at(day(6))
	s.do(lez.ID, "parents", entente.RequestJoin{})
	s.do(lez.ID, "doctors", entente.RequestJoin{})
	s.do(lez.ID, "clean-air", entente.Pledge{Resource: "volunteer_hours", Amount: 400, Due: day(60)})
	s.do(lez.ID, "cyclists", entente.Pledge{Resource: "volunteer_hours", Amount: 150, Due: day(60)})
	s.at(day(10))
	s.do(lez.ID, "cyclists", entente.Propose{Matter: entente.General, Title: "Hold a bike-bus rally on 1 May"})
	for _, id := range []entente.ActorID{"cyclists", "parents", "clean-air"} {
		s.do(lez.ID, id, entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	}
	s.at(day(30))
	s.do(lez.ID, "clean-air", entente.ReportProgress{Objective: "o1", Value: 11800})
	s.do(lez.ID, "clean-air", entente.Contribute{Commitment: "c1", Amount: 260})
	s.do(lez.ID, "cyclists", entente.Contribute{Commitment: "c2", Amount: 150})
	s.at(day(55))
	s.do(lez.ID, "clean-air", entente.Contribute{Commitment: "c1", Amount: 140})
	s.do(lez.ID, "doctors", entente.ReportProgress{Objective: "o1", Value: 20450})

	// A second campaign, still under way.
	transit := lez
	transit.ID, transit.Name = "fare-free-buses", "Fare-Free Buses Campaign"
	transit.Duration = entente.Duration{Kind: entente.UntilObjective, Objective: "council_votes"}
	s.at(day(70))
	s.do(transit.ID, "transit", entente.FoundPact{Pact: transit, Founders: []entente.ActorID{"transit", "clean-air", "cyclists"}})
	s.do(transit.ID, "transit", entente.SetObjective{Metric: "council_votes", Target: 26, Deadline: day(250)})
	s.at(day(75))
	s.do(transit.ID, "parents", entente.RequestJoin{})
	s.do(transit.ID, "transit", entente.Pledge{Resource: "volunteer_hours", Amount: 300, Due: day(150)})
	s.at(day(95))
	s.do(transit.ID, "transit", entente.ReportProgress{Objective: "o1", Value: 17})
	s.at(day(116))
	s.do(transit.ID, "clean-air", entente.Propose{Matter: entente.General, Title: "Commission a fare-revenue study"})
	s.do(transit.ID, "clean-air", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
}
