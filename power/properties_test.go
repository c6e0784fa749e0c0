package power

import (
	"math"
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// TestNormalizedIndicesSumToOne checks every normalized index on random
// weighted, multiple-weight and minimal-winning games.
func TestNormalizedIndicesSumToOne(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var g Game
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0:
			g = genWeighted(t, 14)
		case 1:
			g = genMulti(t, 12)
		default:
			g = genMinimalWinning(t, 12)
		}
		r := analyzeT(t, g, Options{Exact: true})
		one := big.NewRat(1, 1)
		for name, xs := range map[string][]*big.Rat{
			"Banzhaf": r.Exact.Banzhaf, "Shapley-Shubik": r.Exact.ShapleyShubik,
			"Deegan-Packel": r.Exact.DeeganPackel, "Holler": r.Exact.Holler, "Johnston": r.Exact.Johnston,
		} {
			sum := new(big.Rat)
			for _, x := range xs {
				sum.Add(sum, x)
			}
			if sum.Cmp(one) != 0 {
				t.Fatalf("%s sums to %s", name, sum.RatString())
			}
		}
	})
}

func genMinimalWinning(t *rapid.T, maxN int) *MinimalWinning {
	n := rapid.IntRange(1, maxN).Draw(t, "n")
	k := rapid.IntRange(1, 6).Draw(t, "coalitions")
	var cs [][]int
	for range k {
		cs = append(cs, rapid.SliceOfNDistinct(rapid.IntRange(0, n-1), 1, n, func(x int) int { return x }).Draw(t, "c"))
	}
	g, err := NewMinimalWinning(n, cs)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestSymmetryDummiesScaling checks on large-ish weighted games (exact DP
// only): equal weights get equal power in every index, a dummy gets zero in
// every index, and multiplying all weights and the quota by a factor changes
// nothing.
func TestSymmetryDummiesScaling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		w := rapid.SliceOfN(rapid.Int64Range(0, 12), n, n).Draw(t, "w")
		w[0]++
		var total int64
		for _, x := range w {
			total += x
		}
		q := rapid.Int64Range(1, total).Draw(t, "q")
		g := &Weighted{}
		*g = *mustWeightedT(t, q, w)
		r := analyzeT(t, g, Options{Exact: true})
		all := [][]*big.Rat{r.Exact.Banzhaf, r.Exact.Penrose, r.Exact.ShapleyShubik, r.Exact.DeeganPackel,
			r.Exact.Holler, r.Exact.Johnston, r.Exact.Prevent, r.Exact.Initiate}
		for i := range n {
			for j := range n {
				if w[i] != w[j] {
					continue
				}
				for k, xs := range all {
					if xs[i].Cmp(xs[j]) != 0 {
						t.Fatalf("index %d: players %d and %d of weight %d differ: %s vs %s", k, i, j, w[i], xs[i], xs[j])
					}
				}
			}
		}
		for _, d := range r.Dummies {
			for k, xs := range all {
				if xs[d].Sign() != 0 {
					t.Fatalf("index %d: dummy %d has power %s", k, d, xs[d])
				}
			}
		}
		f := rapid.Int64Range(2, 1000).Draw(t, "factor")
		scaled := make([]int64, n)
		for i := range w {
			scaled[i] = w[i] * f
		}
		r2 := analyzeT(t, mustWeightedT(t, q*f, scaled), Options{Exact: true})
		compareExact(t, r, r2, AllIndices)
	})
}

func mustWeightedT(t *rapid.T, q int64, w []int64) *Weighted {
	g, err := NewWeighted(q, w)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestMonteCarloReproducibleAndWithinBound checks that a fixed seed gives the
// same estimate twice and that every estimate lies within the reported
// Hoeffding bound of the exact value (the bound is computed at confidence
// 1-1e-9, so a failure would mean a wrong bound or a biased sampler).
func TestMonteCarloReproducibleAndWithinBound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var g Game
		if rapid.Bool().Draw(t, "multi") {
			g = genMulti(t, 12)
		} else {
			g = genWeighted(t, 14)
		}
		mc := &MCOptions{Samples: 4000, Seed: rapid.Uint64().Draw(t, "seed"), Confidence: 1 - 1e-9}
		a := analyzeT(t, g, Options{MonteCarlo: mc})
		b := analyzeT(t, g, Options{MonteCarlo: mc})
		exact := analyzeT(t, g, Options{})
		for i := range g.N() {
			if a.Penrose[i] != b.Penrose[i] || a.ShapleyShubik[i] != b.ShapleyShubik[i] {
				t.Fatalf("player %d: same seed, different estimates", i)
			}
			bound := a.MonteCarlo.Bound
			if d := math.Abs(a.Penrose[i] - exact.Penrose[i]); d > bound {
				t.Fatalf("player %d Penrose off by %g > bound %g", i, d, bound)
			}
			if d := math.Abs(a.ShapleyShubik[i] - exact.ShapleyShubik[i]); d > bound {
				t.Fatalf("player %d Shapley-Shubik off by %g > bound %g", i, d, bound)
			}
		}
	})
}

// TestMonteCarloLargeGame runs the sampler where exact Shapley-Shubik is
// cheap enough to compare: the electoral college, 20000 samples.
func TestMonteCarloLargeGame(t *testing.T) {
	g := mustWeighted(t, 270, electoralCollege2020)
	exact, err := Analyze(g, Options{Indices: BanzhafIndex | ShapleyShubikIndex})
	if err != nil {
		t.Fatal(err)
	}
	est, err := Analyze(g, Options{MonteCarlo: &MCOptions{Samples: 20000, Seed: 7}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range g.N() {
		for _, p := range [][2]float64{{est.Penrose[i], exact.Penrose[i]}, {est.ShapleyShubik[i], exact.ShapleyShubik[i]}} {
			if math.Abs(p[0]-p[1]) > est.MonteCarlo.Bound {
				t.Fatalf("player %d: estimate %g, exact %g, bound %g", i, p[0], p[1], est.MonteCarlo.Bound)
			}
		}
	}
	if est.DeeganPackel != nil || est.Swings != nil || est.Dummies != nil {
		t.Fatal("Monte Carlo must not report values it does not estimate")
	}
}

// TestFloatAccuracy checks the float64 results against the exact fractions
// on the IMF-size game (exact arithmetic underneath, so only rounding).
func TestFloatAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("IMF-size game")
	}
	g := imfLike(t, 85)
	r, err := Analyze(g, Options{Indices: BanzhafIndex | ColemanIndices, Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range r.Exact.Banzhaf {
		f, _ := x.Float64()
		if f != r.Banzhaf[i] || f <= 0 {
			t.Fatalf("player %d: %g vs %g", i, f, r.Banzhaf[i])
		}
	}
}
