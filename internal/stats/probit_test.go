package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestProbitRecovers fits data drawn from a known probit model (seeded)
// and recovers its coefficients; the logit on the same data is about 1.6
// times the probit, the usual ratio.
func TestProbitRecovers(t *testing.T) {
	want := []float64{-1, 0.5, -0.9, 0.2}
	rng := rand.New(rand.NewPCG(7, 3))
	n := 20000
	X, y := make([][]float64, n), make([]bool, n)
	for i := range n {
		x := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.Float64()*4 - 2}
		eta := want[0] + want[1]*x[0] + want[2]*x[1] + want[3]*x[2]
		X[i], y[i] = x, rng.Float64() < normCDF(eta)
	}
	fit, err := FitBinary(X, y, ProbitLink, LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Standard errors at this n are about 0.01-0.02.
	for j, w := range want {
		near(t, "probit coef", fit.Coef[j], w, 0.06)
	}
	logit, err := FitBinary(X, y, LogitLink, LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for j := 1; j < len(want); j++ {
		if r := logit.Coef[j] / fit.Coef[j]; r < 1.5 || r > 1.9 {
			t.Errorf("logit/probit ratio of coef %d = %.3f, want about 1.6-1.8", j, r)
		}
	}
	if p := fit.Prob([]float64{0, 0, 0}); math.Abs(p-normCDF(fit.Coef[0])) > 1e-15 {
		t.Errorf("Prob at 0 = %g, want Φ(β₀)", p)
	}
	t.Logf("probit %.4f in %d iterations, log-likelihood %.2f; logit %.4f", fit.Coef, fit.Iterations, fit.LogLik, logit.Coef)
}

// TestFitBinaryLogitIsFitLogistic: the logit link gives FitLogistic's fit
// bit for bit.
func TestFitBinaryLogitIsFitLogistic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	X, y := make([][]float64, 500), make([]bool, 500)
	for i := range X {
		X[i] = []float64{rng.NormFloat64()}
		y[i] = rng.Float64() < sigmoid(0.3+X[i][0])
	}
	a, err := FitLogistic(X, y, LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := FitBinary(X, y, LogitLink, LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for j := range a.Coef {
		if a.Coef[j] != b.Coef[j] {
			t.Errorf("coef %d: %v vs %v", j, a.Coef[j], b.Coef[j])
		}
	}
	if a.LogLik != b.LogLik || b.Link.String() != "logit" || ProbitLink.String() != "probit" {
		t.Errorf("loglik %v vs %v, link %v", a.LogLik, b.LogLik, b.Link)
	}
}

// TestLinkTerms checks the score and information against numerical
// derivatives of each observation's log-likelihood, across the range
// including the far tail where the asymptotic series takes over.
func TestLinkTerms(t *testing.T) {
	ll := func(l Link, eta float64, y bool) float64 {
		if l == ProbitLink {
			if y {
				return logNormCDF(eta)
			}
			return logNormCDF(-eta)
		}
		if y {
			return -softplus(-eta)
		}
		return -softplus(eta)
	}
	for _, l := range []Link{LogitLink, ProbitLink} {
		for _, eta := range []float64{-35, -29.9, -8, -2, -0.3, 0, 0.7, 3, 9, 31} {
			for _, y := range []bool{false, true} {
				s, w := l.Terms(eta, y)
				h := 1e-4 * math.Max(1, math.Abs(eta))
				ds := (ll(l, eta+h, y) - ll(l, eta-h, y)) / (2 * h)
				dw := -(ll(l, eta+h, y) - 2*ll(l, eta, y) + ll(l, eta-h, y)) / (h * h)
				if math.Abs(s-ds) > 1e-5*math.Max(1, math.Abs(s)) {
					t.Errorf("%v η=%g y=%v: score %g, numerical %g", l, eta, y, s, ds)
				}
				if math.Abs(w-dw) > 1e-3*math.Max(1, math.Abs(w)) {
					t.Errorf("%v η=%g y=%v: information %g, numerical %g", l, eta, y, w, dw)
				}
				if w < 0 {
					t.Errorf("%v η=%g y=%v: negative information %g", l, eta, y, w)
				}
			}
		}
	}
	// The two branches of log Φ and of the Mills ratio meet at the cut.
	a, b := logNormCDF(millsCut+1e-9), logNormCDF(millsCut-1e-9)
	if math.Abs(a-b) > 1e-6 {
		t.Errorf("log Φ jumps at the cut: %g vs %g", a, b)
	}
	if q := normQuantile(normCDF(1.2345)); math.Abs(q-1.2345) > 1e-12 {
		t.Errorf("Φ⁻¹(Φ(1.2345)) = %g", q)
	}
}

// TestLogNormCDFUpperTail: log Φ(x) keeps the upper tail that Φ(x)
// itself rounds away (log Φ(9) ≈ −1.13e-19, not 0), so the probit's loss
// moves with its gradient where most observations sit in rare-event data.
func TestLogNormCDFUpperTail(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{5, -2.866516129637636e-07},
		{9, -1.1285884059538408e-19},
		{0, math.Log(0.5)},
	} {
		if got := logNormCDF(c.x); math.Abs(got-c.want) > 1e-9*math.Abs(c.want) {
			t.Errorf("log Φ(%g) = %g, want %g", c.x, got, c.want)
		}
	}
}
