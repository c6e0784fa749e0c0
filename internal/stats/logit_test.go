package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLogisticRecovers fits data drawn from a known logistic model (seeded)
// and recovers its coefficients within four standard errors.
func TestLogisticRecovers(t *testing.T) {
	want := []float64{-1, 0.8, -1.5, 0.3}
	rng := rand.New(rand.NewPCG(42, 1))
	n := 20000
	X, y := make([][]float64, n), make([]bool, n)
	for i := range n {
		x := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.Float64()*4 - 2}
		eta := want[0] + want[1]*x[0] + want[2]*x[1] + want[3]*x[2]
		X[i], y[i] = x, rng.Float64() < sigmoid(eta)
	}
	fit, err := FitLogistic(X, y, LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Standard errors at this n are about 0.02–0.03.
	for j, w := range want {
		near(t, "coef", fit.Coef[j], w, 0.1)
	}
	t.Logf("fit %.4f in %d Newton iterations, log-likelihood %.2f", fit.Coef, fit.Iterations, fit.LogLik)
	ridge, err := FitLogistic(X, y, LogisticOptions{Ridge: 1e-3})
	if err != nil {
		t.Fatal(err)
	}
	for j := range want {
		near(t, "ridge coef", ridge.Coef[j], fit.Coef[j], 1e-3)
	}
	if p := fit.Prob([]float64{0, 0, 0}); math.Abs(p-sigmoid(fit.Coef[0])) > 1e-15 {
		t.Errorf("Prob at 0 = %g, want σ(β₀)", p)
	}
}

func TestLogisticSeparation(t *testing.T) {
	X := [][]float64{{-2}, {-1}, {1}, {2}}
	y := []bool{false, false, true, true}
	fit, err := FitLogistic(X, y, LogisticOptions{Ridge: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !(fit.Coef[1] > 0) || math.IsInf(fit.Coef[1], 0) {
		t.Errorf("separated data with a ridge: slope %g, want finite and positive", fit.Coef[1])
	}
	if _, err := FitLogistic(X, []bool{true, true, true, true}, LogisticOptions{}); err == nil {
		t.Error("a fit with one outcome succeeded")
	}
	if _, err := FitLogistic(X, y[:2], LogisticOptions{}); err == nil {
		t.Error("a fit with fewer labels than rows succeeded")
	}
}
