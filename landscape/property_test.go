package landscape

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// genSystem draws 2 to maxN actors with sizes in [0, 10] and propensities
// in [−3, 3], some of them exactly zero or repeated to produce ties.
func genSystem(t *rapid.T, maxN int) *System {
	n := rapid.IntRange(2, maxN).Draw(t, "n")
	sizes := rapid.SliceOfN(rapid.Float64Range(0, 10), n, n).Draw(t, "sizes")
	p := square(n)
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := rapid.OneOf(rapid.Float64Range(-3, 3), rapid.SampledFrom([]float64{0, 1, -1})).Draw(t, "p")
			p[i][j], p[j][i] = v, v
		}
	}
	s, err := NewSystem(sizes, p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPropertyGrayEnergiesMatchDirect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSystem(t, 12)
		seen := make(map[Config]bool, s.Configurations())
		scale := math.Abs(s.total) + s.tol/Tolerance
		s.Walk(func(c Config, e float64) bool {
			if c&1 != 0 {
				t.Fatalf("configuration %s has actor 0 in bloc B", c.Format(s.N()))
			}
			if seen[c] {
				t.Fatalf("configuration %s visited twice", c.Format(s.N()))
			}
			seen[c] = true
			if want := s.Energy(c); math.Abs(e-want) > 1e-12*scale {
				t.Fatalf("incremental energy of %s = %v, direct %v", c.Format(s.N()), e, want)
			}
			return true
		})
		if uint64(len(seen)) != s.Configurations() {
			t.Fatalf("visited %d configurations, want %d", len(seen), s.Configurations())
		}
	})
}

func TestPropertyExhaustiveMatchesOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSystem(t, 9)
		res, err := s.Exhaustive(Options{MaxMinima: 1 << 10})
		if err != nil {
			t.Fatal(err)
		}
		want := oracle(s)
		if len(res.Minima) != len(want) {
			t.Fatalf("%d minima, oracle %d", len(res.Minima), len(want))
		}
		var sum float64
		for _, m := range res.Minima {
			if want[m.Config] != m.Basin {
				t.Fatalf("minimum %s: basin %v, oracle %v", m.Config.Format(s.N()), m.Basin, want[m.Config])
			}
			sum += m.Basin
		}
		if sum != float64(s.Configurations()) {
			t.Fatalf("basins sum to %v, want %d", sum, s.Configurations())
		}
	})
}

func TestPropertyMinimaAreStable(t *testing.T) {
	// The energy of every minimum found by search is no higher than that
	// of any configuration one flip away, and the complement of a
	// configuration has the same energy.
	rapid.Check(t, func(t *rapid.T) {
		s := genSystem(t, 20)
		res, err := s.Search(Options{Restarts: 20, Seed: rapid.Uint64().Draw(t, "seed"), MaxMinima: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		n := s.N()
		for _, m := range res.Minima {
			for k := range n {
				if d := s.FlipDelta(m.Config, k); d < -s.tol {
					t.Fatalf("minimum %s: flipping %d lowers the energy by %v", m.Config.Format(n), k, -d)
				}
			}
			if e := s.Energy(^m.Config & mask(n)); math.Abs(e-m.Energy) > 1e-12*max(1, math.Abs(e)) {
				t.Fatalf("complement energy %v, want %v", e, m.Energy)
			}
		}
	})
}

// TestPropertyExhaustiveMatchesBruteForce checks the tuned sweep against
// configuration-by-configuration brute force (IsLocalMin and Descend,
// which compute every field directly) on random systems of up to 13
// actors, with and without basins and on one and two workers: the same
// minima, the same energies, and basins that count every configuration
// once.
func TestPropertyExhaustiveMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSystem(t, 13)
		n := s.N()
		var minima []Config
		for g := range s.Configurations() {
			if c := Config(g << 1); s.IsLocalMin(c) {
				minima = append(minima, c)
			}
		}
		basins := oracle(s)
		for _, noBasins := range []bool{false, true} {
			for _, w := range []int{1, 2} {
				res, err := s.Exhaustive(Options{NoBasins: noBasins, Workers: w, MaxMinima: 1 << 13})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Minima) != len(minima) {
					t.Fatalf("noBasins=%v workers=%d: %d minima, brute force %d", noBasins, w, len(res.Minima), len(minima))
				}
				for _, m := range res.Minima {
					if !s.IsLocalMin(m.Config) {
						t.Fatalf("%s is not a local minimum", m.Config.Format(n))
					}
					if e := s.Energy(m.Config); m.Energy != e {
						t.Fatalf("%s: energy %v, direct %v", m.Config.Format(n), m.Energy, e)
					}
					want := basins[m.Config]
					if noBasins {
						want = 0
					}
					if m.Basin != want {
						t.Fatalf("noBasins=%v %s: basin %v, brute force %v", noBasins, m.Config.Format(n), m.Basin, want)
					}
				}
			}
		}
	})
}
