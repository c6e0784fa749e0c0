package landscape

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// sweepLabels runs the sweep on one worker and returns its minima and byte
// labels.
func sweepLabels(tb testing.TB, s *System) ([]Minimum, []uint8) {
	tb.Helper()
	labels := make([]uint8, s.Configurations())
	minima, err := s.sweep(Options{Workers: 1, MaxMinima: math.MaxInt32}, labels)
	if err != nil {
		tb.Fatal(err)
	}
	return minima, labels
}

// tiedSystem has equal sizes and propensities drawn from {−2, …, 2}, so
// that many flips tie and minima are many.
func tiedSystem(tb testing.TB, n int, seed uint64) *System {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	sizes := make([]float64, n)
	p := square(n)
	for i := range n {
		sizes[i] = 1
		for j := i + 1; j < n; j++ {
			p[i][j] = float64(rng.IntN(5) - 2)
			p[j][i] = p[i][j]
		}
	}
	s, err := NewSystem(sizes, p)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestResolveWidthsMatchReference resolves the same byte labels at every
// label width against the former 4-byte resolution: the same basin counts,
// exactly.
func TestResolveWidthsMatchReference(t *testing.T) {
	for seed := range uint64(6) {
		n := 10 + int(seed)
		for _, s := range []*System{randomSystem(t, n, seed+200), tiedSystem(t, n, seed)} {
			minima, labels := sweepLabels(t, s)
			ref := slices.Clone(minima)
			wide := make([]uint32, len(labels))
			for i, l := range labels {
				wide[i] = uint32(l)
			}
			s.refExactBasins(wide, ref)
			want := make([]float64, len(ref))
			for i, m := range ref {
				want[i] = m.Basin
			}
			check := func(width string, got []float64, err error) {
				t.Helper()
				if err != nil {
					t.Fatalf("n=%d %s: %v", n, width, err)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("n=%d %s: basins %v, reference %v", n, width, got, want)
				}
			}
			if len(minima) <= 1<<7 {
				got, err := resolve(slices.Clone(labels), minima, n)
				check("uint8", got, err)
			}
			got, err := resolve(widen[uint16](labels), minima, n)
			check("uint16", got, err)
			got, err = resolve(widen[uint32](labels), minima, n)
			check("uint32", got, err)
		}
	}
}

// TestExhaustiveFlatWidensLabels takes zero propensities, where every
// configuration is a minimum of its own basin: 256 minima resolve in
// 2-byte labels, 65,536 in 4-byte ones.
func TestExhaustiveFlatWidensLabels(t *testing.T) {
	for _, n := range []int{9, 17} {
		sizes := make([]float64, n)
		for i := range sizes {
			sizes[i] = 1
		}
		s, err := NewSystem(sizes, square(n))
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Exhaustive(Options{MaxMinima: 1 << 16})
		if err != nil {
			t.Fatal(err)
		}
		if uint64(len(res.Minima)) != s.Configurations() {
			t.Fatalf("n=%d: %d minima, want %d", n, len(res.Minima), s.Configurations())
		}
		for _, m := range res.Minima {
			if m.Basin != 1 {
				t.Fatalf("n=%d: minimum %s has basin %v, want 1", n, m.Config.Format(n), m.Basin)
			}
		}
	}
}

// TestExactBasinsReportsCycle makes two neighbouring configurations point
// at each other: resolving must fail naming the cycle, not loop for ever.
func TestExactBasinsReportsCycle(t *testing.T) {
	s := randomSystem(t, 12, 3)
	minima, labels := sweepLabels(t, s)
	isMin := map[uint64]bool{}
	for _, m := range minima {
		isMin[uint64(m.Config>>1)] = true
	}
	for g, lab := range labels {
		if lab == 0 {
			continue
		}
		next := flipIndex(uint64(g), int(lab)-1, s.n)
		if isMin[next] {
			continue
		}
		labels[next] = lab // flipping the same actor leads back to g
		err := s.exactBasins(labels, minima)
		if err == nil || !strings.Contains(err.Error(), "cycle") {
			t.Fatalf("exactBasins with a cycle between %d and %d: error %v, want one naming the cycle", g, next, err)
		}
		return
	}
	t.Fatal("no configuration with a non-minimal successor")
}

// TestPropertyWrongLabelEnds corrupts one label of a random system: the
// resolution ends, either with an error or with basins that still count
// every configuration once.
func TestPropertyWrongLabelEnds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSystem(t, 10)
		labels := make([]uint8, s.Configurations())
		minima, err := s.sweep(Options{Workers: 1, MaxMinima: math.MaxInt32}, labels)
		if err != nil {
			t.Fatal(err)
		}
		g := rapid.Uint64Range(0, s.Configurations()-1).Draw(t, "g")
		if labels[g] == 0 {
			t.Skip("a minimum")
		}
		labels[g] = uint8(rapid.IntRange(1, s.n).Draw(t, "move"))
		if err := s.exactBasins(labels, minima); err != nil {
			if !strings.Contains(err.Error(), "cycle") {
				t.Fatalf("error %v does not name the cycle", err)
			}
			return
		}
		var sum float64
		for _, m := range minima {
			sum += m.Basin
		}
		if sum != float64(s.Configurations()) {
			t.Fatalf("basins sum to %v, want %d", sum, s.Configurations())
		}
	})
}
