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

// An actor entering after the start takes no part before its entry year
// and counts among the states from then; an actor exiting gives notice in
// its pacts the year after its last and counts no longer.
func TestActorsEnterAndExit(t *testing.T) {
	w := Synthetic(12, 2, 1950, 4)
	w.Actors[3].Entry = 1955
	w.Actors[5].Exit = 1957
	for _, a := range []int{3, 5} {
		w.Actors[a].Capability = 20 // strong: worth allying with
	}
	p := DefaultParams()
	p.SeekRate = 1
	res, err := Run(w, p, Options{Years: 12, KeepLogs: true}, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	states := map[int]float64{}
	for _, r := range res.Rows {
		if r.Statistic == "states" {
			states[r.Year] = r.Value
		}
	}
	for y, want := range map[int]float64{1950: 11, 1954: 11, 1955: 12, 1957: 12, 1958: 11, 1961: 11} {
		if states[y] != want {
			t.Errorf("%d: %v states, want %v", y, states[y], want)
		}
	}
	entrant, leaver := w.Actors[3].ID, w.Actors[5].ID
	var joined, noticed bool
	for _, pl := range res.Pacts {
		for _, e := range pl.Events {
			switch d := e.Data.(type) {
			case entente.PactFounded:
				for _, m := range d.Founders {
					if m == entrant && e.At.Year() < 1955 {
						t.Errorf("%s founded %s in %d, before it entered", m, pl.State.Pact.ID, e.At.Year())
					}
					joined = joined || m == entrant
				}
			case entente.MemberAdmitted:
				if d.Member == entrant && e.At.Year() < 1955 {
					t.Errorf("%s joined %s in %d, before it entered", d.Member, pl.State.Pact.ID, e.At.Year())
				}
				joined = joined || d.Member == entrant
			case entente.NoticeGiven:
				if e.By == leaver && e.At.Year() == 1958 {
					noticed = true
				}
			}
			if e.By == leaver && e.At.Year() > 1958 {
				t.Errorf("%s acted in %s in %d, after it left the system (%s)", leaver, pl.State.Pact.ID, e.At.Year(), e.Data.EventType())
			}
		}
	}
	if !joined {
		t.Errorf("%s never allied after entering", entrant)
	}
	if !noticed {
		t.Errorf("%s gave no notice in 1958, the year after its exit", leaver)
	}
}
