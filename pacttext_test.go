package entente_test

import (
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
)

// TestPactWriteText: a pact as 'entente pact show' prints it: headline,
// structure, members by ID, and the four tables.
func TestPactWriteText(t *testing.T) {
	day := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	st := &entente.PactState{
		Pact:    entente.Pact{ID: "jv", Name: "Joint venture", Kind: entente.Alliance},
		Founded: day, Len: 3,
		Members: entente.ActorMapOf(map[entente.ActorID]*entente.Membership{
			"b": {Member: "b", Status: entente.Former, Joined: day, Left: day.AddDate(0, 1, 0), Reason: "notice"},
			"a": {Member: "a", Status: entente.Active, Joined: day},
		}),
	}
	s := entente.Structure{Members: 2, Bilateral: true, Measure: "economic", Symmetry: "symmetric", LargestShare: 0.5, Herfindahl: 0.5, Hierarchy: "egalitarian"}
	var b strings.Builder
	if err := st.WriteText(&b, s); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		lines = append(lines, strings.TrimRight(l, " "))
	}
	want := []string{
		"jv — Joint venture (alliance), founded 2027-01-04, 3 events",
		"structure: 2 members, bilateral, symmetric (largest share 0.50, Herfindahl 0.500 on economic), egalitarian",
		"",
		"MEMBER  STATUS  JOINED      LEFT        REASON",
		"a       active  2027-01-04  -",
		"b       former  2027-01-04  2027-02-04  notice",
		"",
		"COMMITMENT  MEMBER  RESOURCE  DELIVERED  DUE  STATUS",
		"",
		"PROPOSAL  MATTER  RULE  OUTCOME  TITLE  REASON",
		"",
		"DISPUTE  PARTIES  STAGE  DEADLINE  SUBJECT",
		"",
	}
	if got := strings.Join(lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}
