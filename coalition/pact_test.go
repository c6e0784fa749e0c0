package coalition_test

import (
	"math"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/coalition"
)

// splitPact builds a pact whose three members delivered 60, 30 and 10.
func splitPact(tb testing.TB) *entente.PactState {
	tb.Helper()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	actors := map[entente.ActorID]*entente.Actor{}
	for _, id := range []entente.ActorID{"a", "b", "c"} {
		actors[id] = &entente.Actor{ID: id, Name: string(id), Kind: entente.Firm}
	}
	env := entente.Env{Now: t0, Actors: func(id entente.ActorID) *entente.Actor { return actors[id] }}
	s, _, err := entente.Execute(nil, "a", entente.FoundPact{Pact: entente.Pact{ID: "p", Name: "P", Kind: entente.Coalition},
		Founders: []entente.ActorID{"a", "b", "c"}}, env)
	if err != nil {
		tb.Fatal(err)
	}
	for id, amount := range map[entente.ActorID]float64{"a": 60, "b": 30, "c": 10} {
		if s, _, err = entente.Execute(s, id, entente.Contribute{Resource: "eur", Amount: amount}, env); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

func TestPactSplitAdditive(t *testing.T) {
	// ρ = 1, γ = 0: the game is additive, v(S) = B·s(S), so Shapley,
	// nucleolus and the proportional split all give B·s_i.
	sp, err := coalition.PactSplit(splitPact(t), coalition.SplitOptions{Benefit: 200})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{120, 60, 20}
	for i := range want {
		if math.Abs(sp.Shapley[i]-want[i]) > 1e-9 || math.Abs(sp.Nucleolus[i]-want[i]) > 1e-6 || math.Abs(sp.Proportional[i]-want[i]) > 1e-9 {
			t.Fatalf("member %s: shapley %v nucleolus %v proportional %v, want %v", sp.Members[i], sp.Shapley[i], sp.Nucleolus[i], sp.Proportional[i], want[i])
		}
	}
	if sp.CoreEmpty || !sp.ShapleyInCore {
		t.Fatalf("additive game: core empty %v, Shapley in core %v", sp.CoreEmpty, sp.ShapleyInCore)
	}
}

func TestPactSplitSynergy(t *testing.T) {
	// ρ = 1, γ = 1, shares .6, .3, .1: pairs .18 (ab), .06 (ac), .03 (bc),
	// norm 1.27. Shapley splits the additive part by share and each pair's
	// term equally between its two members:
	//   a: (.6 + (.18+.06)/2)/1.27 · 100 = .72/1.27 · 100
	//   b: (.3 + (.18+.03)/2)/1.27 · 100 = .405/1.27 · 100
	//   c: (.1 + (.06+.03)/2)/1.27 · 100 = .145/1.27 · 100
	sp, err := coalition.PactSplit(splitPact(t), coalition.SplitOptions{Benefit: 100, Synergy: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{72 / 1.27, 40.5 / 1.27, 14.5 / 1.27}
	sum := 0.0
	for i := range want {
		if math.Abs(sp.Shapley[i]-want[i]) > 1e-9 {
			t.Fatalf("Shapley %v, want %v", sp.Shapley, want)
		}
		sum += sp.Nucleolus[i]
	}
	if math.Abs(sum-100) > 1e-6 || sp.CoreEmpty || !sp.ShapleyInCore {
		t.Fatalf("nucleolus %v (sum %v), core empty %v, Shapley in core %v", sp.Nucleolus, sum, sp.CoreEmpty, sp.ShapleyInCore)
	}
}

func TestPactSplitErrors(t *testing.T) {
	s := splitPact(t)
	for _, opts := range []coalition.SplitOptions{{Returns: 0.5}, {Synergy: -1}, {Benefit: -3}, {Returns: math.NaN()}} {
		if _, err := coalition.PactSplit(s, opts); err == nil {
			t.Errorf("PactSplit(%+v) accepted", opts)
		}
	}
}
