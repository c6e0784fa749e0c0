package power

import (
	"math/big"
	"math/bits"
)

// Exact counting arithmetic.
//
// Every count this package computes is the number of some coalitions of n
// players, so it lies in [0, 2^n]. The dynamic programs therefore work in the
// ring of integers modulo 2^(64L) with L = n/64 + 1 limbs, which exceeds 2^n:
// sums, differences (the deconvolution steps subtract) and products are exact
// modulo 2^(64L), and every value finally read out is a true count below the
// modulus, hence exact. This is the multi-word analogue of computing with
// wrapping uint64 when n < 64, and needs no big.Int in the inner loops.
//
// A vector of such numbers is a flat []uint64 with stride L, least
// significant limb first.

// limbsFor returns the number of 64-bit limbs whose modulus bounds all
// counts over n players.
func limbsFor(n int) int { return n/64 + 1 }

// addVec sets dst[k] += src[k] for every element (dst and src must not
// overlap unless they are identical).
func addVec(dst, src []uint64, l int) {
	src = src[:len(dst)]
	switch l {
	case 1:
		for k := range dst {
			dst[k] += src[k]
		}
	case 2:
		for k := 0; k+1 < len(dst); k += 2 {
			var c uint64
			dst[k], c = bits.Add64(dst[k], src[k], 0)
			dst[k+1] += src[k+1] + c
		}
	case 3:
		for k := 0; k+2 < len(dst); k += 3 {
			var c uint64
			dst[k], c = bits.Add64(dst[k], src[k], 0)
			dst[k+1], c = bits.Add64(dst[k+1], src[k+1], c)
			dst[k+2] += src[k+2] + c
		}
	default:
		for k := 0; k < len(dst); k += l {
			addAt(dst[k:k+l], src[k:k+l])
		}
	}
}

// addVecDesc is addVec for an in-place shift within one slice, dst starting
// after src: elements are processed from the top so each reads its old value.
func addVecDesc(dst, src []uint64, l int) {
	src = src[:len(dst)]
	switch l {
	case 1:
		for k := len(dst) - 1; k >= 0; k-- {
			dst[k] += src[k]
		}
	case 2:
		for k := len(dst) - 2; k >= 0; k -= 2 {
			var c uint64
			dst[k], c = bits.Add64(dst[k], src[k], 0)
			dst[k+1] += src[k+1] + c
		}
	case 3:
		for k := len(dst) - 3; k >= 0; k -= 3 {
			var c uint64
			dst[k], c = bits.Add64(dst[k], src[k], 0)
			dst[k+1], c = bits.Add64(dst[k+1], src[k+1], c)
			dst[k+2] += src[k+2] + c
		}
	default:
		for k := len(dst) - l; k >= 0; k -= l {
			addAt(dst[k:k+l], src[k:k+l])
		}
	}
}

// addAt sets x += y for single numbers.
func addAt(x, y []uint64) {
	var c uint64
	for i := range x {
		x[i], c = bits.Add64(x[i], y[i], c)
	}
}

// subAt sets x -= y for single numbers.
func subAt(x, y []uint64) {
	var b uint64
	for i := range x {
		x[i], b = bits.Sub64(x[i], y[i], b)
	}
}

// mulAddAt sets acc += x*y modulo 2^(64L) (all of length L).
func mulAddAt(acc, x, y []uint64) {
	l := len(acc)
	if l == 1 {
		acc[0] += x[0] * y[0]
		return
	}
	for i := 0; i < l; i++ {
		if x[i] == 0 {
			continue
		}
		var carry uint64
		for j := 0; i+j < l; j++ {
			hi, lo := bits.Mul64(x[i], y[j])
			var c uint64
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			acc[i+j], c = bits.Add64(acc[i+j], lo, 0)
			carry = hi + c
		}
	}
}

// prefixSums replaces v by its running sums.
func prefixSums(v []uint64, l int) {
	for k := l; k < len(v); k += l {
		addAt(v[k:k+l], v[k-l:k])
	}
}

// natBig converts one number to a big.Int.
func natBig(x []uint64) *big.Int {
	words := make([]big.Word, 0, 2*len(x))
	for _, w := range x {
		if bits.UintSize == 64 {
			words = append(words, big.Word(w))
		} else {
			words = append(words, big.Word(uint32(w)), big.Word(w>>32))
		}
	}
	return new(big.Int).SetBits(words)
}

// setOne sets x to 1.
func setOne(x []uint64) {
	clear(x)
	x[0] = 1
}

// subVec sets dst[k] -= src[k] for every element, in ascending order, so an
// in-place shifted call (dst after src in one slice) divides by (1 + x^w).
func subVec(dst, src []uint64, l int) {
	src = src[:len(dst)]
	if l == 1 {
		for k := range dst {
			dst[k] -= src[k]
		}
		return
	}
	for k := 0; k < len(dst); k += l {
		subAt(dst[k:k+l], src[k:k+l])
	}
}

// dotAdd sets acc += sum_k x[k]*y[k] modulo 2^(64L).
func dotAdd(acc, x, y []uint64, l int) {
	y = y[:len(x)]
	if l == 1 {
		var s uint64
		for k := range x {
			s += x[k] * y[k]
		}
		acc[0] += s
		return
	}
	for k := 0; k < len(x); k += l {
		mulAddAt(acc, x[k:k+l], y[k:k+l])
	}
}
