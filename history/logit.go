package history

import (
	"fmt"

	"github.com/entente/entente/internal/stats"
)

// Logistic is a fitted logistic regression: P(y = 1 | x) = σ(β₀ + Σ β_j x_j)
// (see stats.Logistic).
type Logistic = stats.Logistic

// LogisticOptions tunes FitLogistic (see stats.LogisticOptions).
type LogisticOptions = stats.LogisticOptions

// FitLogistic fits a ridge-penalised logistic regression of y on the rows of
// X by Newton's method (see stats.FitLogistic).
func FitLogistic(X [][]float64, y []bool, opt LogisticOptions) (*Logistic, error) {
	l, err := stats.FitLogistic(X, y, opt)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return l, nil
}
