package health_test

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
	"github.com/entente/entente/trust"
)

// TestScorePactIsAssessPact: the score-only path gives the full
// assessment's score and trust, on every demo pact and at several times.
func TestScorePactIsAssessPact(t *testing.T) {
	svc := demoService(t)
	actors := func(id entente.ActorID) *entente.Actor {
		a, err := svc.Actor(id)
		if err != nil {
			return nil
		}
		return a
	}
	pacts := svc.Pacts()
	if len(pacts) < 3 {
		t.Fatalf("%d demo pacts, want at least 3", len(pacts))
	}
	for _, p := range pacts {
		st := p
		for _, days := range []int{-200, -30, 0, 90} {
			now := demoNow.AddDate(0, 0, days)
			for _, period := range []int{30, 365} {
				full := health.AssessPact(st, actors, now, time.Duration(period)*entente.Day)
				score, tr := health.ScorePactTrust(st, actors, now, time.Duration(period)*entente.Day, trust.Options{})
				same := score == full.Health.Score || math.IsNaN(score) && math.IsNaN(full.Health.Score)
				if !same {
					t.Errorf("%s at %s, period %d days: ScorePactTrust %v, AssessPact %v", p.Pact.ID, now.Format("2006-01-02"), period, score, full.Health.Score)
				}
				if d := cmp.Diff(full.Trust, tr, cmpopts.EquateNaNs(), cmpopts.IgnoreFields(trust.Score{}, "Evidence")); d != "" {
					t.Errorf("%s: trust differs (-AssessPact +ScorePactTrust):\n%s", p.Pact.ID, d)
				}
				// ScorePact keeps the same scores in a table.
				score, table := health.ScorePact(st, actors, now, time.Duration(period)*entente.Day)
				if !(score == full.Health.Score || math.IsNaN(score) && math.IsNaN(full.Health.Score)) {
					t.Errorf("%s at %s, period %d days: ScorePact %v, AssessPact %v", p.Pact.ID, now.Format("2006-01-02"), period, score, full.Health.Score)
				}
				if table.Trust != nil || len(table.Table) != len(tr.Members)*len(tr.Members) {
					t.Fatalf("%s: ScorePact's trust has %d scores in a map and %d in a table, want 0 and %d", p.Pact.ID, len(table.Trust), len(table.Table), len(tr.Members)*len(tr.Members))
				}
				for pair, sc := range tr.Trust {
					if got, ok := table.Score(pair.From, pair.To); !ok || got.Value != sc.Value || got.Positive != sc.Positive || got.Negative != sc.Negative {
						t.Errorf("%s: %s/%s is %+v in the table, %+v in the map", p.Pact.ID, pair.From, pair.To, got, sc)
					}
				}
				if d := cmp.Diff(tr.Ranking, table.Ranking, cmpopts.EquateNaNs()); d != "" {
					t.Errorf("%s: ranking differs (-map +table):\n%s", p.Pact.ID, d)
				}
			}
		}
	}
}
