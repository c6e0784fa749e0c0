package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Link is the link function of a binary regression.
type Link int

const (
	// LogitLink is P(y = 1) = σ(η), the logistic regression.
	LogitLink Link = iota
	// ProbitLink is P(y = 1) = Φ(η), the standard normal CDF.
	ProbitLink
)

// String returns "logit" or "probit".
func (l Link) String() string {
	if l == ProbitLink {
		return "probit"
	}
	return "logit"
}

// CDF returns P(y = 1) at the linear predictor eta.
func (l Link) CDF(eta float64) float64 {
	if l == ProbitLink {
		return normCDF(eta)
	}
	return sigmoid(eta)
}

// Terms returns, for one observation with linear predictor eta and
// outcome y, the derivative of its log-likelihood with respect to eta (the
// score residual: y − p for the logit) and the negative second derivative
// (its observed information: p(1 − p) for the logit; for the probit
// λ(η)(λ(η) + η) when y = 1 and λ(−η)(λ(−η) − η) when y = 0, with λ the
// inverse Mills ratio φ/Φ). A sandwich variance is built from these.
func (l Link) Terms(eta float64, y bool) (score, info float64) {
	if l == ProbitLink {
		if y {
			m := mills(eta)
			return m, m * (m + eta)
		}
		m := mills(-eta)
		return -m, m * (m - eta)
	}
	p := sigmoid(eta)
	if y {
		return 1 - p, p * (1 - p)
	}
	return -p, p * (1 - p)
}

// Binary is a fitted binary regression: P(y = 1 | x) = F(β₀ + Σ β_j x_j)
// with F the link's CDF.
type Binary struct {
	Link Link `json:"link"`
	// Coef holds β₀ (the intercept) then one coefficient per column of X.
	Coef []float64 `json:"coef"`
	// LogLik is the log-likelihood at the fit (without any penalty).
	LogLik float64 `json:"loglik"`
	// Iterations is the number of Newton iterations.
	Iterations int `json:"iterations"`
}

// Linear returns β₀ + x·β.
func (b *Binary) Linear(x []float64) float64 {
	eta := b.Coef[0]
	for j, v := range x {
		eta += b.Coef[j+1] * v
	}
	return eta
}

// Prob returns the fitted probability for x.
func (b *Binary) Prob(x []float64) float64 { return b.Link.CDF(b.Linear(x)) }

// FitBinary fits a binary regression of y on the rows of X (an intercept
// is added) with the given link. The logit is FitLogistic's fit (same
// iterations, same figures); the probit maximises
//
//	Σ_i [y_i log Φ(η_i) + (1 − y_i) log Φ(−η_i)]
//
// by Newton's method with the exact (observed) Hessian, which is positive
// definite for the probit, and a backtracking (Armijo) step, starting from
// β₀ = Φ⁻¹(ȳ), β = 0, and stopping when every gradient component is below
// opt.Tolerance × n or the Newton decrement puts the loss within 1e-10 of
// its minimum. opt.Ridge
// penalises the probit as it does the logit. Sums run over the rows in
// order, so the fit is deterministic.
func FitBinary(X [][]float64, y []bool, link Link, opt LogisticOptions) (*Binary, error) {
	if link != ProbitLink {
		l, err := FitLogistic(X, y, opt)
		if err != nil {
			return nil, err
		}
		return &Binary{Link: LogitLink, Coef: l.Coef, LogLik: l.LogLik, Iterations: l.Iterations}, nil
	}
	if len(X) == 0 || len(X) != len(y) {
		return nil, fmt.Errorf("stats: probit fit needs as many labels as rows, got %d rows and %d labels", len(X), len(y))
	}
	d := newLogitData(X, y)
	if d.events == 0 || d.events == len(y) {
		return nil, errors.New("stats: probit fit needs both outcomes in the data")
	}
	b := make([]float64, d.p)
	b[0] = normQuantile(float64(d.events) / float64(len(y)))
	tol := opt.Tolerance
	if tol == 0 {
		tol = GradientTolerance
	}
	g, step, trial := make([]float64, d.p), make([]float64, d.p), make([]float64, d.p)
	h := mat.NewSymDense(d.p, nil)
	f := d.probitLoss(b, opt.Ridge)
	for it := 0; ; it++ {
		d.probitGrad(g, b, opt.Ridge)
		d.probitHess(h, b, opt.Ridge)
		var chol mat.Cholesky
		if !chol.Factorize(h) {
			return nil, errors.New("stats: probit fit: the information matrix is singular")
		}
		if err := chol.SolveVecTo(mat.NewVecDense(d.p, step), mat.NewVecDense(d.p, g)); err != nil {
			return nil, fmt.Errorf("stats: probit fit: %w", err)
		}
		// dec = gᵀH⁻¹g: half of it is the Newton estimate of how far the
		// loss is above its minimum.
		var dec, gmax float64
		for j := range g {
			dec += g[j] * step[j]
			gmax = max(gmax, math.Abs(g[j]))
		}
		if gmax <= tol*float64(len(y)) || dec/2 <= probitDone {
			return &Binary{Link: ProbitLink, Coef: b, LogLik: -d.probitLoss(b, 0), Iterations: it}, nil
		}
		if it == 100 {
			return nil, fmt.Errorf("stats: probit fit: no convergence in 100 Newton iterations (max gradient %g)", gmax)
		}
		// Backtrack from the full Newton step until the loss falls enough
		// (Armijo); within round-off of the minimum, stop where we are.
		t, moved := 1.0, false
		for range 40 {
			for j := range b {
				trial[j] = b[j] - t*step[j]
			}
			if ft := d.probitLoss(trial, opt.Ridge); ft <= f-1e-4*t*dec {
				copy(b, trial)
				f, moved = ft, true
				break
			}
			t /= 2
		}
		if !moved {
			if dec/2 <= probitRoundOff {
				return &Binary{Link: ProbitLink, Coef: b, LogLik: -d.probitLoss(b, 0), Iterations: it}, nil
			}
			return nil, fmt.Errorf("stats: probit fit: no step lowers the loss (Newton decrement %g)", dec)
		}
	}
}

// probitDone stops the probit's Newton iteration once the loss is within
// this much of its minimum (by the Newton decrement); probitRoundOff is
// how far above it a fit may stop when no step lowers the loss any more
// (the sums' round-off at a million rows). Either moves a coefficient by
// at most about √(2·1e-6) ≈ 0.0014 of its standard error.
const (
	probitDone     = 1e-10
	probitRoundOff = 1e-6
)

func (d *logitData) probitLoss(b []float64, ridge float64) float64 {
	d.linear(b)
	var f float64
	for i, e := range d.eta {
		if d.y[i] == 1 {
			f -= logNormCDF(e)
		} else {
			f -= logNormCDF(-e)
		}
	}
	for _, v := range b[1:] {
		f += ridge / 2 * v * v
	}
	return f
}

func (d *logitData) probitGrad(g, b []float64, ridge float64) {
	d.linear(b)
	clear(g)
	for i, e := range d.eta {
		s, _ := ProbitLink.Terms(e, d.y[i] == 1)
		row := d.x[i*d.p : (i+1)*d.p]
		for j, v := range row {
			g[j] -= s * v
		}
	}
	for j := 1; j < d.p; j++ {
		g[j] += ridge * b[j]
	}
}

func (d *logitData) probitHess(h *mat.SymDense, b []float64, ridge float64) {
	d.weightedHess(h, b, ridge, func(eta float64, y bool) float64 {
		_, w := ProbitLink.Terms(eta, y)
		return w
	})
}

// millsCut is where the direct ratio φ/Φ gives way to the asymptotic
// series (Φ(−30) ≈ 5e-198 is still a normal float, φ(−38) is not).
const millsCut = -30

// normCDF is Φ(x) = erfc(−x/√2)/2, accurate in relative terms in the
// lower tail.
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// normPDF is φ(x).
func normPDF(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }

// logNormCDF is log Φ(x): accurate in the upper tail through
// log1p(−Φ(−x)), and finite far into the lower tail through the asymptotic
// series Φ(x) ≈ φ(x)/(−x) · (1 − 1/x² + 3/x⁴).
func logNormCDF(x float64) float64 {
	if x > 0 {
		// log(1 − Φ(−x)): Φ(x) rounds to 1 for x above about 8, where
		// the upper tail still moves the log-likelihood of every y = 0.
		return math.Log1p(-normCDF(-x))
	}
	if x > millsCut {
		return math.Log(normCDF(x))
	}
	x2 := x * x
	return -x2/2 - math.Log(-x) - 0.5*math.Log(2*math.Pi) + math.Log(1-1/x2+3/(x2*x2))
}

// mills is the inverse Mills ratio φ(x)/Φ(x).
func mills(x float64) float64 {
	if x > millsCut {
		return normPDF(x) / normCDF(x)
	}
	x2 := x * x
	return -x / (1 - 1/x2 + 3/(x2*x2))
}

// normQuantile is Φ⁻¹(p) = √2 erfinv(2p − 1).
func normQuantile(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }
