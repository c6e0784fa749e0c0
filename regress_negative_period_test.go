package entente_test

import (
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
