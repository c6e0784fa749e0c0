package partner

import (
	"fmt"

	"github.com/entente/entente/internal/stats"
)

// Ridge is the L2 penalty λ of the logistic fit (on every coefficient but
// the intercept), on the mean log-loss: small, only to keep the optimum
// finite if a feature separates the classes.
const Ridge = 1e-4

// logitTolerance is the fit's stopping rule: every component of the mean
// log-loss's gradient below it.
const logitTolerance = 1e-9

// fitLogit fits a logistic regression of y on the rows of x (n rows of p
// features, row-major, the first column the intercept's 1) by minimising
// the mean log-loss plus (λ/2)·Σ_{k≥1} β_k²,
//
//	L(β) = −(1/n) Σ_r [y_r log σ(x_r·β) + (1 − y_r) log(1 − σ(x_r·β))] + (λ/2) Σ_{k≥1} β_k²
//
// with Newton's method (stats.FitLogistic, which minimises n·L: the same
// optimum, with the penalty n·λ). L is convex, so the optimum is the
// global one.
func fitLogit(x []float64, y []bool, p int) ([]float64, error) {
	n := len(y)
	if n == 0 || len(x) != n*p {
		return nil, fmt.Errorf("partner: no training rows")
	}
	rows := make([][]float64, n)
	for r := range rows {
		rows[r] = x[r*p+1 : (r+1)*p]
	}
	fit, err := stats.FitLogistic(rows, y, stats.LogisticOptions{Ridge: Ridge * float64(n), Tolerance: logitTolerance})
	if err != nil {
		return nil, fmt.Errorf("partner: %w", err)
	}
	return fit.Coef, nil
}
