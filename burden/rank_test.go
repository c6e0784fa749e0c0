package burden_test

import (
	"math"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"github.com/google/go-cmp/cmp"
)

// The reference p-values below do not come from gonum. The t-approximation
// p-values use the closed forms of Student's t distribution in Abramowitz
// and Stegun (1964), Handbook of Mathematical Functions, 26.7.3. With
// θ = arctan(t/√ν) and t = ρ·sqrt(ν/(1−ρ²)), sin θ = |ρ| and
// cos² θ = 1 − ρ², so the two-sided p-value is
//
//	ν = 3:      p = 1 − (2/π)·(arcsin|ρ| + |ρ|·sqrt(1−ρ²))
//	ν even:     p = 1 − |ρ|·Σ_{j<ν/2} C(2j, j)/4^j · (1−ρ²)^j
//	            (coefficients 1, 1/2, 3/8, 5/16, 35/128, …)
//
// The exact permutation p-values were counted by enumerating every
// ordering (by hand for n = 5, by a short Python loop over
// itertools.permutations for the others), and agree with the standard
// table of Spearman's ρ: for n = 5, P(ρ ≥ 0.8) = 0.067 one-sided.
func TestSpearmanHandWorked(t *testing.T) {
	tests := []struct {
		name   string
		x, y   []float64
		rho    float64
		pt     float64
		pexact float64 // NaN above n = 10
		method burden.Method
	}{
		{
			// x ranks 1 2 3 4 5; y ranks 2 1 4 3 5; d = −1 1 −1 1 0, Σd² = 4.
			// ρ = 1 − 6·4/(5·24) = 0.8. ν = 3: p_t = 1 − (2/π)(arcsin 0.8 +
			// 0.8·0.6) = 1 − 0.63662·1.40730 = 0.104088.
			// Exact: orderings with Σd² ≤ 4 are the identity (0), the four
			// adjacent swaps (2) and the three pairs of disjoint adjacent
			// swaps (4): 8; as many reversed have ρ ≤ −0.8; p = 16/120.
			name: "n=5, no ties",
			x:    []float64{10, 20, 30, 40, 50}, y: []float64{0.02, 0.01, 0.04, 0.03, 0.05},
			rho: 0.8, pt: 0.10408803866182781, pexact: 16.0 / 120, method: burden.MethodExact,
		},
		{
			// x = 3 1 4 1 5 9 → ranks 3 1.5 4 1.5 5 6 (the two 1s share 1.5).
			// y = 2 7 1 8 2 8 → ranks 2.5 4 1 5.5 2.5 5.5.
			// Deviations from 3.5: dx = −.5 −2 .5 −2 1.5 2.5,
			// dy = −1 .5 −2.5 2 −1 2; Σdxdy = −2.25, Σdx² = 17, Σdy² = 16.5;
			// ρ = −2.25/√280.5 = −0.134343 (with ties Σd² no longer gives ρ).
			// ν = 4: p_t = 1 − 0.134343·(1 + (1−ρ²)/2) = 0.799697.
			// Exact: 584 of the 720 orderings reach |Σdxdy| ≥ 2.25.
			name: "n=6, ties",
			x:    []float64{3, 1, 4, 1, 5, 9}, y: []float64{2, 7, 1, 8, 2, 8},
			rho: -2.25 / math.Sqrt(280.5), pt: 0.7996973387806547, pexact: 584.0 / 720, method: burden.MethodExact,
		},
		{
			// x ranks 1..10; y ranks 2 1 4 3 6 5 8 7 10 9: d = ±1, Σd² = 10;
			// ρ = 1 − 60/990 = 0.939394. Exact: 746 of 10! orderings.
			name: "n=10, exact reported",
			x:    []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, y: []float64{2, 1, 4, 3, 6, 5, 8, 7, 10, 9},
			rho: 1 - 60.0/990, pt: 5.484052998527833e-05, pexact: 746.0 / 3628800, method: burden.MethodExact,
		},
		{
			// x ranks 1..12; y ranks 5 1 9 2 12 3 7 4 11 6 8 10;
			// d = −4 1 −6 2 −7 3 0 4 −2 4 3 2, Σd² = 164;
			// ρ = 1 − 6·164/(12·143) = 0.426573. ν = 10:
			// p_t = 1 − ρ(1 + x/2 + 3x²/8 + 5x³/16 + 35x⁴/128), x = 1 − ρ²,
			// = 0.166700. Above n = 10 only p_t is computed and reported.
			name: "n=12, t reported",
			x:    []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, y: []float64{5, 1, 9, 2, 12, 3, 7, 4, 11, 6, 8, 10},
			rho: 1 - 6*164.0/(12*143), pt: 0.1666999876249452, pexact: nan, method: burden.MethodT,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := burden.Spearman(tt.x, tt.y)
			if c.N != len(tt.x) || c.DF != len(tt.x)-2 || c.Method != tt.method {
				t.Errorf("n %d, df %d, method %s; want %d, %d, %s", c.N, c.DF, c.Method, len(tt.x), len(tt.x)-2, tt.method)
			}
			checkNear(t, "rho", c.Rho, tt.rho, 1e-12)
			checkNear(t, "t", c.T, tt.rho*math.Sqrt(float64(len(tt.x)-2)/(1-tt.rho*tt.rho)), 1e-9)
			checkNear(t, "p (t)", c.PT, tt.pt, 1e-9)
			checkNear(t, "p (exact)", c.PExact, tt.pexact, 1e-12)
			want := tt.pexact
			if tt.method == burden.MethodT {
				want = tt.pt
			}
			checkNear(t, "reported p", c.P, want, 1e-9)
		})
	}
}

func TestSpearmanEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		n    int
		rho  float64
		pt   float64
		p    float64
	}{
		{"empty", nil, nil, 0, nan, nan, nan},
		{"one pair", []float64{1}, []float64{2}, 1, nan, nan, nan},
		// Two pairs: ρ = ±1 always, so both orderings reach it: p = 1.
		{"two pairs", []float64{1, 2}, []float64{3, 4}, 2, 1, nan, 1},
		{"constant side", []float64{1, 2, 3}, []float64{5, 5, 5}, 3, nan, nan, nan},
		// Perfect agreement: t is infinite and p_t 0; exact p = 2/4! = 1/12.
		{"perfect, n=4", []float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}, 4, 1, 0, 2.0 / 24},
		// NaN and infinite pairs are dropped: what is left is the n=4 case.
		{"NaN dropped", []float64{1, nan, 2, 3, 4, 7}, []float64{10, 5, 20, 30, 40, math.Inf(1)}, 4, 1, 0, 2.0 / 24},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := burden.Spearman(tt.x, tt.y)
			if c.N != tt.n {
				t.Errorf("n = %d, want %d", c.N, tt.n)
			}
			checkNear(t, "rho", c.Rho, tt.rho, 1e-12)
			checkNear(t, "p (t)", c.PT, tt.pt, 1e-12)
			checkNear(t, "p", c.P, tt.p, 1e-12)
		})
	}
}

func TestOlsonZeckhauser(t *testing.T) {
	// Five allies whose burden (spending/GDP) rises with size, as Olson and
	// Zeckhauser predict, and three with data missing for the year.
	gdp := map[entente.ActorID]float64{"us": 500, "uk": 100, "fr": 90, "be": 20, "lu": 2, "is": nan, "no": 30, "dk": 0}
	spending := map[entente.ActorID]float64{"us": 30, "uk": 5, "fr": 4, "be": 0.5, "lu": 0.01, "is": 0.1, "dk": 0.2}
	oz := burden.OlsonZeckhauser(gdp, spending)
	// Burdens: us 0.06, uk 0.05, fr 0.0444, be 0.025, lu 0.005: same order
	// as GDP, ρ = 1; exact p = 2/5! = 1/60.
	if diff := cmp.Diff([]entente.ActorID{"be", "fr", "lu", "uk", "us"}, oz.Members); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]entente.ActorID{"dk", "is", "no"}, oz.Dropped); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}
	if oz.N != 5 {
		t.Errorf("n = %d, want 5", oz.N)
	}
	checkNear(t, "burden of be", oz.Burden[0], 0.025, 1e-15)
	checkNear(t, "rho", oz.Rho, 1, 1e-12)
	checkNear(t, "p", oz.P, 1.0/60, 1e-12)
}
