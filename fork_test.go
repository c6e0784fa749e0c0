package entente_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"pgregory.net/rapid"
)

// TestPropertyForksDiverge grows a random pact, then lets three pacts
// diverge from it by random commands: one through Execute on a fork of it,
// one through ExecuteOwned on a fork, and one through ExecuteOwned on the
// base state itself, changing it in place after it was forked. Each step
// of each must match the reference fold (see compareRef), so no pact sees
// another's changes; and a fork taken before, as a reader holds a
// published snapshot, must not change at all.
func TestPropertyForksDiverge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := newMachine(t)
		t.Repeat(base.actions())
		snapshot := base.state.Fork()
		snapshotJSON := mustJSON(snapshot)
		kids := []*machine{
			base.fork(base.state.Fork(), base.shadow.Fork(), false),
			base.fork(base.state.Fork(), base.shadow.Fork(), true),
			base.fork(base.state, base.shadow, true), // in place, after the forks above
		}
		var actions []map[string]func(*rapid.T)
		for _, k := range kids {
			actions = append(actions, k.actions())
		}
		names := slices.Sorted(maps.Keys(actions[0]))
		for range rapid.IntRange(1, 60).Draw(t, "fork_steps") {
			k := rapid.IntRange(0, len(kids)-1).Draw(t, "kid")
			actions[k][rapid.SampledFrom(names).Draw(t, "action")](t)
		}
		if got := mustJSON(snapshot); got != snapshotJSON {
			t.Fatalf("a snapshot forked before the pacts diverged changed:\n%s\nwas\n%s", got, snapshotJSON)
		}
		for _, k := range kids {
			k.checkFullReplay(t)
		}
	})
}

// fork returns a machine that goes on from m with the given state and
// shadow fold, running commands owned or not.
func (m *machine) fork(state, shadow *entente.PactState, owned bool) *machine {
	c := *m
	c.state, c.shadow, c.owned = state, shadow, owned
	c.log = slices.Clone(m.log)
	c.decoded = slices.Clone(m.decoded)
	c.decided = maps.Clone(m.decided)
	return &c
}

// TestFailedCommandLeavesStateUnchanged runs refused commands, some of
// them after time has brought events about (which Execute records on its
// fork before the command fails), on a state and checks that the state,
// its JSON and what comes due in it are as before.
func TestFailedCommandLeavesStateUnchanged(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	found(w, entente.Alliance, entente.Agreement{Exit: entente.ExitClause{Notice: entente.Days(30)}}, "a", "b", "c")
	w.must("a", entente.Pledge{Resource: "eur", Amount: 10, Due: w.now.Add(2 * entente.Day)})
	w.must("b", entente.Propose{Matter: entente.General, Title: "Q"})
	w.must("c", entente.GiveNotice{})
	w.now = w.now.Add(60 * entente.Day) // the pledge, the vote and the notice all come due
	before, beforeJSON := w.state.Clone(), mustJSON(w.state)
	for _, tc := range []struct {
		by  entente.ActorID
		cmd entente.Command
	}{
		{"a", entente.Contribute{Commitment: "c9", Amount: 1}},
		{"a", entente.Contribute{Commitment: "c1", Amount: -1}},
		{"zz", entente.Pledge{Resource: "eur", Amount: 1, Due: w.now.Add(entente.Day)}},
		{"a", entente.CastVote{Proposal: "p1", Choice: entente.Yes}},               // closed by the time the vote runs
		{"a", entente.RaiseDispute{Against: []entente.ActorID{"c"}, Subject: "x"}}, // c left once its notice ran out
		{"b", entente.ResolveDispute{Dispute: "d1", Outcome: "x"}},
	} {
		if _, events, err := entente.Execute(w.state, tc.by, tc.cmd, w.env()); err == nil {
			t.Fatalf("%s %T%+v succeeded: %v", tc.by, tc.cmd, tc.cmd, eventTypes(events))
		}
		if got := mustJSON(w.state); got != beforeJSON {
			t.Fatalf("%s %T%+v failed but changed the state:\n%s\nwas\n%s", tc.by, tc.cmd, tc.cmd, got, beforeJSON)
		}
		if err := entente.CheckDueIndex(w.state); err != nil {
			t.Fatal(err)
		}
	}
	// What came due is still to be recorded, once.
	_, events, err := entente.Advance(w.state, w.env())
	if err != nil || eventTypes(events) != eventTypes(mustAdvance(t, before, w.env())) || len(events) < 3 {
		t.Fatalf("Advance after the refusals: %v, %s", err, eventTypes(events))
	}
}

func mustAdvance(t *testing.T, s *entente.PactState, env entente.Env) []entente.Event {
	t.Helper()
	_, events, err := entente.Advance(s, env)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// TestConcurrentForks runs commands from many goroutines on forks of one
// base state, as readers holding a published state and a simulation's
// what-ifs do: each must get what a lone run gets, and the base must not
// change (run with -race to check the forks share nothing they write).
func TestConcurrentForks(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	found(w, entente.Coalition, entente.Agreement{Exit: entente.ExitClause{Notice: entente.Days(3)}}, "a", "b", "c")
	for i := range 40 {
		w.must("a", entente.Pledge{Resource: "eur", Amount: 10, Due: w.now.Add(time.Duration(i+1) * entente.Day)})
		w.must("b", entente.Contribute{Resource: "eur", Amount: 1})
	}
	base, baseJSON := w.state, mustJSON(w.state)
	later := w.env()
	later.Now = later.Now.Add(20 * entente.Day)
	run := func(s *entente.PactState, owned bool) string {
		exec, advance := entente.Execute, entente.Advance
		if owned {
			exec, advance = entente.ExecuteOwned, entente.AdvanceOwned
		}
		s, _, err := exec(s, "c", entente.GiveNotice{}, later)
		if err != nil {
			return err.Error()
		}
		if s, _, err = exec(s, "a", entente.Contribute{Commitment: "c30", Amount: 10}, later); err != nil {
			return err.Error()
		}
		env := later
		env.Now = env.Now.Add(30 * entente.Day)
		if s, _, err = advance(s, env); err != nil {
			return err.Error()
		}
		return mustJSON(s)
	}
	want := run(base.Clone(), true)
	if !strings.Contains(want, `"late":true`) || !strings.Contains(want, `"status":"former"`) {
		t.Fatalf("the lone run did not record what the test is about:\n%s", want)
	}
	got := make([]string, 16)
	done := make(chan struct{})
	for i := range got {
		go func() {
			defer func() { done <- struct{}{} }()
			if i%2 == 0 {
				got[i] = run(base, false)
			} else {
				got[i] = run(base.Fork(), true)
			}
		}()
	}
	for range got {
		<-done
	}
	for i, g := range got {
		if g != want {
			t.Fatalf("goroutine %d got\n%s\nwant\n%s", i, g, want)
		}
	}
	if mustJSON(base) != baseJSON {
		t.Fatal("the base state changed")
	}
}

func ExamplePactState_Fork() {
	actors := map[entente.ActorID]*entente.Actor{"a": {ID: "a", Name: "A", Kind: entente.Firm}, "b": {ID: "b", Name: "B", Kind: entente.Firm}}
	env := entente.Env{Now: t0, Actors: func(id entente.ActorID) *entente.Actor { return actors[id] }}
	pact := entente.Pact{ID: "jv", Name: "JV", Kind: entente.Alliance, Duration: entente.Duration{Kind: entente.Permanent}}
	base, _, _ := entente.Execute(nil, "a", entente.FoundPact{Pact: pact, Founders: []entente.ActorID{"a", "b"}}, env)
	// What if a pledged? The fork costs O(1), and base does not change.
	whatIf, _, _ := entente.ExecuteOwned(base.Fork(), "a", entente.Pledge{Resource: "eur", Amount: 100, Due: t0.Add(30 * entente.Day)}, env)
	fmt.Println(base.Commitments.Len(), whatIf.Commitments.Len())
	fmt.Println(whatIf.DueBy(t0.Add(30*entente.Day)), whatIf.DueBy(t0.Add(31*entente.Day)))
	// Output:
	// 0 1
	// false true
}
