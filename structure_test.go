package entente_test

import (
	"math"
	"testing"

	"github.com/entente/entente"
)

func TestShares(t *testing.T) {
	tests := []struct {
		name      string
		caps      map[entente.ActorID]float64
		largest   float64
		hhi       float64
		dominance float64
		class     string
	}{
		// US and South Korea, 10:1: a hub and a spoke.
		{"ten to one", map[entente.ActorID]float64{"us": 10, "kr": 1}, 10.0 / 11, (100.0 + 1) / 121, 10, "asymmetric"},
		{"two equals", map[entente.ActorID]float64{"a": 5, "b": 5}, 0.5, 0.5, 1, "symmetric"},
		// Two equals with a small partner: no single leader.
		{"two leaders", map[entente.ActorID]float64{"a": 4, "b": 4, "c": 2}, 0.4, 0.36, 1, "symmetric"},
		{"exactly twice", map[entente.ActorID]float64{"a": 2, "b": 1}, 2.0 / 3, 5.0 / 9, 2, "asymmetric"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shares, largest, hhi, dom, ok := entente.Shares(tt.caps)
			if !ok {
				t.Fatal("not ok")
			}
			sum := 0.0
			for _, s := range shares {
				sum += s
			}
			if math.Abs(sum-1) > 1e-12 || math.Abs(largest-tt.largest) > 1e-12 || math.Abs(hhi-tt.hhi) > 1e-12 || dom != tt.dominance {
				t.Fatalf("shares %v (sum %v) largest %v hhi %v dominance %v; want largest %v hhi %v dominance %v",
					shares, sum, largest, hhi, dom, tt.largest, tt.hhi, tt.dominance)
			}
			if got := entente.Classify(dom); got != tt.class {
				t.Fatalf("Classify(%v) = %s, want %s", dom, got, tt.class)
			}
		})
	}
	if _, _, _, _, ok := entente.Shares(map[entente.ActorID]float64{"a": 0, "b": 0}); ok {
		t.Fatal("zero total gave shares")
	}
}

func TestDeriveStructure(t *testing.T) {
	w := newWorld(t)
	w.addActor("big", map[string]float64{"economic": 90})
	w.addActor("small", map[string]float64{"economic": 10})
	w.addActor("unknown", nil)
	weighted := entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{
		entente.Budget: {Kind: entente.Weighted, Threshold: 0.5, WeightBy: "contributions"},
	}}
	found(w, entente.Coalition, weighted, "big", "small")
	s := entente.DeriveStructure(w.state, w.env().Actors)
	if !s.Bilateral || s.Symmetry != "asymmetric" || math.Abs(s.LargestShare-0.9) > 1e-12 || s.Hierarchy != "hierarchical" {
		t.Fatalf("structure %+v", s)
	}
	if len(s.Reasons) != 1 || s.Reasons[0] == "" {
		t.Fatalf("hierarchy reasons %v, want one naming the budget rule", s.Reasons)
	}
	w.must("unknown", entente.RequestJoin{})
	s = entente.DeriveStructure(w.state, w.env().Actors)
	if s.Bilateral || s.Symmetry != "unknown" || s.Shares != nil {
		t.Fatalf("with a member of unknown capability: %+v; want multilateral, unknown, no shares", s)
	}

	eg := newWorld(t)
	eg.addActor("a", map[string]float64{"economic": 1})
	eg.addActor("b", map[string]float64{"economic": 1})
	found(eg, entente.Alliance, entente.Agreement{}, "a", "b")
	if s := entente.DeriveStructure(eg.state, eg.env().Actors); s.Hierarchy != "egalitarian" || s.Symmetry != "symmetric" {
		t.Fatalf("unanimity alliance of equals: %+v", s)
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want entente.Period
		ok   bool
	}{
		{"30d", entente.Days(30), true},
		{"36h", entente.Period(36 * 3600e9), true},
		{"0d", 0, true},
		{"-1d", 0, false},
		{"1.5d", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, err := entente.ParsePeriod(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok {
			again, err := entente.ParsePeriod(got.String())
			if err != nil || again != got {
				t.Errorf("round trip of %q via %q: %v, %v", tt.in, got.String(), again, err)
			}
		}
	}
}

func TestActorValidate(t *testing.T) {
	tests := []struct {
		a     entente.Actor
		field string
	}{
		{entente.Actor{ID: "ok", Name: "OK", Kind: entente.State}, ""},
		{entente.Actor{ID: "", Name: "x", Kind: entente.State}, "id"},
		{entente.Actor{ID: "UPPER", Name: "x", Kind: entente.State}, "id"},
		{entente.Actor{ID: "x", Kind: entente.State}, "name"},
		{entente.Actor{ID: "x", Name: "x", Kind: "alien"}, "kind"},
		{entente.Actor{ID: "x", Name: "x", Kind: entente.Firm, Capabilities: map[string]float64{"eur": -1}}, "capabilities.eur"},
		{entente.Actor{ID: "x", Name: "x", Kind: entente.Firm, Capabilities: map[string]float64{"eur": math.NaN()}}, "capabilities.eur"},
	}
	for _, tt := range tests {
		err := tt.a.Validate()
		if entente.ErrorField(err) != tt.field || (tt.field == "") != (err == nil) {
			t.Errorf("Validate(%+v) = %v, want field %q", tt.a, err, tt.field)
		}
	}
}
