package http

import (
	"testing"
	"time"

	"github.com/entente/entente"
)

// firmRunner returns a function that executes cmd by an actor on s at
// now, every actor a firm named by its id, and fails t on a refusal.
func firmRunner(t *testing.T, now time.Time) func(s *entente.PactState, by entente.ActorID, cmd entente.Command) *entente.PactState {
	env := entente.Env{Now: now, Actors: func(id entente.ActorID) *entente.Actor {
		return &entente.Actor{ID: id, Name: string(id), Kind: entente.Firm}
	}}
	return func(s *entente.PactState, by entente.ActorID, cmd entente.Command) *entente.PactState {
		t.Helper()
		next, _, err := entente.Execute(s, by, cmd, env)
		if err != nil {
			t.Fatal(err)
		}
		return next
	}
}
