package health_test

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/demo"
	"github.com/entente/entente/health"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// demoNow is when the demo workspace is seeded to end.
var demoNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// demoService seeds the demo workspace and opens a ledger over it.
func demoService(tb testing.TB) *ledger.Service {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "demo.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	signer, err := tlog.GenerateKey(bytes.NewReader(make([]byte, 64)))
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	if _, err := demo.Seed(ctx, db, signer, demoNow, rand.NewChaCha8([32]byte{5})); err != nil {
		tb.Fatal(err)
	}
	svc, err := ledger.Open(ctx, db, signer, func() time.Time { return demoNow })
	if err != nil {
		tb.Fatal(err)
	}
	return svc
}

func assessDemo(tb testing.TB, pact entente.PactID) health.Assessment {
	tb.Helper()
	svc := demoService(tb)
	st, err := svc.Pact(pact)
	if err != nil {
		tb.Fatal(err)
	}
	actors := func(id entente.ActorID) *entente.Actor {
		a, err := svc.Actor(id)
		if err != nil {
			return nil
		}
		return a
	}
	return health.AssessPact(st, actors, demoNow, health.DefaultPeriod)
}

// TestDemoJointVentureFlagsQuanta: the joint venture's overdue member shows
// lower trust, a free-rider flag and a warning naming its commitment.
func TestDemoJointVentureFlagsQuanta(t *testing.T) {
	a := assessDemo(t, "solid-state-jv")
	incoming := func(subject entente.ActorID) float64 {
		var sum float64
		var n int
		for _, o := range []entente.ActorID{"helios", "nordcell", "quanta"} {
			if o == subject {
				continue
			}
			sc, ok := a.Trust.Score(o, subject)
			if !ok {
				t.Fatalf("no trust score %s -> %s", o, subject)
			}
			sum += sc.Value
			n++
		}
		return sum / float64(n)
	}
	q, h, n := incoming("quanta"), incoming("helios"), incoming("nordcell")
	if !(q < h && q < n) {
		t.Errorf("trust in quanta %.3f, helios %.3f, nordcell %.3f: want quanta lowest", q, h, n)
	}
	m := a.Burden.Member("quanta")
	if m == nil || !m.FreeRider {
		t.Fatalf("quanta burden %+v, want a free rider", m)
	}
	for _, other := range []entente.ActorID{"helios", "nordcell"} {
		if a.Burden.Member(other).FreeRider {
			t.Errorf("%s flagged as free rider", other)
		}
	}
	var named bool
	for _, al := range a.Health.Alerts {
		if al.Component == health.Commitments && al.Ref == "c6" && al.Member == "quanta" && strings.Contains(al.Message, "c6") {
			named = true
		}
	}
	if !named {
		t.Errorf("no alert names commitment c6: %+v", a.Health.Alerts)
	}
	if s := a.Health.Score; !(s > 0 && s < 100) {
		t.Errorf("score %v", s)
	}
}

func TestDissolvedCoalitionHasNoMemberComponents(t *testing.T) {
	a := assessDemo(t, "clean-air-zone")
	for _, c := range a.Health.Components {
		if c.Name == health.Trust && !math.IsNaN(c.Value) {
			t.Errorf("trust of a pact with no members: %v (want NaN, not a number)", c.Value)
		}
	}
	if !contains(a.Health.Missing, health.Trust) {
		t.Errorf("missing components %v, want trust listed", a.Health.Missing)
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestAgreement(t *testing.T) {
	tests := []struct {
		a, b entente.Choice
		want float64
	}{
		{entente.Yes, entente.Yes, 1}, {entente.No, entente.No, 1}, {entente.Yes, entente.No, 0},
		{entente.Yes, entente.Abstain, 0.5}, {entente.Abstain, entente.No, 0.5}, {entente.Abstain, entente.Abstain, 1},
	}
	for _, tt := range tests {
		if got := health.Agreement(tt.a, tt.b); got != tt.want {
			t.Errorf("Agreement(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestComponents builds a small pact by hand and checks each component
// against its definition.
func TestComponents(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	actors := map[entente.ActorID]*entente.Actor{}
	for _, id := range []entente.ActorID{"a", "b", "c", "d"} {
		actors[id] = &entente.Actor{ID: id, Name: string(id), Kind: entente.Firm, Capabilities: map[string]float64{"economic": 25}}
	}
	env := func(now time.Time) entente.Env {
		return entente.Env{Now: now, Actors: func(id entente.ActorID) *entente.Actor { return actors[id] }}
	}
	var s *entente.PactState
	do := func(now time.Time, by entente.ActorID, cmd entente.Command) {
		t.Helper()
		var err error
		if s, _, err = entente.Execute(s, by, cmd, env(now)); err != nil {
			t.Fatal(err)
		}
	}
	p := entente.Pact{ID: "p", Name: "P", Kind: entente.Coalition, Agreement: entente.Agreement{
		Disputes: entente.DisputeLadder{Negotiation: entente.Days(5)}}}
	do(t0, "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b", "c", "d"}})
	// Four commitments due by day 20; one is missed.
	for _, id := range []entente.ActorID{"a", "b", "c", "d"} {
		do(t0, id, entente.Pledge{Resource: "eur", Amount: 10, Due: t0.Add(20 * entente.Day)})
	}
	for i, id := range []entente.ActorID{"a", "b", "c"} {
		do(t0.Add(entente.Day), id, entente.Contribute{Commitment: "c" + string(rune('1'+i)), Amount: 10})
	}
	// A proposal where a, b vote yes, c no, d abstains: pairs ab=1, ac=0,
	// ad=½, bc=0, bd=½, cd=½ → 2.5/6.
	do(t0.Add(2*entente.Day), "a", entente.Propose{Matter: entente.General, Title: "Q"})
	do(t0.Add(2*entente.Day), "a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	do(t0.Add(2*entente.Day), "b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	do(t0.Add(2*entente.Day), "c", entente.CastVote{Proposal: "p1", Choice: entente.No})
	do(t0.Add(2*entente.Day), "d", entente.CastVote{Proposal: "p1", Choice: entente.Abstain})
	// A dispute that climbs to mediation: load ½ over 4 members.
	do(t0.Add(3*entente.Day), "a", entente.RaiseDispute{Against: []entente.ActorID{"d"}, Subject: "late"})
	now := t0.Add(25 * entente.Day)
	s, _, _ = entente.Advance(s, env(now))

	r := health.Assess(health.Input{State: s, From: t0, To: now}, health.Options{})
	want := map[string]float64{
		health.Cohesion:    2.5 / 6,
		health.Disputes:    1 - 0.5/4,
		health.Commitments: 1 - 1.0/4,
	}
	for _, c := range r.Components {
		if w, ok := want[c.Name]; ok && math.Abs(c.Value-w) > 1e-12 {
			t.Errorf("%s = %v, want %v (%s)", c.Name, c.Value, w, c.Detail)
		}
	}
	for _, name := range []string{health.Trust, health.Burden, health.Objectives, health.PowerShift} {
		if !contains(r.Missing, name) {
			t.Errorf("%s should be missing without its input; missing = %v", name, r.Missing)
		}
	}
	// Score = weighted mean of the present components (cohesion_trend is
	// missing: no votes in the period before).
	mean := (2.5/6 + (1 - 0.5/4) + 0.75) / 3 * 100
	if math.Abs(r.Score-mean) > 1e-9 {
		t.Errorf("score %v, want %v", r.Score, mean)
	}
}

// TestNoContributionsIsNoData: a pact where nothing was delivered has no
// burden figure, not a perfect one.
func TestNoContributionsIsNoData(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	actors := map[entente.ActorID]*entente.Actor{}
	for _, id := range []entente.ActorID{"a", "b"} {
		actors[id] = &entente.Actor{ID: id, Name: string(id), Kind: entente.Firm, Capabilities: map[string]float64{"economic": 10}}
	}
	env := entente.Env{Now: t0, Actors: func(id entente.ActorID) *entente.Actor { return actors[id] }}
	s, _, err := entente.Execute(nil, "a", entente.FoundPact{Pact: entente.Pact{ID: "p", Name: "P", Kind: entente.Coalition},
		Founders: []entente.ActorID{"a", "b"}}, env)
	if err != nil {
		t.Fatal(err)
	}
	a := health.AssessPact(s, env.Actors, t0.Add(40*entente.Day), health.DefaultPeriod)
	if !contains(a.Health.Missing, health.Burden) {
		t.Fatalf("burden with nothing delivered: %+v", a.Health.Components)
	}
}
