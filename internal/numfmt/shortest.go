package numfmt

//go:generate go run gen_pow10.go

import "math/bits"

// The shortest-digit search is Schubfach (R. Giulietti, "The Schubfach
// way to render doubles", 2020/2021), written from the paper: the value
// v = c·2^q, its rounding interval [v-, v+] (endpoints included when c is
// even, as round-half-even reading does), scaled by 10^-k for the k that
// leaves one integer or more in the scaled interval and fewer than ten, is
// computed to two fractional bits plus a sticky bit from a 126-bit
// over-approximation g of 10^-k (pow10.go). Of the integers in the scaled
// interval, a multiple of ten if there is one (there is at most one), else
// the one nearest the scaled value (ties to even): the shortest decimal
// that reads back as v and, among those, the nearest. strconv's Dragonbox
// answers the same question, so the digits are the same.

const (
	cMin = 1 << 52 // the smallest normal significand
	qMin = -1074   // the exponent of the smallest normal and of subnormals
)

// shortestDigits returns f and e with f·10^e the shortest decimal that
// reads back as the positive normal float64 of bits b (sign clear,
// exponent neither 0 nor all ones); f may end in zeros.
func shortestDigits(b uint64) (f uint64, e int) {
	bq := int(b>>52) & 0x7ff
	c := cMin | b&(cMin-1)
	mq := -qMin + 1 - bq // v = c·2^-mq
	if 0 < mq && mq < 53 {
		// An integer below 2^53: its digits are the shortest (the
		// rounding interval is at most one wide).
		if f := c >> mq; f<<mq == c {
			return f, 0
		}
	}
	if c != cMin {
		if f, e, ok := shortestOneProduct(-mq, c); ok {
			return f, e
		}
	}
	return schubfach(-mq, c)
}

// oneProductMargin is how close, in units of 2^-64, a fraction of
// shortestOneProduct may come to a decision's threshold before it leaves
// the decision to schubfach: the computed fractions are within 2 units of
// the exact ones (see shortestOneProduct), ψ within 20.
const oneProductMargin = 64

// shortestOneProduct returns what schubfach(q, c) returns for c ≠ 2^52
// (a symmetric rounding interval), from one product of the significand by
// a power of ten instead of three, as Żmij and xjb do (V. Zverovich,
// "Żmij", 2025; the scaling one decade lower is Xiang JunBo's); ok is
// false when the product is too close to a threshold to decide, or the
// power is off the table. Written from the reasoning below, not from
// their code.
//
// With k = floor(q·log10 2), Schubfach scales v and its interval by
// 10^-k: the interval is W = 2^q·10^-k wide, 1 ≤ W < 10. Scaled by
// 10^(-k-1) instead, v is X' = n + φ (n an integer, 0 ≤ φ < 1) and the
// half-interval H = W/20, 0.05 ≤ H < 0.5. Schubfach's shorter candidates
// 10n and 10(n+1) (the multiples of ten about s = floor(10X')) are in the
// interval when φ ≤ H and when 1-φ ≤ H (strictly, for odd c): at most one
// is, since H < 1/2, and then it is the result. Otherwise the result is
// the nearer of s and s+1, as at least one of them is in the interval
// (W ≥ 1) and when only one is, it is the nearer: s = 10n+d with d and
// ψ the integer and fraction of 10φ, rounded up when ψ > 1/2. Every
// decision compares a fraction with a threshold; equality, where the
// interval's ends and ties to even matter, is never decided here.
//
// The product: 10^(-k-1) = (g-δ)·2^(r-125), g from pow10Tab, 0 < δ ≤ 1,
// r = floor((-k-1)·log2 10). With c shifted left by sh = q+r+10 (6 to 9
// bits: q+r is -4 to -1), c'·g/2^127 is 2^8·X' up to less than 2^-63:
// the 190-bit product less its lowest 64 bits and one bit of the middle
// word (rop's z), and the c'·δ that g adds. So n is its integer part
// shifted by 8, and φ in 2^-64 units (its next 64 bits) is within 2
// units; H·2^64 is g·2^(sh-72), the upper 63 bits of g shifted right by
// 9-sh, within 2 units too.
func shortestOneProduct(q int, c uint64) (f uint64, e int, ok bool) {
	m, t, k, ok := oneProduct(q, c)
	return 10*m + t, k, ok
}

// oneProduct is shortestOneProduct's search: the result is (10m+t)·10^k,
// where t is 0 for a shorter candidate (m = n or n+1) and else the last
// digit, 1 to 9 (m = n). It is never 0 then (s = 10n is in the interval
// when ψ < 1/2 with d = 0, as φ < 0.05 ≤ H), nor 10 (10(n+1) is in it when
// d = 9 and ψ > 1/2), so a longer result ends in t and has no trailing
// zeros.
func oneProduct(q int, c uint64) (m, t uint64, k int, ok bool) {
	k = flog10Pow2(q)
	K := -k - 1
	if K < pow10Min {
		return 0, 0, 0, false
	}
	r := flog2Pow10(K)
	sh := uint(q + r + 10)
	g := &pow10Tab[K-pow10Min]
	cs := c << sh
	x1, _ := bits.Mul64(g[1], cs)
	y1, y0 := bits.Mul64(g[0], cs)
	z := y0>>1 + x1
	hi := y1 + z>>63 // floor(2^8·X')
	n := hi >> 8
	phi := hi<<56 | (z&(1<<63-1))>>7
	half := g[0] >> (9 - sh)
	// φ near 0 or 1 (n itself uncertain), or near H or 1-H.
	if near(phi, 0) || near(phi, half) || near(-phi, half) {
		return 0, 0, 0, false
	}
	// Shorter or longer is a coin toss for arbitrary values: selected
	// without branches (a mispredicted branch costs about as much as the
	// product).
	d, psi := bits.Mul64(phi, 10)
	var down, up uint64
	if phi < half {
		down = 1
	}
	if -phi < half {
		up = 1
	}
	longer := (down | up) ^ 1
	var tie uint64
	if near(psi, 1<<63) {
		tie = 1 // a tie, or nearly: left to schubfach when longer
	}
	if longer&tie != 0 {
		return 0, 0, 0, false
	}
	return n + up, (d + psi>>63) & -longer, k, true
}

// near reports whether a and b, fractions in units of 2^-64, are less
// than oneProductMargin apart (modulo 1).
func near(a, b uint64) bool { return a-b+oneProductMargin < 2*oneProductMargin }

// schubfach returns the shortest nearest decimal f·10^e in the rounding
// interval of the normal v = c·2^q.
func schubfach(q int, c uint64) (uint64, int) {
	out := c & 1 // an odd c excludes the interval's endpoints
	cb := c << 2
	cbr := cb + 2
	var cbl uint64
	var k int
	if c != cMin || q == qMin {
		cbl = cb - 2
		k = flog10Pow2(q)
	} else {
		// At a power of two the interval below is half as wide.
		cbl = cb - 1
		k = flog10ThreeQuartersPow2(q)
	}
	h := q + flog2Pow10(-k) + 2
	g := &pow10Tab[-k-pow10Min]
	g1, g0 := g[0], g[1]
	vb := rop(g1, g0, cb<<h)
	vbl := rop(g1, g0, cbl<<h)
	vbr := rop(g1, g0, cbr<<h)
	s := vb >> 2
	if s >= 10 {
		// One digit fewer: at most one multiple of ten fits.
		sp10 := s / 10 * 10
		tp10 := sp10 + 10
		upin := vbl+out <= sp10<<2
		wpin := tp10<<2+out <= vbr
		if upin != wpin {
			if upin {
				return sp10, k
			}
			return tp10, k
		}
	}
	t := s + 1
	uin := vbl+out <= s<<2
	win := t<<2+out <= vbr
	if uin != win {
		if uin {
			return s, k
		}
		return t, k
	}
	// Both in: the nearer, ties to even.
	mid := (s + t) << 1
	if vb < mid || vb == mid && s&1 == 0 {
		return s, k
	}
	return t, k
}

// rop returns floor(g·cp / 2^127) for g = g1·2^63 + g0, with its lowest
// bit set when the division is not exact (round to odd).
func rop(g1, g0, cp uint64) uint64 {
	x1, _ := bits.Mul64(g0, cp)
	y1, y0 := bits.Mul64(g1, cp)
	z := y0>>1 + x1
	vbp := y1 + z>>63
	return vbp | (z&(1<<63-1)+(1<<63-1))>>63
}

// flog10Pow2 is floor(q·log10 2) for |q| ≤ 1100.
func flog10Pow2(q int) int { return int((int64(q) * 661971961083) >> 41) }

// flog10ThreeQuartersPow2 is floor(log10(3/4·2^q)) for |q| ≤ 1100.
func flog10ThreeQuartersPow2(q int) int {
	return int((int64(q)*661971961083 - 274743187321) >> 41)
}

// flog2Pow10 is floor(e·log2 10) for |e| ≤ 400.
func flog2Pow10(e int) int { return int((int64(e) * 913124641741) >> 38) }
