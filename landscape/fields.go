package landscape

import "math"

// fields is the incremental state of one configuration: with x_j = +1 for
// bloc A and −1 for bloc B, the field of actor j is
// L_j = Σ_k s_j s_k p_jk x_k, and flipping j changes the energy by
// ΔE_j = 2·x_j·L_j. Flipping actor k changes every field by
// L_j += 2·x_k(new)·w_jk: O(n) per flip instead of O(n²) to recompute.
type fields struct {
	n   int
	w   []float64 // the system's weights, row-major
	x   []float64 // ±1
	l   []float64 // fields L_j
	e   float64   // energy
	cfg Config
	sys *System
}

func newFields(s *System) *fields {
	return &fields{n: s.n, w: s.w, x: make([]float64, s.n), l: make([]float64, s.n), sys: s}
}

// load sets the state to configuration c, computing fields and energy
// directly in O(n²). Loading again from time to time discards the rounding
// that incremental updates accumulate.
func (f *fields) load(c Config) {
	f.cfg = c
	for j := range f.n {
		f.x[j] = 1
		if c.InB(j) {
			f.x[j] = -1
		}
	}
	var sat float64
	for j := range f.n {
		row := f.w[j*f.n : j*f.n+f.n]
		var l float64
		for k, w := range row {
			l += w * f.x[k]
		}
		f.l[j] = l
		sat += f.x[j] * l
	}
	// E = Σ_{i≠j} w_ij (1 − x_i x_j)/2 = (total − Σ_j x_j L_j)/2.
	f.e = (f.sys.total - sat) / 2
}

// flip moves actor k to the other bloc and reports whether some flip of
// the new configuration lowers the energy by more than the tolerance, i.e.
// whether min_j x_j·L_j < −tol/2: one pass over the fields both updates
// them and tests them. The test ORs sign bits instead of branching: which
// fields are negative is unpredictable, and mispredicted branches would
// cost more than the arithmetic.
func (f *fields) flip(k int) bool {
	f.e += 2 * f.x[k] * f.l[k]
	f.x[k] = -f.x[k]
	f.cfg ^= 1 << uint(k)
	c := 2 * f.x[k]
	half := f.sys.tol / 2
	row := f.w[k*f.n : k*f.n+f.n]
	l, x := f.l[:len(row)], f.x[:len(row)]
	var neg uint64
	for j, w := range row { // row[k] = 0, so L_k is unchanged
		l[j] += c * w
		neg |= math.Float64bits(x[j]*l[j]+half) >> 63
	}
	return neg != 0
}

// minSat returns min_j x_j·L_j of the current configuration.
func (f *fields) minSat() float64 {
	l, x := f.l, f.x[:len(f.l)]
	m := x[0] * l[0]
	for j, v := range l {
		if s := x[j] * v; s < m { // not the builtin min, which is slower here
			m = s
		}
	}
	return m
}

// best applies the steepest-descent rule of System.BestFlip to the current
// fields: -1 at a local minimum, else the lowest-numbered actor within the
// tolerance of the steepest flip.
func (f *fields) best() int { return f.bestFrom(f.minSat()) }

// bestFrom is best given m = minSat().
func (f *fields) bestFrom(m float64) int {
	// ΔE_j = 2·x_j·L_j, so compare half-deltas against half the tolerance.
	half := f.sys.tol / 2
	if m >= -half {
		return -1
	}
	for j := range f.n {
		if f.x[j]*f.l[j] <= m+half {
			return j
		}
	}
	return -1
}

// descend follows steepest descent from the loaded configuration to a
// local minimum and returns it in canonical form.
func (f *fields) descend() Config {
	for k := f.best(); k >= 0; k = f.best() {
		f.flip(k)
	}
	return f.cfg.Canonical(f.n)
}
