package trust_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/entente/entente"
)

// t0 is when the test pacts are founded.
var t0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// day returns the time n days after t0.
func day(n float64) time.Time { return t0.Add(time.Duration(n * float64(entente.Day))) }

// record builds a pact state by hand, for tests that need exact times and
// outcomes without playing commands.
type record struct {
	s *entente.PactState
}

// newRecord returns a pact whose members all joined at t0.
func newRecord(ids ...entente.ActorID) *record {
	s := &entente.PactState{Founded: t0, Members: entente.ActorMap[*entente.Membership]{}}
	for _, id := range ids {
		s.Members = s.Members.Set(id, &entente.Membership{Member: id, Status: entente.Active, Joined: t0,
			Tenures: []entente.Tenure{{From: t0}}})
	}
	return &record{s: s}
}

// commitment adds a commitment of 10 units by member, due at due, with
// delivered units delivered; fulfilled (when delivered covers it) at
// fulfilled, and marked late when fulfilled after due or still short
// after due (as Advance would have marked it by then).
func (r *record) commitment(member entente.ActorID, due time.Time, delivered float64, fulfilled time.Time) *entente.Commitment {
	c := &entente.Commitment{ID: fmt.Sprintf("c%d", r.s.Commitments.Len()+1), Member: member, Resource: "eur",
		Amount: 10, Due: due, Made: t0, Delivered: delivered}
	if delivered >= c.Amount {
		c.FulfilledAt = fulfilled
		c.Late = fulfilled.After(due)
	}
	r.s.Commitments = r.s.Commitments.Append(c)
	return c
}

// kept adds a commitment fulfilled in full at the given time, due then.
func (r *record) kept(member entente.ActorID, at time.Time) { r.commitment(member, at, 10, at) }

// missed adds a commitment that fell due at due with nothing delivered.
func (r *record) missed(member entente.ActorID, due time.Time) {
	r.commitment(member, due, 0, time.Time{}).Late = true
}

// vote adds a decided proposal with the given votes.
func (r *record) vote(at time.Time, votes map[entente.ActorID]entente.Choice) *entente.Proposal {
	p := &entente.Proposal{ID: fmt.Sprintf("p%d", r.s.Proposals.Len()+1), Matter: entente.General,
		Opened: at.Add(-entente.Day), Votes: entente.ActorMapOf(votes),
		Decision: &entente.Decision{Outcome: entente.Adopted, At: at}}
	r.s.Proposals = r.s.Proposals.Append(p)
	return p
}

// dispute adds a dispute raised by parties[0] against the rest at opened,
// closed at closed unless that is zero.
func (r *record) dispute(opened, closed time.Time, parties ...entente.ActorID) *entente.Dispute {
	d := &entente.Dispute{ID: fmt.Sprintf("d%d", r.s.Disputes.Len()+1), Parties: parties, Subject: "s",
		Stage: entente.Negotiation, Opened: opened}
	if !closed.IsZero() {
		d.Stage, d.Closed, d.Outcome = entente.Closed, closed, "settled"
	}
	r.s.Disputes = r.s.Disputes.Append(d)
	return d
}

// near reports whether a and b agree to within tol.
func near(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }

// checkNear fails the test when got is not within tol of want.
func checkNear(tb testing.TB, what string, got, want, tol float64) {
	tb.Helper()
	if !near(got, want, tol) {
		tb.Errorf("%s = %.12g, want %.12g (±%g)", what, got, want, tol)
	}
}
