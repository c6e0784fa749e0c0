package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// GradientTolerance is the fit's default stopping rule: the gradient's
// largest component at most this much per observation. Tighter thresholds
// reach the round-off of summing thousands of terms and make the line
// search fail.
const GradientTolerance = 1e-7

// Logistic is a fitted logistic regression: P(y = 1 | x) = σ(β₀ + Σ β_j x_j).
type Logistic struct {
	// Coef holds β₀ (the intercept) then one coefficient per column of X.
	Coef []float64 `json:"coef"`
	// LogLik is the log-likelihood at the fit (without the penalty).
	LogLik float64 `json:"loglik"`
	// Iterations is the number of Newton iterations.
	Iterations int `json:"iterations"`
}

// LogisticOptions tunes FitLogistic.
type LogisticOptions struct {
	// Ridge is λ in the penalty λ/2 · Σ_{j≥1} β_j² added to the negative
	// log-likelihood (the intercept is not penalised). 0 is the plain
	// maximum-likelihood fit; a small λ keeps the fit finite when a
	// column separates the classes.
	Ridge float64
	// Tolerance is the stopping rule per observation; 0 means
	// GradientTolerance.
	Tolerance float64
}

// FitLogistic fits a logistic regression of y on the rows of X (each of the
// same length; an intercept is added) by Newton's method on the penalised
// negative log-likelihood
//
//	f(β) = Σ_i [log(1 + e^{η_i}) − y_i η_i] + λ/2 Σ_{j≥1} β_j²,  η_i = β₀ + x_i·β
//
// with gradient Xᵀ(p − y) + λβ and Hessian XᵀWX + λI, W = diag(p_i(1−p_i)),
// minimised with gonum's optimize.Newton (iteratively reweighted least
// squares is the same iteration). It starts from β₀ = logit(ȳ), β = 0, and
// stops when every gradient component is below Tolerance × n.
func FitLogistic(X [][]float64, y []bool, opt LogisticOptions) (*Logistic, error) {
	if len(X) == 0 || len(X) != len(y) {
		return nil, fmt.Errorf("stats: logistic fit needs as many labels as rows, got %d rows and %d labels", len(X), len(y))
	}
	d := newLogitData(X, y)
	if d.events == 0 || d.events == len(y) {
		return nil, errors.New("stats: logistic fit needs both outcomes in the data")
	}
	init := make([]float64, d.p)
	rate := float64(d.events) / float64(len(y))
	init[0] = math.Log(rate / (1 - rate))
	prob := optimize.Problem{
		Func: func(b []float64) float64 { return d.loss(b, opt.Ridge) },
		Grad: func(g, b []float64) { d.grad(g, b, opt.Ridge) },
		Hess: func(h *mat.SymDense, b []float64) { d.hess(h, b, opt.Ridge) },
	}
	tol := opt.Tolerance
	if tol == 0 {
		tol = GradientTolerance
	}
	settings := &optimize.Settings{GradientThreshold: tol * float64(len(y)), MajorIterations: 100}
	res, err := optimize.Minimize(prob, init, settings, &optimize.Newton{})
	if err != nil && (res == nil || res.Status != optimize.GradientThreshold) {
		return nil, fmt.Errorf("stats: logistic fit: %w", err)
	}
	l := &Logistic{Coef: res.X, Iterations: res.Stats.MajorIterations}
	l.LogLik = -d.loss(res.X, 0)
	return l, nil
}

// Prob returns the fitted probability for x.
func (l *Logistic) Prob(x []float64) float64 { return sigmoid(l.Linear(x)) }

// Linear returns β₀ + x·β, the log-odds for x.
func (l *Logistic) Linear(x []float64) float64 {
	eta := l.Coef[0]
	for j, v := range x {
		eta += l.Coef[j+1] * v
	}
	return eta
}

// logitData is the design with an intercept column, row-major.
type logitData struct {
	x      []float64
	y      []float64
	n, p   int
	events int
	eta    []float64
}

func newLogitData(X [][]float64, y []bool) *logitData {
	n, p := len(X), len(X[0])+1
	d := &logitData{x: make([]float64, 0, n*p), y: make([]float64, n), n: n, p: p, eta: make([]float64, n)}
	for i, row := range X {
		d.x = append(d.x, 1)
		d.x = append(d.x, row...)
		if y[i] {
			d.y[i] = 1
			d.events++
		}
	}
	return d
}

func (d *logitData) linear(b []float64) {
	for i := range d.n {
		row := d.x[i*d.p : (i+1)*d.p]
		var e float64
		for j, v := range row {
			e += v * b[j]
		}
		d.eta[i] = e
	}
}

func (d *logitData) loss(b []float64, ridge float64) float64 {
	d.linear(b)
	var f float64
	for i, e := range d.eta {
		f += softplus(e) - d.y[i]*e
	}
	for _, v := range b[1:] {
		f += ridge / 2 * v * v
	}
	return f
}

func (d *logitData) grad(g, b []float64, ridge float64) {
	d.linear(b)
	clear(g)
	for i, e := range d.eta {
		r := sigmoid(e) - d.y[i]
		row := d.x[i*d.p : (i+1)*d.p]
		for j, v := range row {
			g[j] += r * v
		}
	}
	for j := 1; j < d.p; j++ {
		g[j] += ridge * b[j]
	}
}

func (d *logitData) hess(h *mat.SymDense, b []float64, ridge float64) {
	d.weightedHess(h, b, ridge, func(eta float64, _ bool) float64 {
		s := sigmoid(eta)
		return s * (1 - s)
	})
}

// weightedHess sets h to X'WX at b, w_i = weight(eta_i, y_i), plus ridge
// on the diagonal of every coefficient but the intercept: the negative
// Hessian of the log-likelihood for any link, given its weights.
func (d *logitData) weightedHess(h *mat.SymDense, b []float64, ridge float64, weight func(eta float64, y bool) float64) {
	d.linear(b)
	acc := make([]float64, d.p*d.p)
	for i, e := range d.eta {
		w := weight(e, d.y[i] == 1)
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

// sigmoid is 1 / (1 + e^{−x}), computed without overflow.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// softplus is log(1 + e^x), computed without overflow.
func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}
