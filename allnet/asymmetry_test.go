package allnet

import (
	"math"
	"testing"

	"github.com/entente/entente"
)

func TestAsymmetryUSKorea(t *testing.T) {
	a := AllianceAsymmetry([]float64{0.14, 0.014}) // roughly the US and South Korea
	if a.Symmetry != Asymmetric {
		t.Errorf("10:1 classified %s", a.Symmetry)
	}
	if !near(a.Dominance, 10, 1e-9) || !near(a.StrongestToWeakest, 10, 1e-9) || !near(a.LargestShare, 10.0/11, 1e-12) {
		t.Errorf("%+v", a)
	}
	if !near(a.Shares[0]+a.Shares[1], 1, 1e-15) || !near(a.Herfindahl, (100.0+1)/121, 1e-12) {
		t.Errorf("%+v", a)
	}
}

func TestAsymmetryEquals(t *testing.T) {
	a := AllianceAsymmetry([]float64{0.03, 0.03})
	if a.Symmetry != Symmetric || a.Dominance != 1 || a.Herfindahl != 0.5 || a.Shares[0] != 0.5 {
		t.Errorf("%+v", a)
	}
	// Two equal leaders with a small partner are symmetric by the
	// dominance rule even though the weakest is tiny.
	a = AllianceAsymmetry([]float64{0.1, 0.1, 0.001})
	if a.Symmetry != Symmetric || !near(a.StrongestToWeakest, 100, 1e-9) {
		t.Errorf("%+v", a)
	}
}

func TestAsymmetryThresholdShared(t *testing.T) {
	// Exactly the ledger's ratio is asymmetric, just below is not.
	if a := AllianceAsymmetry([]float64{entente.AsymmetryRatio, 1}); a.Symmetry != Asymmetric {
		t.Errorf("ratio %v: %s", entente.AsymmetryRatio, a.Symmetry)
	}
	if a := AllianceAsymmetry([]float64{1.99, 1}); a.Symmetry != Symmetric {
		t.Errorf("1.99: %s", a.Symmetry)
	}
}

func TestAsymmetryUnknown(t *testing.T) {
	for _, c := range [][]float64{
		{0.1, math.NaN()},
		{math.NaN(), math.NaN()},
		{0.2},
		nil,
		{0, 0},
		{0.1, -1},
		{math.Inf(1), 1},
	} {
		a := AllianceAsymmetry(c)
		if a.Symmetry != Unknown {
			t.Errorf("%v: %s", c, a.Symmetry)
		}
		for _, s := range a.Shares {
			if !math.IsNaN(s) {
				t.Errorf("%v: share %v, want NaN", c, s)
			}
		}
		if !math.IsNaN(a.Dominance) || !math.IsNaN(a.Herfindahl) || !math.IsNaN(a.LargestShare) {
			t.Errorf("%v: %+v", c, a)
		}
	}
	if a := AllianceAsymmetry([]float64{0.1, math.NaN(), math.NaN()}); a.Missing != 2 {
		t.Errorf("missing %d", a.Missing)
	}
}

func TestAsymmetryWeakestZero(t *testing.T) {
	a := AllianceAsymmetry([]float64{1, 1, 0})
	if !math.IsInf(a.StrongestToWeakest, 1) || a.Symmetry != Symmetric || a.Shares[2] != 0 {
		t.Errorf("%+v", a)
	}
}
