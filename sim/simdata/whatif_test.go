package simdata

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/fixture"
)

// WhatIfPact reads the pact named from the store and simulates it, and
// refuses a pact the store does not have or that is not in force.
func TestWhatIfPact(t *testing.T) {
	s, actors, _ := fixture.JointVenture(t, time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC))
	store := fixture.OnePact{State: s, Actors: actors}
	o, err := NewSweep().WhatIf(3, nil)
	if err != nil {
		t.Fatal(err)
	}
	o.Runs = 4
	res, err := WhatIfPact(context.Background(), store, s.Pact.ID, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Health) != o.Runs {
		t.Errorf("%d health scores, expected one per run (%d)", len(res.Health), o.Runs)
	}
	var b strings.Builder
	if err := res.WriteText(&b, s.Pact.ID, o); err != nil || !strings.Contains(b.String(), string(s.Pact.ID)) {
		t.Errorf("WriteText: %v\n%s", err, b.String())
	}
	dissolved := *s
	dissolved.Dissolved = &entente.PactEnd{}
	for name, tc := range map[string]struct {
		store entente.PactReader
		id    entente.PactID
		want  string
	}{
		"unknown pact": {store, "nope", "not found"},
		"dissolved":    {fixture.OnePact{State: &dissolved, Actors: actors}, s.Pact.ID, "in force"},
	} {
		if _, err := WhatIfPact(context.Background(), tc.store, tc.id, o); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, expected an error saying %q", name, err, tc.want)
		}
	}
}
