package numfmt

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"strconv"
)

// digitPairs holds "00" to "99".
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// appendShortest appends the finite v in the CSV form (strconv's 'f'
// with the shortest precision) or the JSON form ('g'), byte for byte as
// strconv.AppendFloat writes them.
func appendShortest(buf []byte, v float64, json bool) []byte {
	return appendNumber(buf, math.Float64bits(v), json)
}

// appendGeneral is appendShortest for the values appendNumber does not
// take straight to the fraction path (v finite).
func appendGeneral(buf []byte, v float64, json bool) []byte {
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
	f, e := shortestDigits(b)
	if f >= 1e15 {
		// Schubfach's digits (16 or 17 of them): in the fixed form, they
		// take the straight path.
		lead := 0
		if f >= 1e16 {
			lead = 1
		}
		dp := e + 16 + lead // value = 0.digits × 10^dp
		if -8 <= dp && dp <= 17 && (!json || -3 <= dp && dp <= 6) {
			if neg {
				buf = append(buf, '-')
			}
			return appendFixed17(buf, f, dp, lead)
		}
	}
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

// appendNumber appends the float64 of bits b in the CSV form or the JSON
// form (json), byte for byte as strconv.AppendFloat writes it (a value
// that is not finite as appendNonFinite does). A normal value below 1 in
// magnitude whose significand is not a power of two, the measures and
// shares of research tables, is written in the fixed form 0.[zeros]digits
// straight from oneProduct's m and t: the digits of m (15 or 16 of them)
// in two words from one division by 10^8, then t. The rest, and the
// values oneProduct leaves to schubfach or whose form has an exponent or
// more than eight zeros after the point, take appendGeneral's path. The
// fraction path is in this function, not in one it calls, so that the
// writers (AppendCSV inlined, Writer.Append) reach it with one call.
func appendNumber(buf []byte, b uint64, json bool) []byte {
	a := b &^ (1 << 63)
	if a-cMin >= 0x3ff0000000000000-cMin || a&(cMin-1) == 0 {
		return appendOther(buf, b, json)
	}
	q := int(a>>52) + qMin - 1
	m, t, k, ok := oneProduct(q, cMin|a&(cMin-1))
	if !ok || m >= 1e16 {
		return appendOther(buf, b, json)
	}
	nd := 15 // digits of m: it is at least 2^52/10
	if m >= 1e15 {
		nd = 16
	}
	dp := nd + k + 1 // value = 0.digits × 10^dp
	if dp > 0 || dp < -8 || json && dp < -3 {
		return appendOther(buf, b, json)
	}
	if cap(buf)-len(buf) < 65 {
		buf = slices.Grow(buf, 65)
	}
	// The sign, too, is written without a branch: a '-' that the digits
	// overwrite unless neg moves them past it.
	n := len(buf)
	buf[:n+1][n] = '-'
	if b != a {
		n++
	}
	out := buf[n : n+64]
	hi := m / 1e8
	wh, wl := quads8(hi), quads8(m-hi*1e8)
	binary.LittleEndian.PutUint64(out, 0x30303030_30302e30) // "0.000000"
	binary.LittleEndian.PutUint64(out[8:], 0x30303030_30303030)
	at := 2 - dp // the first digit's place
	// Sixteen places from at-(16-nd): with fifteen digits the first is a
	// zero, over the last zero after the point or the point itself.
	binary.LittleEndian.PutUint64(out[at+nd-16:], wh)
	binary.LittleEndian.PutUint64(out[at+nd-8:], wl)
	wh ^= 0x30303030_30303030 // zero bytes for zero digits
	wl ^= 0x30303030_30303030
	out[1] = '.'
	// A longer result ends in t; a shorter one (t = 0, and the byte
	// written past its end) in its last nonzero digit: its trailing zeros
	// are the high zero bytes of the last word, and of the first as well
	// when the last is all zeros. Selected without branches, as in
	// oneProduct.
	out[at+nd] = byte('0' + t)
	tz := bits.LeadingZeros64(wl) >> 3
	if wl == 0 {
		tz += bits.LeadingZeros64(wh) >> 3
	}
	end := at + nd - tz
	if t != 0 {
		end = at + nd + 1
	}
	return buf[:n+end]
}

// appendOther is appendNumber for the values off its fraction path.
func appendOther(buf []byte, b uint64, json bool) []byte {
	v := math.Float64frombits(b)
	if b&0x7ff0000000000000 == 0x7ff0000000000000 {
		return appendNonFinite(buf, v, json)
	}
	return appendGeneral(buf, v, json)
}

// quadTab[x] is the four decimal digits of x < 10^4 as ASCII in a
// little-endian word, the first digit in the lowest byte (40 KB, built
// at start-up in about ten microseconds).
var quadTab = func() (t [10000]uint32) {
	for x := range t {
		t[x] = uint32(digits8(uint64(x)) >> 32)
	}
	return t
}()

// quads8 returns the eight decimal digits of x < 10^8 as digits8 does,
// from two look-ups of four digits: one split in two lanes instead of
// digits8's three rounds, a dependent chain of six multiplications
// (the fraction path's digits: 14 ns a value against 17, paired).
func quads8(x uint64) uint64 {
	a := x * 109951163 >> 40 // x / 10^4
	return uint64(quadTab[a]) | uint64(quadTab[x-a*10000])<<32
}

// appendFixed17 appends 0.d × 10^dp in the fixed form, for the digits d
// of 10^15 ≤ f < 10^17 (lead 1 when there are seventeen of them, else 0)
// and -8 ≤ dp ≤ 17. Whatever f is, seventeen digit places are stored
// in three steps (the first place, then two words of eight), and the
// trailing zeros are counted in the digit words instead of by dividing f
// by ten until it is not a multiple of ten: no loop and no branch on the
// number of digits.
func appendFixed17(buf []byte, f uint64, dp, lead int) []byte {
	if cap(buf)-len(buf) < 64 {
		buf = slices.Grow(buf, 64)
	}
	n := len(buf)
	out := buf[n : n+64]
	hi := f / 1e8   // < 10^9
	top := hi / 1e8 // the seventeenth digit's place: 0 with sixteen digits
	wm, wl := bcd8(hi-top*1e8), bcd8(f-hi*1e8)
	// The trailing zero digits are the high zero bytes of the last
	// word, and of the middle one as well when the last is all zeros.
	tz := bits.LeadingZeros64(wl) >> 3
	if wl == 0 {
		tz += bits.LeadingZeros64(wm) >> 3
	}
	nd := 16 + lead - tz // significant digits
	// The digits start at out[at]: the first place is overwritten by the
	// middle word when it holds the zero of a sixteen-digit f.
	at := 1
	if dp <= 0 {
		// 0.[zeros]digits
		binary.LittleEndian.PutUint64(out, 0x30303030_30302e30) // "0.000000"
		binary.LittleEndian.PutUint64(out[8:], 0x30303030_30303030)
		at = 2 - dp
	}
	out[at] = byte('0' + top)
	binary.LittleEndian.PutUint64(out[at+lead:], wm+0x30303030_30303030)
	binary.LittleEndian.PutUint64(out[at+lead+8:], wl+0x30303030_30303030)
	switch {
	case dp <= 0:
		return buf[:n+at+nd]
	case dp < nd:
		// digits[:dp].digits[dp:]
		for j := range dp {
			out[j] = out[j+1]
		}
		out[dp] = '.'
		return buf[:n+nd+1]
	}
	// digits[zeros], an integer
	copy(out, out[1:1+nd])
	for j := nd; j < dp; j++ {
		out[j] = '0'
	}
	return buf[:n+dp]
}

// appendExp appends d[0].d[1:]e±XX, strconv's 'e' form with the exponent
// x of at least two digits.
func appendExp(buf, digits []byte, x int) []byte {
	buf = append(buf, digits[0])
	if len(digits) > 1 {
		buf = append(buf, '.')
		buf = append(buf, digits[1:]...)
	}
	buf = append(buf, 'e')
	if x < 0 {
		buf = append(buf, '-')
		x = -x
	} else {
		buf = append(buf, '+')
	}
	if x >= 100 {
		buf = append(buf, byte('0'+x/100))
		x %= 100
	}
	return append(buf, digitPairs[2*x], digitPairs[2*x+1])
}

// putDigits writes the nd decimal digits of f < 10^17 to out[:nd] with
// eight-byte stores (which may write up to out[24]): up to three groups
// of eight, the first shifted past its leading zeros.
func putDigits(out []byte, f uint64, nd int) {
	_ = out[24]
	switch {
	case nd > 16:
		out[0] = byte('0' + f/1e16)
		binary.LittleEndian.PutUint64(out[1:], digits8(f/1e8%1e8))
		binary.LittleEndian.PutUint64(out[9:], digits8(f%1e8))
	case nd > 8:
		binary.LittleEndian.PutUint64(out, digits8(f/1e8)>>(8*(16-nd)))
		binary.LittleEndian.PutUint64(out[nd-8:], digits8(f%1e8))
	default:
		binary.LittleEndian.PutUint64(out, digits8(f)>>(8*(8-nd)))
	}
}

// digits8 returns the eight decimal digits of x < 10^8, zero-padded, as
// ASCII bytes in a little-endian word (the first digit in the lowest
// byte): the halves, quarters and digits are split in parallel lanes of
// one register.
func digits8(x uint64) uint64 { return bcd8(x) + 0x30303030_30303030 }

// bcd8 returns the eight decimal digits of x < 10^8 as byte values 0-9
// in a little-endian word, the first digit in the lowest byte (digits8
// without the ASCII offset). Each step splits every lane of the word in
// two, the quotient and remainder at once: for a lane n, n + q·(2^w - d)
// with q = n/d holds q in the upper half-lane and n - q·d in the lower
// (w the half-lane's width), the quotients by multiplication (exact in
// the ranges used: n < 10^8 for d = 10^4, below 10^4 for 100, below 100
// for 10). The word comes out with the first digit highest, hence the
// byte swap.
func bcd8(x uint64) uint64 {
	v := x + (1<<32-10000)*(x*109951163>>40)
	v += (1<<16 - 100) * ((v * 5243 >> 19) & 0x0000007f_0000007f)
	v += (1<<8 - 10) * ((v * 103 >> 10) & 0x000f000f_000f000f)
	return bits.ReverseBytes64(v)
}

// decimalLen is the number of decimal digits of 0 < f < 10^19.
func decimalLen(f uint64) int {
	n := (bits.Len64(f) * 1233) >> 12 // floor(log10(2^len)), one short at most
	if f >= pow10u64[n] {
		n++
	}
	return n
}

var pow10u64 = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
	1e15, 1e16, 1e17, 1e18, 1e19}
