package landscape

import (
	"errors"
	"fmt"
	"math"
)

// PortfolioS returns the S similarity of Signorino & Ritter (1999, "Tau-b
// or not tau-b: measuring the similarity of foreign policy positions",
// International Studies Quarterly 43(1):115–144) between the rows of ties:
// ties[i][k] in [0, 1] is actor i's tie to reference state k (1 for an
// alliance, with each actor allied to itself by convention), and
//
//	S_ij = 1 − 2·Σ_k |ties[i][k] − ties[j][k]| / m
//
// over the m reference states, the largest possible distance being m. S is
// 1 for identical portfolios and −1 for opposite ones. The diagonal is 1.
func PortfolioS(ties [][]float64) ([][]float64, error) {
	if len(ties) == 0 || len(ties[0]) == 0 {
		return nil, errors.New("landscape: PortfolioS needs at least one actor and one reference state")
	}
	m := len(ties[0])
	for i, row := range ties {
		if len(row) != m {
			return nil, fmt.Errorf("landscape: tie row %d has %d entries, want %d", i, len(row), m)
		}
		for k, t := range row {
			if !(t >= 0 && t <= 1) {
				return nil, fmt.Errorf("landscape: tie (%d, %d) must be in [0, 1], got %v", i, k, t)
			}
		}
	}
	s := square(len(ties))
	for i := range ties {
		s[i][i] = 1
		for j := i + 1; j < len(ties); j++ {
			var d float64
			for k := range m {
				d += math.Abs(ties[i][k] - ties[j][k])
			}
			s[i][j] = 1 - 2*d/float64(m)
			s[j][i] = s[i][j]
		}
	}
	return s, nil
}

// Centered turns a symmetric similarity matrix into propensities by
// subtracting the mean similarity over pairs i < j:
//
//	p_ij = sim_ij − mean_{k<l} sim_kl
//
// so that pairs more alike than the typical pair attract (p > 0) and less
// alike pairs repel. Similarities are rarely centred at zero (alliance S
// scores sit near 1 when most states have few allies), and without
// centring every pair would attract and the minimum would be one bloc.
// The diagonal is 0.
func Centered(sim [][]float64) ([][]float64, error) {
	if err := checkSquare(sim); err != nil {
		return nil, err
	}
	var sum float64
	n := len(sim)
	for i := range n {
		for j := i + 1; j < n; j++ {
			sum += sim[i][j]
		}
	}
	if n < 2 {
		return square(n), nil
	}
	return Shifted(sim, sum/float64(n*(n-1)/2))
}

// Shifted turns similarities into propensities p_ij = sim_ij − c, with c a
// fixed neutral point such as 0.5 for agreement rates in [0, 1] or 0 for
// scores in [−1, 1] that are already signed. The diagonal is 0.
func Shifted(sim [][]float64, c float64) ([][]float64, error) {
	if err := checkSquare(sim); err != nil {
		return nil, err
	}
	p := square(len(sim))
	for i := range sim {
		for j := range sim {
			if i != j {
				p[i][j] = sim[i][j] - c
			}
		}
	}
	return p, nil
}

// Shares returns x_i / Σ_j x_j, e.g. capabilities (CINC) rescaled to the
// system's total so that energies do not depend on the world outside it.
// Minima and basins do not change: scaling every size by a constant scales
// every energy by its square.
func Shares(x []float64) ([]float64, error) {
	var sum float64
	for i, v := range x {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("landscape: value %d must be finite and non-negative, got %v", i, v)
		}
		sum += v
	}
	if sum == 0 {
		return nil, errors.New("landscape: shares of values that sum to zero")
	}
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v / sum
	}
	return out, nil
}

func square(n int) [][]float64 {
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
	}
	return m
}

func checkSquare(m [][]float64) error {
	for i, row := range m {
		if len(row) != len(m) {
			return fmt.Errorf("landscape: similarity row %d has %d entries, want %d", i, len(row), len(m))
		}
		for j, v := range row {
			if i != j && (math.IsNaN(v) || math.IsInf(v, 0)) {
				return fmt.Errorf("landscape: similarity (%d, %d) must be finite, got %v", i, j, v)
			}
		}
	}
	return nil
}
