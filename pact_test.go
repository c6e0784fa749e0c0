package entente_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/google/go-cmp/cmp"
)

func TestAllianceAdmitsOnlyByConsentOfEveryMember(t *testing.T) {
	w := newWorld(t, "a", "b", "c", "d", "e")
	found(w, entente.Alliance, entente.Agreement{}, "a", "b", "c")

	w.must("d", entente.RequestJoin{})
	if got := w.status("d"); got != entente.Applicant {
		t.Fatalf("d after request: %s, want applicant", got)
	}
	p := w.lastProposal()
	if p.Matter != entente.Admission || p.Rule.Kind != entente.Unanimity {
		t.Fatalf("admission proposal %+v, want unanimity on admission", p)
	}
	w.must("a", entente.CastVote{Proposal: p.ID, Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: p.ID, Choice: entente.Yes})
	if got := w.status("d"); got != entente.Applicant {
		t.Fatalf("d admitted with two of three consents: %s", got)
	}
	w.must("c", entente.CastVote{Proposal: p.ID, Choice: entente.Yes})
	if got := w.status("d"); got != entente.Active {
		t.Fatalf("d after every consent: %s, want active", got)
	}

	// One veto keeps e out.
	w.must("e", entente.RequestJoin{})
	p = w.lastProposal()
	w.must("d", entente.CastVote{Proposal: p.ID, Choice: entente.No})
	if got := w.status("e"); got != entente.Refused {
		t.Fatalf("e after a veto: %s, want refused", got)
	}
	if p := w.state.Proposal(p.ID); p.Decision == nil || p.Decision.Outcome != entente.Rejected {
		t.Fatalf("vetoed proposal not rejected: %+v", p.Decision)
	}
}

func TestAllianceAdmissionRuleFromAgreement(t *testing.T) {
	w := newWorld(t, "a", "b", "c", "d")
	agreement := entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{
		entente.Admission: {Kind: entente.QualifiedMajority, Threshold: 2.0 / 3},
	}}
	found(w, entente.Alliance, agreement, "a", "b", "c")
	w.must("d", entente.RequestJoin{})
	p := w.lastProposal()
	w.must("a", entente.CastVote{Proposal: p.ID, Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: p.ID, Choice: entente.Yes})
	if got := w.status("d"); got != entente.Active {
		t.Fatalf("d with 2 of 3 under a two-thirds admission rule: %s, want active", got)
	}
}

func TestCoalitionOpenJoinAndNotice(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	agreement := entente.Agreement{Exit: entente.ExitClause{Notice: entente.Days(30)}}
	found(w, entente.Coalition, agreement, "a")
	w.must("b", entente.RequestJoin{})
	if got := w.status("b"); got != entente.Active {
		t.Fatalf("b in an open coalition: %s, want active", got)
	}
	w.mustFail("b", entente.RequestJoin{}, entente.ECONFLICT)

	w.must("b", entente.Pledge{Resource: "eur", Amount: 100, Due: t0.Add(60 * entente.Day)})
	w.must("b", entente.GiveNotice{})
	w.mustFail("b", entente.GiveNotice{}, entente.ECONFLICT)
	w.advance(29 * entente.Day)
	if got := w.status("b"); got != entente.OnNotice {
		t.Fatalf("b before notice runs out: %s", got)
	}
	w.advance(entente.Day)
	if got := w.status("b"); got != entente.Former {
		t.Fatalf("b after notice: %s, want former", got)
	}
	// What b owed stays on record, falls overdue, and can still be settled.
	w.advance(31 * entente.Day)
	c := w.state.Commitment("c1")
	if c == nil || c.Member != "b" || c.Status() != entente.Overdue {
		t.Fatalf("b's commitment after leaving: %+v", c)
	}
	w.must("b", entente.Contribute{Commitment: "c1", Amount: 100})
	if got := w.state.Commitment("c1").Status(); got != entente.Fulfilled {
		t.Fatalf("settled commitment: %s", got)
	}
	// A former member may not pledge anew.
	w.mustFail("b", entente.Pledge{Resource: "eur", Amount: 1, Due: w.now.Add(entente.Day)}, entente.EFORBIDDEN)
}

func TestCommitmentLifecycle(t *testing.T) {
	w := newWorld(t, "a", "b")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b")
	w.must("a", entente.Pledge{Resource: "staff_months", Amount: 10, Due: t0.Add(10 * entente.Day)})
	status := func() entente.CommitmentStatus { return w.state.Commitment("c1").Status() }
	if status() != entente.Pledged {
		t.Fatalf("new commitment: %s", status())
	}
	w.must("a", entente.Contribute{Commitment: "c1", Amount: 4})
	if status() != entente.PartlyDelivered {
		t.Fatalf("after 4 of 10: %s", status())
	}
	w.advance(10 * entente.Day)
	if status() != entente.PartlyDelivered {
		t.Fatalf("on the due date: %s, want still partly delivered", status())
	}
	w.advance(time.Second)
	if status() != entente.Overdue {
		t.Fatalf("after the due date: %s, want overdue", status())
	}
	w.must("a", entente.Contribute{Commitment: "c1", Amount: 6})
	c := w.state.Commitment("c1")
	if c.Status() != entente.Fulfilled || !c.Late {
		t.Fatalf("after late delivery: %s late=%v", c.Status(), c.Late)
	}
	w.mustFail("b", entente.Contribute{Commitment: "c1", Amount: 1}, entente.EFORBIDDEN)
	w.mustFail("a", entente.Contribute{Commitment: "c1", Amount: -1}, entente.EINVALID)
	w.mustFail("a", entente.Contribute{Commitment: "c9", Amount: 1}, entente.ENOTFOUND)
	w.mustFail("a", entente.Contribute{Commitment: "c1", Resource: "eur", Amount: 1}, entente.EINVALID)
}

func TestDisputeLadder(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	agreement := entente.Agreement{Disputes: entente.DisputeLadder{Negotiation: entente.Days(14), Mediation: entente.Days(30)}}
	found(w, entente.Coalition, agreement, "a", "b", "c")
	w.must("a", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "late prototype"})
	d := func() *entente.Dispute { return w.state.Dispute("d1") }
	if d().Stage != entente.Negotiation || !d().Deadline.Equal(t0.Add(14*entente.Day)) {
		t.Fatalf("new dispute: %+v", d())
	}
	w.advance(14 * entente.Day)
	if d().Stage != entente.Mediation {
		t.Fatalf("after the negotiation deadline: %s, want mediation", d().Stage)
	}
	w.mustFail("c", entente.EscalateDispute{Dispute: "d1"}, entente.EFORBIDDEN)
	w.must("b", entente.EscalateDispute{Dispute: "d1"})
	if d().Stage != entente.Arbitration || !d().Deadline.IsZero() {
		t.Fatalf("after a party's request: %+v, want arbitration without deadline", d())
	}
	w.mustFail("a", entente.EscalateDispute{Dispute: "d1"}, entente.ECONFLICT)
	w.must("a", entente.ResolveDispute{Dispute: "d1", Outcome: "award: b delivers by June"})
	if d().Stage != entente.Closed || d().Outcome == "" {
		t.Fatalf("resolved dispute: %+v", d())
	}
	w.mustFail("b", entente.ResolveDispute{Dispute: "d1", Outcome: "again"}, entente.ECONFLICT)
	var stages []entente.DisputeStage
	for _, s := range d().Steps {
		stages = append(stages, s.Stage)
	}
	want := []entente.DisputeStage{entente.Negotiation, entente.Mediation, entente.Arbitration, entente.Closed}
	if diff := cmp.Diff(want, stages); diff != "" {
		t.Fatalf("ladder steps (-want +got):\n%s", diff)
	}
}

func TestLateAdvanceClimbsSeveralRungs(t *testing.T) {
	w := newWorld(t, "a", "b")
	agreement := entente.Agreement{Disputes: entente.DisputeLadder{Negotiation: entente.Days(10), Mediation: entente.Days(10), Arbitration: entente.Days(10)}}
	found(w, entente.Coalition, agreement, "a", "b")
	w.must("a", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "x"})
	w.advance(25 * entente.Day)
	d := w.state.Dispute("d1")
	if d.Stage != entente.Arbitration || !d.Deadline.Equal(t0.Add(30*entente.Day)) {
		t.Fatalf("after 25 days: %s until %s, want arbitration until day 30", d.Stage, d.Deadline)
	}
}

func TestCoalitionDissolvesWhenObjectiveMet(t *testing.T) {
	w := newWorld(t, "a", "b")
	p := entente.Pact{ID: "campaign", Name: "Campaign", Kind: entente.Coalition,
		Duration: entente.Duration{Kind: entente.UntilObjective, Objective: "signatures"}}
	w.must("a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}})
	w.must("a", entente.SetObjective{Metric: "signatures", Target: 10000, Deadline: t0.Add(90 * entente.Day)})
	w.must("b", entente.ReportProgress{Objective: "o1", Value: 6000})
	if w.state.Dissolved != nil {
		t.Fatal("dissolved before the objective was met")
	}
	w.must("b", entente.ReportProgress{Objective: "o1", Value: 10400})
	if w.state.Dissolved == nil || !strings.Contains(w.state.Dissolved.Reason, "signatures") {
		t.Fatalf("not dissolved when the objective was met: %+v", w.state.Dissolved)
	}
	if got := w.status("a"); got != entente.Former {
		t.Fatalf("a after dissolution: %s", got)
	}
	w.mustFail("a", entente.Propose{Matter: entente.General, Title: "more"}, entente.ECONFLICT)
}

func TestAllianceDissolvesOnlyByDecision(t *testing.T) {
	w := newWorld(t, "a", "b")
	p := entente.Pact{ID: "pact", Name: "Pact", Kind: entente.Alliance,
		Duration: entente.Duration{Kind: entente.UntilObjective, Objective: "deterrence"}}
	w.must("a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}})
	w.must("a", entente.SetObjective{Metric: "deterrence", Target: 1})
	w.must("a", entente.ReportProgress{Objective: "o1", Value: 1})
	if w.state.Dissolved != nil {
		t.Fatal("an alliance dissolved on its own when the objective was met")
	}
	w.must("a", entente.Propose{Matter: entente.Dissolution, Title: "End the alliance"})
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	if w.state.Dissolved == nil || w.state.Dissolved.Proposal != "p1" {
		t.Fatalf("not dissolved by decision: %+v", w.state.Dissolved)
	}
}

func TestConsensusPassesAfterWindowWithoutObjection(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	agreement := entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{
		entente.General: {Kind: entente.Consensus, Window: entente.Days(3)},
	}}
	found(w, entente.Alliance, agreement, "a", "b", "c")
	w.must("a", entente.Propose{Matter: entente.General, Title: "Joint statement"})
	w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.advance(3*entente.Day - time.Second)
	if w.state.Proposal("p1").Decision != nil {
		t.Fatal("consensus decided before its window closed")
	}
	w.advance(time.Second)
	if d := w.state.Proposal("p1").Decision; d == nil || d.Outcome != entente.Adopted {
		t.Fatalf("consensus after a silent window: %+v", d)
	}
	w.mustFail("c", entente.CastVote{Proposal: "p1", Choice: entente.No}, entente.ECONFLICT)

	w.must("a", entente.Propose{Matter: entente.General, Title: "Second statement"})
	w.must("c", entente.CastVote{Proposal: "p2", Choice: entente.No})
	if d := w.state.Proposal("p2").Decision; d == nil || d.Outcome != entente.Rejected {
		t.Fatalf("consensus after an objection: %+v", d)
	}
}

func TestWeightedByContributionShares(t *testing.T) {
	w := newWorld(t, "big", "mid", "small")
	agreement := entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{
		entente.General: {Kind: entente.Weighted, Threshold: 0.5, WeightBy: "contributions:eur"},
	}}
	found(w, entente.Coalition, agreement, "big", "mid", "small")
	for id, amount := range map[entente.ActorID]float64{"big": 60, "mid": 30, "small": 10} {
		w.must(id, entente.Contribute{Resource: "eur", Amount: amount})
	}
	w.must("mid", entente.Propose{Matter: entente.General, Title: "Budget"})
	p := w.state.Proposal("p1")
	if diff := cmp.Diff(map[entente.ActorID]float64{"big": 60, "mid": 30, "small": 10}, p.Weights); diff != "" {
		t.Fatalf("weights fixed at opening (-want +got):\n%s", diff)
	}
	w.must("mid", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("small", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	if p.Decision != nil {
		t.Fatalf("decided with 40%% of the weight: %+v", p.Decision)
	}
	w.must("big", entente.CastVote{Proposal: "p1", Choice: entente.No})
	if d := w.state.Proposal("p1").Decision; d == nil || d.Outcome != entente.Rejected || d.Tally.YesWeight != 40 {
		t.Fatalf("weighted decision: %+v", d)
	}
}

func TestVotingErrors(t *testing.T) {
	w := newWorld(t, "a", "b", "c", "x")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b", "c")
	w.must("a", entente.Propose{Matter: entente.General, Title: "Q"})
	w.mustFail("x", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, entente.EFORBIDDEN)
	w.mustFail("a", entente.CastVote{Proposal: "p9", Choice: entente.Yes}, entente.ENOTFOUND)
	w.mustFail("a", entente.CastVote{Proposal: "p1", Choice: "maybe"}, entente.EINVALID)
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.mustFail("a", entente.CastVote{Proposal: "p1", Choice: entente.No}, entente.ECONFLICT)
	w.mustFail("a", entente.Propose{Matter: "coup", Title: "Q"}, entente.EINVALID)
	w.mustFail("a", entente.Propose{Matter: entente.General}, entente.EINVALID)
	w.mustFail("x", entente.Propose{Matter: entente.General, Title: "Q"}, entente.EFORBIDDEN)
	w.mustFail("a", entente.Propose{Matter: entente.Expulsion, Title: "Q", Subject: "x"}, entente.EINVALID)
}

func TestExpulsionAndSuspension(t *testing.T) {
	w := newWorld(t, "a", "b", "c", "d")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b", "c", "d")
	w.must("a", entente.Propose{Matter: entente.Suspension, Title: "Suspend d", Subject: "d"})
	if oneOf := w.state.Proposal("p1").Electorate; len(oneOf) != 3 {
		t.Fatalf("the subject may not vote on its own suspension: electorate %v", oneOf)
	}
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.advance(entente.DefaultWindow)
	if got := w.status("d"); got != entente.Suspended {
		t.Fatalf("d: %s, want suspended", got)
	}
	w.must("a", entente.Propose{Matter: entente.General, Title: "Q"})
	w.mustFail("d", entente.CastVote{Proposal: "p2", Choice: entente.Yes}, entente.EFORBIDDEN)
	w.must("b", entente.Propose{Matter: entente.Expulsion, Title: "Expel d", Subject: "d"})
	w.must("a", entente.CastVote{Proposal: "p3", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p3", Choice: entente.Yes})
	// c records its vote after the outcome is settled: on the record, and
	// the decision stands; once the window closes no vote is taken.
	w.must("c", entente.CastVote{Proposal: "p3", Choice: entente.No})
	if p := w.state.Proposal("p3"); p.Votes.Get("c") != entente.No || p.Decision.Outcome != entente.Adopted {
		t.Fatalf("p3 after c's late vote: votes %v, decision %+v", p.Votes, p.Decision)
	}
	if m := w.state.Members.Get("d"); m.Status != entente.Former || !strings.Contains(m.Reason, "expelled") {
		t.Fatalf("d after expulsion: %+v", m)
	}
	w.advance(entente.DefaultWindow)
	w.mustFail("c", entente.CastVote{Proposal: "p3", Choice: entente.Yes}, entente.ECONFLICT)
}

func TestAmendmentChangesTheRule(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b", "c")
	amended := entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.Unanimity}}}
	w.must("a", entente.Propose{Matter: entente.Amendment, Title: "Unanimity", Amendment: &amended})
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	if got := w.state.Pact.Agreement.RuleFor(entente.Coalition, entente.General).Kind; got != entente.Unanimity {
		t.Fatalf("rule after amendment: %s", got)
	}
	bad := entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: "lottery"}}}
	w.mustFail("a", entente.Propose{Matter: entente.Amendment, Title: "bad", Amendment: &bad}, entente.EINVALID)
}

func TestFixedTermEnds(t *testing.T) {
	w := newWorld(t, "a", "b")
	p := entente.Pact{ID: "jv", Name: "JV", Kind: entente.Alliance,
		Duration: entente.Duration{Kind: entente.FixedTerm, Until: t0.Add(365 * entente.Day)}}
	w.must("a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}})
	w.advance(364 * entente.Day)
	if w.state.Dissolved != nil {
		t.Fatal("ended before its term")
	}
	w.advance(entente.Day)
	if w.state.Dissolved == nil {
		t.Fatal("did not end at its term")
	}
}

func TestFoundPactErrors(t *testing.T) {
	good := entente.Pact{ID: "p", Name: "P", Kind: entente.Alliance}
	tests := []struct {
		name  string
		by    entente.ActorID
		cmd   entente.FoundPact
		code  string
		field string
	}{
		{"alliance of one", "a", entente.FoundPact{Pact: good, Founders: []entente.ActorID{"a"}}, entente.EINVALID, "founders"},
		{"unknown founder", "a", entente.FoundPact{Pact: good, Founders: []entente.ActorID{"a", "zz"}}, entente.EINVALID, "founders[1]"},
		{"twice", "a", entente.FoundPact{Pact: good, Founders: []entente.ActorID{"a", "a"}}, entente.EINVALID, "founders[1]"},
		{"not a founder", "c", entente.FoundPact{Pact: good, Founders: []entente.ActorID{"a", "b"}}, entente.EFORBIDDEN, "by"},
		{"bad id", "a", entente.FoundPact{Pact: entente.Pact{ID: "Bad ID", Name: "P", Kind: entente.Alliance}, Founders: []entente.ActorID{"a", "b"}}, entente.EINVALID, "id"},
		{"bad kind", "a", entente.FoundPact{Pact: entente.Pact{ID: "p", Name: "P", Kind: "club"}, Founders: []entente.ActorID{"a", "b"}}, entente.EINVALID, "kind"},
		{"bad purpose", "a", entente.FoundPact{Pact: entente.Pact{ID: "p", Name: "P", Kind: entente.Alliance, Purposes: []entente.Purpose{"fun"}}, Founders: []entente.ActorID{"a", "b"}}, entente.EINVALID, "purposes[0]"},
		{"bad rule", "a", entente.FoundPact{Pact: entente.Pact{ID: "p", Name: "P", Kind: entente.Alliance, Agreement: entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{entente.Budget: {Kind: entente.QualifiedMajority}}}}, Founders: []entente.ActorID{"a", "b"}}, entente.EINVALID, "agreement.rules.budget.threshold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, "a", "b", "c")
			err := w.do(tt.by, tt.cmd)
			if entente.ErrorCode(err) != tt.code || entente.ErrorField(err) != tt.field {
				t.Fatalf("got %v, want %s on %s", err, tt.code, tt.field)
			}
		})
	}
}

// TestReplayReproducesStateAndDecisions folds a log written by commands and
// gets the same state, then shows that a doctored decision does not replay.
func TestReplayReproducesStateAndDecisions(t *testing.T) {
	w := newWorld(t, "a", "b", "c", "d")
	found(w, entente.Alliance, entente.Agreement{Exit: entente.ExitClause{Notice: entente.Days(10)}}, "a", "b", "c")
	w.must("d", entente.RequestJoin{})
	for _, id := range []entente.ActorID{"a", "b", "c"} {
		w.must(id, entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	}
	w.must("a", entente.Pledge{Resource: "eur", Amount: 5, Due: t0.Add(entente.Day)})
	w.must("c", entente.GiveNotice{})
	w.advance(20 * entente.Day)

	var encoded [][]byte
	for _, e := range w.log {
		b, err := entente.EncodeEvent(e)
		if err != nil {
			t.Fatal(err)
		}
		encoded = append(encoded, b)
	}
	var decoded []entente.Event
	for _, b := range encoded {
		e, err := entente.DecodeEvent(b)
		if err != nil {
			t.Fatal(err)
		}
		decoded = append(decoded, e)
	}
	if diff := cmp.Diff(w.log, decoded); diff != "" {
		t.Fatalf("events do not survive encoding (-want +got):\n%s", diff)
	}
	replayed, err := entente.Fold(decoded)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(w.state, replayed); diff != "" {
		t.Fatalf("replay differs (-live +replayed):\n%s", diff)
	}

	// Flip the recorded outcome of the admission vote.
	var doctored []entente.Event
	for _, e := range decoded {
		if d, ok := e.Data.(entente.ProposalDecided); ok {
			d.Decision.Outcome = entente.Rejected
			e.Data = d
		}
		doctored = append(doctored, e)
	}
	if _, err := entente.Fold(doctored); err == nil || !strings.Contains(err.Error(), "re-decides") {
		t.Fatalf("doctored decision replayed: %v", err)
	}
}

func TestDecodeEventRejects(t *testing.T) {
	tests := []string{
		`{}`,
		`{"seq":0,"type":"coup","at":"2026-01-01T00:00:00Z","data":{}}`,
		`{"seq":0,"type":"vote_cast","at":"2026-01-01T00:00:00Z","data":{"proposal":"p1","extra":1}}`,
		`{"seq":0,"type":"vote_cast","at":"2026-01-01T00:00:00Z","data":{}} trailing`,
		`not json`,
	}
	for _, in := range tests {
		if _, err := entente.DecodeEvent([]byte(in)); err == nil {
			t.Errorf("DecodeEvent(%s) succeeded", in)
		}
	}
}

func FuzzDecodeEvent(f *testing.F) {
	w := newWorld(f, "a", "b")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b")
	w.must("a", entente.Propose{Matter: entente.General, Title: "Q"})
	for _, e := range w.log {
		b, _ := json.Marshal(e)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := entente.DecodeEvent(b)
		if err != nil {
			return
		}
		again, err := entente.EncodeEvent(e)
		if err != nil {
			t.Fatalf("decoded event does not encode: %v", err)
		}
		if _, err := entente.DecodeEvent(again); err != nil {
			t.Fatalf("re-encoded event does not decode: %v", err)
		}
	})
}

func TestDissolutionRefusesOpenApplicants(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	found(w, entente.Alliance, entente.Agreement{}, "a", "b")
	w.must("c", entente.RequestJoin{}) // p1: admission of c, open
	w.must("a", entente.Propose{Matter: entente.Dissolution, Title: "End"})
	w.must("a", entente.CastVote{Proposal: "p2", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p2", Choice: entente.Yes})
	if w.state.Dissolved == nil || w.status("c") != entente.Refused {
		t.Fatalf("after dissolution: dissolved %v, applicant c is %s (want refused)", w.state.Dissolved, w.status("c"))
	}
}

func TestFixedTermEndEncodesCanonically(t *testing.T) {
	w := newWorld(t, "a", "b")
	paris := time.FixedZone("CET", 3600)
	p := entente.Pact{ID: "jv", Name: "JV", Kind: entente.Alliance,
		Duration: entente.Duration{Kind: entente.FixedTerm, Until: time.Date(2027, 1, 1, 1, 0, 0, 0, paris)}}
	w.must("a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}})
	b, err := entente.EncodeEvent(w.log[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"until":"2027-01-01T00:00:00Z"`) {
		t.Fatalf("term end not in UTC: %s", b)
	}
}
