package power

import (
	"math"
	"testing"
)

// TestMonteCarloJohnstonWithinBound checks the Johnston estimate of the
// electoral college against the exact index: every player within the
// reported bound, and the bound informative (well below 1).
func TestMonteCarloJohnstonWithinBound(t *testing.T) {
	g := mustWeighted(t, 270, electoralCollege2020)
	exact, err := Analyze(g, Options{Indices: JohnstonIndex})
	if err != nil {
		t.Fatal(err)
	}
	est, err := Analyze(g, Options{Indices: JohnstonIndex, MonteCarlo: &MCOptions{Samples: 20000, Seed: 3}})
	if err != nil {
		t.Fatal(err)
	}
	b := est.MonteCarlo.JohnstonBound
	if !(b > 0 && b < 0.2) {
		t.Fatalf("bound %g", b)
	}
	for i := range exact.Johnston {
		if d := math.Abs(est.Johnston[i] - exact.Johnston[i]); d > b {
			t.Errorf("player %d: estimate %g, exact %g, beyond the bound %g", i, est.Johnston[i], exact.Johnston[i], b)
		}
	}
	if est.Banzhaf != nil || est.ShapleyShubik != nil {
		t.Error("indices not asked for were estimated")
	}
}
