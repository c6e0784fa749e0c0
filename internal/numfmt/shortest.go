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
	return schubfach(-mq, c)
}

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
