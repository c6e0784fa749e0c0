package numfmt

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

// TestAppendInt: AppendInt writes what strconv.AppendInt writes, for
// every integer up to 10^5 in magnitude, the limits of int64 and powers
// of ten and their neighbours, and random values.
func TestAppendInt(t *testing.T) {
	check := func(t interface{ Fatalf(string, ...any) }, v int64) {
		want := strconv.AppendInt([]byte("x"), v, 10)
		if got := AppendInt([]byte("x"), v); string(got) != string(want) {
			t.Fatalf("%d: %q, want %q", v, got, want)
		}
	}
	for v := int64(-100000); v <= 100000; v++ {
		check(t, v)
	}
	for _, v := range []int64{math.MinInt64, math.MinInt64 + 1, math.MaxInt64, math.MaxInt64 - 1} {
		check(t, v)
	}
	for p := int64(1); p <= 1e18; p *= 10 {
		for _, v := range []int64{p - 1, p, p + 1, -p - 1, -p, -p + 1} {
			check(t, v)
		}
	}
	rapid.Check(t, func(t *rapid.T) { check(t, rapid.Int64().Draw(t, "v")) })
}

// TestAppendSmallInt: AppendSmallInt writes what strconv.AppendInt
// writes for every integer below SmallInts, into a buffer with room and
// into one without (cap = len, so that it grows).
func TestAppendSmallInt(t *testing.T) {
	for v := range int64(SmallInts) {
		want := strconv.AppendInt([]byte("x"), v, 10)
		if got := AppendSmallInt([]byte("x"), v); string(got) != string(want) {
			t.Fatalf("%d: %q, want %q", v, got, want)
		}
		roomy := append(make([]byte, 0, 16), 'x')
		if got := AppendSmallInt(roomy, v); string(got) != string(want) {
			t.Fatalf("%d with room: %q, want %q", v, got, want)
		}
	}
}

// TestShortestMatchesOld: the formatter writes what the one before the
// seventeen-place digit writer wrote (old_test.go), on values around
// every decimal exponent the fixed path takes and on random bits.
func TestShortestMatchesOld(t *testing.T) {
	check := func(t interface{ Fatalf(string, ...any) }, v float64) {
		for _, json := range []bool{false, true} {
			want := oldAppendShortest(nil, v, json)
			if got := appendShortest(nil, v, json); string(got) != string(want) {
				t.Fatalf("%v (%#016x) json %v: %q, want %q", v, math.Float64bits(v), json, got, want)
			}
		}
	}
	for e := -12; e <= 20; e++ {
		p := math.Pow(10, float64(e))
		for _, m := range []float64{1, 1.5, 2.0 / 3, 9.999999999999999, 0.1, 1.0 / 7} {
			v := m * p
			check(t, v)
			check(t, -v)
			check(t, math.Nextafter(v, 0))
			check(t, math.Nextafter(v, math.Inf(1)))
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		v := math.Float64frombits(rapid.Uint64().Draw(t, "bits"))
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			check(t, v)
		}
		check(t, rapid.Float64Range(-1e18, 1e18).Draw(t, "v"))
	})
}

// TestQuads8: quads8 writes the eight digits of x < 10^8 as digits8 does,
// for every entry of its table (x < 10^4, and those times 10^4) and
// random x.
func TestQuads8(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for x := range uint64(10000) {
		for _, y := range []uint64{x, x * 10000, x*10000 + 9999 - x, r.Uint64N(1e8)} {
			if got, want := quads8(y), digits8(y); got != want {
				t.Fatalf("quads8(%d) = %#x, want %#x", y, got, want)
			}
		}
	}
}
