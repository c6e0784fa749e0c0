package coalition

import (
	"fmt"
	"math"
	"math/bits"

	"gonum.org/v1/gonum/mat"
)

// MaxNucleolusPlayers bounds Nucleolus and Prenucleolus: each stage solves an
// LP with one column per coalition, so 2^n columns. Games of up to about 12
// players take milliseconds; 16 players take seconds.
const MaxNucleolusPlayers = 16

// Nucleolus returns the nucleolus of g (Schmeidler 1969): the imputation
// (x(N) = v(N), x_i ≥ v({i})) that lexicographically minimises the vector of
// excesses v(S) - x(S) sorted in decreasing order. It exists and is unique
// when the imputation set is non-empty (Σ v({i}) ≤ v(N)); it lies in the
// core whenever the core is non-empty. See Prenucleolus for the algorithm.
func Nucleolus(g *Game) ([]float64, error) { return nucleolus(g, true) }

// Prenucleolus returns the prenucleolus: as Nucleolus but over all efficient
// vectors, without x_i ≥ v({i}). The two coincide when the core is non-empty.
//
// Both are computed by the sequential LPs of Maschler, Peleg & Shapley (1979)
// (Kohlberg 1971; Kopelowitz 1967): stage k minimises the largest excess ε of
// the coalitions not yet fixed, the fixed ones keeping the excess of the
// stage that fixed them; then the coalitions that are tight in every optimal
// solution are fixed, and the process repeats until the fixed coalitions
// determine x (their indicator vectors span R^n, at most n-1 stages). Each
// stage LP is solved in its dual form (n+1 rows, one column per free
// coalition), because a coalition with a positive dual multiplier is tight
// in every primal optimum (complementary slackness): fixing the support of
// an optimal dual is safe, and it always adds a coalition outside the span
// of those fixed before (coalitions in the span have a determined excess
// and are dropped), so the rank grows at every stage. x then solves the n
// independent fixed equations. Dual values above 1e-9 count as positive.
// The duals are solved by solveLP, a simplex method using Bland's rule on
// degenerate pivots: their right-hand side is zero but for one entry, and
// gonum's lp.Simplex can cycle on them forever.
func Prenucleolus(g *Game) ([]float64, error) { return nucleolus(g, false) }

// fixedEq is an equation x(mask) = t of a coalition fixed at some stage.
type fixedEq struct {
	mask uint64
	t    float64
}

func nucleolus(g *Game, imputations bool) ([]float64, error) {
	if g.n > MaxNucleolusPlayers {
		return nil, fmt.Errorf("%w: nucleolus of %d players (at most %d)", ErrTooLarge, g.n, MaxNucleolusPlayers)
	}
	v, err := g.values()
	if err != nil {
		return nil, err
	}
	n := g.n
	full := grand(n)
	if n == 1 {
		return []float64{v[1]}, nil
	}
	sc := scaleOf(v)
	w := func(s uint64) float64 { return v[s] / sc }
	if imputations {
		var lower float64
		for i := range n {
			lower += w(1 << i)
		}
		if lower > w(full)+CoreTol {
			return nil, fmt.Errorf("%w: no imputation: Σ v({i}) = %v exceeds v(N) = %v", ErrInput, lower*sc, v[full])
		}
	}
	st := newStages(n, w, imputations)
	for st.basis.rank() < n {
		if err := st.stage(); err != nil {
			return nil, err
		}
	}
	x, err := st.basis.solve(n)
	if err != nil {
		return nil, err
	}
	for i := range x {
		x[i] *= sc
	}
	return x, nil
}

// stages holds the state of the sequential LPs.
type stages struct {
	n     int
	w     func(uint64) float64
	basis *spanBasis
	free  []uint64 // coalitions outside the span of the fixed ones
	hard  []int    // players whose x_i ≥ w({i}) is not yet determined
}

func newStages(n int, w func(uint64) float64, imputations bool) *stages {
	full := grand(n)
	st := &stages{n: n, w: w, basis: newSpanBasis(n)}
	st.basis.add(fixedEq{full, w(full)})
	for s := uint64(1); s < full; s++ {
		st.free = append(st.free, s)
	}
	if imputations {
		for i := range n {
			st.hard = append(st.hard, i)
		}
	}
	return st
}

// stage solves one LP, fixes the coalitions (and individual-rationality
// constraints) with positive dual values, and drops what became determined.
func (st *stages) stage() error {
	eps, lambda, rho, err := st.solveDual()
	if err != nil {
		return err
	}
	added := false
	for k, s := range st.free {
		if lambda[k] > dualTol {
			added = st.basis.add(fixedEq{s, st.w(s) - eps}) || added
		}
	}
	for k, i := range st.hard {
		if rho[k] > dualTol {
			added = st.basis.add(fixedEq{1 << i, st.w(1 << i)}) || added
		}
	}
	if !added {
		return fmt.Errorf("coalition: nucleolus stage fixed no new coalition (numerical trouble)")
	}
	free := st.free[:0]
	for _, s := range st.free {
		if !st.basis.spans(s) {
			free = append(free, s)
		}
	}
	st.free = free
	hard := st.hard[:0]
	for _, i := range st.hard {
		if !st.basis.spans(1 << i) {
			hard = append(hard, i)
		}
	}
	st.hard = hard
	return nil
}

// solveDual solves the dual of the stage LP
//
//	min ε  s.t.  x(S) + ε ≥ w(S) (S free),  x(T) = t_T (T fixed),
//	             x_i ≥ w({i}) (i hard)
//
// which is: max Σ λ_S w(S) + Σ μ_T t_T + Σ ρ_i w({i}) subject to
// Σ_{S∋i} λ_S + Σ_{T∋i} μ_T + ρ_i = 0 for every player i, Σ λ_S = 1,
// λ, ρ ≥ 0 and μ free (split as μ⁺ - μ⁻). It returns ε (the common optimum)
// with λ and ρ.
func (st *stages) solveDual() (eps float64, lambda, rho []float64, err error) {
	n := st.n
	fixed := st.basis.eqs
	nf, nt, nh := len(st.free), len(fixed), len(st.hard)
	cols := nf + 2*nt + nh
	a := make([][]float64, n+1)
	for r := range a {
		a[r] = make([]float64, cols)
	}
	c := make([]float64, cols)
	setMask := func(col int, s uint64, x float64) {
		for m := s; m != 0; m &= m - 1 {
			a[bits.TrailingZeros64(m)][col] = x
		}
	}
	for k, s := range st.free {
		setMask(k, s, 1)
		a[n][k] = 1
		c[k] = -st.w(s)
	}
	for k, e := range fixed {
		setMask(nf+2*k, e.mask, 1)
		setMask(nf+2*k+1, e.mask, -1)
		c[nf+2*k], c[nf+2*k+1] = -e.t, e.t
	}
	for k, i := range st.hard {
		a[i][nf+2*nt+k] = 1
		c[nf+2*nt+k] = -st.w(1 << i)
	}
	b := make([]float64, n+1)
	b[n] = 1
	sol, err := solveLP(a, b, c, lpTol)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("coalition: nucleolus stage LP: %w", err)
	}
	return -sol.obj, sol.x[:nf], sol.x[nf+2*nt:], nil
}

// spanBasis keeps the independent fixed equations and an orthonormal basis
// of their indicator vectors (modified Gram-Schmidt, applied twice), to test
// whether a coalition's indicator lies in their span.
type spanBasis struct {
	n    int
	eqs  []fixedEq
	orth [][]float64
}

func newSpanBasis(n int) *spanBasis { return &spanBasis{n: n} }

func (b *spanBasis) rank() int { return len(b.orth) }

// residual returns the component of s's indicator vector orthogonal to the
// span, and its norm.
func (b *spanBasis) residual(s uint64) ([]float64, float64) {
	r := make([]float64, b.n)
	for m := s; m != 0; m &= m - 1 {
		r[bits.TrailingZeros64(m)] = 1
	}
	for range 2 {
		for _, q := range b.orth {
			d := 0.0
			for i := range r {
				d += r[i] * q[i]
			}
			for i := range r {
				r[i] -= d * q[i]
			}
		}
	}
	norm := 0.0
	for _, x := range r {
		norm += x * x
	}
	return r, math.Sqrt(norm)
}

// spanTol: an indicator vector outside the span of others keeps a residual
// of norm at least about 1/n (the vectors are 0/1), far above rounding.
const spanTol = 1e-7

func (b *spanBasis) spans(s uint64) bool {
	_, norm := b.residual(s)
	return norm <= spanTol
}

// add records the equation if its coalition is independent of those kept,
// reporting whether it was.
func (b *spanBasis) add(e fixedEq) bool {
	r, norm := b.residual(e.mask)
	if norm <= spanTol {
		return false
	}
	for i := range r {
		r[i] /= norm
	}
	b.orth = append(b.orth, r)
	b.eqs = append(b.eqs, e)
	return true
}

// solve returns the x satisfying the n independent equations.
func (b *spanBasis) solve(n int) ([]float64, error) {
	m := mat.NewDense(n, n, nil)
	t := mat.NewVecDense(n, nil)
	for r, e := range b.eqs {
		for s := e.mask; s != 0; s &= s - 1 {
			m.Set(r, bits.TrailingZeros64(s), 1)
		}
		t.SetVec(r, e.t)
	}
	var x mat.VecDense
	if err := x.SolveVec(m, t); err != nil {
		return nil, fmt.Errorf("coalition: nucleolus equations: %w", err)
	}
	return append([]float64(nil), x.RawVector().Data...), nil
}
