package entente_test

// Tests of input bounds: periods and weights, each first found by the property test
// (property_test.go).

import (
	"math"
	"testing"

	"github.com/entente/entente"
)

// TestNegativePeriodFoundsUnreadableLog is a regression test for a bug that the property test found; the
// text says how the bug behaved before it was fixed.
//
// TestNegativePeriodFoundsUnreadableLog: Agreement.Validate does not
// check the exit clause's periods (Notice, WindDown) or the dispute
// ladder's (Negotiation, Mediation, Arbitration), so FoundPact accepts a
// negative notice period. Period.MarshalJSON writes it as "-1d", and
// Period.UnmarshalJSON (ParsePeriod) refuses negative periods, so the
// pact_founded event that Execute returned cannot be read back: the log
// does not replay from its first entry.
func TestNegativePeriodFoundsUnreadableLog(t *testing.T) {
	w := newWorld(t, "a", "b")
	agreement := entente.Agreement{Exit: entente.ExitClause{Notice: -entente.Days(1)}}
	if err := w.do("a", entente.FoundPact{Pact: entente.Pact{ID: "p", Name: "P", Kind: entente.Coalition, Agreement: agreement}, Founders: []entente.ActorID{"a", "b"}}); err != nil {
		return // refusing the agreement is a fix
	}
	b, err := entente.EncodeEvent(w.log[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := entente.DecodeEvent(b); err != nil {
		t.Fatalf("FoundPact accepted the agreement, but its event does not decode: %v\n%s", err, b)
	}
}

// TestWeightOverflowUnencodableEvent is a regression test for a bug that the property test found; the
// text says how the bug behaved before it was fixed.
//
// TestWeightOverflowUnencodableEvent: Contribute accepts any finite
// positive amount, but Delivered sums them without a bound, so two
// contributions of math.MaxFloat64 give a weight of +Inf. A proposal under
// a rule weighted by contributions then fixes that weight in its
// proposal_opened event, which EncodeEvent refuses ("json: unsupported
// value: +Inf"): Execute succeeded with an event the log cannot store.
// (Capabilities summing past MaxFloat64 do the same to a decision's
// Tally.TotalWeight.)
func TestWeightOverflowUnencodableEvent(t *testing.T) {
	w := newWorld(t, "a", "b")
	found(w, entente.Coalition, entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{
		entente.General: {Kind: entente.Weighted, Threshold: 0.5, WeightBy: entente.WeightContributions},
	}}, "a", "b")
	w.mustFail("a", entente.Contribute{Resource: "eur", Amount: math.MaxFloat64}, entente.EINVALID)
	w.must("a", entente.Contribute{Resource: "eur", Amount: entente.MaxAmount})
	// Amounts are bounded, so their sums stay finite: a second maximal
	// contribution is fine, and so is the weight it gives.
	w.must("a", entente.Contribute{Resource: "eur", Amount: entente.MaxAmount})
	w.must("a", entente.Propose{Matter: entente.General, Title: "Q"})
	for _, e := range w.log {
		if _, err := entente.EncodeEvent(e); err != nil {
			t.Fatalf("Execute returned event %d (%s) that does not encode: %v", e.Seq, e.Data.EventType(), err)
		}
	}
}
