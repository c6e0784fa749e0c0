package simdata

import (
	"context"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/sim"
)

// WhatIfRequest is a what-if on a live pact as a person asks for it
// ('entente sim --pact'); Sweep.WhatIf checks it with the sweep's runs,
// seed and parameter changes.
type WhatIfRequest struct {
	Pact    string               `flag:"pact" arg:"ID" usage:"what-if: simulate the next --periods of live pact ID in the store (read only)"`
	Periods int                  `flag:"periods" arg:"periods" usage:"what-if: how many 30-day periods to simulate"`
	Assume  cmdline.List[string] `flag:"assume" arg:"ACTOR=SHARE" usage:"what-if: ACTOR=SHARE delivers SHARE of its pledges (0.4 or 40%; repeatable; default: its record)"`
}

// NewWhatIfRequest is the default what-if: 12 periods, on no pact.
func NewWhatIfRequest() WhatIfRequest { return WhatIfRequest{Periods: 12} }

// WhatIfPact simulates the next o.Periods periods of the live pact id read
// from pacts (sim.WhatIfPactContext) and returns the distribution of what
// became of it. An unknown or dissolved pact is an error.
func WhatIfPact(ctx context.Context, pacts entente.PactReader, id entente.PactID, o sim.WhatIf) (*sim.WhatIfResult, error) {
	s, err := pacts.Pact(id)
	if err != nil {
		return nil, err
	}
	return sim.WhatIfPactContext(ctx, s, pacts.Lookup, o)
}
