package health

import (
	"fmt"
	"math"
	"time"

	"github.com/entente/entente"
)

// VoteCohesion is the agreement among members in the proposals decided in
// a period.
type VoteCohesion struct {
	Proposals int     `json:"proposals"`
	Pairs     int     `json:"pairs"` // pairs of votes compared
	Value     float64 `json:"value"` // NaN when no pair voted together
}

func (c VoteCohesion) detail() string {
	if c.Pairs == 0 {
		return "no proposal decided in the period had two votes"
	}
	return fmt.Sprintf("members voted alike %.0f%% of the time over %d proposals", 100*c.Value, c.Proposals)
}

// Agreement scores two votes: 1 alike, ½ when exactly one abstained, 0
// opposed.
func Agreement(a, b entente.Choice) float64 {
	switch {
	case a == b:
		return 1
	case a == entente.Abstain || b == entente.Abstain:
		return 0.5
	}
	return 0
}

// cohesion measures vote agreement on the proposals decided in [from, to).
func cohesion(s *entente.PactState, from, to time.Time) VoteCohesion {
	var c VoteCohesion
	var sum float64
	for _, p := range s.Proposals.All() {
		if p.Decision == nil || p.Decision.At.Before(from) || !p.Decision.At.Before(to) {
			continue
		}
		pairs := 0
		for i, a := range p.Electorate {
			va, ok := p.Votes.Lookup(a)
			if !ok {
				continue
			}
			for _, b := range p.Electorate[i+1:] {
				if vb, ok := p.Votes.Lookup(b); ok {
					sum += Agreement(va, vb)
					pairs++
				}
			}
		}
		if pairs > 0 {
			c.Proposals++
			c.Pairs += pairs
		}
	}
	c.Value = math.NaN()
	if c.Pairs > 0 {
		c.Value = sum / float64(c.Pairs)
	}
	return c
}

// MeasureCohesion measures vote agreement among members on the proposals
// decided in [from, to).
func MeasureCohesion(s *entente.PactState, from, to time.Time) VoteCohesion {
	return cohesion(s, from, to)
}

func cohesionComponents(now, before VoteCohesion, text bool) (float64, string, []Alert) {
	var alerts []Alert
	if text && !math.IsNaN(now.Value) && now.Value < 0.6 {
		alerts = append(alerts, Alert{Severity: Warning, Component: Cohesion,
			Message: fmt.Sprintf("members agreed in only %.0f%% of paired votes this period", 100*now.Value)})
	}
	if math.IsNaN(now.Value) || math.IsNaN(before.Value) {
		return math.NaN(), "no votes to compare with the period before", alerts
	}
	delta := now.Value - before.Value
	if text && delta < -0.15 {
		alerts = append(alerts, Alert{Severity: Warning, Component: CohesionTrend,
			Message: fmt.Sprintf("vote agreement fell from %.0f%% to %.0f%% since the period before", 100*before.Value, 100*now.Value)})
	}
	if !text { // the detail is read by the report alone
		return math.Min(1, math.Max(0, 0.5+delta)), "", alerts
	}
	return math.Min(1, math.Max(0, 0.5+delta)), fmt.Sprintf("agreement moved %+.0f points since the period before", 100*delta), alerts
}
