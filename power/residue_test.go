package power

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// TestResiduesMatchEnumeration checks the residue passes (32- and 64-bit,
// forced on small games) against enumeration of all coalitions.
func TestResiduesMatchEnumeration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genWeighted(t, 14)
		idx := Index(rapid.IntRange(1, int(AllIndices)).Draw(t, "indices")) | ShapleyShubikIndex
		bytes := rapid.SampledFrom([]int{4, 8}).Draw(t, "bytes")
		want := analyzeT(t, g, Options{Exact: true, Method: MethodEnumeration})
		got := analyzeT(t, g, Options{Exact: true, Method: MethodDP, Indices: idx, residues: bytes})
		compareExact(t, got, want, idx)
	})
}

// TestResiduesMultiWeighted checks the residue passes on size-dependent
// quotas (member counts and blocking minorities).
func TestResiduesMultiWeighted(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genMulti(t, 12)
		if _, ok := multiThreshold(g); !ok {
			t.Skip("not a threshold game")
		}
		idx := BanzhafIndex | ShapleyShubikIndex | ColemanIndices
		want := analyzeT(t, g, Options{Exact: true, Method: MethodEnumeration})
		got := analyzeT(t, g, Options{Exact: true, Method: MethodDP, Indices: idx, residues: 4})
		compareExact(t, got, want, idx)
	})
}

// TestResiduesManyPlayers checks the residue passes against the multi-limb
// tables where counts need several words (60 to 140 players), which makes
// the Chinese remainder reconstruction use four to six primes.
func TestResiduesManyPlayers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(60, 140).Draw(t, "n")
		w := rapid.SliceOfN(rapid.Int64Range(0, 6), n, n).Draw(t, "w")
		w[0]++
		var total int64
		for _, x := range w {
			total += x
		}
		g := mustWeightedT(t, rapid.Int64Range(1, total).Draw(t, "q"), w)
		idx := BanzhafIndex | ShapleyShubikIndex | ColemanIndices | DeeganPackelIndex | HollerIndex
		want := analyzeT(t, g, Options{Exact: true, Indices: idx})
		got := analyzeT(t, g, Options{Exact: true, Indices: idx, residues: rapid.SampledFrom([]int{4, 8}).Draw(t, "bytes")})
		compareExact(t, got, want, idx)
	})
}

// TestCRT checks the reconstruction on random values below the product.
func TestCRT(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bits := rapid.SampledFrom([]uint{31, 63}).Draw(t, "bits")
		k := rapid.IntRange(1, 6).Draw(t, "k")
		c := newCRT(primesBelow(bits, k))
		limbs := rapid.SliceOfN(rapid.Uint64(), k, k).Draw(t, "x")
		x := new(big.Int).Mod(natBig(limbs), c.product())
		r := make([]uint64, k)
		for j, p := range c.mods {
			r[j] = residueOf(x, p)
		}
		if got := c.value(r); got.Cmp(x) != 0 {
			t.Fatalf("crt(%v) = %s, want %s", r, got, x)
		}
	})
}

// TestPrimesBelow pins the largest primes below 2^31 and 2^63.
func TestPrimesBelow(t *testing.T) {
	if p := primesBelow(31, 2); p[0] != 2147483647 || p[1] != 2147483629 {
		t.Fatalf("primes below 2^31: %v", p)
	}
	if p := primesBelow(63, 1); p[0] != 9223372036854775783 {
		t.Fatalf("prime below 2^63: %v", p)
	}
}
