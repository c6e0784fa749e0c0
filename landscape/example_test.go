package landscape_test

import (
	"fmt"

	"github.com/entente/entente/landscape"
)

func ExampleSystem_Exhaustive() {
	// Three equal actors who all dislike each other: no alignment satisfies
	// everyone, and each of the three splits is a local minimum.
	p := [][]float64{
		{0, -1, -1},
		{-1, 0, -1},
		{-1, -1, 0},
	}
	sys, err := landscape.NewSystem([]float64{1, 1, 1}, p)
	if err != nil {
		panic(err)
	}
	res, err := sys.Exhaustive(landscape.Options{})
	if err != nil {
		panic(err)
	}
	for _, m := range res.Minima {
		fmt.Printf("%s E=%g basin=%g of %d\n", m.Config.Format(3), m.Energy, m.Basin, res.Configurations)
	}
	// Output:
	// ABA E=-4 basin=1 of 4
	// AAB E=-4 basin=1 of 4
	// ABB E=-4 basin=2 of 4
}

func ExampleSystem_Search() {
	// Two camps of four that attract within and repel across: local search
	// finds the split from any seed.
	n := 8
	p := make([][]float64, n)
	for i := range p {
		p[i] = make([]float64, n)
		for j := range p[i] {
			if i != j {
				p[i][j] = -1
				if i < 4 == (j < 4) {
					p[i][j] = 1
				}
			}
		}
	}
	sizes := []float64{1, 1, 1, 1, 1, 1, 1, 1}
	sys, _ := landscape.NewSystem(sizes, p)
	res, _ := sys.Search(landscape.Options{Restarts: 100, Seed: 1})
	a, b := res.Global().Config.Blocs(n)
	fmt.Println(a, b, res.Global().Energy)
	// Output: [0 1 2 3] [4 5 6 7] -32
}

func ExamplePortfolioS() {
	// Alliance ties of three states to the same three states (each allied
	// to itself): 0 and 1 are allied, 2 is alone.
	ties := [][]float64{{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}
	s, _ := landscape.PortfolioS(ties)
	p, _ := landscape.Centered(s)
	fmt.Printf("S: %.3f %.3f\np: %.3f %.3f\n", s[0][1], s[0][2], p[0][1], p[0][2])
	// Output:
	// S: 1.000 -1.000
	// p: 1.333 -0.667
}
