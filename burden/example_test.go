package burden_test

import (
	"fmt"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
)

func ExampleAnalyze() {
	in := burden.Input{
		Delivered:  map[entente.ActorID]float64{"big": 60, "mid": 30, "small": 10},
		Capability: map[entente.ActorID]float64{"big": 50, "mid": 30, "small": 20},
		Benefit:    entente.BenefitRule{Kind: entente.BenefitEqual},
	}
	res := burden.Analyze(in, burden.Options{})
	for _, m := range res.Members {
		fmt.Printf("%-5s share %.2f capability %.2f exploitation %+.2f benefit balance %+.2f\n",
			m.Member, m.Share, m.CapabilityShare, m.Exploitation, m.BenefitBalance)
	}
	// Output:
	// big   share 0.60 capability 0.50 exploitation +0.20 benefit balance +0.27
	// mid   share 0.30 capability 0.30 exploitation +0.00 benefit balance -0.03
	// small share 0.10 capability 0.20 exploitation -0.50 benefit balance -0.23
}

func ExampleCostSplit() {
	in := burden.Input{
		Delivered:  map[entente.ActorID]float64{"a": 70, "b": 30},
		Capability: map[entente.ActorID]float64{"a": 3, "b": 1},
	}
	sp := burden.CostSplit(burden.SplitCapability, 120, in)
	for _, o := range sp.Owed {
		fmt.Printf("%s owes %.0f, delivered %.0f, gap %+.0f\n", o.Member, o.Owed, o.Delivered, o.Gap)
	}
	// Output:
	// a owes 90, delivered 70, gap -20
	// b owes 30, delivered 30, gap +0
}

func ExampleOlsonZeckhauser() {
	gdp := map[entente.ActorID]float64{"a": 1000, "b": 400, "c": 250, "d": 90, "e": 30, "f": 10}
	milex := map[entente.ActorID]float64{"a": 40, "b": 8, "c": 6, "d": 1.5, "e": 0.6, "f": 0.1}
	// Burdens 0.04, 0.02, 0.024, 0.0167, 0.02, 0.01: b and e tie.
	oz := burden.OlsonZeckhauser(gdp, milex)
	fmt.Printf("n %d, rho %.3f, p %.4f (%s), p_t %.4f\n", oz.N, oz.Rho, oz.P, oz.Method, oz.PT)
	// Output: n 6, rho 0.812, p 0.0611 (exact_permutation), p_t 0.0499
}

func ExampleSpearman() {
	// Ranks 1 2 3 4 5 against 2 1 4 3 5: Σd² = 4, ρ = 1 − 6·4/(5·24) = 0.8.
	c := burden.Spearman([]float64{10, 20, 30, 40, 50}, []float64{0.02, 0.01, 0.04, 0.03, 0.05})
	fmt.Printf("rho %.2f, exact p %.4f, t-approximation p %.4f\n", c.Rho, c.PExact, c.PT)
	// Output: rho 0.80, exact p 0.1333, t-approximation p 0.1041
}
