package power

import (
	"math"
	"math/big"
	"math/bits"
)

// Float results without fractions. When only float64 indices are asked
// for, each is the exact count ratio rounded once to the nearest float64
// (ties to even), as big.Rat's Float64 rounds it, without building and
// reducing the fraction: counts that fit in a word are divided in 128-bit
// integer arithmetic (divRound), larger ones through big.Float's
// correctly rounded quotient (quoFloat).

// divRound returns p/q rounded to the nearest float64, ties to even
// (q > 0).
func divRound(p, q uint64) float64 {
	if p == 0 {
		return 0
	}
	if p < 1<<53 && q < 1<<53 {
		return float64(p) / float64(q) // both exact: IEEE division rounds once
	}
	// Q = floor(p·2^k / q) in [2^63, 2^64), r the remainder.
	k := 64 - bits.Len64(p) + bits.Len64(q)
	hi, lo := shl128(p, k)
	if hi >= q {
		k--
		hi, lo = shl128(p, k)
	}
	quo, rem := bits.Div64(hi, lo, q)
	m := quo >> 11 // 53 bits
	low := quo & (1<<11 - 1)
	const half = 1 << 10
	if low > half || low == half && (rem != 0 || m&1 != 0) {
		m++
	}
	return math.Ldexp(float64(m), 11-k)
}

// shl128 returns p·2^k as a 128-bit value (0 ≤ k < 128).
func shl128(p uint64, k int) (hi, lo uint64) {
	if k >= 64 {
		return p << (k - 64), 0
	}
	if k == 0 {
		return 0, p
	}
	return p >> (64 - k), p << k
}

// quoFloat returns x/y rounded to the nearest float64, ties to even, 0
// when y is 0 (as safeFrac).
func quoFloat(x, y *big.Int) float64 {
	var q quotient
	return q.of(x, y)
}

// quotient is the scratch of quoFloat's big.Float division, reused over
// the players of one index.
type quotient struct{ a, b, z big.Float }

// of returns x/y as quoFloat does.
func (q *quotient) of(x, y *big.Int) float64 {
	if y.Sign() == 0 || x.Sign() == 0 {
		return 0
	}
	if x.IsUint64() && y.IsUint64() {
		return divRound(x.Uint64(), y.Uint64())
	}
	// SetInt is exact: the precision grows to the integer's length.
	q.a.SetPrec(0)
	q.b.SetPrec(0)
	q.a.SetInt(x)
	q.b.SetInt(y)
	f, _ := q.z.SetPrec(53).Quo(&q.a, &q.b).Float64()
	return f
}

// floatsOf returns x[i]/y as float64 values, computing each distinct
// player's once (same as in tally).
func floatsOf(xs []*big.Int, y *big.Int, same []int) []float64 {
	out := make([]float64, len(xs))
	var q quotient
	for i, x := range xs {
		if same != nil && same[i] != i {
			out[i] = out[same[i]]
		} else {
			out[i] = q.of(x, y)
		}
	}
	return out
}
