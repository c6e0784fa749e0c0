package entente_test

import (
	"testing"
	"time"

	"github.com/entente/entente"
)

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
