package entente_test

import (
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/google/go-cmp/cmp"
)

// t0 is the time the test pacts are founded.
var t0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// world is a pact under test: its actors, its state, its log and a clock
// the test moves by hand.
type world struct {
	tb     testing.TB
	actors map[entente.ActorID]*entente.Actor
	state  *entente.PactState
	log    []entente.Event
	now    time.Time
}

func newWorld(tb testing.TB, ids ...entente.ActorID) *world {
	tb.Helper()
	w := &world{tb: tb, actors: map[entente.ActorID]*entente.Actor{}, now: t0}
	for _, id := range ids {
		w.addActor(id, nil)
	}
	return w
}

func (w *world) addActor(id entente.ActorID, caps map[string]float64) {
	w.actors[id] = &entente.Actor{ID: id, Name: string(id), Kind: entente.Firm, Capabilities: caps}
}

func (w *world) env() entente.Env {
	return entente.Env{Now: w.now, Actors: func(id entente.ActorID) *entente.Actor { return w.actors[id] }}
}

// do runs a command; on success the events join the log.
func (w *world) do(by entente.ActorID, cmd entente.Command) error {
	s, events, err := entente.Execute(w.state, by, cmd, w.env())
	if err != nil {
		return err
	}
	w.state, w.log = s, append(w.log, events...)
	return nil
}

// must runs a command that must succeed.
func (w *world) must(by entente.ActorID, cmd entente.Command) {
	w.tb.Helper()
	if err := w.do(by, cmd); err != nil {
		w.tb.Fatalf("%s %T: %v", by, cmd, err)
	}
}

// mustFail runs a command that must fail with code, appending nothing.
func (w *world) mustFail(by entente.ActorID, cmd entente.Command, code string) {
	w.tb.Helper()
	n := len(w.log)
	err := w.do(by, cmd)
	if got := entente.ErrorCode(err); got != code {
		w.tb.Fatalf("%s %T: error code %q (%v), want %q", by, cmd, got, err, code)
	}
	if len(w.log) != n {
		w.tb.Fatalf("%s %T failed but the log grew from %d to %d", by, cmd, n, len(w.log))
	}
}

// advance moves the clock and records what time brought about.
func (w *world) advance(d time.Duration) {
	w.tb.Helper()
	w.now = w.now.Add(d)
	s, events, err := entente.Advance(w.state, w.env())
	if err != nil {
		w.tb.Fatalf("advance: %v", err)
	}
	w.state, w.log = s, append(w.log, events...)
}

func (w *world) status(id entente.ActorID) entente.MemberStatus {
	if m := w.state.Members.Get(id); m != nil {
		return m.Status
	}
	return ""
}

func (w *world) lastProposal() *entente.Proposal {
	return w.state.Proposals.Last()
}

func found(w *world, kind entente.PactKind, agreement entente.Agreement, founders ...entente.ActorID) {
	w.tb.Helper()
	p := entente.Pact{ID: "test", Name: "Test pact", Kind: kind, Duration: entente.Duration{Kind: entente.Permanent}, Agreement: agreement}
	w.must(founders[0], entente.FoundPact{Pact: p, Founders: founders})
}

// listsAsSlices lets go-cmp compare a state's Lists as slices, so that
// options such as cmpopts.EquateEmpty reach their elements and a
// difference is shown element by element (a List's own Equal method
// compares with reflect.DeepEqual).
var listsAsSlices = cmp.Options{
	cmp.Transformer("commitments", entente.List[*entente.Commitment].Slice),
	cmp.Transformer("contributions", entente.List[*entente.Contribution].Slice),
	cmp.Transformer("objectives", entente.List[*entente.Objective].Slice),
	cmp.Transformer("proposals", entente.List[*entente.Proposal].Slice),
	cmp.Transformer("disputes", entente.List[*entente.Dispute].Slice),
}
