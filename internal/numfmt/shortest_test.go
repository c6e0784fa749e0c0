package numfmt

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

// checkShortest fails unless appendShortest writes v exactly as
// strconv.AppendFloat does in both forms ('f' and 'g', shortest), with
// and without room in the buffer.
func checkShortest(t interface {
	Helper()
	Fatalf(string, ...any)
}, v float64) {
	t.Helper()
	for _, c := range []struct {
		json bool
		fmt  byte
	}{{false, 'f'}, {true, 'g'}} {
		want := strconv.AppendFloat([]byte("x"), v, c.fmt, -1, 64)
		if got := appendShortest([]byte("x"), v, c.json); string(got) != string(want) {
			t.Fatalf("%v (%#016x) %c: %q, want %q", v, math.Float64bits(v), c.fmt, got, want)
		}
		if got := appendShortest(make([]byte, 0, 64), v, c.json); string(got) != string(want[1:]) {
			t.Fatalf("%v (%#016x) %c with room: %q, want %q", v, math.Float64bits(v), c.fmt, got, want[1:])
		}
		if c.json {
			continue
		}
		// AppendCSV's own way in.
		if got := AppendCSV([]byte("x"), v); string(got) != string(want) {
			t.Fatalf("AppendCSV %v (%#016x): %q, want %q", v, math.Float64bits(v), got, want)
		}
	}
}

// TestShortestAdversarial: the values where shortest-digit searches go
// wrong, against strconv in both forms: every power of two (the
// asymmetric interval) and its neighbours, every power of ten and its
// neighbours, integers about 2^53, the normal and subnormal limits, and
// values read from random decimals of 1 to 17 digits at every decimal
// exponent (shortest forms of every length, and halfway cases between
// them).
func TestShortestAdversarial(t *testing.T) {
	near := func(v float64) {
		for _, s := range []float64{1, -1} {
			x := s * v
			for _, y := range []float64{x, math.Nextafter(x, math.Inf(1)), math.Nextafter(x, math.Inf(-1))} {
				if !math.IsInf(y, 0) {
					checkShortest(t, y)
				}
			}
		}
	}
	for e := -1074; e <= 1023; e++ {
		near(math.Ldexp(1, e))
		near(math.Ldexp(3, e-1)) // 1.5·2^e
	}
	for e := -323; e <= 308; e++ {
		v, err := strconv.ParseFloat("1e"+strconv.Itoa(e), 64)
		if err != nil {
			t.Fatal(err)
		}
		near(v)
		near(5 * v)
	}
	for k := -1000; k <= 1000; k++ {
		near(float64(1<<53 + int64(k)))
		near(float64(1<<52 + int64(k)))
		near(float64(1<<54 + int64(k)))
	}
	for _, v := range []float64{0, math.Copysign(0, -1), math.MaxFloat64, math.SmallestNonzeroFloat64,
		0x1p-1022, 0x1p-1022 - 0x1p-1074, 5e-324, 1e-323, 1.5e-323, 2.225073858507201e-308,
		1e21, 1e22, 1e23, 9007199254740993, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 123456.7, 999999.9999999999,
		1e6, 999999, 1e-4, 1e-5, 0.000123, 0.00001234} {
		near(v)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		nd := 1 + r.IntN(17)
		mant := r.Uint64N(uint64(math.Pow10(nd)))
		e := r.IntN(330+308) - 330
		s := strconv.FormatUint(mant, 10) + "e" + strconv.Itoa(e)
		if r.IntN(4) == 0 {
			s = strconv.FormatUint(mant, 10) + "5e" + strconv.Itoa(e-1) // halfway at one digit more
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil && !math.IsInf(v, 0) {
			t.Fatal(err)
		}
		if !math.IsInf(v, 0) {
			near(v)
		}
	}
}

// TestShortestRandomBits: arbitrary finite bit patterns and uniform
// values in (-1, 1), against strconv.
func TestShortestRandomBits(t *testing.T) {
	n := 500_000
	if testing.Short() {
		n = 50_000
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range n {
		v := math.Float64frombits(r.Uint64())
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		checkShortest(t, v)
		checkShortest(t, r.Float64()*2-1)
	}
}

// TestShortestRapid: rapid's floats (which favour edge cases) and bit
// patterns.
func TestShortestRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.OneOf(rapid.Float64(), rapid.Map(rapid.Uint64(), math.Float64frombits)).Draw(t, "v")
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		checkShortest(t, v)
	})
}

// FuzzShortest: any finite float64, as strconv writes it.
func FuzzShortest(f *testing.F) {
	for _, v := range []float64{0, 1, 0.1, 1.0 / 3, 5e-324, math.MaxFloat64, 0x1p-1022, 1e23, 9007199254740993} {
		f.Add(math.Float64bits(v))
	}
	f.Fuzz(func(t *testing.T, b uint64) {
		v := math.Float64frombits(b)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		checkShortest(t, v)
	})
}

// TestPow10Table recomputes every entry of pow10Tab exactly: g =
// floor(10^K · 2^(125-r)) + 1 with r = floor(K·log2 10), and checks
// 2^125 ≤ g < 2^126.
func TestPow10Table(t *testing.T) {
	lo, hi := new(big.Int).Lsh(big.NewInt(1), 125), new(big.Int).Lsh(big.NewInt(1), 126)
	for k := pow10Min; k <= pow10Max; k++ {
		x := pow10Rat(k)
		x.Mul(x, pow2Rat(125-flog2Pow10(k)))
		g := new(big.Int).Quo(x.Num(), x.Denom())
		g.Add(g, big.NewInt(1))
		if g.Cmp(lo) < 0 || g.Cmp(hi) >= 0 {
			t.Fatalf("10^%d: g out of [2^125, 2^126)", k)
		}
		e := pow10Tab[k-pow10Min]
		got := new(big.Int).Lsh(new(big.Int).SetUint64(e[0]), 63)
		got.Or(got, new(big.Int).SetUint64(e[1]))
		if e[1]>>63 != 0 || got.Cmp(g) != 0 {
			t.Fatalf("10^%d: table %#x %#x, want %#x", k, e[0], e[1], g)
		}
	}
}

// TestFloorLogs checks the fixed-point logarithms against exact
// comparisons of powers over the ranges they are used on.
func TestFloorLogs(t *testing.T) {
	for q := -1100; q <= 1100; q++ {
		// floor(q·log10 2): the largest k with 10^k ≤ 2^q.
		if k := flog10Pow2(q); pow10Rat(k).Cmp(pow2Rat(q)) > 0 || pow10Rat(k+1).Cmp(pow2Rat(q)) <= 0 {
			t.Fatalf("flog10Pow2(%d) = %d", q, k)
		}
		// floor(log10(3/4·2^q)).
		v := new(big.Rat).Mul(big.NewRat(3, 4), pow2Rat(q))
		if k := flog10ThreeQuartersPow2(q); pow10Rat(k).Cmp(v) > 0 || pow10Rat(k+1).Cmp(v) <= 0 {
			t.Fatalf("flog10ThreeQuartersPow2(%d) = %d", q, k)
		}
	}
	for e := -400; e <= 400; e++ {
		if r := flog2Pow10(e); pow2Rat(r).Cmp(pow10Rat(e)) > 0 || pow2Rat(r+1).Cmp(pow10Rat(e)) <= 0 {
			t.Fatalf("flog2Pow10(%d) = %d", e, r)
		}
	}
}

func pow10Rat(k int) *big.Rat {
	x := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(k, -k))), nil))
	if k < 0 {
		x.Inv(x)
	}
	return x
}

func pow2Rat(k int) *big.Rat {
	x := new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), uint(max(k, -k))))
	if k < 0 {
		x.Inv(x)
	}
	return x
}

// TestDigits8 and TestDecimalLen check the digit helpers against strconv
// on every boundary and random values.
func TestDigits8(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	check := func(x uint64) {
		var b [8]byte
		for i, w := 0, digits8(x); i < 8; i++ {
			b[i] = byte(w >> (8 * i))
		}
		if want := strconv.FormatUint(x+1e8, 10)[1:]; string(b[:]) != want {
			t.Fatalf("digits8(%d) = %q, want %q", x, b[:], want)
		}
	}
	for x := uint64(0); x < 100_000; x++ {
		check(x)
		check(1e8 - 1 - x)
		check(r.Uint64N(1e8))
	}
	for x := uint64(1); x < 1e8; x *= 10 {
		check(x)
		check(x - 1)
	}
}

func TestDecimalLen(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 64; i++ {
		for _, f := range []uint64{1 << i, 1<<i - 1, 1<<i + 1, r.Uint64N(1<<i) + 1} {
			if f == 0 || f >= 1e19 {
				continue
			}
			if got, want := decimalLen(f), len(strconv.FormatUint(f, 10)); got != want {
				t.Fatalf("decimalLen(%d) = %d, want %d", f, got, want)
			}
		}
	}
	for _, p := range pow10u64[1:] {
		for _, f := range []uint64{p - 1, p, p + 1} {
			if got, want := decimalLen(f), len(strconv.FormatUint(f, 10)); got != want {
				t.Fatalf("decimalLen(%d) = %d, want %d", f, got, want)
			}
		}
	}
}
