package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
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
// definite for the probit, starting from β₀ = Φ⁻¹(ȳ), β = 0, and stopping
// when every gradient component is below opt.Tolerance × n. opt.Ridge
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
	init := make([]float64, d.p)
	init[0] = normQuantile(float64(d.events) / float64(len(y)))
	prob := optimize.Problem{
		Func: func(b []float64) float64 { return d.probitLoss(b, opt.Ridge) },
		Grad: func(g, b []float64) { d.probitGrad(g, b, opt.Ridge) },
		Hess: func(h *mat.SymDense, b []float64) { d.probitHess(h, b, opt.Ridge) },
	}
	tol := opt.Tolerance
	if tol == 0 {
		tol = GradientTolerance
	}
	settings := &optimize.Settings{GradientThreshold: tol * float64(len(y)), MajorIterations: 100}
	res, err := optimize.Minimize(prob, init, settings, &optimize.Newton{})
	if err != nil && (res == nil || res.Status != optimize.GradientThreshold) {
		return nil, fmt.Errorf("stats: probit fit: %w", err)
	}
	return &Binary{Link: ProbitLink, Coef: res.X, LogLik: -d.probitLoss(res.X, 0), Iterations: res.Stats.MajorIterations}, nil
}

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
	d.linear(b)
	acc := make([]float64, d.p*d.p)
	for i, e := range d.eta {
		_, w := ProbitLink.Terms(e, d.y[i] == 1)
		row := d.x[i*d.p : (i+1)*d.p]
		for j, vj := range row {
			wj := w * vj
			for k := j; k < d.p; k++ {
				acc[j*d.p+k] += wj * row[k]
			}
		}
	}
	for j := range d.p {
		for k := j; k < d.p; k++ {
			v := acc[j*d.p+k]
			if j == k && j > 0 {
				v += ridge
			}
			h.SetSym(j, k, v)
		}
	}
}

// millsCut is where the direct ratio φ/Φ gives way to the asymptotic
// series (Φ(−30) ≈ 5e-198 is still a normal float, φ(−38) is not).
const millsCut = -30

// normCDF is Φ(x) = erfc(−x/√2)/2, accurate in relative terms in the
// lower tail.
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// normPDF is φ(x).
func normPDF(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }

// logNormCDF is log Φ(x), finite far into the lower tail through the
// asymptotic series Φ(x) ≈ φ(x)/(−x) · (1 − 1/x² + 3/x⁴).
func logNormCDF(x float64) float64 {
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
