package sim

import (
	"sort"
	"strings"
	"testing"

	"github.com/entente/entente"
)

// A run exercises the domain's commands and what time brings about: every
// kind of pact event appears in a modest run with a rule change.
func TestRunUsesTheDomainCommands(t *testing.T) {
	w := Synthetic(40, 2, 1950, 5)
	w.RuleChanges = []RuleChange{{Year: 1960, Matter: entente.General, Rule: entente.SimpleMajority}}
	p := DefaultParams()
	p.Monitoring = 0.2
	res, err := Run(w, p, Options{Years: 25, KeepLogs: true}, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, pl := range res.Pacts {
		for _, e := range pl.Events {
			seen[e.Data.EventType()]++
		}
		replayed, err := entente.Fold(pl.Events)
		if err != nil || replayed.Len != pl.State.Len || (replayed.Dissolved == nil) != (pl.State.Dissolved == nil) {
			t.Errorf("pact %s does not replay to its state: %v", pl.State.Pact.ID, err)
		}
	}
	var missing []string
	for _, want := range []string{"pact_founded", "member_admitted", "notice_given", "member_left", "agreement_amended",
		"commitment_made", "contribution_made", "commitment_overdue", "proposal_opened", "vote_cast", "proposal_decided",
		"dispute_opened", "dispute_escalated", "dispute_resolved", "pact_dissolved"} {
		if seen[want] == 0 {
			missing = append(missing, want)
		}
	}
	if len(missing) > 0 {
		keys := make([]string, 0, len(seen))
		for k := range seen {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Errorf("no %s events in the run; it had %v", strings.Join(missing, ", "), seen)
	}
}
