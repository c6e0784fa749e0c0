package entente_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cputime"
)

// votingPact is a coalition of many members that votes on one question
// after another: every member votes, yes and no in turn, so that each
// proposal stays open until its last vote decides it. The last proposal is
// left open with a given number of votes cast.
type votingPact struct {
	state    *entente.PactState
	env      entente.Env
	proposal string          // the open proposal
	voter    entente.ActorID // a member who has not voted on it
}

// buildVotingPact folds a voting pact of the given members up to about
// the given number of events, through ExecuteInPlace, the last proposal
// open with cast votes.
func buildVotingPact(b *testing.B, members, events, cast int) *votingPact {
	b.Helper()
	actors := map[entente.ActorID]*entente.Actor{}
	var ids []entente.ActorID
	for i := range members {
		id := entente.ActorID(fmt.Sprintf("m%04d", i))
		actors[id] = &entente.Actor{ID: id, Name: string(id), Kind: entente.NGO}
		ids = append(ids, id)
	}
	now := t0
	env := func() entente.Env {
		return entente.Env{Now: now, Actors: func(id entente.ActorID) *entente.Actor { return actors[id] }}
	}
	pact := entente.Pact{ID: "voters", Name: "Voting coalition", Kind: entente.Coalition,
		Purposes: []entente.Purpose{entente.Political}, Duration: entente.Duration{Kind: entente.Permanent},
		Agreement: entente.Agreement{Join: entente.JoinConsent, Rules: map[entente.Matter]entente.DecisionRule{
			entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(3650)},
		}}}
	s, _, err := entente.Execute(nil, ids[0], entente.FoundPact{Pact: pact, Founders: ids}, env())
	if err != nil {
		b.Fatal(err)
	}
	do := func(by entente.ActorID, cmd entente.Command) {
		now = now.Add(time.Second)
		if _, err := entente.ExecuteInPlace(s, by, cmd, env()); err != nil {
			b.Fatalf("%s %T: %v", by, cmd, err)
		}
	}
	v := &votingPact{}
	for {
		do(ids[0], entente.Propose{Matter: entente.General, Title: fmt.Sprintf("question %d", s.Proposals.Len()+1)})
		p := s.Proposals.Last()
		last := int(s.Len)+len(p.Electorate)+1 > events // no room for another decided proposal
		for i, id := range p.Electorate {
			if last && i == cast {
				v.proposal, v.voter = p.ID, p.Electorate[i]
				break
			}
			do(id, entente.CastVote{Proposal: p.ID, Choice: []entente.Choice{entente.Yes, entente.No}[i%2]})
		}
		if v.voter != "" {
			break
		}
		if s.Proposals.Last().Decision == nil {
			b.Fatalf("proposal %s undecided after every vote", p.ID)
		}
	}
	now = now.Add(time.Minute)
	v.state, v.env = s, env()
	return v
}

// BenchmarkCommandVoters measures one command through Execute (a vote on
// the open proposal, a pledge, a contribution) on a coalition of 1,000
// members after about 100 and 100,000 events (a hundred proposals, each
// voted on by every member), the open proposal holding 90 votes in both,
// so that only the history differs; then with 500 votes on the open
// proposal (a vote walks the votes cast on its proposal: O(members), not
// O(history)); and on a coalition of 12 members after about 100 events.
// cpu-ns/op is the process's CPU time per command, GC included. The
// issue's goal: a command at 100,000 events within 2× of one at 100.
//
//	go test -run '^$' -bench CommandVoters .
func BenchmarkCommandVoters(b *testing.B) {
	for _, size := range []struct{ members, events, cast int }{{12, 100, 6}, {1000, 100, 90}, {1000, 100_000, 90}, {1000, 100_000, 500}} {
		v := buildVotingPact(b, size.members, size.events, size.cast)
		commands := []struct {
			name string
			by   entente.ActorID
			cmd  entente.Command
		}{
			{"vote", v.voter, entente.CastVote{Proposal: v.proposal, Choice: entente.Yes}},
			{"pledge", v.voter, entente.Pledge{Resource: "eur", Amount: 100, Due: v.env.Now.Add(30 * entente.Day)}},
			{"contribution", v.voter, entente.Contribute{Resource: "eur", Amount: 100}},
		}
		for _, c := range commands {
			b.Run(fmt.Sprintf("%s/members=%d/events=%d/votes=%d", c.name, size.members, v.state.Len, size.cast), func(b *testing.B) {
				b.ReportAllocs()
				start := cputime.Process() // the loop alone: the pact was built before
				for b.Loop() {
					if _, _, err := entente.Execute(v.state, c.by, c.cmd, v.env); err != nil {
						b.Fatal(err)
					}
				}
				cpu := cputime.Process() - start
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
