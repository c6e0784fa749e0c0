package coalition

import (
	"errors"
	"fmt"
	"math"
)

// errLPInfeasible and errLPUnbounded are returned (wrapped) by solveLP.
var (
	errLPInfeasible = errors.New("coalition: LP infeasible")
	errLPUnbounded  = errors.New("coalition: LP unbounded")
)

// lpSolution is an optimal basic solution of min cᵀx s.t. Ax = b, x ≥ 0,
// with the dual values y (yᵀA ≤ cᵀ, yᵀb = the optimum).
type lpSolution struct {
	x   []float64
	y   []float64
	obj float64
}

// solveLP solves min cᵀx s.t. Ax = b, x ≥ 0 (a holds the m rows of A) by the
// two-phase revised simplex method with an explicit basis inverse. Pivots
// follow Dantzig's rule (most negative reduced cost) except when the step
// would be zero: degenerate pivots follow Bland's rule (lowest index
// entering and leaving), so a cycle — made only of degenerate pivots — is
// impossible (Bland 1977, "New finite pivoting rules for the simplex
// method", Math. of OR 2). gonum's lp.Simplex can cycle forever on the very
// degenerate nucleolus LPs, whose right-hand side is zero but for one entry.
// The basis inverse is recomputed every 64 pivots; tol is the tolerance on
// reduced costs and pivot elements (the data should be scaled to about 1).
func solveLP(a [][]float64, b, c []float64, tol float64) (*lpSolution, error) {
	s, err := newLPState(a, b, c, tol)
	if err != nil {
		return nil, err
	}
	// Phase 1: minimise the sum of the artificial variables.
	if err := s.iterate(s.phase1Cost()); err != nil {
		return nil, err
	}
	if s.objective(s.phase1Cost()) > tol*float64(s.m)*max(1, maxAbs(b)) {
		return nil, errLPInfeasible
	}
	s.driveOutArtificials()
	// Phase 2 with the true costs; artificial variables may not enter.
	cost := make([]float64, s.k+s.m)
	copy(cost, c)
	if err := s.iterate(cost); err != nil {
		return nil, err
	}
	x := make([]float64, s.k)
	for r, j := range s.basis {
		if j < s.k {
			x[j] = max(0, s.xb[r])
		}
	}
	y := s.duals(cost)
	for r := range y {
		y[r] *= s.sign[r] // back to the rows as given
	}
	return &lpSolution{x: x, y: y, obj: s.objective(cost)}, nil
}

// lpState is the working state of solveLP: columns 0..k-1 are A's, columns
// k..k+m-1 the artificial identity.
type lpState struct {
	m, k    int
	a       [][]float64 // rows, sign-flipped so that b ≥ 0
	b       []float64
	sign    []float64 // -1 for the rows negated to make b ≥ 0
	basis   []int
	inBasis []bool
	binv    [][]float64 // B^-1, m×m
	xb      []float64
	tol     float64
	pivots  int
}

func newLPState(a [][]float64, b, c []float64, tol float64) (*lpState, error) {
	m := len(a)
	if m == 0 || len(b) != m {
		return nil, fmt.Errorf("%w: LP with %d rows and %d right-hand sides", ErrInput, m, len(b))
	}
	k := len(c)
	s := &lpState{m: m, k: k, tol: tol, b: make([]float64, m), xb: make([]float64, m), sign: make([]float64, m),
		basis: make([]int, m), inBasis: make([]bool, k+m), a: make([][]float64, m), binv: make([][]float64, m)}
	for r := range m {
		if len(a[r]) != k {
			return nil, fmt.Errorf("%w: LP row %d has %d columns, want %d", ErrInput, r, len(a[r]), k)
		}
		sign := 1.0
		if b[r] < 0 {
			sign = -1
		}
		s.a[r] = make([]float64, k)
		for j, x := range a[r] {
			s.a[r][j] = sign * x
		}
		s.b[r], s.sign[r] = sign*b[r], sign
		s.basis[r] = k + r
		s.inBasis[k+r] = true
		s.binv[r] = make([]float64, m)
		s.binv[r][r] = 1
		s.xb[r] = s.b[r]
	}
	return s, nil
}

func (s *lpState) phase1Cost() []float64 {
	cost := make([]float64, s.k+s.m)
	for r := range s.m {
		cost[s.k+r] = 1
	}
	return cost
}

// column returns A's column j (artificial columns are unit vectors).
func (s *lpState) column(j int) []float64 {
	col := make([]float64, s.m)
	if j >= s.k {
		col[j-s.k] = 1
		return col
	}
	for r := range s.m {
		col[r] = s.a[r][j]
	}
	return col
}

// duals returns y = c_Bᵀ B^-1.
func (s *lpState) duals(cost []float64) []float64 {
	y := make([]float64, s.m)
	for r, j := range s.basis {
		if cb := cost[j]; cb != 0 {
			for i := range s.m {
				y[i] += cb * s.binv[r][i]
			}
		}
	}
	return y
}

func (s *lpState) objective(cost []float64) float64 {
	z := 0.0
	for r, j := range s.basis {
		z += cost[j] * s.xb[r]
	}
	return z
}

// reducedCost returns c_j - yᵀA_j.
func (s *lpState) reducedCost(cost, y []float64, j int) float64 {
	if j >= s.k {
		return cost[j] - y[j-s.k]
	}
	d := cost[j]
	for r := range s.m {
		d -= y[r] * s.a[r][j]
	}
	return d
}

// iterate pivots until no column (artificial ones excluded once phase 1 is
// over, i.e. when they cost 0) has a negative reduced cost.
func (s *lpState) iterate(cost []float64) error {
	phase1 := cost[s.k] == 1
	limit := 1000 * (s.m + s.k)
	for range limit {
		y := s.duals(cost)
		enter, bland := s.choose(cost, y, phase1, false)
		if enter < 0 {
			return nil
		}
		d := s.direction(enter)
		leave, step := s.ratio(d)
		if leave < 0 {
			return errLPUnbounded
		}
		if step <= s.tol {
			// Degenerate: Bland's rule for both choices.
			if !bland {
				enter, _ = s.choose(cost, y, phase1, true)
				d = s.direction(enter)
				leave, _ = s.ratio(d)
				if leave < 0 {
					return errLPUnbounded
				}
			}
		}
		s.pivot(enter, leave, d)
	}
	return fmt.Errorf("coalition: LP did not converge in %d pivots", limit)
}

// choose returns the entering column: the most negative reduced cost, or
// with blandRule the lowest index with a negative one; -1 when optimal.
func (s *lpState) choose(cost, y []float64, phase1, blandRule bool) (int, bool) {
	best, enter := -s.tol, -1
	for j := range s.k + s.m {
		if s.inBasis[j] || (j >= s.k && !phase1) {
			continue
		}
		if r := s.reducedCost(cost, y, j); r < best {
			if blandRule {
				return j, true
			}
			best, enter = r, j
		}
	}
	return enter, blandRule
}

// direction returns B^-1 A_j.
func (s *lpState) direction(j int) []float64 {
	col := s.column(j)
	d := make([]float64, s.m)
	for r := range s.m {
		for i, x := range col {
			d[r] += s.binv[r][i] * x
		}
	}
	return d
}

// ratio returns the leaving row of the minimum ratio test (ties to the
// lowest basic variable index, Bland's rule) and the step, or -1 when no
// entry of d is positive (unbounded).
func (s *lpState) ratio(d []float64) (int, float64) {
	leave, step := -1, math.Inf(1)
	for r, x := range d {
		if x <= s.tol {
			continue
		}
		t := max(0, s.xb[r]) / x
		if t < step-s.tol || (t <= step+s.tol && leave >= 0 && s.basis[r] < s.basis[leave]) {
			leave, step = r, t
		}
	}
	return leave, step
}

// pivot brings column enter into the basis in place of row leave.
func (s *lpState) pivot(enter, leave int, d []float64) {
	piv := d[leave]
	for i := range s.m {
		s.binv[leave][i] /= piv
	}
	s.xb[leave] /= piv
	for r := range s.m {
		if r == leave || d[r] == 0 {
			continue
		}
		f := d[r]
		for i := range s.m {
			s.binv[r][i] -= f * s.binv[leave][i]
		}
		s.xb[r] -= f * s.xb[leave]
	}
	s.inBasis[s.basis[leave]] = false
	s.basis[leave] = enter
	s.inBasis[enter] = true
	s.pivots++
	if s.pivots%64 == 0 {
		s.refactor()
	}
}

// refactor recomputes B^-1 and x_B = B^-1 b by Gauss-Jordan elimination
// with partial pivoting, limiting the drift of the product-form updates.
// A basis that has become numerically singular is left as it was.
func (s *lpState) refactor() {
	m := s.m
	aug := make([][]float64, m)
	for r := range m {
		aug[r] = make([]float64, 2*m)
		aug[r][m+r] = 1
	}
	for c, j := range s.basis {
		col := s.column(j)
		for r := range m {
			aug[r][c] = col[r]
		}
	}
	for c := range m {
		p := c
		for r := c + 1; r < m; r++ {
			if math.Abs(aug[r][c]) > math.Abs(aug[p][c]) {
				p = r
			}
		}
		if math.Abs(aug[p][c]) < 1e-12 {
			return
		}
		aug[c], aug[p] = aug[p], aug[c]
		inv := 1 / aug[c][c]
		for i := range aug[c] {
			aug[c][i] *= inv
		}
		for r := range m {
			if r != c && aug[r][c] != 0 {
				f := aug[r][c]
				for i := range aug[r] {
					aug[r][i] -= f * aug[c][i]
				}
			}
		}
	}
	// Row c of the eliminated matrix belongs to basic column c.
	for r := range m {
		copy(s.binv[r], aug[r][m:])
		x := 0.0
		for i := range m {
			x += s.binv[r][i] * s.b[i]
		}
		s.xb[r] = x
	}
}

// driveOutArtificials pivots artificial variables left in the basis (at
// zero) out for any original column with a non-zero entry in their row; a
// row with none is redundant and its artificial stays, at zero, harmless.
func (s *lpState) driveOutArtificials() {
	for r := range s.m {
		if s.basis[r] < s.k {
			continue
		}
		for j := range s.k {
			if s.inBasis[j] {
				continue
			}
			d := s.direction(j)
			if math.Abs(d[r]) > 1e-9 {
				s.pivot(j, r, d)
				break
			}
		}
	}
}

func maxAbs(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m = max(m, math.Abs(v))
	}
	return m
}
