package allnet

import (
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestBlocsTwoCliques(t *testing.T) {
	// Two separate 4-cliques and an isolate: Q = 2·(1/2 − 1/4) = 0.5.
	g := FromEdges(9, append(clique(0, 1, 2, 3), clique(4, 5, 6, 7)...))
	b := g.Blocs(BlocOptions{Seed: 1})
	want := [][]int{{0, 1, 2, 3}, {4, 5, 6, 7}}
	if !slices.EqualFunc(b.Blocs, want, slices.Equal) {
		t.Errorf("blocs %v, want %v", b.Blocs, want)
	}
	if b.Q <= 0.3 || !near(b.Q, 0.5, 1e-12) {
		t.Errorf("Q = %v, want 0.5", b.Q)
	}
	if len(b.Communities) != 3 || b.Community[8] != 2 {
		t.Errorf("isolate should be a singleton community, not a bloc: %v", b.Communities)
	}
}

func TestBlocsNoTies(t *testing.T) {
	b := FromEdges(4, nil).Blocs(BlocOptions{})
	if !math.IsNaN(b.Q) || len(b.Blocs) != 0 || len(b.Communities) != 4 {
		t.Errorf("%+v", b)
	}
}

func TestBlocsDeterministic(t *testing.T) {
	y := synthYear(7, 1960, 200, 400)
	g := mustBuild(t, &y, Any)
	first := g.Blocs(BlocOptions{Seed: 42, Runs: 3})
	for range 10 {
		// Rebuilding exercises the whole pipeline, not just a cache.
		again := mustBuild(t, &y, Any).Blocs(BlocOptions{Seed: 42, Runs: 3})
		if d := cmp.Diff(first, again, cmpopts.EquateNaNs()); d != "" {
			t.Fatalf("same seed, different partition:\n%s", d)
		}
	}
	if first.Q <= 0 {
		t.Errorf("Q = %v", first.Q)
	}
}

func TestBlocsQMatchesPartition(t *testing.T) {
	y := synthYear(8, 1960, 150, 300)
	g := mustBuild(t, &y, Any)
	b := g.Blocs(BlocOptions{Seed: 3, Runs: 4})
	// Recompute Q from the canonical partition by hand:
	// Q = Σ_c [ W_c/m − (K_c/2m)² ], W_c the internal weight and K_c the
	// summed weighted degree of community c.
	m := 0.0
	for i := range g.N() {
		m += float64(g.WeightedDegree(i))
	}
	m /= 2
	q := 0.0
	for _, c := range b.Communities {
		var in, k float64
		for _, u := range c {
			k += float64(g.WeightedDegree(u))
			for _, v := range c {
				in += float64(g.Weight(u, v))
			}
		}
		q += in/2/m - (k/2/m)*(k/2/m)
	}
	if !near(q, b.Q, 1e-12) {
		t.Errorf("Q %v, recomputed %v", b.Q, q)
	}
	// More runs never lower the best Q found.
	one := g.Blocs(BlocOptions{Seed: 3, Runs: 1})
	if one.Q > b.Q {
		t.Errorf("1 run Q %v > 4 runs Q %v", one.Q, b.Q)
	}
}
