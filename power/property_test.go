package power

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// genWeighted draws a weighted game of up to maxN players; small weights make
// ties, dummies and vetoes frequent, large ones make them rare.
func genWeighted(t *rapid.T, maxN int) *Weighted {
	n := rapid.IntRange(1, maxN).Draw(t, "n")
	wmax := rapid.SampledFrom([]int64{1, 3, 10, 100, 5000}).Draw(t, "wmax")
	w := rapid.SliceOfN(rapid.Int64Range(0, wmax), n, n).Draw(t, "w")
	var total int64
	for _, x := range w {
		total += x
	}
	if total == 0 {
		w[0] = 1
		total = 1
	}
	q := rapid.Int64Range(1, total).Draw(t, "q")
	g, err := NewWeighted(q, w)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// genSmallWeights draws a weighted game of 1 to maxN players with small
// weights (at most 1, 3, 10 or 60, so that many players tie), the first
// positive, and any possible quota.
func genSmallWeights(t *rapid.T, maxN int) *Weighted {
	n := rapid.IntRange(1, maxN).Draw(t, "n")
	wmax := rapid.SampledFrom([]int64{1, 3, 10, 60}).Draw(t, "wmax")
	w := rapid.SliceOfN(rapid.Int64Range(0, wmax), n, n).Draw(t, "w")
	w[0]++
	var total int64
	for _, x := range w {
		total += x
	}
	return mustWeightedT(t, rapid.Int64Range(1, total).Draw(t, "q"), w)
}

// genSmallGame draws a game as genSmallWeights and a set of indices
// without the slow ones above slowN players.
func genSmallGame(t *rapid.T, maxN, slowN int, slow Index) (*Weighted, Index) {
	g := genSmallWeights(t, maxN)
	idx := Index(rapid.IntRange(1, int(AllIndices)).Draw(t, "indices"))
	if g.N() > slowN {
		idx &^= slow // keeps the test fast
	}
	if idx == 0 {
		idx = BanzhafIndex
	}
	return g, idx
}

// genMulti draws a multiple-weight game: sometimes of the threshold form
// (one weighted layer plus member counts and a blocking clause), sometimes
// with several weighted layers.
func genMulti(t *rapid.T, maxN int) *MultiWeighted {
	n := rapid.IntRange(1, maxN).Draw(t, "n")
	nl := rapid.IntRange(1, 3).Draw(t, "layers")
	var layers []Layer
	for l := range nl {
		var w []int64
		if rapid.Bool().Draw(t, "uniform") {
			w = ones(rapid.Int64Range(1, 3).Draw(t, "c"), n)
		} else {
			w = rapid.SliceOfN(rapid.Int64Range(0, 50), n, n).Draw(t, "w")
		}
		var total int64
		for _, x := range w {
			total += x
		}
		if total == 0 {
			w[0], total = 1, 1
		}
		_ = l
		layers = append(layers, Layer{Quota: rapid.Int64Range(1, total).Draw(t, "q"), Weights: w})
	}
	g, err := NewMultiWeighted(layers, rapid.IntRange(0, n).Draw(t, "blockers"))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func sameRats(t *rapid.T, what string, a, b []*big.Rat) {
	if len(a) != len(b) {
		t.Fatalf("%s: lengths %d and %d", what, len(a), len(b))
	}
	for i := range a {
		if a[i].Cmp(b[i]) != 0 {
			t.Fatalf("%s[%d]: %s vs %s", what, i, a[i].RatString(), b[i].RatString())
		}
	}
}

func sameInts(t *rapid.T, what string, a, b []*big.Int) {
	if len(a) != len(b) {
		t.Fatalf("%s: lengths %d and %d", what, len(a), len(b))
	}
	for i := range a {
		if a[i].Cmp(b[i]) != 0 {
			t.Fatalf("%s[%d]: %s vs %s", what, i, a[i], b[i])
		}
	}
}

// compareExact checks that two results agree on every exact value.
func compareExact(t *rapid.T, a, b *Result, idx Index) {
	if idx&BanzhafIndex != 0 {
		sameInts(t, "swings", a.Swings, b.Swings)
		sameRats(t, "Banzhaf", a.Exact.Banzhaf, b.Exact.Banzhaf)
		sameRats(t, "Penrose", a.Exact.Penrose, b.Exact.Penrose)
	}
	if idx&ShapleyShubikIndex != 0 {
		sameRats(t, "Shapley-Shubik", a.Exact.ShapleyShubik, b.Exact.ShapleyShubik)
	}
	if idx&DeeganPackelIndex != 0 {
		sameRats(t, "Deegan-Packel", a.Exact.DeeganPackel, b.Exact.DeeganPackel)
		if a.MinimalWinning.Cmp(b.MinimalWinning) != 0 {
			t.Fatalf("minimal winning %s vs %s", a.MinimalWinning, b.MinimalWinning)
		}
	}
	if idx&HollerIndex != 0 {
		sameRats(t, "Holler", a.Exact.Holler, b.Exact.Holler)
	}
	if idx&JohnstonIndex != 0 {
		sameRats(t, "Johnston", a.Exact.Johnston, b.Exact.Johnston)
	}
	if idx&ColemanIndices != 0 {
		if a.Winning.Cmp(b.Winning) != 0 {
			t.Fatalf("winning %s vs %s", a.Winning, b.Winning)
		}
		sameRats(t, "Coleman prevent", a.Exact.Prevent, b.Exact.Prevent)
		sameRats(t, "Coleman initiate", a.Exact.Initiate, b.Exact.Initiate)
	}
}

func analyzeT(t *rapid.T, g Game, o Options) *Result {
	r, err := Analyze(g, o)
	if err != nil {
		t.Fatalf("%s: %v", o.Method, err)
	}
	return r
}

func TestWeightedDPMatchesEnumeration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genWeighted(t, 16)
		idx := Index(rapid.IntRange(1, int(AllIndices)).Draw(t, "indices"))
		want := analyzeT(t, g, Options{Exact: true, Method: MethodEnumeration})
		got := analyzeT(t, g, Options{Exact: true, Method: MethodDP, Indices: idx})
		compareExact(t, got, want, idx)
		mi := idx &^ (mwcIndices | JohnstonIndex)
		if mi != 0 {
			got = analyzeT(t, g, Options{Exact: true, Method: MethodMeetInMiddle, Indices: mi})
			compareExact(t, got, want, mi)
		}
	})
}

func TestMultiWeightedMatchesEnumeration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genMulti(t, 14)
		want := analyzeT(t, g, Options{Exact: true, Method: MethodEnumeration})
		got := analyzeT(t, g, Options{Exact: true})
		compareExact(t, got, want, AllIndices)
		if _, ok := multiThreshold(g); ok {
			idx := BanzhafIndex | ShapleyShubikIndex | ColemanIndices
			for _, m := range []Method{MethodDP, MethodMeetInMiddle} {
				got = analyzeT(t, g, Options{Exact: true, Method: m, Indices: idx})
				compareExact(t, got, want, idx)
			}
		}
	})
}
