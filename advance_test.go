package entente_test

// Tests of what time brings about (Advance), each first found by the property test
// (property_test.go).

import (
	"testing"
	"time"

	"github.com/entente/entente"
)

// TestAdvanceRecordsAfterDissolution is a regression test for a bug that the property test found; the
// text says how the bug behaved before it was fixed.
//
// TestAdvanceRecordsAfterDissolution: advance() returns at once for a
// dissolved pact, but when it dissolves the pact itself (a dissolution
// vote closing) it goes on through the rest of its loops and records what
// came due after the dissolution: later proposals decided, commitments
// falling overdue, dispute deadlines passing. So the log depends on how
// often Advance is called. Here the pact dissolves on day 7 and a's
// commitment falls due on day 8:
//
//   - Advance on day 7 and day 10: dissolved on day 7; the day 10 Advance
//     records nothing; c1 stays pledged.
//   - One Advance on day 10: pact_dissolved, member_left x2, then
//     commitment_overdue; c1 is overdue.
func TestAdvanceRecordsAfterDissolution(t *testing.T) {
	status := func(advances ...time.Duration) entente.CommitmentStatus {
		w := newWorld(t, "a", "b")
		found(w, entente.Coalition, entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{
			entente.Dissolution: {Kind: entente.Consensus, Window: entente.Days(7)},
		}}, "a", "b")
		w.must("a", entente.Propose{Matter: entente.Dissolution, Title: "End"}) // adopted on day 7
		w.must("a", entente.Pledge{Resource: "eur", Amount: 5, Due: t0.Add(8 * entente.Day)})
		for _, d := range advances {
			w.advance(d)
		}
		return w.state.Commitment("c1").Status()
	}
	prompt := status(7*entente.Day, 3*entente.Day)
	late := status(10 * entente.Day)
	if prompt != late {
		t.Fatalf("commitment c1 is %s when Advance ran on day 7 and day 10, %s when it ran on day 10 only", prompt, late)
	}
}

// TestAdvanceOrderChangesDecision is a regression test for a bug that the property test found; the
// text says how the bug behaved before it was fixed.
//
// TestAdvanceOrderChangesDecision: advance() handles what came due by
// kind (first every closed proposal, then notice periods, then
// commitments, disputes and the fixed term), not in the order it came due.
// So the outcome of a vote depends on how often Advance happens to be
// called. Here c's notice runs out on day 2 and the unanimity vote closes
// on day 7 with a and b in favour:
//
//   - Advance on day 2 and day 7: c leaves on day 2, the vote closes with
//     electorate {a, b}, both consented: adopted.
//   - One Advance on day 7: the vote is decided first, c still on notice
//     and counted absent: "1 of 3 members did not consent", rejected; c
//     leaves after.
//
// Both logs replay, yet the same commands at the same times decide the
// proposal differently. (The same ordering lets a late Advance decide, and
// give effect to, proposals that close after a fixed term ended, and decide
// proposals in ID order rather than by closing time.)
func TestAdvanceOrderChangesDecision(t *testing.T) {
	decide := func(advances ...time.Duration) *entente.Decision {
		w := newWorld(t, "a", "b", "c")
		found(w, entente.Coalition, entente.Agreement{
			Exit:  entente.ExitClause{Notice: entente.Days(2)},
			Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.Unanimity}},
		}, "a", "b", "c")
		w.must("a", entente.Propose{Matter: entente.General, Title: "Q"}) // closes on day 7
		w.must("c", entente.GiveNotice{})                                 // leaves on day 2
		w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
		w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
		for _, d := range advances {
			w.advance(d)
		}
		return w.state.Proposal("p1").Decision
	}
	prompt := decide(2*entente.Day, 5*entente.Day)
	late := decide(7 * entente.Day)
	if prompt == nil || late == nil || prompt.Outcome != late.Outcome {
		t.Fatalf("the same vote at the same time decides %+v when Advance ran on day 2 and day 7, %+v when it ran on day 7 only", prompt, late)
	}
}
