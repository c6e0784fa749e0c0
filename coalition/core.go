package coalition

import (
	"container/heap"
	"fmt"
	"math"
	"math/bits"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Tolerances of the LP-based methods, relative to the scale of the game,
// max_S |v(S)| (worths are divided by it before the solver sees them, so
// the solver's absolute tolerances become relative ones).
const (
	// CoreTol decides emptiness: the core is reported non-empty when the
	// least-core value is at most CoreTol·max|v|. A core empty by a smaller
	// margin is reported non-empty, and its point then violates some
	// coalition's constraint by at most that much.
	CoreTol = 1e-9
	// lpTol is the reduced-cost tolerance passed to lp.Simplex.
	lpTol = 1e-11
	// cutTol is how far a coalition's excess may exceed the current LP's ε
	// before the constraint is added (constraint generation).
	cutTol = 1e-10
	// dualTol is the dual value above which a coalition counts as tight in
	// every optimal solution (nucleolus).
	dualTol = 1e-9
)

// CoreResult describes the core of a game, {x : x(N) = v(N), x(S) ≥ v(S)
// for all S}, through the least core.
type CoreResult struct {
	// Point is a payoff vector of the least core: efficient, and with
	// excess v(S) - x(S) ≤ Epsilon for every coalition S ≠ ∅, N. When the
	// core is non-empty it lies in the core.
	Point []float64
	// Epsilon is the least-core value ε* = min over efficient x of the
	// largest excess over proper coalitions (Maschler, Peleg & Shapley
	// 1979): the core is non-empty exactly when ε* ≤ 0. For one player
	// there is no proper coalition and Epsilon is 0.
	Epsilon float64
	// Empty reports Epsilon > CoreTol·max|v|.
	Empty bool
}

// Core decides whether the core of g is empty and returns a point of the
// least core, which is in the core when that is non-empty. It solves
//
//	minimize ε  subject to  x(S) + ε ≥ v(S) for all S ≠ ∅, N;  x(N) = v(N)
//
// by constraint generation: the LP (lp.Simplex on the standard form, x and
// ε split into positive and negative parts) starts from the singletons and
// the (n-1)-player coalitions; after each solve all 2^n coalitions are
// scanned in Gray-code order (one addition each) and the 2n most violated
// constraints are added, until none exceeds ε. The LP stays small (its rows
// are the constraints added), so n ≤ MaxTablePlayers is practical.
func Core(g *Game) (*CoreResult, error) {
	v, err := g.values()
	if err != nil {
		return nil, err
	}
	n := g.n
	full := grand(n)
	if n == 1 {
		return &CoreResult{Point: []float64{v[1]}}, nil
	}
	sc := scaleOf(v)
	w := func(s uint64) float64 { return v[s] / sc }
	cuts := initialCuts(n)
	inCuts := make(map[uint64]bool, len(cuts))
	for _, s := range cuts {
		inCuts[s] = true
	}
	for round := 0; ; round++ {
		x, eps, err := solveLeastCore(n, cuts, w, w(full))
		if err != nil {
			return nil, err
		}
		worst, maxExcess := violated(n, x, w, eps+cutTol, 2*n, inCuts)
		if len(worst) == 0 {
			for i := range x {
				x[i] *= sc
			}
			e := maxExcess * sc
			return &CoreResult{Point: x, Epsilon: e, Empty: e > CoreTol*sc}, nil
		}
		if round > 4*(1<<min(n, 16)) {
			return nil, fmt.Errorf("coalition: least-core constraint generation did not converge")
		}
		for _, s := range worst {
			inCuts[s] = true
		}
		cuts = append(cuts, worst...)
	}
}

// initialCuts returns the singletons and, for n ≥ 3, the coalitions of n-1
// players: with the singletons the LP is bounded (summing their constraints
// gives ε ≥ (Σ v(i) - v(N))/n), and the large coalitions are often binding.
func initialCuts(n int) []uint64 {
	full := grand(n)
	var cuts []uint64
	for i := range n {
		cuts = append(cuts, 1<<i)
	}
	if n >= 3 {
		for i := range n {
			cuts = append(cuts, full&^(1<<i))
		}
	}
	return cuts
}

// solveLeastCore solves min ε s.t. x(S) + ε ≥ w(S) for S in cuts and
// x(N) = wN. Standard form variables: x⁺ (n), x⁻ (n), ε⁺, ε⁻, one surplus
// per cut; rows: one per cut and the efficiency row. The cut rows' right-hand
// sides are raised by distinct amounts of about 1e-11 (deterministic), which
// removes the degeneracy on which lp.Simplex could cycle and moves the
// optimum by about that much; the true largest excess is measured by the
// caller at the point found. Should lp.Simplex fail, solveLP (Bland's rule)
// takes over on the unperturbed problem.
func solveLeastCore(n int, cuts []uint64, w func(uint64) float64, wN float64) ([]float64, float64, error) {
	m := len(cuts)
	cols := 2*n + 2 + m
	rows := make([][]float64, m+1)
	b := make([]float64, m+1)
	for r, s := range cuts {
		row := make([]float64, cols)
		for t := s; t != 0; t &= t - 1 {
			i := bits.TrailingZeros64(t)
			row[i], row[n+i] = 1, -1
		}
		row[2*n], row[2*n+1] = 1, -1
		row[2*n+2+r] = -1
		rows[r], b[r] = row, w(s)
	}
	rows[m] = make([]float64, cols)
	for i := range n {
		rows[m][i], rows[m][n+i] = 1, -1
	}
	b[m] = wN
	c := make([]float64, cols)
	c[2*n], c[2*n+1] = 1, -1
	z, err := gonumSimplex(rows, perturbed(b, m), c)
	if err != nil {
		sol, err2 := solveLP(rows, b, c, lpTol)
		if err2 != nil {
			return nil, 0, fmt.Errorf("coalition: least-core LP: %w (gonum: %v)", err2, err)
		}
		z = sol.x
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = z[i] - z[n+i]
	}
	return x, z[2*n] - z[2*n+1], nil
}

// perturbed returns b with its first m entries raised by 1e-11·(1 + {r·φ})
// ({·} the fractional part, φ the golden ratio): distinct, deterministic.
func perturbed(b []float64, m int) []float64 {
	out := append([]float64(nil), b...)
	for r := range m {
		_, frac := math.Modf(float64(r) * 0.6180339887498949)
		out[r] += 1e-11 * (1 + frac)
	}
	return out
}

// gonumSimplex runs lp.Simplex on the dense problem.
func gonumSimplex(rows [][]float64, b, c []float64) ([]float64, error) {
	a := mat.NewDense(len(rows), len(c), nil)
	for r, row := range rows {
		a.SetRow(r, row)
	}
	_, z, err := lp.Simplex(c, a, b, lpTol, nil)
	return z, err
}

// violated scans every proper coalition in Gray-code order, keeping x(S)
// with one addition per step, and returns up to k coalitions (not already
// cut) whose excess w(S) - x(S) exceeds limit, the most violated first,
// together with the largest excess over all proper coalitions.
func violated(n int, x []float64, w func(uint64) float64, limit float64, k int, skip map[uint64]bool) ([]uint64, float64) {
	full := grand(n)
	h := &excessHeap{}
	maxExcess := math.Inf(-1)
	var sum float64
	for step := uint64(1); step <= full; step++ {
		j := bits.TrailingZeros64(step)
		s := step ^ step>>1
		if s>>j&1 == 1 {
			sum += x[j]
		} else {
			sum -= x[j]
		}
		if s == full {
			continue
		}
		e := w(s) - sum
		maxExcess = max(maxExcess, e)
		if e <= limit || skip[s] {
			continue
		}
		if h.Len() < k {
			heap.Push(h, excessItem{s, e})
		} else if e > (*h)[0].e {
			(*h)[0] = excessItem{s, e}
			heap.Fix(h, 0)
		}
	}
	out := make([]uint64, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(excessItem).s
	}
	return out, maxExcess
}

type excessItem struct {
	s uint64
	e float64
}

// excessHeap is a min-heap on the excess, holding the k largest seen.
type excessHeap []excessItem

func (h excessHeap) Len() int           { return len(h) }
func (h excessHeap) Less(i, j int) bool { return h[i].e < h[j].e }
func (h excessHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *excessHeap) Push(x any)        { *h = append(*h, x.(excessItem)) }
func (h *excessHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

// InCore reports whether x is in the core of g up to tol: |x(N) - v(N)| ≤ tol
// and x(S) ≥ v(S) - tol for every coalition S. It visits all 2^n coalitions,
// so n ≤ MaxTablePlayers.
func InCore(g *Game, x []float64, tol float64) (bool, error) {
	e, err := MaxExcess(g, x)
	if err != nil {
		return false, err
	}
	return e <= tol && math.Abs(sum(x)-g.Value(g.Grand())) <= tol, nil
}

// MaxExcess returns the largest excess v(S) - x(S) of the payoff vector x
// over the coalitions S ≠ ∅, N of g (-Inf for one player), visiting all
// 2^n-2 of them, so n ≤ MaxTablePlayers.
func MaxExcess(g *Game, x []float64) (float64, error) {
	if len(x) != g.n {
		return 0, fmt.Errorf("%w: payoff vector of length %d for %d players", ErrInput, len(x), g.n)
	}
	if g.n > MaxTablePlayers {
		return 0, fmt.Errorf("%w: scanning 2^%d coalitions (at most %d players)", ErrTooLarge, g.n, MaxTablePlayers)
	}
	_, m := violated(g.n, x, g.Value, math.Inf(1), 0, nil)
	return m, nil
}

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}
