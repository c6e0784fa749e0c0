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
func digits8(x uint64) uint64 {
	v := x/10000 | x%10000<<32 // two lanes of four digits
	// Each lane n < 10^4: n/100 = n·10486 >> 20 (exact below 10^4).
	q := (v * 10486 >> 20) & 0x0000007f_0000007f
	v = q | (v-q*100)<<16 // four lanes of two digits
	// Each lane n < 100: n/10 = n·103 >> 10 (exact below 100).
	t := (v * 103 >> 10) & 0x000f000f_000f000f
	v = t | (v-t*10)<<8 // eight digits
	return v + 0x30303030_30303030
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
