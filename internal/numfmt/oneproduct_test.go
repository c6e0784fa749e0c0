package numfmt

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// checkOneProduct fails when shortestOneProduct decides v (a positive
// normal float64) otherwise than schubfach, and unless v is written as
// strconv writes it; it reports whether the one product decided.
func checkOneProduct(t interface {
	Helper()
	Fatalf(string, ...any)
}, v float64) bool {
	t.Helper()
	b := math.Float64bits(math.Abs(v))
	bq := int(b>>52) & 0x7ff
	if bq == 0 || bq == 0x7ff {
		return false
	}
	c := cMin | b&(cMin-1)
	q := bq + qMin - 1
	checkShortest(t, v)
	if c == cMin {
		return false
	}
	f, e, ok := shortestOneProduct(q, c)
	if !ok {
		return false
	}
	if wf, we := schubfach(q, c); f != wf || e != we {
		t.Fatalf("%v (%#016x): one product %d·10^%d, schubfach %d·10^%d", v, b, f, e, wf, we)
	}
	return true
}

// TestOneProductShifts: for every binary exponent of a normal float64,
// the shift of the significand is 6 to 9 bits (so that it stays below
// 2^62 and the power's upper bits shift right by 0 to 3), and the power
// 10^(-k-1) is in the table but for the largest exponents, which the one
// product leaves to schubfach.
func TestOneProductShifts(t *testing.T) {
	for bq := 1; bq < 0x7ff; bq++ {
		q := bq + qMin - 1
		k := flog10Pow2(q)
		K := -k - 1
		if K < pow10Min {
			if K != pow10Min-1 {
				t.Fatalf("q %d: power 10^%d", q, K)
			}
			continue
		}
		if sh := q + flog2Pow10(K) + 10; sh < 6 || sh > 9 {
			t.Fatalf("q %d: shift %d", q, sh)
		}
	}
}

// TestOneProductEveryExponent: at every binary exponent, significands
// at the ends of the range and random ones give schubfach's digits, and
// the one product decides nearly all random ones (it is a fast path, not
// a detour to schubfach).
func TestOneProductEveryExponent(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	n := 400
	if testing.Short() {
		n = 40
	}
	decided, tried := 0, 0
	for bq := 1; bq < 0x7ff; bq++ {
		for _, m := range []uint64{1, 2, 3, cMin - 2, cMin - 1} {
			checkOneProduct(t, math.Float64frombits(uint64(bq)<<52|m))
		}
		for range n {
			tried++
			if checkOneProduct(t, math.Float64frombits(uint64(bq)<<52|r.Uint64()&(cMin-1))) {
				decided++
			}
		}
	}
	if decided < tried*99/100 {
		t.Fatalf("the one product decided %d of %d random values", decided, tried)
	}
}

// TestOneProductFamilies: the values the similarity tables write, against
// schubfach and strconv: shares k/n (agreement, S), chance-corrected
// measures (po-pe)/(1-pe) of 3×3 tables of small counts (kappa, pi), and
// tau-b, (C-D)/sqrt((P-X)(P-Y)) of small counts; with their negatives,
// neighbours and decimal round numbers.
func TestOneProductFamilies(t *testing.T) {
	check := func(v float64) {
		for _, x := range []float64{v, -v, math.Nextafter(v, 2), math.Nextafter(v, -2)} {
			if x != 0 && !math.IsNaN(x) && !math.IsInf(x, 0) {
				checkOneProduct(t, x)
			}
		}
	}
	for d := 1; d <= 400; d++ {
		for k := 0; k <= d; k++ {
			check(float64(k) / float64(d))
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	for range 100_000 {
		var tab [3][3]float64
		var n, diag float64
		var rows, cols [3]float64
		for i := range 3 {
			for j := range 3 {
				c := float64(r.IntN(40))
				tab[i][j] = c
				n += c
				rows[i] += c
				cols[j] += c
			}
			diag += tab[i][i]
		}
		if n == 0 {
			continue
		}
		po, pe := diag/n, 0.0
		for i := range 3 {
			pe += rows[i] * cols[i] / (n * n)
		}
		check((po - pe) / (1 - pe))
		mp := (rows[0] + cols[0]) / (2 * n)
		check((po - mp*mp) / (1 - mp*mp))
		cd := float64(r.IntN(2000) - 1000)
		check(cd / math.Sqrt(float64(1+r.IntN(3000))*float64(1+r.IntN(3000))))
	}
	for e := -20; e <= 20; e++ {
		for m := 1; m < 1000; m++ {
			check(float64(m) * math.Pow(10, float64(e)))
		}
	}
}

// TestOneProductRapid: rapid's significands and exponents (which favour
// the ends of their ranges).
func TestOneProductRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.Uint64Range(0, cMin-1).Draw(t, "significand")
		bq := rapid.Uint64Range(1, 0x7fe).Draw(t, "exponent")
		checkOneProduct(t, math.Float64frombits(bq<<52|m))
	})
}

// FuzzOneProduct: any float64 bits.
func FuzzOneProduct(f *testing.F) {
	for _, v := range []float64{1.0 / 3, 0.1, 2.0 / 3, 0.7071067811865476, 1e23, 5e-310, math.MaxFloat64} {
		f.Add(math.Float64bits(v))
	}
	f.Fuzz(func(t *testing.T, b uint64) {
		v := math.Float64frombits(b)
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			checkOneProduct(t, v)
		}
	})
}

// BenchmarkDigits pairs the shortest-digit searches on values uniform in
// (0, 1), as kappa and tau-b mostly are: schubfach's three products and
// the one product (with its rare hand-over to schubfach).
func BenchmarkDigits(b *testing.B) {
	r := rand.New(rand.NewPCG(11, 12))
	vals := make([]uint64, 4096)
	for i := range vals {
		vals[i] = math.Float64bits(r.Float64())
	}
	var sink uint64
	b.Run("schubfach", func(b *testing.B) {
		for b.Loop() {
			for _, v := range vals {
				bq := int(v>>52) & 0x7ff
				f, _ := schubfach(bq+qMin-1, cMin|v&(cMin-1))
				sink += f
			}
		}
	})
	b.Run("oneproduct", func(b *testing.B) {
		for b.Loop() {
			for _, v := range vals {
				f, _ := shortestDigits(v)
				sink += f
			}
		}
	})
	_ = bits.Len64(sink)
}
