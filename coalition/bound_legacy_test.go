package coalition

import (
	"math"
	"math/bits"
)

// legacyRefine is splitBound.refine as it was before the tables were
// compacted: maxPart full tables of 2^n float32, built in parallel by the
// plain transform (n passes over each table), read directly by mask. The
// property test and the benchmarks compare it with the compact tables.
func legacyRefine(b *splitBound, d *dpSolver) bool {
	n, maxA := d.n, d.maxPart()
	if int64(maxA)<<n*4 > maxBoundBytes {
		return false
	}
	sub := make([][]float32, maxA+1)
	parallelFor(maxA, func(i int) { sub[i+1] = legacySubsetMax(d.f, n, i+1) })
	b.lookup = func(S uint64, s, lo, hi int) float64 {
		ub := math.Inf(-1)
		for t := lo; t <= hi; t++ {
			ub = max(ub, float64(sub[t+1][S])+float64(sub[s-t-1][S]))
		}
		return ub
	}
	return true
}

// legacySubsetMax is the plain subset-maximum transform over a full table.
func legacySubsetMax(f []float64, n, a int) []float32 {
	t := make([]float32, len(f))
	for S, x := range f {
		if bits.OnesCount(uint(S)) == a {
			t[S] = up32(x)
		} else {
			t[S] = float32(math.Inf(-1))
		}
	}
	for i := range n {
		bit := 1 << i
		for hi := 0; hi < len(t); hi += 2 * bit {
			lower, upper := t[hi:hi+bit], t[hi+bit:hi+2*bit]
			for k, x := range lower {
				upper[k] = max(upper[k], x)
			}
		}
	}
	return t
}
