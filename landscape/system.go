package landscape

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// MaxActors is the largest system NewSystem accepts: configurations are
// bit sets in a uint64.
const MaxActors = 64

// Config is a two-bloc configuration: bit i is 0 when actor i is in bloc A
// and 1 when it is in bloc B. A configuration and its complement are the
// same alignment; the canonical form puts actor 0 in bloc A.
type Config uint64

// InB reports whether actor i is in bloc B.
func (c Config) InB(i int) bool { return c>>uint(i)&1 == 1 }

// Canonical returns c or its complement over n actors, whichever has actor
// 0 in bloc A.
func (c Config) Canonical(n int) Config {
	if c&1 == 1 {
		return ^c & mask(n)
	}
	return c
}

// Blocs returns the actors in bloc A and in bloc B, in order.
func (c Config) Blocs(n int) (a, b []int) {
	for i := range n {
		if c.InB(i) {
			b = append(b, i)
		} else {
			a = append(a, i)
		}
	}
	return a, b
}

// Format writes the configuration as a string of n letters, A or B, actor
// 0 first.
func (c Config) Format(n int) string {
	var sb strings.Builder
	for i := range n {
		sb.WriteByte("AB"[c>>uint(i)&1])
	}
	return sb.String()
}

func mask(n int) Config {
	if n >= 64 {
		return ^Config(0)
	}
	return Config(1)<<uint(n) - 1
}

// System is a set of actors with sizes s_i and symmetric pairwise
// propensities p_ij; see the package documentation for the energy it
// defines. A System is immutable and safe for concurrent use.
type System struct {
	n     int
	sizes []float64
	prop  [][]float64
	// w[i*n+j] = s_i·s_j·p_ij for i ≠ j and 0 on the diagonal, so that sums
	// over a row skip the actor itself.
	w []float64
	// total = Σ_{i≠j} w_ij, the energy when every pair is apart.
	total float64
	// tol: a flip lowers the energy only when ΔE < −tol (see Tolerance).
	tol float64
}

// Tolerance is the relative threshold below which an energy change counts
// as no change: a flip lowers the energy when ΔE < −Tolerance·2·max_i
// Σ_j |s_i s_j p_ij|. It absorbs the rounding of incremental updates, so
// that exhaustive search, local search and direct recomputation agree on
// which configurations are local minima and which flips tie.
const Tolerance = 1e-9

// Errors from NewSystem.
var (
	ErrSize       = errors.New("landscape: need 2 to 64 actors")
	ErrAsymmetric = errors.New("landscape: propensities must be symmetric")
)

// NewSystem validates and copies sizes and propensities: 2 ≤ n ≤
// MaxActors, sizes finite and non-negative, prop an n×n matrix of finite
// values with prop[i][j] equal to prop[j][i] to within 1e-9 relative (the
// mean of the two is used). Diagonal entries are ignored and may be NaN.
func NewSystem(sizes []float64, prop [][]float64) (*System, error) {
	n := len(sizes)
	if n < 2 || n > MaxActors {
		return nil, fmt.Errorf("%w, got %d", ErrSize, n)
	}
	if len(prop) != n {
		return nil, fmt.Errorf("landscape: %d sizes but %d rows of propensities", n, len(prop))
	}
	for i, s := range sizes {
		if !(s >= 0) || math.IsInf(s, 0) {
			return nil, fmt.Errorf("landscape: size of actor %d must be finite and non-negative, got %v", i, s)
		}
	}
	sys := &System{n: n, sizes: append([]float64(nil), sizes...), prop: make([][]float64, n), w: make([]float64, n*n)}
	for i, row := range prop {
		if len(row) != n {
			return nil, fmt.Errorf("landscape: propensity row %d has %d entries, want %d", i, len(row), n)
		}
		sys.prop[i] = make([]float64, n)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			p, q := prop[i][j], prop[j][i]
			if math.IsNaN(p) || math.IsInf(p, 0) || math.IsNaN(q) || math.IsInf(q, 0) {
				return nil, fmt.Errorf("landscape: propensity (%d, %d) must be finite, got %v and %v", i, j, p, q)
			}
			if math.Abs(p-q) > 1e-9*max(1, math.Abs(p), math.Abs(q)) {
				return nil, fmt.Errorf("%w: p[%d][%d] = %v but p[%d][%d] = %v", ErrAsymmetric, i, j, p, j, i, q)
			}
			m := (p + q) / 2
			sys.prop[i][j], sys.prop[j][i] = m, m
			w := sizes[i] * sizes[j] * m
			sys.w[i*n+j], sys.w[j*n+i] = w, w
			sys.total += 2 * w
		}
	}
	var maxRow float64
	for i := range n {
		var r float64
		for _, w := range sys.w[i*n : i*n+n] {
			r += math.Abs(w)
		}
		maxRow = max(maxRow, r)
	}
	sys.tol = Tolerance * 2 * maxRow
	return sys, nil
}

// N returns the number of actors.
func (s *System) N() int { return s.n }

// Size returns the size of actor i.
func (s *System) Size(i int) float64 { return s.sizes[i] }

// Propensity returns p_ij (0 when i == j).
func (s *System) Propensity(i, j int) float64 { return s.prop[i][j] }

// Configurations returns the number of distinct alignments, 2^(n−1).
func (s *System) Configurations() uint64 { return 1 << uint(s.n-1) }

// Energy returns E(X) = Σ_i Σ_{j≠i} s_i s_j p_ij d_ij(X), computed directly
// in O(n²).
func (s *System) Energy(c Config) float64 {
	var e float64
	for i := range s.n {
		row := s.w[i*s.n : i*s.n+s.n]
		for j := range s.n {
			if c.InB(i) != c.InB(j) {
				e += row[j]
			}
		}
	}
	return e
}

// Frustration returns F_i(X) = Σ_{j≠i} s_j p_ij d_ij(X), the frustration of
// actor i: the propensity-weighted size of the actors on the other side.
func (s *System) Frustration(i int, c Config) float64 {
	var f float64
	for j := range s.n {
		if j != i && c.InB(i) != c.InB(j) {
			f += s.sizes[j] * s.prop[i][j]
		}
	}
	return f
}

// FlipDelta returns the change in energy when actor k changes sides,
// computed directly in O(n): ΔE_k = 2·Σ_{j≠k} s_k s_j p_kj (1 − 2d_kj(X)).
func (s *System) FlipDelta(c Config, k int) float64 {
	row := s.w[k*s.n : k*s.n+s.n]
	var d float64
	for j := range s.n {
		if c.InB(j) == c.InB(k) {
			d += row[j]
		} else {
			d -= row[j]
		}
	}
	return 2 * d
}

// BestFlip returns the actor whose flip lowers the energy most, or -1 when
// c is a local minimum (no flip lowers it by more than the tolerance).
// Flips whose ΔE is within the tolerance of the best are tied, and the
// lowest-numbered actor wins: this is the deterministic steepest-descent
// rule that defines basins.
func (s *System) BestFlip(c Config) int {
	deltas := make([]float64, s.n)
	for k := range s.n {
		deltas[k] = s.FlipDelta(c, k)
	}
	return s.bestOf(deltas)
}

// bestOf applies the steepest-descent rule to the flip deltas.
func (s *System) bestOf(deltas []float64) int {
	m := math.Inf(1)
	for _, d := range deltas {
		m = min(m, d)
	}
	if m >= -s.tol {
		return -1
	}
	for k, d := range deltas {
		if d <= m+s.tol {
			return k
		}
	}
	return -1 // unreachable: m itself qualifies
}

// IsLocalMin reports whether no single actor can lower the energy of c by
// changing sides.
func (s *System) IsLocalMin(c Config) bool { return s.BestFlip(c) < 0 }

// Descend follows steepest descent (BestFlip) from c and returns the
// configurations visited, c first and the local minimum last, all in
// canonical form. Energy falls at every step, so the path ends.
func (s *System) Descend(c Config) []Config {
	c = c.Canonical(s.n)
	path := []Config{c}
	for k := s.BestFlip(c); k >= 0; k = s.BestFlip(c) {
		c = (c ^ 1<<uint(k)).Canonical(s.n)
		path = append(path, c)
	}
	return path
}

// flipIndex returns the canonical index (configuration >> 1) reached from
// index g by flipping actor k, over n actors: flipping actor 0 is the same
// alignment as flipping every other actor.
func flipIndex(g uint64, k, n int) uint64 {
	if k == 0 {
		return g ^ (1<<uint(n-1) - 1)
	}
	return g ^ 1<<uint(k-1)
}
