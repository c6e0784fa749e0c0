package partner

import (
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
)

// A dissolved pact takes no partners: SuggestFor refuses it with
// ECONFLICT and the day it ended, where Suggest would rank anyway.
func TestSuggestForRefusesADissolvedPact(t *testing.T) {
	end := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	st := &entente.PactState{Pact: entente.Pact{ID: "p"}, Dissolved: &entente.PactEnd{At: end}}
	_, err := SuggestFor(st, nil, nil, end, Objective{}, Options{})
	if entente.ErrorCode(err) != entente.ECONFLICT || !strings.Contains(err.Error(), "dissolved on 2026-03-01") {
		t.Errorf("got %v, want ECONFLICT naming the day", err)
	}
	st.Dissolved = nil
	if _, err := SuggestFor(st, nil, nil, end, Objective{}, Options{}); err != nil {
		t.Errorf("a live pact: %v", err)
	}
}
