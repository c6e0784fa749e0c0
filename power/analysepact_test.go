package power

import (
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/fixture"
)

// AnalysePact reads the pact --pact names and analyses its rule for
// --matter, one player per member; a pact the store does not have is the
// store's error.
func TestAnalysePact(t *testing.T) {
	s, actors, _ := fixture.JointVenture(t, time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC))
	store := fixture.OnePact{State: s, Actors: actors}
	req := NewRequest()
	req.Pact, req.Matter = string(s.Pact.ID), string(entente.Budget)
	_, opts, err := req.Options()
	if err != nil {
		t.Fatal(err)
	}
	a, err := req.AnalysePact(store, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Report.Players) != s.Members.Len() {
		t.Errorf("%d players, want one per member (%d)", len(a.Report.Players), s.Members.Len())
	}
	want, err := PactPower(s, entente.Budget, store.Lookup, opts)
	if err != nil || a.Report.Game != want.Game || a.Report.Matter != entente.Budget {
		t.Errorf("game %q of matter %q, PactPower's %q (%v)", a.Report.Game, a.Report.Matter, want.Game, err)
	}
	req.Pact = "nope"
	if _, err := req.AnalysePact(store, opts); entente.ErrorCode(err) != entente.ENOTFOUND || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown pact: got %v, want the store's not-found error", err)
	}
}
