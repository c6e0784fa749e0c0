package power_test

import (
	"fmt"
	"strings"

	"github.com/entente/entente/power"
)

// The UN Security Council since 1966: five permanent members with a veto and
// ten elected members; nine votes including all five permanent ones pass a
// resolution, which is the weighted game [39; 7,7,7,7,7,1,...,1].
func unsc() *power.Weighted {
	w := []int64{7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	g, err := power.NewWeighted(39, w)
	if err != nil {
		panic(err)
	}
	return g
}

func ExampleShapleyShubik() {
	ss, err := power.ShapleyShubik(unsc())
	if err != nil {
		panic(err)
	}
	fmt.Printf("permanent %.6f, elected %.6f\n", ss[0], ss[5])
	// Output: permanent 0.196270, elected 0.001865
}

func ExampleBanzhaf() {
	bz, err := power.Banzhaf(unsc())
	if err != nil {
		panic(err)
	}
	fmt.Printf("permanent %.6f, elected %.6f\n", bz[0], bz[5])
	// Output: permanent 0.166929, elected 0.016535
}

func ExampleAnalyze() {
	// EEC Council of Ministers 1958: France, Germany, Italy, Belgium, the
	// Netherlands, Luxembourg; 12 of 17 votes.
	g, _ := power.NewWeighted(12, []int64{4, 4, 4, 2, 2, 1})
	r, err := power.Analyze(g, power.Options{Exact: true})
	if err != nil {
		panic(err)
	}
	fmt.Println("swings:", r.Swings)
	fmt.Println("Shapley-Shubik:", r.Exact.ShapleyShubik)
	fmt.Println("dummies:", r.Dummies, "vetoes:", r.Vetoes)
	fmt.Println("winning:", r.Winning, "minimal winning:", r.MinimalWinning)
	// Output:
	// swings: [10 10 10 6 6 0]
	// Shapley-Shubik: [7/30 7/30 7/30 3/20 3/20 0/1]
	// dummies: [5] vetoes: []
	// winning: 14 minimal winning: 4
}

func ExampleNewMultiWeighted() {
	// Three players: a coalition needs 2 of 3 members and 60 of 100 weight.
	g, _ := power.NewMultiWeighted([]power.Layer{
		{Quota: 2, Weights: []int64{1, 1, 1}},
		{Quota: 60, Weights: []int64{50, 30, 20}},
	}, 0)
	r, _ := power.Analyze(g, power.Options{Exact: true, Indices: power.BanzhafIndex})
	fmt.Println(r.Exact.Banzhaf)
	// Output: [3/5 1/5 1/5]
}

func ExampleEUCouncil() {
	// A toy Union of 15 members with populations 1..15 (millions): the
	// Lisbon rule needs 15 members here, so only unanimity wins, unless
	// fewer than 4 members are against (then it is deemed attained).
	pop := make([]int64, 15)
	for i := range pop {
		pop[i] = int64(i + 1)
	}
	g, _ := power.EUCouncil(pop)
	r, _ := power.Analyze(g, power.Options{Indices: power.ShapleyShubikIndex, Exact: true})
	fmt.Println(r.Exact.ShapleyShubik[0], r.Method)
	// Output: 1/15 dp
}

func ExampleNewMinimalWinning() {
	// A veto player 0 who needs one of players 1 and 2.
	g, _ := power.NewMinimalWinning(3, [][]int{{0, 1}, {0, 2}})
	r, _ := power.Analyze(g, power.Options{Exact: true, Indices: power.DeeganPackelIndex | power.HollerIndex})
	fmt.Println(r.Exact.DeeganPackel, r.Exact.Holler, r.Vetoes)
	// Output: [1/2 1/4 1/4] [1/2 1/4 1/4] [0]
}

func ExampleAnalyze_monteCarlo() {
	g, _ := power.NewWeighted(12, []int64{4, 4, 4, 2, 2, 1})
	r, _ := power.Analyze(g, power.Options{MonteCarlo: &power.MCOptions{Samples: 100000, Seed: 1}})
	fmt.Printf("Luxembourg %.3f, bound %.4f at %.0f%%\n", r.ShapleyShubik[5], r.MonteCarlo.Bound, 100*r.MonteCarlo.Confidence)
	// Output: Luxembourg 0.000, bound 0.0056 at 95%
}

func ExampleParseCSV() {
	in := "name,votes\nFrance,4\nGermany,4\nItaly,4\nBelgium,2\nNetherlands,2\nLuxembourg,1\n"
	tab, err := power.ParseCSV(strings.NewReader(in))
	if err != nil {
		panic(err)
	}
	g, err := tab.Weighted(0, "70%") // at least 70% of 17 votes: 12
	if err != nil {
		panic(err)
	}
	fmt.Println(tab.Names[5], g)
	// Output: Luxembourg [12; 4,4,4,2,2,1]
}

func ExampleParseDecimal() {
	w, scale, _ := power.ParseDecimal("12.5", "3.25")
	fmt.Println(w, scale)
	_, _, err := power.ParseDecimal("1", "-2")
	fmt.Println(err)
	// Output:
	// [1250 325] 100
	// power: value 2: negative value ("-2")
}
