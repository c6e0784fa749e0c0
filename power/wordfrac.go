package power

import (
	"math/big"
	"math/bits"
)

// Fractions of one-word counts.
//
// In games under 64 players the swing, winning and Holler counts, their
// sums and the powers of two they are divided by all fit in a uint64
// (checked: words64 reports a carry, and the callers fall back to big.Int
// arithmetic). Their fractions are then reduced by a machine-word gcd and
// rounded to float64 by divRound, instead of big.Rat's SetFrac (a Lehmer
// gcd with several allocations) and Float64 (a big division): the same
// reduced fractions and the same correctly rounded floats, for a fraction
// of the bookkeeping.

// words64 returns the sum of xs, or ok false if a value or the sum does
// not fit in a uint64 (then the callers use big.Int arithmetic).
func words64(xs []*big.Int) (sum uint64, ok bool) {
	for _, x := range xs {
		if x.Sign() < 0 || !x.IsUint64() {
			return 0, false
		}
		var carry uint64
		if sum, carry = bits.Add64(sum, x.Uint64(), 0); carry != 0 {
			return 0, false
		}
	}
	return sum, true
}

// gcd64 returns the greatest common divisor of a and b (gcd(0, b) = b),
// by Stein's binary algorithm.
func gcd64(a, b uint64) uint64 {
	if a == 0 {
		return b
	}
	if b == 0 {
		return a
	}
	k := bits.TrailingZeros64(a | b)
	if a&(a-1) == 0 || b&(b-1) == 0 {
		return 1 << k // a power of two (Penrose's and Coleman's 2^n): its common factor
	}
	a >>= bits.TrailingZeros64(a)
	for b != 0 {
		b >>= bits.TrailingZeros64(b)
		if a > b {
			a, b = b, a
		}
		b -= a
	}
	return a << k
}

// wordRats returns the fractions num[i]/den(i) (numerators checked by
// words64) in lowest terms (0 when the
// denominator is 0, as safeFrac), reducing each distinct player's once
// (same as in tally; nil: every player is distinct). The fractions share
// two allocations for their headers and numerators' words; each
// denominator other than 1 takes one word of its own.
func wordRats(num []*big.Int, den func(i int) uint64, same []int) []*big.Rat {
	n := len(num)
	out := make([]*big.Rat, n)
	rats := make([]big.Rat, n)
	var words []big.Word
	if bits.UintSize == 64 {
		words = make([]big.Word, n)
	}
	for i := range n {
		var a, b uint64 = 0, 1
		if same != nil && same[i] != i {
			r := &rats[same[i]]
			a, b = r.Num().Uint64(), r.Denom().Uint64()
		} else if d, x := den(i), num[i].Uint64(); d != 0 && x != 0 {
			a, b = x, d
			if g := gcd64(a, b); g&(g-1) == 0 {
				k := bits.TrailingZeros64(g)
				a, b = a>>k, b>>k
			} else {
				a, b = a/g, b/g
			}
		}
		r := &rats[i]
		if words != nil {
			// The numerator is a reference (Rat.Num): give it a word of
			// the shared slice, which SetUint64 then fills in place.
			r.Num().SetBits(words[i : i+1 : i+1])
		}
		r.SetUint64(a)
		if b != 1 {
			// Set's denominator 1 is now allocated, so Denom is a
			// reference to it; the fraction is already in lowest terms.
			r.Denom().SetUint64(b)
		}
		out[i] = r
	}
	return out
}

// wordFloats returns num[i]/den(i) rounded to the nearest float64 (0 when
// the denominator is 0), computing each distinct player's once.
func wordFloats(num []*big.Int, den func(i int) uint64, same []int) []float64 {
	out := make([]float64, len(num))
	for i, x := range num {
		if same != nil && same[i] != i {
			out[i] = out[same[i]]
		} else if d := den(i); d != 0 {
			out[i] = divRound(x.Uint64(), d)
		}
	}
	return out
}

// constant returns the denominator function of a common denominator.
func constant(d uint64) func(int) uint64 { return func(int) uint64 { return d } }
