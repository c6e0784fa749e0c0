package allnet

import (
	"math"
	"math/rand/v2"
)

// star is a centre 0 tied to spokes 1..n-1.
func star(n int) *Network {
	var e [][3]int
	for i := 1; i < n; i++ {
		e = append(e, [3]int{0, i, 1})
	}
	return FromEdges(n, e)
}

// path is 0-1-...-(n-1).
func path(n int) *Network {
	var e [][3]int
	for i := 1; i < n; i++ {
		e = append(e, [3]int{i - 1, i, 1})
	}
	return FromEdges(n, e)
}

// clique ties every pair of members with weight 1.
func clique(members ...int) [][3]int {
	var e [][3]int
	for i, a := range members {
		for _, b := range members[i+1:] {
			e = append(e, [3]int{a, b, 1})
		}
	}
	return e
}

// synthYear is a seeded synthetic year shaped like the post-1945 system:
// n states with skewed capabilities (about 3% missing), a few multilateral
// alliances, two hubs with bilateral spokes, and random bilateral pacts,
// about ties dyadic ties in all, with mixed obligation types.
func synthYear(seed uint64, year, n, ties int) Year {
	rng := rand.New(rand.NewPCG(seed, uint64(year)))
	y := Year{Year: year, States: make([]State, n)}
	for i := range y.States {
		c := math.Exp(rng.NormFloat64()*1.5) / 1000
		if rng.IntN(33) == 0 {
			c = math.NaN()
		}
		y.States[i] = State{COW: 2 + 5*i, Capability: c}
	}
	id := 1
	randomObl := func() Obligation {
		o := Obligation(1 + rng.IntN(int(Any)))
		if rng.IntN(2) == 0 {
			o |= Defense
		}
		return o
	}
	// Multilateral alliances: a few regional cliques.
	for len(y.Ties) < ties/2 {
		size := 3 + rng.IntN(7)
		members := rng.Perm(n)[:size]
		y.Ties = append(y.Ties, Clique(members, id, randomObl())...)
		id++
	}
	// Two hubs with bilateral spokes.
	for h := range 2 {
		for range 6 + rng.IntN(6) {
			s := rng.IntN(n)
			if s != h {
				y.Ties = append(y.Ties, Tie{A: h, B: s, Alliance: id, Obligations: Defense})
				id++
			}
		}
	}
	// Random bilateral pacts, some repeating a dyad.
	for len(y.Ties) < ties {
		a, b := rng.IntN(n), rng.IntN(n)
		if a != b {
			y.Ties = append(y.Ties, Tie{A: a, B: b, Alliance: id, Obligations: randomObl()})
			id++
		}
	}
	return y
}

// synthYears is the synthetic panel 1816..2018: the system and the number
// of ties grow over time, up to n states and maxTies ties.
func synthYears(seed uint64, n, maxTies int) []Year {
	var ys []Year
	for year := 1816; year <= 2018; year++ {
		f := float64(year-1816+20) / float64(2018-1816+20)
		ys = append(ys, synthYear(seed, year, max(int(f*float64(n)), 10), max(int(f*float64(maxTies)), 10)))
	}
	return ys
}

// mustBuild builds or fails the test.
func mustBuild(t interface{ Fatal(...any) }, y *Year, m Obligation) *Network {
	g, err := Build(y, m)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// near reports |a-b| <= tol.
func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
