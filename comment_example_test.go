package entente_test

import (
	"fmt"
	"time"

	"github.com/entente/entente"
)

// A proposal's discussion and the reasons given with votes are kept in the
// pact's log beside the votes they explain.
func ExamplePostComment() {
	at := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	actors := map[entente.ActorID]*entente.Actor{"ngo-a": {ID: "ngo-a", Kind: entente.NGO}, "ngo-b": {ID: "ngo-b", Kind: entente.NGO}}
	env := entente.Env{Now: at, Actors: func(id entente.ActorID) *entente.Actor { return actors[id] }}
	pact := entente.Pact{ID: "voice", Name: "Clean air voice", Kind: entente.Coalition, Duration: entente.Duration{Kind: entente.Permanent}}
	s, _, _ := entente.Execute(nil, "ngo-a", entente.FoundPact{Pact: pact, Founders: []entente.ActorID{"ngo-a", "ngo-b"}}, env)
	for _, step := range []struct {
		by  entente.ActorID
		cmd entente.Command
	}{
		{"ngo-a", entente.Propose{Matter: entente.General, Title: "Joint statement on the zone"}},
		{"ngo-b", entente.PostComment{Proposal: "p1", Text: "Add the bus lanes."}},
		{"ngo-a", entente.CastVote{Proposal: "p1", Choice: entente.Yes, Reason: "With the bus lanes added."}},
	} {
		var err error
		if s, _, err = entente.Execute(s, step.by, step.cmd, env); err != nil {
			fmt.Println(err)
		}
	}
	p := s.Proposal("p1")
	for _, c := range p.Comments {
		fmt.Printf("%s: %s\n", c.By, c.Text)
	}
	fmt.Printf("ngo-a voted %s: %s\n", p.Votes.Get("ngo-a"), p.Reasons.Get("ngo-a"))
	// Output:
	// ngo-b: Add the bus lanes.
	// ngo-a voted yes: With the bus lanes added.
}
