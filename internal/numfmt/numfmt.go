// Package numfmt appends float64 values to byte slices in the two forms
// Entente's writers use, without allocating: CSV (the shortest decimal that
// reads back exactly, never with an exponent; a missing value, NaN, as an
// empty field; infinities as Inf and -Inf) and JSON (the shortest
// representation that reads back exactly, as number.Float writes it; a
// value that is not finite as null).
//
// Research tables repeat their numbers heavily: every dyad of two states
// without alliances in a year has the same unweighted portfolio
// similarity, and the agreement of two states on n roll calls takes at
// most n+1 values (portfolio similarity 1816-2018: 83% of the numbers
// repeat one written earlier in the same year). A Writer
// remembers the text of the values it formatted recently, in a small table
// indexed by a hash of the value's bits, so a repeated value is a table
// look-up and a copy instead of a shortest-digit search. Values that miss
// the table go through the package's own shortest-digit search: one
// product of the significand by a power of ten decides nearly every value
// (oneProduct, shortest.go), Schubfach's three the few it leaves; values
// below 1, the measures of research tables, are written straight from it
// (appendNumber, format.go). README.md gives the measurements and how
// to repeat them.
// Output is byte-identical to strconv.AppendFloat's 'f' (CSV) and 'g'
// (JSON) forms with precision -1, which the tests check against strconv
// on adversarial, random and fuzzed values.
package numfmt

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strconv"
)

// The table is direct-mapped, indexed by the top slotBits bits of a
// multiplicative hash of the value's bits. The keys sit apart from the
// texts so that a look-up that misses only reads the 64 KiB of keys and a
// hit one text. 8192 slots: the shares of a UN-vote year (agreement and S
// over each dyad's n roll calls) are up to several thousand distinct
// values, and with 4096 slots half of the Writer's misses in `similarity
// votes` 1946-2020 were collisions (516,000 misses, where the years hold
// 273,000 distinct shares); with 8192 they are 328,000 (portfolio
// 1816-2018: 1.79 million misses of 8.87 million look-ups, from 2.04
// million). Paired, the number-writing samples of votes fall by about
// 3% (26 of 32 rounds lower), those of portfolio stay within the noise
// (README.md); 16384 slots were no better.
const (
	slotBits = 13
	slots    = 1 << slotBits
	// maxText is the longest text kept; longer ones (tiny magnitudes in
	// the exponent-free CSV form) are formatted every time.
	maxText = 32
)

// Writer formats numbers in one of the two forms, remembering recent
// values. The zero value is not usable (use NewCSV or NewJSON). A Writer
// is not safe for concurrent use: give each goroutine its own.
type Writer struct {
	json bool
	// The table only pays when values repeat: each window of the last
	// probe values counts its hits, and a window with few of them turns
	// the table off for the next skip values (then it probes again).
	probe, hits, skip uint32
	keys              [slots]uint64 // value bits
	lens              [slots]uint8  // text length, 0 for an empty slot
	texts             [slots][maxText]byte
}

// The adaptive bypass: windows of probeLen values; under minHits hits the
// next skipLen values are formatted directly.
const (
	probeLen = 1 << 13
	minHits  = probeLen / 4
	skipLen  = 1 << 16
)

// NewCSV returns a Writer of the CSV form.
func NewCSV() *Writer { return &Writer{} }

// NewJSON returns a Writer of the JSON form.
func NewJSON() *Writer { return &Writer{json: true} }

// Append appends v in the Writer's form.
func (w *Writer) Append(buf []byte, v float64) []byte {
	b := math.Float64bits(v)
	// Not finite: exponent all ones.
	if b&0x7ff0000000000000 == 0x7ff0000000000000 {
		return appendNonFinite(buf, v, w.json)
	}
	if w.skip > 0 {
		w.skip--
		return appendNumber(buf, b, w.json)
	}
	if w.probe++; w.probe == probeLen {
		if w.hits < minHits {
			w.skip = skipLen
		}
		w.probe, w.hits = 0, 0
	}
	k := (b * 0x9e3779b97f4a7c15) >> (64 - slotBits)
	n := int(w.lens[k])
	if n == 0 || w.keys[k] != b {
		start := len(buf)
		buf = appendNumber(buf, b, w.json)
		if n := len(buf) - start; n <= maxText {
			w.keys[k], w.lens[k] = b, uint8(n)
			copy(w.texts[k][:], buf[start:])
		}
		return buf
	}
	w.hits++
	if l := len(buf); cap(buf)-l >= maxText {
		// A fixed-size copy (two vector moves) and a shorter length.
		*(*[maxText]byte)(buf[l : l+maxText]) = w.texts[k]
		return buf[:l+n]
	}
	return append(buf, w.texts[k][:n]...)
}

// AppendCSV appends v in the CSV form without remembering it.
func AppendCSV(buf []byte, v float64) []byte {
	return appendNumber(buf, math.Float64bits(v), false)
}

// AppendJSON appends v in the JSON form without remembering it.
func AppendJSON(buf []byte, v float64) []byte {
	return appendNumber(buf, math.Float64bits(v), true)
}

func appendNonFinite(buf []byte, v float64, json bool) []byte {
	switch {
	case json:
		return append(buf, "null"...)
	case math.IsNaN(v):
		return buf
	case v > 0:
		return append(buf, "Inf"...)
	}
	return append(buf, "-Inf"...)
}

// AppendInt appends v in decimal, as strconv.AppendInt(buf, v, 10) does.
// The integers of research tables (years, country codes, counts) are
// mostly below 10^4: those are written by AppendSmallInt.
func AppendInt(buf []byte, v int64) []byte {
	if 0 <= v && v < SmallInts {
		return AppendSmallInt(buf, v)
	}
	return appendInt(buf, v)
}

// SmallInts bounds the integers of AppendSmallInt.
const SmallInts = 10000

// AppendSmallInt appends 0 ≤ v < SmallInts in decimal, as AppendInt
// does: one look-up of its four digits in the table of appendNumber's
// digits (quadTab) and one four-byte append, cut after the digits, with
// no branch on their number. It is small enough to be inlined (AppendInt
// is not), as a writer of many integers checks the bound itself.
func AppendSmallInt(buf []byte, v int64) []byte {
	q := quadTab[v]
	// Leading zeros: the low zero digits, at most three.
	lz := bits.TrailingZeros32(q^0x30303030|1<<24) >> 3
	n := len(buf) + 4 - lz
	return binary.LittleEndian.AppendUint32(buf, q>>(8*lz))[:n]
}

// appendInt is AppendInt off its inlined path.
func appendInt(buf []byte, v int64) []byte {
	u := uint64(v)
	switch {
	case u < 10:
		return append(buf, byte('0'+u))
	case u < 100:
		return append(buf, digitPairs[2*u], digitPairs[2*u+1])
	case u < 1000:
		h, l := u/100, u%100
		return append(buf, byte('0'+h), digitPairs[2*l], digitPairs[2*l+1])
	case u < 10000:
		h, l := u/100, u%100
		return append(buf, digitPairs[2*h], digitPairs[2*h+1], digitPairs[2*l], digitPairs[2*l+1])
	}
	return strconv.AppendInt(buf, v, 10)
}
