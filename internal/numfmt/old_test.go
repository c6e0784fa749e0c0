package numfmt

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
)

// The formatter as it was before the seventeen-place digit writer
// (appendFixed17) and the selection without branches in schubfach: the
// baseline of the side-by-side benchmarks and a second reference for the
// tests.

// oldAppendShortest appends the finite v in the CSV form (strconv's 'f'
// with the shortest precision) or the JSON form ('g'), byte for byte as
// strconv.AppendFloat writes them.
func oldAppendShortest(buf []byte, v float64, json bool) []byte {
	b := math.Float64bits(v)
	neg := b>>63 != 0
	b &^= 1 << 63
	if b>>52 == 0 {
		if b != 0 {
			// Subnormal: rare enough to leave to strconv.
			fmt := byte('f')
			if json {
				fmt = 'g'
			}
			return strconv.AppendFloat(buf, v, fmt, -1, 64)
		}
		if neg {
			return append(buf, '-', '0')
		}
		return append(buf, '0')
	}
	f, e := oldShortestDigits(b)
	for f%10 == 0 {
		f /= 10
		e++
	}
	nd := decimalLen(f)
	dp := nd + e // value = 0.digits × 10^dp
	if neg {
		buf = append(buf, '-')
	}
	if !json || -4 <= dp-1 && dp-1 < 6 {
		if cap(buf)-len(buf) < 64 {
			// Writers reuse their line buffer: grown once, it keeps the room.
			buf = slices.Grow(buf, 64)
		}
		if n := len(buf); -8 <= dp && dp <= 24 {
			// Room for fixed-size stores past the end: the digits go
			// straight to their place, no per-byte appends, no copies
			// (a copy of digits just stored in words would wait on the
			// stores).
			out := buf[n : n+64]
			switch {
			case dp <= 0: // 0.[zeros]digits
				binary.LittleEndian.PutUint64(out[:], 0x30303030_30302e30) // "0.000000"
				binary.LittleEndian.PutUint64(out[8:], 0x30303030_30303030)
				putDigits(out[2-dp:], f, nd)
				return buf[:n+2-dp+nd]
			case dp < nd: // digits[:dp].digits[dp:]
				putDigits(out[1:], f, nd)
				for j := range dp {
					out[j] = out[j+1]
				}
				out[dp] = '.'
				return buf[:n+nd+1]
			}
			// digits[zeros], an integer
			putDigits(out, f, nd)
			for j := nd; j < dp; j++ {
				out[j] = '0'
			}
			return buf[:n+dp]
		}
	}
	var d [32]byte
	putDigits(d[:], f, nd)
	digits := d[:nd]
	if json && (dp-1 < -4 || dp-1 >= 6) {
		return appendExp(buf, digits, dp-1)
	}
	switch {
	case dp <= 0:
		n := len(buf)
		buf = slices.Grow(buf, 2-dp+nd)[:n+2-dp+nd]
		out := buf[n:]
		out[0], out[1] = '0', '.'
		for j := 2; j < 2-dp; j++ {
			out[j] = '0'
		}
		copy(out[2-dp:], digits)
		return buf
	}
	// dp > 24 ≥ nd: an integer (dp < nd took the path above).
	buf = append(buf, digits...)
	for j := nd; j < dp; j++ {
		buf = append(buf, '0')
	}
	return buf
}

// oldShortestDigits returns f and e with f·10^e the shortest decimal that
// reads back as the positive normal float64 of bits b (sign clear,
// exponent neither 0 nor all ones); f may end in zeros.
func oldShortestDigits(b uint64) (f uint64, e int) {
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
	return oldSchubfach(-mq, c)
}

// oldSchubfach returns the shortest nearest decimal f·10^e in the rounding
// interval of the normal v = c·2^q.
func oldSchubfach(q int, c uint64) (uint64, int) {
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
