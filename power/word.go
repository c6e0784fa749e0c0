package power

import (
	"math/big"
	"math/bits"
	"sync/atomic"
)

// Machine-word finishing of the one-word dynamic programs (n < 64).
//
// The tables of games under 64 players hold every count in one uint64. What
// remains after them is weighting those counts by size: Shapley-Shubik's
// Σ_s c_s·s!(n-1-s)!, Deegan-Packel's and Johnston's Σ_s c_s/s. Each is a
// sum of products of a one-word count with a constant known in advance, so
// it is accumulated in a fixed number of limbs (nat.go's arithmetic modulo
// 2^(64L), with L chosen so that the true value lies below the modulus) and
// turned into a big.Int once per player, instead of a big.Int product and
// sum per size. The fractions Σ_s c_s/s share the denominator lcm(1..n), so
// the normalized indices are ratios of integers: one reduced fraction per
// player and index, and none for players whose counts repeat another's.

// sizeWeights holds constants k_s (s = 0..n) as L-limb numbers, for sums
// Σ_s c_s·k_s of one-word counts c_s that stay below 2^(64L).
type sizeWeights struct {
	l int
	k []uint64 // k_s at [s*l, (s+1)*l)
}

// newSizeWeights converts the constants to limbs, with room for a sum whose
// true value has at most maxBits bits.
func newSizeWeights(ks []*big.Int, maxBits int) *sizeWeights {
	l := maxBits/64 + 1
	sw := &sizeWeights{l: l, k: make([]uint64, len(ks)*l)}
	for s, k := range ks {
		if k != nil {
			putLimbs(sw.k[s*l:(s+1)*l], k)
		}
	}
	return sw
}

// sum returns Σ_s c[s]·k_s for one-word counts c (len(c) <= number of
// constants), using acc (length l) as scratch.
func (sw *sizeWeights) sum(c []uint64, acc []uint64) *big.Int {
	clear(acc)
	for s, v := range c {
		if v != 0 {
			mulWordAdd(acc, sw.k[s*sw.l:(s+1)*sw.l], v)
		}
	}
	return natBig(acc)
}

// putLimbs writes x (non-negative, fitting) into dst as 64-bit limbs.
func putLimbs(dst []uint64, x *big.Int) {
	clear(dst)
	for i, w := range x.Bits() {
		if bits.UintSize == 64 {
			dst[i] = uint64(w)
		} else {
			dst[i/2] |= uint64(w) << (32 * (i % 2))
		}
	}
}

// mulWordAdd sets acc += x·c modulo 2^(64L) (acc and x of length L).
func mulWordAdd(acc, x []uint64, c uint64) {
	var carry uint64
	for i := range acc {
		hi, lo := bits.Mul64(x[i], c)
		var cc uint64
		lo, cc = bits.Add64(lo, carry, 0)
		hi += cc
		acc[i], cc = bits.Add64(acc[i], lo, 0)
		carry = hi + cc
	}
}

// reciprocalWeights returns the constants lcm(1..n)/s for s = 1..n (k_0 =
// 0) and the lcm, for Σ_s c_s/s = (Σ_s c_s·k_s)/lcm with counts whose sum
// over the sizes is below 2^n.
func reciprocalWeights(n int) (*sizeWeights, *big.Int) {
	den := lcmUpTo(n)
	ks := make([]*big.Int, n+1)
	for s := 1; s <= n; s++ {
		ks[s] = new(big.Int).Quo(den, big.NewInt(int64(s)))
	}
	return newSizeWeights(ks, den.BitLen()+n), den
}

// ssWeights returns the constants s!(n-1-s)! for s = 0..n-1: the
// Shapley-Shubik numerator of a player is below n!, so n!'s bits bound the
// sum.
func ssWeights(n int) *sizeWeights {
	if n < len(ssWeightsCache) {
		if w := ssWeightsCache[n].Load(); w != nil {
			return w
		}
		w := makeSSWeights(n)
		ssWeightsCache[n].Store(w)
		return w
	}
	return makeSSWeights(n)
}

// ssWeightsCache keeps ssWeights for the player counts of one-word games
// (the constants are read only).
var ssWeightsCache [64]atomic.Pointer[sizeWeights]

func makeSSWeights(n int) *sizeWeights {
	fact := factorials(n)
	ks := make([]*big.Int, n)
	for s := range ks {
		ks[s] = ssCoef(fact, n, s)
	}
	return newSizeWeights(ks, fact[n].BitLen())
}
