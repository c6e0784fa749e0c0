package entente_test

// Tests of membership: notice and suspension, each first found by the property test
// (property_test.go).

import (
	"testing"

	"github.com/entente/entente"
)

// Suspension and notice share the one Membership.Status field, so each
// overwrites the other.

// TestSuspensionCancelsNotice is a regression test for a bug that the property test found; the
// text says how the bug behaved before it was fixed.
//
// TestSuspensionCancelsNotice: a member on notice that is then
// suspended becomes Suspended; advance() only lets OnNotice members leave,
// so its notice never runs out and it stays bound to the pact for ever,
// against GiveNotice's "It leaves when the agreement's notice period runs
// out".
func TestSuspensionCancelsNotice(t *testing.T) {
	w := newWorld(t, "a", "b", "c", "d")
	found(w, entente.Coalition, entente.Agreement{Exit: entente.ExitClause{Notice: entente.Days(10)}}, "a", "b", "c", "d")
	w.must("d", entente.GiveNotice{})
	w.must("a", entente.Propose{Matter: entente.Suspension, Title: "Suspend d", Subject: "d"})
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.advance(100 * entente.Day)
	if got := w.status("d"); got != entente.Former {
		t.Fatalf("d gave 10 days' notice and is still %s 100 days later", got)
	}
}

// TestNoticeLiftsSuspension is a regression test for a bug that the property test found; the
// text says how the bug behaved before it was fixed.
//
// TestNoticeLiftsSuspension: a suspended member ("still bound, but may
// not vote") may give notice, which makes it OnNotice, and OnNotice
// members may vote and propose: giving notice lifts the suspension.
func TestNoticeLiftsSuspension(t *testing.T) {
	w := newWorld(t, "a", "b", "c", "d")
	found(w, entente.Coalition, entente.Agreement{Exit: entente.ExitClause{Notice: entente.Days(10)}}, "a", "b", "c", "d")
	w.must("a", entente.Propose{Matter: entente.Suspension, Title: "Suspend d", Subject: "d"})
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	if got := w.status("d"); got != entente.Suspended {
		t.Fatalf("d: %s, want suspended", got)
	}
	_ = w.do("d", entente.GiveNotice{}) // refusing the notice is a fix too
	w.must("a", entente.Propose{Matter: entente.General, Title: "Q"})
	w.mustFail("d", entente.CastVote{Proposal: "p2", Choice: entente.No}, entente.EFORBIDDEN)
}
