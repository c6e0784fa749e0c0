package power

import (
	"math"
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// TestGCD64 checks the binary gcd against math/big's.
func TestGCD64(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := rapid.OneOf(rapid.Uint64(), rapid.Uint64Range(0, 1000),
			rapid.Map(rapid.IntRange(0, 63), func(k int) uint64 { return 1 << k }))
		a, b := gen.Draw(t, "a"), gen.Draw(t, "b")
		want := new(big.Int).GCD(nil, nil, new(big.Int).SetUint64(a), new(big.Int).SetUint64(b))
		if got := gcd64(a, b); got != want.Uint64() {
			t.Fatalf("gcd64(%d, %d) = %d, want %s", a, b, got, want)
		}
	})
}

// TestWordRatsLowestTerms: the word fractions hold exactly the numerator
// and denominator big.Rat's SetFrac reduces to, and their floats are
// Float64's.
func TestWordRatsLowestTerms(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "n")
		num := rapid.SliceOfN(rapid.OneOf(rapid.Uint64(), rapid.Uint64Range(0, 100)), n, n).Draw(t, "num")
		den := rapid.SliceOfN(rapid.OneOf(rapid.Uint64(), rapid.Uint64Range(0, 100)), n, n).Draw(t, "den")
		d := func(i int) uint64 { return den[i] }
		xs := make([]*big.Int, n)
		for i, x := range num {
			xs[i] = new(big.Int).SetUint64(x)
		}
		rats, fl := wordRats(xs, d, nil), wordFloats(xs, d, nil)
		for i := range n {
			want := safeFrac(new(big.Int).SetUint64(num[i]), new(big.Int).SetUint64(den[i]))
			sameTerms(t, "fraction", rats[i], want)
			if f, _ := want.Float64(); math.Float64bits(f) != math.Float64bits(fl[i]) {
				t.Fatalf("%d/%d: float %v, want %v", num[i], den[i], fl[i], f)
			}
		}
	})
}

// sameTerms fails unless a and b store the same numerator and denominator
// (so a is in lowest terms when b is).
func sameTerms(t *rapid.T, what string, a, b *big.Rat) {
	if a.Num().Cmp(b.Num()) != 0 || a.Denom().Cmp(b.Denom()) != 0 {
		t.Fatalf("%s: %s, want %s", what, a, b)
	}
}

// TestWordFinishMatchesBig: the same tallies of random games under 64
// players finished with machine-word fractions and with big.Rat
// fractions (the old path) give identical exact fractions, term for term,
// and bit-identical floats, for every index, with and without Options.Exact.
func TestWordFinishMatchesBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, idx := genSmallGame(t, 63, 40, JohnstonIndex)
		tl, _, err := computeTally(g, Options{Indices: idx})
		if err != nil {
			t.Fatal(err)
		}
		old := *tl
		old.generic = true
		for _, exact := range []bool{false, true} {
			got, want := finish(tl, idx, exact), finish(&old, idx, exact)
			sameFloats(t, got, want)
			if !exact {
				continue
			}
			for _, c := range []struct {
				name      string
				got, want []*big.Rat
			}{
				{"banzhaf", got.Exact.Banzhaf, want.Exact.Banzhaf}, {"penrose", got.Exact.Penrose, want.Exact.Penrose},
				{"holler", got.Exact.Holler, want.Exact.Holler},
				{"prevent", got.Exact.Prevent, want.Exact.Prevent}, {"initiate", got.Exact.Initiate, want.Exact.Initiate},
			} {
				if len(c.got) != len(c.want) {
					t.Fatalf("%s: %d fractions, want %d", c.name, len(c.got), len(c.want))
				}
				for i := range c.got {
					sameTerms(t, c.name, c.got[i], c.want[i])
				}
			}
			if (got.Exact.Collectivity == nil) != (want.Exact.Collectivity == nil) {
				t.Fatalf("collectivity %v, want %v", got.Exact.Collectivity, want.Exact.Collectivity)
			}
			if want.Exact.Collectivity != nil {
				sameTerms(t, "collectivity", got.Exact.Collectivity, want.Exact.Collectivity)
			}
		}
	})
}

// sameFloats fails unless every float64 index of a and b is bit-identical.
func sameFloats(t *rapid.T, a, b *Result) {
	for _, c := range []struct {
		name      string
		got, want []float64
	}{
		{"banzhaf", a.Banzhaf, b.Banzhaf}, {"penrose", a.Penrose, b.Penrose},
		{"shapley-shubik", a.ShapleyShubik, b.ShapleyShubik}, {"deegan-packel", a.DeeganPackel, b.DeeganPackel},
		{"holler", a.Holler, b.Holler}, {"johnston", a.Johnston, b.Johnston},
		{"prevent", a.Coleman.Prevent, b.Coleman.Prevent}, {"initiate", a.Coleman.Initiate, b.Coleman.Initiate},
		{"collectivity", []float64{a.Coleman.Collectivity}, []float64{b.Coleman.Collectivity}},
	} {
		if len(c.got) != len(c.want) {
			t.Fatalf("%s: %d values, want %d", c.name, len(c.got), len(c.want))
		}
		for i := range c.got {
			if math.Float64bits(c.got[i]) != math.Float64bits(c.want[i]) {
				t.Fatalf("%s[%d] = %v, want %v", c.name, i, c.got[i], c.want[i])
			}
		}
	}
}

// TestSameWeight: each player maps to the first player of its weight, on
// the hashed path (up to 64 players) and the map path, with few distinct
// weights and with arbitrary ones.
func TestSameWeight(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 80).Draw(t, "n")
		gen := rapid.OneOf(rapid.Int64Range(0, 5), rapid.Int64Range(0, math.MaxInt64/4),
			rapid.Map(rapid.IntRange(0, 61), func(k int) int64 { return 1 << k }))
		w := rapid.SliceOfN(gen, n, n).Draw(t, "w")
		got := sameWeight(w)
		for i, x := range w {
			want := i
			for j := range i {
				if w[j] == x {
					want = j
					break
				}
			}
			if got[i] != want {
				t.Fatalf("player %d (weight %d): first of its weight %d, want %d", i, x, got[i], want)
			}
		}
	})
}
