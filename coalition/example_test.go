package coalition_test

import (
	"fmt"
	"math/bits"

	"github.com/entente/entente/coalition"
	"github.com/entente/entente/power"
)

// gloves is the glove game: player 0 holds a left glove, players 1 and 2
// right gloves, and a coalition is worth the pairs it can make.
func gloves() *coalition.Game {
	g, err := coalition.NewFunc(3, func(s uint64) float64 {
		left := s & 1
		right := uint64(bits.OnesCount64(s >> 1))
		return float64(min(left, right))
	})
	if err != nil {
		panic(err)
	}
	return g
}

func ExampleShapley() {
	phi, err := coalition.Shapley(gloves())
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.4f\n", phi)
	// Output: [0.6667 0.1667 0.1667]
}

func ExampleCore() {
	c, err := coalition.Core(gloves())
	if err != nil {
		panic(err)
	}
	// The right gloves compete: the core gives the left holder everything.
	fmt.Printf("empty %v, ε* = %.1f, point %.1f\n", c.Empty, c.Epsilon, c.Point)
	// Output: empty false, ε* = 0.0, point [1.0 0.0 0.0]
}

func ExampleNucleolus() {
	// The example shipped with Benedek's nucleolus solver.
	v := make([]float64, 8)
	v[coalition.Mask(0)], v[coalition.Mask(1)], v[coalition.Mask(2)] = 1, 2, 5
	v[coalition.Mask(0, 1)], v[coalition.Mask(0, 2)], v[coalition.Mask(1, 2)] = 6, 7, 8
	v[coalition.Mask(0, 1, 2)] = 12
	g, err := coalition.NewTable(3, v)
	if err != nil {
		panic(err)
	}
	x, err := coalition.Nucleolus(g)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.2f\n", x)
	// Output: [2.75 3.75 5.50]
}

func ExampleNewVoting() {
	// [51; 40, 30, 20, 10]: no player can veto, so no division of the
	// unit is stable (the core is empty); the Shapley value is the
	// Shapley-Shubik index.
	rule, err := power.NewWeighted(51, []int64{40, 30, 20, 10})
	if err != nil {
		panic(err)
	}
	g, err := coalition.NewVoting(rule)
	if err != nil {
		panic(err)
	}
	phi, _ := coalition.Shapley(g)
	c, _ := coalition.Core(g)
	fmt.Printf("Shapley %.4f, core empty %v\n", phi, c.Empty)
	// Output: Shapley [0.4167 0.2500 0.2500 0.0833], core empty true
}

func ExampleMinimalWinning() {
	// EEC Council of Ministers 1958: 12 of 17 votes.
	rule, err := power.NewWeighted(12, []int64{4, 4, 4, 2, 2, 1})
	if err != nil {
		panic(err)
	}
	mwc, err := coalition.MinimalWinning(rule)
	if err != nil {
		panic(err)
	}
	for _, s := range mwc {
		fmt.Println(coalition.Members(s))
	}
	// Output:
	// [0 1 2]
	// [0 1 3 4]
	// [0 2 3 4]
	// [1 2 3 4]
}

func ExampleNewPool() {
	// Three members pool 1, 2 and 3 units; the return is the square of the
	// total over 6, so size pays and the game is convex.
	g, err := coalition.NewPool(coalition.Pool{
		Contributions: []float64{1, 2, 3},
		Return:        func(t float64) float64 { return t * t / 6 },
	})
	if err != nil {
		panic(err)
	}
	phi, _ := coalition.Shapley(g)
	ok, _ := coalition.InCore(g, phi, 1e-9)
	fmt.Printf("v(N) = %.0f, Shapley %.4f, in core %v\n", g.Value(g.Grand()), phi, ok)
	// Output: v(N) = 6, Shapley [1.0000 2.0000 3.0000], in core true
}

func ExampleOptimalStructure() {
	// Four agents; pairs {0,3} and {1,2} do best (see the tests for all
	// 15 structures).
	v := make([]float64, 16)
	set := func(x float64, players ...int) { v[coalition.Mask(players...)] = x }
	set(3, 0)
	set(2, 1)
	set(4, 2)
	set(1, 3)
	set(6, 0, 1)
	set(5, 0, 2)
	set(6, 0, 3)
	set(7, 1, 2)
	set(4, 1, 3)
	set(6, 2, 3)
	set(9, 0, 1, 2)
	set(8, 0, 1, 3)
	set(10, 0, 2, 3)
	set(9, 1, 2, 3)
	set(12, 0, 1, 2, 3)
	g, _ := coalition.NewTable(4, v)
	s, err := coalition.OptimalStructure(g)
	if err != nil {
		panic(err)
	}
	for _, c := range s.Coalitions {
		fmt.Print(coalition.Members(c), " ")
	}
	fmt.Println("worth", s.Value)
	// Output: [1 2] [0 3] worth 13
}

func ExampleSearchStructure() {
	g, _ := coalition.NewTable(12, coalition.NDCSValues(12, 1))
	exact, _ := coalition.OptimalStructure(g)
	quick, _ := coalition.SearchStructure(g, coalition.AnytimeOptions{Budget: 1000})
	full, _ := coalition.SearchStructure(g, coalition.AnytimeOptions{})
	fmt.Println("budget 1000: within bounds", quick.Value <= exact.Value && exact.Value <= quick.UpperBound)
	fmt.Println("no budget: optimal", full.Optimal, full.Value == exact.Value)
	// Output:
	// budget 1000: within bounds true
	// no budget: optimal true true
}

func ExampleShapleySample() {
	// The UN Security Council, [39; 7×5, 1×10], sampled with 20000 orders.
	w := []int64{7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	rule, _ := power.NewWeighted(39, w)
	g, _ := coalition.NewVoting(rule)
	est, err := coalition.ShapleySample(g, coalition.SampleOptions{Samples: 20000, Seed: 1})
	if err != nil {
		panic(err)
	}
	exact, _ := power.ShapleyShubik(rule)
	d := est.Value[0] - exact[0]
	fmt.Printf("bound %.4f, within %v\n", est.Bound, -est.Bound <= d && d <= est.Bound)
	// Output: bound 0.0126, within true
}
