package allnet_test

import (
	"fmt"
	"math"

	"github.com/entente/entente/allnet"
)

// coldWar is a toy 1955: NATO's core, three US bilateral pacts in Asia, the
// Warsaw Pact, and neutral Switzerland with a missing capability.
func coldWar() allnet.Year {
	names := []string{"USA", "UK", "France", "Italy", "Japan", "S.Korea", "Philippines", "USSR", "Poland", "Hungary", "Switzerland"}
	cow := []int{2, 200, 220, 325, 740, 732, 840, 365, 290, 310, 225}
	capability := []float64{0.20, 0.04, 0.03, 0.02, 0.05, 0.01, 0.005, 0.17, 0.015, 0.005, math.NaN()}
	y := allnet.Year{Year: 1955}
	for i := range names {
		y.States = append(y.States, allnet.State{COW: cow[i], Capability: capability[i]})
	}
	y.Ties = append(y.Ties, allnet.Clique([]int{0, 1, 2, 3}, 3180, allnet.Defense|allnet.Consultation)...)
	y.Ties = append(y.Ties,
		allnet.Tie{A: 0, B: 4, Alliance: 3225, Obligations: allnet.Defense},
		allnet.Tie{A: 0, B: 5, Alliance: 3240, Obligations: allnet.Defense},
		allnet.Tie{A: 0, B: 6, Alliance: 3215, Obligations: allnet.Defense},
	)
	y.Ties = append(y.Ties, allnet.Clique([]int{7, 8, 9}, 3285, allnet.Defense|allnet.Consultation)...)
	return y
}

func Example() {
	y := coldWar()
	g, err := allnet.Build(&y, allnet.Defense)
	if err != nil {
		panic(err)
	}
	fmt.Printf("ties %d, density %.3f, components %d\n", g.NumTies(), g.Density(), len(g.Components()))
	fmt.Printf("US betweenness %.3f\n", g.Betweenness()[0])
	for _, h := range g.Hubs(allnet.HubOptions{}) {
		fmt.Printf("state %d: %d partners, hubness %.3f, spoke density %.2f, hub %v\n",
			h.State, h.Partners, h.Hubness, h.SpokeDensity, h.IsHub)
	}
	blocs := g.Blocs(allnet.BlocOptions{Seed: 1})
	fmt.Printf("Q %.3f, blocs %v\n", blocs.Q, blocs.Blocs)
	p := allnet.PolarityOf(y.States, blocs.Blocs)
	for _, b := range p.Blocs {
		fmt.Printf("bloc %v: share %.3f\n", b.Members, b.Share)
	}
	fmt.Printf("effective poles %.2f, missing capabilities %d\n", p.EffectivePoles, p.SystemMissing)
	// Output:
	// ties 12, density 0.218, components 3
	// US betweenness 0.267
	// state 0: 6 partners, hubness 0.667, spoke density 0.20, hub true
	// state 1: 3 partners, hubness 0.278, spoke density 1.00, hub false
	// state 2: 3 partners, hubness 0.278, spoke density 1.00, hub false
	// state 3: 3 partners, hubness 0.278, spoke density 1.00, hub false
	// Q 0.406, blocs [[0 4 5 6] [1 2 3] [7 8 9]]
	// bloc [0 4 5 6]: share 0.486
	// bloc [1 2 3]: share 0.165
	// bloc [7 8 9]: share 0.349
	// effective poles 2.60, missing capabilities 1
}

func ExampleAllianceAsymmetry() {
	us, korea := 0.14, 0.014
	a := allnet.AllianceAsymmetry([]float64{us, korea})
	fmt.Printf("%s: dominance %.0f, largest share %.3f, Herfindahl %.3f\n", a.Symmetry, a.Dominance, a.LargestShare, a.Herfindahl)
	fmt.Println(allnet.AllianceAsymmetry([]float64{0.03, 0.03}).Symmetry)
	fmt.Println(allnet.AllianceAsymmetry([]float64{0.03, math.NaN()}).Symmetry)
	// Output:
	// asymmetric: dominance 10, largest share 0.909, Herfindahl 0.835
	// symmetric
	// unknown
}

func ExampleAnalyzeYears() {
	y := coldWar()
	res, err := allnet.AnalyzeYears([]allnet.Year{y}, allnet.Options{
		Mask:     allnet.Defense | allnet.Offense,
		Measures: allnet.MeasureEigenvector,
		Workers:  2,
	})
	if err != nil {
		panic(err)
	}
	r := res[0]
	fmt.Printf("%d %s: %d tied dyads, weight %d, %d isolate\n", r.Year, r.Mask, r.Ties, r.WeightedTies, r.Isolates)
	for _, c := range r.Eigenvector.Components {
		fmt.Printf("component %v: lambda %.3f\n", c.Members, c.Lambda)
	}
	fmt.Printf("US %.3f, Japan %.3f\n", r.Eigenvector.Scores[0], r.Eigenvector.Scores[4])
	// Output:
	// 1955 defense|offense: 12 tied dyads, weight 12, 1 isolate
	// component [0 1 2 3 4 5 6]: lambda 3.273
	// component [7 8 9]: lambda 2.000
	// US 1.000, Japan 0.306
}

func ExampleParseObligation() {
	m, err := allnet.ParseObligation("defense|offense")
	fmt.Println(m, err, m&allnet.Offense != 0)
	// Output:
	// defense|offense <nil> true
}
