package partner

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Ridge is the L2 penalty λ of the logistic fit (on every coefficient but
// the intercept): small, only to keep the optimum finite if a feature
// separates the classes.
const Ridge = 1e-4

// fitLogit fits a logistic regression of y on the rows of x (n rows of p
// features, row-major, the first column the intercept's 1) by minimising
// the mean log-loss plus (λ/2)·Σ_{k≥1} β_k²,
//
//	L(β) = −(1/n) Σ_r [y_r log σ(x_r·β) + (1 − y_r) log(1 − σ(x_r·β))] + (λ/2) Σ_{k≥1} β_k²
//
// with Newton's method (gonum optimize), from the gradient
// (1/n) Σ_r (σ_r − y_r) x_r + λβ and the Hessian
// (1/n) Σ_r σ_r(1 − σ_r) x_r x_rᵀ + λI. L is convex, so the optimum is
// the global one.
func fitLogit(x []float64, y []bool, p int) ([]float64, error) {
	n := len(y)
	if n == 0 || len(x) != n*p {
		return nil, fmt.Errorf("partner: no training rows")
	}
	l := &logLoss{x: x, y: y, p: p}
	prob := optimize.Problem{
		Func: func(b []float64) float64 { l.at(b); return l.loss },
		Grad: func(g, b []float64) { l.at(b); copy(g, l.grad) },
		Hess: func(h *mat.SymDense, b []float64) {
			l.at(b)
			for i := 0; i < p; i++ {
				for j := i; j < p; j++ {
					h.SetSym(i, j, l.hess[i*p+j])
				}
			}
		},
	}
	res, err := optimize.Minimize(prob, make([]float64, p), &optimize.Settings{GradientThreshold: 1e-9}, &optimize.Newton{})
	if err != nil && (res == nil || res.Status != optimize.GradientThreshold) {
		return nil, fmt.Errorf("partner: logistic fit: %w", err)
	}
	return res.X, nil
}

// logLoss computes the loss, gradient and Hessian in one pass over the
// rows and keeps them for the last β asked about, since the optimiser asks
// for each separately at the same point.
type logLoss struct {
	x    []float64
	y    []bool
	p    int
	beta []float64
	loss float64
	grad []float64
	hess []float64 // p×p, upper triangle filled
}

func (l *logLoss) at(beta []float64) {
	if l.beta != nil && slices.Equal(l.beta, beta) {
		return
	}
	p, n := l.p, len(l.y)
	l.beta = slices.Clone(beta)
	l.loss, l.grad, l.hess = 0, make([]float64, p), make([]float64, p*p)
	for r := 0; r < n; r++ {
		row := l.x[r*p : (r+1)*p]
		z := 0.0
		for k, v := range row {
			z += v * beta[k]
		}
		// log(1 + e^z) − y·z and σ(z), from one e^(−|z|) without overflow.
		e := math.Exp(-math.Abs(z))
		l.loss += math.Max(z, 0) + math.Log1p(e)
		s := 1 / (1 + e)
		if z < 0 {
			s = e / (1 + e)
		}
		g := s
		if l.y[r] {
			l.loss -= z
			g--
		}
		h := s * (1 - s)
		for i, vi := range row {
			l.grad[i] += g * vi
			hi := l.hess[i*p : (i+1)*p]
			for j := i; j < p; j++ {
				hi[j] += h * vi * row[j]
			}
		}
	}
	inv := 1 / float64(n)
	l.loss *= inv
	for i := range l.grad {
		l.grad[i] *= inv
		for j := i; j < p; j++ {
			l.hess[i*p+j] *= inv
		}
		if i > 0 {
			l.loss += Ridge / 2 * beta[i] * beta[i]
			l.grad[i] += Ridge * beta[i]
			l.hess[i*p+i] += Ridge
		}
	}
}
