package entente_test

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
